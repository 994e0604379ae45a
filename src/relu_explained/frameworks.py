"""Read and tabulate the measured derivatives of frameworks at 0.

The data file is written by ``scripts/probe_frameworks.py``, which runs the
real frameworks (``nox -s frameworks``); this module only reads it, checks its
structure and renders it, so the site can show the measurements without
installing the frameworks.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from .tables import Table

__all__ = ["GradientTable", "load_framework_gradients"]

_REQUIRED = ("date", "python", "platform", "numpy", "frameworks", "points", "dtypes", "ops", "results")


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
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not UTF-8 JSON (NaN and Infinity are rejected), a key is
        missing or has the wrong type, a record names an unknown framework,
        operation, dtype or point, a gradient is not a finite float, null or an
        error string, or a measurement appears twice. The message starts with
        the file's path.

    Examples
    --------
    >>> import json, tempfile
    >>> from relu_explained.frameworks import load_framework_gradients
    >>> data = {"date": "2026-01-01", "python": "3.11", "platform": "Linux", "numpy": "2.0", "frameworks": {"F": "1"},
    ...         "points": ["+0.0"], "dtypes": ["float32"], "ops": ["relu"],
    ...         "results": [{"framework": "F", "op": "relu", "dtype": "float32", "point": "+0.0", "gradient": 0.0}]}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
    ...     json.dump(data, fh)
    >>> load_framework_gradients(fh.name)["frameworks"]
    {'F': '1'}
    """
    data = _read_json(Path(path))
    if not isinstance(data, dict):
        _fail(path, f"expected a JSON object at the top level, got {type(data).__name__}")
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        _fail(path, f"missing keys {missing}")
    for key in ("date", "python", "platform", "numpy"):
        _expect(path, key, data[key], str)
    _expect(path, "frameworks", data["frameworks"], dict)
    if not all(isinstance(v, str) for v in data["frameworks"].values()):
        _fail(path, "frameworks must map each framework's name to its version string")
    for key in ("points", "dtypes", "ops"):
        _expect(path, key, data[key], list)
        if not all(isinstance(v, str) for v in data[key]):
            _fail(path, f"{key} must be a list of strings")
    _expect(path, "results", data["results"], list)
    allowed = {
        "framework": set(data["frameworks"]),
        "op": set(data["ops"]),
        "dtype": set(data["dtypes"]),
        "point": set(data["points"]),
    }
    seen = set()
    for i, record in enumerate(data["results"]):
        _expect(path, f"results[{i}]", record, dict)
        for key, values in allowed.items():
            if not isinstance(record.get(key), str) or record[key] not in values:
                _fail(path, f"results[{i}] has {key}={record.get(key)!r}, expected one of {sorted(values)}")
        gradient = record.get("gradient", "missing")
        ok = (
            gradient is None
            or (isinstance(gradient, float) and math.isfinite(gradient))
            or (isinstance(gradient, str) and gradient.startswith("error:"))
        )
        if not ok:
            _fail(path, f"results[{i}] has gradient={gradient!r}, expected a finite float, null or 'error: ...'")
        measurement = (record["framework"], record["op"], record["dtype"], record["point"])
        if measurement in seen:
            _fail(path, f"results[{i}] repeats the measurement {measurement}")
        seen.add(measurement)
    return data


def _fail(path: str | Path, problem: str) -> NoReturn:
    msg = f"{path}: {problem}"
    raise ValueError(msg)


def _expect(path: str | Path, key: str, value: Any, kind: type) -> None:
    if not isinstance(value, kind):
        names: dict[type, str] = {dict: "a JSON object", list: "a JSON array", str: "a string"}
        _fail(path, f"{key} must be {names[kind]}, got {type(value).__name__}")


def _reject_constant(name: str) -> NoReturn:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _read_json(path: Path) -> Any:
    """Parse `path` as strict JSON (no NaN or Infinity), naming the file in every error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        _fail(path, f"not UTF-8 text ({exc})")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        _fail(path, f"not valid JSON: {exc}")


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
