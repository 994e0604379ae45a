"""Execute the pages that need it in parallel, before Sphinx reads them.

With ``nb_execution_mode = "cache"``, myst-nb executes a page while Sphinx
reads it, one page after the other, unless the page's code cells are already
in the execution cache. This extension runs first: when two or more pages to
be read are missing from the cache, it executes them in parallel, one process
per CPU, and stores them in the cache as myst-nb does. myst-nb then finds their
outputs there, exactly as after an earlier build, so the pages are the same
either way. Each page is read with myst-nb's own reader and configuration
(Markdown settings, kernel aliases, exclude patterns, cache folder), so that it
is the notebook myst-nb looks up.

A cell that raises or times out stops the build, with the page named and the
traceback, as myst-nb reports it (with ``nb_execution_raise_on_error = False``,
myst-nb executes the page again and reports as configured). Left to myst-nb,
as before: a single page to execute, pages excluded from execution, pages whose
front matter sets ``mystnb`` options, and builds with ``nb_execution_in_temp``.
On Linux the workers end with the Sphinx process, however it ends, and their
kernels with them. ``-D parallel_execution=0`` turns the extension off.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import NbReader, create_nb_reader
from nbformat import NotebookNode
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)
_PR_SET_PDEATHSIG = 1  # prctl(2)


class NotebookExecutionError(SphinxError):
    category = "Notebook execution failed"


def _execute(job: tuple[NotebookNode, str, int | None, bool]) -> tuple[NotebookNode, float, str | None]:
    """Execute one notebook (in a worker process), as myst-nb's cache client does."""
    notebook, cwd, timeout, allow_errors = job
    result = single_nb_execution(notebook, cwd=cwd, timeout=timeout, allow_errors=allow_errors, meta_override=True)
    return result.nb, result.time, (f"{type(result.err).__name__}\n{result.exc_string}" if result.err else None)


def _end_with_sphinx() -> None:
    """Have the kernel end a worker when the Sphinx process ends, however it ends (Linux)."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _to_execute(env: BuildEnvironment, docname: str) -> tuple[NotebookNode, NbReader] | None:
    """The notebook myst-nb would execute for `docname` and its reader, or None."""
    config = env.mystnb_config
    path = Path(env.doc2path(docname))
    if any(PurePosixPath(path.as_posix()).match(p) for p in config.execution_excludepatterns):
        return None
    content = path.read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, config, content)
    if reader is None:
        return None
    notebook = reader.read(content)
    if config.metadata_key in notebook.metadata:
        return None
    kernel = notebook.metadata.get("kernelspec", {})
    for pattern, alias in config.kernel_rgx_aliases.items():
        if kernel.get("name") is not None and re.fullmatch(pattern, kernel["name"]):
            kernel["name"] = alias
            break
    return notebook, reader


def _execute_missing(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    config = env.mystnb_config
    if not app.config.parallel_execution or config.execution_mode != "cache" or config.execution_in_temp:
        return
    # Reading a page as a notebook costs a Markdown parse: not worth it for an
    # edit to one page, which myst-nb executes alone anyway.
    if sum(Path(env.doc2path(d)).suffix in {".md", ".ipynb"} for d in docnames) < 2:
        return
    cache = get_cache(config.execution_cache_path)
    jobs: dict[str, tuple[NotebookNode, NbReader]] = {}
    for docname in docnames:
        found = _to_execute(env, docname)
        if found is None:
            continue
        try:
            cache.match_cache_notebook(found[0])
        except KeyError:
            jobs[docname] = found
    if len(jobs) < 2:
        return  # nothing to gain: myst-nb executes a single page as fast
    for docname in jobs:
        logger.info("Executing notebook in parallel", location=docname)
    work = [
        (notebook, str(Path(env.doc2path(docname)).parent), config.execution_timeout, config.execution_allow_errors)
        for docname, (notebook, _) in jobs.items()
    ]
    processes = min(len(work), os.cpu_count() or 1)
    # A worker's kernel ends by itself when the worker ends.
    with multiprocessing.get_context("fork").Pool(processes, initializer=_end_with_sphinx) as pool:
        results = pool.map(_execute, work)
    for (docname, (_, reader)), (executed, seconds, error) in zip(jobs.items(), results, strict=True):
        path = str(env.doc2path(docname))
        if error is None:
            record = cache.add_nb_to_project(path, read_data=reader.read_fmt)
            bundle = CacheBundleIn(executed, record.uri, data={"execution_seconds": seconds})
            cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
        elif config.execution_raise_on_error:
            logger.warning("Executing notebook failed: %s", error, location=docname, type="mystnb", subtype="exec")
            raise NotebookExecutionError(path)
        # Otherwise myst-nb executes the page again and reports the error as configured.


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    app.add_config_value("parallel_execution", True, "", types=frozenset({bool}))
    # Before myst-nb reads the first page.
    app.connect("env-before-read-docs", _execute_missing)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
