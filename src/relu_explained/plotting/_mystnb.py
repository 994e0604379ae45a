"""Show a :class:`~relu_explained.plotting.ThemedFigure` or an :class:`~relu_explained.plotting.InteractiveFigure` with myst-nb.

A myst-nb MIME renderer plugin, registered under the entry point group
``myst_nb.mime_renderers`` in the package metadata: for HTML builders it
writes the light and the dark SVG to myst-nb's output folder, from where Sphinx
copies them to ``_images/``, and shows them as two images with furo's
``only-light`` and ``only-dark`` classes, the alt text and ``loading="lazy"``,
so that a reader's browser fetches only the variant of the scheme in use, when
it scrolls near it. An interactive figure becomes its static figure, every
frame as a hidden pair of images (fetched only when shown), and a labelled
range control that ``_static/interactive.js`` (in the site) wires up; without
scripts the control stays hidden and the static figure is what readers see. Other builders take what myst-nb prefers for them among the
figure's other representations (PNG for LaTeX, for example).

The entry point names this module by its path: every version that the
multi-version build builds with the current environment must have it there, so
it must not move.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any, ClassVar

from ._export import MIME_TYPE
from ._interactive import INTERACTIVE_MIME_TYPE

_HTML_BUILDERS = ("html", "dirhtml", "singlehtml")


class FigureRenderer:
    """The myst-nb renderer of :data:`MIME_TYPE` outputs."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [
        *((builder, INTERACTIVE_MIME_TYPE, 0) for builder in _HTML_BUILDERS),
        *((builder, MIME_TYPE, 1) for builder in _HTML_BUILDERS),
    ]

    @staticmethod
    def _images(renderer: Any, figure: dict[str, Any]) -> list[Any]:
        from docutils import nodes  # noqa: PLC0415 - only when myst-nb renders, which brings docutils

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
        return images

    @classmethod
    def handle_mime(cls, renderer: Any, data: Any, inline: bool) -> list[Any] | None:
        """Return the nodes of a figure's output, or None for any other output."""
        if data.mime_type not in (MIME_TYPE, INTERACTIVE_MIME_TYPE):
            return None
        from docutils import nodes  # noqa: PLC0415 - only when myst-nb renders, which brings docutils

        if data.mime_type == MIME_TYPE:
            images = cls._images(renderer, data.content)
            return images if inline else [nodes.container("", *images, classes=["relu-figure-pair"])]
        figure = data.content
        static = nodes.container(
            "", *cls._images(renderer, figure["static"]), classes=["relu-figure-pair", "relu-static"]
        )
        frames = [
            nodes.container("", *cls._images(renderer, frame), classes=["relu-figure-pair", "relu-frame"])
            for frame in figure["frames"]
        ]
        return [
            nodes.container(
                "", static, *frames, nodes.raw("", cls._control(figure), format="html"), classes=["relu-interactive"]
            )
        ]

    @staticmethod
    def _control(figure: dict[str, Any]) -> str:
        """The range control, hidden until the site's script shows it, with the frames' settings and readouts."""
        key = hashlib.sha256(json.dumps(figure["readouts"]).encode("utf-8")).hexdigest()[:12]
        start = figure["start"]
        data = json.dumps({"settings": figure["settings"], "readouts": figure["readouts"]}).replace("<", "\\u003c")
        return (
            f'<div class="relu-control" hidden>'
            f'<label for="control-{key}">{html.escape(figure["label"])}</label>'
            f'<input type="range" id="control-{key}" min="0" max="{len(figure["frames"]) - 1}" step="1" '
            f'value="{start}" aria-valuetext="{html.escape(figure["settings"][start], quote=True)}">'
            f'<output for="control-{key}" aria-live="polite">{html.escape(figure["readouts"][start])}</output>'
            f'<script type="application/json" class="relu-frames-data">{data}</script>'
            f"</div>"
        )
