"""The publishing configuration: CI workflow, Read the Docs and Dependabot files against their schemas."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML  # installed with check-jsonschema
from sitetools import ROOT

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
        "pip install nox uv",
    ):
        assert needle in text, needle


def _workflow() -> dict[str, Any]:
    return YAML(typ="safe").load(FILES["vendor.github-workflows"].read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_every_job_has_a_timeout() -> None:
    jobs = _workflow()["jobs"]
    assert {name: job.get("timeout-minutes") for name, job in jobs.items() if not job.get("timeout-minutes")} == {}


def test_publishing_runs_go_one_at_a_time_and_are_never_cancelled() -> None:
    workflow = _workflow()
    group = workflow["concurrency"]["group"]
    # Runs that deploy (main and tags) share one fixed group, whatever their ref...
    assert "'docs-publish'" in group
    assert "github.event_name == 'pull_request'" in group
    # ...and only pull-request runs are cancelled by a newer one.
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert "concurrency" not in workflow["jobs"]["deploy"], "one group for the whole run, build and deploy"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "http://127.0.0.1:8000/"),
        (
            {"READTHEDOCS_CANONICAL_URL": "https://relu.readthedocs.io/en/stable/"},
            "https://relu.readthedocs.io/en/stable/",
        ),
        (
            {"SITE_URL": "https://example.org/relu/", "READTHEDOCS_CANONICAL_URL": "https://x.readthedocs.io/en/1/"},
            "https://example.org/relu/",
        ),
    ],
)
def test_canonical_addresses_follow_the_host(environment: dict[str, str], expected: str) -> None:
    """The sitemap and og:url use SITE_URL, else Read the Docs' canonical address, else the preview server's."""
    code = "import runpy; c = runpy.run_path('conf.py'); print(c['html_baseurl']); print(c['ogp_site_url'])"
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "READTHEDOCS_CANONICAL_URL")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "docs",
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.splitlines() == [expected, expected]
