#!/usr/bin/env python3
"""Summarises Spectral's JSON output for scripts/contract-checks.sh: one line per rule with its
count and a few of the places it fired, then the totals. Exits 1 when there is any error, since
the contract check is "0 errors" (warnings are listed but do not fail it)."""
import collections
import json
import sys

SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}


def main(path: str) -> int:
    with open(path, encoding="utf-8") as handle:
        findings = json.load(handle)
    by_rule: dict[tuple[int, str], list[str]] = collections.defaultdict(list)
    for finding in findings:
        by_rule[(finding["severity"], finding["code"])].append(".".join(str(p) for p in finding.get("path", [])))
    for (severity, code), places in sorted(by_rule.items(), key=lambda item: (item[0][0], -len(item[1]))):
        if severity <= 1:
            print(f"  {SEVERITY[severity]} {code} x{len(places)}: {'; '.join(places[:3])}")
    counts = collections.Counter(SEVERITY.get(f["severity"], "?") for f in findings)
    print(f"spectral: {counts['error']} errors, {counts['warning']} warnings")
    return 1 if counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
