#!/usr/bin/env bash
# The test command: builds once, runs every test project on every database engine that can run
# here, and closes with "tests: N passed, N failed, N skipped".
#
# REFERRAL_TEST_POSTGRES   use this PostgreSQL server instead of starting a throwaway one
# REFERRAL_TEST_SQLSERVER  run the SQL Server suite against this server
#   SQL Server, where it runs (this server or Testcontainers), runs twice: the whole suite with
#   READ_COMMITTED_SNAPSHOT OFF, then its SQL Server tests again with it ON (Azure SQL's default).
# REFERRAL_REQUIRE_DATABASES=sqlite,postgres  fail, rather than skip, when a listed engine is missing
#
# After the test projects it runs scripts/contract-checks.sh (the published document against the
# running API: Spectral, Prism, a TypeScript and a Kiota client), scripts/cli-tool-check.sh (the
# command-line client packed and installed as a .NET tool) and scripts/browser-check.sh (the
# sample front-end in headless Chromium; skipped when chromium is not installed); each check counts
# as one test.
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
configuration=Release
pg_dir=""

step() { printf '\n==> %s\n' "$*"; }

elapsed() { printf 'elapsed: %dm %02ds\n' $((SECONDS / 60)) $((SECONDS % 60)); }

stop_postgres() {
  if [[ -n "$pg_dir" ]]; then
    bash scripts/postgres-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true
    pg_dir=""
  fi
}
trap stop_postgres EXIT

required() { [[ ",${REFERRAL_REQUIRE_DATABASES:-}," == *",$1,"* ]]; }

# The suites skip an engine that cannot run; say so before the run, and whether that will fail it.
engine_line() {
  local engine=$1 verdict=$2
  if [[ $verdict == skipped* ]] && required "$engine"; then
    verdict="$verdict (required by REFERRAL_REQUIRE_DATABASES: its tests will fail)"
  fi
  echo "$engine: $verdict"
}

docker_answers() { command -v docker >/dev/null 2>&1 && timeout 15 docker info >/dev/null 2>&1; }

step "Building ReferralApi.sln ($configuration)"
if ! dotnet build ReferralApi.sln -c "$configuration"; then
  echo "build failed; no tests ran"
  elapsed
  exit 1
fi

step "Preparing databases"
pg_verdict=""
if [[ -n "${REFERRAL_TEST_POSTGRES:-}" ]]; then
  pg_verdict="runs on the server in REFERRAL_TEST_POSTGRES"
else
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/referral-pg.XXXXXX")
  if connection=$(bash scripts/postgres-throwaway.sh start "$pg_dir"); then
    export REFERRAL_TEST_POSTGRES="$connection"
    pg_verdict="runs on a throwaway server (${connection%%;Username*})"
  else
    rm -rf "$pg_dir"
    pg_dir=""
  fi
fi

has_docker=false
if docker_answers; then has_docker=true; fi

if [[ -z "$pg_verdict" ]]; then
  if $has_docker; then
    pg_verdict="runs in a Testcontainers container"
  else
    pg_verdict="skipped — no REFERRAL_TEST_POSTGRES, no throwaway server and no Docker engine"
  fi
fi

sql_runs=true
twice="twice: READ_COMMITTED_SNAPSHOT OFF (whole suite), then ON (its tests again)"
if [[ -n "${REFERRAL_TEST_SQLSERVER:-}" ]]; then
  sql_verdict="runs on the server in REFERRAL_TEST_SQLSERVER, $twice"
elif $has_docker; then
  sql_verdict="runs in a Testcontainers container, $twice"
else
  sql_runs=false
  sql_verdict="skipped — no REFERRAL_TEST_SQLSERVER and no Docker engine (neither READ_COMMITTED_SNAPSHOT mode runs)"
fi

engine_line sqlite "runs on temporary files"
engine_line postgres "$pg_verdict"
engine_line sqlserver "$sql_verdict"

step "Running tests"
# Each project writes its TRX into its own TestResults folder, so parallel projects never collide.
rm -rf tests/*/TestResults
status=0
REFERRAL_TEST_SQLSERVER_RCSI=off dotnet test ReferralApi.sln -c "$configuration" --no-build --logger "trx;LogFileName=results.trx" || status=$?

if $sql_runs; then
  step "Running the SQL Server tests again with READ_COMMITTED_SNAPSHOT ON"
  # The file name marks these results for the summary (scripts/trx-summary.py).
  REFERRAL_TEST_SQLSERVER_RCSI=on dotnet test tests/ReferralApi.IntegrationTests -c "$configuration" --no-build \
    --filter "FullyQualifiedName~_SqlServer" --logger "trx;LogFileName=results-rcsi-on.trx" || status=$?
fi

stop_postgres

step "Contract checks"
contract_results=.contract/results.tsv
rm -f "$contract_results"
# npm ci only when node_modules is missing or older than the lock file: it reinstalls everything.
# A failed install fails the checks that need it, not this script: the summary still closes the run.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  SCARF_ANALYTICS=false npm ci --no-audit --no-fund || echo "npm ci failed" # SCARF: one dependency would report the install
fi
dotnet tool restore || echo "dotnet tool restore failed"
contract_status=0
bash scripts/contract-checks.sh "$contract_results" || contract_status=$?
bash scripts/cli-tool-check.sh "$contract_results" || contract_status=$?

step "Browser check"
browser_results=.browser/results.tsv
browser_status=0
bash scripts/browser-check.sh "$browser_results" || browser_status=$?

step "Summary"
if [[ $status -ne 0 ]]; then
  echo "dotnet test exited with status $status"
fi
if [[ $contract_status -ne 0 ]]; then
  echo "contract checks exited with status $contract_status"
  [[ $status -ne 0 ]] || status=$contract_status
fi
if [[ $browser_status -ne 0 ]]; then
  echo "browser check exited with status $browser_status"
  [[ $status -ne 0 ]] || status=$browser_status
fi
elapsed
summary_status=0
python3 scripts/trx-summary.py tests --checks "contract checks=$contract_results" --checks "browser check=$browser_results" || summary_status=$?
if [[ $status -eq 0 ]]; then
  status=$summary_status
fi
exit "$status"
