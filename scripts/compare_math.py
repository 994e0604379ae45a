#!/usr/bin/env python3
"""Compare TeX-to-MathML converters on the math a page may use: coverage, time and bytes.

The formulas are those of the math support page (``tests/math-support.md``)
and of the site's own pages. Two converters run on them:

- ``latex2mathml``, which the site used before;
- ``pandoc``: the site's way (``docs/_ext/mathml.py``), pandoc's TeX math reader
  with the site's corrections.

It prints a Markdown table (formulas converted to well-formed MathML without
``merror``, time, bytes of MathML, raw and gzip) and writes a screenshot of the math support page's formulas from both,
side by side, in Chromium. ``CONTRIBUTING.md`` records a run.

Run it with ``nox -s mathcompare -- OUTPUT.png``.
"""

from __future__ import annotations

import gzip
import html
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import mathml  # the site's converter, docs/_ext/mathml.py (nox -s mathcompare puts it on the path)
from playwright.sync_api import sync_playwright
from serve_site import find_chromium, serving

ROOT = Path(__file__).resolve().parents[1]
#: Formulas of the article, for the font test: a prime, one-sided limits, cases, operator names.
EXPRESSIONS = [
    r"f'(a) = \lim_{h \to 0} \frac{f(a + h) - f(a)}{h}",
    r"f'_{-}(a) = \lim_{h \to 0^-} \frac{f(a + h) - f(a)}{h}",
    r"\mathrm{relu}'(0) = s, \quad \mathrm{relu}(x) - \mathrm{relu}(-x) = x",
    r"\partial\,\mathrm{relu}(x) = \begin{cases} \{0\} & x < 0,\\ [0, 1] & x = 0,\\ \{1\} & x > 0 \end{cases}",
    r"0 < \mathrm{softplus}_\beta(x) - \mathrm{relu}(x) \le \frac{\log 2}{\beta}",
    r"\mathrm{softplus}_\beta'(x) = \sigma(\beta x)",
]
_MATH = re.compile(
    r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$|^```\{math\}\n(?::[^\n]*\n)*\n?(?P<directive>.+?)^```"
    r"|^(?P<env>\\begin\{(?P<name>align\*?|gather\*?|equation\*?)\}.+?\\end\{(?P=name)\})",
    flags=re.DOTALL | re.MULTILINE,
)


def formulas(markdown: str) -> list[tuple[str, bool]]:
    """The ``(latex, display)`` formulas of a MyST page, outside code blocks (a plain reading: enough to measure)."""
    text = re.sub(r"^```(?!\{math\}).*?^```", "", markdown, flags=re.DOTALL | re.MULTILINE)
    found = []
    for match in _MATH.finditer(text):
        latex = match["display"] or match["directive"] or match["env"]
        found.append((latex.strip(), True) if latex else (match["inline"], False))
    return found


def _well_formed(markup: str) -> bool:
    try:
        ET.fromstring(markup)
    except ET.ParseError:
        return False
    return True


def _latex2mathml(latex: str, display: bool) -> str:
    from latex2mathml.converter import convert  # only this comparison needs it

    return convert(latex, display="block" if display else "inline")


def _measure(
    name: str, run: Callable[[list[tuple[str, bool]]], list[str | Exception]], items: list[tuple[str, bool]]
) -> tuple[list[str | Exception], str]:
    start = time.perf_counter()
    results = run(items)
    seconds = time.perf_counter() - start
    markup = "".join(r for r in results if isinstance(r, str)).encode()
    failed = sum(isinstance(r, Exception) or "merror" in r or not _well_formed(r) for r in results)
    row = (
        f"| {name} | {len(items) - failed} of {len(items)} | {seconds:.2f} s | {len(markup):,} B"
        f" | {len(gzip.compress(markup, 9, mtime=0)):,} B |"
    )
    return results, row


def _one_by_one(items: list[tuple[str, bool]]) -> list[str | Exception]:
    results: list[str | Exception] = []
    for latex, display in items:
        try:
            results.append(_latex2mathml(latex, display))
        except Exception as error:  # a failure is what is counted
            results.append(error)
    return results


def _pandoc(items: list[tuple[str, bool]]) -> list[str | Exception]:
    return list(mathml.convert(items))


def main() -> None:
    output = Path(sys.argv[1])
    support = formulas((ROOT / "tests" / "math-support.md").read_text(encoding="utf-8"))
    site = [f for page in sorted((ROOT / "docs").glob("*.md")) for f in formulas(page.read_text(encoding="utf-8"))]
    print("| converter | formulas converted | time | MathML | MathML, gzip |")
    print("| --- | --- | --- | --- | --- |")
    shown: dict[str, list[str | Exception]] = {}
    for label, items in (("math support page", support), ("the site's pages", site)):
        for name, run in (("latex2mathml", _one_by_one), ("pandoc (the site)", _pandoc)):
            results, row = _measure(f"{name}, {label}", run, items)
            print(row)
            if label == "math support page":
                shown[name] = results
    font = mathml.font_subset(
        mathml.shown_characters("".join(r for r in shown["pandoc (the site)"] if isinstance(r, str))) | {"\u221a"}
    )
    cells = "".join(
        "<tr>" + "".join(f"<td>{r if isinstance(r, str) else html.escape(f'error: {r}')}</td>" for r in pair) + "</tr>"
        for pair in zip(*shown.values(), strict=True)
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "math.woff2").write_bytes(font)
        (root / "index.html").write_text(
            "<!doctype html><html><head><meta charset='utf-8'><style>"
            "@font-face { font-family: 'site math'; src: url('math.woff2') format('woff2'); }"
            "math { font-family: 'site math', math; }"
            "body { font: 18px sans-serif; margin: 16px; } td { padding: 8px 16px; border-bottom: 1px solid #ddd; }"
            "</style></head><body><table><tr><th>latex2mathml</th><th>pandoc (the site)</th></tr>"
            f"{cells}</table></body></html>",
            encoding="utf-8",
        )
        with serving(root) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 800}, device_scale_factor=1)
            page.goto(f"{origin}/index.html")
            page.evaluate("() => document.fonts.ready")
            page.locator("table").screenshot(path=str(output))
            browser.close()
    print(f"\nscreenshot: {output}")


if __name__ == "__main__":
    main()
