"""The committed framework measurements: structure, coverage, and what the site says of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from relu_explained.frameworks import GradientTable, load_framework_gradients

DATA = Path(__file__).resolve().parents[1] / "docs" / "data" / "framework_gradients.json"
AT_ZERO = "+0.0"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_framework_gradients(DATA)


def grad(data: dict[str, Any], framework: str, op: str, dtype: str = "float32", point: str = AT_ZERO) -> Any:
    (value,) = [
        r["gradient"]
        for r in data["results"]
        if (r["framework"], r["op"], r["dtype"], r["point"]) == (framework, op, dtype, point)
    ]
    return value


def test_every_combination_is_measured(data: dict[str, Any]) -> None:
    assert set(data["frameworks"]) == {"PyTorch", "JAX", "TensorFlow", "autograd"}
    measured = {(r["framework"], r["op"], r["dtype"], r["point"]) for r in data["results"]}
    for framework in ("PyTorch", "JAX", "TensorFlow"):
        for op in data["ops"]:
            for dtype in ("bfloat16", "float16", "float32", "float64"):
                for point in data["points"]:
                    assert (framework, op, dtype, point) in measured
    autograd_ops = {op for (f, op, _, _) in measured if f == "autograd"}
    assert autograd_ops == {"maximum(x, 0)", "clip(x, min=0)", "where(x > 0, x, 0)", "x * (x > 0)", "abs"}
    assert all(isinstance(r["gradient"], float) for r in data["results"]), "a probe failed"


def test_values_lie_in_the_subdifferential(data: dict[str, Any]) -> None:
    bounds = {"abs": (-1.0, 1.0), "leaky_relu(x, 0.01)": (0.0099, 1.0)}
    for r in data["results"]:
        if r["point"] != "smallest subnormal":
            lo, hi = bounds.get(r["op"], (0.0, 1.0))
            assert lo <= r["gradient"] <= hi, r


@pytest.mark.parametrize(
    ("framework", "op", "value"),
    [
        ("PyTorch", "relu", 0.0),
        ("JAX", "relu", 0.0),
        ("TensorFlow", "relu", 0.0),
        ("PyTorch", "maximum(x, 0)", 0.5),
        ("JAX", "maximum(x, 0)", 0.5),
        ("autograd", "maximum(x, 0)", 0.5),
        ("TensorFlow", "maximum(x, 0)", 1.0),
        ("PyTorch", "clip(x, min=0)", 1.0),
        ("TensorFlow", "clip(x, min=0)", 1.0),
        ("JAX", "clip(x, min=0)", 0.5),
        ("autograd", "clip(x, min=0)", 0.0),
        ("PyTorch", "abs", 0.0),
        ("TensorFlow", "abs", 0.0),
        ("autograd", "abs", 0.0),
        ("JAX", "abs", 1.0),
        ("JAX", "leaky_relu(x, 0.01)", 1.0),
    ],
)
def test_statements_on_the_frameworks_page(data: dict[str, Any], framework: str, op: str, value: float) -> None:
    """The page's prose describes these values; if a rerun changes them, the prose must change too."""
    dtypes = ["float16", "float32", "float64"] + ([] if framework == "autograd" else ["bfloat16"])
    for dtype in dtypes:
        assert grad(data, framework, op, dtype) == value, (framework, op, dtype)


def test_where_forms_and_negative_zero(data: dict[str, Any]) -> None:
    for r in data["results"]:
        if r["op"] in {"where(x > 0, x, 0)", "x * (x > 0)"} and r["point"] != "smallest subnormal":
            assert r["gradient"] == 0.0
    at = {(r["framework"], r["op"], r["dtype"]): r["gradient"] for r in data["results"] if r["point"] == "+0.0"}
    neg = {(r["framework"], r["op"], r["dtype"]): r["gradient"] for r in data["results"] if r["point"] == "-0.0"}
    assert at == neg


def test_subnormal_statements(data: dict[str, Any]) -> None:
    for framework in ("PyTorch", "autograd"):
        for r in data["results"]:
            if r["framework"] == framework and r["point"] == "smallest subnormal":
                assert r["gradient"] == 1.0, r
    for framework in ("JAX", "TensorFlow"):
        assert grad(data, framework, "relu", "float16", "smallest subnormal") == 1.0
        for dtype in ("bfloat16", "float32", "float64"):
            assert grad(data, framework, "relu", dtype, "smallest subnormal") == grad(data, framework, "relu", dtype)


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


def test_table_renders_every_measurement(data: dict[str, Any]) -> None:
    table = GradientTable(data, AT_ZERO).to_html()
    assert table.count("<tr>") == 1 + 3 * len(data["ops"]) + 5
    assert "TensorFlow 2.21.0" in table
    assert "<td>\u2013</td>" in table  # autograd has no bfloat16
    with pytest.raises(ValueError, match="point must be one of"):
        GradientTable(data, "1.0")
