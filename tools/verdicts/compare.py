#!/usr/bin/env python3
"""Compares the verdicts of two sets of runs, case by case.

Usage: compare.py A B [--ignore-rule RULE]...

A and B are run folders (each holding results.json) or folders of run folders; every
results.json under A is paired with the one at the same relative path under B. Per case, the
outcome and the multiset of findings (rule, severity, guest frames, sent frames) must be equal;
messages and the order of findings are not compared. Prints every difference and a summary line;
exits 0 when the verdicts are identical, 1 when they differ, 2 on bad input.
"""
import collections
import json
import os
import sys


def runs(root):
    found = {}
    for folder, _, files in os.walk(root):
        if "results.json" in files:
            found[os.path.relpath(folder, root)] = os.path.join(folder, "results.json")
    return found


def verdicts(path, ignored):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    cases = {}
    for case in document.get("cases", []):
        findings = collections.Counter(
            (finding["rule"], finding["severity"], tuple(finding.get("frames", [])), tuple(finding.get("sentFrames", [])))
            for finding in case.get("findings", [])
            if finding["rule"] not in ignored)
        cases[case["id"]] = (case["outcome"], findings)
    return cases


def describe(finding):
    rule, severity, guest, sent = finding
    return f"{severity} {rule} guest {list(guest)} sent {list(sent)}"


def main(argv):
    args = argv[1:]
    ignored = set()
    while "--ignore-rule" in args:
        at = args.index("--ignore-rule")
        if at + 1 >= len(args):
            print("compare.py: --ignore-rule needs a rule id", file=sys.stderr)
            return 2
        ignored.add(args[at + 1])
        del args[at:at + 2]
    if len(args) != 2 or not all(os.path.isdir(a) for a in args):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    left, right = runs(args[0]), runs(args[1])
    differences = 0
    cases_compared = 0
    for name in sorted(set(left) | set(right)):
        if name not in left or name not in right:
            print(f"{name}: only in {'A' if name in left else 'B'}")
            differences += 1
            continue
        a, b = verdicts(left[name], ignored), verdicts(right[name], ignored)
        for case in sorted(set(a) | set(b)):
            cases_compared += 1
            if case not in a or case not in b:
                print(f"{name} {case}: only in {'A' if case in a else 'B'}")
                differences += 1
                continue
            (outcome_a, findings_a), (outcome_b, findings_b) = a[case], b[case]
            if outcome_a == outcome_b and findings_a == findings_b:
                continue
            differences += 1
            print(f"{name} {case}: outcome {outcome_a} -> {outcome_b}")
            for finding in sorted((findings_a - findings_b).elements()):
                print(f"  - {describe(finding)}")
            for finding in sorted((findings_b - findings_a).elements()):
                print(f"  + {describe(finding)}")
    print(f"{len(set(left) & set(right))} runs, {cases_compared} cases compared, {differences} differ")
    return 0 if differences == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
