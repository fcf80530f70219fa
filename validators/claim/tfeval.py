"""Evaluate facts with TensorFlow, in a child process (importing TF costs ~2 s, so the parent
only starts this when a statement needs a fact that is not cached).

stdin:  {"facts": [{"kind": "range", "name": "sigmoid", "tf": "tf.nn.sigmoid(x)"},
                   {"kind": "params", "name": "Dense", "keras": "...", "input": [6]},
                   {"kind": "invariance", "name": "softmax", "tf": "..."}]}
stdout: {"results": [...], "versions": {...}} one result per fact, in order:
        range      -> {"lo": float or "-inf", "hi": float or "+inf"}
        drange     -> {"lo", "hi", "neg": {lo, hi}, "pos": {lo, hi}}  the derivative's range
        dvalue     -> {"y": float}                      the derivative at "x"
        params     -> {"trainable": int, "non_trainable": int}
        invariance -> {"shift": bool, "scale": bool}
        value      -> {"y": float}                      ({"tf": ..., "x": float})
        vector     -> {"y": [float, ...]}               ({"tf": ..., "x": [float, ...]})
        sign       -> {"neg": stats, "pos": stats}      stats: min, max, minabs, maxabs, identity
        loss       -> {"values": [float, ...]}          ({"cls": ..., "cases": [[y_true, y_pred]]})
        penalty    -> {"value": float}                  ({"cls": "L2", "factor", "weights"})
        metric     -> {"value": float}                  ({"metric": "recall", "counts": {"tp": ..}})
        update     -> {"value": [float, ...]}           ({"cls", "kwargs", "w", "g"}: one step)
        schedule   -> {"value": float}                  ({"cls", "args", "kwargs", "step"})
        metric_arrays -> {"value": float}               ({"cls", "args", "kwargs", "y_true",
                                                          "y_pred"}: one update_state)
        default    -> {"default": value, "param": name} ({"path": "keras.x.Cls", "params": [...]})
        layer      -> {"a": built, "b": built}          ({"cls", "args", "kwargs", "input"})
                      built: trainable, non_trainable, total, input, output (shapes without the
                      batch axis); what the sentence left open (a required argument, an input
                      dimension) is filled differently in `a` and `b`, so the parent can tell
                      a fact the sentence fixes from one it does not.
`python tfeval.py --names` prints the Keras namespace (computable.yaml `namespace`).
This file imports nothing from qbank or validators.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def _count(weights: list[object]) -> int:
    return int(sum(int(_prod(getattr(w, "shape", ()))) for w in weights))


def _prod(shape: object) -> int:
    n = 1
    for d in shape:  # type: ignore[attr-defined]
        n *= int(d)
    return n


# a required constructor argument the sentence does not state: two different fillings
_FILL = {"units": (4, 5), "filters": (4, 5), "kernel_size": (3, 2), "pool_size": (2, 3),
         "input_dim": (10, 11), "output_dim": (4, 5), "num_heads": (2, 3), "key_dim": (4, 5),
         "rate": (0.5, 0.3), "stddev": (0.1, 0.2), "n": (2, 3), "size": (2, 3),
         "height": (4, 5), "width": (4, 5), "target_shape": ((-1,), (-1,)), "dims": ((1,), (1,)),
         "equation": ("ab,bc->ac", "ab,bc->ac"), "output_shape": (4, 5)}
_RNN = ("LSTM", "GRU", "SimpleRNN", "RNN", "Bidirectional", "ConvLSTM1D")
_SEQUENCE = ("MultiHeadAttention", "GroupQueryAttention", "Attention", "AdditiveAttention")


def _spatial(cls: str) -> int:
    if any(cls.startswith(r) for r in _RNN) or "1D" in cls or cls in _SEQUENCE:
        return 1
    return 2 if "2D" in cls else 3 if "3D" in cls else 0


def _construct(keras: Any, spec: dict[str, Any], variant: int) -> Any:
    """The layer a spec names, with its stated arguments and fillings for the missing ones."""
    import inspect

    cls = getattr(keras.layers, str(spec["cls"]))
    args = list(spec["args"])
    kwargs = dict(spec["kwargs"])
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if "inner" in spec:  # a wrapper: Bidirectional(LSTM(32))
        args.insert(0, _construct(keras, spec["inner"], variant))
    names = {p.name for p in params[len(args):]}  # positional arguments win over prose
    kwargs = {k: v for k, v in kwargs.items() if k in names}
    for p in params[len(args):]:
        if p.default is p.empty and p.name not in kwargs:
            if p.name not in _FILL:
                raise TypeError(f"{spec['cls']} needs `{p.name}`")
            kwargs[p.name] = _FILL[p.name][variant]
    for k in ("kernel_size", "pool_size", "strides"):
        if isinstance(kwargs.get(k), list):
            kwargs[k] = tuple(kwargs[k])
    return cls(*args, **kwargs)


def _build(keras: Any, np: Any, spec: dict[str, Any], variant: int) -> dict[str, Any]:
    layer = _construct(keras, spec, variant)
    inp: dict[str, Any] = dict(spec.get("input") or {})
    fill = (7, 9)[variant]
    shape = inp.get("shape")
    nsp = _spatial(str(spec["cls"]))
    last = inp.get("last", inp.get("channels"))
    if shape is not None:
        dims = [fill if d is None else int(d) for d in shape]
        if len(dims) == nsp and nsp >= 2:  # "28x28 images": the channels are stated apart
            dims.append(int(last) if last else fill + 1)
    elif spec["cls"] == "Embedding" or spec["cls"] == "ReversibleEmbedding":
        dims = [int(inp.get("steps") or fill)]
    else:
        lead = [int(inp["steps"])] if inp.get("steps") and nsp <= 1 else []
        dims = lead + [fill + 4] * (nsp - len(lead)) + [int(last) if last else fill + 1]
    integer = spec["cls"] in ("Embedding", "ReversibleEmbedding", "CategoryEncoding")
    x = np.zeros((2, *dims), dtype="int32" if integer else "float32")
    try:
        y = layer(x)
    except (TypeError, ValueError):
        y = layer(x, x)  # attention layers: query and value
    out = [int(d) if d is not None else None for d in tuple(y.shape)[1:]]
    tr, nt = _count(layer.trainable_weights), _count(layer.non_trainable_weights)
    return {"trainable": tr, "non_trainable": nt, "total": tr + nt, "input": dims,
            "output": out}


def _default(keras: Any, path: str, params: list[str]) -> dict[str, Any]:
    """The default of a constructor parameter of a Keras class ("keras.optimizers.Adam"): the
    first of `params` (the readings of one phrase: "penalty factor" is l1 or l2) it has."""
    import inspect

    obj: Any = keras
    for part in path.split(".")[1:]:
        obj = getattr(obj, part)
    sig = inspect.signature(obj).parameters
    name = next((p for p in params if p in sig), None)
    if name is None or sig[name].default is inspect.Parameter.empty:
        return {"error": f"{path} has no parameter {' or '.join(params)} with a default"}
    d = sig[name].default
    shown = name
    if name == "strides" and d is None and "pool_size" in sig:
        d = sig["pool_size"].default  # a pooling window steps by its own size
        shown = "strides (None: the pool size)"
    if isinstance(d, tuple | list) and d and len(set(d)) == 1:
        d = d[0]  # pool_size (2, 2): 2
    if d is not None and not isinstance(d, bool | int | float | str):
        return {"error": f"{path}: the default of {name} is not a plain value"}
    return {"default": d, "param": shown}


def _metric(keras: Any, np: Any, metric: str, counts: dict[str, int]) -> float:
    """The metric of labels and predictions with these confusion counts."""
    tp, fp, fn, tn = (counts.get(k, 0) for k in ("tp", "fp", "fn", "tn"))
    if tp + fp + fn + tn > 10_000_000:
        raise ValueError("counts too large to build")
    y_true = np.array([1] * tp + [0] * fp + [1] * fn + [0] * tn, dtype="float32")
    y_pred = np.array([1] * tp + [1] * fp + [0] * fn + [0] * tn, dtype="float32")
    if metric in ("specificity", "fpr"):  # the recall of the negative class
        m = keras.metrics.Recall()
        m.update_state(1 - y_true, 1 - y_pred)
        r = float(m.result())
        return r if metric == "specificity" else 1.0 - r
    if metric == "f1":
        m = keras.metrics.F1Score(threshold=0.5)
        m.update_state(y_true.reshape(-1, 1), y_pred.reshape(-1, 1))
        return float(np.asarray(m.result()).reshape(-1)[0])
    cls = {"precision": "Precision", "recall": "Recall", "accuracy": "BinaryAccuracy"}[metric]
    m = getattr(keras.metrics, cls)()
    m.update_state(y_true, y_pred)
    return float(m.result())


def names() -> None:
    import inspect

    import keras
    import numpy as np

    acts = []
    for n in sorted(dir(keras.activations)):
        f = getattr(keras.activations, n)
        if n.startswith("_") or n in ("get", "serialize", "deserialize") or not callable(f):
            continue
        try:
            f(np.array([[0.5, -0.5, 1.0, 2.0]], dtype="float32"))
        except Exception:
            continue
        acts.append(n)
    lay = [n for n in sorted(dir(keras.layers)) if inspect.isclass(getattr(keras.layers, n))
           and issubclass(getattr(keras.layers, n), keras.layers.Layer)]
    json.dump({"activations": acts, "layers": lay}, sys.stdout)


def _derivative(tf: Any, keras: Any, np: Any, expr: str, xs: Any) -> Any:
    """d expr / dx at each of `xs` (automatic differentiation, float64 where it runs)."""
    for dtype in (tf.float64, tf.float32):
        try:
            x = tf.constant(np.asarray(xs, dtype=np.float64).reshape(-1, 1), dtype=dtype)
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = eval(expr, {"tf": tf, "keras": keras, "x": x})
            return np.asarray(tape.gradient(y, x), dtype=np.float64)[:, 0]
        except Exception:
            continue
    raise ValueError("no derivative")


def _derivative_range(tf: Any, keras: Any, np: Any, expr: str, grid: Any) -> dict[str, Any]:
    d = _derivative(tf, keras, np, expr, grid)
    neg, pos = d[grid < -1e-3], d[grid > 1e-3]
    return {"lo": float(np.nanmin(d)), "hi": float(np.nanmax(d)),
            "neg": {"lo": float(np.nanmin(neg)), "hi": float(np.nanmax(neg))},
            "pos": {"lo": float(np.nanmin(pos)), "hi": float(np.nanmax(pos))}}


def _derivative_at(tf: Any, keras: Any, np: Any, expr: str, x: float) -> dict[str, Any]:
    left, mid, right = _derivative(tf, keras, np, expr, [x - 1e-4, x, x + 1e-4])
    if abs(left - right) > 1e-2:  # a kink (ReLU at 0): no single derivative to compare
        return {"error": f"not differentiable at {x:g}"}
    return {"y": float(mid)}


def main() -> None:
    if sys.argv[1:] == ["--names"]:
        names()
        return
    request = json.load(sys.stdin)
    import keras
    import numpy as np
    import tensorflow as tf

    def fn(expr: str, x: np.ndarray) -> np.ndarray:
        t = tf.constant(x, dtype=tf.float32)
        return np.asarray(eval(expr, {"tf": tf, "keras": keras, "x": t}), dtype=np.float64)

    def fn64(expr: str, x: np.ndarray) -> np.ndarray:
        try:
            t = tf.constant(x, dtype=tf.float64)
            return np.asarray(eval(expr, {"tf": tf, "keras": keras, "x": t}), dtype=np.float64)
        except Exception:
            return fn(expr, x)

    rng = np.random.default_rng(0)
    grid = np.concatenate([np.linspace(-60.0, 60.0, 240_001), [-1e4, -1e3, 1e3, 1e4]])
    out: list[dict[str, Any]] = []
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
            elif fact["kind"] == "drange":  # the range of the derivative, by autodiff
                out.append(_derivative_range(tf, keras, np, fact["tf"], grid))
            elif fact["kind"] == "dvalue":
                out.append(_derivative_at(tf, keras, np, fact["tf"], float(fact["x"])))
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
            elif fact["kind"] == "value":
                xv = np.array([[float(fact["x"])]])
                out.append({"y": float(fn64(fact["tf"], xv)[0, 0])})
            elif fact["kind"] == "vector":
                xv = np.array([[float(v) for v in fact["x"]]])
                out.append({"y": [float(v) for v in fn64(fact["tf"], xv)[0]]})
            elif fact["kind"] == "sign":
                half = np.concatenate([np.geomspace(1e-3, 6.0, 400)])
                res = {}
                for dom, xs in (("neg", -half), ("pos", half)):
                    y = fn64(fact["tf"], xs.reshape(-1, 1))[:, 0]
                    res[dom] = {"min": float(y.min()), "max": float(y.max()),
                                "minabs": float(np.abs(y).min()),
                                "maxabs": float(np.abs(y).max()),
                                "identity": bool(np.allclose(y, xs, rtol=1e-5, atol=1e-6))}
                out.append(res)
            elif fact["kind"] == "loss":
                loss = getattr(keras.losses, fact["cls"])()
                out.append({"values": [float(loss(np.array(t, dtype="float32"),
                                                  np.array(p, dtype="float32")))
                                       for t, p in fact["cases"]]})
            elif fact["kind"] == "penalty":
                reg = getattr(keras.regularizers, fact["cls"])(fact["factor"])
                out.append({"value": float(reg(np.array(fact["weights"], dtype="float32")))})
            elif fact["kind"] == "metric_arrays":
                metric = getattr(keras.metrics, fact["cls"])(*fact["args"], **fact["kwargs"])
                metric.update_state(np.array(fact["y_true"], dtype="float32"),
                                    np.array(fact["y_pred"], dtype="float32"))
                out.append({"value": float(np.asarray(metric.result()))})
            elif fact["kind"] == "schedule":
                sched = getattr(keras.optimizers.schedules, fact["cls"])(*fact["args"],
                                                                       **fact["kwargs"])
                out.append({"value": float(np.asarray(sched(fact["step"])))})
            elif fact["kind"] == "update":
                var = keras.Variable(np.array(fact["w"], dtype="float32"))
                opt = getattr(keras.optimizers, fact["cls"])(**fact["kwargs"])
                opt.apply_gradients([(np.array(fact["g"], dtype="float32"), var)])
                out.append({"value": [float(x) for x in np.asarray(var)]})
            elif fact["kind"] == "metric":
                out.append({"value": _metric(keras, np, fact["metric"], fact["counts"])})
            elif fact["kind"] == "default":
                out.append(_default(keras, fact["path"], fact["params"]))
            elif fact["kind"] == "layer":
                out.append({"a": _build(keras, np, fact, 0), "b": _build(keras, np, fact, 1)})
            else:
                out.append({"error": f"unknown kind {fact['kind']}"})
        except Exception as exc:  # one bad fact must not lose the others
            out.append({"error": f"{type(exc).__name__}: {exc}"})
    json.dump({"results": out, "versions": {"tensorflow": tf.__version__,
                                            "keras": keras.__version__}}, sys.stdout)


if __name__ == "__main__":
    main()
