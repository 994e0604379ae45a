"""The site's MathML (docs/_ext/mathml.py): corrected markup and the served font subset."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from compare_math import EXPRESSIONS
from fontTools.ttLib import TTFont
from mathml import NS, font_subset, mathml, shown_characters

M = f"{{{NS}}}"


def tree(latex: str, display: bool = True) -> ET.Element:
    return ET.fromstring(mathml(latex, display=display))


def tags(element: ET.Element) -> list[str]:
    return [e.tag.removeprefix(M) for e in element.iter()]


@pytest.mark.parametrize("latex", [r"f'(a)", r"\mathrm{relu}'(0)", r"\mathrm{softplus}_\beta'(x)", r"f'_{-}(a)"])
def test_a_prime_follows_its_base_instead_of_being_a_superscript(latex: str) -> None:
    root = tree(latex)
    assert "msup" not in tags(root)
    assert "msubsup" not in tags(root)
    (prime,) = [e for e in root.iter(f"{M}mo") if e.text == "\u2032"]
    assert prime.get("lspace") == prime.get("rspace") == "0"


def test_a_prime_with_a_subscript_keeps_the_subscript_after_it() -> None:
    (script,) = tree(r"f'_{-}(a)").iter(f"{M}msub")
    base, sub = list(script)
    assert [e.text for e in base] == ["f", "\u2032"]
    assert [e.text for e in sub.iter(f"{M}mo")] == ["\u2212"]


def test_limits_go_under_lim_in_display_math_only() -> None:
    latex = r"\lim_{h \to 0^-} \frac{f(h)}{h}"
    (under,) = tree(latex).iter(f"{M}munder")
    assert under[0].text == "lim"
    inline = tree(latex, display=False)
    assert "munder" not in tags(inline)
    assert [e[0].text for e in inline.iter(f"{M}msub")] == ["lim"]


def test_a_minus_after_a_bracket_or_an_operator_is_a_prefix() -> None:
    signs = [(e.text, e.get("form")) for e in tree(r"\mathrm{relu}(-x) - \mathrm{relu}(x) = -1").iter(f"{M}mo")]
    minus = [form for text, form in signs if text == "\u2212"]
    assert minus == ["prefix", None, "prefix"]  # after "(", binary, after "="


def test_upright_words_are_one_identifier_and_functions_are_spaced() -> None:
    root = tree(r"\mathrm{relu}(x) \le \frac{\log 2}{\beta}")
    identifiers = [e.text for e in root.iter(f"{M}mi")]
    assert "relu" in identifiers
    assert "r" not in identifiers
    assert "mspace" in tags(root)  # \log 2
    assert "mspace" not in tags(tree(r"\log(2)"))


def test_each_formula_keeps_its_latex() -> None:
    latex = r"\partial\,\mathrm{relu}(0) = [0, 1]"
    (annotation,) = tree(latex).iter(f"{M}annotation")
    assert annotation.get("encoding") == "application/x-tex"
    assert annotation.text == latex
    assert "\\" not in "".join(shown_characters(mathml(latex, display=True)))


def test_every_compared_expression_converts_without_superscript_primes() -> None:
    for latex in EXPRESSIONS:
        root = tree(latex)
        scripts = [e for e in root.iter() if e.tag in {f"{M}msup", f"{M}msubsup"}]
        assert all((e[-1].text or "") != "\u2032" for e in scripts), latex


def test_font_subset_is_small_deterministic_and_keeps_its_license() -> None:
    characters = shown_characters("".join(mathml(e, display=True) for e in EXPRESSIONS))
    font = font_subset(characters)
    assert font[:4] == b"wOF2"
    assert font == font_subset(characters)  # the same bytes every build
    assert len(font) < 12_000
    parsed = TTFont(io.BytesIO(font))
    assert "MATH" in parsed
    covered = set(parsed.getBestCmap())
    assert {ord(c) for c in characters} <= covered
    names = {record.nameID: str(record) for record in parsed["name"].names if record.platformID == 3}
    assert "STIX Fonts Project" in names[0]
    assert "SIL Open Font License" in names[13]
