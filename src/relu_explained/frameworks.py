"""Read and tabulate the measured derivatives of frameworks at 0.

The data file is written by ``scripts/probe_frameworks.py``, which runs the
real frameworks (``nox -s frameworks``); this module only reads it, checks its
structure and renders it, so the site can show the measurements without
installing the frameworks.
"""

from __future__ import annotations

import json
import math
import re
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
    "ReleaseHistory",
    "load_framework_gradients",
    "load_releases",
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


def _release_key(version: str) -> tuple[int, ...]:
    """A version such as ``2.13.0+cpu`` as numbers that sort as releases do: (2, 13, 0)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+", maxsplit=1)[0]))


def load_releases(directory: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Load the probe's file of each release of the release matrix, by framework, oldest release first.

    Parameters
    ----------
    directory : str or pathlib.Path
        A folder of files as :func:`load_framework_gradients` reads them, each
        the measurements of one release of one framework.

    Returns
    -------
    dict
        Framework name to the data of its releases, sorted by version.

    Raises
    ------
    ValueError
        If a file fails :func:`load_framework_gradients`'s checks, holds other
        than one framework, or repeats a release; or if the folder holds no file.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> from relu_explained.frameworks import load_releases
    >>> folder = Path(tempfile.mkdtemp())
    >>> for version in ("1.10", "1.9"):
    ...     record = {"framework": "F", "op": "relu", "mode": "eager", "dtype": "float32", "point": "+0.0",
    ...               "input": 0.0, "output_dtype": "float32", "gradient": 0.0}
    ...     data = {"date": "2026-01-01", "python": "3.11", "platform": "Linux", "numpy": "2.0",
    ...             "frameworks": {"F": version}, "points": ["+0.0"], "dtypes": ["float32"], "modes": ["eager"],
    ...             "ops": ["relu"], "expressions": {"relu": {"F": "F.relu(x)"}}, "results": [record]}
    ...     _ = (folder / f"f-{version}.json").write_text(json.dumps(data))
    >>> [data["frameworks"]["F"] for data in load_releases(folder)["F"]]
    ['1.9', '1.10']
    """
    by_framework: dict[str, list[dict[str, Any]]] = {}
    files = sorted(Path(directory).glob("*.json"))
    if not files:
        _fail(directory, "holds no release file (*.json)")
    for path in files:
        data = load_framework_gradients(path)
        if len(data["frameworks"]) != 1:
            _fail(path, f"a release file holds one framework, not {sorted(data['frameworks'])}")
        ((name, version),) = data["frameworks"].items()
        known = [d["frameworks"][name] for d in by_framework.get(name, [])]
        if version in known:
            _fail(path, f"{name} {version} is measured in another file too")
        by_framework.setdefault(name, []).append(data)
    return {
        name: sorted(releases, key=lambda d: _release_key(d["frameworks"][name]))
        for name, releases in by_framework.items()
    }


@dataclass
class ReleaseHistory:
    """Since which release each framework returns, for each operation, what its newest release returns.

    For each operation and framework, the cell shows the value of the newest
    release at the point in the mode (the value most dtypes give, to four
    significant digits) and, where an earlier release returned something else,
    the first release from which every later release returns the same values
    in every dtype it computes ("0 since 2.1"). A note per release with
    changes gives, for each operation that changed, the value before and
    after, with where the change is documented. A release that raises an error instead of computing, in a dtype
    or for an operation, changes no value: ``errors`` lists those.

    Parameters
    ----------
    releases : dict
        As returned by :func:`load_releases`.
    point : str, default "+0.0"
        One of the releases' ``points``.
    mode : str, default "eager"
        One of the releases' ``modes``; releases not measured in it are left out.
    sources : dict, optional
        ``"framework release"`` (``"PyTorch 2.14.1"``) to where the changes of
        that release are documented, added to their notes; "source not found"
        for a release with changes and no source.

    Examples
    --------
    >>> from relu_explained.frameworks import ReleaseHistory
    >>> def release(version, gradient):
    ...     record = {"framework": "F", "op": "relu", "mode": "eager", "dtype": "float32", "point": "+0.0",
    ...               "input": 0.0, "output_dtype": "float32", "gradient": gradient}
    ...     return {"frameworks": {"F": version}, "points": ["+0.0"], "dtypes": ["float32"], "modes": ["eager"],
    ...             "ops": ["relu"], "results": [record]}
    >>> releases = {"F": [release("1.0", 1.0), release("1.1", "error: TypeError"), release("1.2", 0.0)]}
    >>> history = ReleaseHistory(releases, sources={"F 1.2": "the release notes"})
    >>> history.cell("F", "relu")
    '0 since 1.2 [1]'
    >>> history.notes
    ['[1] F 1.2: relu gives 0 (1.0: 1) (the release notes).']
    >>> history.errors
    ['F 1.1: TypeError in float32 from every operation.']
    """

    releases: dict[str, list[dict[str, Any]]]
    point: str = "+0.0"
    mode: str = "eager"
    sources: Mapping[str, str] = field(default_factory=dict)
    #: The notes on changes, in the order of their numbers.
    notes: list[str] = field(init=False)
    #: Where a release raised an error instead of computing, one line per framework, error and releases.
    errors: list[str] = field(init=False)
    #: The releases in which each (framework, operation) changed value, oldest first.
    changed_in: dict[tuple[str, str], list[str]] = field(init=False)
    _cells: dict[tuple[str, str], str] = field(init=False, repr=False)
    #: Framework -> its releases measured at the point in the mode, oldest first, each with its index.
    _in_mode: dict[str, list[tuple[dict[str, Any], dict[tuple[str, ...], dict[str, Any]]]]] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        for name, given in (("point", self.point), ("mode", self.mode)):
            known = {v for releases in self.releases.values() for v in releases[-1][f"{name}s"]}
            _check_member({f"{name}s": sorted(known)}, name, given)
        self._in_mode = {
            framework: [(d, _index(d)) for d in releases if self.mode in d["modes"] and self.point in d["points"]]
            for framework, releases in self.releases.items()
        }
        cells: dict[tuple[str, str], str] = {}
        changed_in: dict[tuple[str, str], list[str]] = {}
        notes: list[str] = []
        errors: list[str] = []
        for framework, indexed in self._in_mode.items():
            if not indexed:
                continue
            measured = [d for d, _ in indexed]
            versions = [d["frameworks"][framework] for d in measured]
            raised: dict[tuple[str, str], dict[str, list[str]]] = {}  # (release, error) -> dtype -> ops
            changes: dict[str, dict[str, str]] = {}  # release -> operation -> what changed
            for op in measured[-1]["ops"]:
                rows = [self._values(d, index, framework, op) for d, index in indexed]
                for version, row in zip(versions, rows, strict=True):
                    for dtype, value in row.items():
                        if isinstance(value, str):
                            error = value.removeprefix("error: ")
                            raised.setdefault((version, error), {}).setdefault(dtype, []).append(op)
                computed = [{d: v for d, v in row.items() if not isinstance(v, str)} for row in rows]
                if not computed[-1]:
                    continue
                since = None
                last, seen = dict(computed[0]), dict.fromkeys(computed[0], versions[0])  # dtype -> value, release
                for i in range(1, len(computed)):
                    # Compared exactly: a change past the fourth digit is a change.
                    changed = {d: v for d, v in computed[i].items() if d in last and repr(last[d]) != repr(v)}
                    if changed:
                        before = {d: seen[d] for d in changed}
                        changes.setdefault(versions[i], {})[op] = self._change(before, last, changed)
                        since = versions[i]
                    last.update(computed[i])
                    seen.update(dict.fromkeys(computed[i], versions[i]))
                usual = Counter(_shown(v) for v in computed[-1].values()).most_common(1)[0][0]
                cells[framework, op] = usual if since is None else f"{usual} since {since}"
                changed_in[framework, op] = [v for v in versions if op in changes.get(v, {})]
            # One note per release with changes, in the order of the releases.
            for version in (v for v in versions if v in changes):
                items = "; ".join(f"{op} gives {change}" for op, change in changes[version].items())
                source = self.sources.get(f"{framework} {version}", "source not found")
                notes.append(f"[{len(notes) + 1}] {framework} {version}: {items} ({source}).")
                for op in changes[version]:
                    cells[framework, op] += f" [{len(notes)}]"
            errors += self._errors(framework, measured[-1]["ops"], versions, raised)
        self._cells, self.changed_in, self.notes, self.errors = cells, changed_in, notes, errors

    def _values(
        self, data: dict[str, Any], index: dict[tuple[str, ...], dict[str, Any]], framework: str, op: str
    ) -> dict[str, float | str | None]:
        """dtype -> the derivative at the point in the mode as measured (an error as "error: <name>")."""
        values = {}
        for dtype in data["dtypes"]:
            record = index.get((framework, op, self.mode, dtype, self.point))
            if record is not None:
                values[dtype] = record["gradient"]
        return values

    @staticmethod
    def _change(before: dict[str, str], old: dict[str, Any], new: dict[str, Any]) -> str:
        """One operation's change, in the dtypes where it happened: "0 (2.13.0: 1)", or dtype by dtype, each
        with the release that last computed it; with more digits where four do not tell the values apart."""

        def pair(after: Any, was: Any) -> tuple[str, str]:
            return (_shown(after), _shown(was)) if _shown(after) != _shown(was) else (repr(after), repr(was))

        uniform = {repr(v) for v in new.values()}, {repr(v) for v in old.values()}, set(before.values())
        if len(new) == len(old) and all(len(values) == 1 for values in uniform):
            after, was = pair(next(iter(new.values())), next(iter(old.values())))
            return f"{after} ({next(iter(before.values()))}: {was})"
        return ", ".join(f"{pair(new[d], old[d])[0]} in {d} ({before[d]}: {pair(new[d], old[d])[1]})" for d in new)

    @staticmethod
    def _errors(
        framework: str, ops: list[str], versions: list[str], raised: dict[tuple[str, str], dict[str, list[str]]]
    ) -> list[str]:
        """One line per error and set of failing operations, with the releases that raised it."""
        lines: dict[str, list[str]] = {}
        for (version, error), by_dtype in raised.items():
            failing: dict[tuple[str, ...], list[str]] = {}
            for dtype, failed in by_dtype.items():
                failing.setdefault(tuple(failed), []).append(dtype)
            for failing_ops, dtypes in failing.items():
                what = "every operation" if len(failing_ops) == len(ops) else ", ".join(failing_ops)
                lines.setdefault(f"{error} in {', '.join(dtypes)} from {what}", []).append(version)
        return [
            f"{framework} {', '.join(sorted(found, key=versions.index))}: {what}."
            for what, found in sorted(lines.items(), key=lambda item: versions.index(item[1][0]))
        ]

    def _measured(self, framework: str) -> list[tuple[dict[str, Any], dict[tuple[str, ...], dict[str, Any]]]]:
        """The releases of `framework` measured at the point in the mode, oldest first, each with its index."""
        _check_member({"frameworks": list(self.releases)}, "framework", framework)
        measured = self._in_mode[framework]
        if not measured:
            msg = f"framework {framework!r} has no release measured at {self.point} in mode {self.mode!r}"
            raise ValueError(msg)
        return measured

    def table(self, framework: str) -> Table:
        """Every measured release of `framework` at the point in the mode: an operation per row, a release per
        column; a cell gives the value most dtypes give, then each other value with its dtypes.

        Raises
        ------
        ValueError
            If `framework` is not one of the releases', or none of its releases was measured at the point in
            the mode.
        """
        indexed = self._measured(framework)
        versions = [d["frameworks"][framework] for d, _ in indexed]

        def shown(values: dict[str, Any]) -> str:
            by_value: dict[str, list[str]] = {}
            for dtype, value in values.items():  # an error by its name
                label = value.removeprefix("error: ") if isinstance(value, str) else _shown(value)
                by_value.setdefault(label, []).append(dtype)
            if not by_value:
                return "\u2013"  # not measured in this release
            # The value most dtypes give, then each other one with its dtypes: "0; RuntimeError in float16".
            errors = {v.removeprefix("error: ") for v in values.values() if isinstance(v, str)}
            usual, *others = sorted(by_value, key=lambda value: (-len(by_value[value]), value in errors))
            return "; ".join([usual, *(f"{value} in {', '.join(by_value[value])}" for value in others)])

        rows = [
            [f"`{op}`", *(shown(self._values(d, index, framework, op)) for d, index in indexed)]
            for op in indexed[-1][0]["ops"]
            if self._values(*indexed[-1], framework, op)
        ]
        caption = f"{framework}: derivative returned at x = {self.point}, {self.mode}, by each release measured"
        return Table(caption, ["operation", *versions], rows)

    def cell(self, framework: str, op: str) -> str:
        """The text of one cell: the newest value, since when, and the number of the note on its changes.

        Raises
        ------
        ValueError
            If `framework` or `op` is not one of the releases'.
        """
        _check_member({"frameworks": list(self.releases)}, "framework", framework)
        _check_member({"ops": sorted({op for r in self.releases.values() for op in r[-1]["ops"]})}, "op", op)
        return self._cells.get((framework, op), "\u2013")

    def to_html(self) -> str:
        """The table as HTML."""
        frameworks = list(self.releases)
        ops = list(dict.fromkeys(op for releases in self.releases.values() for op in releases[-1]["ops"]))
        rows = [
            [f"`{op}`", *(self.cell(f, op) for f in frameworks)]
            for op in ops
            if any((f, op) in self._cells for f in frameworks)
        ]
        newest = ", ".join(f"{f} {indexed[-1][0]['frameworks'][f]}" for f, indexed in self._in_mode.items() if indexed)
        caption = (
            f"Derivative returned at x = {self.point}, {self.mode}, by the newest release ({newest}), and, where "
            f"an older release measured {self.mode} differs, the release from which it holds; notes list the changes"
        )
        return Table(caption, ["operation", *frameworks], rows, self.notes).to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"ReleaseHistory(point={self.point!r}, mode={self.mode!r})"
