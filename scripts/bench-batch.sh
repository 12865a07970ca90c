#!/usr/bin/env bash
# The batch import benchmark of issue 14, on SQLite and on a throwaway PostgreSQL (stopped at exit):
# in one run of the API, BENCH_ITEMS referrals (500) sent as single POST /v1/referrals calls one
# after another, then the same number in one POST /v1/referrals/batch; the ratio single/batch is
# how many times faster the batch is. Each engine runs twice, with the batch committing each item
# on its own (Referrals:Batch:ItemsPerTransaction=1, still on the request's one connection) and
# with chunks of BENCH_CHUNK items per transaction (50, the default). Loopback only; the load
# average is printed before and after, since other work on the machine moves the figures.
# Then the export: BENCH_EXPORT_ROWS referrals (100,000; 0 skips it) loaded through the batch import
# and exported as NDJSON, with the API's RSS sampled every 20 ms (issue 14: a rise of at most 50 MB)
# and the time to the first byte (under a second).
#
#   scripts/bench-batch.sh [sqlite] [postgres]      engines to run (default both)
#
# BENCH_ITEMS            referrals each way (500)
# BENCH_CHUNK            items per transaction of the chunked run (50)
# BENCH_EXPORT_ROWS      referrals in the exported box (100000; 0 skips the export)
# BENCH_API_SETTINGS     extra API settings, e.g. "Referrals:Deadlines:Urgent=12:00:00"
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
engines=("$@")
if [[ ${#engines[@]} -eq 0 ]]; then engines=(sqlite postgres); fi

source scripts/bench-workspace.sh referral-bench-batch

echo "==> Building the API and the benchmark (Release)"
dotnet build src/ReferralApi -c Release -nologo -v q -tl:off -nodeReuse:false >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build bench/ReferralApi.Bench -c Release -nologo -v q -tl:off -nodeReuse:false >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

bench=(dotnet bench/ReferralApi.Bench/bin/Release/net10.0/ReferralApi.Bench.dll)
results="$work/results.tsv"
common=(--api src/ReferralApi/bin/Release/net10.0/ReferralApi.dll --results "$results" --log "$work/api.log" --api-pid-file "$work/api.pid"
  --items "${BENCH_ITEMS:-500}" --timeout-minutes "${BENCH_TIMEOUT_MINUTES:-8}")
# 500 creates in a row are far beyond the per-key rate limit; the benchmark measures the writes.
api_settings="RateLimiting:PerKey:TokenLimit=1000000000 RateLimiting:PerKey:TokensPerPeriod=1000000000 ${BENCH_API_SETTINGS:-}"
for setting in $api_settings; do common+=(--set "$setting"); done

echo "==> $(machine)"

modes=(1 "${BENCH_CHUNK:-50}")
for engine in "${engines[@]}"; do
  for mode in "${modes[@]}"; do
    case "$engine" in
      sqlite)
        echo "==> SQLite, $mode item(s) per transaction"
        run_bench batch --provider sqlite --connection "Data Source=$work/bench-$mode.db" "${common[@]}" --set "Referrals:Batch:ItemsPerTransaction=$mode"
        ;;
      postgres)
        if [[ -z "$pg_dir" ]]; then
          # Not inside $work: the server runs as the postgres user, which must reach its directory.
          pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/referral-bench-pg.XXXXXX")
          server=$(bash scripts/postgres-throwaway.sh start "$pg_dir")
        fi
        echo "==> PostgreSQL, $mode item(s) per transaction"
        run_bench batch --provider postgres --connection "$server" "${common[@]}" --set "Referrals:Batch:ItemsPerTransaction=$mode"
        ;;
      *) echo "unknown engine: $engine (sqlite or postgres)" >&2; exit 2 ;;
    esac
  done
  if [[ ${BENCH_EXPORT_ROWS:-100000} -gt 0 ]]; then
    echo "==> $engine, the export of ${BENCH_EXPORT_ROWS:-100000} referrals"
    target="Data Source=$work/bench-export.db"
    [[ $engine == postgres ]] && target=$server
    run_bench export --provider "$engine" --connection "$target" "${common[@]}" --export-rows "${BENCH_EXPORT_ROWS:-100000}" \
      --set Referrals:Export:SettleTime=00:00:00
  fi
done

echo
printf '%-10s %-26s %8s %12s %12s %8s\n' engine mode items "single s" "batch s" "ratio"
while IFS=$'\t' read -r kind engine items mode single batch ratio; do
  [[ $kind == batch ]] || continue
  printf '%-10s %-26s %8s %12.2f %12.2f %7.1fx\n' "$engine" "$mode" "$items" "$single" "$batch" "$ratio"
done < "$results"
if grep -q '^export' "$results"; then
  echo
  printf '%-10s %10s %12s %12s %12s %14s %10s\n' engine referrals "RSS before" "RSS peak" "RSS rise" "first byte ms" "total s"
  while IFS=$'\t' read -r kind engine rows _ before peak rise first total; do
    [[ $kind == export ]] || continue
    printf '%-10s %10s %10.0f MB %10.0f MB %10.0f MB %14.0f %10.1f\n' "$engine" "$rows" "$before" "$peak" "$rise" "$first" "$total"
  done < "$results"
fi
echo
echo "$(machine)"
echo "elapsed: $((SECONDS / 60))m $((SECONDS % 60))s"
