#!/usr/bin/env python3
"""Measure what automatic differentiation returns at 0 for ReLU-like operations.

For each installed framework (PyTorch, JAX, TensorFlow, autograd), each way of
writing ReLU or a related operation, each floating-point dtype the framework
has, and each of the points +0.0, -0.0 and the smallest positive subnormal
number of the dtype, this script asks the framework for the derivative and
records the value it returns. It writes JSON with the framework versions, the
Python version, the platform and the date.

Run it through ``nox -s frameworks``, which installs the pinned frameworks and
compares the result with the committed data file.

Usage:
    python scripts/probe_frameworks.py OUTPUT.json
    python scripts/probe_frameworks.py --check COMMITTED.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import sys
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np

POINTS = ("+0.0", "-0.0", "smallest subnormal")
DTYPES = ("bfloat16", "float16", "float32", "float64")
OPS = (
    "relu",
    "maximum(x, 0)",
    "clip(x, min=0)",
    "where(x > 0, x, 0)",
    "x * (x > 0)",
    "relu6",
    "leaky_relu(x, 0.01)",
    "abs",
)


def smallest_subnormal(dtype: str) -> float:
    """The smallest positive subnormal number of `dtype`, as a Python float."""
    bits = {"bfloat16": -133, "float16": -24, "float32": -149, "float64": -1074}
    return math.ldexp(1.0, bits[dtype])


def point_value(point: str, dtype: str) -> float:
    return {"+0.0": 0.0, "-0.0": -0.0, "smallest subnormal": smallest_subnormal(dtype)}[point]


Measurement = tuple[str, str, str, Any]


def probe_torch() -> Iterator[Measurement]:
    import torch
    import torch.nn.functional as F

    ops: dict[str, Callable[[Any], Any]] = {
        "relu": torch.relu,
        "maximum(x, 0)": lambda x: torch.maximum(x, torch.zeros_like(x)),
        "clip(x, min=0)": lambda x: torch.clamp(x, min=0),
        "where(x > 0, x, 0)": lambda x: torch.where(x > 0, x, torch.zeros_like(x)),
        "x * (x > 0)": lambda x: x * (x > 0),
        "relu6": F.relu6,
        "leaky_relu(x, 0.01)": lambda x: F.leaky_relu(x, 0.01),
        "abs": torch.abs,
    }
    for dtype in DTYPES:
        tdtype = getattr(torch, dtype)
        for op, f in ops.items():
            for point in POINTS:
                try:
                    x = torch.tensor(point_value(point, dtype), dtype=tdtype, requires_grad=True)
                    (grad,) = torch.autograd.grad(f(x), x)
                    yield op, dtype, point, float(grad)
                except Exception as exc:
                    yield op, dtype, point, f"error: {type(exc).__name__}"


def probe_jax() -> Iterator[Measurement]:
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    ops: dict[str, Callable[[Any], Any]] = {
        "relu": jax.nn.relu,
        "maximum(x, 0)": lambda x: jnp.maximum(x, 0),
        "clip(x, min=0)": lambda x: jnp.clip(x, min=0),
        "where(x > 0, x, 0)": lambda x: jnp.where(x > 0, x, 0),
        "x * (x > 0)": lambda x: x * (x > 0),
        "relu6": jax.nn.relu6,
        "leaky_relu(x, 0.01)": lambda x: jax.nn.leaky_relu(x, 0.01),
        "abs": jnp.abs,
    }
    for dtype in DTYPES:
        jdtype = getattr(jnp, dtype)
        for op, f in ops.items():
            for point in POINTS:
                try:
                    x = jnp.asarray(point_value(point, dtype), dtype=jdtype)
                    yield op, dtype, point, float(jax.grad(f)(x))
                except Exception as exc:
                    yield op, dtype, point, f"error: {type(exc).__name__}"


def probe_tensorflow() -> Iterator[Measurement]:
    import tensorflow as tf

    ops: dict[str, Callable[[Any], Any]] = {
        "relu": tf.nn.relu,
        "maximum(x, 0)": lambda x: tf.maximum(x, tf.zeros_like(x)),
        "clip(x, min=0)": lambda x: tf.clip_by_value(x, tf.zeros_like(x), tf.fill(tf.shape(x), x.dtype.max)),
        "where(x > 0, x, 0)": lambda x: tf.where(x > 0, x, tf.zeros_like(x)),
        "x * (x > 0)": lambda x: x * tf.cast(x > 0, x.dtype),
        "relu6": tf.nn.relu6,
        "leaky_relu(x, 0.01)": lambda x: tf.nn.leaky_relu(x, 0.01),
        "abs": tf.abs,
    }
    for dtype in DTYPES:
        tdtype = getattr(tf, dtype)
        for op, f in ops.items():
            for point in POINTS:
                try:
                    x = tf.Variable(point_value(point, dtype), dtype=tdtype)
                    with tf.GradientTape() as tape:
                        y = f(x)
                    grad = tape.gradient(y, x)
                    yield op, dtype, point, None if grad is None else float(grad.numpy())
                except Exception as exc:
                    yield op, dtype, point, f"error: {type(exc).__name__}"


def probe_autograd() -> Iterator[Measurement]:
    import autograd
    import autograd.numpy as anp

    ops: dict[str, Callable[[Any], Any]] = {
        "maximum(x, 0)": lambda x: anp.maximum(x, 0.0),
        "clip(x, min=0)": lambda x: anp.clip(x, 0.0, anp.inf),
        "where(x > 0, x, 0)": lambda x: anp.where(x > 0, x, 0.0),
        "x * (x > 0)": lambda x: x * (x > 0),
        "abs": anp.abs,
    }
    for dtype in ("float16", "float32", "float64"):
        for op, f in ops.items():
            for point in POINTS:
                try:
                    x = np.asarray(point_value(point, dtype), dtype=dtype)
                    yield op, dtype, point, float(autograd.grad(f)(x))
                except Exception as exc:
                    yield op, dtype, point, f"error: {type(exc).__name__}"


PROBES = {
    "PyTorch": ("torch", probe_torch),
    "JAX": ("jax", probe_jax),
    "TensorFlow": ("tensorflow-cpu", probe_tensorflow),
    "autograd": ("autograd", probe_autograd),
}


def measure() -> dict[str, Any]:
    """Run every probe and return the data to write."""
    frameworks = {}
    results = []
    for name, (distribution, probe) in PROBES.items():
        frameworks[name] = metadata.version(distribution)
        for op, dtype, point, measured in probe():
            # The sign of a zero gradient is not part of the convention.
            gradient = 0.0 if isinstance(measured, float) and measured == 0.0 else measured
            results.append({"framework": name, "op": op, "dtype": dtype, "point": point, "gradient": gradient})
    return {
        "description": "Derivative returned by automatic differentiation at exactly x = 0 (and nearby), "
        "by framework, operation, dtype and point.",
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "numpy": np.__version__,
        "frameworks": frameworks,
        "points": list(POINTS),
        "dtypes": list(DTYPES),
        "ops": list(OPS),
        "results": results,
    }


def check(committed: str, fresh: dict[str, Any]) -> int:
    """Compare a fresh run with the committed file; return the number of differences."""
    old = json.loads(Path(committed).read_text(encoding="utf-8"))
    differences = 0
    # What nox -s frameworks pins must match; the Python patch release and the
    # platform cannot be pinned by a session and are reported only.
    pinned = {
        "frameworks": lambda d: d.get("frameworks"),
        "numpy": lambda d: d.get("numpy"),
        "python (major.minor)": lambda d: ".".join(str(d.get("python", "")).split(".")[:2]),
        "points": lambda d: d.get("points"),
        "dtypes": lambda d: d.get("dtypes"),
        "ops": lambda d: d.get("ops"),
    }
    for key, read in pinned.items():
        if read(old) != read(fresh):
            print(f"{key}: committed {read(old)!r}, now {read(fresh)!r}")
            differences += 1
    for key in ("python", "platform"):
        if old.get(key) != fresh.get(key):
            print(f"note: {key} {fresh.get(key)!r} here, {old.get(key)!r} when the file was written")
    index = {(r["framework"], r["op"], r["dtype"], r["point"]): r["gradient"] for r in old["results"]}
    for r in fresh["results"]:
        measurement = (r["framework"], r["op"], r["dtype"], r["point"])
        committed_value = index.pop(measurement, "absent")
        if committed_value != r["gradient"]:
            print(f"{measurement}: committed {committed_value!r}, now {r['gradient']!r}")
            differences += 1
    for measurement in index:
        print(f"{measurement}: committed but no longer measured")
        differences += 1
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("output", nargs="?", help="write the measurements to this JSON file")
    group.add_argument("--check", metavar="COMMITTED", help="compare a fresh run with this file")
    args = parser.parse_args()
    data = measure()
    if args.check:
        differences = check(args.check, data)
        if differences:
            sys.exit(f"{differences} measurements differ from {args.check}; rerun the probe and commit the file")
        print(f"all {len(data['results'])} measurements match {args.check}")
        return
    Path(args.output).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(data['results'])} measurements to {args.output}")


if __name__ == "__main__":
    main()
