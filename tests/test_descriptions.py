"""The page-description extension (docs/_ext/descriptions.py) on text that looks like a regular expression."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import descriptions

#: A stand-in for the Sphinx application: the extension reads only its configuration.
APP: Any = SimpleNamespace(config=SimpleNamespace(project="relu-explained"))


def test_backslashes_in_a_description_stay_backslashes() -> None:
    context = {
        "metatags": r'<meta name="description" content="Match \d+ and refer to group \1 or \g&lt;0&gt;." />'
        '\n<meta property="og:description" content="The first words" />',
    }
    descriptions._describe(APP, "page", "page.html", context, None)
    assert (
        r'<meta property="og:description" content="Match \d+ and refer to group \1 or \g&lt;0&gt;."'
        in (context["metatags"])
    )


def test_a_page_without_description_gets_one() -> None:
    context = {"metatags": '<meta property="og:title" content="Search" />'}
    descriptions._describe(APP, "search", "search.html", context, None)
    assert context["metatags"].count('name="description"') == 1
    assert 'content="Search in the relu-explained documentation."' in context["metatags"]


def test_a_formula_in_a_description_is_its_latex_source() -> None:
    formula = (
        '<math display="inline"><semantics><mrow><mi>max</mi><mo>\u2061</mo><mi>x</mi></mrow>'
        '<annotation encoding="application/x-tex">\\max(x, 0) &lt; 1</annotation></semantics></math>'
    )
    context = {"metatags": "", "body": f"<h1>relu</h1><p>Compute {formula}, element-wise.</p>"}
    descriptions._describe(APP, "relu", "page.html", context, None)
    assert 'name="description" content="Compute \\max(x, 0) &lt; 1, element-wise."' in context["metatags"]


def test_a_social_preview_without_description_gets_the_page_description() -> None:
    context = {"metatags": '<meta property="og:title" content="STYLE" />', "body": "<p>The style of every figure.</p>"}
    descriptions._describe(APP, "style", "page.html", context, None)
    assert '<meta property="og:description" content="The style of every figure." />' in context["metatags"]
