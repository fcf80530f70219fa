"""`--format json`: the contract's report object."""

from __future__ import annotations

import json
from typing import Any, TextIO

from qbank.lint.engine import RunResult


def as_dict(result: RunResult) -> dict[str, Any]:
    by_path = {r.path: r for r in result.bank.records}
    return {
        "version": 1,
        "tool": result.tool,
        "summary": {
            "questions": len(result.verdicts),
            "errors": result.errors,
            "warnings": result.warnings,
            "infos": len(result.findings) - result.errors - result.warnings,
            "seconds": round(result.seconds, 3),
            **({"stats": result.stats.to_dict()} if result.stats else {}),
        },
        "findings": [f.to_dict() for f in result.findings],
        "questions": [{"id": by_path[p].id if p in by_path else None, "path": p, "verdict": v}
                      for p, v in sorted(result.verdicts.items())],
    }


def write(result: RunResult, out: TextIO) -> None:
    json.dump(as_dict(result), out, indent=2, ensure_ascii=False)
    out.write("\n")
