#!/usr/bin/env bash
# A disposable PostgreSQL for the integration tests: a fresh cluster in a temporary directory,
# listening on loopback only, with durability off because its data dies with the test run.
#
#   scripts/postgres-throwaway.sh start [DIR]   prints the Npgsql connection string on stdout
#   scripts/postgres-throwaway.sh stop DIR      stops the server and removes DIR
#
# REFERRAL_PG_BIN overrides where initdb and pg_ctl are looked for; REFERRAL_PG_OPTIONS adds server
# options, e.g. "-c shared_preload_libraries=pg_stat_statements" (later options win).
set -euo pipefail

marker=".referral-throwaway-postgres"

say() { printf '%s\n' "$*" >&2; }

find_bin() {
  local candidate
  for candidate in "${REFERRAL_PG_BIN:-}" /usr/lib/postgresql/15/bin; do
    if [[ -n "$candidate" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
      echo "$candidate"
      return
    fi
  done
  # Another Debian major version works as well; take the newest one installed.
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
    echo "$candidate"
    return
  fi
  say "postgres-throwaway: no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin."
  say "  Install them with: apt-get install -y postgresql-15   (or: apt-get install -y postgresql)"
  exit 3
}

# initdb refuses to run as root, so root runs the server as the postgres user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
# Like the server itself, ignore connections of an earlier run still in TIME_WAIT.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

start() {
  local bin dir port attempt caller_dir=${1:-}
  bin=$(find_bin)
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    say "postgres-throwaway: running as root needs the 'postgres' user (created by the postgresql package)."
    exit 3
  fi

  dir=${1:-$(mktemp -d "${TMPDIR:-/tmp}/referral-pg.XXXXXX")}
  mkdir -p "$dir"
  touch "$dir/$marker"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres: "$dir"
  fi
  # The server's user must be able to stay in the working directory.
  cd "$dir"

  as_owner "$bin/initdb" -D "$dir/data" -A trust -U referral -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 || {
    say "postgres-throwaway: initdb failed:"
    cat "$dir/initdb.log" >&2
    exit 1
  }

  # Another process may take a free port before the server binds it, so a failed start tries the next.
  port=54329
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    while ! port_free "$port"; do port=$((port + 1)); done
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${REFERRAL_PG_OPTIONS:-}" start >/dev/null; then
      say "postgres-throwaway: PostgreSQL ($(basename "$(dirname "$bin")")) on 127.0.0.1:$port, data in $dir"
      if [[ -z "$caller_dir" ]]; then
        say "  stop with: $0 stop $dir"
      fi
      echo "Host=127.0.0.1;Port=$port;Username=referral;Database=postgres"
      return
    fi
    port=$((port + 1))
  done
  say "postgres-throwaway: the server did not start; its log:"
  tail -n 30 "$dir/log" >&2 || true
  exit 1
}

stop() {
  local dir=${1:?usage: $0 stop DIR}
  # Refuse to delete a directory this script did not create.
  if [[ ! -f "$dir/$marker" ]]; then
    say "postgres-throwaway: $dir is not a throwaway server directory; leaving it alone."
    exit 2
  fi
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    local bin
    bin=$(find_bin)
    (cd "$dir" && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null) || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) say "usage: $0 start [DIR] | stop DIR"; exit 2 ;;
esac
