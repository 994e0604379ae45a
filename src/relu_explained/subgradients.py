"""The subdifferential of ReLU and the subgradient inequality."""

from __future__ import annotations

from typing import Any, overload

import numpy as np
import numpy.typing as npt

from ._precision import wide_dtype
from ._typing import Float, IntArray, Real, Scalar
from ._validation import as_real_array, as_result, broadcast_shape, check_rtol

__all__ = ["is_relu_subgradient", "relu_subdifferential", "subgradient_inequality_holds"]


@overload
def relu_subdifferential(x: Float) -> tuple[Float, Float]: ...
@overload
def relu_subdifferential(x: Real) -> tuple[np.float64, np.float64]: ...
@overload
def relu_subdifferential(x: npt.NDArray[Float]) -> tuple[npt.NDArray[Float], npt.NDArray[Float]]: ...
@overload
def relu_subdifferential(x: IntArray) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
@overload
def relu_subdifferential(x: npt.ArrayLike) -> tuple[Any, Any]: ...


def relu_subdifferential(x: npt.ArrayLike) -> tuple[Any, Any]:
    r"""Return the subdifferential of ReLU as closed intervals ``(lower, upper)``, element-wise.

    For a convex function :math:`f`, a number :math:`g` is a subgradient at
    :math:`x` when

    .. math::

        f(y) \ge f(x) + g\,(y - x) \quad \text{for every } y,

    and the subdifferential :math:`\partial f(x)` is the set of all of them. For
    a convex function of one variable it is the interval between the left and
    right derivatives. For ReLU:

    .. math::

        \partial\,\mathrm{relu}(x) =
        \begin{cases} \{0\} & x < 0, \\ [0, 1] & x = 0, \\ \{1\} & x > 0. \end{cases}

    Parameters
    ----------
    x : array_like
        Real input.

    Returns
    -------
    lower, upper : numpy.ndarray or numpy.floating
        The end points of :math:`\partial\,\mathrm{relu}(x)`, in the dtype of
        `x`: ``(0, 0)`` for negative `x`, ``(0, 1)`` at 0 and ``(1, 1)`` for
        positive `x`; ``(nan, nan)`` for NaN.

    Raises
    ------
    TypeError
        If `x` is not real.

    See Also
    --------
    is_relu_subgradient : Membership in this set.
    subgradient_inequality_holds : The defining inequality.

    Notes
    -----
    The subdifferential is a set, and no single value is "the" subgradient:
    a rule that returns one element of it, such as :func:`relu_derivative`
    with a fixed ``at_zero``, is a *selection*. Rockafellar [1]_ defines
    subgradients and the subdifferential in section 23 and treats functions of
    one variable, whose subdifferential is the interval between the one-sided
    derivatives, in section 24.

    References
    ----------
    .. [1] R. T. Rockafellar, *Convex Analysis*, Princeton University Press, 1970.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained import relu_subdifferential
    >>> lower, upper = relu_subdifferential(np.array([-2.0, 0.0, 3.0]))
    >>> lower, upper
    (array([0., 0., 1.]), array([0., 1., 1.]))
    """
    arr = as_real_array(x, "x")
    return as_result(np.heaviside(arr, 0.0)), as_result(np.heaviside(arr, 1.0))


@overload
def is_relu_subgradient(g: Scalar, x: Scalar) -> np.bool_: ...
@overload
def is_relu_subgradient(g: npt.NDArray[Any], x: npt.ArrayLike) -> npt.NDArray[np.bool_]: ...
@overload
def is_relu_subgradient(g: npt.ArrayLike, x: npt.NDArray[Any]) -> npt.NDArray[np.bool_]: ...
@overload
def is_relu_subgradient(g: npt.ArrayLike, x: npt.ArrayLike) -> Any: ...


def is_relu_subgradient(g: npt.ArrayLike, x: npt.ArrayLike) -> Any:
    r"""Test whether `g` belongs to :math:`\partial\,\mathrm{relu}(x)`, element-wise.

    Parameters
    ----------
    g : array_like
        Candidate subgradients.
    x : array_like
        Points, broadcast against `g`.

    Returns
    -------
    numpy.ndarray or numpy.bool
        True where ``lower <= g <= upper`` for the interval returned by
        :func:`relu_subdifferential`; False where either is NaN.

    Raises
    ------
    TypeError
        If `g` or `x` is not real.
    ValueError
        If `g` and `x` do not broadcast together.

    Examples
    --------
    >>> from relu_explained import is_relu_subgradient
    >>> is_relu_subgradient([0.0, 0.3, 1.0, 1.2], 0.0)
    array([ True,  True,  True, False])
    """
    cand = as_real_array(g, "g")
    point = as_real_array(x, "x")
    broadcast_shape(g=cand, x=point)
    lower, upper = relu_subdifferential(point)
    return as_result(np.asarray((lower <= cand) & (cand <= upper)))


@overload
def subgradient_inequality_holds(g: Scalar, x: Scalar, y: Scalar, *, rtol: float | None = ...) -> np.bool_: ...
@overload
def subgradient_inequality_holds(
    g: npt.ArrayLike, x: npt.ArrayLike, y: npt.NDArray[Any], *, rtol: float | None = ...
) -> npt.NDArray[np.bool_]: ...
@overload
def subgradient_inequality_holds(
    g: npt.ArrayLike, x: npt.ArrayLike, y: npt.ArrayLike, *, rtol: float | None = ...
) -> Any: ...


def subgradient_inequality_holds(
    g: npt.ArrayLike, x: npt.ArrayLike, y: npt.ArrayLike, *, rtol: float | None = None
) -> Any:
    r"""Test whether :math:`\mathrm{relu}(y) \ge \mathrm{relu}(x) + g\,(y - x)`, element-wise.

    `g` is a subgradient of ReLU at `x` exactly when this holds for every `y`.
    Evaluating it at chosen points `y` can therefore prove that `g` is *not* a
    subgradient (one failing `y` suffices), and gives evidence that it is.

    Parameters
    ----------
    g, x, y : array_like
        Candidate subgradient, point, and test point; broadcast together.
    rtol : float, optional
        Relative tolerance for rounding in the right-hand side. The inequality
        is taken to hold when ``relu(y) - relu(x) - g*(y - x)`` is at least
        ``-rtol * (|relu(y)| + |relu(x)| + |g*(y - x)|)``. Defaults to four
        times the machine epsilon of the result dtype. Must be finite and at
        least 0.

        The inequality is evaluated in a format wider than the inputs' (see
        the accuracy notes of :func:`sigmoid`), so that ``y - x`` does not
        overflow for finite float64 input where that format exists.

    Returns
    -------
    numpy.ndarray or numpy.bool
        True where the inequality holds; False where it fails or any input is
        NaN.

    Raises
    ------
    TypeError
        If `g`, `x`, `y` or `rtol` is not real.
    ValueError
        If `g`, `x` and `y` do not broadcast together, `rtol` is negative or
        not finite, or if ``g * (y - x)`` overflows
        the working format for finite input.

    Examples
    --------
    A supporting line of slope 0.3 through the origin stays below ReLU; one of
    slope 1.5 does not:

    >>> from relu_explained import subgradient_inequality_holds
    >>> subgradient_inequality_holds(0.3, 0.0, [-1.0, 1.0])
    array([ True,  True])
    >>> subgradient_inequality_holds(1.5, 0.0, [-1.0, 1.0])
    array([ True, False])
    """
    cand = as_real_array(g, "g")
    point = as_real_array(x, "x")
    test = as_real_array(y, "y")
    dtype = np.result_type(cand, point, test)
    tol = 4 * float(np.finfo(dtype).eps) if rtol is None else check_rtol(rtol)
    work = wide_dtype(dtype)
    broadcast_shape(g=cand, x=point, y=test)
    g_, x_, y_ = (a.astype(work) for a in np.broadcast_arrays(cand, point, test))
    with np.errstate(over="ignore", invalid="ignore"):
        linear = g_ * (y_ - x_)
        margin = np.maximum(y_, 0) - np.maximum(x_, 0) - linear
        scale = np.abs(np.maximum(y_, 0)) + np.abs(np.maximum(x_, 0)) + np.abs(linear)
    finite_input = np.isfinite(g_) & np.isfinite(x_) & np.isfinite(y_)
    if not np.isfinite(scale[finite_input]).all():
        msg = f"g, x and y are too large to evaluate the inequality in {work}: g * (y - x) overflows"
        raise ValueError(msg)
    # 0 * inf where rtol is 0 and an input is infinite: NaN, False; a huge rtol: -inf, True.
    with np.errstate(invalid="ignore", over="ignore"):
        return as_result(np.asarray(margin >= -tol * scale))
