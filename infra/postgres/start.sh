#!/usr/bin/env bash
# Starts a private PostgreSQL cluster for Longview development and tests.
# Idempotent: running it again while the cluster is up only prints the URL.
#
#   LONGVIEW_PG_DATA   data directory   (default: <repo>/.longview/postgres)
#   LONGVIEW_PG_PORT   TCP port         (default: 54329, listens on 127.0.0.1 only)
#
# Prints the connection URL on the last line of stdout.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
data_dir="${LONGVIEW_PG_DATA:-$repo_root/.longview/postgres}"
port="${LONGVIEW_PG_PORT:-54329}"
pg_user="postgres"

log() { echo "[postgres] $*" >&2; }
die() { echo "[postgres] ERROR: $*" >&2; exit 1; }

# Newest installed major version of Debian's postgresql package (not /usr/local/bin, which
# may hold unrelated client-only builds).
pg_bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n); do
  [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && pg_bin="$candidate"
done
[ -n "$pg_bin" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install Debian's postgresql package: apt-get install -y postgresql"

# initdb and postgres refuse to run as root, so as root we run them as the `postgres`
# system user that Debian's package creates.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id "$pg_user" >/dev/null 2>&1 || die "running as root but there is no '$pg_user' system user; install Debian's postgresql package: apt-get install -y postgresql"
  as_pg=(runuser -u "$pg_user" --)
fi
run_pg() { "${as_pg[@]}" "$@"; }

# The server must be able to traverse to its data directory. If the repo path is not
# traversable by the postgres user (e.g. a 0700 home directory), fall back to /tmp.
parent_dir="$(dirname "$data_dir")"
mkdir -p "$parent_dir"
if [ "${#as_pg[@]}" -gt 0 ] && ! run_pg test -x "$parent_dir"; then
  fallback="/tmp/longview-postgres-$port"
  log "the postgres user cannot traverse $parent_dir; using $fallback instead (set LONGVIEW_PG_DATA to choose another place)"
  data_dir="$fallback"
  parent_dir="$(dirname "$data_dir")"
fi

# Unix socket in /tmp: always writable by the server user, and short enough for the
# 107-byte socket path limit whatever the repo path is. The port keeps it unique.
socket_dir="/tmp"

if [ ! -s "$data_dir/PG_VERSION" ]; then
  log "initialising a new cluster in $data_dir ($pg_bin)"
  mkdir -p "$data_dir"
  if [ "${#as_pg[@]}" -gt 0 ]; then chown "$pg_user": "$data_dir"; fi
  chmod 700 "$data_dir"
  run_pg "$pg_bin/initdb" -D "$data_dir" -U "$pg_user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
    || run_pg "$pg_bin/initdb" -D "$data_dir" -U "$pg_user" --auth=trust --encoding=UTF8 --no-locale >/dev/null
  # Dev/test tuning: durability is traded for speed. Never use these settings for real data.
  cat >>"$data_dir/postgresql.conf" <<CONF

# --- Longview dev/test cluster (infra/postgres/start.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  # trust for local connections only: the cluster listens on 127.0.0.1 and a local socket.
  cat >"$data_dir/pg_hba.conf" <<HBA
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
host    all   all   ::1/128       trust
HBA
  if [ "${#as_pg[@]}" -gt 0 ]; then chown "$pg_user": "$data_dir/pg_hba.conf"; fi
fi

if run_pg "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  log "already running ($data_dir)"
else
  log "starting on 127.0.0.1:$port"
  run_pg "$pg_bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" \
    -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1" -w -t 60 start >/dev/null \
    || { tail -n 30 "$data_dir/server.log" >&2 || true; die "pg_ctl start failed (log: $data_dir/server.log)"; }
fi

for _ in $(seq 1 60); do
  if "$pg_bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then break; fi
  sleep 0.5
done
"$pg_bin/pg_isready" -h 127.0.0.1 -p "$port" -q || die "server did not become ready on 127.0.0.1:$port"

# The superuser `postgres` and database `postgres` exist after initdb; this only repairs
# a cluster that was initialised differently.
psql_cmd=("$pg_bin/psql" -h 127.0.0.1 -p "$port" -U "$pg_user" -d template1 -v ON_ERROR_STOP=1 -qAt)
if ! "${psql_cmd[@]}" -c "select 1 from pg_roles where rolname = '$pg_user'" | grep -q 1; then
  "${psql_cmd[@]}" -c "create role $pg_user superuser login"
fi
if ! "${psql_cmd[@]}" -c "select 1 from pg_database where datname = 'postgres'" | grep -q 1; then
  "${psql_cmd[@]}" -c "create database postgres owner $pg_user"
fi

# A transaction left open (e.g. by a crashed test) holds back the event store's readAll
# cluster-wide (it only returns rows older than the oldest running transaction), so a dev
# cluster ends idle transactions after a minute. Applied on every start; no restart needed.
"${psql_cmd[@]}" -c "ALTER SYSTEM SET idle_in_transaction_session_timeout = '60s'" -c "SELECT pg_reload_conf()" >/dev/null

echo "postgres://$pg_user@127.0.0.1:$port/postgres"
