#!/usr/bin/env python3
"""Totals of the TRX files under a directory, for the closing line of scripts/test.sh.

Counts each test result's outcome rather than the run's <Counters>, because VSTest leaves
notExecuted at 0 for skipped xunit tests. Prints the distinct skip reasons, then the totals.
Exits 1 when a test failed and 2 when no results were found, since a run that reports nothing
has not shown anything to pass.
"""
import collections
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
SKIPPED = {"NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning"}


def main(directory: str) -> int:
    passed = failed = skipped = 0
    reasons: collections.Counter[str] = collections.Counter()
    files = sorted(pathlib.Path(directory).rglob("*.trx"))
    for trx in files:
        for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", NS):
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                passed += 1
            elif outcome in SKIPPED:
                skipped += 1
                message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS)
                reasons[message.strip() or "(no reason given)"] += 1
            else:
                failed += 1
    for reason, count in sorted(reasons.items()):
        print(f"  {reason} [{count} tests]")
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    if not files:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
