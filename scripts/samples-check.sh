#!/usr/bin/env bash
# Runs the nightly export samples (samples/nightly-export: bash with curl and jq, Python with the
# standard library, PowerShell 7 from the .NET tool `pwsh`) against a running API: the API starts
# from its Release build on a throwaway SQLite file, one agency sends three referrals to another,
# and each sample, run as the receiver with its own folder, must write those three referrals and the
# resume point, then on a second run find nothing new and write no file.
# Appends one "outcome<TAB>sample-<name><TAB>detail" line per sample to RESULTS_FILE, counted by
# scripts/test.sh. Needs src/ReferralApi built in Release and `dotnet tool restore` (for pwsh).
#
# Usage: scripts/samples-check.sh RESULTS_FILE
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
results=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/referral-samples.XXXXXX")
api_pid=""

source scripts/loopback.sh # stop, free_port, wait_for
trap 'stop "$api_pid"; rm -rf "$work"' EXIT

record() { # outcome sample detail
  printf '%s\tsample-%s\t%s\n' "$1" "$2" "$3" >> "$results"
  echo "sample $2: $1 — $3"
}

api_url="http://127.0.0.1:$(free_port)"
admin_key="samples-admin-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(
  export Admin__ApiKey="$admin_key"
  export Encryption__Keys__0__Id=samples Encryption__Keys__0__Key="$(head -c 32 /dev/urandom | base64)"
  export ConnectionStrings__Referrals="Data Source=$work/referrals.db"
  # What was just sent is exported at once.
  export Referrals__Export__SettleTime=00:00:00
  exec dotnet src/ReferralApi/bin/Release/net10.0/ReferralApi.dll --contentRoot "$PWD/src/ReferralApi" --urls "$api_url"
) > "$work/api.log" 2>&1 &
api_pid=$!
if ! wait_for "$api_url/health/live" 60; then
  tail -20 "$work/api.log"
  for name in bash python powershell; do record failed "$name" "the API did not start"; done
  exit 1
fi

# Two agencies and three referrals between them; prints the receiver's key and the referral ids.
if ! python3 - "$api_url" "$admin_key" > "$work/seed" <<'PY'
import json, sys, urllib.request
url, admin = sys.argv[1], sys.argv[2]
def post(path, body, key):
    request = urllib.request.Request(url + path, json.dumps(body).encode(), {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))
def agency(code):
    created = post("/v1/agencies", {"code": code, "name": code, "sector": "women_child_protection", "regionCode": "61",
                                    "roles": ["agency"], "services": ["psychosocial", "safe_house"], "acceptsReferrals": True}, admin)
    return created["id"], post(f"/v1/agencies/{created['id']}/api-keys", {}, admin)["key"]
(_, sender_key), (receiver, receiver_key) = agency("SAMPLE-SENDER"), agency("SAMPLE-RECEIVER")
ids = [post("/v1/referrals", {"toAgencyId": receiver, "externalReference": f"SAMPLE/{n}", "urgency": "urgent",
                              "violenceTypes": ["physical"], "servicesRequested": ["psychosocial"], "reason": "Sample referral.",
                              "subject": {"initials": "S.A.", "sex": "female", "ageYears": 30}, "legalBasis": "legal_obligation"}, sender_key)["id"]
       for n in range(3)]
print(receiver_key)
print(" ".join(sorted(ids)))
PY
then
  for name in bash python powershell; do record failed "$name" "could not seed the API"; done
  exit 1
fi
receiver_key=$(sed -n 1p "$work/seed")
expected=$(sed -n 2p "$work/seed")

check() { # name command...
  local name=$1 dir="$work/$1"
  shift
  local first second files ids
  first=$(REFERRAL_API_URL=$api_url REFERRAL_API_KEY=$receiver_key EXPORT_DIR=$dir "$@" 2>&1) || { record failed "$name" "first run failed: $first"; return; }
  files=("$dir"/referrals-*.ndjson)
  ids=$(jq -r .id "${files[@]}" 2>/dev/null | sort | tr '\n' ' ' | sed 's/ $//')
  if [[ ${#files[@]} -ne 1 || "$ids" != "$expected" || ! -s "$dir/next" ]]; then
    record failed "$name" "first run wrote ${#files[@]} file(s) holding [$ids], expected [$expected] and a resume point: $first"
    return
  fi
  second=$(REFERRAL_API_URL=$api_url REFERRAL_API_KEY=$receiver_key EXPORT_DIR=$dir "$@" 2>&1) || { record failed "$name" "second run failed: $second"; return; }
  files=("$dir"/referrals-*.ndjson)
  if [[ ${#files[@]} -ne 1 ]]; then
    record failed "$name" "the second run wrote a file although nothing changed: $second"
    return
  fi
  record passed "$name" "3 referrals exported, resumed from $(cat "$dir/next") with nothing new"
}

check bash bash samples/nightly-export/export-nightly.sh
check python python3 samples/nightly-export/export_nightly.py
if dotnet tool run pwsh -- -NoLogo -NoProfile -Command 'exit 0' > "$work/pwsh.log" 2>&1; then
  check powershell dotnet tool run pwsh -- -NoLogo -NoProfile -File samples/nightly-export/Export-Nightly.ps1
else
  record failed powershell "pwsh does not run (dotnet tool restore?): $(tail -1 "$work/pwsh.log")"
fi
! grep -q "^failed" <(grep -P '\tsample-' "$results" | cut -f1)
