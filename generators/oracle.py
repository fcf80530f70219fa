"""The second path to a key: the template's `oracle(...)`, Python run in the sandbox with the real
TensorFlow/Keras, called once per draw. One sandbox job checks every seed of a template."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generators.engine import Draw, Template

RUNNER = '''
import json as _json

def _qbank_plain(v):
    if hasattr(v, "numpy"):
        v = v.numpy()
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return [_qbank_plain(x) for x in v]
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return float(v)

def _qbank_all(calls, names):
    import inspect

    try:
        wanted = list(inspect.signature(oracle).parameters)
    except NameError:
        return [{"error": "the oracle code defines no `oracle` function"}] * len(calls)
    if sorted(wanted) != sorted(names):
        why = (f"oracle({', '.join(wanted)}) must take the drawn parameters, by name: "
               f"oracle({', '.join(names)})")
        return [{"error": why}] * len(calls)
    out, seen = [], {}
    for kwargs in calls:
        key = _json.dumps(kwargs, sort_keys=True)
        if key not in seen:  # the same parameters: measured once
            try:
                value = _qbank_plain(oracle(**kwargs))
                seen[key] = ({"value": value} if value is not None else
                             {"error": "the oracle returned None (a missing `return`?)"})
            except Exception as exc:
                seen[key] = {"error": f"{type(exc).__name__}: {exc}"}
        out.append(seen[key])
    return out
'''


@dataclass(frozen=True)
class OracleValue:
    seed: int | None
    value: Any = None
    error: str | None = None  # the oracle raised (per seed), or the job failed (every seed)


def oracle_job_parts(tpl: Template, draws: Sequence[Draw]) -> tuple[str, str]:
    """(setup, expr) of the sandbox job that runs the oracle on every draw."""
    drawn = list(tpl.spec.draw)
    calls = [{k: d.params[k] for k in drawn} for d in draws]
    literal = json.dumps(json.dumps(calls))
    setup = f"{tpl.spec.oracle}\n{RUNNER}\n_QBANK_CALLS = _json.loads({literal})\n"
    return setup, f"_qbank_all(_QBANK_CALLS, {drawn!r})"


def read_results(draws: Sequence[Draw], status: str, value: Any, message: str) -> list[OracleValue]:
    if status != "ok" or not isinstance(value, list) or len(value) != len(draws):
        why = message or status
        return [OracleValue(d.seed, error=f"the oracle did not run ({why})") for d in draws]
    return [OracleValue(d.seed, v.get("value"), v.get("error"))
            for d, v in zip(draws, value, strict=True)]


def agrees(key: Any, measured: Any, decimals: int, tolerance: float = 0.0) -> bool:
    """Key and oracle agree at the declared precision (elementwise for vectors/matrices)."""
    if isinstance(key, list) or isinstance(measured, list):
        if not (isinstance(key, list) and isinstance(measured, list)) or len(key) != len(measured):
            return False
        return all(agrees(k, m, decimals, tolerance) for k, m in zip(key, measured, strict=True))
    try:
        k, m = float(key), float(measured)
    except (TypeError, ValueError):
        return bool(key == measured)
    if not (math.isfinite(k) and math.isfinite(m)):
        return False
    return abs(k - m) <= max(0.5 * 10.0 ** -decimals, tolerance) + 1e-9 * max(1.0, abs(k))
