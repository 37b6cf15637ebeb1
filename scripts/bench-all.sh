#!/usr/bin/env bash
# `npm run bench [-- --quick]`: builds once, makes sure the private PostgreSQL and the Kafka broker
# of infra/ are running (as bench-pipeline.sh does), then runs every benchmark of issue 13 in
# sequence and prints their JSON lines together at the end (apps/cli/src/bench/all-benches.ts).
# Exits non-zero if any bench failed (after the others ran). See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
npx turbo run build --output-logs=errors-only >&2
# shellcheck source=bench-services.sh
source scripts/bench-services.sh
bench_services_up
node apps/cli/dist/bench/all-benches.js "$@"
