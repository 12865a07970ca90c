#!/usr/bin/env bash
# Nightly export of an agency's referrals with curl and jq: everything changed since the last run,
# as NDJSON (one referral per line, the shape of GET /v1/referrals/{id}), into a new file.
# Where the next run resumes is kept in $EXPORT_DIR/next, written only after the whole export
# arrived (it ends with its trailer line), so a failed or cut-short run is simply repeated.
#
#   REFERRAL_API_URL=https://referral.example.go.id REFERRAL_API_KEY=... ./export-nightly.sh
#
# EXPORT_DIR    where the files and the resume point go (default ./referral-export)
# EXPORT_BOX    inbox or outbox (default inbox)
# EXPORT_SINCE  where the first run starts, an RFC 3339 instant (default 2000-01-01T00:00:00Z)
# Exit codes: 0 done, 1 configuration, 3 the API failed or the export was cut short (retry later).
set -euo pipefail

: "${REFERRAL_API_URL:?set REFERRAL_API_URL}" "${REFERRAL_API_KEY:?set REFERRAL_API_KEY}"
dir=${EXPORT_DIR:-./referral-export}
box=${EXPORT_BOX:-inbox}
mkdir -p "$dir"
since=$(cat "$dir/next" 2>/dev/null || echo "${EXPORT_SINCE:-2000-01-01T00:00:00Z}")
body=$(mktemp "$dir/.export.XXXXXX")
trap 'rm -f "$body"' EXIT

# The key goes in a header read from standard input, so it never shows in `ps`.
if ! printf 'Authorization: Bearer %s\n' "$REFERRAL_API_KEY" | curl --silent --show-error --fail --header @- \
  --header 'Accept: application/x-ndjson' --get --data-urlencode "box=$box" --data-urlencode "updatedAfter=$since" \
  --output "$body" "${REFERRAL_API_URL%/}/v1/referrals/export"; then
  echo "export failed; the next run starts again from $since" >&2
  exit 3
fi

# The last line is the trailer {"nextUpdatedAfter": ..., "count": N}; without it the export was cut short.
next=$(tail -n 1 "$body" | jq -er '.nextUpdatedAfter // empty' 2>/dev/null) || { echo "export cut short; run again" >&2; exit 3; }
count=$(tail -n 1 "$body" | jq -r '.count')
if [[ $count -gt 0 ]]; then
  out="$dir/referrals-$(date -u +%Y%m%dT%H%M%SZ).ndjson"
  head -n -1 "$body" > "$out.tmp" && mv "$out.tmp" "$out"
  echo "$count referrals in $out"
else
  echo "no referral changed since $since"
fi
printf '%s\n' "$next" > "$dir/next.tmp" && mv "$dir/next.tmp" "$dir/next"
