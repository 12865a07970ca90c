#!/usr/bin/env bash
# Plays a scripted week of referrals between the demo agencies — the ones scripts/run.sh seeds,
# with their keys read from the demo keys file — on an API in memory whose clock moves hour by
# hour, so deadlines pass and the overdue job runs as in a real week. Then prints, on stdout, the
# summary report Komnas Perempuan (role oversight) gets for that week. Uses a temporary SQLite
# database; nothing is left behind. Build and test output go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

out=$(mktemp)
trap 'rm -f "$out"' EXIT

REFERRAL_DEMO_WEEK_OUT="$out" dotnet test tests/ReferralApi.IntegrationTests -c Release \
  --filter "FullyQualifiedName~ReferralApi.IntegrationTests.Demo.DemoWeekTests" >&2

if [[ ! -s "$out" ]]; then
  echo "the demo week wrote no report" >&2
  exit 1
fi
cat "$out"
echo
