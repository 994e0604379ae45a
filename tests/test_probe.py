"""The framework probe's comparison with the committed file (scripts/probe_frameworks.py)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from probe_frameworks import Reading, check

from relu_explained.frameworks import MEASUREMENT_KEY, Measurement


def _data(gradient: float, python: str = "3.11.7", platform: str = "Linux x86_64") -> dict[str, Any]:
    return {
        "frameworks": {"F": "1"},
        "python": python,
        "platform": platform,
        "numpy": "2.4.6",
        "points": ["+0.0"],
        "dtypes": ["float32"],
        "modes": ["eager"],
        "ops": ["relu"],
        "expressions": {"relu": {"F": "F.relu(x)"}},
        "results": [
            {
                "framework": "F",
                "op": "relu",
                "dtype": "float32",
                "point": "+0.0",
                "mode": "eager",
                "input": 0.0,
                "output_dtype": "float32",
                "gradient": gradient,
            }
        ],
    }


def test_a_changed_value_is_reported_with_the_committed_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committed = tmp_path / "committed.json"
    committed.write_text(json.dumps(_data(0.0)), encoding="utf-8")
    assert check(str(committed), _data(1.0)) == 1
    out = capsys.readouterr().out
    assert "('F', 'relu', 'eager', 'float32', '+0.0'): gradient committed 0.0, now 1.0" in out
    assert "input" not in out  # only what changed is reported


def test_a_measurement_missing_from_either_side_is_a_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committed = tmp_path / "committed.json"
    committed.write_text(json.dumps(_data(0.0)), encoding="utf-8")
    fresh = _data(0.0)
    fresh["results"][0]["mode"] = "compiled"
    assert check(str(committed), fresh) == 2
    out = capsys.readouterr().out
    assert "measured now, not in the committed file" in out
    assert "committed but no longer measured" in out


def test_unpinnable_differences_are_notes_not_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    committed = tmp_path / "committed.json"
    committed.write_text(json.dumps(_data(0.0)), encoding="utf-8")
    assert check(str(committed), _data(0.0, python="3.11.9", platform="Linux aarch64")) == 0
    out = capsys.readouterr().out
    assert "note: platform 'Linux aarch64' here" in out
    assert check(str(committed), _data(0.0, python="3.12.1")) == 1


def test_the_probe_writes_the_record_type_the_loader_reads() -> None:
    """One definition of a record: the probe's reading plus the framework's name is a Measurement, keyed by MEASUREMENT_KEY."""
    assert set(Measurement.__annotations__) == {"framework", *(f.name for f in dataclasses.fields(Reading))}
    assert set(MEASUREMENT_KEY) <= set(Measurement.__annotations__)
