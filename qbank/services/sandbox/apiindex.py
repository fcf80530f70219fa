"""Build the index of the pinned TensorFlow/Keras public API: every name, and the keyword
arguments each callable accepts. Run in its own process (it imports TensorFlow):

    python -I apiindex.py OUT.json

The static RUN checks read the JSON (cached by versions under the cache dir), so `validate`
never imports TensorFlow itself. Shape:
`{"versions": {...}, "names": {"tf.nn.relu": SIG, "keras.layers": "module", ...}}` where SIG is
`"module"`, `"value"`, or `{"kind": "class"|"function", "params": [...], "open": bool}`;
`open` means it takes arbitrary keyword arguments (nothing can be checked statically).
Methods of the classes whose instances answer code calls (`Model.fit`) are listed as
`keras.Model.fit`.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
import types
from typing import Any

INDEX_VERSION = 2  # bump when the shape or the rules of the index change
# classes whose instances are made by `__new__` from anything (keras.Model(inputs=, outputs=))
OPEN_BASES = {"keras.src.models.model.Model"}
# Keras bases that take **kwargs but accept only these (and raise on anything else).
CLOSED_BASES = {
    "keras.src.layers.layer.Layer": ["input_dim", "input_shape", "batch_input_shape",
                                     "batch_size", "weights"],
    "keras.src.ops.operation.Operation": [],
    "keras.src.optimizers.base_optimizer.BaseOptimizer": ["decay"],
    "keras.src.losses.loss.Loss": [],
    "keras.src.metrics.metric.Metric": [],
    "keras.src.callbacks.callback.Callback": [],
}
METHOD_CLASSES = {"keras.Model": ["compile", "fit", "evaluate", "predict", "train_on_batch",
                                  "test_on_batch", "predict_on_batch", "save", "save_weights",
                                  "load_weights", "summary", "to_json", "get_layer", "export"]}
API_MODULES = ("tensorflow._api.", "keras.")
SKIP = {"tf.compat.v2", "tf.compat.v1.compat", "tf.compat.v1.keras", "keras.src",
        "tf.keras.src", "tf.compat.v1.estimator"}


def _qual(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def signature_of(obj: object) -> dict[str, Any] | str:
    if inspect.isclass(obj):
        params: list[str] = []
        is_open = True
        for klass in obj.__mro__:
            q = _qual(klass)
            init = klass.__dict__.get("__init__")
            if q in OPEN_BASES:
                is_open = True
                break
            if q in CLOSED_BASES:
                if init is not None:
                    params += _params(init)[0] or []
                params += CLOSED_BASES[q]
                is_open = False
                break
            if init is None or klass is object:
                continue
            names, var_kw = _params(init)
            if names is None:
                break
            params += names
            if not var_kw:
                is_open = False
                break
        return {"kind": "class", "params": sorted(set(params)), "open": is_open}
    if callable(obj):
        names, var_kw = _params(obj)
        if names is None:
            return {"kind": "function", "params": [], "open": True}
        return {"kind": "function", "params": sorted(set(names)), "open": bool(var_kw)}
    return "value"


def _params(fn: object) -> tuple[list[str] | None, bool]:
    try:
        sig = inspect.signature(fn)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None, True
    names = [p.name for p in sig.parameters.values()
             if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self"]
    var_kw = any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values())
    return names, var_kw


def build() -> dict[str, Any]:
    import keras
    import tensorflow as tf

    names: dict[str, object] = {}
    aliases: dict[str, str] = {}
    seen: dict[int, str] = {}
    stack: list[tuple[str, types.ModuleType]] = [("tf", tf), ("keras", keras)]
    while stack:
        prefix, mod = stack.pop()
        names[prefix] = "module"
        try:
            attrs = dir(mod)
        except Exception:
            continue
        for attr in attrs:
            if attr.startswith("_"):
                continue
            full = f"{prefix}.{attr}"
            if full in SKIP:
                names[full] = "module"
                continue
            try:
                obj = getattr(mod, attr)
            except Exception:
                names[full] = "value"
                continue
            if isinstance(obj, types.ModuleType):
                modname = getattr(obj, "__name__", "")
                if not modname.startswith(API_MODULES) or modname.startswith("keras.src"):
                    names[full] = "value"  # e.g. `tf.sysconfig.os`: not part of the API
                    continue
                if id(obj) in seen and seen[id(obj)].count(".") <= full.count("."):
                    names[full] = "module"
                    aliases[full] = seen[id(obj)]
                    continue
                seen[id(obj)] = full
                stack.append((full, obj))
                continue
            try:
                names[full] = signature_of(obj)
            except Exception:
                names[full] = "value"
    for cls_name, methods in METHOD_CLASSES.items():
        cls = keras.Model
        for m in methods:
            fn = getattr(cls, m, None)
            if fn is not None:
                names[f"{cls_name}.{m}"] = signature_of(fn)
    return {"versions": {"tensorflow": tf.__version__, "keras": keras.__version__,
                         "index": INDEX_VERSION},
            "names": names, "aliases": aliases}


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    data = build()
    out = sys.argv[1]
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, sort_keys=True)
    os.replace(tmp, out)
