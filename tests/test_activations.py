"""Properties of relu, softplus, sigmoid, silu and gelu."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BAD_ARRAYS, FLOAT_DTYPES, any_finite_array, finite_arrays

from relu_explained import gelu, relu, sigmoid, silu, softplus, softplus_derivative

ACTIVATIONS = [relu, softplus, sigmoid, silu, gelu]


@given(any_finite_array())
def test_relu_difference_is_identity(x: np.ndarray) -> None:
    assert np.array_equal(relu(x) - relu(-x), x)


@given(finite_arrays(min_value=-1e150, max_value=1e150).filter(lambda a: a.ndim > 0))
def test_relu_is_1_lipschitz(pairs: np.ndarray) -> None:
    x, y = pairs, pairs[::-1]
    assert np.all(np.abs(relu(x) - relu(y)) <= np.abs(x - y))


@pytest.mark.parametrize("f", ACTIVATIONS)
@given(x=any_finite_array())
def test_dtype_and_shape_preserved(f: Any, x: np.ndarray) -> None:
    out = np.asarray(f(x))
    assert out.dtype == x.dtype
    assert out.shape == x.shape


@pytest.mark.parametrize("f", ACTIVATIONS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_no_inf_for_extreme_finite_input(f: Any, dtype: Any) -> None:
    info = np.finfo(dtype)
    x = np.array([info.min, -1000.0, -info.tiny, 0.0, info.tiny, 1000.0, info.max], dtype=dtype)
    out = f(x)
    assert np.all(np.isfinite(out)), out


@pytest.mark.parametrize("f", ACTIVATIONS)
def test_scalar_in_numpy_scalar_out(f: Any) -> None:
    out = f(0.5)
    assert isinstance(out, np.floating)
    assert np.ndim(out) == 0


@pytest.mark.parametrize("f", ACTIVATIONS)
def test_integers_become_float64(f: Any) -> None:
    assert np.asarray(f(np.array([-2, 0, 3]))).dtype == np.float64


@pytest.mark.parametrize("f", ACTIVATIONS)
def test_nan_propagates(f: Any) -> None:
    assert np.isnan(f(np.nan))


@pytest.mark.parametrize(
    ("f", "at_minus_inf", "at_plus_inf"),
    [
        (relu, 0.0, math.inf),
        (softplus, 0.0, math.inf),
        (sigmoid, 0.0, 1.0),
        (silu, 0.0, math.inf),
        (gelu, 0.0, math.inf),
    ],
)
def test_limits_at_infinity(f: Any, at_minus_inf: float, at_plus_inf: float) -> None:
    assert f(-math.inf) == at_minus_inf
    assert f(math.inf) == at_plus_inf


@pytest.mark.parametrize("f", ACTIVATIONS)
@pytest.mark.parametrize("bad", BAD_ARRAYS)
def test_non_real_input_raises_type_error(f: Any, bad: Any) -> None:
    with pytest.raises(TypeError, match=r"^x must"):
        f(bad)


def test_softplus_extremes() -> None:
    assert softplus(1000.0) == 1000.0
    low = softplus(-1000.0)
    assert low >= 0.0
    assert low < 1e-300
    assert softplus(np.float16(60000.0)) == np.float16(60000.0)


@given(
    x=finite_arrays(min_value=-10.0, max_value=10.0),
    beta=st.floats(min_value=0.1, max_value=10.0),
)
def test_softplus_gap_bounds(x: np.ndarray, beta: float) -> None:
    gap = softplus(x, beta) - relu(x)
    assert np.all(gap <= math.log(2) / beta * (1 + 1e-12))
    # The gap log1p(exp(-beta |x|)) / beta is representable next to relu(x)
    # while beta |x| stays moderate; beyond that rounding makes it 0.
    visible = beta * np.abs(x) <= 20.0
    assert np.all(gap[visible] > 0)
    assert np.all(gap >= 0)


@pytest.mark.parametrize("beta", [0.25, 1.0, 7.0])
def test_softplus_gap_is_log2_over_beta_at_zero(beta: float) -> None:
    assert softplus(0.0, beta) == pytest.approx(math.log(2) / beta, rel=1e-15)


@given(finite_arrays(min_value=-30.0, max_value=30.0))
def test_softplus_matches_naive_formula_where_it_is_safe(x: np.ndarray) -> None:
    np.testing.assert_allclose(softplus(x), np.log1p(np.exp(x)), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("beta", [0.0, -1.0, math.inf, math.nan])
def test_bad_beta_raises_value_error(beta: float) -> None:
    with pytest.raises(ValueError, match=r"^beta must be a positive finite number"):
        softplus(1.0, beta)


@pytest.mark.parametrize("beta", ["2", None, True, 1j])
def test_non_numeric_beta_raises_type_error(beta: Any) -> None:
    with pytest.raises(TypeError, match=r"^beta must be a real number"):
        softplus(1.0, beta)


@pytest.mark.parametrize("f", [softplus, softplus_derivative])
@pytest.mark.parametrize("beta", [1e5, 1e39, 1e300])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_any_accepted_beta_keeps_one_half_slope_and_finite_values(f: Any, beta: float, dtype: Any) -> None:
    """A beta beyond the input dtype's range is no reason for NaN, inf or a warning."""
    x = np.array([-1.0, 0.0, 1.0], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = f(x, beta=beta)
    assert out.dtype == x.dtype
    assert np.all(np.isfinite(out))
    if f is softplus_derivative:
        assert out[1] == 0.5
    else:
        info = np.finfo(dtype)
        assert float(out[1]) == pytest.approx(
            math.log(2) / beta, rel=float(info.eps), abs=float(info.smallest_subnormal)
        )


def test_beta_too_small_for_the_dtype_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^beta=1e-06 is too small: .* largest float16"):
        softplus(np.float16(0.0), beta=1e-6)
    assert softplus(np.float64(0.0), beta=1e-6) == pytest.approx(math.log(2) * 1e6)


def test_huge_integer_beta_names_the_argument() -> None:
    with pytest.raises(ValueError, match=r"^beta must be within the float64 range"):
        softplus(1.0, beta=10**400)


@pytest.mark.parametrize("f", ACTIVATIONS)
def test_masked_arrays_are_rejected_not_unmasked(f: Any) -> None:
    with pytest.raises(TypeError, match=r"^x must not be a masked array"):
        f(np.ma.array([1.0, -2.0], mask=[False, True]))


@given(any_finite_array())
def test_sigmoid_in_unit_interval_and_symmetric(x: np.ndarray) -> None:
    s = sigmoid(x)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(np.asarray(s + sigmoid(-x), dtype=np.float64), 1.0, rtol=2 * np.finfo(x.dtype).eps)


def test_smooth_activations_known_values() -> None:
    assert sigmoid(0.0) == 0.5
    assert silu(1.0) == pytest.approx(1 / (1 + math.exp(-1)))
    assert gelu(1.0) == pytest.approx(0.8413447460685429)
    assert gelu(-1.0) == pytest.approx(-0.15865525393145707)
