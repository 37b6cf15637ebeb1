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
npx turbo run test --concurrency=1 --continue --output-logs=full
