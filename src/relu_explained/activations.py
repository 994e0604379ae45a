"""Activation functions: ReLU and its smooth relatives."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from ._validation import as_real_array, as_real_scalar, as_result

__all__ = ["check_beta", "gelu", "relu", "sigmoid", "silu", "softplus"]


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


def check_beta(beta: Any) -> float:
    """Return the sharpness `beta` as a float, checking it is positive and finite.

    Parameters
    ----------
    beta : float
        Candidate sharpness.

    Returns
    -------
    float
        `beta` as a Python float.

    Raises
    ------
    TypeError
        If `beta` is not a real number.
    ValueError
        If `beta` is not positive and finite.

    Examples
    --------
    >>> from relu_explained import check_beta
    >>> check_beta(2)
    2.0
    """
    value = as_real_scalar(beta, "beta")
    if not (math.isfinite(value) and value > 0):
        msg = f"beta must be a positive finite number, got {beta!r}"
        raise ValueError(msg)
    return value


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
    is below the rounding unit of the first, and the computed value equals
    ``relu(x)`` exactly.

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
    # log1p(exp(-beta |x|)) / beta, computed in place in one buffer: large
    # inputs are limited by memory traffic, not arithmetic.
    tail = np.abs(arr, out=np.empty_like(arr))
    if b != 1.0:
        with np.errstate(over="ignore"):
            # beta * |x| may overflow to inf; exp(-inf) = 0 is then the right value.
            np.multiply(tail, b, out=tail)
    np.negative(tail, out=tail)
    np.exp(tail, out=tail)
    np.log1p(tail, out=tail)
    if b != 1.0:
        np.divide(tail, b, out=tail)
    tail += np.maximum(arr, 0)
    return as_result(tail)


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

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import sigmoid
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    arr = as_real_array(x, "x")
    e = np.exp(-np.abs(arr))
    return as_result(np.where(arr >= 0, 1 / (1 + e), e / (1 + e)))


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
    # At -inf the product is -inf * 0; the limit is 0, which 0 * sigmoid(0) gives.
    finite_low = np.where(np.isneginf(arr), arr.dtype.type(0), arr)
    return as_result(finite_low * sigmoid(finite_low))


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
    \tfrac12\operatorname{erfc}(-x/\sqrt2)`, evaluated with :func:`math.erfc`
    element-wise, so this function is slower than the others here; it is meant
    for figures, not for large arrays. Its derivative at 0 is 1/2.

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
    # At -inf the product is -inf * 0; the limit is 0, which 0 * Phi(0) gives.
    finite_low = np.where(np.isneginf(arr), arr.dtype.type(0), arr)
    cdf = np.vectorize(lambda v: 0.5 * math.erfc(-v / math.sqrt(2.0)), otypes=[np.float64])(finite_low)
    return as_result((finite_low * cdf).astype(arr.dtype))
