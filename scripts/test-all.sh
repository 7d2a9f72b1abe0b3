#!/usr/bin/env bash
# The whole test suite: unit tests, then the integration suites against real servers, once on
# embedded PGlite and once on PostgreSQL, and the generic, OCI and runner suites once more on
# PostgreSQL with blobs on S3 (a local Ceph radosgw). Installs what is missing or says what is.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

export FERRY_TEST_PG_URL="$(bash scripts/ensure-postgres.sh)"
# The S3 test server: the blob-store contract unit suite and the S3 integration pass use it.
echo "== S3 test server (single-node Ceph radosgw on 127.0.0.1, scripts/ensure-radosgw.sh)"
bash scripts/ensure-radosgw.sh start > /dev/null

mkdir -p .tmp/reports
rm -f .tmp/reports/*.json
echo "== lint (Biome, tsc, knip, architecture rules)"
npm run --silent lint
echo "== build (production server for the integration suites)"
npx next build > .tmp/build.log 2>&1 || { tail -50 .tmp/build.log; exit 1; }

# Every suite runs even when an earlier one fails, so one run shows every failure; the exit
# status is non-zero if any failed.
suite_status=0
echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/reports/unit.json || suite_status=1

for backend in pglite postgres; do
  echo "== integration tests on $backend"
  FERRY_TEST_BACKEND=$backend npx vitest run -c vitest.integration.config.mts \
    --reporter=default --reporter=json --outputFile=".tmp/reports/integration-$backend.json" || suite_status=1
done

echo "== integration tests on postgres with the S3 blob store (generic, OCI, runner)"
FERRY_TEST_BACKEND=postgres FERRY_TEST_BLOB_STORE=s3 npx vitest run -c vitest.integration.config.mts tests/generic tests/oci tests/runner \
  --reporter=default --reporter=json --outputFile=".tmp/reports/integration-postgres-s3.json" || suite_status=1

# Readiness with the S3 server stopped: this file stops the shared gateway, so it runs alone.
echo "== S3 outage: /api/ready while radosgw is stopped (tests/outage, alone)"
FERRY_TEST_BACKEND=postgres FERRY_TEST_BLOB_STORE=s3 FERRY_TEST_S3_OUTAGE=1 npx vitest run -c vitest.integration.config.mts tests/outage \
  --reporter=default --reporter=json --outputFile=".tmp/reports/integration-s3-outage.json" || suite_status=1
bash scripts/ensure-radosgw.sh start > /dev/null

# The admin UI in headless Debian Chromium against production servers on the embedded database.
# No lock is taken here: npm test as a whole runs under scripts/heavy.sh.
echo "== end-to-end tests (Playwright)"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium > /dev/null
  else
    echo "Chromium is missing: install the Debian package (apt-get install -y chromium) for the end-to-end tests"
    exit 1
  fi
fi
e2e_status=0
FERRY_E2E_JSON=.tmp/reports/e2e.json npx playwright test || e2e_status=$?

node scripts/summarise-tests.mjs .tmp/reports/*.json
if [ ! -s .tmp/reports/e2e.json ]; then
  echo "The Playwright suite wrote no report (exit $e2e_status): it did not run"
  exit 1
fi
if [ "$e2e_status" -ne 0 ]; then exit "$e2e_status"; fi
exit "$suite_status"

