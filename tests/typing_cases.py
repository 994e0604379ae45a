"""What the public functions are declared to return, checked statically and at run time.

``tests/test_types.py`` runs mypy on this file (every ``assert_type`` must hold)
and calls :func:`cases` to check that the values have those types when run.
"""

from __future__ import annotations

from typing import Any, assert_type

import numpy as np
import numpy.typing as npt

import relu_explained as rx


def cases() -> list[tuple[str, object, type, np.dtype[Any] | None]]:
    """(call, result, runtime class, dtype of an array result) for each declared return type."""
    f16, f32 = np.zeros(3, np.float16), np.float32(1.0)
    out: list[tuple[str, object, type, np.dtype[Any] | None]] = [
        ("relu(float)", assert_type(rx.relu(1.0), np.float64), np.float64, None),
        ("relu(int)", assert_type(rx.relu(2), np.float64), np.float64, None),
        ("relu(float32)", assert_type(rx.relu(f32), np.float32), np.float32, None),
        ("relu(float16 array)", assert_type(rx.relu(f16), npt.NDArray[np.float16]), np.ndarray, np.dtype(np.float16)),
        (
            "relu(int array)",
            assert_type(rx.relu(np.arange(3)), npt.NDArray[np.float64]),
            np.ndarray,
            np.dtype(np.float64),
        ),
        ("softplus(float32)", assert_type(rx.softplus(f32, beta=2.0), np.float32), np.float32, None),
        ("sigmoid(float)", assert_type(rx.sigmoid(0.0), np.float64), np.float64, None),
        ("silu(float16 array)", assert_type(rx.silu(f16), npt.NDArray[np.float16]), np.ndarray, np.dtype(np.float16)),
        ("gelu(float32)", assert_type(rx.gelu(f32), np.float32), np.float32, None),
        (
            "relu_derivative(array)",
            assert_type(rx.relu_derivative(np.zeros(3), at_zero=0.5), npt.NDArray[np.float64]),
            np.ndarray,
            np.dtype(np.float64),
        ),
        (
            "relu_one_sided_derivative(float)",
            assert_type(rx.relu_one_sided_derivative(0.0, "left"), np.float64),
            np.float64,
            None,
        ),
        ("softplus_derivative(float32)", assert_type(rx.softplus_derivative(f32), np.float32), np.float32, None),
        ("relu_subdifferential(float)[0]", assert_type(rx.relu_subdifferential(0.0)[0], np.float64), np.float64, None),
        (
            "relu_subdifferential(float16 array)[1]",
            assert_type(rx.relu_subdifferential(f16)[1], npt.NDArray[np.float16]),
            np.ndarray,
            np.dtype(np.float16),
        ),
        ("is_relu_subgradient(float, float)", assert_type(rx.is_relu_subgradient(0.5, 0.0), np.bool_), np.bool_, None),
        (
            "is_relu_subgradient(array, float)",
            assert_type(rx.is_relu_subgradient(np.zeros(3), 0.0), npt.NDArray[np.bool_]),
            np.ndarray,
            np.dtype(np.bool_),
        ),
        (
            "subgradient_inequality_holds(floats)",
            assert_type(rx.subgradient_inequality_holds(0.5, 0.0, 1.0), np.bool_),
            np.bool_,
            None,
        ),
        (
            "subgradient_inequality_holds(..., array)",
            assert_type(rx.subgradient_inequality_holds(0.5, 0.0, np.zeros(3)), npt.NDArray[np.bool_]),
            np.ndarray,
            np.dtype(np.bool_),
        ),
        (
            "difference_quotient(float)",
            assert_type(rx.difference_quotient(rx.relu, 0.0, 1e-3), np.floating[Any]),
            np.floating,
            None,
        ),
        (
            "difference_quotient(array)",
            assert_type(rx.difference_quotient(rx.relu, np.zeros(3), 1e-3), npt.NDArray[np.floating[Any]]),
            np.ndarray,
            np.dtype(np.float64),
        ),
        (
            "difference_quotient(float, return_step=True)[1]",
            assert_type(
                rx.difference_quotient(rx.relu, 0.0, 1e-3, return_step=True)[1],
                np.floating[Any],
            ),
            np.floating,
            None,
        ),
    ]
    return out
