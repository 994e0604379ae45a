"""Show a :class:`~relu_explained.plotting.ThemedFigure` on a page built with myst-nb.

A myst-nb MIME renderer plugin, registered under the entry point group
``myst_nb.mime_renderers`` in the package metadata: for HTML builders it
writes the light and the dark SVG to myst-nb's output folder, from where Sphinx
copies them to ``_images/``, and shows them as two images with furo's
``only-light`` and ``only-dark`` classes, the alt text and ``loading="lazy"``,
so that a reader's browser fetches only the variant of the scheme in use, when
it scrolls near it. Other builders take what myst-nb prefers for them among the
figure's other representations (PNG for LaTeX, for example).

The entry point names this module by its path: every version that the
multi-version build builds with the current environment must have it there, so
it must not move.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from ._export import MIME_TYPE

_HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


class FigureRenderer:
    """The myst-nb renderer of :data:`MIME_TYPE` outputs."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [
        (builder, MIME_TYPE, 1) for builder in _HTML_BUILDERS
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[Any] | None:
        """Return two image nodes for a figure's output, or None for any other output."""
        if data.mime_type != MIME_TYPE:
            return None
        from docutils import nodes  # noqa: PLC0415 - only when myst-nb renders, which brings docutils

        figure = data.content
        images = []
        for scheme in ("light", "dark"):
            content = figure[scheme].encode("utf-8")
            name = f"figure-{hashlib.sha256(content).hexdigest()[:20]}.svg"
            uri = renderer.write_file([name], content, overwrite=False, exists_ok=True)
            images.append(
                nodes.image(
                    uri=uri,
                    alt=figure["alt"],
                    width=str(figure["width"]),
                    height=str(figure["height"]),
                    loading="lazy",
                    classes=["relu-figure", f"only-{scheme}"],
                )
            )
        if inline:
            return images
        return [nodes.container("", *images, classes=["relu-figure-pair"])]
