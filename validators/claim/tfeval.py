"""Evaluate facts with TensorFlow, in a child process (importing TF costs ~2 s, so the parent
only starts this when a statement needs a fact that is not cached).

stdin:  {"facts": [{"kind": "range", "name": "sigmoid", "tf": "tf.nn.sigmoid(x)"},
                   {"kind": "params", "name": "Dense", "keras": "...", "input": [6]},
                   {"kind": "invariance", "name": "softmax", "tf": "..."}]}
stdout: {"results": [...], "versions": {...}} one result per fact, in order:
        range      -> {"lo": float or "-inf", "hi": float or "+inf"}
        params     -> {"trainable": int, "non_trainable": int}
        invariance -> {"shift": bool, "scale": bool}
This file imports nothing from qbank or validators.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def _count(weights: list[object]) -> int:
    return int(sum(int(_prod(getattr(w, "shape", ()))) for w in weights))


def _prod(shape: object) -> int:
    n = 1
    for d in shape:  # type: ignore[attr-defined]
        n *= int(d)
    return n


def main() -> None:
    request = json.load(sys.stdin)
    import keras
    import numpy as np
    import tensorflow as tf

    def fn(expr: str, x: np.ndarray) -> np.ndarray:
        t = tf.constant(x, dtype=tf.float32)
        return np.asarray(eval(expr, {"tf": tf, "keras": keras, "x": t}), dtype=np.float64)

    rng = np.random.default_rng(0)
    grid = np.concatenate([np.linspace(-60.0, 60.0, 240_001), [-1e4, -1e3, 1e3, 1e4]])
    out = []
    for fact in request["facts"]:
        try:
            if fact["kind"] == "range":
                # Vectors: each row mixes one grid value with far-apart others, so softmax-like
                # functions reach both ends of their range.
                col = grid.reshape(-1, 1)
                x = np.concatenate([col, np.zeros_like(col), col / 2], axis=1)
                y = fn(fact["tf"], x)[:, 0]
                big = fn(fact["tf"], np.array([[1e6, 0.0, 5e5], [-1e6, 0.0, -5e5]]))[:, 0]
                lo = "-inf" if big[1] < -1e3 else float(np.min(y))
                hi = "+inf" if big[0] > 1e3 else float(np.max(y))
                out.append({"lo": lo, "hi": hi})
            elif fact["kind"] == "params":
                layer = eval(fact["keras"], {"keras": keras})
                dtype = fact.get("dtype", "float32")
                layer.build((None, *fact["input"]))
                if dtype == "float32":
                    layer(np.zeros((1, *fact["input"]), dtype=dtype))
                out.append({"trainable": _count(layer.trainable_weights),
                            "non_trainable": _count(layer.non_trainable_weights)})
            elif fact["kind"] == "invariance":
                x = rng.normal(size=(16, 10))
                base = fn(fact["tf"], x)
                shift = bool(np.allclose(fn(fact["tf"], x + 3.7), base, atol=1e-4))
                scale = bool(np.allclose(fn(fact["tf"], x * 2.5), base, atol=1e-4))
                out.append({"shift": shift, "scale": scale})
            else:
                out.append({"error": f"unknown kind {fact['kind']}"})
        except Exception as exc:  # one bad fact must not lose the others
            out.append({"error": f"{type(exc).__name__}: {exc}"})
    json.dump({"results": out, "versions": {"tensorflow": tf.__version__,
                                            "keras": keras.__version__}}, sys.stdout)


if __name__ == "__main__":
    main()
