#!/usr/bin/env python3
"""Nightly export of an agency's referrals, with Python's standard library only.

Everything changed since the last run, as NDJSON (one referral per line, the shape of
GET /v1/referrals/{id}), into a new file. Where the next run resumes is kept in EXPORT_DIR/next,
written only after the whole export arrived (it ends with its trailer line), so a failed or
cut-short run is simply repeated.

    REFERRAL_API_URL=https://referral.example.go.id REFERRAL_API_KEY=... python3 export_nightly.py

EXPORT_DIR (default ./referral-export), EXPORT_BOX (inbox or outbox, default inbox), EXPORT_SINCE
(where the first run starts, default 2000-01-01T00:00:00Z). Exit codes: 0 done, 1 configuration,
3 the API failed or the export was cut short (retry later).
"""
import datetime
import json
import os
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request


def main() -> int:
    url, key = os.environ.get("REFERRAL_API_URL"), os.environ.get("REFERRAL_API_KEY")
    if not url or not key:
        print("set REFERRAL_API_URL and REFERRAL_API_KEY", file=sys.stderr)
        return 1
    folder = os.environ.get("EXPORT_DIR", "./referral-export")
    os.makedirs(folder, exist_ok=True)
    state = os.path.join(folder, "next")
    since = open(state, encoding="utf-8").read().strip() if os.path.exists(state) else os.environ.get("EXPORT_SINCE", "2000-01-01T00:00:00Z")
    query = urllib.parse.urlencode({"box": os.environ.get("EXPORT_BOX", "inbox"), "updatedAfter": since})
    request = urllib.request.Request(f"{url.rstrip('/')}/v1/referrals/export?{query}",
                                     headers={"Authorization": f"Bearer {key}", "Accept": "application/x-ndjson"})
    lines = []
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            for raw in response:  # read as it streams: one line at a time
                if raw.strip():
                    lines.append(raw.decode("utf-8").rstrip("\n"))
    except (urllib.error.URLError, OSError) as error:
        print(f"export failed ({error}); the next run starts again from {since}", file=sys.stderr)
        return 3

    trailer = json.loads(lines[-1]) if lines else {}
    if "nextUpdatedAfter" not in trailer:
        print("export cut short; run again", file=sys.stderr)
        return 3
    if trailer["count"] > 0:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        out = os.path.join(folder, f"referrals-{stamp}.ndjson")
        write_atomically(out, "".join(line + "\n" for line in lines[:-1]))
        print(f"{trailer['count']} referrals in {out}")
    else:
        print(f"no referral changed since {since}")
    write_atomically(state, trailer["nextUpdatedAfter"] + "\n")
    return 0


def write_atomically(path: str, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path) or ".")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


if __name__ == "__main__":
    sys.exit(main())
