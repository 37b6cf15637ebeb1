# Source this file (`. infra/postgres/env.sh`) to point tests at the cluster from start.sh.
# It does not start the cluster; run infra/postgres/start.sh first.
export LONGVIEW_TEST_PG_URL="postgres://postgres@127.0.0.1:${LONGVIEW_PG_PORT:-54329}/postgres"
