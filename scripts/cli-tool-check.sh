#!/usr/bin/env bash
# Packs the command-line client and installs it as a .NET tool from a local folder, the way an
# agency installs it (README "Command-line client"), then runs the installed `referral`.
# Appends one "outcome<TAB>cli-tool<TAB>detail" line to RESULTS_FILE, counted by scripts/test.sh.
#
# Usage: scripts/cli-tool-check.sh RESULTS_FILE
set -uo pipefail

cd "$(dirname "$0")/.."
results=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/referral-cli-tool.XXXXXX")
trap 'rm -rf "$work"' EXIT

record() { printf '%s\t%s\t%s\n' "$1" cli-tool "$2" >> "$results"; }

if ! dotnet pack src/ReferralApi.Cli -c Release -o "$work/packages" > "$work/pack.log" 2>&1; then
  record failed "dotnet pack failed: $(grep -m1 -E 'error' "$work/pack.log")"
  exit 1
fi
if ! dotnet tool install ReferralApi.Cli --tool-path "$work/tool" --add-source "$work/packages" > "$work/install.log" 2>&1; then
  record failed "dotnet tool install failed: $(tail -1 "$work/install.log")"
  exit 1
fi

# Without configuration the installed command must explain itself and exit 1 (usage).
status=0
"$work/tool/referral" inbox > /dev/null 2> "$work/run.err" || status=$?
if [[ $status -ne 1 ]] || ! grep -q REFERRAL_API_URL "$work/run.err"; then
  record failed "the installed referral exited $status without naming REFERRAL_API_URL"
  exit 1
fi
record passed "installed from a local folder: referral $("$work/tool/referral" --version)"
