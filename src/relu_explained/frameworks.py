"""Read and tabulate the measured derivatives of frameworks at 0.

The data file is written by ``scripts/probe_frameworks.py``, which runs the
real frameworks (``nox -s frameworks``); this module only reads it, checks its
structure and renders it, so the site can show the measurements without
installing the frameworks.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Final, NoReturn, TypedDict

from .tables import Table

__all__ = [
    "MEASUREMENT_KEY",
    "GradientSummary",
    "GradientTable",
    "Measurement",
    "load_framework_gradients",
    "measurement_key",
]


class Measurement(TypedDict):
    """One record of ``results`` in the probe's data file: one derivative, as one framework returned it.

    ``scripts/probe_frameworks.py`` writes these records, :func:`load_framework_gradients`
    checks them, and :func:`measurement_key` identifies them.

    Attributes
    ----------
    framework, op, mode, dtype, point : str
        What was measured: the framework, the operation, "eager" or
        "compiled", the dtype and the point; together, the record's key.
    input : float
        The point as the framework stored it in `dtype`.
    output_dtype : str or None
        The dtype of the operation's output; None if the operation failed.
    gradient : float, str or None
        The derivative returned; None when the framework returned no
        gradient; a string starting with ``error:`` when it refused.
    """

    framework: str
    op: str
    mode: str
    dtype: str
    point: str
    input: float
    output_dtype: str | None
    gradient: float | str | None


#: The fields that identify a :class:`Measurement`: no two records of a file share them.
MEASUREMENT_KEY: Final = ("framework", "op", "mode", "dtype", "point")

_REQUIRED = (
    "date",
    "python",
    "platform",
    "numpy",
    "frameworks",
    "points",
    "dtypes",
    "modes",
    "ops",
    "expressions",
    "results",
)


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
        ``dtypes``, ``modes`` (eager, compiled), ``ops``, ``expressions``
        (operation to framework to the exact expression measured), the run's
        ``date``, ``python`` and ``platform``, and ``results``, a list of
        records with keys ``framework``, ``op``, ``mode``, ``dtype``,
        ``point``, ``input`` (the point as the framework stored it),
        ``output_dtype`` (None if the operation failed) and ``gradient`` (a
        float, None when the framework returned no gradient, or a string
        starting with ``error:``).

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the file is not UTF-8 JSON (NaN and Infinity are rejected), a key is
        missing or has the wrong type, a record names an unknown framework,
        operation, mode, dtype or point, an input is not a finite float, a
        gradient is not a finite float, null or an error string, an
        ``output_dtype`` is not a string or null, a JSON object repeats a key,
        or a measurement appears twice. The message starts with the file's path.

    Examples
    --------
    >>> import json, tempfile
    >>> from relu_explained.frameworks import load_framework_gradients
    >>> record = {"framework": "F", "op": "relu", "mode": "eager", "dtype": "float32", "point": "+0.0",
    ...           "input": 0.0, "output_dtype": "float32", "gradient": 0.0}
    >>> data = {"date": "2026-01-01", "python": "3.11", "platform": "Linux", "numpy": "2.0", "frameworks": {"F": "1"},
    ...         "points": ["+0.0"], "dtypes": ["float32"], "modes": ["eager"], "ops": ["relu"],
    ...         "expressions": {"relu": {"F": "F.relu(x)"}}, "results": [record]}
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
    for key in ("points", "dtypes", "modes", "ops"):
        _expect(path, key, data[key], list)
        if not all(isinstance(v, str) for v in data[key]):
            _fail(path, f"{key} must be a list of strings")
    _expect(path, "expressions", data["expressions"], dict)
    for op, written in data["expressions"].items():
        if op not in data["ops"] or not isinstance(written, dict):
            _fail(path, f"expressions[{op!r}] must be an operation of ops mapping frameworks to expressions")
        if not all(f in data["frameworks"] and isinstance(e, str) for f, e in written.items()):
            _fail(path, f"expressions[{op!r}] must map known frameworks to expression strings")
    _expect(path, "results", data["results"], list)
    allowed = {
        "framework": set(data["frameworks"]),
        "op": set(data["ops"]),
        "mode": set(data["modes"]),
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
        value = record.get("input", "missing")
        if not (isinstance(value, float) and math.isfinite(value)):
            _fail(path, f"results[{i}] has input={value!r}, expected a finite float")
        output_dtype = record.get("output_dtype", "missing")
        if not (output_dtype is None or (isinstance(output_dtype, str) and output_dtype != "missing")):
            _fail(path, f"results[{i}] has output_dtype={output_dtype!r}, expected a string or null")
        measurement = measurement_key(record)
        if measurement in seen:
            _fail(path, f"results[{i}] repeats the measurement {measurement}")
        seen.add(measurement)
    return data


def measurement_key(record: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields of a :class:`Measurement` named by :data:`MEASUREMENT_KEY`, in that order: what identifies it."""
    return tuple(str(record.get(key)) for key in MEASUREMENT_KEY)


def _index(data: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    """The records of `data`, by (framework, operation, mode, dtype, point)."""
    return {measurement_key(r): r for r in data["results"]}


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


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key that appears twice (json keeps the last silently)."""
    keys = Counter(key for key, _ in pairs)
    repeated = [key for key, count in keys.items() if count > 1]
    if repeated:
        msg = f"an object repeats the key {repeated[0]!r}"
        raise ValueError(msg)
    return dict(pairs)


def _read_json(path: Path) -> Any:
    """Parse `path` as strict JSON (no NaN or Infinity), naming the file in every error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        _fail(path, f"not UTF-8 text ({exc})")
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        _fail(path, f"not valid JSON: {exc}")


def _shown(gradient: float | str | None) -> str:
    """A measured derivative as the tables show it (four significant digits)."""
    if gradient is None:
        return "none"
    if isinstance(gradient, str):
        return "error"
    return f"{gradient:.4g}"


def _check_member(data: dict[str, Any], name: str, value: object) -> None:
    """Raise ValueError unless `value` is one of the data's `name` + "s" (points, modes, ops, dtypes, frameworks)."""
    known = list(data[f"{name}s"])
    if not isinstance(value, str) or value not in known:
        msg = f"{name} must be one of {known}, got {value!r}"
        raise ValueError(msg)


def _check_point(data: dict[str, Any], point: str) -> None:
    _check_member(data, "point", point)


@dataclass(frozen=True)
class GradientTable:
    """An HTML table of the derivatives measured at one point in one mode, shown in notebooks.

    Rows are (framework, operation) pairs, columns are dtypes; a dash marks a
    combination that was not measured (the framework lacks the dtype or the
    operation), "none" a framework that returned no gradient, "error" one that
    refused the operation.

    Parameters
    ----------
    data : dict
        As returned by :func:`load_framework_gradients`.
    point : str
        One of ``data["points"]``.
    mode : str, default "eager"
        One of ``data["modes"]``.

    Examples
    --------
    >>> from relu_explained.frameworks import GradientTable
    >>> record = {"framework": "F", "op": "relu", "mode": "eager", "dtype": "float32", "point": "+0.0",
    ...           "input": 0.0, "output_dtype": "float32", "gradient": 0.0}
    >>> data = {"frameworks": {"F": "1"}, "points": ["+0.0"], "dtypes": ["float32"], "modes": ["eager"],
    ...         "ops": ["relu"], "results": [record]}
    >>> "<td>0</td>" in GradientTable(data, "+0.0").to_html()
    True
    """

    data: dict[str, Any]
    point: str
    mode: str = "eager"

    def __post_init__(self) -> None:
        _check_point(self.data, self.point)
        _check_member(self.data, "mode", self.mode)

    @cached_property
    def _records(self) -> dict[tuple[str, ...], dict[str, Any]]:
        return _index(self.data)

    def value(self, framework: str, op: str, dtype: str) -> str:
        """The measured derivative as shown in the table: a dash where this combination was not measured.

        Raises
        ------
        ValueError
            If `framework`, `op` or `dtype` is not one of the data's.
        """
        _check_member(self.data, "framework", framework)
        _check_member(self.data, "op", op)
        _check_member(self.data, "dtype", dtype)
        record = self._records.get((framework, op, self.mode, dtype, self.point))
        return "\u2013" if record is None else _shown(record["gradient"])

    def to_html(self) -> str:
        """The table as HTML."""
        dtypes = self.data["dtypes"]
        measured = {(r["framework"], r["op"]) for r in self.data["results"]}
        rows = [
            [f"{framework} {version}", f"`{op}`", *(self.value(framework, op, d) for d in dtypes)]
            for framework, version in self.data["frameworks"].items()
            for op in self.data["ops"]
            if (framework, op) in measured
        ]
        caption = f"Derivative returned at x = {self.point}, {self.mode}"
        return Table(caption, ["framework", "operation", *dtypes], rows).to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"GradientTable(point={self.point!r}, mode={self.mode!r})"


@dataclass
class GradientSummary:
    """The measured derivatives at one point as one value per operation and framework, with exceptions as notes.

    Each cell shows the value that most of the framework's dtypes and modes
    return (to four significant digits). Where a dtype or a mode returns
    something else, the cell carries a note number, and the note lists each
    such value with where it was measured.

    Parameters
    ----------
    data : dict
        As returned by :func:`load_framework_gradients`.
    point : str, default "+0.0"
        One of ``data["points"]``.

    Examples
    --------
    >>> from relu_explained.frameworks import GradientSummary
    >>> def record(dtype, mode, gradient):
    ...     return {"framework": "F", "op": "relu", "mode": mode, "dtype": dtype, "point": "+0.0",
    ...             "input": 0.0, "output_dtype": dtype, "gradient": gradient}
    >>> data = {"frameworks": {"F": "1"}, "points": ["+0.0"], "dtypes": ["float16", "float32"],
    ...         "modes": ["eager", "compiled"], "ops": ["relu"],
    ...         "results": [record("float16", "eager", 0.0), record("float32", "eager", 0.0),
    ...                     record("float16", "compiled", 0.5), record("float32", "compiled", 0.0)]}
    >>> summary = GradientSummary(data)
    >>> summary.cell("F", "relu"), summary.notes
    ('0 [1]', ['[1] F, relu: 0.5 in float16 compiled.'])
    """

    data: dict[str, Any]
    point: str = "+0.0"
    #: The notes, in the order of their numbers.
    notes: list[str] = field(init=False)
    _cells: dict[tuple[str, str], str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _check_point(self.data, self.point)
        cells: dict[tuple[str, str], str] = {}
        notes: list[str] = []
        index = _index(self.data)
        for op in self.data["ops"]:
            for framework in self.data["frameworks"]:
                shown = [
                    (f"{r['dtype']} {r['mode']}", _shown(r["gradient"]), r["gradient"])
                    for mode in self.data["modes"]
                    for dtype in self.data["dtypes"]
                    if (r := index.get((framework, op, mode, dtype, self.point))) is not None
                ]
                if not shown:
                    continue
                usual = Counter(value for _, value, _ in shown).most_common(1)[0][0]
                others: dict[str, list[str]] = {}
                for where, value, raw in shown:
                    if value != usual:
                        label = raw.removeprefix("error: ") + " error" if isinstance(raw, str) else value
                        others.setdefault(label, []).append(where)
                cells[framework, op] = usual
                if others:
                    details = "; ".join(f"{value} in {', '.join(where)}" for value, where in others.items())
                    notes.append(f"[{len(notes) + 1}] {framework}, {op}: {details}.")
                    cells[framework, op] += f" [{len(notes)}]"
        self._cells, self.notes = cells, notes

    def cell(self, framework: str, op: str) -> str:
        """The text of one cell: the usual value and, if there are exceptions, the number of their note.

        Raises
        ------
        ValueError
            If `framework` or `op` is not one of the data's.
        """
        _check_member(self.data, "framework", framework)
        _check_member(self.data, "op", op)
        return self._cells.get((framework, op), "\u2013")

    def to_html(self) -> str:
        """The table as HTML."""
        frameworks = list(self.data["frameworks"])
        rows = [[f"`{op}`", *(self.cell(f, op) for f in frameworks)] for op in self.data["ops"]]
        caption = (
            f"Derivative returned at x = {self.point}: the value most dtypes and modes give, "
            "to four significant digits; notes list the exceptions"
        )
        return Table(caption, ["operation", *frameworks], rows, self.notes).to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"GradientSummary(point={self.point!r})"
