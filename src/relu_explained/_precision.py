"""Evaluate a formula in a wider floating-point format and round the result once.

float16 and float32 input is computed in float64. float64 input is computed in
numpy's ``longdouble`` where that format has at least 64 significant bits (on
Linux and other Unix systems on x86-64, and on 64-bit ARM Linux), else in
float64 (Windows, macOS on Apple silicon), where results lose accuracy. With a formula accurate to a
few units in the last place (ulp) of the wider format, the one rounding to the
input's dtype gives a result within half an ulp, except in the rare case where
the exact value lies within a few wide-format ulps of a rounding boundary.
Work is done in chunks that fit the processor's cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["EXTENDED", "evaluate_wide", "wide_dtype"]

#: The format float64 input is evaluated in.
EXTENDED: type[np.floating[Any]] = np.longdouble if np.finfo(np.longdouble).nmant >= 63 else np.float64
_CHUNK = 1 << 14

Kernel = Callable[[npt.NDArray[Any]], npt.NDArray[Any]]


def wide_dtype(dtype: np.dtype[Any]) -> np.dtype[Any]:
    """The format that input of `dtype` is evaluated in."""
    if dtype.itemsize < 8:
        return np.dtype(np.float64)
    if dtype.itemsize == 8:  # float64 in either byte order
        return np.dtype(EXTENDED)
    return dtype.newbyteorder("=")


def evaluate_wide(
    arr: npt.NDArray[np.floating[Any]], kernel: Kernel, work: np.dtype[Any] | None = None
) -> npt.NDArray[Any]:
    """Return ``kernel(arr)``, evaluated in `work` (default: :func:`wide_dtype`) and rounded once to ``arr.dtype``.

    `kernel` receives a 1-d scratch array in the working format, which it may
    overwrite, and returns one of the same shape; overflow and underflow inside it are expected (for example
    ``exp(-inf)``) and not reported.
    """
    work = wide_dtype(arr.dtype) if work is None else work
    flat = np.ascontiguousarray(arr).reshape(-1)
    out = np.empty(flat.shape, arr.dtype)
    buffer = np.empty(min(flat.size, _CHUNK), work)
    with np.errstate(over="ignore", under="ignore"):
        for start in range(0, flat.size, _CHUNK):
            piece = buffer[: min(_CHUNK, flat.size - start)]
            piece[...] = flat[start : start + _CHUNK]
            out[start : start + piece.size] = kernel(piece)
    return out.reshape(arr.shape)
