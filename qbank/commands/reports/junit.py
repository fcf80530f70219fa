"""`--format junit`: one test case per question, failed by its error findings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from qbank.core.findings import Finding, Severity
from qbank.lint.engine import RunResult


def write(result: RunResult, out: TextIO) -> None:
    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    suite = ET.Element("testsuite", name="qbank", tests=str(len(result.verdicts)),
                       failures=str(sum(v == "fail" for v in result.verdicts.values())),
                       errors="0", skipped="0", time=f"{result.seconds:.3f}")
    ids = {r.path: r.id for r in result.bank.records}
    for path in sorted(set(result.verdicts) | set(by_path)):
        case = ET.SubElement(suite, "testcase", classname=path, name=ids.get(path, path),
                             file=path)
        findings = by_path.get(path, [])
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            body = "\n".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.name} {f.message}"
                             + (f" (hint: {f.hint})" if f.hint else "") for f in errors)
            fail = ET.SubElement(case, "failure", type=errors[0].code,
                                 message=f"{len(errors)} error finding(s)")
            fail.text = body
        others = [f for f in findings if f.severity is not Severity.ERROR]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(
                f"{f.severity.value}: {f.path}:{f.line}:{f.column}: {f.code} {f.name} "
                f"{f.message}" for f in others)
    root = ET.Element("testsuites", name="qbank", tests=suite.get("tests", "0"),
                      failures=suite.get("failures", "0"), time=suite.get("time", "0"))
    root.append(suite)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
