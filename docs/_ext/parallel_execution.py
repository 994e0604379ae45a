"""Execute the pages that need it in parallel, before Sphinx reads them.

With ``nb_execution_mode = "cache"``, myst-nb executes a page while Sphinx
reads it, one page after the other, unless the page's code cells are already
in the execution cache. This extension runs first: when two or more pages to
be read are missing from the cache, it stages them in the cache's project, as
myst-nb does, and executes them with jupyter-cache's ``local-parallel``
executor (one process per CPU). myst-nb then finds their outputs in the cache,
exactly as after an earlier build, so the pages are the same either way.

Left to myst-nb, as before: a page that failed here (myst-nb executes it again
and reports the error with the page, the cell and the traceback), a single page
to execute, pages that match ``nb_execution_excludepatterns`` and pages whose
front matter sets any ``mystnb`` option. ``-D parallel_execution=0`` turns the
extension off.
"""

from __future__ import annotations

import logging as std_logging
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor
from myst_nb.core.read import is_myst_markdown_notebook
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)
# jupyter-cache's own log: its progress lines are left out, its warnings kept.
_EXECUTOR_LOG = std_logging.getLogger("relu_explained.docs.parallel_execution")
_EXECUTOR_LOG.setLevel(std_logging.WARNING)
# How myst-nb stages a MyST Markdown notebook in the cache's project.
_READER = {"type": "plugin", "name": "myst_nb_md"}


def _notebooks(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> dict[str, str]:
    """Path -> docname of the pages to read that myst-nb would execute with the cache."""
    found = {}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".md" or any(fnmatch(str(path), p) for p in app.config.nb_execution_excludepatterns):
            continue
        if is_myst_markdown_notebook(path.read_text(encoding="utf-8")):
            found[str(path)] = docname
    return found


def _execute_missing(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not app.config.parallel_execution or app.config.nb_execution_mode != "cache":
        return
    notebooks = _notebooks(app, env, docnames)
    if len(notebooks) < 2:
        return  # nothing to gain: myst-nb executes a single page as fast
    cache = get_cache(app.config.nb_execution_cache_path or ".jupyter_cache")
    missing: dict[str, str] = {}
    for path, docname in notebooks.items():
        record = cache.add_nb_to_project(path, read_data=_READER)
        notebook = cache.get_project_notebook(record.pk).nb
        if app.config.nb_execution_in_temp or app.config.nb_metadata_key in notebook.metadata:
            continue  # options this executor does not apply
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            missing[path] = docname
    if len(missing) < 2:
        return
    for docname in missing.values():
        logger.info("Executing notebook in parallel", location=docname)
    executor = load_executor("local-parallel", cache=cache, logger=_EXECUTOR_LOG)
    result = executor.run_and_cache(
        filter_uris=list(missing),
        timeout=app.config.nb_execution_timeout,
        allow_errors=app.config.nb_execution_allow_errors,
    )
    for path in result.excepted + result.errored:
        logger.info("Parallel execution failed; executing the page again", location=missing[path])


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.add_config_value("parallel_execution", True, "", types=frozenset({bool}))
    # Before myst-nb reads the first page.
    app.connect("env-before-read-docs", _execute_missing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
