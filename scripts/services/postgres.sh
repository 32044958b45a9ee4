#!/usr/bin/env bash
# A private PostgreSQL cluster for running the back office by hand (tests start their own through
# tests/helpers/postgres.ts). Runs as the postgres user when started as root; fsync stays ON here.
#   scripts/services/postgres.sh start [DIR] [PORT]   -> prints the database URL (database "yizhan")
#   scripts/services/postgres.sh stop  [DIR]
#   scripts/services/postgres.sh url   [DIR] [PORT]
set -euo pipefail
CMD=${1:-start}
DIR=${2:-${YIZHAN_PG_DIR:-/tmp/yizhan-backoffice-pg}}
PORT=${3:-${YIZHAN_PG_PORT:-55480}}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server not installed: apt-get install postgresql (scripts/setup-system.sh)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url() { echo "postgres://postgres@127.0.0.1:$PORT/yizhan"; }

case "$CMD" in
  start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      mkdir -p "$DIR/data" "$DIR/sock"
      [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$DIR"
      as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
        -o "-p $PORT -k $DIR/sock -c listen_addresses=127.0.0.1" start >/dev/null
    fi
    as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='yizhan'" | grep -q 1 \
      || as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres yizhan
    url
    ;;
  stop) as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null && echo stopped ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url [DIR] [PORT]" >&2; exit 2 ;;
esac
