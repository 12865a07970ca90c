#!/usr/bin/env bash
# The request benchmark of issue 10, one table for one run, on SQLite and on a throwaway
# PostgreSQL (stopped at exit). Side by side, with wrk over loopback at c=1 and c=32:
#   - a trivial ASP.NET Core endpoint (bench/ReferralApi.Bench.Trivial), the framework's floor here;
#   - the API's create (POST /v1/referrals), status read (GET /v1/referrals/{id}/status), inbox list
#     (GET /v1/referrals?box=inbox&limit=20) and event poll (GET /v1/events?limit=100), rotating over
#     eight agencies' keys (bench/wrk/*.lua), and the liveness probe (GET /health/live, no key), the
#     API's own middleware without authentication or the database;
#   - on PostgreSQL, the database alone running a create's and a status read's statements
#     (bench/pgbench/*.sql, pgbench in prepared mode) straight after the API's own runs of each
#     request, c=32 first, and the statements and pooled-connection
#     checkouts per request counted in pg_stat_statements, with a warning when the API sends a
#     different number of statements than its replay.
# Printed with req/s, p50/p99, the ratios, the API's RSS and allocated bytes per request (from the
# runtime's EventCounters), the disk's fsync time beside the SQLite database, and the targets of
# issue 10; the table is also written to bench/results/api-latest.md. The API runs as its own
# process with the environment of deploy/referral-api.service and Production settings, its rate
# limits lifted for the run. Figures from a busy machine are noisy: the load average
# is printed with them.
#
#   scripts/bench-api.sh [sqlite] [postgres]      engines to run (default both)
#
# BENCH_DURATION      seconds of each measured run (8); BENCH_WARMUP seconds of warm-up per case (3)
# BENCH_CONCURRENCY   connections to measure, comma-separated (1,32)
# BENCH_MARKDOWN      where to write the table (bench/results/api-latest.md for both engines; a run of
#                     one engine writes bench/results/api-latest-ENGINE.md, keeping the last full run)
# BENCH_API_SETTINGS  extra API settings for the run, e.g. "Logging:LogLevel:Default=Debug"
# REFERRAL_PG_OPTIONS extra PostgreSQL server options, e.g. "-c fsync=on" (the throwaway server has fsync off)
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
engines=("$@")
if [[ ${#engines[@]} -eq 0 ]]; then engines=(sqlite postgres); fi
for engine in "${engines[@]}"; do
  case "$engine" in sqlite | postgres) ;; *) echo "bench-api: unknown engine: $engine (sqlite or postgres)" >&2; exit 2 ;; esac
done

fail() { echo "bench-api: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "==> Installing wrk (Debian package)"
  if [[ $(id -u) -ne 0 ]]; then fail "wrk is missing; install it with: apt-get install -y wrk"; fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null 2>&1 || fail "could not install wrk with apt-get"
fi
if [[ " ${engines[*]} " == *" postgres "* ]] && ! command -v pgbench >/dev/null; then
  fail "pgbench is missing; install it with: apt-get install -y postgresql-client"
fi

source scripts/bench-workspace.sh referral-bench-api

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "==> machine: $(nproc) cores, load average $load_before, $(uname -srm)"
echo "==> Building the API, the trivial endpoint and the benchmark (Release)"
for project in src/ReferralApi bench/ReferralApi.Bench.Trivial bench/ReferralApi.Bench; do
  dotnet build "$project" -c Release -nologo -v q -tl:off -nodeReuse:false >>"$work/build.log" 2>&1 \
    || { tail -n 20 "$work/build.log"; fail "the build of $project failed"; }
done

bench=(dotnet bench/ReferralApi.Bench/bin/Release/net10.0/ReferralApi.Bench.dll)
results="$work/results.tsv"
statements="$work/statements.tsv"
default_markdown=bench/results/api-latest.md
if [[ ${#engines[@]} -eq 1 ]]; then default_markdown="bench/results/api-latest-${engines[0]}.md"; fi
markdown=${BENCH_MARKDOWN:-$default_markdown}
mkdir -p "$(dirname "$markdown")"
common=(--api src/ReferralApi/bin/Release/net10.0/ReferralApi.dll
  --trivial bench/ReferralApi.Bench.Trivial/bin/Release/net10.0/ReferralApi.Bench.Trivial.dll
  --results "$results" --statements "$statements" --log "$work/api.log" --api-pid-file "$work/api.pid"
  --scripts bench/wrk --pgbench bench/pgbench --data "$work/data"
  --duration "${BENCH_DURATION:-8}" --warmup-seconds "${BENCH_WARMUP:-3}" --concurrency "${BENCH_CONCURRENCY:-1,32}")
for setting in ${BENCH_API_SETTINGS:-}; do common+=(--set "$setting"); done

# In the background, so that a TERM to this script reaches the benchmark (and through it the API).
# A failure prints the benchmark's one-line reason and the end of the API's log.
run_bench() {
  "${bench[@]}" "$@" 2>"$work/bench.err" &
  bench_pid=$!
  local status=0
  wait "$bench_pid" || status=$?
  bench_pid=""
  if [[ $status -ne 0 ]]; then
    # The work folder goes at exit; the API's log stays for a look at what it said.
    if [[ -s "$work/api.log" ]]; then cp "$work/api.log" "${TMPDIR:-/tmp}/referral-bench-api-failed.log"; fi
    local reason
    reason=$(sed -n 's/^benchmark failed: //p' "$work/bench.err" | head -n 1)
    fail "${reason:-the benchmark exited with $status} (API log: ${TMPDIR:-/tmp}/referral-bench-api-failed.log)"
  fi
}

echo "==> Trivial endpoint"
run_bench api-trivial "${common[@]}"
for engine in "${engines[@]}"; do
  case "$engine" in
    sqlite)
      echo "==> SQLite (file in $work)"
      run_bench api --provider sqlite --connection "Data Source=$work/bench.db" "${common[@]}"
      ;;
    postgres)
      # Not inside $work: the server runs as the postgres user, which must reach its directory.
      pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/referral-bench-pg.XXXXXX")
      # REFERRAL_PG_OPTIONS from the caller comes last, e.g. "-c fsync=on" for durable commits.
      server=$(REFERRAL_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=on ${REFERRAL_PG_OPTIONS:-}" \
        bash scripts/postgres-throwaway.sh start "$pg_dir" 2>"$work/pg.err") || fail "PostgreSQL did not start: $(tail -n 1 "$work/pg.err")"
      echo "==> PostgreSQL (${server%%;Username*}, fsync=off as for the tests, pg_stat_statements loaded)"
      run_bench api --provider postgres --connection "$server" "${common[@]}"
      bash scripts/postgres-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true
      pg_dir=""
      ;;
  esac
done

"${bench[@]}" api-report --results "$results" --statements "$statements" --markdown "$markdown" --load-before "$load_before"
echo "elapsed: $((SECONDS / 60))m $((SECONDS % 60))s"
