#!/usr/bin/env bash
# Sourced by .ci/run: a throwaway PostgreSQL cluster on loopback for the PostgreSQL half of the tests,
# unless KB_TEST_DATABASE_URL already points at a server. Exports KB_TEST_DATABASE_URL.
if [ -n "${KB_TEST_DATABASE_URL:-}" ]; then return 0; fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the PostgreSQL store tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_DATA=$(mktemp -d /tmp/lantern-pg.XXXXXX)
PG_PORT=55432
while (echo >"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
# initdb refuses to run as root: the cluster belongs to the postgres user Debian's package creates.
chown postgres "$PG_DATA"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $PG_DATA -A trust -U lantern >/dev/null"
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DATA -l $PG_DATA/server.log -o '-h 127.0.0.1 -p $PG_PORT -k $PG_DATA -c max_connections=200' -w start >/dev/null"
export KB_TEST_DATABASE_URL="postgres://lantern@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL for the tests at $KB_TEST_DATABASE_URL"
