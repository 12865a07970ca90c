#!/usr/bin/env bash
# Starts the API on its embedded SQLite database with the demo agencies of West Kalimantan,
# printing the admin key and one key per demo agency. A second start reuses the database and
# prints the same keys. Extra arguments go to the API, e.g. --urls http://127.0.0.1:8080 or
# --Database:Provider=postgres --ConnectionStrings:Referrals="Host=...;Database=...".
set -euo pipefail
cd "$(dirname "$0")/.."

state=.local
mkdir -p "$state"
if [ ! -s "$state/admin-key" ]; then
  (umask 077; printf 'rfa_%s\n' "$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 43)" > "$state/admin-key")
fi

# The data-encryption key (webhook secrets at rest) is kept beside the database: without it the
# stored secrets could not be read after a restart, and in Production the API will not start.
if [ ! -s "$state/encryption-key" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 > "$state/encryption-key")
fi

export Admin__ApiKey="${Admin__ApiKey:-$(cat "$state/admin-key")}"
export Encryption__Keys__0__Id="${Encryption__Keys__0__Id:-demo}"
export Encryption__Keys__0__Key="${Encryption__Keys__0__Key:-$(cat "$state/encryption-key")}"
# Lets demo webhooks reach a receiver on this machine (http, loopback); never set in production.
export Webhooks__AllowPrivateNetworks="${Webhooks__AllowPrivateNetworks:-true}"
# The demo seeds agencies with printed keys, which Production refuses.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Demo__Seed=true
export Demo__KeysFile="$state/demo-keys.txt"
# As the systemd unit in deploy/ does: two malloc arenas, in place of up to eight per core.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export ConnectionStrings__Referrals="${ConnectionStrings__Referrals:-Data Source=$state/referrals.db}"

args=("$@")
case " $* " in
  *" --urls"*) ;;
  *) args+=(--urls "http://127.0.0.1:5080") ;;
esac

echo "Building ReferralApi ..."
dotnet build src/ReferralApi -c Release -nologo -v q -tl:off -nodeReuse:false
echo "Starting on SQLite at $state/referrals.db; Swagger UI at http://127.0.0.1:5080/swagger (or the --urls you gave). Ctrl+C stops."
exec dotnet src/ReferralApi/bin/Release/net10.0/ReferralApi.dll --contentRoot "$PWD/src/ReferralApi" "${args[@]}"
