#!/usr/bin/env bash
# Stops the private cluster started by start.sh (fast shutdown). Idempotent.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
port="${LONGVIEW_PG_PORT:-54329}"
data_dir="${LONGVIEW_PG_DATA:-$repo_root/.longview/postgres}"
# start.sh may have fallen back to /tmp when the repo path was not traversable.
if [ ! -s "$data_dir/PG_VERSION" ] && [ -z "${LONGVIEW_PG_DATA:-}" ] && [ -s "/tmp/longview-postgres-$port/PG_VERSION" ]; then
  data_dir="/tmp/longview-postgres-$port"
fi

pg_bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n); do
  [ -x "$candidate/pg_ctl" ] && pg_bin="$candidate"
done
[ -n "$pg_bin" ] || { echo "[postgres] ERROR: pg_ctl not found; install Debian's postgresql package: apt-get install -y postgresql" >&2; exit 1; }

if [ ! -s "$data_dir/PG_VERSION" ]; then
  echo "[postgres] no cluster at $data_dir; nothing to stop" >&2
  exit 0
fi

as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi

if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null
  echo "[postgres] stopped ($data_dir)" >&2
else
  echo "[postgres] not running ($data_dir)" >&2
fi
