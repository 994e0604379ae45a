"""Type aliases of the public functions' overloads: a scalar for a scalar, an array for an array, as numpy's stubs.

A numpy floating scalar or array keeps its dtype; Python numbers and numpy
integers become float64, as in numpy's own transcendental functions. A 0-d
array gives a numpy scalar, as numpy's ufuncs do; the annotations treat it as
an array. Lists and other array-likes are typed ``Any``.
"""

from __future__ import annotations

from typing import Any, TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

__all__ = ["Float", "IntArray", "Real", "Scalar"]

#: A numpy floating type, kept from input to result.
Float = TypeVar("Float", bound=np.floating[Any])
#: Python numbers and numpy integers, computed in float64.
Real: TypeAlias = float | np.integer[Any]
#: Any real scalar.
Scalar: TypeAlias = float | np.integer[Any] | np.floating[Any]
#: Integer arrays, computed in float64.
IntArray: TypeAlias = npt.NDArray[np.integer[Any]]
