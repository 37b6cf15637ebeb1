#!/usr/bin/env bash
# `npm test`: the whole suite. Starts the private PostgreSQL the integration tests use (idempotent),
# builds everything (the browser test needs the built web client), then typecheck, lint and test
# every package through Turborepo.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

bash infra/postgres/start.sh
# shellcheck source=/dev/null
source infra/postgres/env.sh

npx turbo run build --output-logs=errors-only
npx turbo run typecheck lint --output-logs=errors-only
# --continue: report every failing package, not just the first.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
npx turbo run test --concurrency=1 --continue --output-logs=full | tee "$log"

# One closing line for the whole suite, summed from each package's jest summary line.
grep -Eo '[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" |
  awk '{ p += $1; f += $3; s += $5 } END { printf "\ntests: %d passed, %d failed, %d skipped\n", p, f, s }'
