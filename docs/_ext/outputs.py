"""Code-cell outputs that do not depend on how the kernel happened to send them.

A kernel sends what a cell prints as a series of stream messages, cut wherever
its output buffer was flushed; on a busy machine the cuts fall elsewhere,
sometimes inside a line. myst-nb's ``nb_merge_streams`` strips each piece and
ends it with a newline, so the merged text depends on where the cuts fell.
Here each cell's pieces of one stream are first joined exactly, without
changing a character, for the page and for the downloadable notebook.

The downloadable notebooks also get the outputs shown on the page (an
interactive figure as its static figure) and cell ids derived from their cells: myst-nb writes a page's notebook with outputs
only when it executed the page in that build, not when it took them from the
execution cache, and with random cell ids.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path
from typing import Any

import myst_nb.core.render
import nbformat
from jupyter_cache import get_cache
from myst_nb.sphinx_ import NbMetadataCollector
from nbformat import NotebookNode
from sphinx.application import Sphinx

from relu_explained.plotting._interactive import INTERACTIVE_MIME_TYPE

_myst_nb_coalesce = myst_nb.core.render.coalesce_streams


def join_streams(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """Join the stream outputs of one cell, per stream name, keeping the text exactly."""
    joined: list[NotebookNode] = []
    streams: dict[str, NotebookNode] = {}
    for output in outputs:
        if output.get("output_type") != "stream":
            joined.append(output)
        elif output["name"] in streams:
            streams[output["name"]]["text"] += output["text"]
        else:
            first = nbformat.from_dict({**output, "text": output["text"]})
            streams[output["name"]] = first
            joined.append(first)
    return joined


def _coalesce(outputs: list[NotebookNode]) -> list[NotebookNode]:
    merged: list[NotebookNode] = _myst_nb_coalesce(join_streams(outputs))
    return merged


def _notebook_download(app: Sphinx, _doctree: Any) -> None:
    """Give the notebook myst-nb wrote for the page just read its outputs, joined, and stable cell ids."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None:
        return
    path = Path(config.output_folder, *f"{app.env.docname}.ipynb".split("/"))
    if not path.is_file():
        return  # not a notebook
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    executed = NbMetadataCollector.get_exec_data(app.env, app.env.docname) or {}
    if executed.get("method") == "cache" and executed.get("succeeded"):  # not for pages left unexecuted
        with suppress(KeyError):
            _, notebook = get_cache(config.execution_cache_path).merge_match_into_notebook(notebook)
    for i, cell in enumerate(notebook.cells):
        if cell.get("outputs"):
            cell["outputs"] = join_streams(cell["outputs"])
            for output in cell["outputs"]:
                # An interactive figure's frames are for the site; the notebook keeps its static figure.
                output.get("data", {}).pop(INTERACTIVE_MIME_TYPE, None)
        if (notebook.nbformat, notebook.nbformat_minor) >= (4, 5):  # cell ids exist from format 4.5
            cell["id"] = hashlib.sha256(f"{i}:{''.join(cell.get('source', ''))}".encode()).hexdigest()[:8]
    fixed = nbformat.writes(notebook)
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    # myst-nb offers no setting for how streams are merged; its renderer calls
    # this one function, which is wrapped, not replaced.
    myst_nb.core.render.coalesce_streams = _coalesce
    app.connect("doctree-read", _notebook_download)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
