# Sourced by the scripts that start the API and its companions on loopback ports for one run
# (scripts/contract-checks.sh, scripts/browser-check.sh).

stop() { # the process this script started, by its id
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; fi
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() { # url seconds
  for _ in $(seq 1 $(($2 * 4))); do
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}
