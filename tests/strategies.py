"""Hypothesis strategies shared by the library tests."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = (np.float16, np.float32, np.float64)


def finite_arrays(dtype: Any = np.float64, **kwargs: Any) -> st.SearchStrategy[np.ndarray]:
    """Arrays of finite values of `dtype`, any shape of up to 3 dimensions."""
    elements = st.floats(
        allow_nan=False,
        allow_infinity=False,
        width=np.finfo(dtype).bits,  # type: ignore[arg-type] # 16, 32 or 64
        **kwargs,
    )
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, max_side=5), elements=elements)


def any_finite_array() -> st.SearchStrategy[np.ndarray]:
    """Finite arrays of any of the three float dtypes."""
    return st.sampled_from(FLOAT_DTYPES).flatmap(finite_arrays)


#: Inputs that are not arrays of real numbers.
BAD_ARRAYS = [np.array([1 + 2j]), np.array([True, False]), np.array(["a", "b"]), "1.0", np.array([object()])]
