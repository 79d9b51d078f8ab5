#!/usr/bin/env python3
"""Compares the verdicts of two sets of runs, case by case and rule by rule.

Usage: compare.py A B [--ignore-rule RULE]... [--per-rule] [--messages]

A and B are run folders (each holding results.json or kill-matrix.json) or folders of them; every
results.json and kill-matrix.json under A is paired with the one at the same relative path under B.
Per case, the outcome, the excused rules and the multiset of findings (rule, severity, guest
frames, sent frames, excuse) must be equal; the order of findings is not compared, nor their
messages unless --messages is given. Per kill matrix, the cases, and per device configuration
every case's outcome, whether the fault was caught and by which cases, must be equal.
--per-rule adds a table of how many findings each rule has in A and in B, over every case.
Prints every difference and a summary line; exits 0 when the verdicts are identical, 1 when they
differ, 2 on bad input.
"""
import collections
import json
import os
import sys

RESULTS = "results.json"
KILL_MATRIX = "kill-matrix.json"


def documents(root, name):
    found = {}
    for folder, _, files in os.walk(root):
        if name in files:
            found[os.path.relpath(folder, root)] = os.path.join(folder, name)
    return found


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def finding_key(finding, messages):
    key = (finding["rule"], finding["severity"], tuple(finding.get("frames", [])),
           tuple(finding.get("sentFrames", [])), finding.get("excuse") or "")
    return key + ((finding.get("message", ""),) if messages else ())


def verdicts(path, ignored, messages):
    cases = {}
    for case in load(path).get("cases", []):
        findings = collections.Counter(
            finding_key(finding, messages)
            for finding in case.get("findings", [])
            if finding["rule"] not in ignored)
        excused = tuple(sorted(case.get("excusedRules") or []))
        cases[case["id"]] = (case["outcome"], excused, findings)
    return cases


def describe(finding):
    rule, severity, guest, sent, excuse = finding[:5]
    text = f"{severity} {rule} guest {list(guest)} sent {list(sent)}"
    if excuse:
        text += " (excused)"
    if len(finding) > 5:
        text += f": {finding[5]}"
    return text


class Comparison:
    def __init__(self):
        self.differences = 0
        self.cases = 0
        self.rule_counts = collections.defaultdict(lambda: [0, 0])

    def differ(self, line):
        self.differences += 1
        print(line)

    def results(self, name, path_a, path_b, ignored, messages):
        a, b = verdicts(path_a, ignored, messages), verdicts(path_b, ignored, messages)
        for side, cases in enumerate((a, b)):
            for _, _, findings in cases.values():
                for finding, count in findings.items():
                    self.rule_counts[finding[0]][side] += count
        for case in sorted(set(a) | set(b)):
            self.cases += 1
            if case not in a or case not in b:
                self.differ(f"{name} {case}: only in {'A' if case in a else 'B'}")
                continue
            (outcome_a, excused_a, findings_a), (outcome_b, excused_b, findings_b) = a[case], b[case]
            if (outcome_a, excused_a, findings_a) == (outcome_b, excused_b, findings_b):
                continue
            self.differ(f"{name} {case}: outcome {outcome_a} -> {outcome_b}")
            if excused_a != excused_b:
                print(f"  excused rules {list(excused_a)} -> {list(excused_b)}")
            for finding in sorted((findings_a - findings_b).elements()):
                print(f"  - {describe(finding)}")
            for finding in sorted((findings_b - findings_a).elements()):
                print(f"  + {describe(finding)}")

    def kill_matrix(self, name, path_a, path_b):
        a, b = load(path_a), load(path_b)
        if a.get("cases") != b.get("cases"):
            self.differ(f"{name} kill matrix: the case lists differ")
        devices_a = {device["dut"]: device for device in a.get("devices", [])}
        devices_b = {device["dut"]: device for device in b.get("devices", [])}
        for dut in sorted(set(devices_a) | set(devices_b)):
            if dut not in devices_a or dut not in devices_b:
                self.differ(f"{name} kill matrix {dut}: only in {'A' if dut in devices_a else 'B'}")
                continue
            device_a, device_b = devices_a[dut], devices_b[dut]
            outcomes_a, outcomes_b = device_a.get("outcomes", {}), device_b.get("outcomes", {})
            for case in sorted(set(outcomes_a) | set(outcomes_b)):
                self.cases += 1
                if outcomes_a.get(case) != outcomes_b.get(case):
                    self.differ(f"{name} kill matrix {dut} {case}: {outcomes_a.get(case)} -> {outcomes_b.get(case)}")
            for field in ("caught", "killingCases"):
                if device_a.get(field) != device_b.get(field):
                    self.differ(f"{name} kill matrix {dut} {field}: {device_a.get(field)} -> {device_b.get(field)}")


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
    flags = {flag for flag in ("--per-rule", "--messages") if flag in args}
    args = [arg for arg in args if arg not in flags]
    if len(args) != 2 or not all(os.path.isdir(a) for a in args):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    comparison = Comparison()
    runs = 0
    for document in (RESULTS, KILL_MATRIX):
        left, right = documents(args[0], document), documents(args[1], document)
        for name in sorted(set(left) | set(right)):
            if name not in left or name not in right:
                comparison.differ(f"{name}/{document}: only in {'A' if name in left else 'B'}")
                continue
            runs += 1
            if document == RESULTS:
                comparison.results(name, left[name], right[name], ignored, "--messages" in flags)
            else:
                comparison.kill_matrix(name, left[name], right[name])
    if "--per-rule" in flags:
        print(f"{'RULE':<32} {'A':>7} {'B':>7}")
        for rule, (count_a, count_b) in sorted(comparison.rule_counts.items()):
            mark = "" if count_a == count_b else "  differs"
            print(f"{rule:<32} {count_a:>7} {count_b:>7}{mark}")
    print(f"{runs} documents, {comparison.cases} case verdicts compared, {comparison.differences} differ")
    return 0 if comparison.differences == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
