#!/usr/bin/env bash
# Checks deploy/ on this machine, all on loopback:
#  1. publishes the API as the systemd unit runs it and verifies the unit with `systemd-analyze verify`
#     (Debian's systemd package), pointed at the publish directory instead of /opt and /etc;
#  2. starts the published API (SQLite, demo agencies, /metrics on), takes a referral through its
#     life and lets a webhook fail, starts a Prometheus server (Debian's prometheus package) scraping
#     it, and runs every expression of deploy/grafana-dashboard.json through Prometheus' HTTP API.
# An expression passes when Prometheus accepts it and it returns data; the few that can have no data
# on a fresh SQLite database (listed in MAY_BE_EMPTY) need only be accepted.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

work=$(mktemp -d "${TMPDIR:-/tmp}/referral-deploy.XXXXXX")
api_pid="" prom_pid=""
cleanup() {
  local status=$?
  if [[ $status -ne 0 && -s $work/api.log ]]; then
    echo "--- the API's warnings and errors:"
    grep -E '"LogLevel":"(Warning|Error|Critical)"' "$work/api.log" | tail -20 || true
  fi
  [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null || true
  [[ -n $prom_pid ]] && kill "$prom_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n==> %s\n' "$*"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
for tool in systemd-analyze prometheus; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install systemd prometheus"; exit 1; }
done

step "dotnet publish src/ReferralApi -c Release -o $work/opt"
dotnet publish src/ReferralApi -c Release -o "$work/opt" -nologo -v q -tl:off

step "systemd-analyze verify deploy/referral-api.service"
mkdir -p "$work/etc"
(umask 077; cp deploy/referral-api.env.example "$work/etc/referral-api.env")
sed -e "s#/opt/referral-api#$work/opt#g" -e "s#/etc/referral-api#$work/etc#g" deploy/referral-api.service > "$work/referral-api.service"
systemd-analyze verify "$work/referral-api.service"
echo "unit verified"

step "Starting the published API with /metrics on"
api_port=$(free_port)
admin_key="check-admin-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
# Development: the API refuses the demo agencies in Production.
ASPNETCORE_ENVIRONMENT=Development Admin__ApiKey="$admin_key" \
  Encryption__Keys__0__Id=check Encryption__Keys__0__Key="$(head -c 32 /dev/urandom | base64)" \
  ConnectionStrings__Referrals="Data Source=$work/referrals.db" \
  Demo__Seed=true Demo__KeysFile="$work/demo-keys.txt" Webhooks__AllowPrivateNetworks=true \
  Metrics__Prometheus__Enabled=true Metrics__SnapshotInterval=00:00:01 \
  Logging__Console__FormatterName=json MALLOC_ARENA_MAX=2 \
  dotnet "$work/opt/ReferralApi.dll" --contentRoot "$work/opt" --urls "http://127.0.0.1:$api_port" > "$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$api_port/health/live" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { tail -20 "$work/api.log"; exit 1; }
  sleep 0.5
done

step "A referral's life, a failing webhook, a wrong key"
python3 scripts/deploy_check/referral_life.py "http://127.0.0.1:$api_port" "$work/demo-keys.txt"

step "Prometheus scraping the API"
prom_port=$(free_port)
cat > "$work/prometheus.yml" <<YAML
global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: referral-api
    static_configs: [ { targets: ["127.0.0.1:$api_port"] } ]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus" \
  --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
prom_pid=$!

step "Every dashboard expression through Prometheus' HTTP API"
python3 scripts/deploy_check/dashboard_queries.py "http://127.0.0.1:$prom_port" deploy/grafana-dashboard.json

step "JSON log lines carry the trace id and the correlation id"
python3 scripts/deploy_check/json_logs.py "$work/api.log"
echo "deploy check passed"
