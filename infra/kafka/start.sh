#!/usr/bin/env bash
# Start a single-node Apache Kafka 4.x KRaft broker (broker+controller) on 127.0.0.1, in the
# background, and wait until it really serves clients. Idempotent.
#
#   infra/kafka/start.sh [--clean]      --clean: stop a broker on this data dir and wipe it first
#
# Env: KAFKA_PORT             client (PLAINTEXT) port        default 19092
#      KAFKA_CONTROLLER_PORT  KRaft controller port          default 19093
#      KAFKA_DATA             data dir (config, logs, pid)   default infra/kafka/data
#      KAFKA_START_TIMEOUT    seconds to wait for readiness  default 90
#      KAFKA_HEAP_OPTS        default "-Xms256m -Xmx1g"
#      KAFKA_JAVA_OPTS        extra JVM options
#      KAFKA_EXTRA_PROPS      extra lines appended to server.properties
# Progress goes to stderr; the only stdout line is KAFKA_BROKERS=127.0.0.1:<port>,
# so `export "$(infra/kafka/start.sh)"` works.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$DIR/common.sh"

CLEAN=0
for arg in "$@"; do
  case "$arg" in
    --clean) CLEAN=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
BROKERS="127.0.0.1:$KAFKA_PORT"

if [[ $CLEAN == 1 ]]; then
  "$DIR/stop.sh" --clean >&2
fi

command -v node >/dev/null 2>&1 || die "node not found on PATH (needed for the cluster id and the kafkajs readiness probe)"
(cd "$DIR" && node -e 'require.resolve("kafkajs")' >/dev/null 2>&1) \
  || die "kafkajs cannot be resolved from $DIR (the readiness probe needs it); run 'npm ci' at the repo root first"

# ---- already running? ------------------------------------------------------------------
if pid="$(running_pid)"; then
  log "broker already running (pid $pid, data $KAFKA_DATA); checking health"
  if wait_ready "$pid" "$TIMEOUT" quiet; then
    log "already running and healthy"
    echo "KAFKA_BROKERS=$BROKERS"
    exit 0
  fi
  die "broker pid $pid is running but not healthy on $BROKERS; see $KAFKA_DATA/broker.log or run infra/kafka/stop.sh"
fi

for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if port_open "$p"; then
    die "port 127.0.0.1:$p is already in use by another process (not the broker of $KAFKA_DATA); set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
  fi
done

# ---- jars ------------------------------------------------------------------------------
"$DIR/fetch.sh" >&2
JAVA="$(java_bin)"

# ---- config ----------------------------------------------------------------------------
mkdir -p "$KAFKA_DATA"
write_server_properties

# ---- format (once per data dir) ----------------------------------------------------------
if [[ ! -f "$LOG_DIRS/meta.properties" ]]; then
  # Cluster id in Kafka's Uuid format (22 chars, base64url of 16 random bytes), made in Node, not a JVM.
  CID="$(node -e '
    const c = require("crypto");
    let id;
    do { id = Buffer.from(c.randomUUID().replace(/-/g, ""), "hex").toString("base64url"); } while (id.startsWith("-"));
    process.stdout.write(id);')"
  log "formatting $LOG_DIRS (cluster id $CID)"
  t0=$(now_ms)
  if ! out="$("$JAVA" -Xmx256m -Dlog4j2.configurationFile="$DIR/log4j2-tools.properties" \
        -cp "$DIR/libs/*" kafka.tools.StorageTool format -t "$CID" -c "$CONF" 2>&1)"; then
    echo "$out" >&2
    die "storage format failed"
  fi
  log "$out (took $(( $(now_ms) - t0 )) ms)"
fi

# ---- start -------------------------------------------------------------------------------
[[ -f "$BROKER_LOG" ]] && mv -f "$BROKER_LOG" "$BROKER_LOG.1"
rm -f "$PIDFILE"
# shellcheck disable=SC2206
HEAP=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g})
# shellcheck disable=SC2206
EXTRA=(${KAFKA_JAVA_OPTS:-})
JVM_OPTS=("${HEAP[@]}" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$DIR/log4j2-server.properties" ${EXTRA[@]+"${EXTRA[@]}"})

log "starting broker on $BROKERS (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), log $BROKER_LOG"
t0=$(now_ms)
# The wrapper writes its own pid, then execs java: the pid file holds the JVM's pid whether or
# not setsid forks. setsid detaches the broker from the caller's process group / terminal.
SETSID=(); command -v setsid >/dev/null 2>&1 && SETSID=(setsid)
${SETSID[@]+"${SETSID[@]}"} bash -c 'echo $$ > "$0"; exec "$@"' "$PIDFILE" \
  "$JAVA" "${JVM_OPTS[@]}" -cp "$DIR/libs/*" kafka.Kafka "$CONF" \
  >"$BROKER_LOG" 2>&1 </dev/null &
for _ in $(seq 1 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
[[ -s "$PIDFILE" ]] || die "broker process did not write $PIDFILE"
pid="$(cat "$PIDFILE")"

if ! wait_ready "$pid" "$TIMEOUT"; then
  log "stopping the broker that did not become ready"
  "$DIR/stop.sh" >&2 || true
  exit 1
fi
log "broker ready in $(( $(now_ms) - t0 )) ms (pid $pid)"
echo "KAFKA_BROKERS=$BROKERS"
