#!/usr/bin/env bash
# `npm run bench:pipeline`: builds, makes sure the private PostgreSQL and the Kafka broker of infra/
# are running (leaving them running if they already were; stopping Kafka again if this started it),
# then runs `longview bench pipeline` with any extra arguments. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
npx turbo run build --output-logs=errors-only >&2
# A PostgreSQL already answering on the port (e.g. started by npm test from another checkout) is used as it is.
if ! pg_isready -q -h 127.0.0.1 -p "${LONGVIEW_PG_PORT:-54329}" 2>/dev/null; then bash infra/postgres/start.sh >&2; fi
kafka_started=no
if [ -z "${KAFKA_BROKERS:-}" ]; then
  pid_file="${KAFKA_DATA:-infra/kafka/data}/kafka.pid"
  if ! { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }; then kafka_started=yes; fi
  kafka_line=$(bash infra/kafka/start.sh)
  export "${kafka_line:?infra/kafka/start.sh printed no KAFKA_BROKERS line}"
fi
if [ "$kafka_started" = yes ]; then trap 'bash infra/kafka/stop.sh >&2 || true' EXIT; fi
node apps/cli/bin/longview.js bench pipeline "$@"
