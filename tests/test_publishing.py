"""The publishing configuration: CI workflow, Read the Docs and Dependabot files against their schemas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
FILES = {
    "vendor.github-workflows": ROOT / ".github" / "workflows" / "docs.yml",
    "vendor.readthedocs": ROOT / ".readthedocs.yaml",
    "vendor.dependabot": ROOT / ".github" / "dependabot.yml",
}


def _check(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("schema", FILES)
def test_configuration_matches_its_schema(schema: str) -> None:
    result = _check(schema, FILES[schema])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "change"),
    [
        ("vendor.readthedocs", ("version: 2", "version: 3")),
        ("vendor.github-workflows", ("runs-on:", "runs_on:")),
    ],
)
def test_schema_check_rejects_a_broken_file(tmp_path: Path, schema: str, change: tuple[str, str]) -> None:
    broken = tmp_path / FILES[schema].name
    broken.write_text(FILES[schema].read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    assert _check(schema, broken).returncode != 0


def test_workflow_publishes_all_versions_to_pages() -> None:
    text = FILES["vendor.github-workflows"].read_text(encoding="utf-8")
    for needle in (
        "workflow_dispatch:",
        "concurrency:",
        "fetch-depth: 0",
        "nox -s versions",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "nox -s tests",
    ):
        assert needle in text, needle
