#!/usr/bin/env bash
# `npm run bench:pipeline`: builds, makes sure the private PostgreSQL and the Kafka broker of infra/
# are running (leaving them running if they already were; stopping Kafka again if this started it),
# then runs `longview bench pipeline` with any extra arguments. See docs/benchmarks.md.
set -euo pipefail
# shellcheck source=bench-services.sh
source "$(dirname "$0")/bench-services.sh"
bench_prepare
node apps/cli/bin/longview.js bench pipeline "$@"
