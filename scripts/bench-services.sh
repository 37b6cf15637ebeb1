# Sourced by scripts/bench-pipeline.sh and scripts/bench-all.sh. `bench_prepare` goes to the repository
# root, builds every package and calls `bench_services_up`. `bench_services_up` makes sure the
# private PostgreSQL and the Kafka broker of infra/ are running and exports KAFKA_BROKERS. Services
# that were already running are used as they are and left running; a Kafka broker started here is
# stopped again when the calling script exits. Progress goes to stderr.
bench_services_up() {
  # A PostgreSQL already answering on the port (e.g. started by npm test from another checkout) is used as it is.
  if ! pg_isready -q -h 127.0.0.1 -p "${LONGVIEW_PG_PORT:-54329}" 2>/dev/null; then bash infra/postgres/start.sh >&2; fi
  if [ -n "${KAFKA_BROKERS:-}" ]; then return 0; fi
  local pid_file="${KAFKA_DATA:-infra/kafka/data}/kafka.pid" kafka_started=no kafka_line
  if ! { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }; then kafka_started=yes; fi
  kafka_line=$(bash infra/kafka/start.sh)
  export "${kafka_line:?infra/kafka/start.sh printed no KAFKA_BROKERS line}"
  if [ "$kafka_started" = yes ]; then trap 'bash infra/kafka/stop.sh >&2 || true' EXIT; fi
}

bench_prepare() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  export TURBO_TELEMETRY_DISABLED=1
  npx turbo run build --output-logs=errors-only >&2
  bench_services_up
}
