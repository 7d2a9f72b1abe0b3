#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster and creates the test role; prints FERRY_TEST_PG_URL.
set -euo pipefail
ROLE=ferry_test
PASSWORD=ferry_test_password
if ! command -v pg_ctlcluster >/dev/null; then
  echo "PostgreSQL server is missing: install it with 'apt-get install postgresql-15' (needs root)" >&2
  exit 1
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster 15 main start >&2
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$ROLE') then
    create role $ROLE login createdb password '$PASSWORD';
  end if;
end \$\$;
SQL
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:5432/postgres"
