#!/usr/bin/env python3
"""Compares the committed code lists with a copy of the domain notes they were taken from.

    scripts/check-code-lists.py NOTES.md

The tests hold the API to tests/ReferralApi.IntegrationTests/Vocabularies/code-lists.md alone; this
extra check, for whoever keeps the domain notes, says where the two have drifted apart: every code
list section of the notes must be in the record with the same items, and the other way round.
Sections of the notes that are not code lists (the demo agencies) are left out, and so are the
record's lists whose heading names the v1 contract as their source (attachment kinds): the domain
notes do not hold them. Exits 1 on a difference, 2 when a file cannot be read.
"""
import pathlib
import sys

RECORD = pathlib.Path(__file__).resolve().parent.parent / "tests/ReferralApi.IntegrationTests/Vocabularies/code-lists.md"
NOT_CODE_LISTS = {"Agencies"}


def contract_sourced(path):
    """Names of the sections whose heading gives the v1 contract as their source."""
    return {line[3:].split(" ")[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("## ") and "(v1 contract" in line}


def sections(path):
    """Section name (first word of its '## ' heading) -> its items, as in ExpectedCodeLists.cs."""
    found, name, text = {}, None, []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("## "):
            name, text = line[3:].split(" ")[0], []
        elif name is not None and not line.strip():
            # A section's list ends at its first blank line; notes may follow.
            items = [item.strip() for item in " ".join(text).split(" · ") if item.strip()]
            found[name] = [tuple(part.strip() for part in item.split(" — ")) for item in items]
            name = None
        elif name is not None:
            text.append(line.strip())
    return {k: v for k, v in found.items() if k not in NOT_CODE_LISTS}


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        notes, record = sections(pathlib.Path(argv[1])), sections(RECORD)
    except OSError as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2

    differences = []
    for name in sorted(notes.keys() | record.keys()):
        if name not in record:
            differences.append(f"{name}: in the notes, not in {RECORD.name}")
        elif name not in notes:
            if name not in contract_sourced(RECORD):
                differences.append(f"{name}: in {RECORD.name}, not in the notes")
        else:
            for item in sorted(set(notes[name]) - set(record[name])):
                differences.append(f"{name}: only in the notes: {' — '.join(item)}")
            for item in sorted(set(record[name]) - set(notes[name])):
                differences.append(f"{name}: only in {RECORD.name}: {' — '.join(item)}")

    for line in differences:
        print(line)
    total = sum(len(items) for items in record.values())
    if differences:
        print(f"code lists: {len(differences)} difference(s) between {argv[1]} and {RECORD.name}")
        return 1
    print(f"code lists: {len(record)} lists, {total} items, the same in {argv[1]} and {RECORD.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
