"""The subdifferential of ReLU and the subgradient inequality."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BAD_ARRAYS

from relu_explained import (
    is_relu_subgradient,
    relu_one_sided_derivative,
    relu_subdifferential,
    subgradient_inequality_holds,
    subgradients,
)
from relu_explained._precision import EXTENDED

points = st.one_of(
    st.just(0.0), st.just(-0.0), st.floats(min_value=-1e3, max_value=1e3).filter(lambda v: abs(v) >= 1e-3)
)


def test_subdifferential_intervals() -> None:
    lower, upper = relu_subdifferential(np.array([-5.0, -0.0, 0.0, 5.0, np.nan]))
    np.testing.assert_array_equal(lower, [0.0, 0.0, 0.0, 1.0, np.nan])
    np.testing.assert_array_equal(upper, [0.0, 1.0, 1.0, 1.0, np.nan])


@given(x=points)
def test_subdifferential_is_between_one_sided_derivatives(x: float) -> None:
    lower, upper = relu_subdifferential(x)
    assert lower == relu_one_sided_derivative(x, "left")
    assert upper == relu_one_sided_derivative(x, "right")


@given(
    x=points,
    t=st.floats(min_value=0.0, max_value=1.0),
    y=st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=20),
)
def test_every_subgradient_satisfies_the_inequality(x: float, t: float, y: list[float]) -> None:
    lower, upper = relu_subdifferential(x)
    g = lower + t * (upper - lower)
    assert is_relu_subgradient(g, x)
    assert np.all(subgradient_inequality_holds(g, x, np.array(y)))


@given(x=points, excess=st.floats(min_value=1e-2, max_value=1e3), above=st.booleans())
def test_every_non_subgradient_violates_it_somewhere(x: float, excess: float, above: bool) -> None:
    lower, upper = relu_subdifferential(x)
    g = upper + excess if above else lower - excess
    assert not is_relu_subgradient(g, x)
    candidates = np.array([x + 1.0, x - 1.0, x + abs(x) / 2, x - abs(x) / 2])
    assert not np.all(subgradient_inequality_holds(g, x, candidates))


def test_nan_is_never_a_subgradient() -> None:
    assert not is_relu_subgradient(np.nan, 0.0)
    assert not subgradient_inequality_holds(np.nan, 0.0, 1.0)


@pytest.mark.parametrize("bad", BAD_ARRAYS)
def test_non_real_input(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^x must"):
        relu_subdifferential(bad)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"^g must"):
        is_relu_subgradient(bad, 0.0)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"^y must"):
        subgradient_inequality_holds(0.5, 0.0, bad)  # type: ignore[call-overload]


@pytest.mark.skipif(
    np.finfo(EXTENDED).nmant < 63,
    reason="no format wider than float64 here; test_overflow_without_a_wider_format_is_named covers this platform",
)
def test_no_overflow_for_finite_float64_input() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # 0.9 is not a subgradient at a negative point, whatever the distance to y.
        assert not subgradient_inequality_holds(0.9, -1.7e308, 1.7e308)
        assert subgradient_inequality_holds(0.0, -1.7e308, 1.7e308)


def test_overflow_without_a_wider_format_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where longdouble is float64 (Windows, macOS on arm64), y - x overflows for such input: a clear ValueError."""
    monkeypatch.setattr(subgradients, "wide_dtype", lambda _dtype: np.dtype(np.float64))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^g, x and y are too large to evaluate the inequality in float64"):
            subgradient_inequality_holds(0.9, -1.7e308, 1.7e308)
        # Finite input that does not overflow float64 is evaluated as usual.
        assert not subgradient_inequality_holds(0.9, -1.0, 1.0)


@pytest.mark.parametrize(
    ("rtol", "error"), [(math.nan, ValueError), (-1.0, ValueError), (math.inf, ValueError), ("0.1", TypeError)]
)
def test_bad_rtol_is_rejected(rtol: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^rtol must be"):
        subgradient_inequality_holds(0.5, 0.0, 1.0, rtol=rtol)
