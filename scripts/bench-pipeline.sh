#!/usr/bin/env bash
# `npm run bench:pipeline`: builds, makes sure the private PostgreSQL and the Kafka broker of infra/
# are running (leaving them running if they already were; stopping Kafka again if this started it),
# then runs `longview bench pipeline` with any extra arguments. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
npx turbo run build --output-logs=errors-only >&2
# shellcheck source=bench-services.sh
source scripts/bench-services.sh
bench_services_up
node apps/cli/bin/longview.js bench pipeline "$@"
