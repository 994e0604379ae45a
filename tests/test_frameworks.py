"""The committed framework measurements: structure, coverage, and what the site says of them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from relu_explained.frameworks import (
    GradientSummary,
    GradientTable,
    ReleaseHistory,
    load_framework_gradients,
    load_releases,
)

DATA = Path(__file__).resolve().parents[1] / "docs" / "data" / "framework_gradients.json"
AT_ZERO = "+0.0"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_framework_gradients(DATA)


def grad(
    data: dict[str, Any],
    framework: str,
    op: str,
    dtype: str = "float32",
    point: str = AT_ZERO,
    mode: str = "eager",
) -> Any:
    (value,) = [
        r["gradient"]
        for r in data["results"]
        if (r["framework"], r["op"], r["dtype"], r["point"], r["mode"]) == (framework, op, dtype, point, mode)
    ]
    return value


def records(data: dict[str, Any], **fields: str) -> list[dict[str, Any]]:
    return [r for r in data["results"] if all(r[k] == v for k, v in fields.items())]


def test_every_combination_is_measured(data: dict[str, Any]) -> None:
    assert set(data["frameworks"]) == {"PyTorch", "JAX", "TensorFlow", "autograd"}
    measured = {(r["framework"], r["op"], r["mode"], r["dtype"], r["point"]) for r in data["results"]}
    expected = {
        (framework, op, mode, dtype, point)
        for op, written in data["expressions"].items()
        for framework in written
        for mode in (["eager"] if framework == "autograd" else data["modes"])
        for dtype in (data["dtypes"][1:] if framework == "autograd" else data["dtypes"])
        for point in data["points"]
    }
    assert measured == expected
    assert len(data["results"]) == len(expected)
    assert all(isinstance(r["gradient"], float) for r in data["results"]), "a probe failed"
    for op in ("fmax(x, 0)", "clamp_min(x, 0)", "threshold(x, 0, 0)", "lax.clamp(0, x, inf)", "keras ReLU layer"):
        assert op in data["ops"]
    for written in data["expressions"].values():
        for expression in written.values():
            assert "x" in expression


def _is_composition(op: str) -> bool:
    return " - " in op or " + " in op


def test_single_operations_return_a_valid_slope(data: dict[str, Any]) -> None:
    """Subdifferential (convex operations) or Clarke's generalized gradient (relu6) at 0."""
    bounds = {"abs": (-1.0, 1.0), "leaky_relu(x, 0.01)": (0.0099, 1.0)}
    smooth = {"softplus", "gelu (erf)", "gelu (tanh)", "silu"}
    for r in data["results"]:
        if r["point"] == "smallest subnormal" or _is_composition(r["op"]):
            continue
        if r["op"] in smooth:
            assert abs(r["gradient"] - 0.5) < 5e-4, r  # "return 1/2 ... to the four digits shown"
        else:
            lo, hi = bounds.get(r["op"], (0.0, 1.0))
            assert lo <= r["gradient"] <= hi, r


def test_compositions_add_up_the_choices(data: dict[str, Any]) -> None:
    for r in data["results"]:
        if r["point"] == "smallest subnormal" or not _is_composition(r["op"]):
            continue
        single = r["op"].split(" ")[0]
        single = {"relu(x)": "relu", "maximum(x,": "maximum(x, 0)", "clip(x,": "clip(x, min=0)"}[single]
        s = grad(data, r["framework"], single, r["dtype"], r["point"], r["mode"])
        # d/dx [f(x) - f(-x)] = 2s, d/dx [f(x) + f(-x)] = s - s = 0
        assert r["gradient"] == (2 * s if " - " in r["op"] else 0.0), r


@pytest.mark.parametrize(
    ("framework", "op", "value"),
    [
        ("PyTorch", "relu", 0.0),
        ("JAX", "relu", 0.0),
        ("TensorFlow", "relu", 0.0),
        ("TensorFlow", "keras ReLU layer", 0.0),
        ("PyTorch", "threshold(x, 0, 0)", 0.0),
        ("PyTorch", "relu6", 0.0),
        ("PyTorch", "maximum(x, 0)", 0.5),
        ("JAX", "maximum(x, 0)", 0.5),
        ("autograd", "maximum(x, 0)", 0.5),
        ("TensorFlow", "maximum(x, 0)", 1.0),
        ("PyTorch", "clip(x, min=0)", 0.0),
        ("PyTorch", "clamp_min(x, 0)", 0.0),
        ("TensorFlow", "clip(x, min=0)", 1.0),
        ("JAX", "clip(x, min=0)", 0.5),
        ("JAX", "lax.clamp(0, x, inf)", 0.0),
        ("autograd", "clip(x, min=0)", 0.0),
        ("PyTorch", "fmax(x, 0)", 0.5),
        ("JAX", "fmax(x, 0)", 0.0),
        ("autograd", "fmax(x, 0)", 0.5),
        ("PyTorch", "relu(x) - relu(-x)", 0.0),
        ("JAX", "relu(x) - relu(-x)", 0.0),
        ("TensorFlow", "relu(x) - relu(-x)", 0.0),
        ("TensorFlow", "maximum(x, 0) - maximum(-x, 0)", 2.0),
        ("PyTorch", "clip(x, min=0) - clip(-x, min=0)", 0.0),
        ("TensorFlow", "clip(x, min=0) - clip(-x, min=0)", 2.0),
        ("PyTorch", "abs", 0.0),
        ("TensorFlow", "abs", 0.0),
        ("autograd", "abs", 0.0),
        ("JAX", "abs", 1.0),
        ("JAX", "leaky_relu(x, 0.01)", 1.0),
    ],
)
def test_statements_on_the_frameworks_page(data: dict[str, Any], framework: str, op: str, value: float) -> None:
    """The page's prose describes these values; if a rerun changes them, the prose must change too."""
    for r in records(data, framework=framework, op=op, point=AT_ZERO):
        assert r["gradient"] == value, r


def test_every_framework_and_mode_agree_where_the_page_says(data: dict[str, Any]) -> None:
    for op in ("relu6", "where(x > 0, x, 0)", "x * (x > 0)"):
        for r in data["results"]:
            if r["op"] == op and r["point"] != "smallest subnormal":
                assert r["gradient"] == 0.0, r
    for op in ("relu(x) + relu(-x)", "maximum(x, 0) + maximum(-x, 0)", "clip(x, min=0) + clip(-x, min=0)"):
        assert {r["gradient"] for r in records(data, op=op, point=AT_ZERO)} == {0.0}
    # "2s ... and the right value, 1, only where s = 1/2"
    for r in data["results"]:
        if " - " in r["op"] and r["point"] == AT_ZERO and r["gradient"] == 1.0:
            single = {"relu": "relu", "maximum": "maximum(x, 0)", "clip": "clip(x, min=0)"}[r["op"].split("(")[0]]
            assert grad(data, r["framework"], single, r["dtype"], AT_ZERO, r["mode"]) == 0.5
    for framework in ("PyTorch", "TensorFlow"):
        assert {r["gradient"] for r in records(data, framework=framework, op="leaky_relu(x, 0.01)", point=AT_ZERO)} <= {
            float(np.float64(0.01)),
            float(np.float32(0.01)),
            float(np.float16(0.01)),
            0.010009765625,  # bfloat16's nearest to 0.01
        }
    assert grad(data, "TensorFlow", "leaky_relu(x, 0.01)", "float64") == float(np.float32(0.01))
    assert grad(data, "PyTorch", "leaky_relu(x, 0.01)", "float64") == 0.01
    assert {r["output_dtype"] for r in records(data, op="keras ReLU layer")} == {"float32"}


def test_negative_zero_and_compiled_mode(data: dict[str, Any]) -> None:
    def values(point: str, mode: str) -> dict[tuple[str, str, str], Any]:
        return {
            (r["framework"], r["op"], r["dtype"]): r["gradient"]
            for r in data["results"]
            if r["point"] == point and r["mode"] == mode
        }

    assert values("-0.0", "eager") == values(AT_ZERO, "eager")
    assert values("-0.0", "compiled") == values(AT_ZERO, "compiled")
    eager = {k: v for k, v in values(AT_ZERO, "eager").items() if k[0] != "autograd"}
    assert values(AT_ZERO, "compiled") == eager
    # "One operation differs between modes": lax.clamp, at the subnormal
    differ = {
        (r["framework"], r["op"])
        for r in records(data, mode="compiled")
        if r["gradient"] != grad(data, r["framework"], r["op"], r["dtype"], r["point"], "eager")
    }
    assert differ == {("JAX", "lax.clamp(0, x, inf)")}
    for dtype in ("bfloat16", "float32", "float64"):
        assert grad(data, "JAX", "lax.clamp(0, x, inf)", dtype, "smallest subnormal") == 0.0
        assert grad(data, "JAX", "lax.clamp(0, x, inf)", dtype, "smallest subnormal", "compiled") == 1.0


def test_subnormal_statements(data: dict[str, Any]) -> None:
    smooth = {"softplus", "gelu (erf)", "gelu (tanh)", "silu"}
    for framework in ("PyTorch", "autograd"):
        for r in records(data, framework=framework, point="smallest subnormal"):
            assert r["gradient"] == (1.0 if r["op"] not in smooth else 0.5), r
    for framework in ("JAX", "TensorFlow"):
        for mode in ("eager", "compiled"):
            assert grad(data, framework, "relu", "float16", "smallest subnormal", mode) == 1.0
            for dtype in ("bfloat16", "float32", "float64"):
                at_zero = grad(data, framework, "relu", dtype, AT_ZERO, mode)
                assert grad(data, framework, "relu", dtype, "smallest subnormal", mode) == at_zero
    # "every input is stored exactly, -0.0 included"
    tiny = {"bfloat16": 2.0**-133, "float16": 2.0**-24, "float32": 2.0**-149, "float64": 2.0**-1074}
    for r in data["results"]:
        intended = {"+0.0": "0.0", "-0.0": "-0.0"}.get(r["point"], repr(tiny[r["dtype"]]))
        assert repr(r["input"]) == intended, r
    # "JAX and TensorFlow return the correct value in float16"
    for r in records(data, point="smallest subnormal", dtype="float16"):
        assert r["gradient"] == (0.5 if r["op"] in smooth else 1.0), r
    # "in bfloat16, float32 and float64 they return what they return at 0"
    for r in records(data, point="smallest subnormal"):
        if r["framework"] in {"JAX", "TensorFlow"} and r["dtype"] != "float16" and r["op"] != "lax.clamp(0, x, inf)":
            assert r["gradient"] == grad(data, r["framework"], r["op"], r["dtype"], AT_ZERO, r["mode"]), r


def test_tables_render_every_measurement(data: dict[str, Any]) -> None:
    table = GradientTable(data, AT_ZERO).to_html()
    pairs = {(f, op) for op, written in data["expressions"].items() for f in written}
    assert table.count("<tr>") == 1 + len(pairs)
    assert "TensorFlow 2.21.0" in table
    assert "<td>\u2013</td>" in table  # autograd has no bfloat16
    with pytest.raises(ValueError, match="point must be one of"):
        GradientTable(data, "1.0")
    with pytest.raises(ValueError, match="mode must be one of"):
        GradientTable(data, AT_ZERO, mode="jit")
    summary = GradientSummary(data, AT_ZERO)
    html = summary.to_html()
    assert html.count("<tr>") == 1 + len(data["ops"]) + 1  # header, one row per operation, the notes
    # the only exceptions at 0: bfloat16's nearest number to 0.01, shown as 0.01001
    assert summary.notes == [
        "[1] PyTorch, leaky_relu(x, 0.01): 0.01001 in bfloat16 eager, bfloat16 compiled.",
        "[2] TensorFlow, leaky_relu(x, 0.01): 0.01001 in bfloat16 eager, bfloat16 compiled.",
    ]
    assert summary.cell("JAX", "lax.clamp(0, x, inf)") == "0"
    assert summary.cell("PyTorch", "lax.clamp(0, x, inf)") == "\u2013"


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.pop("date"), "missing keys"),
        (lambda d: d["results"][0].update(framework="MXNet"), "framework='MXNet'"),
        (lambda d: d["results"][0].update(gradient="0.5"), "expected a finite float"),
        (lambda d: d["results"].append(dict(d["results"][0])), "repeats the measurement"),
        (lambda d: d.update(frameworks=["PyTorch"]), "frameworks must be a JSON object, got list"),
        (lambda d: d.update(ops="relu"), "ops must be a JSON array, got str"),
        (lambda d: d.update(points=[0.0]), "points must be a list of strings"),
        (lambda d: d["results"].__setitem__(0, "relu"), r"results\[0\] must be a JSON object, got str"),
        (lambda d: d["results"][0].update(framework=["PyTorch"]), r"results\[0\] has framework=\['PyTorch'\]"),
        (lambda d: d.update(results={}), "results must be a JSON array, got dict"),
        (lambda d: d.update(date=20260101), "date must be a string, got int"),
        (lambda d: d["results"][0].update(mode="jit"), "mode='jit'"),
        (lambda d: d["results"][0].update(input=None), "expected a finite float"),
        (lambda d: d["results"][0].update(output_dtype=32), "expected a string or null"),
        (lambda d: d["expressions"].update(softsign={"PyTorch": "F.softsign(x)"}), "must be an operation of ops"),
        (lambda d: d["expressions"]["relu"].update(MXNet="mx.relu(x)"), "must map known frameworks"),
    ],
)
def test_corrupt_data_is_rejected(tmp_path: Path, data: dict[str, Any], change: Any, match: str) -> None:
    corrupt = json.loads(json.dumps(data))
    change(corrupt)
    with pytest.raises(ValueError, match=match):
        load_framework_gradients(_write(tmp_path, corrupt))


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (b'{"date": NaN}', "NaN is not valid JSON"),
        (b'{"date": Infinity}', "Infinity is not valid JSON"),
        (b"{", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object at the top level, got list"),
        ('{"date": "\u00e9"}'.encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_unreadable_files_are_rejected_naming_the_file(tmp_path: Path, text: bytes, match: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(text)
    with pytest.raises(ValueError, match=match) as info:
        load_framework_gradients(path)
    assert str(info.value).startswith(f"{path}: ")


def test_nonfinite_gradient_is_rejected(tmp_path: Path, data: dict[str, Any]) -> None:
    corrupt = json.loads(json.dumps(data))
    corrupt["results"][0]["gradient"] = float("nan")
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(corrupt), encoding="utf-8")  # json.dumps writes NaN
    with pytest.raises(ValueError, match="NaN is not valid JSON"):
        load_framework_gradients(path)


# The release matrix: docs/data/releases, one file per release (nox -s frameworks).

RELEASES = DATA.parent / "releases"
NOXFILE = DATA.parents[2] / "noxfile.py"


@pytest.fixture(scope="module")
def releases() -> dict[str, list[dict[str, Any]]]:
    return load_releases(RELEASES)


def test_every_release_of_the_matrix_has_its_file_and_no_other(releases: dict[str, list[dict[str, Any]]]) -> None:
    # RELEASES in noxfile.py: "torch==2.1.2": ("PyTorch", [...], True), the last field: compiled mode measured.
    entries = re.findall(
        r'^    "([\w-]+)==([\w.]+)": \("(\w+)", \[.*?\], (True|False)\)',
        NOXFILE.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert len(entries) >= 30
    assert {p.stem for p in RELEASES.glob("*.json")} == {f"{dist}-{version}" for dist, version, _, _ in entries}
    for dist, version, framework, compiled in entries:
        (release,) = [r for r in releases[framework] if r["frameworks"][framework] == version]
        assert release["modes"] == (["eager", "compiled"] if compiled == "True" else ["eager"]), (dist, version)


def test_the_newest_release_of_each_framework_is_the_main_table(
    data: dict[str, Any], releases: dict[str, list[dict[str, Any]]]
) -> None:
    assert set(releases) == set(data["frameworks"])
    for framework, measured in releases.items():
        newest = measured[-1]
        assert newest["frameworks"][framework] == data["frameworks"][framework].split("+")[0]
        assert newest["modes"] == data["modes"] or framework == "autograd"
        assert newest["results"] == [r for r in data["results"] if r["framework"] == framework]


def _at_zero(release: dict[str, Any], framework: str, op: str) -> dict[str, Any]:
    """dtype -> the derivative at +0.0, eagerly, as measured (a float, None or "error: <name>")."""
    return {
        r["dtype"]: r["gradient"] for r in records(release, framework=framework, op=op, point=AT_ZERO, mode="eager")
    }


def test_the_since_column_and_its_notes_follow_from_the_data(releases: dict[str, list[dict[str, Any]]]) -> None:
    history = ReleaseHistory(releases)
    for framework, measured in releases.items():
        versions = [release["frameworks"][framework] for release in measured]
        for op in (op for op, written in measured[-1]["expressions"].items() if framework in written):
            shown = [
                {d: f"{g:.4g}" for d, g in _at_zero(release, framework, op).items() if isinstance(g, float)}
                for release in measured
            ]
            # A release changes a value where it computes a dtype that an earlier release computed otherwise.
            changed: list[str] = []
            last: dict[str, str] = {}
            for version, values in zip(versions, shown, strict=True):
                if any(d in last and last[d] != v for d, v in values.items()):
                    changed.append(version)
                last.update(values)
            usual = max(shown[-1].values(), key=list(shown[-1].values()).count)
            assert history.changed_in[framework, op] == changed
            cell = history.cell(framework, op)
            assert cell.split(" [")[0] == (f"{usual} since {changed[-1]}" if changed else usual)
            # Each change is in the note of its release, and the cell names those notes.
            numbers = re.findall(r"\[(\d+)\]", cell)
            notes = [history.notes[int(n) - 1] for n in numbers]
            assert [n.split(": ", 1)[0].split("] ", 1)[1] for n in notes] == [f"{framework} {v}" for v in changed]
            assert all(f"{op} gives " in note for note in notes)


def test_every_error_a_release_raised_is_listed(releases: dict[str, list[dict[str, Any]]]) -> None:
    # "PyTorch 1.13.1, 2.0.1: RuntimeError in float16 from relu, clip(x, min=0), ...": one per error and release set.
    lines = [re.fullmatch(r"(\S+) (.+?): (\S+) in (.+?) from (.+)\.", line) for line in ReleaseHistory(releases).errors]
    assert lines
    assert all(lines)
    listed = [(m[1], m[2].split(", "), m[3], m[4].split(", "), m[5]) for m in lines if m]
    for framework, measured in releases.items():
        for release in measured:
            version = release["frameworks"][framework]
            for r in records(release, framework=framework, point=AT_ZERO, mode="eager"):
                if isinstance(r["gradient"], str):
                    error = r["gradient"].removeprefix("error: ")
                    assert any(
                        (f, e) == (framework, error) and version in vs and r["dtype"] in ds
                        and (r["op"] in ops or ops == "every operation")
                        for f, vs, e, ds, ops in listed
                    ), (framework, version, r)  # fmt: skip


def test_release_files_that_break_the_matrix_are_rejected(tmp_path: Path, data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="holds no release file"):
        load_releases(tmp_path)
    (tmp_path / "both.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="both.json: a release file holds one framework"):
        load_releases(tmp_path)
    expressions = {op: {f: e for f, e in written.items() if f == "JAX"} for op, written in data["expressions"].items()}
    one = {
        **data,
        "frameworks": {"JAX": "0.10.2"},
        "expressions": expressions,
        "results": records(data, framework="JAX"),
    }
    (tmp_path / "both.json").unlink()
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(json.dumps(one), encoding="utf-8")
    with pytest.raises(ValueError, match="b.json: JAX 0.10.2 is measured in another file too"):
        load_releases(tmp_path)


def test_the_folded_tables_show_every_release_as_measured(releases: dict[str, list[dict[str, Any]]]) -> None:
    history = ReleaseHistory(releases)
    for framework, measured in releases.items():
        table = history.table(framework)
        assert table.columns[1:] == [release["frameworks"][framework] for release in measured]
        assert [row[0].strip("`") for row in table.rows] == [
            op for op in measured[-1]["ops"] if _at_zero(measured[-1], framework, op)
        ]
        for row in table.rows:
            op = row[0].strip("`")
            for release, cell in zip(measured, row[1:], strict=True):
                values = {
                    d: f"{g:.4g}" if isinstance(g, float) else str(g).removeprefix("error: ")
                    for d, g in _at_zero(release, framework, op).items()
                }
                usual, *others = cell.split("; ")
                shown = dict.fromkeys(values, usual)
                for other in others:
                    value, dtypes = other.split(" in ")
                    shown.update(dict.fromkeys(dtypes.split(", "), value))
                assert shown == values, (framework, op, release["frameworks"][framework], cell)
    with pytest.raises(ValueError, match="framework must be one of"):
        history.table("MXNet")


def _release(version: str, values: dict[str, dict[str, Any]], modes: tuple[str, ...] = ("eager",)) -> dict[str, Any]:
    """A release of a framework F: op -> dtype -> gradient at +0.0, in each of `modes`."""
    results = [
        {"framework": "F", "op": op, "mode": mode, "dtype": dtype, "point": AT_ZERO, "input": 0.0,
         "output_dtype": dtype, "gradient": gradient}
        for mode in modes for op, by_dtype in values.items() for dtype, gradient in by_dtype.items()
    ]  # fmt: skip
    return {"frameworks": {"F": version}, "points": [AT_ZERO], "dtypes": ["float16", "float32"],
            "modes": list(modes), "ops": list(values), "results": results}  # fmt: skip


def test_a_value_that_changes_and_changes_back_has_two_notes_and_the_last_release() -> None:
    both = {"relu": {"float16": 0.0, "float32": 0.0}}
    history = ReleaseHistory(
        {
            "F": [
                _release("1.0", both),
                _release("1.1", {"relu": {"float16": 1.0, "float32": 1.0}}),
                _release("1.2", both),
            ]
        }
    )
    assert history.cell("F", "relu") == "0 since 1.2 [1] [2]"
    assert history.notes == ["[1] F 1.1: relu gives 1 (1.0: 0) (source not found).",
                             "[2] F 1.2: relu gives 0 (1.1: 1) (source not found)."]  # fmt: skip


def test_a_change_in_one_dtype_names_that_dtype_and_the_release_that_last_computed_it() -> None:
    releases = [
        _release("1.0", {"relu": {"float16": 0.0, "float32": 0.0}}),
        _release("1.1", {"relu": {"float16": "error: RuntimeError", "float32": 0.0}}),
        _release("1.2", {"relu": {"float16": 1.0, "float32": 0.0}}),
    ]
    history = ReleaseHistory({"F": releases}, sources={"F 1.2": "its notes"})
    assert history.notes == ["[1] F 1.2: relu gives 1 in float16 (1.0: 0) (its notes)."]
    assert history.errors == ["F 1.1: RuntimeError in float16 from every operation."]
    assert history.table("F").rows == [["`relu`", "0", "0; RuntimeError in float16", "1; 0 in float32"]]


def test_a_change_past_the_fourth_digit_is_a_change_shown_with_its_digits() -> None:
    history = ReleaseHistory(
        {"F": [_release("1.0", {"leaky": {"float32": 0.01}}), _release("1.1", {"leaky": {"float32": 0.009999999776}})]}
    )
    assert history.notes == ["[1] F 1.1: leaky gives 0.009999999776 (1.0: 0.01) (source not found)."]


def test_an_operation_older_releases_did_not_measure_and_the_mode_filter() -> None:
    old = _release("1.0", {"relu": {"float32": 0.0}})
    new = _release("1.1", {"relu": {"float32": 0.0}, "abs": {"float32": 0.0}}, modes=("eager", "compiled"))
    history = ReleaseHistory({"F": [old, new]})
    assert history.cell("F", "abs") == "0"
    assert history.table("F").rows == [["`relu`", "0", "0"], ["`abs`", "\u2013", "0"]]
    compiled = ReleaseHistory({"F": [old, new]}, mode="compiled")
    assert compiled.table("F").columns == ["operation", "1.1"]
    assert "newest release (F 1.1)" in compiled.to_html()
    with pytest.raises(ValueError, match="no release measured"):
        ReleaseHistory({"F": [old, new], "G": [{**old, "frameworks": {"G": "1"}}]}, mode="compiled").table("G")
