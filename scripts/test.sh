#!/usr/bin/env bash
# `npm test`: the whole suite. Checks the formatting (Prettier), starts the private PostgreSQL the
# integration tests use (idempotent) and the single-node Kafka broker of infra/kafka (stopped again
# at the end if this script started it), builds everything (the browser test needs the built web
# client), then typecheck, lint and test every package through Turborepo: each package's `test`
# runs its three tiers (unit, integration, e2e; `npm run test:unit` etc. run one).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

# First, as it takes seconds and needs nothing: `npm run format` fixes what it reports.
npm run --silent format:check

# A PostgreSQL already answering on the port (another checkout's cluster) is used as it is.
if ! pg_isready -q -h 127.0.0.1 -p "${LONGVIEW_PG_PORT:-54329}" 2>/dev/null; then bash infra/postgres/start.sh; fi
# shellcheck source=/dev/null
source infra/postgres/env.sh

# Kafka for the distributed-mode tests (packages/messaging, apps/query-service/test/distributed).
# start.sh prints KAFKA_BROKERS=... as its only stdout line; it is idempotent.
kafka_pid_file="${KAFKA_DATA:-infra/kafka/data}/kafka.pid"
kafka_was_running=no
if [ -f "$kafka_pid_file" ] && kill -0 "$(cat "$kafka_pid_file")" 2>/dev/null; then kafka_was_running=yes; fi
log=$(mktemp)
cleanup() {
  rm -f "$log"
  if [ "$kafka_was_running" = no ]; then bash infra/kafka/stop.sh >&2 || true; fi
}
trap cleanup EXIT
kafka_line=$(bash infra/kafka/start.sh) # a failed start stops the script here (set -e)
export "${kafka_line:?infra/kafka/start.sh printed no KAFKA_BROKERS line}"
echo "Kafka for the tests: $KAFKA_BROKERS"

npx turbo run build --output-logs=errors-only
npx turbo run typecheck lint --output-logs=errors-only
# --continue: report every failing package, not just the first.
npx turbo run test --concurrency=1 --continue --output-logs=full | tee "$log"

# One closing line for the whole suite, summed from each package's jest summary line.
grep -Eo '[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" |
  awk '{ p += $1; f += $3; s += $5 } END { printf "\ntests: %d passed, %d failed, %d skipped\n", p, f, s }'
