"""The publishing configuration: CI workflow, Read the Docs and Dependabot files against their schemas."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
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
    configuration = _configuration(environment)
    assert (configuration["html_baseurl"], configuration["ogp_site_url"]) == (expected, expected)


#: The settings of conf.py that depend on where the site is published.
PUBLISHED_SETTINGS = ("html_baseurl", "ogp_site_url", "html_theme_options")


def _configuration(environment: dict[str, str]) -> dict[str, Any]:
    """The settings conf.py makes, read in a fresh process with `environment` for the publishing variables."""
    code = f"import json, runpy; c = runpy.run_path('conf.py'); print(json.dumps({{k: c[k] for k in {PUBLISHED_SETTINGS}}}))"
    names = ("SITE_URL", "READTHEDOCS_CANONICAL_URL", "SOURCE_REPOSITORY", "SOURCE_BRANCH")
    env = {k: v for k, v in os.environ.items() if k not in names}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "docs",
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(done.stdout))


def test_source_links_follow_the_published_repository() -> None:
    """With the repository the workflow names, furo shows "View" and "Edit this page"; without, neither."""
    local = _configuration({})["html_theme_options"]
    assert local["top_of_page_buttons"] == []
    assert not {"source_view_link", "source_edit_link", "source_repository"} & set(local)
    published = _configuration(
        {"SOURCE_REPOSITORY": "https://github.com/example/relu-explained/", "SOURCE_BRANCH": "trunk"}
    )["html_theme_options"]
    assert published["top_of_page_buttons"] == ["view", "edit"]
    assert published["source_view_link"] == "https://github.com/example/relu-explained/blob/trunk/docs/{filename}"
    assert published["source_edit_link"] == "https://github.com/example/relu-explained/edit/trunk/docs/{filename}"
    build = _workflow()["jobs"]["build"]
    (step,) = [s for s in build["steps"] if "nox -s versions" in str(s.get("run"))]
    assert step["env"]["SOURCE_REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"
    assert step["env"]["SOURCE_BRANCH"] == "${{ github.event.repository.default_branch }}"


def test_pages_without_a_source_file_have_no_source_buttons(tmp_path: Path) -> None:
    """API entries (generated from docstrings) and pages made by an extension (404) show no view or edit button."""
    hook = runpy.run_path(str(ROOT / "docs" / "conf.py"))["_no_source_buttons_for_generated_pages"]
    (tmp_path / "api" / "generated").mkdir(parents=True)
    (tmp_path / "api" / "generated" / "relu_explained.relu.rst").write_text("x", encoding="utf-8")
    (tmp_path / "index.md").write_text("x", encoding="utf-8")
    app = SimpleNamespace(srcdir=tmp_path)
    for page, suffix, shown in (
        ("index", ".md", True),
        ("api/generated/relu_explained.relu", ".rst", False),
        ("404", "", False),
    ):
        context: dict[str, Any] = {"page_source_suffix": suffix, "theme_top_of_page_buttons": ["view", "edit"]}
        hook(app, page, "page.html", context, None)
        assert bool(context["theme_top_of_page_buttons"]) == shown, page
