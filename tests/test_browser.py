"""The built site in a real, headless Chromium, as readers get it.

The site is served on 127.0.0.1, gzip-compressed as documentation hosts serve
it (``scripts/serve_site.py``). Every request that
leaves that origin is recorded and blocked, so a test fails instead of
reaching the network. Screenshots of the article go to ``SCREENSHOTS``.

Chromium is the one named by ``RELU_CHROMIUM``, else ``chromium`` on PATH (as
Debian installs it), else Playwright's own build. Without any, the tests that
need it are skipped with a message saying what to install, or fail when the
``CI`` environment variable is set.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import matplotlib.image
import numpy as np
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pypdf import PdfReader
from serve_site import INSTALL_CHROMIUM, find_chromium, serving
from sitetools import PAGE_WEIGHT_BUDGET, ROOT, Build, page_weight
from test_vendor import VENDORED_AXE

from relu_explained import plotting

pytestmark = [pytest.mark.site, pytest.mark.browser]

#: Where the screenshots of the article are written, for a reviewer to look at.
SCREENSHOTS = Path(os.environ.get("RELU_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
SCHEMES: tuple[Literal["light"], Literal["dark"]] = ("light", "dark")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--no-pings",
    "--dns-prefetch-disable",
]


def _required() -> bool:
    """Browser tests are required in continuous integration (CI set), optional elsewhere."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


CHROMIUM = find_chromium()
_MISSING = f"no Chromium for the browser tests: {INSTALL_CHROMIUM}"
if CHROMIUM is None and not _required():
    pytest.skip(_MISSING, allow_module_level=True)  # one line in the summary


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session, offline."""
    if CHROMIUM is None:
        pytest.fail(f"{_MISSING} (required because CI is set)", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser) -> Iterator[NewContext]:
    """Open browser contexts for one test; each is closed after it, whether the test passed or not."""
    opened: list[BrowserContext] = []

    def open_context(**options: Any) -> BrowserContext:
        opened.append(browser.new_context(**options))
        return opened[-1]

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture(scope="module")
def pages(site: Build) -> list[str]:
    return sorted(p.relative_to(site.html).as_posix() for p in site.html.rglob("*.html"))


@pytest.fixture(scope="module")
def figure_pages(site: Build, pages: list[str]) -> list[str]:
    """The pages that show figures drawn by the library."""
    found = [name for name in pages if "relu-figure" in (site.html / name).read_text(encoding="utf-8")]
    assert "index.html" in found
    return found


class Recorder:
    """Console errors, failed and foreign requests of one browser context."""

    def __init__(self, context: BrowserContext, origin: str) -> None:
        self.problems: list[str] = []
        self.origin = origin
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith((self.origin + "/", "data:")):
            route.continue_()
        else:
            self.problems.append(f"request to another origin: {url}")
            route.abort()

    def _failed(self, request: Any) -> None:
        # Moving on to the next page cancels what the last one still loads (its
        # favicon, typically): not a failure. A missing file is a 404 response.
        if not (request.failure == "net::ERR_ABORTED" and request.url.startswith(self.origin)):
            self.problems.append(f"failed request: {request.url} {request.failure}")

    def watch(self, page: Page) -> Page:
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        return page


def _load_displayed_images(page: Page) -> list[str]:
    """Load every displayed image now (lazy ones included); return the addresses of those that fail."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => Promise.all(Array.from(document.images).filter(i => i.offsetParent !== null).map(i => {
            i.loading = "eager";
            return i.decode().then(() => null, () => i.src);
        })).then(r => r.filter(Boolean))"""
    )


#: Every page shows the same navigation drawer, the site's table of contents; axe checks it in full on the pages
#: outside the API reference and on its first entry, and the rest of each API entry page (tests/test_site.py checks
#: that their drawers are the same).
NAVIGATION = ".sidebar-drawer"

#: axe-core, the accessibility engine, as its authors publish it (tests/vendor/axe-core/README.md).
AXE = VENDORED_AXE


#: The page is the same document in both schemes: they differ in style sheets only (furo's and the site's rules
#: under ``prefers-color-scheme``; a figure's two variants carry the same alt text, and the interactive figures'
#: script does not depend on the scheme). Axe runs every rule in the light scheme, then, on the same page switched
#: to the dark scheme, the rules that depend on colours.
AXE_OPTIONS: dict[str, dict[str, Any]] = {
    "light": {"resultTypes": ["violations"]},
    "dark": {
        "resultTypes": ["violations"],
        "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    },
}


def _start_interactive_figures(page: Page) -> None:
    """Start the interactive figures, as a reader does by scrolling to them."""
    figures = page.locator(".relu-interactive")
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
        figures.nth(i).locator(".relu-control:not([hidden])").wait_for(state="attached")
    page.evaluate("() => window.scrollTo(0, 0)")


def test_every_page_loads_cleanly_and_has_no_accessibility_violation(
    new_context: NewContext, origin: str, pages: list[str]
) -> None:
    """Each page, in each colour scheme: no console error, failed or foreign request, broken image or axe violation.

    Each page is loaded once, in the light scheme, and then switched to the dark one, as a reader's system
    setting switches it: the dark scheme's images then load, and its colours are checked.
    """
    context = new_context(color_scheme="light")
    recorder = Recorder(context, origin)
    page = recorder.watch(context.new_page())
    script = AXE.read_text(encoding="utf-8")
    entries = [name for name in pages if name.startswith("api/generated/")]
    assert len(pages) - len(entries) > 5
    assert len(entries) > 40
    found = {}
    for name in pages:
        page.emulate_media(color_scheme="light")
        page.goto(f"{origin}/{name}", wait_until="load")
        _start_interactive_figures(page)
        page.evaluate(script)
        assert page.locator(NAVIGATION).count() == 1, name
        context_ = {"exclude": [NAVIGATION]} if name in entries[1:] else {"exclude": []}
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            # furo fades some backgrounds (API signatures) over 0.1 s: check the colours they end with.
            page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
            assert (_luminance(_page_background(page)) < 0.1) == (scheme == "dark"), (name, scheme)
            recorder.problems += [f"{name} ({scheme}): broken image {src}" for src in _load_displayed_images(page)]
            result = page.evaluate("([c, o]) => axe.run(c, o)", [context_, AXE_OPTIONS[scheme]])
            violations = result["violations"]
            if violations:
                found[f"{name} ({scheme})"] = [
                    (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations
                ]
    assert not recorder.problems
    assert not found, found


def _page_background(page: Page) -> np.ndarray:
    rgb = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    return np.array([int(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]], dtype=float)


def _luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours with components 0..255."""
    c = np.asarray(rgb, dtype=float) / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return np.asarray(linear @ np.array([0.2126, 0.7152, 0.0722]))


def _contrast(a: np.ndarray, b: np.ndarray) -> float:
    la, lb = sorted((float(_luminance(a)), float(_luminance(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_article_screenshots_and_layout(new_context: NewContext, origin: str, scheme: str, viewport: str) -> None:
    context = new_context(
        color_scheme=scheme,
        viewport=VIEWPORTS[viewport],
        device_scale_factor=2 if viewport == "phone" else 1,
        is_mobile=viewport == "phone",
    )
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    assert not _load_displayed_images(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"article-{viewport}-{scheme}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 50_000
    # Nothing makes the page scroll sideways on a phone: wide content scrolls in its own box.
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    # The colour scheme reached the page and the figures.
    background = _page_background(page)
    assert (_luminance(background) < 0.1) == (scheme == "dark")


PHONE = {"width": 360, "height": 740}


def test_equations_on_a_phone_keep_their_numbers_clear(
    new_context: NewContext, origin: str, site: Build, pages: list[str]
) -> None:
    """At 360 px, no equation number overlaps its formula, and a formula wider than its box can be scrolled by keyboard."""
    context = new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    problems, checked = [], 0
    for name in pages:
        if 'div class="math' not in (site.html / name).read_text(encoding="utf-8"):
            continue
        page.goto(f"{origin}/{name}")
        found = page.evaluate(
            """() => [...document.querySelectorAll('div.math')].map(block => {
                const formula = block.querySelector('math');
                const number = block.querySelector('.eqno');
                // The formula's ink: a display <math> box spans the whole line.
                const parts = [...formula.children].map(c => c.getBoundingClientRect());
                const f = {left: Math.min(...parts.map(r => r.left)), right: Math.max(...parts.map(r => r.right)),
                           top: Math.min(...parts.map(r => r.top)), bottom: Math.max(...parts.map(r => r.bottom))};
                const n = number ? number.getBoundingClientRect() : null;
                const overlaps = n !== null && n.left < f.right && f.left < n.right && n.top < f.bottom && f.top < n.bottom;
                const scrolls = block.scrollWidth > block.clientWidth + 1;
                return {id: block.id || formula.textContent.slice(0, 30), overlaps, scrolls, focusable: block.tabIndex >= 0};
            })"""
        )
        checked += len(found)
        problems += [f"{name} {b['id']}: number over the formula" for b in found if b["overlaps"]]
        problems += [
            f"{name} {b['id']}: scrolls but cannot be focused" for b in found if b["scrolls"] and not b["focusable"]
        ]
    assert checked > 5
    assert not problems, problems


def _visible_figures(page: Page) -> list[Any]:
    """The figure images shown in the current scheme, each scrolled to and loaded."""
    shown = []
    for image in page.locator("img.relu-figure").all():
        if image.is_visible():
            image.scroll_into_view_if_needed()
            image.evaluate("img => img.decode()")
            shown.append(image)
    return shown


@pytest.mark.parametrize("scheme", SCHEMES)
def test_figures_match_the_page_background(
    new_context: NewContext, origin: str, figure_pages: list[str], scheme: str
) -> None:
    """Only the scheme's variant of each figure is shown, and no figure is a light box on a dark page."""
    context = new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    for name in figure_pages:
        page.goto(f"{origin}/{name}")
        _start_interactive_figures(page)
        background = _page_background(page)
        figures = _visible_figures(page)
        assert len(figures) == page.locator("figure").count() > 0
        for i, image in enumerate(figures):
            assert f"only-{scheme}" in image.get_attribute("class")
            pixels = matplotlib.image.imread(io.BytesIO(image.screenshot()), format="png")[..., :3] * 255
            # The figure's margin, a frame 4 pixels wide, is where a box would show.
            frame = np.concatenate(
                [
                    pixels[:4].reshape(-1, 3),
                    pixels[-4:].reshape(-1, 3),
                    pixels[:, :4].reshape(-1, 3),
                    pixels[:, -4:].reshape(-1, 3),
                ]
            )
            share = float(np.mean(np.abs(frame - background).max(axis=-1) <= 6))
            if share < 0.95:
                failures.append(f"{name} figure {i}: only {share:.0%} of its margin has the page background")
    assert not failures


_TEXT_FILL = re.compile(r"<text [^>]*style=\"[^\"]*fill: (#[0-9a-f]{6})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_text_in_figures_has_aa_contrast(
    new_context: NewContext, origin: str, site: Build, figure_pages: list[str], scheme: str
) -> None:
    """Every text in the figure files shown in a scheme has WCAG AA contrast (4.5:1) with the page."""
    context = new_context(color_scheme=scheme)
    page = context.new_page()
    low = []
    checked = 0
    for name in figure_pages:
        page.goto(f"{origin}/{name}")
        background = _page_background(page)
        sources = page.eval_on_selector_all(
            "img.relu-figure", "imgs => imgs.filter(i => i.offsetParent !== null).map(i => i.getAttribute('src'))"
        )
        assert sources
        for source in sources:
            svg = (site.html / source).read_text(encoding="utf-8")
            for fill in _TEXT_FILL.findall(svg):
                checked += 1
                rgb = np.array([int(fill[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
                if _contrast(rgb, background) < 4.5:
                    low.append((source, fill, round(_contrast(rgb, background), 2)))
    assert checked > 150
    assert not low, sorted(set(low))


def test_article_page_weight(new_context: NewContext, origin: str) -> None:
    """Bytes transferred for the article, fully scrolled, in one colour scheme."""
    context = new_context(color_scheme="light")
    page = context.new_page()
    entries = page_weight(page, f"{origin}/index.html")
    transferred = sum(encoded for _, encoded, _ in entries)
    decoded = sum(size for _, _, size in entries)
    print(f"article page weight: {transferred} bytes transferred, {decoded} bytes decoded, {len(entries)} files")
    assert all(name.startswith(origin) for name, _, _ in entries)
    assert transferred <= PAGE_WEIGHT_BUDGET, sorted(entries, key=lambda e: -e[1])[:5]


# Formulas whose typesetting the test below measures: primes (on a letter and on a word, with and without a
# subscript) and a limit in display math.
PRIME_BASES = {"f", "relu"}


def test_math_is_set_in_the_site_font_as_tex_sets_it(new_context: NewContext, origin: str) -> None:
    """Primes are visible and raised, limits sit under lim in display math, and the served math font is used."""
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    page.evaluate("() => document.fonts.ready")
    fonts = page.evaluate(
        "() => [...document.fonts].filter(f => f.family.includes('relu-explained math')).map(f => f.status)"
    )
    assert fonts == ["loaded"], f"the math font did not load: {fonts}"
    primes = page.evaluate(
        """() => [...document.querySelectorAll('math mo')].filter(p => p.textContent === '\u2032').map(prime => {
            const base = prime.previousElementSibling;
            const probe = document.createElementNS('http://www.w3.org/1998/Math/MathML', 'mi');
            probe.textContent = 'x';
            base.after(probe);
            const b = base.getBoundingClientRect(), p = prime.getBoundingClientRect(), x = probe.getBoundingClientRect();
            probe.remove();
            return {base: base.textContent, baseHeight: b.height, primeHeight: p.height,
                    primeMiddle: (p.top + p.bottom) / 2, xHeightLine: x.top, baseline: x.bottom,
                    superscript: prime.parentElement.localName === 'msup'};
        })"""
    )
    checked = [p for p in primes if p["base"] in PRIME_BASES]
    assert len(checked) >= 10, primes
    for p in checked:
        assert not p["superscript"], p
        assert p["primeHeight"] >= 0.4 * p["baseHeight"], f"a speck of a prime: {p}"
        assert p["primeMiddle"] < p["xHeightLine"], f"a prime below the x-height: {p}"
    limits = page.evaluate(
        """() => [...document.querySelectorAll('math[display="block"] mi')].filter(m => m.textContent === 'lim')
            .map(lim => {
                const script = lim.nextElementSibling;
                const l = lim.getBoundingClientRect(), s = script.getBoundingClientRect();
                return {below: s.top >= l.bottom - 1, overlaps: s.left < l.right && l.left < s.right,
                        parent: lim.parentElement.localName};
            })"""
    )
    assert len(limits) >= 3
    assert all(limit["below"] and limit["overlaps"] and limit["parent"] == "munder" for limit in limits), limits


def test_math_support_page_is_laid_out_as_tex_sets_it(new_context: NewContext, math_site: Build) -> None:
    """On the math support page: fences as tall as what they enclose, limits under in display and beside inline,
    aligned rows right-aligned up to their relation, accents as wide as a letter, inline limits
    lowered and smaller, and no math error. (A stretched overline is drawn over its base, but Chromium reports
    the box of the unstretched glyph: it is checked in the markup, in tests/test_mathml.py.)"""
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serving(math_site.html) as url:
        page.goto(f"{url}/math-support.html")
        page.evaluate("() => document.fonts.ready")
        layout = page.evaluate(
            """() => {
            const box = e => e.getBoundingClientRect();
            const text = e => e.textContent.replace('\u2061', '');
            const fences = [...document.querySelectorAll('mrow')].filter(r =>
                r.firstElementChild?.getAttribute('stretchy') === 'true' && r.querySelector(':scope > mfrac'))
              .map(r => ({content: box(r.querySelector(':scope > mfrac')).height,
                          fences: [...r.querySelectorAll(':scope > mo[stretchy="true"]')].map(f => box(f).height),
                          shown: [...r.querySelectorAll(':scope > mo[stretchy="true"]')].map(f => f.textContent)}));
            const scripts = [...document.querySelectorAll('munder, munderover, msub, msubsup')]
              .filter(s => ['lim', 'arg\u2006min', 'sup', 'max', 'min', '\u2211', '\u220f'].includes(text(s.firstElementChild)))
              .map(s => { const b = box(s.firstElementChild), u = box(s.children[1]);
                          const size = e => parseFloat(getComputedStyle(e).fontSize);
                          return {name: text(s.firstElementChild), display: s.closest('math').getAttribute('display'),
                                  under: u.top >= b.bottom - 1 && u.left < b.right && b.left < u.right,
                                  beside: u.left >= b.right - 1 && u.bottom > b.bottom
                                    && size(s.children[1]) < size(s.firstElementChild)}; });
            const relations = [...document.querySelectorAll('mtable[displaystyle="true"]')]
              .filter(t => t.querySelector('mtd + mtd')).map(t => [...t.querySelectorAll('mtr')]
                .filter(row => row.children[0].lastElementChild)
                .map(row => [Math.round(box(row.children[0].lastElementChild).right),
                             Math.round(box(row.children[1].firstElementChild).left)]));
            const accents = [...document.querySelectorAll('mover')].filter(m => m.firstElementChild.textContent.length === 1)
              .map(m => box(m.lastElementChild).width / box(m.firstElementChild).width);
            return {fences, scripts, relations, accents, errors: document.querySelectorAll('merror, .math-error').length};
        }"""
        )
    assert layout["errors"] == 0
    assert len(layout["fences"]) >= 8
    for fence in layout["fences"]:
        assert all(height >= 0.9 * fence["content"] for height in fence["fences"]), fence
        # The font builds a tall \Uparrow and \Downarrow from different pieces: they differ by about a pixel.
        tolerance = 2 if set(fence["shown"]) <= {"\u21d1", "\u21d3"} else 1
        assert max(fence["fences"]) - min(fence["fences"]) < tolerance, f"unmatched fences: {fence}"
    assert {s["display"] for s in layout["scripts"]} == {"block", "inline"}
    for script in layout["scripts"]:
        assert script["under"] if script["display"] == "block" else script["beside"], script
    assert len(layout["relations"]) >= 3
    # Each row's left side ends where its relation begins, the same for every row.
    assert all(len({tuple(row) for row in rows}) == 1 for rows in layout["relations"]), layout["relations"]
    assert layout["accents"]
    assert all(ratio < 1.5 for ratio in layout["accents"]), layout["accents"]


def test_the_article_prints_alone_in_its_light_colours(new_context: NewContext, origin: str) -> None:
    """Printed (or saved as PDF) from the dark scheme: the article, light, without controls, with its links' targets."""
    context = new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    assert _load_displayed_images(page) == []
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => {
        const shown = s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null).length;
        const article = document.querySelector('article[role=main]');
        return {
            background: getComputedStyle(document.body).backgroundColor,
            controls: shown('.relu-control, .relu-frame, details.hide > summary, button.copybtn, .sidebar-drawer, .toc-drawer, header'),
            static: shown('.relu-interactive .relu-static'), interactive: document.querySelectorAll('.relu-interactive').length,
            cut: [...article.querySelectorAll('pre')].filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 60)),
            unbroken: [...article.querySelectorAll('figure, div.math')].every(f => getComputedStyle(f).breakInside === 'avoid'),
            links: [...article.querySelectorAll('a.reference.external[href^="http"]')].filter(a => !a.closest('.citation'))
              .map(a => a.href),
            captions: [...article.querySelectorAll('figcaption .caption-number')].map(c => c.textContent.trim()),
        };
    }"""
    )
    assert styles["background"] == "rgb(255, 255, 255)", styles["background"]
    assert styles["controls"] == 0
    assert styles["static"] == styles["interactive"] > 0
    assert styles["cut"] == [], "code or output cut instead of wrapped"
    assert styles["unbroken"]
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "".join(sheet.extract_text() for sheet in reader.pages)
    flat = "".join(unicodedata.normalize("NFKC", text).split())  # ligatures such as "fl" as letters
    assert "WhyReLUhasnoderivativeat0" in flat
    for absent in ("Showcodecell", "Backtotop", "Skiptocontent", "Onthispage"):
        assert absent not in flat, absent
    assert styles["links"]
    for link in styles["links"]:
        assert f"<{link}>" in flat, link
    assert len(styles["captions"]) >= 10
    for caption in styles["captions"]:
        assert "".join(caption.split()) in flat, caption
    (SCREENSHOTS / "article-print.pdf").parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "article-print.pdf").write_bytes(page.pdf(format="A4", print_background=True))


# The interactive figures of the article: the readout each setting must show, from the library.
INTERACTIVE = {
    "fig-quotients": plotting.secant_readout,
    "fig-subdifferential": plotting.supporting_line_readout,
    "fig-softplus": plotting.softplus_sharpness_readout,
}


def _setting(text: str) -> float:
    """The number of a control's setting, such as ``h = -0.003``."""
    return float(text.split("=")[1])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_interactive_figures_move_by_keyboard(new_context: NewContext, origin: str, scheme: str) -> None:
    """Each control, moved by keyboard, shows the frame and the readout the library gives for its setting."""
    context = new_context(color_scheme=scheme)
    recorder = Recorder(context, origin)
    page = recorder.watch(context.new_page())
    page.goto(f"{origin}/index.html")
    for name, readout in INTERACTIVE.items():
        figure = page.locator(f"#{name}")
        control = figure.locator("input[type=range]")
        # A figure starts when it comes near the screen; sections laid out on the way move it.
        for _ in range(20):
            figure.scroll_into_view_if_needed()
            if control.is_visible():
                break
            page.wait_for_timeout(100)
        assert control.is_visible(), f"{name} never started"
        assert figure.locator(".relu-static").is_hidden()
        control.focus()
        last = int(control.get_attribute("max") or 0)
        for key, index in (("Home", 0), ("ArrowRight", 1), ("End", last)):
            page.keyboard.press(key)
            assert control.input_value() == str(index)
            setting = control.get_attribute("aria-valuetext") or ""
            assert figure.locator("output").text_content() == readout(_setting(setting)), (name, setting)
            shown = figure.locator(f".relu-frame >> nth={index}").locator(f"img.only-{scheme}")
            assert shown.is_visible()
            shown.evaluate("img => img.decode()")
            assert shown.get_attribute("alt") == readout(_setting(setting))
            visible_frames = figure.locator(f".relu-frame img.only-{scheme}").evaluate_all(
                "imgs => imgs.filter(i => i.offsetParent !== null).length"
            )
            assert visible_frames == 1
    assert not recorder.problems


def test_interactive_figures_without_scripts_show_the_static_figure(new_context: NewContext, origin: str) -> None:
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    for name in INTERACTIVE:
        figure = page.locator(f"#{name}")
        static = figure.locator(".relu-static img.only-light")
        static.scroll_into_view_if_needed()
        assert static.is_visible()
        static.evaluate("img => img.decode()")
        assert figure.locator(".relu-control").is_hidden()
        assert figure.locator(".relu-frame img").evaluate_all("imgs => imgs.every(i => i.offsetParent === null)")
        assert figure.locator("figcaption").is_visible()


def test_search_finds_the_article(new_context: NewContext, origin: str) -> None:
    context = new_context()
    recorder = Recorder(context, origin)
    page = recorder.watch(context.new_page())
    page.goto(f"{origin}/search.html?q=subdifferential")
    results = page.locator("#search-results li")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") or "" for a in page.locator("#search-results li a").all()]
    assert any(href.split("?")[0].split("#")[0] == "index.html" for href in hrefs), hrefs
    assert not recorder.problems


def test_a_link_to_a_late_section_lands_on_it(new_context: NewContext, origin: str) -> None:
    """Following a link to a section far down the article shows the section, once the smooth scroll ends."""
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{origin}/index.html#references")
    # The theme scrolls smoothly: wait until the scroll position settles.
    positions = [-1.0]
    while len(positions) < 100 and (len(positions) < 3 or positions[-1] != positions[-3]):
        page.wait_for_timeout(100)
        positions.append(page.evaluate("() => window.scrollY"))
    top = page.evaluate("() => document.getElementById('references').getBoundingClientRect().top")
    assert 0 <= top < 900, top


# -- Previews of references (docs/_static/previews.js) ----------------------------------------------------------------

PREVIEW = "#relu-preview"
OPEN_PREVIEW = f"{PREVIEW}:popover-open"
#: The text of an element, as a preview of it should show it (headerlinks left out).
TEXT_OF = """(sel) => {
    const el = document.querySelector(sel).cloneNode(true);
    el.querySelectorAll('.headerlink').forEach(n => n.remove());
    return el.textContent.replace(/\\s+/g, ' ').trim();
}"""
#: Per kind of target: a reference to it on the article, and the parts of the target its preview shows, on the
#: page the reference leads to (``{target}``: the element it names).
PREVIEWED = {
    "equation": ('a.reference.internal[href="#equation-eq-derivative"]', ["{target} .math"]),
    "figure": ('a.reference.internal[href="#fig-relu"]', ["{target} figcaption"]),
    # A section: its title and first paragraph, and the formula that paragraph leads into.
    "section": (
        'a.reference.internal[href="#one-sided"]',
        ["{target} > h2", "{target} > p", "{target} > p:first-of-type + .math-wrapper .math"],
    ),
    "citation": ("span.bibtex-citation a", ["{target} > p"]),
    # An API entry, on a page of its own: its signature and summary line.
    "API entry": ('a.sphinx-codeautolink-a[href*="relu_explained.relu.html"]', ["dt.sig", "dt.sig + dd > p"]),
}
PHONE = {"width": 360, "height": 740}


def _screenshot(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


def _preview_text(page: Page) -> str:
    return page.locator(PREVIEW).evaluate("el => el.textContent.replace(/\\s+/g, ' ').trim()")  # type: ignore[no-any-return]


def _open_preview(page: Page, link: Any, how: str) -> Any:
    """Point at `link`, focus it by keyboard or tap it, as a reader does; return the preview once it is shown."""
    link.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    if how == "hover":
        link.hover()
    elif how == "keyboard":
        page.keyboard.press("Shift")  # the reader is using the keyboard: focus is visible
        link.focus()
    else:
        link.tap()
    preview = page.locator(OPEN_PREVIEW)
    preview.wait_for()
    page.wait_for_function("() => Array.from(document.querySelectorAll('#relu-preview img')).every(i => i.complete)")
    return preview


def _check_placement(page: Page, link: Any, preview: Any) -> None:
    """The preview is announced as the link's description, fits the window and leaves the link uncovered."""
    assert link.get_attribute("aria-describedby") == "relu-preview"
    assert preview.get_attribute("role") == "tooltip"
    box, near = preview.bounding_box(), link.bounding_box()
    width, height = page.evaluate("() => [document.documentElement.clientWidth, innerHeight]")
    assert 0 <= box["x"] <= box["x"] + box["width"] <= width, (box, width)
    assert 0 <= box["y"] <= box["y"] + box["height"] <= height, (box, height)
    apart = (
        box["y"] >= near["y"] + near["height"]
        or box["y"] + box["height"] <= near["y"]
        or box["x"] >= near["x"] + near["width"]
        or box["x"] + box["width"] <= near["x"]
    )
    assert apart, (box, near)


def _expected_texts(context: BrowserContext, page: Page, link: Any, parts: list[str]) -> list[str]:
    """The texts of the parts of `link`'s target, read on the page that holds it."""
    href = link.get_attribute("href") or ""
    path, _, name = href.partition("#")
    target = f'[id="{name}"]'
    if not path:
        return [page.evaluate(TEXT_OF, part.format(target=target)) for part in parts]
    other = context.new_page()
    other.goto(page.url.rsplit("/", 1)[0] + "/" + href)
    texts = [other.evaluate(TEXT_OF, part.format(target=target)) for part in parts]
    other.close()
    return texts


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", ["desktop", "360px"])
def test_references_show_a_preview_of_their_target(
    new_context: NewContext, origin: str, scheme: str, viewport: str
) -> None:
    """A reference to an equation, a figure, a section, a citation and an API entry, pointed at, focused by
    keyboard and (on a touch screen) tapped: its preview shows the target, as text without links or ids, is
    announced, stays on screen beside the link and closes on Escape; focus stays on the link; axe finds nothing."""
    phone = viewport == "360px"
    context = new_context(color_scheme=scheme, viewport=PHONE if phone else VIEWPORTS["desktop"], has_touch=phone)
    recorder = Recorder(context, origin)
    page = recorder.watch(context.new_page())
    page.goto(f"{origin}/index.html")
    page.evaluate(VENDORED_AXE.read_text(encoding="utf-8"))
    for kind, (selector, parts) in PREVIEWED.items():
        link = page.locator(f"article {selector} >> visible=true").first
        expected = _expected_texts(context, page, link, parts)
        for how in ("hover", "keyboard", "tap") if phone else ("hover", "keyboard"):
            preview = _open_preview(page, link, how)
            _check_placement(page, link, preview)
            text = _preview_text(page)
            assert all(part in text for part in expected), (kind, how, text)
            assert len(text) <= len(" ".join(expected)) + 2, (kind, how, text)  # nothing else
            assert preview.locator("a, h1, h2, h3, h4, h5, h6, [id], [tabindex]").count() == 0
            # Formulas fit the preview whole: none is cut or scrolls.
            assert preview.locator(".math").evaluate_all("ms => ms.every(m => m.scrollWidth <= m.clientWidth + 1)")
            if how == "keyboard":
                assert page.evaluate("() => document.activeElement.getAttribute('href')") == link.get_attribute("href")
            if kind == "equation":
                assert preview.locator("math").count() == 1
                assert text.startswith("(1)")
            if kind == "figure":
                shown = preview.locator("img >> visible=true")
                assert shown.count() == 1
                assert f"only-{scheme}" in (shown.get_attribute("class") or "")
                assert shown.evaluate("img => img.naturalWidth") > 0
            if how == "hover":
                violations = page.evaluate(
                    "() => axe.run({include: ['#relu-preview']}, {resultTypes: ['violations']}).then(r => r.violations)"
                )
                assert violations == [], (kind, violations)
                page.screenshot(path=_screenshot(f"preview-{kind.replace(' ', '-')}-{viewport}-{scheme}.png"))
            page.keyboard.press("Escape")
            page.locator(PREVIEW).wait_for(state="hidden")
            assert link.get_attribute("aria-describedby") is None
            assert page.url == f"{origin}/index.html"  # a preview, not a visit
    assert not recorder.problems


def test_a_preview_follows_the_pointer_and_the_focus(new_context: NewContext, origin: str) -> None:
    """It stays while the pointer is over it, moves with the pointer to the next reference, and closes when the
    pointer leaves or the focus moves on; a section of another page is previewed too."""
    context = new_context(viewport=VIEWPORTS["desktop"])
    recorder = Recorder(context, origin)
    page = recorder.watch(context.new_page())
    page.goto(f"{origin}/index.html")
    first, second = (
        page.locator(f'article a.reference.internal[href="#{name}"]').first for name in ("one-sided", "subgradients")
    )
    preview = _open_preview(page, first, "hover")
    box = preview.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(600)
    assert preview.is_visible()
    second.hover()
    page.wait_for_function("() => document.querySelector('#relu-preview').textContent.includes('Subgradients')")
    assert first.get_attribute("aria-describedby") is None
    assert second.get_attribute("aria-describedby") == "relu-preview"
    page.mouse.move(0, 0)
    page.locator(PREVIEW).wait_for(state="hidden")
    _open_preview(page, first, "keyboard")
    page.keyboard.press("Tab")  # on to the next link: its own preview, if it is a reference
    page.wait_for_function("(link) => !link.hasAttribute('aria-describedby')", arg=first.element_handle())
    assert page.evaluate("() => document.activeElement.closest('article') !== null")
    assert page.evaluate("() => document.activeElement.closest('#relu-preview')") is None
    title = page.evaluate(TEXT_OF, "#one-sided > h2")
    page.goto(f"{origin}/details.html")
    _open_preview(page, page.locator('article a.reference.internal[href="index.html#one-sided"]').first, "hover")
    assert _preview_text(page).startswith(title)
    assert not recorder.problems


def test_a_second_tap_a_click_or_enter_follows_a_reference(new_context: NewContext, origin: str) -> None:
    context = new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    link = page.locator('article a.reference.internal[href="#fig-relu"]').first
    _check_placement(page, link, _open_preview(page, link, "tap"))
    assert page.url.endswith("/index.html")
    link.tap()
    page.wait_for_url("**/index.html#fig-relu")
    page.locator(PREVIEW).wait_for(state="hidden")
    context = new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(f"{origin}/index.html")
    page.locator('article a.reference.internal[href="#one-sided"]').first.click()
    page.wait_for_url("**/index.html#one-sided")
    page.locator('article a.reference.internal[href="frameworks.html"]').first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/frameworks.html")
