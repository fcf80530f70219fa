"""`--format sarif`: SARIF 2.1.0, for code scanning dashboards."""

from __future__ import annotations

import json
from typing import Any, TextIO

from qbank.core.findings import Severity
from qbank.lint.engine import RunResult
from qbank.lint.registry import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def as_dict(result: RunResult) -> dict[str, Any]:
    rules = all_rules()
    used = sorted({f.code for f in result.findings})
    index = {code: i for i, code in enumerate(used)}
    descriptors = []
    for code in used:
        r = rules.get(code)
        descriptors.append({
            "id": code,
            "name": r.name if r else code,
            "shortDescription": {"text": r.summary if r else code},
            "fullDescription": {"text": r.doc if r else code},
            "helpUri": next((f.url for f in result.findings if f.code == code and f.url), ""),
            "defaultConfiguration": {"level": _LEVEL[r.severity] if r else "error"},
        })
    results = []
    for f in result.findings:
        res: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" Hint: {f.hint}" if f.hint else "")},
            "locations": [_location(f.path, f.line, f.column)],
        }
        if f.related:
            res["relatedLocations"] = [
                {"id": i, **_location(r.path, r.line, r.column),
                 "message": {"text": r.question or r.path}} for i, r in enumerate(f.related)]
        results.append(res)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "qbank", "version": result.tool.get("qbank", "0"),
                                "informationUri": "https://github.com/qbank/qbank",
                                "rules": descriptors}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def _location(path: str, line: int, column: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": path.replace("\\", "/")},
                                 "region": {"startLine": max(1, line),
                                            "startColumn": max(1, column)}}}


def write(result: RunResult, out: TextIO) -> None:
    json.dump(as_dict(result), out, indent=2, ensure_ascii=False)
    out.write("\n")
