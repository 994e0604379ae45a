"""Activation functions: ReLU and its smooth relatives."""

from __future__ import annotations

import math
from functools import partial
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from ._precision import evaluate_wide
from ._typing import Float, IntArray, Real, Scalar
from ._validation import as_real_array, as_result, check_beta

__all__ = ["gelu", "relu", "sigmoid", "silu", "softplus"]


@overload
def relu(x: Float) -> Float: ...
@overload
def relu(x: Real) -> np.float64: ...
@overload
def relu(x: npt.NDArray[Float]) -> npt.NDArray[Float]: ...
@overload
def relu(x: IntArray) -> npt.NDArray[np.float64]: ...
@overload
def relu(x: npt.ArrayLike) -> Any: ...


def relu(x: npt.ArrayLike) -> Any:
    r"""Compute the rectified linear unit, :math:`\max(x, 0)`, element-wise.

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.

    Returns
    -------
    numpy.ndarray or numpy.floating
        :math:`\max(x, 0)`, a numpy scalar when `x` is a scalar. NaN stays NaN.

    Raises
    ------
    TypeError
        If `x` is not real (complex, boolean, strings, objects).

    See Also
    --------
    relu_derivative : Its derivative, with an explicit value at 0.
    softplus : A smooth approximation.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import relu
    >>> relu(np.array([-2.0, -0.5, 0.0, 0.5, 2.0]))
    array([0. , 0. , 0. , 0.5, 2. ])
    >>> relu(np.float32(-3.0)).dtype
    dtype('float32')
    """
    arr = as_real_array(x, "x")
    return as_result(np.maximum(arr, 0))


@overload
def softplus(x: Float, beta: Scalar = ...) -> Float: ...
@overload
def softplus(x: Real, beta: Scalar = ...) -> np.float64: ...
@overload
def softplus(x: npt.NDArray[Float], beta: Scalar = ...) -> npt.NDArray[Float]: ...
@overload
def softplus(x: IntArray, beta: Scalar = ...) -> npt.NDArray[np.float64]: ...
@overload
def softplus(x: npt.ArrayLike, beta: Scalar = ...) -> Any: ...


def softplus(x: npt.ArrayLike, beta: Scalar = 1.0) -> Any:
    r"""Compute softplus with sharpness `beta`, :math:`\frac{1}{\beta}\log(1 + e^{\beta x})`.

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.
    beta : float, default 1.0
        Sharpness, a positive finite number. Larger values approach ReLU.

    Returns
    -------
    numpy.ndarray or numpy.floating
        Softplus of `x`, a numpy scalar when `x` is a scalar.

    Raises
    ------
    TypeError
        If `x` or `beta` is not real.
    ValueError
        If `beta` is not positive and finite.

    See Also
    --------
    softplus_derivative : Its exact derivative, ``sigmoid(beta * x)``.
    relu : The limit as `beta` grows.

    Notes
    -----
    The textbook formula ``log1p(exp(beta * x)) / beta`` overflows once
    :math:`\beta x` exceeds about 709.78 in float64 (88.72 in float32, 11.09 in
    float16). This function uses the identity

    .. math::

        \frac{1}{\beta}\log(1 + e^{\beta x}) = \max(x, 0) + \frac{1}{\beta}\log(1 + e^{-\beta |x|}),

    whose exponential never exceeds 1, so no finite input overflows. The
    second term lies in :math:`(0, \log(2)/\beta]`: softplus exceeds ReLU by at
    most :math:`\log(2)/\beta`, with equality only at 0, so it converges to ReLU
    uniformly as :math:`\beta \to \infty`. For large :math:`|x|` the second term
    is below half an ulp of the first, and the computed value equals
    ``relu(x)``: for :math:`\beta x \ge 37` in float64. For negative `x` the
    value is :math:`e^{\beta x}/\beta` to within rounding, which is positive
    until it underflows (below about :math:`-745/\beta` in float64), so there
    it does not equal ``relu(x) = 0``.

    Accuracy: evaluated in a wider format and rounded once to the input's
    dtype; the bounds measured are stated once, in :ref:`accuracy`. The wider format costs time: in one run of the project's benchmark on x86-64 (10**7
    values), 0.93 times the speed of numpy's fastest float32 expression and
    0.20 times that of ``np.logaddexp(0, x)`` in float64, which is less
    accurate.

    Softplus was introduced by Dugas et al. for option pricing [1]_.

    References
    ----------
    .. [1] C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau and R. Garcia,
       "Incorporating Second-Order Functional Knowledge for Better Option
       Pricing", Advances in Neural Information Processing Systems 13, 2001.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import softplus
    >>> float(softplus(0.0)) == float(np.log(2))
    True
    >>> softplus(1000.0), softplus(np.float32(-1000.0))
    (np.float64(1000.0), np.float32(0.0))
    >>> softplus(np.array([-1.0, 0.0, 1.0]), beta=10.0).round(4)
    array([0.    , 0.0693, 1.    ])
    """
    arr = as_real_array(x, "x")
    b = check_beta(beta)
    out = evaluate_wide(arr, partial(_softplus, beta=b))
    if (np.isinf(out) & np.isfinite(arr)).any():
        big = np.finfo(arr.dtype).max
        msg = f"beta={beta!r} is too small: softplus(x) >= log(2)/beta exceeds the largest {arr.dtype}, {big}"
        raise ValueError(msg)
    return as_result(out)


def _softplus(t: npt.NDArray[Any], beta: float) -> npt.NDArray[Any]:
    """max(t, 0) + log1p(exp(-beta |t|)) / beta, computed in place in `t` (a scratch buffer)."""
    positive = np.maximum(t, 0)
    tail: npt.NDArray[Any] = np.abs(t, out=t)
    if beta != 1.0:
        tail *= beta  # may overflow to inf, where exp(-inf) = 0 is the right value
    np.negative(tail, out=tail)
    np.exp(tail, out=tail)
    np.log1p(tail, out=tail)
    if beta != 1.0:
        tail /= beta
    tail += positive
    return tail


@overload
def sigmoid(x: Float) -> Float: ...
@overload
def sigmoid(x: Real) -> np.float64: ...
@overload
def sigmoid(x: npt.NDArray[Float]) -> npt.NDArray[Float]: ...
@overload
def sigmoid(x: IntArray) -> npt.NDArray[np.float64]: ...
@overload
def sigmoid(x: npt.ArrayLike) -> Any: ...


def sigmoid(x: npt.ArrayLike) -> Any:
    r"""Compute the logistic sigmoid, :math:`1 / (1 + e^{-x})`, without overflow.

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.

    Returns
    -------
    numpy.ndarray or numpy.floating
        Values in :math:`[0, 1]`; exactly 1/2 at 0.

    Raises
    ------
    TypeError
        If `x` is not real.

    Notes
    -----
    With :math:`e = \exp(-|x|) \le 1`, the result is :math:`1/(1 + e)` for
    :math:`x \ge 0` and :math:`e/(1 + e)` for :math:`x < 0`; neither branch
    overflows, unlike ``1 / (1 + np.exp(-x))`` for large negative `x`.

    Accuracy: evaluated in a wider format and rounded once to the input's
    dtype; the bounds measured are stated once, in :ref:`accuracy`.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import sigmoid
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    arr = as_real_array(x, "x")
    return as_result(evaluate_wide(arr, _sigmoid))


def _sigmoid(t: npt.NDArray[Any]) -> npt.NDArray[Any]:
    e = np.exp(-np.abs(t))
    r = 1 / (1 + e)
    out: npt.NDArray[Any] = np.where(t >= 0, r, e * r)
    return out


@overload
def silu(x: Float) -> Float: ...
@overload
def silu(x: Real) -> np.float64: ...
@overload
def silu(x: npt.NDArray[Float]) -> npt.NDArray[Float]: ...
@overload
def silu(x: IntArray) -> npt.NDArray[np.float64]: ...
@overload
def silu(x: npt.ArrayLike) -> Any: ...


def silu(x: npt.ArrayLike) -> Any:
    r"""Compute the sigmoid linear unit (SiLU), :math:`x\,\sigma(x)`.

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.

    Returns
    -------
    numpy.ndarray or numpy.floating
        :math:`x\,\sigma(x)`.

    Raises
    ------
    TypeError
        If `x` is not real.

    See Also
    --------
    sigmoid, gelu

    Notes
    -----
    Hendrycks and Gimpel named it in the paper that introduced GELU (see
    :func:`gelu`); Elfwing et al. [1]_ proposed it independently for
    reinforcement learning; Ramachandran et al. [2]_ found by automated search
    swish, :math:`x\,\sigma(\beta x)`, of which it is the case
    :math:`\beta = 1`. Its derivative at 0 is 1/2.

    Accuracy: evaluated in a wider format and rounded once to the input's
    dtype; the bounds measured are stated once, in :ref:`accuracy`.

    References
    ----------
    .. [1] S. Elfwing, E. Uchibe and K. Doya, "Sigmoid-weighted linear units
       for neural network function approximation in reinforcement learning",
       Neural Networks 107, 3-11, 2018, doi:10.1016/j.neunet.2017.12.012.
    .. [2] P. Ramachandran, B. Zoph and Q. V. Le, "Searching for Activation
       Functions", arXiv:1710.05941, 2017.

    Examples
    --------
    >>> from relu_explained import silu
    >>> silu(0.0), silu(-1000.0)
    (np.float64(0.0), np.float64(-0.0))
    """
    arr = as_real_array(x, "x")
    return as_result(evaluate_wide(arr, _silu))


def _silu(t: npt.NDArray[Any]) -> npt.NDArray[Any]:
    # At -inf the product is -inf * 0; the limit is 0, which 0 * sigmoid(0) gives.
    finite_low: npt.NDArray[Any] = np.where(np.isneginf(t), 0, t)
    return _above_half(finite_low, finite_low * _sigmoid(finite_low))


@overload
def gelu(x: Float) -> Float: ...
@overload
def gelu(x: Real) -> np.float64: ...
@overload
def gelu(x: npt.NDArray[Float]) -> npt.NDArray[Float]: ...
@overload
def gelu(x: IntArray) -> npt.NDArray[np.float64]: ...
@overload
def gelu(x: npt.ArrayLike) -> Any: ...


def gelu(x: npt.ArrayLike) -> Any:
    r"""Compute the Gaussian error linear unit, :math:`x\,\Phi(x)`, exactly (no tanh approximation).

    Parameters
    ----------
    x : array_like
        Real input. Floating-point input keeps its dtype; integers are
        converted to float64.

    Returns
    -------
    numpy.ndarray or numpy.floating
        :math:`x\,\Phi(x)` where :math:`\Phi` is the standard normal CDF.

    Raises
    ------
    TypeError
        If `x` is not real.

    See Also
    --------
    silu

    Notes
    -----
    Introduced by Hendrycks and Gimpel [1]_. With :math:`s = |x|/\sqrt2`,
    :math:`\Phi(x) = \tfrac12\operatorname{erfc}(s)` for :math:`x < 0` and
    :math:`1 - \tfrac12\operatorname{erfc}(s)` otherwise, and
    :math:`\operatorname{erfc}(s) = e^{-s^2} R(s)`. The factor
    :math:`e^{-s^2}` is computed from the exact square of `x`; :math:`R` comes
    from the series :math:`\operatorname{erf}(s) = \tfrac{2}{\sqrt\pi} e^{-s^2}
    \sum_{n \ge 0} (2s^2)^n s / (2n+1)!!`, whose terms are all positive, for
    :math:`s < 1.7`, and from Laplace's continued fraction for
    :math:`\operatorname{erfc}` beyond. The iterations make this function
    several times slower than the others here; it
    is meant for figures and tables. Its derivative at 0 is 1/2.

    Accuracy: evaluated in a wider format and rounded once to the input's
    dtype; the bounds measured are stated once, in :ref:`accuracy`.
    Where ``longdouble`` is float64, :math:`R` comes from :func:`math.erfc`
    for :math:`s < 1.7`.

    References
    ----------
    .. [1] D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units (GELUs)",
       arXiv:1606.08415, 2016.

    Examples
    --------
    >>> from relu_explained import gelu
    >>> round(float(gelu(1.0)), 6)
    0.841345
    """
    arr = as_real_array(x, "x")
    if arr.dtype.itemsize > 8:  # longdouble input: its square is formed in its own format
        return as_result(evaluate_wide(arr, partial(_gelu, exact_square=False), arr.dtype))
    return as_result(evaluate_wide(arr, _gelu))


_SQRT_PI = "1.77245385090551602729816748334114518"
_TWO_OVER_SQRT_PI = "1.12837916709551257389615890312154517"
_SPLIT = 134217729.0  # 2**27 + 1, Veltkamp's splitting constant for float64
#: Below this s the series for erf is used, above it Laplace's continued fraction;
#: lower, 1 - erf(s) would cancel more, higher, the fraction would need more terms.
_SERIES_BELOW = 1.7
#: Continued-fraction depths that reach full extended precision from each lower bound of s.
_CF_DEPTHS = ((7.0, 24), (4.5, 40), (3.0, 90), (2.0, 180), (_SERIES_BELOW, 400))


def _square(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """``x * x`` as an unevaluated sum ``p + e``, exactly (Dekker), for float64 `x` below 1e150."""
    p = x * x
    t = _SPLIT * x
    hi = t - (t - x)
    lo = x - hi
    return p, ((hi * hi - p) + 2 * hi * lo) + lo * lo


def _gelu(t: npt.NDArray[Any], *, exact_square: bool = True) -> npt.NDArray[Any]:
    """x Phi(x) for float64 values held in a wider array `t`, evaluated in the dtype of `t`.

    Phi(x) = erfc(-x / sqrt(2)) / 2 = 1 - erfc(x / sqrt(2)) / 2. With s = |x| / sqrt(2),
    erfc(s) = exp(-s**2) R(s): exp(-s**2) is computed from the exact square of
    x, and R from a series without cancellation for s < 1.7 (erf(s) =
    2/sqrt(pi) exp(-s**2) sum of (2 s**2)**n s / (2n + 1)!!, all terms positive) or
    from Laplace's continued fraction beyond. Where the working format has no
    extra bits, 1 - erf(s) would cancel: R(s) = erfc(s) exp(s**2) then comes from
    math.erfc at s rounded to float64 (R varies slowly, so the rounding of s
    hardly matters). For x < 0 the result is formed as (x exp(-s**2)) (R / 2),
    so that no subnormal intermediate is multiplied.
    """
    work = t.dtype.type
    x = t.astype(np.float64) if exact_square else t
    ax = np.abs(np.where(np.isfinite(x), x, 0))
    ax = np.where(ax > 1e150, 1e150, ax)  # erfc(s) underflows long before; the square stays finite
    p, e = _square(ax) if exact_square else (ax * ax, np.zeros_like(ax))
    s2 = p.astype(work) / 2 + e.astype(work) / 2  # s**2 = x**2 / 2, to within the wider format
    # exp(-x**2 / 2) as exp(-p/2) exp(-e/2); |e/2| is below 1 wherever exp(-p/2) is not 0.
    decay = np.exp(-(p.astype(work) / 2)) * np.exp(np.clip(-(e.astype(work) / 2), -1, 1))
    s = ax.astype(work) / np.sqrt(work(2))
    ratio = np.full_like(s, np.nan)  # R(s) = erfc(s) / exp(-s**2), where it is used
    erfc = np.empty_like(s)
    near = s < _SERIES_BELOW
    if near.any() and np.finfo(work).nmant < 63:
        sn = s[near].astype(np.float64)
        hi, lo = _square(sn)
        ratio[near] = np.fromiter(map(math.erfc, sn.tolist()), np.float64, count=sn.size) * np.exp(hi) * np.exp(lo)
    elif near.any():
        sn, term = s[near], np.ones_like(s[near])
        total = term.copy()
        n = 0
        while True:
            n += 1
            term *= 2 * s2[near] / (2 * n + 1)
            total += term
            if np.all(term <= total * np.finfo(work).eps / 4):
                break
        erfc[near] = 1 - work(_TWO_OVER_SQRT_PI) * decay[near] * sn * total
    upper = np.inf
    for lower, depth in _CF_DEPTHS:
        band = (s >= lower) & (s < upper)
        upper = lower
        if band.any():
            sb = s[band]
            fraction = sb.copy()
            for k in range(depth, 0, -1):
                fraction = sb + (work(k) / 2) / fraction
            ratio[band] = 1 / (work(_SQRT_PI) * fraction)
    by_ratio = ~np.isnan(ratio)
    erfc[by_ratio] = decay[by_ratio] * ratio[by_ratio]
    cdf = np.where(x < 0, erfc / 2, 1 - erfc / 2)
    cdf = np.where(np.isnan(x), np.nan, cdf)
    finite_low = np.where(np.isneginf(t), 0, t)
    out = finite_low * cdf
    left = by_ratio & (x < 0)
    out[left] = (finite_low[left] * decay[left]) * (ratio[left] / 2)
    return _above_half(finite_low, out)


def _above_half(t: npt.NDArray[Any], out: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Return `out`, the computed ``t * w(t)`` for a weight w that exceeds 1/2 exactly when t > 0 (Phi, sigma).

    Then t * w(t) > t / 2 for every t != 0. Where |t| is so small that the
    product rounds to t / 2 exactly, the excess is lost; without it, a later
    rounding to a narrower format could meet a tie and go the wrong way. The
    result is moved one unit up, which restores the excess's sign.
    """
    lost = (out == t * 0.5) & (t != 0) & np.isfinite(t)
    return np.where(lost, np.nextafter(out, np.inf), out)
