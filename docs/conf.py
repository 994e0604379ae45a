"""Sphinx configuration of the relu-explained site."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pygments.lexers import find_lexer_class_by_name
from sphinx.application import Sphinx
from sphinx_polyversion.api import LoadError, load
from sphinx_polyversion.git import GitRef  # noqa: F401 - load() decodes versions into GitRef

import relu_explained

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project ------------------------------------------------------------------
project = "relu-explained"
author = "The relu-explained authors"
# Reproducible builds: the year comes from SOURCE_DATE_EPOCH when it is set.
_year = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))).tm_year
copyright = f"2026-{_year}, {author}" if _year > 2026 else f"2026, {author}"
release = version = relu_explained.__version__

# -- General ------------------------------------------------------------------
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinxcontrib.bibtex",
    "sphinx_codeautolink",
    "sphinx_copybutton",
    "mathml",
    "bibstyle",
    "a11y",
    "descriptions",
    "llms",
    "cards",
    "outputs",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
]
# The site opens on the article (index.html); the table of contents is a short
# page of its own, the theme's home page. Sphinx rewrites the page that holds a
# toctree whenever a page listed in it changes: an edit to a small page then
# rewrites that page and the contents, not the whole article.
root_doc = "contents"
exclude_patterns = ["_build", "_templates", "_polyversion", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_math_renderer = "mathml"
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}
math_numfig = True
math_eqref_format = "({number})"
nitpicky = True
# Without network access there is no intersphinx inventory for numpy,
# matplotlib or the standard library; references to them stay plain text.
nitpick_ignore_regex = [
    (r"py:.*", r"(numpy|np|npt|matplotlib|math|collections|typing)(\..*)?"),
    (r"py:.*", r"(array_like|optional|callable|sequence|str|float|int|bool|default)"),
    (r"py:.*", r".*(Axes|Figure|ArrayLike|NDArray|Callable|Sequence|ndarray)"),
]

# -- MyST and notebook execution ------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
nb_execution_mode = "cache"


def _library_digest() -> str:
    """A digest of the relu_explained sources the pages import.

    The cache keys a page on its code cells only; keying the cache folder on
    the library too makes a change to the library re-execute every page,
    while a change to a page re-executes that page alone.
    """
    package = Path(relu_explained.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if path.name != "_version.py":  # changes with every commit, not with the code
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache" / _library_digest())
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
nb_kernel_rgx_aliases = {".*": "python3"}

# -- API reference --------------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "none"
autodoc_default_options = {"members": False}
numpydoc_show_class_members = False
# Summary lines: present, one line, a full stop, a verb in the imperative.
numpydoc_validation_checks = {"SS01", "SS03", "SS05", "SS06"}
numpydoc_class_members_toctree = False
codeautolink_autodoc_inject = False  # the templates add the table, not collapsed
codeautolink_concat_default = True

# -- Citations -----------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "checked"
bibtex_reference_style = "author_year"

# -- HTML ----------------------------------------------------------------------
html_theme = "furo"
html_title = project  # a multi-version build adds the version below
html_static_path = ["_static"]
html_css_files = ["site.css"]
# interactive.js: the interactive figures show their control and the chosen frame
# (relu_explained.plotting.InteractiveFigure). previews.js: a reference shows its target beside it.
html_js_files = [("interactive.js", {"defer": "defer"}), ("previews.js", {"defer": "defer"})]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options: dict[str, Any] = {"top_of_page_buttons": []}
html_favicon = "_static/favicon.svg"
# The API reference lists the modules and every entry, and the search finds
# them; no separate module index or general index (furo links neither).
html_domain_indices = False
html_use_index = False

# -- Publishing -------------------------------------------------------------------
# The address the site is published at, ending in "/": the publishing workflow
# sets SITE_URL (with the version's folder for a multi-version build); on Read
# the Docs, its canonical address (READTHEDOCS_CANONICAL_URL, which includes the
# language and version) is used. Without either, the local preview server's.
_site_url = os.environ.get("SITE_URL")
html_baseurl = _site_url or os.environ.get("READTHEDOCS_CANONICAL_URL") or "http://127.0.0.1:8000/"
sitemap_url_scheme = "{link}"
sitemap_show_lastmod = False  # a date would make two builds of one commit differ
# furo's "Edit this page" and "View this page" buttons link to the page's source in
# the repository the site is published from: the publishing workflow sets
# SOURCE_REPOSITORY (its address) and SOURCE_BRANCH. A plain local build, which
# does not know where its sources are published, shows neither.
_source_repository = os.environ.get("SOURCE_REPOSITORY", "").strip()
_source_branch = os.environ.get("SOURCE_BRANCH", "").strip() or "main"
ogp_site_name = project
ogp_social_cards = {"enable": False}
ogp_enable_meta_description = False  # docs/_ext/descriptions.py writes the description
# The site in one sentence, at the head of llms.txt (docs/_ext/llms.py).
llms_summary = (
    "Why the ReLU function has no derivative at 0, what replaces the derivative there, "
    "what backpropagation uses, and when that choice matters."
)


# -- Multi-version build -------------------------------------------------------------
# All the wiring for `nox -s versions` (docs/poly.py, sphinx-polyversion) is here.
# sphinx-polyversion passes the list of versions; load() puts "current",
# "latest" and "revisions" into html_context for the sidebar's version list
# (_templates/sidebar/versions.html) and the notice on pages of old and
# development versions (_templates/page.html). A plain build has neither.
try:
    _versions: dict[str, Any] | None = load(globals())
except LoadError:
    _versions = None
if _versions:
    release = version = _versions["current"].name
    html_title = f"relu-explained {release}"
    if _site_url or not os.environ.get("READTHEDOCS_CANONICAL_URL"):  # Read the Docs' address names the version
        html_baseurl += f"{release}/"
    html_sidebars = {
        "**": [
            "sidebar/brand.html",
            "sidebar/search.html",
            "sidebar/scroll-start.html",
            "sidebar/navigation.html",
            "sidebar/versions.html",
            "sidebar/scroll-end.html",
        ]
    }
    if _versions["latest"] is not None and _versions["current"].name != _versions["latest"].name:
        html_theme_options["announcement"] = "version notice"  # the text is in _templates/page.html
ogp_site_url = html_baseurl
notfound_urls_prefix = urlsplit(html_baseurl).path
if _source_repository:
    # GitHub's addresses. A page is viewed at the commit its version was built
    # from (a release's tag) and edited on the branch that changes are made on.
    _viewed = _versions["current"].name if _versions else _source_branch
    html_theme_options |= {
        "top_of_page_buttons": ["view", "edit"],
        "source_view_link": f"{_source_repository.rstrip('/')}/blob/{_viewed}/docs/{{filename}}",
        "source_edit_link": f"{_source_repository.rstrip('/')}/edit/{_source_branch}/docs/{{filename}}",
    }


def _no_source_buttons_for_generated_pages(
    app: Sphinx, pagename: str, _templatename: str, context: dict[str, Any], _doctree: Any
) -> None:
    """Pages without a source file in the repository have nothing to view or edit.

    The API entries are generated from docstrings (into a folder git ignores);
    the 404 page is made by its extension.
    """
    source = Path(app.srcdir, pagename + str(context.get("page_source_suffix", "")))
    if pagename.startswith("api/generated/") or not source.is_file():
        context["theme_top_of_page_buttons"] = []


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _no_source_buttons_for_generated_pages)
    # Pygments finds the lexers of code cells (ipython3) and of their outputs
    # (myst-ansi) through package entry points, scanning the metadata of every
    # installed package, and Sphinx asks for them once per code block.
    # Registered once here, they are looked up once per build.
    for name in ("ipython3", "myst-ansi"):
        app.add_lexer(name, find_lexer_class_by_name(name))
