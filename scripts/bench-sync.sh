#!/usr/bin/env bash
# The sync benchmark of issue 3, on SQLite and on a throwaway PostgreSQL (stopped at exit):
#   - the latency of one feed poll (GET /v1/events?limit=100) with 10 thousand and with 1 million
#     rows in `events`, at a cursor halfway through the agency's feed and at its end, and the
#     ratio between the two sizes (target <= 1.5);
#   - deliveries per second from the API's own worker to a receiver on 127.0.0.1 answering 204
#     (target >= 500/s on 2 cores).
# The API runs as its own process (Production settings); bench/ReferralApi.Bench loads the rows
# with direct SQL, drives the API over loopback and prints one table at the end. All traffic
# stays on 127.0.0.1. Figures from a machine that is busy with other work are noisy: the load
# average is printed before and after.
#
#   scripts/bench-sync.sh [sqlite] [postgres]      engines to run (default both)
#
# BENCH_SMALL / BENCH_LARGE   rows in `events` for the two measurements (10000 / 1000000)
# BENCH_DELIVERIES            deliveries queued for the drain (5000)
# BENCH_POLLS / BENCH_WARMUP  measured and warm-up polls per cursor (500 / 100)
# BENCH_TIMEOUT_MINUTES       time limit of one engine's run (8)
# BENCH_API_SETTINGS          extra API settings for the run, e.g. "Webhooks:MaxConcurrentDeliveries=64";
#                             they come after the benchmark's own settings, so they override them
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
engines=("$@")
if [[ ${#engines[@]} -eq 0 ]]; then engines=(sqlite postgres); fi

source scripts/bench-workspace.sh referral-bench

echo "==> Building the API and the benchmark (Release)"
dotnet build src/ReferralApi -c Release -nologo -v q -tl:off -nodeReuse:false >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build bench/ReferralApi.Bench -c Release -nologo -v q -tl:off -nodeReuse:false >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

bench=(dotnet bench/ReferralApi.Bench/bin/Release/net10.0/ReferralApi.Bench.dll)
results="$work/results.tsv"
common=(--api src/ReferralApi/bin/Release/net10.0/ReferralApi.dll --results "$results" --log "$work/api.log" --api-pid-file "$work/api.pid"
  --small "${BENCH_SMALL:-10000}" --large "${BENCH_LARGE:-1000000}" --deliveries "${BENCH_DELIVERIES:-5000}"
  --polls "${BENCH_POLLS:-500}" --warmup "${BENCH_WARMUP:-100}" --timeout-minutes "${BENCH_TIMEOUT_MINUTES:-8}")
# One client polls as fast as it can, far beyond what the per-key rate limit lets a real client
# send: the limiter is lifted so the benchmark measures the feed, not the throttle.
api_settings="RateLimiting:PerKey:TokenLimit=1000000000 RateLimiting:PerKey:TokensPerPeriod=1000000000 ${BENCH_API_SETTINGS:-}"
for setting in $api_settings; do common+=(--set "$setting"); done

echo "==> $(machine)"
echo "==> API settings: $(echo $api_settings)"

for engine in "${engines[@]}"; do
  case "$engine" in
    sqlite)
      echo "==> SQLite (file in $work)"
      run_bench run --provider sqlite --connection "Data Source=$work/bench.db" "${common[@]}"
      ;;
    postgres)
      # Not inside $work: the server runs as the postgres user, which must reach its directory.
      pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/referral-bench-pg.XXXXXX")
      server=$(bash scripts/postgres-throwaway.sh start "$pg_dir")
      echo "==> PostgreSQL (${server%%;Username*})"
      run_bench run --provider postgres --connection "$server" "${common[@]}"
      bash scripts/postgres-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true
      pg_dir=""
      ;;
    *) echo "unknown engine: $engine (sqlite or postgres)" >&2; exit 2 ;;
  esac
done

"${bench[@]}" report --results "$results"
echo
echo "$(machine)"
echo "elapsed: $((SECONDS / 60))m $((SECONDS % 60))s"
