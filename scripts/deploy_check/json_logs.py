"""Checks that the API's JSON log lines of a request carry TraceId and CorrelationId in their scopes."""
import json
import sys

lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.startswith("{")]
assert lines, "no JSON log lines"
in_request = [l for l in lines if any("CorrelationId" in s for s in l.get("Scopes", []) if isinstance(s, dict))]
assert in_request, "no log line carries a CorrelationId scope"
assert all(any("TraceId" in s for s in l["Scopes"] if isinstance(s, dict)) for l in in_request), "a request's line lacks its TraceId"
print(f"{len(lines)} JSON lines; {len(in_request)} within requests, each with TraceId and CorrelationId")
