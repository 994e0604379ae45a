"""The site's MathML (docs/_ext/mathml.py): the converter, its corrections, its errors and the served font."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import mathml as extension
import pytest
from bs4 import BeautifulSoup, Tag
from compare_math import EXPRESSIONS
from docutils import nodes
from fontTools.ttLib import TTFont
from mathml import NS, MathError, convert, font_subset, mathml, shown_characters
from sitetools import Build, copy_docs, only_page, sphinx_build

M = f"{{{NS}}}"
#: Operator names in the math support page, each set upright as one identifier (``\\,`` is U+2006).
OPERATOR_NAMES = {"arg\u2006min", "sign", "log", "exp", "lim", "sup", "max", "min", "relu"}
LARGE_OPERATORS = {"\u2211", "\u220f", "\u222b"}


def tree(latex: str, display: bool = True) -> ET.Element:
    return ET.fromstring(mathml(latex, display=display))


def tags(element: ET.Element) -> list[str]:
    return [e.tag.removeprefix(M) for e in element.iter()]


def test_writing_a_converted_formula_starts_no_pandoc(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's formulas are converted together, in one run of pandoc; writing each of them then starts none."""
    node = nodes.math(text="q_{\\text{once}}^2")
    written = extension._render(node)
    monkeypatch.setattr(extension, "convert", lambda formulas: pytest.fail(f"pandoc started again for {formulas}"))
    assert extension._render(node) == written
    assert "<msubsup>" in written[0]


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
    assert "\u2212" in "".join(sub.itertext())


def test_limits_go_under_in_display_math_and_beside_inline() -> None:
    latex = r"\lim_{h \to 0^-} \frac{f(h)}{h} + \sum_{i=1}^{n} x_i + \operatorname*{arg\,min}_\theta L"
    display = tree(latex)
    assert [e[0].text for e in display.iter(f"{M}munder")] == ["lim", "arg\u2006min"]
    assert [e[0].text for e in display.iter(f"{M}munderover")] == ["\u2211"]
    inline = tree(latex, display=False)
    assert "munder" not in tags(inline)
    assert "munderover" not in tags(inline)
    bases = ["".join(e[0].itertext()).strip("\u2061") for e in inline.iter() if e.tag in {f"{M}msub", f"{M}msubsup"}]
    assert bases == ["lim", "\u2211", "x", "arg\u2006min"]


def test_upright_words_are_one_identifier_and_operator_names_are_spaced_as_in_tex() -> None:
    root = tree(r"\mathrm{relu}(x) \le \frac{\log 2}{\beta}")
    identifiers = [e.text for e in root.iter(f"{M}mi")]
    assert "relu" in identifiers
    assert "r" not in identifiers
    assert "mspace" in tags(root)  # \log 2
    assert "mspace" not in tags(tree(r"\log(2)"))
    assert "mspace" in tags(tree(r"\lim_{h \to 0} \frac{1}{h}"))
    assert "mspace" in tags(tree(r"\log^2 x"))
    assert "mspace" not in tags(tree(r"\max, \min"))  # punctuation and relations bring their own spacing
    assert tags(tree(r"\log\, x")).count("mspace") == 1


def test_double_bars_are_fences_and_colons_are_spaced_by_their_role() -> None:
    bars = [e for e in tree(r"\lVert x \rVert \le \|y\|").iter(f"{M}mo") if e.text in {"\u2016", "\u2225"}]
    assert [e.text for e in bars] == ["\u2016"] * 4
    (relation,) = [e for e in tree(r"f : A \to B").iter(f"{M}mo") if e.text == ":"]
    assert relation.get("lspace") == relation.get("rspace") == "0.2778em"
    (punctuation,) = [e for e in tree(r"f \colon A \to B").iter(f"{M}mo") if e.text == ":"]
    assert (punctuation.get("lspace"), punctuation.get("rspace")) == ("0", "0.1667em")
    both = [e.get("lspace") for e in tree(r"f\colon A \to B,\ \{x : x > 0\}").iter(f"{M}mo") if e.text == ":"]
    assert both == ["0", "0.2778em"]
    (after,) = [e for e in tree(r"a \coloneqq b : c").iter(f"{M}mo") if e.text == ":"]
    assert after.get("lspace") == "0.2778em"


def test_accents_over_one_letter_keep_their_size_and_an_overline_stretches() -> None:
    accents = [e[-1] for e in tree(r"\hat{y} \tilde{x} \bar{x} \dot{x} \overline{x + y}").iter(f"{M}mover")]
    assert [(a.text, a.get("stretchy")) for a in accents] == [
        ("\u02c6", "false"),
        ("\u02dc", "false"),
        ("\u00af", "false"),
        ("\u02d9", "false"),
        ("\u203e", "true"),
    ]


@pytest.mark.parametrize(("command", "shown"), sorted(extension.FENCES.items()))
def test_every_delimiter_tex_takes_after_left_and_right_is_a_stretchy_fence(command: str, shown: str) -> None:
    latex = rf"\left{command} \frac{{a}}{{b}} \middle{command} c \right{command}"
    root = tree(latex)
    fences = [(e.text, e.get("form"), e.get("lspace"), e.get("rspace")) for e in root.iter(f"{M}mo")]
    assert fences == [(shown, form, "0", "0") for form in ("prefix", "infix", "postfix")]  # no spacing, as in TeX
    assert root.findtext(f".//{M}annotation") == latex  # as written, not as pandoc read it


def test_delimiters_pandoc_reads_natively_keep_their_own_characters_beside_the_others() -> None:
    root = tree(r"\bigl\ulcorner x \bigr\urcorner + \left/ \frac{a}{b} \right. + \left( y \right)")
    assert [e.text for e in root.iter(f"{M}mo") if e.text not in {"+"}] == ["\u231c", "\u231d", "/", "(", ")"]


def test_each_delimiter_is_shown_where_it_was_written_whatever_the_order_of_the_markup() -> None:
    # mover and mroot put their second argument first: fences are matched by identity, not by order.
    root = tree(r"\overset{\left/ a \right\backslash}{\left\uparrow b \right\downarrow}")
    rows = [[e.text for e in row] for row in root.iter(f"{M}mrow") if row.find(f"{M}mo") is not None]
    assert sorted(rows) == [["/", "a", "\\"], ["\u2191", "b", "\u2193"]]
    root = tree(r"\sqrt[\left/ n \right.]{\left\Uparrow x \middle\lmoustache y \right\Downarrow}")
    (index,) = [e.findtext(f"{M}mi") for e in root.iter(f"{M}mrow") if e.findtext(f"{M}mo") == "/"]
    assert index == "n"


def test_a_formula_with_more_kinds_of_such_delimiters_than_placeholders_is_refused() -> None:
    kinds = list(extension.FENCES)
    assert len(kinds) > len(extension.PLACEHOLDERS)
    latex = r" \middle".join(f"\\left{kind} a" if i == 0 else f"{kind} a" for i, kind in enumerate(kinds)) + r" \right."
    with pytest.raises(MathError, match=r"too many kinds of delimiter .*\(/, \\backslash, \\uparrow"):
        mathml(latex, display=True)
    # As many kinds as placeholders, some of which the formula uses itself as delimiters: one too many.
    used = r"\lceil x \rceil \lfloor y \rfloor "
    enough = used + " ".join(rf"\left{kind} a \right." for kind in kinds[: len(extension.PLACEHOLDERS) - 4])
    assert mathml(enough, display=True)
    with pytest.raises(MathError, match="too many kinds"):
        mathml(enough + rf"\left{kinds[-1]} a \right.", display=True)


@pytest.mark.parametrize("command", [r"\lgroup", r"\rgroup", r"\llcorner", r"\urcorner"])
def test_a_delimiter_the_font_cannot_stretch_is_refused_with_the_reason(command: str) -> None:
    with pytest.raises(MathError, match=rf"no tall \{command} to stretch"):
        mathml(rf"\left{command} \frac{{a}}{{b}} \right.", display=True)


def test_boldsymbol_sets_letters_bold_italic_and_the_rest_bold_upright_as_in_tex() -> None:
    def shown(latex: str) -> list[str]:
        return [e.text or "" for e in tree(latex).iter() if e.tag in {f"{M}mi", f"{M}mn"}]

    assert shown(r"\boldsymbol{x} \bm W \boldsymbol{\theta} \boldsymbol{xy} \bm{\alpha\beta}") == [
        "\U0001d499", "\U0001d47e", "\U0001d73d", "\U0001d499", "\U0001d49a", "\U0001d736", "\U0001d737",
    ]  # fmt: skip
    # Upright symbols stay upright: capital Greek, \nabla, operator names, digits; \mathbf is upright.
    assert shown(r"\boldsymbol{\Sigma} \boldsymbol{\nabla} \boldsymbol{\sin} \boldsymbol{0} \mathbf{x} \mathbf{0}") == [
        "\U0001d6ba", "\U0001d6c1", "\U0001d42c\U0001d422\U0001d427", "\U0001d7ce", "\U0001d431", "\U0001d7ce",
    ]  # fmt: skip
    assert "mathvariant" not in mathml(r"\mathbfit{12}", display=False)  # bold digits, as characters
    # Commands that only begin with the same letters, and letters after a line break, are left alone.
    assert "mod" in mathml(r"a \bmod b", display=False)
    assert [e.text for e in tree(r"\begin{aligned} a \\bm x \end{aligned}").iter(f"{M}mi")] == ["a", "b", "m", "x"]


#: MathML elements whose children have fixed roles, and how many they have.
FIXED = {"msub": 2, "msup": 2, "mfrac": 2, "mroot": 2, "munder": 2, "mover": 2, "msubsup": 3, "munderover": 3}


def fixed_positions_intact(root: ET.Element) -> bool:
    return all(len(e) == FIXED[tag] for e in root.iter() if (tag := e.tag.removeprefix(M)) in FIXED)


@pytest.mark.parametrize(
    ("latex", "display"),
    [
        (r"\lim_{h \to 0} h", False),
        (r"\sup_x f(x)", False),
        (r"\log_2 x + \log^2 x", True),
        (r"\Sigma^\mathrm{T} + x_\mathrm{i}^\mathrm{T}", True),
        (r"\frac{\mathrm{d}}{\mathrm{d}x} f", True),
        (r"\operatorname*{arg\,min}_\theta L", False),
    ],
)
def test_corrections_keep_scripts_and_fractions_whole(latex: str, display: bool) -> None:
    root = tree(latex, display)
    assert fixed_positions_intact(root)
    identifiers = {e.text for e in root.iter(f"{M}mi")}
    assert not identifiers & {"\u03a3T", "dd", "iT"}


def test_upright_greek_letters_stay_apart() -> None:
    assert {"\u0393", "\u0394"} <= {e.text for e in tree(r"\Gamma\Delta").iter(f"{M}mi")}


def test_aligned_rows_are_in_display_style_and_cases_are_not() -> None:
    (aligned,) = tree(r"\begin{aligned} a &= \frac{1}{2} \\ b &= c \end{aligned}").iter(f"{M}mtable")
    assert aligned.get("displaystyle") == "true"
    (cases,) = tree(r"\begin{cases} 0 & x < 0 \\ 1 & x > 0 \end{cases}").iter(f"{M}mtable")
    assert cases.get("displaystyle") is None


def test_each_formula_keeps_its_latex() -> None:
    latex = r"\partial\,\mathrm{relu}(0) = [0, 1]"
    (annotation,) = tree(latex).iter(f"{M}annotation")
    assert annotation.get("encoding") == "application/x-tex"
    assert annotation.text == latex
    assert "\\" not in "".join(shown_characters(mathml(latex, display=True)))


def test_formulas_that_cannot_be_read_are_reported_in_place_with_the_reason() -> None:
    results = convert([("a", False), (r"\foo{x}", True), ("b", True), (r"\frac{a}{", False), ("c", False)])
    assert [type(r) for r in results] == [str, MathError, str, MathError, str]
    assert str(results[1]) == r"unexpected control sequence \foo"
    assert str(results[3]) == "unexpected eof"
    assert all("".join(ET.fromstring(str(results[i])).itertext()).startswith(t) for i, t in ((0, "a"), (2, "b")))
    (tagged,) = convert([(r"x \tag{3}", True)])
    assert isinstance(tagged, MathError)
    assert "\\tag is not supported" in str(tagged)
    with pytest.raises(MathError, match="foo"):
        mathml(r"\foo", display=False)


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


# The math support page, built with the site's configuration.


def _formulas(build: Build) -> list[Tag]:
    page = BeautifulSoup((build.html / "math-support.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article[role=main]")
    assert article is not None
    return article.find_all("math")


def _latex(math: Tag) -> str:
    annotation = math.find("annotation")
    assert annotation is not None
    return annotation.get_text()


def _shown(math: Tag) -> str:
    return "".join(t for t in math.find_all(string=True) if not t.find_parent("annotation"))


def test_math_support_page_renders_every_formula(math_site: Build) -> None:
    formulas = _formulas(math_site)
    assert len(formulas) >= 20
    for math in formulas:
        latex = _latex(math)
        assert math.find("merror") is None, latex
        # No TeX command shown as text: a backslash only as the delimiter \backslash.
        assert _shown(math).count("\\") == len(math.find_all("mo", string="\\")), latex
        assert not math.find("mi", mathvariant=re.compile("^(?!normal$)")) or "mathbb" in latex or "mathcal" in latex
        assert fixed_positions_intact(ET.fromstring(str(math))), latex
    names = {mi.get_text() for math in formulas for mi in math.find_all("mi") if len(mi.get_text()) > 1}
    assert names >= OPERATOR_NAMES
    font = TTFont(io.BytesIO((math_site.html / "_static" / "math.woff2").read_bytes()))
    shown = {ord(c) for math in formulas for c in _shown(math) if not c.isspace()}
    assert shown | {ord("\u221a")} <= set(font.getBestCmap())  # the radical is drawn, never shown as text


def test_math_support_page_sets_limits_by_style(math_site: Build) -> None:
    for math in _formulas(math_site):
        display = math.get("display") == "block"
        for script in math.find_all(["munder", "munderover", "msub", "msubsup"]):
            base = script.find(recursive=False)
            assert base is not None
            name = base.get_text().strip("\u2061")
            if name in {"lim", "arg\u2006min", "sup", "max", "min", *LARGE_OPERATORS} - {"\u222b"}:
                under = script.name in {"munder", "munderover"}
                assert under == display, (name, script.name, _latex(math))


def test_math_support_page_numbers_and_refers_to_a_labelled_equation(math_site: Build) -> None:
    page = BeautifulSoup((math_site.html / "math-support.html").read_text(encoding="utf-8"), "html.parser")
    target = page.select_one("#equation-eq-support-chain")
    assert target is not None
    number = target.select_one("span.eqno")
    assert number is not None
    numbers = [span.get_text().removesuffix("\N{PILCROW SIGN}") for span in page.select("div.math span.eqno")]
    assert numbers == [f"({i})" for i in range(1, len(numbers) + 1)]
    shown = number.get_text().removesuffix("\N{PILCROW SIGN}")
    assert [a.get_text() for a in page.select("a.reference.internal[href='#equation-eq-support-chain']")] == [shown]
    assert target.find("mtable", displaystyle="true") is not None


def test_a_formula_that_cannot_be_rendered_fails_the_build_in_one_line(tmp_path: Path) -> None:
    src = copy_docs(tmp_path / "docs")
    text = (
        "# Broken math\n\nA paragraph of\ntwo lines: $\\frac{a}{$.\n\n$$\n\\foo{x} + 1\n$$\n\nMore prose.\n\n"
        "\\begin{align}\na &= b\n\\end{align}\n\n## A title with $\\baz$\n\nProse.\n"
    )
    only_page(src, text)
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode != 0
    problem = str(src / "problem.md")
    # In the order written (a title can be written first, in the navigation of a page built earlier).
    lines = sorted(
        (line for line in build.output.splitlines() if "cannot render" in line), key=lambda x: int(x.split(":")[1])
    )
    assert lines == [
        f"{problem}:4: WARNING: cannot render the math `\\frac{{a}}{{`: unexpected eof [mathml]",
        f"{problem}:6: WARNING: cannot render the math `\\foo{{x}} + 1`: unexpected control sequence \\foo [mathml]",
        # A formula in a title is also in the page's contents: reported once.
        f"{problem}:16: WARNING: cannot render the math `\\baz`: unexpected control sequence \\baz [mathml]",
    ]
    (numbered,) = [line for line in build.output.splitlines() if "random id" in line]
    assert numbered.startswith(f"{problem}:12: WARNING: a numbered `align` written bare")
    assert "Traceback" not in build.output
    assert "ParseError" not in build.output
