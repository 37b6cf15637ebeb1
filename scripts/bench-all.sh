#!/usr/bin/env bash
# `npm run bench [-- --quick]`: builds once, makes sure the private PostgreSQL and the Kafka broker
# of infra/ are running (as bench-pipeline.sh does), then runs every benchmark of issue 13 in
# sequence and prints their JSON lines together at the end (apps/cli/src/bench/all-benches.ts).
# Exits non-zero if any bench failed (after the others ran). See docs/benchmarks.md.
set -euo pipefail
# shellcheck source=bench-services.sh
source "$(dirname "$0")/bench-services.sh"
bench_prepare
node apps/cli/dist/bench/all-benches.js "$@"
