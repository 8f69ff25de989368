#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: Debian's binaries, a cluster in a temporary
# folder, loopback only, on a free port. PostgreSQL refuses to run as root, so as root it runs
# as the 'postgres' user.
#   eval "$(deploy/test-postgres.sh start)"   # exports PDX_TEST_PG_URL, PDX_TEST_PG_DIR
#   deploy/test-postgres.sh stop
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "${1:-}" in
  start)
    [[ -x "$bindir/initdb" ]] || { echo "PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/pdx-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
    as_owner "'$bindir/initdb' -D '$dir/data' -U pdx --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 30 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100\" start" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "'$bindir/createdb' -h 127.0.0.1 -p $port -U pdx pdx"
    echo "export PDX_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/pdx PDX_TEST_PG_DIR=$dir"
    echo "PostgreSQL for tests on 127.0.0.1:$port ($dir)" >&2
    ;;
  stop)
    dir="${PDX_TEST_PG_DIR:-}"
    [[ -n "$dir" && -d "$dir/data" ]] || exit 0
    as_owner "'$bindir/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
