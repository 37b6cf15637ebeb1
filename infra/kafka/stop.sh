#!/usr/bin/env bash
# Stop the broker of $KAFKA_DATA (default infra/kafka/data): SIGTERM, wait up to
# KAFKA_STOP_TIMEOUT (default 20) s, then SIGKILL. Idempotent.
#   infra/kafka/stop.sh [--clean]     --clean: also delete the data dir
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$DIR/common.sh"

CLEAN=0
for arg in "$@"; do
  case "$arg" in
    --clean) CLEAN=1 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"

if pid="$(running_pid)"; then
  log "stopping broker pid $pid (SIGTERM, up to ${STOP_TIMEOUT}s)"
  t0=$(now_ms)
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + STOP_TIMEOUT ))
  while alive "$pid" && (( $(date +%s) < deadline )); do sleep 0.1; done
  if alive "$pid"; then
    log "still alive after ${STOP_TIMEOUT}s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  fi
  rm -f "$PIDFILE"
  log "stopped in $(( $(now_ms) - t0 )) ms"
else
  [[ -f "$PIDFILE" ]] && rm -f "$PIDFILE"
  log "no broker running for $KAFKA_DATA"
fi

if [[ $CLEAN == 1 ]]; then
  case "$KAFKA_DATA" in
    ""|/|"$HOME"|"$DIR") die "refusing to delete '$KAFKA_DATA'" ;;
  esac
  if [[ -e "$KAFKA_DATA" ]]; then
    rm -rf "$KAFKA_DATA"
    log "deleted $KAFKA_DATA"
  fi
fi
