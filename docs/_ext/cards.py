"""A preview card per page, for links shared in chat and social media (Open Graph ``og:image``).

Each card is a 1200 by 630 PNG drawn with matplotlib in its bundled font
(DejaVu Sans, no font from elsewhere): the site's name, the page's title and
description (the one ``descriptions.py`` gives search engines) and its address,
beside the graph of ReLU with its corner marked. A card is named after its page
and a hash of what it shows and of the code that draws it, so it is drawn only
when one of them changes; two builds of the same sources write the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import re
import textwrap
from pathlib import Path
from typing import Any

import matplotlib as mpl
from descriptions import DESCRIPTION
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from sphinx.application import Sphinx

from relu_explained.plotting import PALETTE

_LIGHT = {role: light for role, (light, _dark) in PALETTE.items()}

SIZE = (1200, 630)  # pixels: the size social media show large cards at
FOLDER = "_images/cards"
_DEFAULTS: dict[Any, Any] = {key: value for key, value in mpl.rcParamsDefault.items() if key != "backend"}
_ADDRESS = 80  # characters of the address that fit the card's width at 16 pt


def draw_card(site: str, title: str, description: str, address: str) -> Figure:
    """The card of one page, as a matplotlib figure of `SIZE` pixels at 100 dpi."""
    fig = Figure(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100, facecolor=_LIGHT["background"])
    FigureCanvasAgg(fig)
    with mpl.rc_context({"font.family": "DejaVu Sans"}):
        fig.text(0.06, 0.87, site, fontsize=24, color=_LIGHT["muted"], va="top")
        lines = textwrap.wrap(title, 28)[:3]
        fig.text(
            0.06,
            0.75,
            "\n".join(lines),
            fontsize=36,
            weight="bold",
            color=_LIGHT["foreground"],
            va="top",
            linespacing=1.15,
        )
        below = 0.75 - 0.09 * len(lines) - 0.06
        words = textwrap.wrap(description, 52)
        text = "\n".join(words[:4]) + (" \u2026" if len(words) > 4 else "")
        fig.text(0.06, below, text, fontsize=20, color=_LIGHT["foreground"], va="top", linespacing=1.3)
        # A long address loses its middle, so that it stays on the card.
        shown = (
            address if len(address) <= _ADDRESS else f"{address[: _ADDRESS // 2 - 1]}\u2026{address[-_ADDRESS // 2 :]}"
        )
        fig.text(0.06, 0.06, shown, fontsize=16, color=_LIGHT["muted"])
        ax = fig.add_axes((0.8, 0.32, 0.15, 0.36))
        ax.axhline(0, color=_LIGHT["grid"], lw=2)
        ax.plot([-1, 0, 1], [0, 0, 1], color=_LIGHT["c0"], lw=7, solid_capstyle="round")
        ax.plot([0], [0], "o", color=_LIGHT["c1"], ms=18)
        ax.set(xlim=(-1.1, 1.1), ylim=(-0.1, 1.1))
        ax.set_axis_off()
    return fig


def _card(app: Sphinx, pagename: str, _template: str, context: dict[str, Any], _doctree: Any) -> None:
    """Draw the page's card unless it exists, and name it in the page's head for social previews."""
    metatags = context.get("metatags", "")
    found = DESCRIPTION.search(metatags)
    # The search page, say, has no title of its own; a page may name an image of its own in its front matter.
    if found is None or pagename not in app.env.titles or 'property="og:image"' in metatags:
        return
    title = app.env.titles[pagename].astext()
    description = html.unescape(next(g for g in found.groups() if g is not None))
    base = app.config.ogp_site_url
    address = (base + app.builder.get_target_uri(pagename)).split("://", 1)[-1]
    # What the card shows and everything that draws it: a change to any of them draws it again.
    drawn = (app.config.project, title, description, address, inspect.getsource(draw_card), repr(_LIGHT), repr(SIZE))
    stem = pagename.replace("/", "-")
    name = f"{stem}-{hashlib.sha256(chr(0).join((*drawn, mpl.__version__)).encode()).hexdigest()[:12]}.png"
    path = Path(app.outdir, FOLDER, name)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{stem}-*.png"):  # the page's earlier cards, not another page's
            if re.fullmatch(rf"{re.escape(stem)}-[0-9a-f]{{12}}\.png", old.name):
                old.unlink()
        with mpl.rc_context(_DEFAULTS):  # the same bytes whatever a matplotlibrc says
            figure = draw_card(app.config.project, title, description, address)
            figure.savefig(path, dpi=100, facecolor=_LIGHT["background"], metadata={"Software": None})
    alt = html.escape(f"{title}: {description}")
    context["metatags"] += (
        f'\n<meta property="og:image" content="{html.escape(base + FOLDER)}/{name}" />'
        f'\n<meta property="og:image:width" content="{SIZE[0]}" />'
        f'\n<meta property="og:image:height" content="{SIZE[1]}" />'
        f'\n<meta property="og:image:alt" content="{alt}" />'
        '\n<meta name="twitter:card" content="summary_large_image" />'
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _card, priority=950)  # after descriptions.py
    return {"parallel_read_safe": True, "parallel_write_safe": True}
