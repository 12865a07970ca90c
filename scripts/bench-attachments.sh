#!/usr/bin/env bash
# The attachment benchmark of issue 12, on SQLite and on a throwaway PostgreSQL (stopped at exit):
# the API (Production settings, its own process on loopback) takes eight parallel uploads of a
# 20 MiB PDF, then serves them back as eight parallel downloads, each checked against its SHA-256.
# Printed, and written to bench/results/attachments-latest.md: MiB/s each way and the API's
# resident memory idle and at its peak in each phase (target: at most 100 MB over idle).
#
#   scripts/bench-attachments.sh [sqlite] [postgres] [database] [filesystem]
#     engines to run (default both) and attachment stores to run each on (default database);
#     filesystem keeps the chunks in a folder of the workspace (Attachments:Store=filesystem),
#     e.g. `scripts/bench-attachments.sh sqlite database filesystem` compares both stores in one run.
#
# BENCH_MARKDOWN      where to write the table (bench/results/attachments-latest.md)
# REFERRAL_PG_OPTIONS extra PostgreSQL server options, e.g. "-c fsync=on" (the throwaway server has fsync off)
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
engines=() stores=()
for argument in "$@"; do
  case "$argument" in
    sqlite|postgres) engines+=("$argument") ;;
    database|filesystem) stores+=("$argument") ;;
    *) echo "bench-attachments: unknown argument: $argument (sqlite, postgres, database or filesystem)" >&2; exit 2 ;;
  esac
done
if [[ ${#engines[@]} -eq 0 ]]; then engines=(sqlite postgres); fi
if [[ ${#stores[@]} -eq 0 ]]; then stores=(database); fi
fail() { echo "bench-attachments: $*" >&2; exit 1; }
markdown=${BENCH_MARKDOWN:-bench/results/attachments-latest.md}

source scripts/bench-workspace.sh referral-bench-attachments

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "==> machine: $(nproc) cores, load average $load_before, $(uname -srm)"
echo "==> Building the API and the benchmark (Release)"
for project in src/ReferralApi bench/ReferralApi.Bench; do
  dotnet build "$project" -c Release -nologo -v q -tl:off -nodeReuse:false >>"$work/build.log" 2>&1 \
    || { tail -n 20 "$work/build.log"; fail "the build of $project failed"; }
done

bench=(dotnet bench/ReferralApi.Bench/bin/Release/net10.0/ReferralApi.Bench.dll)
results="$work/results.md"
common=(--api src/ReferralApi/bin/Release/net10.0/ReferralApi.dll --results "$results" --log "$work/api.log" --api-pid-file "$work/api.pid")

store_settings() { # STORE: the API settings that select it
  if [[ $1 == filesystem ]]; then
    echo --set Attachments:Store=filesystem --set "Attachments:Folder=$work/files-$1"
  fi
}

run_bench() {
  "${bench[@]}" attachments "$@" 2>"$work/bench.err" &
  bench_pid=$!
  local status=0
  wait "$bench_pid" || status=$?
  bench_pid=""
  if [[ $status -ne 0 ]]; then
    fail "$(sed -n 's/^benchmark failed: //p' "$work/bench.err" | head -n 1) (exit $status)"
  fi
}

for engine in "${engines[@]}"; do
  case "$engine" in
    sqlite)
      for store in "${stores[@]}"; do
        echo "==> SQLite (file in $work), $store store"
        # shellcheck disable=SC2046 # the settings are words without spaces
        run_bench --provider sqlite --connection "Data Source=$work/bench-$store.db" "${common[@]}" $(store_settings "$store")
      done
      ;;
    postgres)
      pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/referral-bench-pg.XXXXXX")
      server=$(bash scripts/postgres-throwaway.sh start "$pg_dir" 2>"$work/pg.err") || fail "PostgreSQL did not start: $(tail -n 1 "$work/pg.err")"
      for store in "${stores[@]}"; do # each run makes a database of its own on the server
        echo "==> PostgreSQL (fsync=off as for the tests), $store store"
        # shellcheck disable=SC2046 # the settings are words without spaces
        run_bench --provider postgres --connection "$server" "${common[@]}" $(store_settings "$store")
      done
      bash scripts/postgres-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true
      pg_dir=""
      ;;
    *) fail "unknown engine: $engine (sqlite or postgres)" ;;
  esac
done

mkdir -p "$(dirname "$markdown")"
{
  echo "# Attachment benchmark: 8 parallel 20 MiB uploads, then 8 parallel downloads"
  echo
  echo "Machine: $(nproc) cores, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after. RSS in MB; target: peak at most 100 MB over idle."
  echo
  echo "| engine | store | phase | MiB/s | RSS idle | RSS peak | over idle |"
  echo "|---|---|---|---|---|---|---|"
  cat "$results"
} > "$markdown"
cat "$markdown"
echo "elapsed: $((SECONDS / 60))m $((SECONDS % 60))s"
