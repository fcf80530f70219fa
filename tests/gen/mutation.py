"""Break each template's key (drop a `+ 1`, swap two parameters) and see whether GEN catches it
within the default seeds: used by tests/gen/test_gen_rules.py and benchmarks/bench_gen.py."""

from __future__ import annotations

import io
import re
import shutil
import tokenize
from dataclasses import dataclass
from pathlib import Path

import yaml

from qbank.core.config import Config
from qbank.core.loader import load_bank
from qbank.lint.engine import validate

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Mutant:
    template: str
    kind: str  # drop-plus-one | add-plus-one | swap-parameters
    key: str
    caught_by: tuple[str, ...] = ()


def _names(expr: str) -> list[str]:
    return [t.string for t in tokenize.generate_tokens(io.StringIO(expr).readline)
            if t.type == tokenize.NAME]


def mutations(key: str, drawn: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    m = re.search(r"\s*\+\s*1(?![\d.])", key)
    if m:
        out.append(("drop-plus-one", key[:m.start()] + key[m.end():]))
    else:
        out.append(("add-plus-one", f"({key}) + 1"))
    used = [n for n in dict.fromkeys(_names(key)) if n in drawn]
    if len(used) >= 2:
        a, b = used[0], used[1]
        swapped = re.sub(rf"\b({a}|{b})\b", lambda x: b if x.group(1) == a else a, key)
        out.append(("swap-parameters", swapped))
    return out


def _equivalent(a: str, b: str, names: list[str]) -> bool:
    import sympy

    env = {n: sympy.Symbol(n) for n in names}
    env.update({f: getattr(sympy, f) for f in ("floor", "ceiling", "exp", "log", "sqrt", "Max",
                                                "Min", "Abs", "Mod", "Rational", "tanh")})
    try:
        return bool(sympy.simplify(sympy.sympify(a, locals=env) - sympy.sympify(b, locals=env))
                    == 0)
    except Exception:
        return False


def run(tmp: Path, bank: Path = REPO / "bank") -> list[Mutant]:
    """Every template of `bank`, mutated, in a fresh bank under `tmp`; the GEN findings of each."""
    root = tmp / "bank"
    root.mkdir(parents=True)
    shutil.copy(bank / "topics.yaml", root / "topics.yaml")
    planned: dict[str, tuple[str, str, str]] = {}
    for f in sorted(bank.glob("*/*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        params = data.get("params") if isinstance(data, dict) else None
        if not isinstance(params, dict) or not isinstance(params.get("key"), str):
            continue
        drawn = list(params.get("draw", {}))
        for i, (kind, key) in enumerate(mutations(params["key"], drawn)):
            if _equivalent(key, params["key"], drawn + list(params.get("derive", {}))):
                continue
            mid = f"{data['id'][:70]}-mut{i}"
            mutated = {**data, "id": mid, "params": {**params, "key": key}, "related": []}
            out = root / f.parent.name / f"{mid}.yaml"
            out.parent.mkdir(exist_ok=True)
            out.write_text(yaml.safe_dump(mutated, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
            planned[mid] = (data["id"], kind, key)
    result = validate(load_bank(root), Config(select=["GEN"], cache_dir=str(tmp / "cache")))
    found: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.severity.value == "error" and finding.question:
            found.setdefault(finding.question, []).append(finding.code)
    return [Mutant(t, kind, key, tuple(sorted(set(found.get(mid, [])))))
            for mid, (t, kind, key) in planned.items()]
