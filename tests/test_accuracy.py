"""Accuracy of the activations and derivatives, in units in the last place (ulp), against mpmath.

The reference is each function evaluated with mpmath at 40 significant
digits. The error of a result ``y`` for an exact value ``R`` is ``|y - R|``
divided by the spacing of the result's dtype at ``R`` (the subnormal spacing
below the smallest normal number). A correctly rounded result has an error of
at most 0.5 ulp.

float16 is checked at every finite value: against the same functions
evaluated independently in numpy's longdouble, whose error is far too small
to move a result across the half-ulp bound, and against mpmath wherever it
could (``float16_errors``; a test on a sample checks the two agree). float32
and float64 are checked at a fixed random sample: random bit patterns, values
spread over the range where the functions change, the tails, subnormals and
signed zeros.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import pytest

from relu_explained import _precision as precision
from relu_explained import gelu, sigmoid, silu, softplus, softplus_derivative
from relu_explained._precision import EXTENDED

mpmath.mp.dps = 40
HALF = mpmath.mpf(1) / 2


def _sigmoid(x: mpmath.mpf) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-x))


def _softplus(x: mpmath.mpf, beta: float = 1.0) -> mpmath.mpf:
    b = mpmath.mpf(beta)
    return mpmath.log1p(mpmath.exp(b * x)) / b


REFERENCES: dict[str, tuple[Callable[..., Any], Callable[[mpmath.mpf], mpmath.mpf]]] = {
    "sigmoid": (sigmoid, _sigmoid),
    "silu": (silu, lambda x: x * _sigmoid(x)),
    "gelu": (gelu, lambda x: x * mpmath.ncdf(x)),
    "softplus": (softplus, _softplus),
    "softplus, beta = 0.25": (partial(softplus, beta=0.25), partial(_softplus, beta=0.25)),
    "softplus, beta = 3": (partial(softplus, beta=3.0), partial(_softplus, beta=3.0)),
    "softplus_derivative, beta = 3": (partial(softplus_derivative, beta=3.0), lambda x: _sigmoid(3 * x)),
}

#: Largest error allowed, in ulp. float16 and float32 are computed in float64
#: and rounded once: correctly rounded. float64 is computed in numpy's
#: longdouble where it has 64 significant bits: within a hair of half an ulp.
LIMITS = {"float16": 0.5, "float32": 0.5, "float64": 0.501}
#: gelu in float64: 1 - erf(s) just below s = 1.7 loses a few of the extended format's bits.
GELU_FLOAT64 = 0.6
#: float64 where longdouble is float64 (Windows, macOS on Apple silicon), as
#: measured here with the extended format switched off: the library's
#: docstrings promise nothing better there.
WITHOUT_EXTENDED = {
    "sigmoid": 2.5,
    "silu": 400.0,  # x * sigmoid(x) near x = -745, where sigmoid is subnormal
    "gelu": 4.0,
    "softplus": 1.5,
    "softplus, beta = 0.25": 1.5,
    "softplus, beta = 3": 600.0,  # the rounding of beta * x, amplified by exp
    "softplus_derivative, beta = 3": 600.0,
}


def ulp_errors(f: Callable[..., Any], reference: Callable[..., Any], x: np.ndarray) -> list[mpmath.mpf]:
    """The error of ``f(x)`` at each finite point of `x`, in ulp of ``x.dtype``, exactly (as mpmath numbers)."""
    info = np.finfo(x.dtype)
    tiny_spacing = mpmath.ldexp(1, int(info.minexp) - int(info.nmant))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning may leak
        y = np.asarray(f(x))
    assert y.dtype == x.dtype
    errors = []
    for xi, yi in zip(x.tolist(), y.tolist(), strict=True):
        exact = reference(mpmath.mpf(xi))
        if exact == 0:
            spacing = tiny_spacing
        else:
            _, exponent = mpmath.frexp(exact)
            spacing = max(mpmath.ldexp(1, int(exponent) - 1 - int(info.nmant)), tiny_spacing)
        errors.append(abs(mpmath.mpf(yi) - exact) / spacing if np.isfinite(yi) else mpmath.inf)
    return errors


def _worst(errors: list[mpmath.mpf], x: np.ndarray) -> tuple[mpmath.mpf, Any]:
    i = max(range(len(errors)), key=errors.__getitem__)
    return errors[i], x[i]


def sample(dtype: Any, size: int, seed: int = 0) -> np.ndarray:
    """Random bit patterns, values where the functions change, tails, subnormals and signed zeros."""
    rng = np.random.default_rng(seed)
    info = np.finfo(dtype)
    uint = np.dtype(f"u{np.dtype(dtype).itemsize}")
    bits = rng.integers(0, np.iinfo(uint).max, size // 4, dtype=uint, endpoint=True).view(dtype)
    bits = bits[np.isfinite(bits) & (np.abs(bits) < 1e6)]
    parts = [
        bits,
        rng.uniform(-40, 40, size // 4),
        rng.uniform(-4, 4, size // 4),
        -np.exp(rng.uniform(np.log(1), np.log(-float(np.log(info.smallest_subnormal)) * 1.2), size // 8)),
        np.exp(rng.uniform(np.log(float(info.smallest_subnormal)), 0, size // 8)) * rng.choice([-1, 1], size // 8),
        np.array([0.0, -0.0, float(info.smallest_subnormal), float(info.tiny), -float(info.tiny), 1.0, -1.0]),
    ]
    return np.concatenate([np.asarray(p, dtype=dtype) for p in parts])


def every_float16() -> np.ndarray:
    x = np.arange(2**16, dtype=np.uint16).view(np.float16)
    return x[np.isfinite(x)]


def _sigmoid_wide(x: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-x)))


def _softplus_wide(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    return np.asarray(np.maximum(x, 0) + np.log1p(np.exp(-beta * np.abs(x))) / beta)


def _gelu_wide(x: np.ndarray) -> np.ndarray:
    # math.erfc in float64 (relative error about 2**-52, times a condition number below 2**6 where the
    # result is a normal float16): well inside the bound below.
    return x * np.array([math.erfc(-float(v) / math.sqrt(2)) for v in x], dtype=np.longdouble) / 2


#: The same functions evaluated independently in numpy's longdouble, for float16 input: each within a relative
#: 2**-40 of the exact value (a few roundings of 2**-64, or math.erfc's float64).
WIDE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": _sigmoid_wide,
    "silu": lambda x: x * _sigmoid_wide(x),
    "gelu": _gelu_wide,
    "softplus": _softplus_wide,
    "softplus, beta = 0.25": partial(_softplus_wide, beta=0.25),
    "softplus, beta = 3": partial(_softplus_wide, beta=3.0),
    "softplus_derivative, beta = 3": lambda x: _sigmoid_wide(3 * x),
}
#: Where the longdouble reference cannot decide: within this many ulp of the half-ulp bound.
UNDECIDED = 2.0**-20


def float16_errors(name: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Errors in ulp of ``f(x)`` for float16 `x`, as an upper bound, and which points mpmath decided.

    Each point is measured against the longdouble reference, whose error
    (2**-40 relative, at most 2**-29 of a float16 ulp) cannot move a result
    across the half-ulp bound unless the measured error lies within 2**-20
    ulp of it; those points, and points whose reference is zero, not finite
    or within 2**-31 of a power of two (where the ulp changes), are measured
    against mpmath as in ``ulp_errors``.
    """
    f, reference = REFERENCES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning may leak from the library
        y = np.asarray(f(x))
    assert y.dtype == np.float16
    with np.errstate(all="ignore"):
        exact = WIDE[name](x.astype(np.longdouble))
        mantissa, exponent = np.frexp(exact)
        spacing = np.maximum(np.ldexp(np.longdouble(1), exponent - 11), np.longdouble(2.0**-24))
        errors = np.abs(y.astype(np.longdouble) - exact) / spacing + 2.0**-29
    m = np.abs(mantissa)
    undecided = (
        ~np.isfinite(errors)
        | ~np.isfinite(y)
        | (exact == 0)
        | (m < 0.5 + 2.0**-31)
        | (m > 1 - 2.0**-31)
        | (np.abs(errors - LIMITS["float16"]) <= UNDECIDED)
    )
    errors[undecided] = [float(e) for e in ulp_errors(f, reference, x[undecided])]
    return errors.astype(np.float64), undecided


@pytest.mark.parametrize("name", REFERENCES)
def test_float16_correctly_rounded_everywhere(name: str) -> None:
    x = every_float16()
    errors, _ = float16_errors(name, x)
    i = int(np.argmax(errors))
    assert errors[i] <= LIMITS["float16"], f"{errors[i]!r} ulp at x = {x[i]!r}"


@pytest.mark.parametrize("name", REFERENCES)
def test_the_float16_shortcut_agrees_with_mpmath(name: str) -> None:
    """On a sample of float16 values, the longdouble reference bounds the error mpmath measures."""
    x = np.random.default_rng(2).choice(every_float16(), 3000, replace=False)
    bound, by_mpmath = float16_errors(name, x)
    f, reference = REFERENCES[name]
    exact = np.array([float(e) for e in ulp_errors(f, reference, x)])
    assert np.all(exact <= bound + 1e-12), x[np.argmax(exact - bound)]
    assert np.all(bound[~by_mpmath] - exact[~by_mpmath] <= 2.0**-28)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", REFERENCES)
def test_sampled_accuracy(name: str, dtype: Any) -> None:
    f, reference = REFERENCES[name]
    x = sample(dtype, 4000)
    if name == "gelu":  # densely where the series meets the continued fraction (s = 1.7)
        x = np.concatenate([x, np.linspace(-2.9, -2.1, 500, dtype=dtype)])
    worst, where = _worst(ulp_errors(f, reference, x), x)
    if dtype is np.float64 and np.finfo(EXTENDED).nmant < 63:
        limit = WITHOUT_EXTENDED[name]
    elif dtype is np.float64 and name == "gelu":
        limit = GELU_FLOAT64
    else:
        limit = LIMITS[np.dtype(dtype).name]
    print(f"{name}, {np.dtype(dtype).name}: largest error {float(worst):.4f} ulp at x = {where!r}")
    assert worst <= limit, f"{float(worst)!r} ulp at x = {where!r}"


@pytest.mark.parametrize("name", REFERENCES)
def test_float64_without_the_extended_format(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path taken where numpy's longdouble is float64, run here by switching the extended format off."""
    monkeypatch.setattr(precision, "EXTENDED", np.float64)
    f, reference = REFERENCES[name]
    x = sample(np.float64, 2000, seed=1)
    worst, where = _worst(ulp_errors(f, reference, x), x)
    assert worst <= WITHOUT_EXTENDED[name], f"{float(worst)!r} ulp at x = {where!r}"


def test_ties_of_tiny_products_round_the_right_way() -> None:
    """silu and gelu exceed x/2 by a tiny amount: where x/2 is a tie in float32, it must round up."""
    x = np.array([5, -5, 3, 7], dtype=np.float32) * np.float32(2.0**-149)
    for f in (silu, gelu):
        assert (f(x) / np.float32(2.0**-149)).tolist() == [3.0, -2.0, 2.0, 4.0]


def test_the_api_reference_states_the_bounds_these_tests_hold() -> None:
    """The one statement of the accuracy (the API reference's Accuracy section) gives the limits tested here."""
    page = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    section = page.split("## Accuracy", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", section, flags=re.MULTILINE))
    assert rows["float16, float32"].startswith(f"{LIMITS['float16']:g} ulp")
    assert LIMITS["float32"] == LIMITS["float16"]
    assert rows["float64, with a 64-bit `longdouble`"] == f"{LIMITS['float64']:g} ulp; {GELU_FLOAT64:g} ulp for `gelu`"
    top = max(WITHOUT_EXTENDED.values())
    assert "several hundred ulps" in rows[next(k for k in rows if "where `longdouble` is float64" in k)]
    assert 100 <= top < 1000, top
