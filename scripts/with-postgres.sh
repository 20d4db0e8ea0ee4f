#!/usr/bin/env bash
# Runs a command with a private PostgreSQL 15 (temporary data directory, free
# port, run as the postgres user, database rex_test with plpython3u) and stops
# it afterwards, whatever happens. The command sees:
#   REX_TEST_PG       ODBC connection string of the test database (superuser)
#   REX_TEST_PG_USER  the same as the unprivileged role rex_user
#   REX_TEST_PG_PORT  the port
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
DATA=$(mktemp -d /tmp/rex-pg.XXXXXX)
chown postgres:postgres "$DATA"
chmod 700 "$DATA"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_postgres() { runuser -u postgres -- "$@"; }

stop() {
  as_postgres "$PGBIN/pg_ctl" -D "$DATA/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap stop EXIT INT TERM

# ICU 'und' collation: text order differs from code points ('a' < 'B'), as on
# many real servers, so tests prove that rex asks for COLLATE "C".
as_postgres "$PGBIN/initdb" -D "$DATA/db" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 --locale-provider=icu --icu-locale=und >"$DATA/initdb.log" 2>&1 \
  || { cat "$DATA/initdb.log" >&2; exit 1; }
as_postgres "$PGBIN/pg_ctl" -D "$DATA/db" -l "$DATA/server.log" -w -t 60 \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || { cat "$DATA/server.log" >&2; exit 1; }

psql_admin() { as_postgres psql -h "$DATA" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_admin -d postgres -c "CREATE DATABASE rex_test"
psql_admin -d rex_test -c "CREATE EXTENSION plpython3u" \
  -c "CREATE ROLE rex_user LOGIN PASSWORD 'rex-secret'" \
  -c "GRANT ALL ON SCHEMA public TO rex_user"

export REX_TEST_PG_PORT=$PORT
export REX_TEST_PG="Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=$PORT;Database=rex_test;Uid=postgres;Pwd=;"
export REX_TEST_PG_USER="Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=$PORT;Database=rex_test;Uid=rex_user;Pwd=rex-secret;"
echo "with-postgres: PostgreSQL 15 on port $PORT ($DATA)" >&2
"$@"
