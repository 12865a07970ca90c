#!/usr/bin/env bash
# Rewrites openapi/referral-api.v1.json from the code: runs the snapshot test in its write mode
# (REFERRAL_UPDATE_OPENAPI=1), which fetches GET /openapi/v1.json from the API in memory.
# Review the diff and commit it with the change that caused it.
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
file=openapi/referral-api.v1.json

REFERRAL_UPDATE_OPENAPI=1 dotnet test tests/ReferralApi.IntegrationTests -c Release \
  --filter "FullyQualifiedName~ReferralApi.IntegrationTests.OpenApi.OpenApiDocumentTests.ServedDocument_MatchesCommittedFile"

if [[ ! -s "$file" ]]; then
  echo "the test did not write $file" >&2
  exit 1
fi
echo "wrote $(pwd)/$file"
