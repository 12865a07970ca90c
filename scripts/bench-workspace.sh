# Sourced by the benchmark scripts (bench-api.sh, bench-sync.sh, bench-batch.sh), with the work
# folder's name as its argument: makes the work folder and, on exit or interruption, stops whatever
# the benchmark started (the benchmark, its API, a throwaway PostgreSQL) and removes the folder. Sets
# work, pg_dir and bench_pid for the script to fill in. Defines run_bench (the benchmark command in
# the script's `bench` array, in the background) and machine (one line on the machine and its load).
work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
pg_dir=""
bench_pid=""
cleanup() {
  # The benchmark stops the API it started when it is told to stop.
  if [[ -n "$bench_pid" ]]; then kill "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true; fi
  # The API it started, should the benchmark have died before stopping it.
  if [[ -s "$work/api.pid" ]]; then kill "$(cat "$work/api.pid")" 2>/dev/null || true; fi
  if [[ -n "$pg_dir" ]]; then bash scripts/postgres-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# In the background, so that a TERM to this script reaches the benchmark (and through it the API).
run_bench() {
  "${bench[@]}" "$@" &
  bench_pid=$!
  local status=0
  wait "$bench_pid" || status=$?
  bench_pid=""
  if [[ $status -ne 0 ]]; then
    # The reason is the benchmark's last line; the API's log is kept for whoever wants the detail.
    local kept="${TMPDIR:-/tmp}/referral-bench-api.log"
    cp "$work/api.log" "$kept" 2>/dev/null && echo "the API's log is kept at $kept" >&2
    exit "$status"
  fi
}

machine() { echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -srm)"; }
