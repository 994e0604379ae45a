"""Read and tabulate the measured derivatives of frameworks at 0.

The data file is written by ``scripts/probe_frameworks.py``, which runs the
real frameworks (``nox -s frameworks``); this module only reads it, checks its
structure and renders it, so the site can show the measurements without
installing the frameworks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .tables import Table

__all__ = ["GradientTable", "load_framework_gradients"]

_REQUIRED = ("date", "python", "platform", "frameworks", "points", "dtypes", "ops", "results")


def load_framework_gradients(path: str | Path) -> dict[str, Any]:
    """Load the probe's JSON file and check its structure.

    Parameters
    ----------
    path : str or pathlib.Path
        The data file.

    Returns
    -------
    dict
        The parsed data: ``frameworks`` (name to version), ``points``,
        ``dtypes``, ``ops``, the run's ``date``, ``python`` and ``platform``,
        and ``results``, a list of records with keys ``framework``, ``op``,
        ``dtype``, ``point`` and ``gradient`` (a float, None when the
        framework returned no gradient, or a string starting with ``error:``).

    Raises
    ------
    ValueError
        If a key is missing, a record names an unknown framework, operation,
        dtype or point, a gradient has the wrong type, or a measurement appears
        twice.

    Examples
    --------
    >>> import json, tempfile
    >>> from relu_explained.frameworks import load_framework_gradients
    >>> data = {"date": "2026-01-01", "python": "3.11", "platform": "Linux", "frameworks": {"F": "1"},
    ...         "points": ["+0.0"], "dtypes": ["float32"], "ops": ["relu"],
    ...         "results": [{"framework": "F", "op": "relu", "dtype": "float32", "point": "+0.0", "gradient": 0.0}]}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
    ...     json.dump(data, fh)
    >>> load_framework_gradients(fh.name)["frameworks"]
    {'F': '1'}
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        msg = f"{path}: expected a JSON object"
        raise ValueError(msg)  # noqa: TRY004 - a malformed file, not a wrong argument type
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        msg = f"{path}: missing keys {missing}"
        raise ValueError(msg)
    allowed = {
        "framework": set(data["frameworks"]),
        "op": set(data["ops"]),
        "dtype": set(data["dtypes"]),
        "point": set(data["points"]),
    }
    seen = set()
    for i, record in enumerate(data["results"]):
        for key, values in allowed.items():
            if record.get(key) not in values:
                msg = f"{path}: result {i} has {key}={record.get(key)!r}, expected one of {sorted(values)}"
                raise ValueError(msg)
        gradient = record.get("gradient", "missing")
        ok = (
            gradient is None
            or isinstance(gradient, float)
            or (isinstance(gradient, str) and gradient.startswith("error:"))
        )
        if not ok:
            msg = f"{path}: result {i} has gradient={gradient!r}, expected a float, null or 'error: ...'"
            raise ValueError(msg)
        measurement = (record["framework"], record["op"], record["dtype"], record["point"])
        if measurement in seen:
            msg = f"{path}: result {i} repeats the measurement {measurement}"
            raise ValueError(msg)
        seen.add(measurement)
    return data


@dataclass(frozen=True)
class GradientTable:
    """An HTML table of the measured derivatives at one point, shown in notebooks.

    Rows are (framework, operation) pairs, columns are dtypes; a dash marks a
    combination that was not measured (the framework lacks the dtype or the
    operation), "none" a framework that returned no gradient.

    Parameters
    ----------
    data : dict
        As returned by :func:`load_framework_gradients`.
    point : str
        One of ``data["points"]``.

    Examples
    --------
    >>> from relu_explained.frameworks import GradientTable
    >>> data = {"frameworks": {"F": "1"}, "points": ["+0.0"], "dtypes": ["float32"], "ops": ["relu"],
    ...         "results": [{"framework": "F", "op": "relu", "dtype": "float32", "point": "+0.0", "gradient": 0.0}]}
    >>> "<td>0</td>" in GradientTable(data, "+0.0").to_html()
    True
    """

    data: dict[str, Any]
    point: str

    def __post_init__(self) -> None:
        if self.point not in self.data["points"]:
            msg = f"point must be one of {self.data['points']}, got {self.point!r}"
            raise ValueError(msg)

    def value(self, framework: str, op: str, dtype: str) -> str:
        """The measured derivative as shown in the table."""
        for r in self.data["results"]:
            if (r["framework"], r["op"], r["dtype"], r["point"]) == (framework, op, dtype, self.point):
                g = r["gradient"]
                if g is None:
                    return "none"
                if isinstance(g, str):
                    return "error"
                return f"{g:.4g}"
        return "\u2013"

    def to_html(self) -> str:
        """The table as HTML."""
        dtypes = self.data["dtypes"]
        rows = [
            [f"{framework} {version}", f"`{op}`", *(self.value(framework, op, d) for d in dtypes)]
            for framework, version in self.data["frameworks"].items()
            for op in self.data["ops"]
            if any(r["framework"] == framework and r["op"] == op for r in self.data["results"])
        ]
        caption = f"Derivative returned at x = {self.point}"
        return Table(caption, ["framework", "operation", *dtypes], rows).to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"GradientTable(point={self.point!r})"
