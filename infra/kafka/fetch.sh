#!/usr/bin/env bash
# Copy the runtime jars of an Apache Kafka KRaft broker from Maven Central into
# infra/kafka/libs/ (see pom.xml). Idempotent: skips when libs/.fetched matches
# the versions in pom.xml. Works without a terminal or stdin (mvn -B).
#
# Env: MVN_ARGS  extra arguments for mvn (e.g. "-o", "-s settings.xml",
#                "-Dmaven.repo.local=/tmp/m2")
#      KAFKA_FETCH_FORCE=1  re-copy even when the marker matches
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIBS="$DIR/libs"
MARKER="$LIBS/.fetched"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

log() { echo "[kafka/fetch] $*"; }
die() { echo "[kafka/fetch] ERROR: $*" >&2; exit 1; }

prop() { sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" "$DIR/pom.xml" | head -1; }
KAFKA_VERSION="$(prop kafka.version)"
LOG4J_VERSION="$(prop log4j.version)"
[[ -n "$KAFKA_VERSION" && -n "$LOG4J_VERSION" ]] || die "cannot read kafka.version/log4j.version from $DIR/pom.xml"
POM_SUM="$(sha256sum "$DIR/pom.xml" | cut -c1-16)"
WANT="kafka_2.13=$KAFKA_VERSION log4j=$LOG4J_VERSION pom=$POM_SUM"

if [[ "${KAFKA_FETCH_FORCE:-0}" != 1 && -f "$MARKER" && "$(cat "$MARKER")" == "$WANT" ]] \
   && compgen -G "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null; then
  log "jars already present ($WANT, $(ls "$LIBS"/*.jar | wc -l) jars); skipping"
  exit 0
fi

missing=()
command -v java >/dev/null 2>&1 || missing+=(java)
command -v mvn  >/dev/null 2>&1 || missing+=(mvn)
if ((${#missing[@]})); then
  die "not found on PATH: ${missing[*]}. Install Java 17 and Maven: apt-get install -y openjdk-17-jdk-headless maven"
fi
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
if [[ -n "$java_major" && "$java_major" -lt 17 ]]; then
  die "Java $java_major found, Kafka 4.x needs Java 17+; install Java 17 and Maven: apt-get install -y openjdk-17-jdk-headless maven"
fi

log "fetching Kafka $KAFKA_VERSION (log4j $LOG4J_VERSION) runtime jars from Maven Central into $LIBS"
start=$(date +%s)
# Jars land in libs/.incoming (inside the gitignored libs/); the marker is written last, so an
# interrupted fetch is simply redone next time.
TMP="$LIBS/.incoming"
MVNLOG="$(mktemp)"
trap 'rm -rf "$TMP" "$MVNLOG"' EXIT
rm -rf "$TMP" "$MARKER"
mkdir -p "$TMP"

# shellcheck disable=SC2086
set +e
mvn -B ${MVN_ARGS:-} -f "$DIR/pom.xml" \
  "$DEP_PLUGIN:copy-dependencies" \
  -DincludeScope=runtime -DoutputDirectory="$TMP" </dev/null 2>&1 \
  | tee "$MVNLOG" \
  | awk '/Downloaded from/ { n++; if (n % 20 == 0) { printf "[kafka/fetch]   %d artifacts downloaded...\n", n; fflush() } }
         END { if (n) printf "[kafka/fetch]   %d files downloaded from the registry\n", n }'
rc=${PIPESTATUS[0]}
set -e
if [[ $rc -ne 0 ]]; then
  echo "----- last 40 lines of mvn output -----" >&2
  tail -40 "$MVNLOG" >&2
  die "mvn failed (exit $rc)"
fi
compgen -G "$TMP/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null || die "kafka_2.13-$KAFKA_VERSION.jar missing after copy"
compgen -G "$TMP/log4j-slf4j-impl-*.jar" >/dev/null || die "log4j-slf4j-impl jar missing after copy"

rm -f "$LIBS"/*.jar
mv "$TMP"/*.jar "$LIBS"/
echo "$WANT" > "$MARKER"
log "done in $(( $(date +%s) - start ))s: $(ls "$LIBS"/*.jar | wc -l) jars, $(du -sh "$LIBS" | cut -f1) in $LIBS"
