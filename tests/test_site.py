"""The built site: content, figures, reference, citations and the strict build.

The site is built once per test process, each pytest-xdist worker (fixture
``site``); tests that need a build of their own (failure, timeout, caching,
streams) build a small project made from a copy of the sources.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import bench
import cards
import nbformat
import pytest
from bs4 import BeautifulSoup, Tag
from busy import cores_busy
from matplotlib.backends.backend_agg import FigureCanvasAgg
from sitetools import (
    DOCS,
    ROOT_DOC,
    Build,
    add_to_toctree,
    copy_docs,
    first_difference,
    notebook_pages,
    only_page,
    sphinx_build,
    toctree_pages,
)

import relu_explained
from relu_explained import frameworks, plotting, tables, training

pytestmark = pytest.mark.site


def attr(tag: Tag, name: str) -> str:
    """The value of the attribute `name` of `tag`, which must have it, as a string."""
    value = tag.get(name)
    assert isinstance(value, str), (name, str(tag)[:200])
    return value


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The element matching `selector`, which must exist."""
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


@pytest.fixture(scope="session")
def article(site: Build) -> BeautifulSoup:
    return BeautifulSoup((site.html / "index.html").read_text(encoding="utf-8"), "html.parser")


def _pages(site: Build) -> Iterator[Path]:
    yield from sorted(site.html.rglob("*.html"))


def test_every_page_is_in_the_table_of_contents() -> None:
    pages = {p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.glob("*.md")} - {ROOT_DOC}
    assert set(toctree_pages(DOCS)) == pages
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert f'root_doc = "{ROOT_DOC}"' in conf


def test_build_is_clean(site: Build) -> None:
    assert "build succeeded" in site.output
    # Sphinx reports problems as "WARNING: ..." or "ERROR: ..."; the strict
    # build turns them into a failure, and none may be printed either.
    assert re.search(r"\b(WARNING|ERROR): ", site.output) is None, site.output[-3000:]


# Each topic of the article, by the anchor of its section and a phrase it must contain.
TOPICS = {
    ("index", "the-function"): "1-Lipschitz",
    ("index", "differentiability"): "has no limit",
    ("index", "one-sided"): "exist and they differ",
    ("index", "subgradients"): "Clarke",
    ("index", "backpropagation"): "differentiates the program",
    ("index", "practice"): "counts as 0",
    ("index", "structural-zeros"): "blank",
    ("index", "rounding-zeros"): "rounded product equals",
    ("index", "bertoin"): "hyperparameter",
    ("index", "smooth"): "uniformly",
    ("index", "conclusion"): "subdifferential",
    ("index", "references"): "Glorot",
    ("checking", "which-value"): "built-in",
    ("checking", "gradient-checks"): "central quotient",
    ("checking", "count-zeros"): "float64",
    ("checking", "bias-add"): "accumulator",
    ("checking", "keras-dtype"): "dtype policy",
    ("checking", "hyperparameter"): "bit for bit",
    ("details", "jump"): "mean value theorem",
    ("details", "conservative"): "o-minimal",
    ("details", "softplus-numerics"): "overflows",
    ("details", "distance"): "even function",
    ("details", "linspace"): "never contains 0",
}


@pytest.fixture(scope="session")
def pages(site: Build) -> dict[str, BeautifulSoup]:
    """Every page of the site, by name (``api/generated/...`` included)."""
    return {
        path.relative_to(site.html).with_suffix("").as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in _pages(site)
    }


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


@pytest.mark.parametrize(("where", "phrase"), sorted(TOPICS.items()))
def test_every_topic_present(pages: dict[str, BeautifulSoup], where: tuple[str, str], phrase: str) -> None:
    page, anchor = where
    section = pages[page].find(id=anchor)
    assert section is not None, f"no section {page}#{anchor}"
    assert phrase.lower() in _text(section).lower()


def _outputs(page: BeautifulSoup | Tag) -> str:
    return "\n".join(pre.get_text() for pre in page.select("div.cell_output pre"))


def test_the_exact_zeros_statements_match_their_outputs(article: BeautifulSoup) -> None:
    """The article's statements about exact zeros, against what its cells printed."""
    text = _outputs(article)
    structural = re.findall(
        r"(float\d+) +zero pre-activations: +(\d+) of (\d+) \((\d+) on inputs that are not blank\)\s+"
        r"gradient .* weights (\d+) of \d+, biases (\d+) of (\d+)",
        text,
    )
    assert [row[0] for row in structural] == ["float16", "float32", "float64"]
    for _, zeros, total, not_blank, weights, biases, units in structural:
        # "Every zero here comes from a blank input" (one in eight, each giving a zero in every unit);
        # "nothing to the weight gradient"; "changes every entry" of the bias gradient
        assert int(zeros) == int(total) // 8
        assert not_blank == "0"
        assert int(weights) == 0
        assert biases == units
    rounding = dict(re.findall(r"(float\d+) +exact zeros among \d+ pre-activations: (\d+)", text))
    # "rounding zeros appear only in float16 with the bias added after rounding"
    assert int(rounding["float16"]) > 0
    assert rounding["float32"] == rounding["float64"] == "0"
    assert re.search(r"float16, rounded once: 0$", text, flags=re.MULTILINE)
    feature_map = re.search(r"entries exactly 0 before ReLU: (\d+) of (\d+)", text)
    assert feature_map is not None
    assert int(feature_map[1]) > int(feature_map[2]) // 2  # "most entries were exactly 0" (its caption)


#: The operations of the frameworks' data that compute ReLU itself, other than the built-in one.
RELU_SPELLINGS = ["maximum(x, 0)", "clip(x, min=0)", "fmax(x, 0)", "clamp_min(x, 0)", "lax.clamp(0, x, inf)"]


def test_the_opening_answers_first_briefly_and_matches_the_outputs_and_data(article: BeautifulSoup) -> None:
    box = one(article, "div.relu-answer")
    assert box.find_previous("h2") is None  # the article opens with it, before its first section
    body = one(box, "p").__copy__()
    for formula in body.select("math"):
        formula.replace_with("formula")  # a formula counts as one word
    words = _text(body).split()
    assert len(words) <= 120, len(words)
    text = _text(box)
    # "Just left of 0 the slope ... is 0, just right of it 1"
    assert "left [0. 0. 1.]" in _outputs(article)
    assert "right [0. 1. 1.]" in _outputs(article)
    assert "[0, 1]" in text or "[0,1]" in text.replace(" ", "")
    # "the built-in ReLU of PyTorch, JAX and TensorFlow uses 0, while other ways of writing ReLU ... other values"
    data = frameworks.load_framework_gradients(DOCS / "data" / "framework_gradients.json")
    at_zero = [r for r in data["results"] if r["point"] == "+0.0"]
    builtin = {
        r["gradient"] for r in at_zero if r["op"] == "relu" and r["framework"] in {"PyTorch", "JAX", "TensorFlow"}
    }
    assert builtin == {0.0}
    assert "PyTorch, JAX and TensorFlow uses 0" in text
    assert {r["gradient"] for r in at_zero if r["op"] in RELU_SPELLINGS} - {0.0}
    for target in ("#one-sided", "#subgradients", "frameworks.html", "#practice", "#bertoin"):
        assert any(attr(a, "href").endswith(target) for a in box.select("a[href]")), target


#: Phrases that only a summary of Bertoin et al.'s results contains.
BERTOIN_RESULTS = re.compile(r"half of the time|systematically in 16-bit|more than 10 points", re.IGNORECASE)


def test_bertoin_et_al_results_and_the_conservative_field_definition_are_stated_once(
    pages: dict[str, BeautifulSoup],
) -> None:
    summaries = [
        name
        for name, page in pages.items()
        for p in page.select("article[role=main] p, article[role=main] li")
        if BERTOIN_RESULTS.search(_text(p))
    ]
    assert summaries == ["index"], summaries
    assert BERTOIN_RESULTS.search(_text(one(pages["index"], "#bertoin")))
    definitions = [name for name, page in pages.items() if "closed graph and nonempty compact values" in _text(page)]
    assert definitions == ["details"], definitions


#: Elements of the article that are not its main path's prose.
NOT_PROSE = "div.cell, figure, table, math, pre, details, .bibliography, #references"


def main_path_words(page: BeautifulSoup) -> int:
    """Words of a page's prose: its main content without code, outputs, math, figures, tables, folded detail."""
    content = one(page, "article[role=main]").__copy__()
    for tag in content.select(NOT_PROSE):
        tag.decompose()
    return len(content.get_text(" ").split())


def test_the_article_main_path_stays_within_its_word_budget(article: BeautifulSoup) -> None:
    assert main_path_words(article) <= 2400


def test_every_figure_has_alt_text_and_a_numbered_caption(article: BeautifulSoup) -> None:
    figures = article.select("figure")
    assert len(figures) >= 8
    for number, figure in enumerate(figures, start=1):
        # the figure itself (an interactive figure's frames are checked on their own)
        images = figure.select("img.relu-figure:not(.relu-frame img)")
        assert [i["class"][-1] for i in images] == ["only-light", "only-dark"], figure.get("id")
        alt = attr(images[0], "alt")
        assert images[1].get("alt") == alt
        assert len(alt) > 40, alt
        assert not alt.startswith("<Figure")
        caption = figure.find("figcaption")
        assert caption is not None
        assert caption.get_text(" ").strip().startswith(f"Figure {number}")
        assert attr(figure, "id").startswith("fig-")


def test_figures_come_in_a_light_and_a_dark_file(site: Build, article: BeautifulSoup) -> None:
    """Each figure is two lazily loaded SVG files drawn with one scheme's palette each."""
    assert not article.select("svg.relu-figure"), "no figure is left inline"
    for image in article.select("img.relu-figure"):
        assert image["loading"] == "lazy"
        assert int(attr(image, "width")) > 0
        assert int(attr(image, "height")) > 0
        svg = (site.html / attr(image, "src")).read_text(encoding="utf-8")
        assert svg.startswith("<svg")
        assert "var(" not in svg
        scheme = 0 if "only-light" in image["class"] else 1
        assert plotting.PALETTE["foreground"][scheme] in svg
        assert plotting.PALETTE["foreground"][1 - scheme] not in svg


def test_downloaded_notebook_shows_figures_in_any_jupyter_front_end(site: Build, article: BeautifulSoup) -> None:
    """Each figure output carries plain SVG (with an opaque light background) next to the site's two variants."""
    download = next(attr(a, "href") for a in article.select("a.download") if attr(a, "href").endswith("index.ipynb"))
    notebook = nbformat.read(site.html / download, as_version=4)
    figures = [
        o.data
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if "application/vnd.relu-explained.figure+json" in o.get("data", {})
    ]
    # one per figure: an interactive figure's frames stay on the site
    assert len(figures) == len(article.select("img.relu-figure.only-light:not(.relu-frame img)"))
    for data in figures:
        assert data["image/svg+xml"].startswith('<svg style="background-color:')
        assert data["image/png"]  # what an untrusted notebook shows
        assert data["application/vnd.relu-explained.figure+json"]["alt"]


def test_figure_references_resolve(article: BeautifulSoup) -> None:
    refs = article.select('a[href^="#fig-"]:not(.headerlink)')
    for ref in refs:
        assert article.find(id=ref["href"][1:]) is not None
        assert ref.get_text().startswith("Figure ")
    # every figure is referenced from the text
    assert {attr(f, "id") for f in article.select("figure")} == {attr(r, "href")[1:] for r in refs}


def test_equations_are_numbered_in_order_and_referenced_by_number(article: BeautifulSoup) -> None:
    """Labelled equations are numbered (1), (2), ... in page order; each {eq} reference shows its target's number."""
    numbered = {}
    for wrapper in article.select("div.math-wrapper[id^='equation-']"):
        number = one(wrapper, "span.eqno")
        numbered[attr(wrapper, "id")] = str(number.find(string=True, recursive=False)).strip()
    assert list(numbered.values()) == [f"({i})" for i in range(1, len(numbered) + 1)]
    assert len(numbered) >= 5
    references = article.select("a.reference.internal[href^='#equation-']")
    assert len(references) >= 2
    for reference in references:
        assert reference.get_text() == numbered[attr(reference, "href")[1:]], reference
    assert not article.find("script", src=re.compile("mathjax", re.IGNORECASE))


#: MathML elements whose children have fixed roles, and how many they have.
FIXED_PARTS = {"msub": 2, "msup": 2, "mfrac": 2, "mroot": 2, "munder": 2, "mover": 2, "msubsup": 3, "munderover": 3}


def test_every_formula_is_mathml_with_its_latex(site: Build) -> None:
    """Math reaches readers as MathML (for screen readers) carrying its LaTeX source, never as raw TeX."""
    formulas = 0
    for page in _pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for math in soup.find_all("math"):
            formulas += 1
            annotation = math.find("annotation", encoding="application/x-tex")
            assert annotation is not None, (page.name, str(math)[:200])
            assert annotation.get_text().strip(), (page.name, str(math)[:200])
            assert math.find("semantics") is not None
            # Scripts, fractions and limits keep their fixed number of parts (base and script, ...).
            for element in math.find_all(list(FIXED_PARTS)):
                assert len(element.find_all(recursive=False)) == FIXED_PARTS[element.name], (page.name, str(math)[:200])
        body = soup.find("article") or soup
        for text in body.find_all(string=re.compile(r"\\(frac|mathrm|lim)\b")):
            assert text.find_parent("annotation") or text.find_parent(["pre", "code"]), (page.name, text[:80])
        # A page with formulas asks for the math font at once, so that lines do not grow when it arrives.
        preloads = [link["href"] for link in soup.select('head link[rel="preload"][as="font"][crossorigin]')]
        font = posixpath.relpath("_static/math.woff2", posixpath.dirname(page.relative_to(site.html).as_posix()) or ".")
        assert preloads == ([font] if soup.find("math") else []), page.name
    assert formulas > 100
    css = (site.html / "_static" / "site.css").read_text(encoding="utf-8")
    assert 'url("math.woff2")' in css
    assert (site.html / "_static" / "math.woff2").read_bytes()[:4] == b"wOF2"


def test_no_id_is_used_twice_on_a_page(site: Build) -> None:
    for page in _pages(site):
        ids = [tag["id"] for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[id]")]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, (page.name, repeated)


def test_api_entries_share_one_navigation(site: Build) -> None:
    """Every API entry page shows the same navigation drawer, but for the mark on its own entry.

    The accessibility test checks the drawer in full on the first entry only (tests/test_browser.py).
    """
    drawers = set()
    for page in sorted((site.html / "api" / "generated").glob("*.html")):
        drawer = one(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"), ".sidebar-drawer")
        own = one(drawer, "li.current-page > a")
        assert attr(own, "href") == "#", page.name
        own["href"] = page.name
        for tag in drawer.select(".current-page, .current-page > a"):
            tag["class"] = " ".join(c for c in tag.get_attribute_list("class") if c not in {"current", "current-page"})
        drawers.add(str(drawer))
    assert len(drawers) == 1


def test_display_math_can_be_scrolled_by_keyboard(site: Build) -> None:
    """Whether an equation overflows depends on the reader's fonts and screen: every one is focusable."""
    checked = 0
    for page in _pages(site):
        for block in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("div.math"):
            checked += 1
            assert block.get("tabindex") == "0", (page.name, str(block)[:200])
    assert checked > 5


def test_no_output_contains_a_traceback_warning_or_repr_noise(site: Build) -> None:
    """Outputs read as results: no traceback, warning, figure placeholder or numpy scalar repr."""
    checked = 0
    for page in _pages(site):
        for output in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".cell_output"):
            checked += 1
            assert not output.select(".stderr, .traceback, .output.error"), page.name
            text = output.get_text(" ")
            for marker in ("Traceback", "Warning", "<Figure size", "np.float", "np.int", "np.bool"):
                assert marker not in text, (page.name, text[:500])
            # An exception as Python prints it or its repr; an error named as a measurement ("RuntimeError in float16") is not.
            assert not re.search(r"\b\w*(Error|Exception)(: |\()", text), (page.name, text[:500])
    assert checked >= 10


def _heading(section: Tag) -> str:
    heading = one(section, ":scope > h1, :scope > h2, :scope > h3, :scope > h4")
    return " ".join(heading.get_text(" ").replace("\N{PILCROW SIGN}", "").split())


def test_api_usage_tables_name_the_sections_that_use_each_entry(pages: dict[str, BeautifulSoup]) -> None:
    """Each "Used on these pages" row reads page / section / subsection, exactly as the page's headings nest."""
    checked = 0
    for name, page in pages.items():
        if not name.startswith("api/generated/"):
            continue
        for link in page.select("td a.reference.internal[href*='.html#']"):
            target, _, fragment = attr(link, "href").partition("#")
            target_page = pages[posixpath.normpath(posixpath.join(posixpath.dirname(name), target))[: -len(".html")]]
            element = target_page.find(id=fragment)
            assert element is not None, (name, link["href"])
            sections = [element] if element.name == "section" else []
            sections += element.find_parents("section")
            chain = [_heading(section) for section in reversed(sections)]
            assert " ".join(link.get_text(" ").split()) == " / ".join(chain), (name, link["href"])
            checked += 1
    assert checked > 20


def test_every_public_name_has_a_reference_entry(site: Build) -> None:
    names = [f"relu_explained.{n}" for n in relu_explained.__all__ if n != "__version__"]
    names += [f"relu_explained.plotting.{n}" for n in plotting.__all__]
    names += [f"relu_explained.frameworks.{n}" for n in frameworks.__all__]
    names += [f"relu_explained.training.{n}" for n in training.__all__]
    names += [f"relu_explained.tables.{n}" for n in tables.__all__]
    ids = set()
    for page in (site.html / "api" / "generated").glob("*.html"):
        ids.update(re.findall(r'id="(relu_explained[\w.]*)"', page.read_text(encoding="utf-8")))
    missing = [name for name in names if name not in ids]
    assert not missing


def test_code_links_to_reference_and_backlinks(site: Build, article: BeautifulSoup) -> None:
    linked = {attr(a, "href").split("#")[0] for a in article.select("a.sphinx-codeautolink-a")}
    assert "api/generated/relu_explained.plotting.plot_relu.html" in linked
    assert "api/generated/relu_explained.relu_derivative.html" in linked
    entry = (site.html / "api" / "generated" / "relu_explained.relu_derivative.html").read_text(encoding="utf-8")
    assert "../../index.html#" in entry, "no backlink from the API entry to the article"


def test_references_carry_checked_data(article: BeautifulSoup) -> None:
    bibliography = article.find(id="references")
    assert bibliography is not None
    entries = [" ".join(li.get_text(" ").split()) for li in bibliography.select("div.citation, li, dd, p")]
    glorot = [e for e in entries if "deep sparse rectifier" in e.lower()]
    assert glorot
    assert all("1502.03167" not in e for e in glorot)
    assert any("315" in e and "323" in e for e in glorot)
    ioffe = [e for e in entries if "batch normalization" in e.lower()]
    assert all("1502.03167" in e for e in ioffe)
    # Every citation in the text links to its entry in the bibliography (which also lists the other pages' sources).
    entries_by_id = {attr(entry, "id"): entry for entry in bibliography.select("div.citation")}
    citations = [a for a in article.select("a.reference.internal[href^='#id']") if not a.find_parent(id="references")]
    assert len({attr(a, "href") for a in citations}) >= 8
    for citation in citations:
        entry = entries_by_id[attr(citation, "href")[1:]]
        # the link's title is the entry itself, as the reader sees it on hover
        assert "".join(attr(citation, "title").split())[:60] in "".join(entry.get_text().split()), citation


def test_site_shows_its_version_and_offers_the_notebook(site: Build, article: BeautifulSoup) -> None:
    for page in _pages(site):
        if page.name == "search.html":
            continue
        assert relu_explained.__version__ in page.read_text(encoding="utf-8"), page
    downloads = [attr(a, "href") for a in article.select("a.download") if attr(a, "href").endswith(".ipynb")]
    assert downloads
    notebook = nbformat.read(site.html / downloads[0], as_version=4)
    nbformat.validate(notebook)
    # The download carries the outputs shown on the page, wherever they came from.
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    shown = article.select(".cell_output")
    assert outputs
    assert len([c for c in notebook.cells if c.cell_type == "code" and c.outputs]) == len(shown)


LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


def test_pages_load_nothing_from_other_origins(site: Build) -> None:
    for page in _pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                # rel=canonical and the like name an address; they load nothing.
                if tag == "link" and not LOADING_RELS & set(element.get("rel") or []):
                    continue
                url = str(element.get(attr) or "")
                assert not re.match(r"^(https?:)?//", url), (page.name, url)


def test_reference_previews_cost_a_few_kilobytes(site: Build) -> None:
    """The previews' script and style, gzip-compressed as the site is served: at most 4 kB together."""
    script = (site.html / "_static" / "previews.js").read_bytes()
    css = (site.html / "_static" / "site.css").read_text(encoding="utf-8")
    style = "".join(re.findall(r"^\.relu-preview[^{]*\{[^}]*\}", css, flags=re.MULTILINE)).encode()
    assert len(style) > 300
    compressed = len(gzip.compress(script)) + len(gzip.compress(style))
    print(f"reference previews: {compressed} bytes gzip-compressed")
    assert compressed <= 4_000
    assert all("_static/previews.js?v=" in page.read_text(encoding="utf-8") for page in _pages(site))


NOTEBOOK_HEADER = "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"


def _notebook(title: str, code: str) -> str:
    """A one-cell MyST-NB page."""
    return f"{NOTEBOOK_HEADER}# {title}\n\n```{{code-cell}} ipython3\n{code}\n```\n"


def _site_with(src: Path, page: str) -> None:
    """Add `page` (a notebook, file ``problem.md``) to the site's table of contents."""
    (src / "problem.md").write_text(page, encoding="utf-8")
    add_to_toctree(src, "problem")


def test_a_local_build_links_to_no_repository(site: Build) -> None:
    """Without SOURCE_REPOSITORY (a plain local build), no page shows a view or edit button."""
    for page in _pages(site):
        assert "view-this-page" not in page.read_text(encoding="utf-8"), page.name
        assert "edit-this-page" not in page.read_text(encoding="utf-8"), page.name


def test_a_published_build_links_each_page_to_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_REPOSITORY", "https://github.com/example/relu-explained")
    monkeypatch.setenv("SOURCE_BRANCH", "main")
    src = copy_docs(tmp_path / "docs")
    only_page(src, "# A page\n\nSome prose.\n")
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode == 0, build.output[-3000:]
    page = BeautifulSoup((build.html / "problem.html").read_text(encoding="utf-8"), "html.parser")
    repository = "https://github.com/example/relu-explained"
    assert attr(one(page, ".view-this-page a"), "href") == f"{repository}/blob/main/docs/problem.md"
    assert attr(one(page, ".edit-this-page a"), "href") == f"{repository}/edit/main/docs/problem.md"
    missing = BeautifulSoup((build.html / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not missing.select(".view-this-page, .edit-this-page")


def test_failing_cell_fails_the_build_naming_page_and_cell(tmp_path: Path) -> None:
    src = copy_docs(tmp_path / "docs")
    only_page(src, _notebook("Broken", "value = 1 / 0  # the-failing-cell"))
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode != 0
    assert "problem" in build.output
    assert "the-failing-cell" in build.output
    assert "ZeroDivisionError" in build.output


def test_hanging_cell_times_out(tmp_path: Path) -> None:
    src = copy_docs(tmp_path / "docs")
    only_page(src, _notebook("Hangs", "import time\ntime.sleep(600)"))
    build = sphinx_build(src, tmp_path / "out", "-D", "nb_execution_timeout=2", timeout=300)
    assert build.returncode != 0
    assert "problem" in build.output
    assert "timed out" in build.output.lower() or "timeout" in build.output.lower()


def test_reproducible_build(site: Build, second_site: Build) -> None:
    """Two clean builds made with every core busy (two workers' builds at once) give the same files, byte for byte."""
    difference = first_difference(site.html, second_site.html)
    assert difference is None, f"two clean builds differ first in {difference}"


def test_streams_cut_by_a_busy_kernel_are_joined(tmp_path: Path) -> None:
    """What a cell prints in pieces, each flushed, is shown as one block on the page and in its notebook.

    With every core busy, the kernel sends the output in more, smaller
    pieces, cut anywhere, inside a line too; neither the page nor the download
    may show where.
    """
    src = copy_docs(tmp_path / "docs")
    code = (
        "import sys, time\nfor i in range(40):\n    print('piece', i, end=' ')\n"
        "    sys.stdout.flush()\n    time.sleep(0.01)\nprint('end')"
    )
    only_page(src, _notebook("Pieces", code))
    with cores_busy():
        build = sphinx_build(src, tmp_path / "out")
    assert build.returncode == 0, build.output[-3000:]
    expected = " ".join(f"piece {i}" for i in range(40)) + " end"
    page = BeautifulSoup((build.html / "problem.html").read_text(encoding="utf-8"), "html.parser")
    assert [pre.get_text() for pre in page.select("div.cell_output pre")] == [expected + "\n"]
    # The notebook offered for download (myst-nb writes it; Sphinx copies it when a page links to it).
    download = tmp_path / "out" / "jupyter_execute" / "problem.ipynb"
    cells = [c for c in json.loads(download.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    assert ["".join(o["text"]) for o in cells[0]["outputs"]] == [expected + "\n"]


def test_execution_cache_and_the_benchmark_builds(tmp_path: Path) -> None:
    """Pages execute once: not on a rebuild or a prose edit; again, alone, when their code changes.

    The builds are the benchmark's own (``scripts/bench.py``), so its rows
    measure what their names say: a clean build executes every notebook, a
    prose edit none, a code edit only the edited page. The second notebook is
    a new page made from the contributors' template, which must build
    strictly; it links to the article, which holds the site's bibliography: a
    page of prose stands in for it.
    """
    src = copy_docs(tmp_path / "docs")
    code = "import numpy as np\nnp.set_printoptions(precision=4)\nprint(np.pi)"
    only_page(src, _notebook("Cached", code) + "\nA sentence of prose.\n")
    (src / "index.md").write_text("# Article\n\n```{bibliography}\n```\n", encoding="utf-8")
    template = (src / "_templates" / "page" / "page-template.md").read_text(encoding="utf-8")
    (src / "new-page.md").write_text(template.replace("page-template.ipynb", "new-page.ipynb"), encoding="utf-8")
    add_to_toctree(src, "index")
    add_to_toctree(src, "new-page")
    out = tmp_path / "out"
    first = bench.clean_build(src, out)
    assert first.executed == notebook_pages(src) == ["new-page", "problem"], first
    new_page = BeautifulSoup((out / "html" / "new-page.html").read_text(encoding="utf-8"), "html.parser")
    assert len(new_page.select("figure img.relu-figure")) == 2
    assert attr(one(new_page, 'meta[name="description"]'), "content").startswith("One or two sentences")
    assert bench.build(src, out).executed == [], "a rebuild with no change re-executed a page"

    bench.edit_prose(src / "problem.md", 1)
    prose = bench.build(src, out)
    assert prose.executed == [], "editing prose re-executed a page"
    assert "problem" in prose.written
    assert "Edited (1). A sentence of prose." in (out / "html" / "problem.html").read_text(encoding="utf-8")
    # The plain-text edition, written whole from the pages this build wrote and those it kept.
    llms = (out / "html" / "llms.txt").read_text(encoding="utf-8")
    assert all(f"]({page}.html)" in llms for page in ("contents", "problem", "index", "new-page"))
    assert "Edited (1). A sentence of prose." in (out / "html" / "llms-full.txt").read_text(encoding="utf-8")

    bench.edit_code(src / "problem.md")
    assert bench.build(src, out).executed == ["problem"], "editing code did not re-execute the page alone"


def test_frameworks_page_renders_the_committed_data(site: Build) -> None:
    page = BeautifulSoup((site.html / "frameworks.html").read_text(encoding="utf-8"), "html.parser")
    data = frameworks.load_framework_gradients(DOCS / "data" / "framework_gradients.json")
    tables = page.select("table.relu-table")
    captions = [" ".join(t.caption.get_text().split()) for t in tables if t.caption is not None]
    # The expressions, the summary at 0, the subnormal table, the release history, a table per framework's releases.
    assert len(captions) == len(tables) == 4 + len(data["frameworks"]), captions

    def caption(html: str) -> str:
        return " ".join(BeautifulSoup(html, "html.parser").caption.get_text().split())  # type: ignore[union-attr]

    assert captions[1] == caption(frameworks.GradientSummary(data).to_html())
    releases = frameworks.load_releases(DOCS / "data" / "releases")
    history = frameworks.ReleaseHistory({f: releases[f] for f in data["frameworks"]})
    assert captions[3] == caption(history.to_html())
    for framework in data["frameworks"]:
        shown = " ".join(" ".join(t.get_text(" ").split()) for t in tables if t.caption and framework in t.caption.text)
        assert " ".join(BeautifulSoup(history.table(framework).to_html(), "html.parser").get_text(" ").split()) in shown
    expressions = tables[0].get_text(" ")
    for written in data["expressions"].values():
        for expression in written.values():
            assert expression in expressions
    text = page.get_text(" ")
    for name, version in data["frameworks"].items():
        assert f"{name} {version}" in text
    assert "def probe_torch" in page.get_text(""), "the probe's code is shown"
    outputs = " ".join(o.get_text(" ") for o in page.select(".cell_output"))
    assert "d/dx[relu(x) - relu(-x)] at 0 = 0.0" in outputs
    assert "Traceback" not in outputs
    assert any(attr(a, "href").endswith("frameworks.ipynb") for a in page.select("a.download"))


def test_every_page_has_the_head_and_footer_readers_and_search_engines_expect(site: Build) -> None:
    for path in _pages(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(site.html).as_posix()
        assert len(page.select('meta[name="viewport"]')) == 1, name
        descriptions = page.select('meta[name="description"]')
        assert len(descriptions) == 1, name
        assert 30 <= len(descriptions[0]["content"]) <= 300, (name, descriptions[0]["content"])
        assert page.html is not None
        assert page.html.get("lang") == "en", name
        icon = page.find("link", rel="icon")
        assert icon is not None, name
        # The 404 page is served at any depth, so its links are absolute paths.
        href = attr(icon, "href")
        base = site.html if href.startswith("/") else path.parent
        assert (base / href.lstrip("/")).resolve().is_file(), name
        footer = page.select_one("footer .copyright")
        assert footer is not None, name
        assert "2026, The relu-explained authors" in footer.get_text(), name


def test_published_tree_holds_no_build_internals(site: Build) -> None:
    assert not (site.html / ".doctrees").exists()
    assert not list(site.html.rglob("*.doctree"))
    assert not list(site.html.rglob("*.pickle"))


def test_llms_txt_lists_every_page_once_and_the_full_text_keeps_latex_and_outputs(
    site: Build, pages: dict[str, BeautifulSoup]
) -> None:
    """llms.txt: every page of the table of contents once, in its order, with the description search engines get;
    llms-full.txt: each page's text, its formulas in LaTeX, the outputs its code printed and its figures' alt text."""
    index = (site.html / "llms.txt").read_text(encoding="utf-8")
    full = (site.html / "llms-full.txt").read_text(encoding="utf-8")
    assert index.startswith("# relu-explained\n\n> Why the ReLU function")
    listed = re.findall(r"^- \[([^\]]+)\]\(([^)]+)\): (.+)$", index, flags=re.MULTILINE)
    built = sorted(
        p.relative_to(site.html).as_posix()
        for p in site.html.rglob("*.html")
        if p.name not in {"search.html", "404.html"}
    )
    assert sorted(uri for _, uri, _ in listed) == built
    top = [uri for _, uri, _ in listed if "/" not in uri]
    assert top == ["contents.html", *(f"{page}.html" for page in toctree_pages(DOCS))]
    for title, uri, description in listed:
        soup = pages[uri.removesuffix(".html")]
        meta = soup.find("meta", attrs={"name": "description"})
        assert isinstance(meta, Tag)
        assert description == meta["content"], uri
        heading = soup.select_one("article h1")
        assert heading is not None
        assert heading.get_text().removesuffix("¶") == title, uri
        assert full.count(f"\n{uri}\n") == 1, uri
    article = pages["index"]
    assert "\\lim_{h \\to 0}" in full
    assert "<math" not in full
    assert "%s" not in full  # figure references keep their numbers, as do captions and numbered equations
    assert "(Figure 1)" in full
    assert "   Figure 1. The graph of ReLU" in full
    assert re.search(r"\$\$f'\(a\) = \\lim_\{h \\to 0\}[^$]*\$\$ \(1\)", full)
    assert "right quotient = 1.0" in full  # printed by a cell of the article
    # Every table a cell outputs, as a Markdown table under its caption.
    captions = [
        " ".join(c.get_text().split()) for soup in pages.values() for c in soup.select("table.relu-table caption")
    ]
    assert len(captions) > 5
    assert all(f"Table: {caption}\n\n| " in full for caption in captions)
    alt = article.select_one("#fig-relu img")
    assert isinstance(alt, Tag)
    assert str(alt["alt"]) in " ".join(full.split())


def test_every_page_has_a_preview_card_of_its_own(site: Build, pages: dict[str, BeautifulSoup]) -> None:
    """One card per page with a title: a 1200 by 630 PNG in the built site, described by the page's title and
    description; the longest title and description on the site fit the card, clear of each other."""
    seen = set()
    titled = {name: soup for name, soup in pages.items() if name not in {"search", "404"}}
    for name, soup in titled.items():
        title = attr(one(soup, 'meta[property="og:title"]'), "content")
        description = attr(one(soup, 'meta[property="og:description"]'), "content")
        image = attr(one(soup, 'meta[property="og:image"]'), "content")
        base = attr(one(soup, 'meta[property="og:url"]'), "content").removesuffix(f"{name}.html")
        assert image.startswith(f"{base}{cards.FOLDER}/"), name
        path = site.html / cards.FOLDER / image.rsplit("/", 1)[-1]
        png = path.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == cards.SIZE
        assert attr(one(soup, 'meta[property="og:image:alt"]'), "content") == f"{title}: {description}", name
        assert attr(one(soup, 'meta[name="twitter:card"]'), "content") == "summary_large_image"
        seen.add(path.name)
    assert len(seen) == len(titled) > 40
    title, description = (
        max((attr(one(s, f'meta[property="og:{k}"]'), "content") for s in titled.values()), key=len)
        for k in ("title", "description")
    )
    address = "relu-explained.example.org/api/generated/relu_explained.relu_one_sided_derivative.html"
    fig = cards.draw_card("relu-explained", title, description, address)
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.texts] + [fig.axes[0].get_window_extent(renderer)]
    frame = fig.bbox
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_sitemap_404_and_social_preview(site: Build, article: BeautifulSoup) -> None:
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemap = ET.parse(site.html / "sitemap.xml").getroot()
    listed = {loc.text or "" for loc in sitemap.iter(f"{namespace}loc")}
    assert "http://127.0.0.1:8000/index.html" in listed
    assert "http://127.0.0.1:8000/exact-zeros.html" in listed
    missing = [
        page
        for page in _pages(site)
        if page.name != "404.html"
        and not any(loc.endswith("/" + page.relative_to(site.html).as_posix()) for loc in listed)
    ]
    assert not [p.name for p in missing if p.name != "search.html"]
    notfound = BeautifulSoup((site.html / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert "Page not found" in notfound.get_text()
    description = attr(one(article, 'meta[name="description"]'), "content")
    assert attr(one(article, 'meta[property="og:description"]'), "content") == description
    assert attr(one(article, 'meta[property="og:title"]'), "content") == "Why ReLU has no derivative at 0"


class _Links(HTMLParser):
    """The anchors a page defines (``id``, and ``name`` on ``a``) and the addresses it loads or links to."""

    REFERRING: ClassVar[dict[str, str]] = {
        "a": "href",
        "link": "href",
        "img": "src",
        "script": "src",
        "source": "src",
        "iframe": "src",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value for key, value in attrs if value is not None}
        self.anchors.update(values[key] for key in ("id", "name") if key in values and (key == "id" or tag == "a"))
        if tag in self.REFERRING and self.REFERRING[tag] in values:
            self.addresses.append(values[self.REFERRING[tag]])


def _links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(html: Path) -> tuple[list[str], int]:
    """Every internal address on every page of `html` whose file or anchor is missing; and how many were checked.

    A walk over the built files, as a reader's browser resolves them: an
    address relative to its page (or, starting with ``/``, to the site's root),
    a folder meaning its ``index.html``, a fragment naming an ``id`` (or an
    ``a name``) of the target page. Addresses with a scheme or a host are
    external and not followed.
    """
    parsed: dict[Path, _Links] = {}

    def parse(page: Path) -> _Links:
        if page not in parsed:
            parsed[page] = _links(page)
        return parsed[page]

    broken, checked = [], 0
    for page in sorted(html.rglob("*.html")):
        for address in parse(page).addresses:
            parts = urlsplit(address)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            path = unquote(parts.path)
            target = (html / path.lstrip("/")) if path.startswith("/") else (page.parent / path if path else page)
            target = target.resolve()
            if target.is_dir():
                target /= "index.html"
            where = f"{page.relative_to(html).as_posix()}: {address}"
            if not target.is_relative_to(html.resolve()) or not target.is_file():
                broken.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).anchors:
                broken.append(f"{where} (no such anchor)")
    return broken, checked


def test_internal_links_and_anchors_resolve(site: Build) -> None:
    broken, checked = broken_links(site.html)
    assert not broken, broken[:20]
    assert checked > 3000


def test_link_walk_finds_a_missing_file_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text('<h1 id="top">T</h1><a name="old"></a>', encoding="utf-8")
    (tmp_path / "a.html").write_text(
        '<a href="sub/">ok</a><a href="sub/index.html#top">ok</a><a href="/sub/#old">ok</a><a href="#here">ok</a>'
        '<p id="here"></p><a href="https://example.org/x#y">external</a>'
        '<a href="sub/#gone">anchor</a><img src="missing.svg"><a href="../outside.html">outside</a>',
        encoding="utf-8",
    )
    broken, checked = broken_links(tmp_path)
    assert broken == [
        "a.html: sub/#gone (no such anchor)",
        "a.html: missing.svg (no such file)",
        "a.html: ../outside.html (no such file)",
    ]
    assert checked == 7


def _one(tag: Tag, selector: str) -> Tag:
    found = tag.select_one(selector)
    assert found is not None, selector
    return found


def test_interactive_figures_hold_a_static_figure_frames_and_a_hidden_control(
    site: Build, article: BeautifulSoup
) -> None:
    figures = article.select("div.relu-interactive")
    names = [attr(f.find_parent("figure") or f, "id") for f in figures]
    assert names == ["fig-quotients", "fig-subdifferential", "fig-softplus"]
    for figure in figures:
        assert len(figure.select(".relu-static img.relu-figure")) == 2
        control = _one(figure, ".relu-control")
        assert control.has_attr("hidden")  # shown by the script; without it, the static figure stands alone
        data = json.loads(_one(control, "script.relu-frames-data").get_text())
        field = _one(control, "input[type=range]")
        output = _one(control, "output")
        assert attr(_one(control, "label"), "for") == attr(field, "id") == " ".join(output.get_attribute_list("for"))
        frames = figure.select(".relu-frame")
        assert len(frames) == len(data["readouts"]) == len(data["settings"]) == int(attr(field, "max")) + 1 > 5
        for frame, readout in zip(frames, data["readouts"], strict=True):
            images = frame.select("img")
            assert [attr(i, "loading") for i in images] == ["lazy", "lazy"]
            assert {attr(i, "alt") for i in images} == {readout}
            assert all((site.html / attr(i, "src")).is_file() for i in images)
        assert output.get_text() == data["readouts"][int(attr(field, "value"))]
    download = next(attr(a, "href") for a in article.select("a.download") if attr(a, "href").endswith("index.ipynb"))
    notebook = json.loads((site.html / download).read_text(encoding="utf-8"))
    outputs = [o for cell in notebook["cells"] for o in cell.get("outputs", [])]
    assert not any("application/vnd.relu-explained.interactive+json" in o.get("data", {}) for o in outputs)
