"""Activation functions: ReLU and its smooth relatives."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from ._precision import EXTENDED, evaluate_wide
from ._validation import as_real_array, as_result, check_beta

__all__ = ["gelu", "relu", "sigmoid", "silu", "softplus"]


def relu(x: npt.ArrayLike) -> Any:
    r"""Rectified linear unit, :math:`\max(x, 0)`, element-wise.

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


def softplus(x: npt.ArrayLike, beta: float = 1.0) -> Any:
    r"""Softplus with sharpness `beta`, :math:`\frac{1}{\beta}\log(1 + e^{\beta x})`.

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

    Accuracy: float16 and float32 input is evaluated in float64 and rounded
    once; float64 input in numpy's ``longdouble`` where it has at least 64
    significant bits (x86-64 and 64-bit ARM Linux), else in float64. Measured
    against 40-digit references (every float16 value, samples of float32 and
    float64 including tails and subnormals): at most 0.5 ulp in float16 and
    float32, at most 0.501 ulp in float64 with the wider format.

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
    """max(t, 0) + log1p(exp(-beta |t|)) / beta, in the dtype of `t`, mostly in place."""
    tail = np.abs(t)
    if beta != 1.0:
        tail *= beta  # may overflow to inf, where exp(-inf) = 0 is the right value
    np.negative(tail, out=tail)
    np.exp(tail, out=tail)
    np.log1p(tail, out=tail)
    if beta != 1.0:
        tail /= beta
    tail += np.maximum(t, 0)
    return tail


def sigmoid(x: npt.ArrayLike) -> Any:
    r"""Logistic sigmoid, :math:`1 / (1 + e^{-x})`, computed without overflow.

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

    Accuracy: float16 and float32 input is evaluated in float64 and rounded
    once; float64 input in numpy's ``longdouble`` where it has at least 64
    significant bits (x86-64 and 64-bit ARM Linux), else in float64. Measured
    against 40-digit references (every float16 value, samples of float32 and
    float64 including tails and subnormals): at most 0.5 ulp in float16 and
    float32, at most 0.501 ulp in float64 with the wider format.

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
    return np.where(t >= 0, r, e * r)


def silu(x: npt.ArrayLike) -> Any:
    r"""Sigmoid-weighted linear unit (SiLU, also called swish), :math:`x\,\sigma(x)`.

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
    Elfwing et al. [1]_ introduced it; Ramachandran et al. [2]_ found it again
    by automated search and called it swish. Its derivative at 0 is 1/2.

    Accuracy: float16 and float32 input is evaluated in float64 and rounded
    once; float64 input in numpy's ``longdouble`` where it has at least 64
    significant bits (x86-64 and 64-bit ARM Linux), else in float64. Measured
    against 40-digit references (every float16 value, samples of float32 and
    float64 including tails and subnormals): at most 0.5 ulp in float16 and
    float32, at most 0.501 ulp in float64 with the wider format.

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
    finite_low = np.where(np.isneginf(t), 0, t)
    return finite_low * _sigmoid(finite_low)


def gelu(x: npt.ArrayLike) -> Any:
    r"""Gaussian error linear unit, :math:`x\,\Phi(x)`, exact (no tanh approximation).

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
    Introduced by Hendrycks and Gimpel [1]_. :math:`\Phi(x) =
    \tfrac12\operatorname{erfc}(-x/\sqrt2)`, evaluated in float64 with
    :func:`math.erfc` element-wise, so this function is slower than the others
    here; it is meant for figures, not for large arrays. Its derivative at 0
    is 1/2.

    Accuracy: :math:`-x/\sqrt2` is taken to twice float64's precision (its
    rounding alone would cost hundreds of ulps in the left tail, where erfc
    changes fast), and below :math:`x = -36.7`, where :math:`\Phi(x)` nears
    float64's subnormal range, an asymptotic series is summed in the extended
    format. float16 and float32 results are rounded once from float64:
    measured at most 0.5 ulp (every float16 value, a float32 sample).
    float64 results inherit the error of :func:`math.erfc`: measured at most
    3.3 ulp, on :math:`[-5, -1]`.

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
    return as_result(evaluate_wide(arr, _gelu, work=np.dtype(np.float64)))


# 1/sqrt(2) as the float64 nearest to it plus the rest, and 2/sqrt(pi).
_RSQRT2_HI = 0.7071067811865476
_RSQRT2_LO = -4.833646656726457e-17
_TWO_OVER_SQRTPI = 1.1283791670955126
_SPLIT = 134217729.0  # 2**27 + 1, Veltkamp's splitting constant for float64


def _product_error(a: npt.NDArray[Any], b: float, p: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """The rounding error ``a * b - p`` of ``p = fl(a * b)``, exactly (Dekker), for float64."""
    big = np.abs(a) > 2.0**995  # splitting would overflow; the error is irrelevant there
    a = np.where(big, 0, a)
    t = _SPLIT * a
    a_hi = t - (t - a)
    a_lo = a - a_hi
    t = _SPLIT * b
    b_hi = t - (t - b)
    b_lo = b - b_hi
    err = ((a_hi * b_hi - np.where(big, 0, p)) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return np.where(big, 0, err)


def _gelu(t: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """x Phi(x) = x erfc(-x / sqrt(2)) / 2 in float64, with -x/sqrt(2) taken to double precision.

    erfc(z) changes by a relative ``2 z dz`` for a change ``dz`` of its argument
    when z is large, so the rounding of ``-x / sqrt(2)`` alone would cost
    hundreds of ulps in the left tail; a first-order term corrects it.
    """
    x = np.where(np.isneginf(t), 0, t)  # the limit at -inf is 0, which 0 * Phi(0) gives
    z = x * -_RSQRT2_HI
    finite = np.where(np.isfinite(x), x, 0)
    dz = _product_error(finite, -_RSQRT2_HI, np.where(np.isfinite(x), z, 0)) - finite * _RSQRT2_LO
    erfc = np.fromiter(map(math.erfc, z.tolist()), np.float64, count=z.size)
    slope = np.where(dz == 0, 0, _TWO_OVER_SQRTPI * np.exp(-z * z))
    out = x * (0.5 * (erfc - slope * dz))
    tail = z > _ERFC_TAIL
    if tail.any():
        out[tail] = _gelu_left_tail(x[tail], z[tail], dz[tail])
    return out


_ERFC_TAIL = 26.0  # erfc(z) is below 1e-295 here, near float64's subnormal range


def _gelu_left_tail(x: npt.NDArray[Any], z: npt.NDArray[Any], dz: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """x erfc(z + dz) / 2 for z > 26, in the extended format, whose range has no subnormals here.

    erfc(z) = exp(-z**2) / (z sqrt(pi)) * (1 - 1/(2z**2) + 3/(2z**2)**2 - ...): at
    z > 26 each term is below 1/1352 of the one before, and eight give full
    extended precision.
    """
    zz = (z.astype(EXTENDED) + dz.astype(EXTENDED)) if EXTENDED is not np.float64 else z
    inv = 1 / (2 * zz * zz)
    series = np.ones_like(zz)
    term = np.ones_like(zz)
    for k in range(1, 9):
        term = term * -(2 * k - 1) * inv
        series += term
    scaled = np.exp(-zz * zz) / (zz * np.sqrt(EXTENDED(np.pi))) * series
    return (x.astype(EXTENDED) * scaled / 2).astype(np.float64)
