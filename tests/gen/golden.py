"""The first variants of every template of the bank, pinned: `python -m tests.gen.golden
--write` records them in tests/gen/golden.yaml after a template is added or changed on purpose;
tests/gen/test_golden.py fails when the engine gives any other variant for a seed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

import generators
from qbank.core.loader import load_bank

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden.yaml")
SEEDS = (1, 2, 3)


def current() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in load_bank(REPO / "bank").records:
        if rec.record is None or not generators.is_template(rec.record):
            continue
        drawn = list(generators.template_of(rec.record).spec.draw)
        out[rec.id] = [{"seed": v.seed, "params": {k: v.params[k] for k in drawn},
                        "key": v.params["key"]}
                       for v in generators.variants(rec.record, SEEDS)]
    return dict(sorted(out.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="record the variants in golden.yaml")
    args = ap.parse_args()
    text = yaml.safe_dump(current(), sort_keys=False, width=100)
    if args.write:
        GOLDEN.write_text("# the first variants of every template: python -m tests.gen.golden "
                          "--write\n" + text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
