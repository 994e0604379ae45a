"""The public functions' declared return types: mypy accepts every ``assert_type`` in typing_cases.py, and the values have those types."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typing_cases import cases

CASES = Path(__file__).with_name("typing_cases.py")


def test_mypy_accepts_the_declared_return_types(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", f"--cache-dir={tmp_path}", str(CASES)],
        cwd=CASES.parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("call", "value", "kind", "dtype"), cases(), ids=[c[0] for c in cases()])
def test_the_values_have_the_declared_types(call: str, value: object, kind: type, dtype: np.dtype | None) -> None:
    assert isinstance(value, kind), f"{call}: {type(value).__name__}"
    if dtype is not None:
        assert isinstance(value, np.ndarray)
        assert value.dtype == dtype, f"{call}: {value.dtype}"
