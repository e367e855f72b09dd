#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL on loopback for the test suite and benchmarks.
#   bash scripts/pg.sh start   -> prints the DATABASE_URL to use
#   bash scripts/pg.sh stop
# Data lives outside the repository and is recreated on every start.
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGROOT=${PGROOT:-/tmp/equipped-pg-$PGPORT}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
URL="postgres://equipped:equipped@127.0.0.1:$PGPORT/equipped"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    [ -n "$PGBIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    if [ -f "$PGROOT/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
      as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" stop -m fast >/dev/null
    fi
    rm -rf "$PGROOT"; mkdir -p "$PGROOT"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
    as_postgres "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres \
      -c "CREATE ROLE equipped LOGIN PASSWORD 'equipped' CREATEDB SUPERUSER" \
      -c "CREATE DATABASE equipped OWNER equipped" >/dev/null
    echo "$URL"
    ;;
  stop)
    [ -d "$PGROOT/data" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" stop -m fast >/dev/null 2>&1 || true
    ;;
  restart)
    as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 restart -m fast >/dev/null
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|stop|restart|url" >&2; exit 2
    ;;
esac
