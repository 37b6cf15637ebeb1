# shellcheck shell=bash
# Shared by start.sh / stop.sh. Not meant to be run directly.

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_DATA="${KAFKA_DATA:-$DIR/data}"
case "$KAFKA_DATA" in /*) ;; *) KAFKA_DATA="$PWD/$KAFKA_DATA" ;; esac
KAFKA_DATA="${KAFKA_DATA%/}"
CONF="$KAFKA_DATA/server.properties"
LOG_DIRS="$KAFKA_DATA/kraft-logs"
BROKER_LOG="$KAFKA_DATA/broker.log"
PIDFILE="$KAFKA_DATA/kafka.pid"

log() { echo "[kafka] $*" >&2; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

java_bin() {
  local j
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then j="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then j="$(command -v java)"
  else die "java not found; install Java 17 and Maven: apt-get install -y openjdk-17-jdk-headless maven"; fi
  echo "$j"
}

# alive PID: the process exists and is not a zombie. (A broker started in the background is
# re-parented to PID 1; a zombie lingers until PID 1 reaps it, which took ~2 s here.)
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local st; st="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [[ -n "$st" && "$st" != Z && "$st" != X ]]
}

# pid of the broker that uses $CONF, if it is alive
running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  local cmd; cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *kafka.Kafka*"$CONF"* ]] || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_server_properties() {
  cat > "$CONF" <<PROPS
# Written by infra/kafka/start.sh on every start; edits are overwritten (use KAFKA_EXTRA_PROPS).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$LOG_DIRS
auto.create.topics.enable=true
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
${KAFKA_EXTRA_PROPS:-}
PROPS
}

# wait_ready PID TIMEOUT_S [quiet]: "Kafka Server started" in the log AND a kafkajs admin
# round trip (probe.js). Fails fast when the process dies.
wait_ready() {
  local pid="$1" timeout="$2" quiet="${3:-}" deadline started=0 last_note=0 probe_out=""
  deadline=$(( $(date +%s) + timeout ))
  while :; do
    if ! alive "$pid"; then
      log "broker process $pid exited; last 40 lines of $BROKER_LOG:"
      tail -40 "$BROKER_LOG" >&2 || true
      return 1
    fi
    if [[ $started == 0 ]] && grep -q 'Kafka Server started' "$BROKER_LOG" 2>/dev/null; then
      started=1
      [[ -n "$quiet" ]] || log "log says 'Kafka Server started'; probing with kafkajs"
    fi
    if grep -q 'Exiting Kafka due to fatal exception' "$BROKER_LOG" 2>/dev/null; then
      log "broker reported a fatal error; last 40 lines of $BROKER_LOG:"
      tail -40 "$BROKER_LOG" >&2 || true
      return 1
    fi
    if [[ $started == 1 ]]; then
      if probe_out="$(KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" node "$DIR/probe.js" 2>&1)"; then
        [[ -n "$quiet" ]] || log "$probe_out"
        return 0
      fi
      if [[ "$probe_out" == *"Cannot find module"* ]]; then
        log "the kafkajs probe cannot run: $(grep -m1 'Cannot find module' <<<"$probe_out")"
        log "kafkajs must be resolvable from $DIR (npm ci at the repo root, or NODE_PATH)"
        return 1
      fi
    fi
    if (( $(date +%s) >= deadline )); then
      log "broker not ready after ${timeout}s; last 40 lines of $BROKER_LOG:"
      tail -40 "$BROKER_LOG" >&2 || true
      [[ -z "$probe_out" ]] || log "last kafkajs probe: $probe_out"
      return 1
    fi
    if [[ -z "$quiet" ]] && (( $(date +%s) - last_note >= 10 )); then
      [[ $last_note == 0 ]] || log "still waiting ($(( deadline - $(date +%s) ))s left)"
      last_note=$(date +%s)
    fi
    sleep 0.3
  done
}
