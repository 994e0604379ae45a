"""Derivatives, one-sided derivatives and difference quotients."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import BAD_ARRAYS, FLOAT_DTYPES, any_finite_array

from relu_explained import (
    difference_quotient,
    relu,
    relu_derivative,
    relu_one_sided_derivative,
    sigmoid,
    softplus,
    softplus_derivative,
)

positive_steps = st.floats(min_value=5e-324, max_value=1e300, allow_nan=False, allow_infinity=False)


@given(h=positive_steps)
def test_relu_quotients_at_zero_are_exact_for_every_step(h: float) -> None:
    assert difference_quotient(relu, 0.0, h, side="left") == 0.0
    assert difference_quotient(relu, 0.0, h, side="right") == 1.0
    assert difference_quotient(relu, 0.0, h, side="central") == 0.5


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@given(data=st.data())
def test_relu_quotients_at_zero_in_every_dtype(dtype: Any, data: st.DataObject) -> None:
    info = np.finfo(dtype)
    h = data.draw(st.floats(min_value=float(info.smallest_subnormal), max_value=float(info.max) / 4))
    zero = np.zeros(3, dtype=dtype)
    left = difference_quotient(relu, zero, h, side="left")
    right = difference_quotient(relu, zero, h, side="right")
    assert left.dtype == dtype
    assert np.all(left == 0)
    assert np.all(right == 1)


@pytest.mark.parametrize("at_zero", [0.0, 0.5, 1.0, 0.25])
def test_relu_derivative_value_at_zero(at_zero: float) -> None:
    x = np.array([-np.inf, -2.0, -0.0, 0.0, 3.0, np.inf])
    out = relu_derivative(x, at_zero)
    np.testing.assert_array_equal(out, [0.0, 0.0, at_zero, at_zero, 1.0, 1.0])


def test_relu_derivative_nan() -> None:
    assert np.isnan(relu_derivative(np.nan, at_zero=0.5))


@given(x=any_finite_array(), at_zero=st.floats(min_value=0.0, max_value=1.0))
def test_relu_derivative_agrees_with_one_sided_away_from_zero(x: np.ndarray, at_zero: float) -> None:
    assume(at_zero == 0 or x.dtype.type(at_zero) != 0)  # else a ValueError (tests/test_contract.py)
    out = relu_derivative(x, at_zero)
    assert np.asarray(out).dtype == x.dtype
    nonzero = x != 0
    np.testing.assert_array_equal(np.asarray(out)[nonzero], np.asarray(relu_one_sided_derivative(x, "left"))[nonzero])
    np.testing.assert_array_equal(np.asarray(out)[nonzero], np.asarray(relu_one_sided_derivative(x, "right"))[nonzero])


def test_one_sided_derivatives_at_zero() -> None:
    assert relu_one_sided_derivative(0.0, "left") == 0.0
    assert relu_one_sided_derivative(0.0, "right") == 1.0
    assert relu_one_sided_derivative(-0.0, "right") == 1.0


@given(x=st.floats(min_value=-1e6, max_value=1e6).filter(lambda v: abs(v) > 1e-3))
def test_one_sided_derivatives_are_limits_of_quotients(x: float) -> None:
    h = abs(x) * 1e-3
    for side in ("left", "right"):
        assert difference_quotient(relu, x, h, side=side) == pytest.approx(relu_one_sided_derivative(x, side), abs=1e-6)


@given(x=st.floats(min_value=-50.0, max_value=50.0), beta=st.floats(min_value=0.1, max_value=10.0))
def test_softplus_derivative_matches_central_difference(x: float, beta: float) -> None:
    numeric = difference_quotient(lambda v: softplus(v, beta), x, 1e-6, side="central")
    assert softplus_derivative(x, beta) == pytest.approx(numeric, abs=1e-6)


@given(beta=st.floats(min_value=1e-3, max_value=1e3))
def test_softplus_derivative_is_half_at_zero_for_every_beta(beta: float) -> None:
    assert softplus_derivative(0.0, beta) == 0.5


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_softplus_derivative_dtype_and_extremes(dtype: Any) -> None:
    info = np.finfo(dtype)
    x = np.array([info.min, 0.0, info.max], dtype=dtype)
    out = softplus_derivative(x, beta=3.0)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, np.array([0.0, 0.5, 1.0], dtype=dtype))
    np.testing.assert_array_equal(softplus_derivative(x[1:2], 1.0), sigmoid(x[1:2]))


@pytest.mark.parametrize("at_zero", [-0.1, 1.5, math.nan, math.inf])
def test_at_zero_outside_unit_interval(at_zero: float) -> None:
    with pytest.raises(ValueError, match=r"^at_zero must lie in \[0, 1\]"):
        relu_derivative(0.0, at_zero)


@pytest.mark.parametrize("at_zero", ["0", None, [0.5]])
def test_non_numeric_at_zero(at_zero: Any) -> None:
    with pytest.raises(TypeError, match=r"^at_zero must be a real number"):
        relu_derivative(0.0, at_zero)


@pytest.mark.parametrize("side", ["up", "LEFT", "", None])
def test_unknown_side(side: Any) -> None:
    with pytest.raises(ValueError, match=r"^side must be"):
        relu_one_sided_derivative(0.0, side)
    with pytest.raises(ValueError, match=r"^side must be"):
        difference_quotient(relu, 0.0, 0.1, side=side)


@pytest.mark.parametrize("h", [0.0, -1e-3, math.inf, math.nan, 1e-10])
def test_bad_step(h: float) -> None:
    x = np.float16(0.0) if h == 1e-10 else 0.0  # 1e-10 rounds to 0 in float16
    with pytest.raises(ValueError, match=r"^h must be a positive finite number"):
        difference_quotient(relu, x, h)


@pytest.mark.parametrize("h", ["0.1", None, 1j])
def test_non_numeric_step(h: Any) -> None:
    with pytest.raises(TypeError, match=r"^h must be a real number"):
        difference_quotient(relu, 0.0, h)


def test_f_must_be_callable() -> None:
    with pytest.raises(TypeError, match=r"^f must be a callable"):
        difference_quotient(3.0, 0.0, 0.1)  # type: ignore[call-overload]


@pytest.mark.parametrize("bad", BAD_ARRAYS)
@pytest.mark.parametrize(
    "f",
    [
        relu_derivative,
        softplus_derivative,
        lambda x: relu_one_sided_derivative(x, "left"),
        lambda x: difference_quotient(relu, x, 0.1),
    ],
)
def test_non_real_x(f: Any, bad: Any) -> None:
    with pytest.raises(TypeError, match=r"^x must"):
        f(bad)


def test_quotient_divides_by_the_step_actually_taken() -> None:
    q, step = difference_quotient(relu, np.float16(2), 1e-3, return_step=True)
    assert step == np.float16(2**-9)
    assert q == 1.0
    q, step = difference_quotient(relu, np.array([1.0, 1e10]), 1e-3, side="central", return_step=True)
    assert np.array_equal(q, [1.0, 1.0])
    assert step[0] == (np.float64(1 + 1e-3) - np.float64(1 - 1e-3)) / 2
    assert step[1] == (np.float64(1e10 + 1e-3) - np.float64(1e10 - 1e-3)) / 2


@pytest.mark.parametrize(("x", "h", "match"), [(1e17, 1e-3, "x \\+ h == x"), (1.79e308, 1e307, "x \\+ h overflows")])
def test_step_lost_to_rounding_is_an_error(x: float, h: float, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        difference_quotient(relu, np.array([0.0, x]), h)


def test_step_too_large_for_the_dtype_is_an_error_not_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^h must be a positive finite number representable in float16"):
            difference_quotient(relu, np.float16(1), 1e5)


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("h", lambda: difference_quotient(relu, 0.0, 10**400)),
        ("at_zero", lambda: relu_derivative(0.0, 10**400)),
        ("beta", lambda: softplus_derivative(0.0, 10**400)),
    ],
)
def test_integers_beyond_float64_name_the_argument(name: str, call: Any) -> None:
    with pytest.raises(ValueError, match=rf"^{name} must be within the float64 range"):
        call()
