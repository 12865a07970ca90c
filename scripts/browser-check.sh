#!/usr/bin/env bash
# Proof in a real browser that a front-end on another origin can use the API with a person's token:
# starts the API (Release build, throwaway SQLite file, tokens from a throwaway JWKS file, CORS for
# the sample's origin) and samples/inbox on two loopback ports, then drives Debian's chromium
# headless through Playwright (scripts/browser-check.mjs): the receiver's inbox must render and an
# acknowledgement (a preflighted POST with If-Match and Idempotency-Key) must go through.
#
# Usage: scripts/browser-check.sh [RESULTS_FILE]   (default .browser/results.tsv)
# Writes one "outcome<TAB>browser<TAB>detail" line, like scripts/contract-checks.sh: "skipped" when
# chromium is not installed (apt-get install chromium; .ci/run installs it). The screenshot goes
# to .browser/inbox.png. Needs `npm ci` and src/ReferralApi built in Release (scripts/test.sh does both).
# BROWSER_CHROMIUM  the browser to drive (default: chromium on PATH)
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

results=${1:-.browser/results.tsv}
screenshot=$PWD/.browser/inbox.png
mkdir -p "$(dirname "$results")" .browser
: > "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/referral-browser.XXXXXX")
api_pid="" sample_pid=""

source scripts/loopback.sh # stop, free_port, wait_for
cleanup() { stop "$sample_pid"; stop "$api_pid"; rm -rf "$work"; }
trap cleanup EXIT

record() { # outcome detail
  printf '%s\tbrowser\t%s\n' "$1" "$2" >> "$results"
  echo "browser check: $1 — $2"
}

chromium_path=${BROWSER_CHROMIUM:-$(command -v chromium || true)}
if [[ -z $chromium_path ]]; then
  record skipped "chromium is not installed (apt-get install chromium); the browser check did not run"
  exit 0
fi

if ! node scripts/browser-check.mjs keys "$work" 2> "$work/keys.err"; then
  cat "$work/keys.err"
  record failed "could not make a signing key (npm ci?)"
  exit 1
fi

api_url="http://127.0.0.1:$(free_port)"
sample_url="http://127.0.0.1:$(free_port)"
admin_key="browser-admin-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(
  export Admin__ApiKey="$admin_key"
  export Encryption__Keys__0__Id=browser Encryption__Keys__0__Key="$(head -c 32 /dev/urandom | base64)"
  export ConnectionStrings__Referrals="Data Source=$work/referrals.db"
  export Authentication__Jwt__SigningKeysFile="$work/jwks.json" Authentication__Jwt__Audience=referral-api
  export Authentication__Jwt__ValidIssuers__0=https://sso.browser-check.example/realms/referral
  export Cors__AllowedOrigins__0="$sample_url"
  exec dotnet src/ReferralApi/bin/Release/net10.0/ReferralApi.dll --contentRoot "$PWD/src/ReferralApi" --urls "$api_url"
) > "$work/api.log" 2>&1 &
api_pid=$!
python3 -m http.server --bind 127.0.0.1 --directory samples/inbox "${sample_url##*:}" > "$work/sample.log" 2>&1 &
sample_pid=$!

if ! wait_for "$api_url/health/live" 60 || ! wait_for "$sample_url/index.html" 10; then
  tail -20 "$work/api.log"
  record failed "the API or the sample did not start"
  exit 1
fi

echo "API on $api_url, samples/inbox on $sample_url, driving $chromium_path"
if BROWSER_API_URL=$api_url BROWSER_SAMPLE_URL=$sample_url BROWSER_ADMIN_KEY=$admin_key BROWSER_CHROMIUM=$chromium_path \
  BROWSER_SCREENSHOT=$screenshot node scripts/browser-check.mjs drive "$work" 2>&1 | tee "$work/drive.log"; [[ ${PIPESTATUS[0]} -eq 0 ]]; then
  record passed "inbox rendered and acknowledgement went through; screenshot $screenshot"
else
  record failed "$(tail -1 "$work/drive.log"); screenshot $screenshot"
  exit 1
fi
