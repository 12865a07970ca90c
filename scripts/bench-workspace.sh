# Sourced by the benchmark scripts (bench-api.sh, bench-sync.sh), with the work folder's name as its
# argument: makes the work folder and, on exit or interruption, stops whatever the benchmark started
# (the benchmark, its API, a throwaway PostgreSQL) and removes the folder. Sets work, pg_dir and
# bench_pid for the script to fill in.
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
