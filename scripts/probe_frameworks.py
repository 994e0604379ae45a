#!/usr/bin/env python3
"""Measure what automatic differentiation returns at 0 for ReLU-like operations.

For each installed framework (PyTorch, JAX, TensorFlow, autograd), each way of
writing ReLU, compositions of them, and related operations, each
floating-point dtype the framework has, each of the points +0.0, -0.0 and the
smallest positive subnormal number of the dtype, and both eager and compiled
execution (``torch.compile``, ``jax.jit``, ``tf.function``; autograd has no
compiler), this script asks the framework for the derivative and records the
input as the framework stored it, the dtype of the result and the derivative
returned. It writes JSON with the exact expressions, the framework versions,
the Python version, the platform and the date.

Run it through ``nox -s frameworks``, which installs the pinned frameworks and
compares the result with the committed data files: the newest releases,
measured together, and each release of the release matrix, measured alone.

Usage:
    python scripts/probe_frameworks.py OUTPUT.json
    python scripts/probe_frameworks.py --check COMMITTED.json
    python scripts/probe_frameworks.py --framework PyTorch --mode eager OUTPUT.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np

from relu_explained.frameworks import Measurement, measurement_key

POINTS = ("+0.0", "-0.0", "smallest subnormal")
DTYPES = ("bfloat16", "float16", "float32", "float64")
MODES = ("eager", "compiled")

# Each operation, by the name the tables use, written in each framework as the
# expression the probe evaluates (with x the input). The compositions
# f(x) - f(-x) and f(x) + f(-x) are built from these below.
BASE: dict[str, dict[str, str]] = {
    "relu": {
        "PyTorch": "torch.relu(x)",
        "JAX": "jax.nn.relu(x)",
        "TensorFlow": "tf.nn.relu(x)",
    },
    "maximum(x, 0)": {
        "PyTorch": "torch.maximum(x, torch.zeros_like(x))",
        "JAX": "jnp.maximum(x, 0)",
        "TensorFlow": "tf.maximum(x, tf.zeros_like(x))",
        "autograd": "anp.maximum(x, 0.0)",
    },
    "clip(x, min=0)": {
        "PyTorch": "torch.clamp(x, min=0)",
        "JAX": "jnp.clip(x, min=0)",
        "TensorFlow": "tf.clip_by_value(x, tf.zeros_like(x), tf.fill(tf.shape(x), x.dtype.max))",
        "autograd": "anp.clip(x, 0.0, anp.inf)",
    },
}
OTHER: dict[str, dict[str, str]] = {
    "fmax(x, 0)": {
        "PyTorch": "torch.fmax(x, torch.zeros_like(x))",
        "JAX": "jnp.fmax(x, 0)",
        "autograd": "anp.fmax(x, 0.0)",
    },
    "clamp_min(x, 0)": {"PyTorch": "torch.clamp_min(x, 0)"},
    "threshold(x, 0, 0)": {"PyTorch": "F.threshold(x, 0.0, 0.0)"},
    "lax.clamp(0, x, inf)": {"JAX": "lax.clamp(jnp.zeros_like(x), x, jnp.full_like(x, jnp.inf))"},
    "keras ReLU layer": {"TensorFlow": "keras.layers.ReLU()(x)"},
    "where(x > 0, x, 0)": {
        "PyTorch": "torch.where(x > 0, x, torch.zeros_like(x))",
        "JAX": "jnp.where(x > 0, x, 0)",
        "TensorFlow": "tf.where(x > 0, x, tf.zeros_like(x))",
        "autograd": "anp.where(x > 0, x, 0.0)",
    },
    "x * (x > 0)": {
        "PyTorch": "x * (x > 0)",
        "JAX": "x * (x > 0)",
        "TensorFlow": "x * tf.cast(x > 0, x.dtype)",
        "autograd": "x * (x > 0)",
    },
}
RELATED: dict[str, dict[str, str]] = {
    "relu6": {"PyTorch": "F.relu6(x)", "JAX": "jax.nn.relu6(x)", "TensorFlow": "tf.nn.relu6(x)"},
    "leaky_relu(x, 0.01)": {
        "PyTorch": "F.leaky_relu(x, 0.01)",
        "JAX": "jax.nn.leaky_relu(x, 0.01)",
        "TensorFlow": "tf.nn.leaky_relu(x, 0.01)",
    },
    "abs": {"PyTorch": "torch.abs(x)", "JAX": "jnp.abs(x)", "TensorFlow": "tf.abs(x)", "autograd": "anp.abs(x)"},
    "softplus": {"PyTorch": "F.softplus(x)", "JAX": "jax.nn.softplus(x)", "TensorFlow": "tf.nn.softplus(x)"},
    "gelu (erf)": {
        "PyTorch": "F.gelu(x)",
        "JAX": "jax.nn.gelu(x, approximate=False)",
        "TensorFlow": "tf.nn.gelu(x, approximate=False)",
    },
    "gelu (tanh)": {
        "PyTorch": "F.gelu(x, approximate='tanh')",
        "JAX": "jax.nn.gelu(x, approximate=True)",
        "TensorFlow": "tf.nn.gelu(x, approximate=True)",
    },
    "silu": {"PyTorch": "F.silu(x)", "JAX": "jax.nn.silu(x)", "TensorFlow": "tf.nn.silu(x)"},
}


def _negated(expression: str) -> str:
    """`expression` with every x replaced by -x (by (-x) before an attribute)."""
    return re.sub(r"\bx\b(\.?)", lambda m: "(-x)." if m[1] else "-x", expression)


_CALL = {"relu": "relu({})", "maximum(x, 0)": "maximum({}, 0)", "clip(x, min=0)": "clip({}, min=0)"}


def _compositions(sign: str) -> dict[str, dict[str, str]]:
    """f(x) - f(-x) (which is x) or f(x) + f(-x) (which is |x|) for each way f of writing ReLU."""
    return {
        f"{_CALL[name].format('x')} {sign} {_CALL[name].format('-x')}": {
            framework: f"{e} {sign} {_negated(e)}" for framework, e in written.items()
        }
        for name, written in BASE.items()
    }


#: Operation name -> framework -> expression.
EXPRESSIONS: dict[str, dict[str, str]] = {**BASE, **OTHER, **_compositions("-"), **_compositions("+"), **RELATED}
OPS = tuple(EXPRESSIONS)


def smallest_subnormal(dtype: str) -> float:
    """The smallest positive subnormal number of `dtype`, as a Python float."""
    bits = {"bfloat16": -133, "float16": -24, "float32": -149, "float64": -1074}
    return math.ldexp(1.0, bits[dtype])


def point_value(point: str, dtype: str) -> float:
    return {"+0.0": 0.0, "-0.0": -0.0, "smallest subnormal": smallest_subnormal(dtype)}[point]


@dataclass
class Reading:
    """One derivative as it is measured: what was asked, the input as the framework stored it, what it returned.

    With the framework's name, it becomes the file's record, a ``Measurement``.
    """

    op: str
    dtype: str
    point: str
    mode: str
    input: float | None = None
    output_dtype: str | None = None
    gradient: float | str | None = None


def _compile(framework: str, namespace: dict[str, Any]) -> dict[str, Callable[[Any], Any]]:
    """Each operation the framework has, as a function of x."""
    return {
        op: eval(f"lambda x: {written[framework]}", namespace)  # the expressions above
        for op, written in EXPRESSIONS.items()
        if framework in written
    }


def _measure(
    ops: dict[str, Callable[[Any], Any]],
    dtypes: tuple[str, ...],
    modes: tuple[str, ...],
    derivative: Callable[[Callable[[Any], Any], str, float, str, Reading], None],
) -> Iterator[Reading]:
    for mode in modes:
        for op, f in ops.items():
            for dtype in dtypes:
                for point in POINTS:
                    m = Reading(op, dtype, point, mode)
                    try:
                        derivative(f, dtype, point_value(point, dtype), mode, m)
                    except Exception as exc:  # a framework's refusal is a measurement too
                        m.gradient = f"error: {type(exc).__name__}"
                    yield m


def probe_torch(modes: tuple[str, ...] = MODES) -> Iterator[Reading]:
    import torch
    import torch.nn.functional as F

    ops = _compile("PyTorch", {"torch": torch, "F": F})
    compiled: dict[str, Callable[[Any], Any]] = {}
    # One compilation per operation and dtype: more than the default limit, past which the
    # compiler (2.1, which wraps every function in one shared frame) runs the rest eagerly.
    if "compiled" in modes:
        import torch._dynamo

        for limit in ("recompile_limit", "cache_size_limit"):
            if hasattr(torch._dynamo.config, limit):
                setattr(torch._dynamo.config, limit, 1024)

    def derivative(f: Callable[[Any], Any], dtype: str, value: float, mode: str, m: Reading) -> None:
        x = torch.tensor(value, dtype=getattr(torch, dtype), requires_grad=True)
        m.input = float(x.detach())
        if mode == "compiled" and m.op not in compiled:
            compiled[m.op] = torch.compile(f, fullgraph=True, dynamic=False)
        y = (compiled[m.op] if mode == "compiled" else f)(x)
        m.output_dtype = str(y.dtype).removeprefix("torch.")
        (grad,) = torch.autograd.grad(y, x)
        m.gradient = float(grad)

    yield from _measure(ops, DTYPES, modes, derivative)


def probe_jax(modes: tuple[str, ...] = MODES) -> Iterator[Reading]:
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    from jax import lax

    ops = _compile("JAX", {"jax": jax, "jnp": jnp, "lax": lax})

    def derivative(f: Callable[[Any], Any], dtype: str, value: float, mode: str, m: Reading) -> None:
        x = jnp.asarray(value, dtype=getattr(jnp, dtype))
        m.input = float(x)
        m.output_dtype = str(f(x).dtype)
        grad = jax.grad(f) if mode == "eager" else jax.jit(jax.grad(f))
        m.gradient = float(grad(x))

    yield from _measure(ops, DTYPES, modes, derivative)


def probe_tensorflow(modes: tuple[str, ...] = MODES) -> Iterator[Reading]:
    import keras
    import ml_dtypes
    import tensorflow as tf

    ops = _compile("TensorFlow", {"tf": tf, "keras": keras})

    def derivative(f: Callable[[Any], Any], dtype: str, value: float, mode: str, m: Reading) -> None:
        # From a numpy array of the dtype (ml_dtypes for bfloat16), so that the
        # subnormal is not rounded by a conversion; -0.0 by negation, because
        # TensorFlow stores a constant that compares equal to 0 as +0.0.
        try:
            magnitude = tf.constant(np.asarray(abs(value), dtype=ml_dtypes.bfloat16 if dtype == "bfloat16" else dtype))
        except (TypeError, ValueError):
            # TensorFlow before 2.14 takes no ml_dtypes array: from float32, which holds every bfloat16
            # value, the subnormal included (the input recorded shows what TensorFlow stored).
            magnitude = tf.cast(tf.constant(abs(value), tf.float32), getattr(tf, dtype))
        x = -magnitude if math.copysign(1.0, value) < 0 else magnitude
        m.input = float(x.numpy())

        def tape(x: Any) -> tuple[Any, Any]:
            with tf.GradientTape() as t:
                t.watch(x)
                y = f(x)
            return y, t.gradient(y, x)

        y, grad = (tape if mode == "eager" else tf.function(tape))(x)
        m.output_dtype = y.dtype.name
        m.gradient = None if grad is None else float(grad.numpy())

    yield from _measure(ops, DTYPES, modes, derivative)


def probe_autograd(modes: tuple[str, ...] = MODES) -> Iterator[Reading]:
    import autograd
    import autograd.numpy as anp

    ops = _compile("autograd", {"anp": anp})

    def derivative(f: Callable[[Any], Any], dtype: str, value: float, _mode: str, m: Reading) -> None:
        x = np.asarray(value, dtype=dtype)
        m.input = float(x)
        m.output_dtype = str(np.asarray(f(x)).dtype)
        m.gradient = float(autograd.grad(f)(x))

    # numpy has no bfloat16, and autograd has no compiler.
    yield from _measure(ops, DTYPES[1:], tuple(m for m in modes if m == "eager"), derivative)


PROBES = {
    "PyTorch": ("torch", probe_torch),
    "JAX": ("jax", probe_jax),
    "TensorFlow": ("tensorflow-cpu", probe_tensorflow),
    "autograd": ("autograd", probe_autograd),
}


def measure(names: list[str] | None = None, modes: tuple[str, ...] = MODES) -> dict[str, Any]:
    """Run the probes of the frameworks `names` (default all) in `modes` and return the data to write."""
    frameworks = {}
    results: list[Measurement] = []
    for name, (distribution, probe) in PROBES.items():
        if names is not None and name not in names:
            continue
        frameworks[name] = metadata.version(distribution)
        for m in probe(modes):
            # The sign of a zero gradient is not part of the convention.
            if isinstance(m.gradient, float) and m.gradient == 0.0:
                m.gradient = 0.0
            if m.input is None:
                msg = f"{name}: no input recorded for {m}"
                raise RuntimeError(msg)
            record = Measurement(
                framework=name,
                op=m.op,
                mode=m.mode,
                dtype=m.dtype,
                point=m.point,
                input=m.input,
                output_dtype=m.output_dtype,
                gradient=m.gradient,
            )
            results.append(record)
    return {
        "description": "Derivative returned by automatic differentiation at exactly x = 0 (and nearby), "
        "by framework, operation, mode, dtype and point, with the input as the framework stored it.",
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "numpy": np.__version__,
        "frameworks": frameworks,
        "points": list(POINTS),
        "dtypes": list(DTYPES),
        "modes": list(modes),
        "ops": list(OPS),
        "expressions": {
            op: {f: e for f, e in written.items() if f in frameworks} for op, written in EXPRESSIONS.items()
        },
        "results": results,
    }


def check(committed: str, fresh: dict[str, Any]) -> int:
    """Compare a fresh run with the committed file; return the number of differences."""
    old = json.loads(Path(committed).read_text(encoding="utf-8"))
    differences = 0

    # What nox -s frameworks pins must match; the Python patch release and the
    # platform cannot be pinned by a session and are reported only.
    def minor(d: dict[str, Any]) -> str:
        return ".".join(str(d.get("python", "")).split(".")[:2])

    pinned = ["frameworks", "numpy", "points", "dtypes", "modes", "ops", "expressions"]
    for key, was, now in [
        *((key, old.get(key), fresh.get(key)) for key in pinned),
        ("python (major.minor)", minor(old), minor(fresh)),
    ]:
        if was != now:
            print(f"{key}: committed {was!r}, now {now!r}")
            differences += 1
    for key in ("python", "platform"):
        if old.get(key) != fresh.get(key):
            print(f"note: {key} {fresh.get(key)!r} here, {old.get(key)!r} when the file was written")
    index = {measurement_key(r): r for r in old["results"]}
    for r in fresh["results"]:
        committed_record = index.pop(measurement_key(r), None)
        if committed_record is None:
            print(f"{measurement_key(r)}: measured now, not in the committed file")
            differences += 1
            continue
        # Compared as JSON text, so that -0.0 and 0.0 differ.
        changed = [field for field in r if json.dumps(committed_record.get(field)) != json.dumps(r[field])]
        for field in changed:
            print(f"{measurement_key(r)}: {field} committed {committed_record.get(field)!r}, now {r[field]!r}")
        differences += bool(changed)
    for measurement in index:
        print(f"{measurement}: committed but no longer measured")
        differences += 1
    return differences


def write(data: dict[str, Any], path: Path) -> None:
    """Write `data` as JSON with one measurement per line, so that a change shows as a line in a diff."""
    head = json.dumps({k: v for k, v in data.items() if k != "results"}, indent=1)
    lines = ",\n".join("  " + json.dumps(r) for r in data["results"])
    path.write_text(f'{head[:-2]},\n "results": [\n{lines}\n ]\n}}\n', encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("output", nargs="?", help="write the measurements to this JSON file")
    group.add_argument("--check", metavar="COMMITTED", help="compare a fresh run with this file")
    parser.add_argument("--framework", action="append", choices=list(PROBES), help="only this framework (repeatable)")
    parser.add_argument("--mode", action="append", choices=MODES, help="only this mode (repeatable)")
    args = parser.parse_args()
    data = measure(args.framework, tuple(m for m in MODES if m in (args.mode or MODES)))
    if args.check:
        differences = check(args.check, data)
        if differences:
            sys.exit(f"{differences} measurements differ from {args.check}; rerun the probe and commit the file")
        print(f"all {len(data['results'])} measurements match {args.check}")
        return
    write(data, Path(args.output))
    print(f"wrote {len(data['results'])} measurements to {args.output}")


if __name__ == "__main__":
    main()
