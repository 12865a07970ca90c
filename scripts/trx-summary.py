#!/usr/bin/env python3
"""Totals of the TRX files under a directory, for the closing line of scripts/test.sh.

With --checks [LABEL=]FILE (repeatable), also counts checks that write one
"outcome<TAB>check<TAB>detail" line each: the contract checks (scripts/contract-checks.sh, the
default label, and in the same file scripts/cli-tool-check.sh's "cli-tool", counted as the
command-line tool package) and the browser check (scripts/browser-check.sh). A failed check fails the closing
line too; a "skipped" one counts as skipped, with its detail as the reason; a missing file counts
as one failed check, since checks that did not run have proven nothing.

Counts each test result's outcome rather than the run's <Counters>, because VSTest leaves
notExecuted at 0 for skipped xunit tests. Prints the distinct skip reasons, then each failure with the
first line of its message, then the totals.
Exits 1 when a test failed and 2 when no results were found, since a run that reports nothing
has not shown anything to pass.
"""
import collections
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
SKIPPED = {"NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning"}
ENGINE = re.compile(r"_(Sqlite|Postgres|SqlServer)\.")
RCSI_ON = "rcsi-on"
CLI_TESTS = "ReferralApi.Cli.Tests"


def engine_of(test_name: str, trx: pathlib.Path) -> str:
    """Suites are bound to an engine by a subclass named <Suite>_<Engine>; unit tests use none.

    SQL Server runs twice (scripts/test.sh): the whole suite with READ_COMMITTED_SNAPSHOT OFF, then
    its SQL Server tests again with it ON, into a TRX file named for it. The command-line client's
    tests run the CLI against the API on SQLite.
    """
    if CLI_TESTS in trx.parts:
        return "command-line client (sqlite)"
    match = ENGINE.search(test_name)
    if not match:
        return "no database"
    engine = match.group(1).lower()
    if engine == "sqlserver":
        return f"sqlserver (READ_COMMITTED_SNAPSHOT {'ON' if RCSI_ON in trx.name else 'OFF'})"
    return engine


def first_line(message: str) -> str:
    lines = message.strip().splitlines()
    return lines[0][:300] if lines else "(no message)"


def read_checks(path: str, label: str) -> list[tuple[str, str, str]]:
    """(outcome, check, detail) per line; a missing or empty file is one failure."""
    file = pathlib.Path(path)
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    checks = [(parts[0], parts[1], parts[2]) for parts in (line.split("\t", 2) for line in lines) if len(parts) == 3]
    return checks or [("failed", label, f"{label} did not report")]


def main(directory: str, checks_files: list[tuple[str, str]] | None = None) -> int:
    passed = failed = skipped = 0
    reasons: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    per_engine: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    files = sorted(pathlib.Path(directory).rglob("*.trx"))
    for trx in files:
        for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", NS):
            outcome = result.get("outcome", "")
            tally = per_engine[engine_of(result.get("testName", ""), trx)]
            if outcome == "Passed":
                passed += 1
                tally["passed"] += 1
            elif outcome in SKIPPED:
                skipped += 1
                tally["skipped"] += 1
                message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS)
                reasons[message.strip() or "(no reason given)"] += 1
            else:
                failed += 1
                tally["failed"] += 1
                message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS)
                failures.append(f"{result.get('testName', '')}: {first_line(message)}")
    for label, checks_file in checks_files or []:
        for outcome, check, detail in read_checks(checks_file, label):
            # The command-line tool's package check shares the contract checks' file (scripts/cli-tool-check.sh).
            tally = per_engine["command-line tool package" if check == "cli-tool" else label]
            if outcome == "passed":
                passed += 1
                tally["passed"] += 1
            elif outcome == "skipped":
                skipped += 1
                tally["skipped"] += 1
                reasons[detail.strip() or "(no reason given)"] += 1
            else:
                failed += 1
                tally["failed"] += 1
                failures.append(f"{check}: {first_line(detail)}")
    for engine, tally in sorted(per_engine.items()):
        print(f"  {engine}: {tally['passed']} passed, {tally['failed']} failed, {tally['skipped']} skipped")
    for reason, count in sorted(reasons.items()):
        print(f"  {reason} [{count} tests]")
    # Named last, beside the totals, so a log cut down to its tail still says what failed.
    for failure in failures:
        print(f"  FAILED {failure}")
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    if not files:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    checks = []
    while "--checks" in arguments:
        index = arguments.index("--checks")
        label, _, path = arguments[index + 1].rpartition("=")
        checks.append((label or "contract checks", path))
        del arguments[index : index + 2]
    sys.exit(main(arguments[0], checks))
