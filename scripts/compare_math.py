#!/usr/bin/env python3
"""Compare ways of putting the site's math on a page: bytes, and a screenshot in Chromium.

The same expressions, taken from the article, are rendered three ways:

- ``mathml-plain``: latex2mathml's MathML as it comes, in whatever fonts the
  browser finds on the machine;
- ``mathml-font``: the site's way (``docs/_ext/mathml.py``): corrected MathML
  in a subset of STIX Two Math that the page serves;
- ``svg``: ziamath's SVG, drawn from the same font at build time (a page would
  also need the MathML, or at least the LaTeX, for screen readers and copying).

It prints a Markdown table of bytes (raw and gzip, markup and font) and writes
one screenshot with a column per approach. ``CONTRIBUTING.md`` records a run.

Run it with ``nox -s mathcompare -- OUTPUT.png``.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

import mathml  # the site's converter, docs/_ext/mathml.py (nox -s mathcompare puts it on the path)
from latex2mathml.converter import convert
from playwright.sync_api import sync_playwright
from serve_site import find_chromium, serving

EXPRESSIONS = [
    r"f'(a) = \lim_{h \to 0} \frac{f(a + h) - f(a)}{h}",
    r"f'_{-}(a) = \lim_{h \to 0^-} \frac{f(a + h) - f(a)}{h}",
    r"\mathrm{relu}'(0) = s, \quad \mathrm{relu}(x) - \mathrm{relu}(-x) = x",
    r"\partial\,\mathrm{relu}(x) = \begin{cases} \{0\} & x < 0,\\ [0, 1] & x = 0,\\ \{1\} & x > 0 \end{cases}",
    r"0 < \mathrm{softplus}_\beta(x) - \mathrm{relu}(x) \le \frac{\log 2}{\beta}",
    r"\mathrm{softplus}_\beta'(x) = \sigma(\beta x)",
]


def main() -> None:
    from ziamath.zmath import Latex  # imported here: it warns about a deprecated importlib call when imported

    output = Path(sys.argv[1])
    plain = [convert(e, display="block") for e in EXPRESSIONS]
    corrected = [mathml.mathml(e, display=True) for e in EXPRESSIONS]
    svgs = [Latex(e, size=22).svg() for e in EXPRESSIONS]
    font = mathml.font_subset(mathml.shown_characters("".join(corrected)))
    rows = {
        "mathml-plain": "".join(plain),
        "mathml-font": "".join(corrected),
        "svg": "".join(svgs),
    }
    print("| approach | markup, raw | markup, gzip | font (WOFF2) |")
    print("| --- | --- | --- | --- |")
    for name, markup in rows.items():
        raw = len(markup.encode())
        packed = len(gzip.compress(markup.encode(), 9, mtime=0))
        print(f"| {name} | {raw:,} B | {packed:,} B | {f'{len(font):,} B' if name == 'mathml-font' else '-'} |")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "math.woff2").write_bytes(font)
        cells = "".join(
            f"<tr><td>{p}</td><td class='font'>{c}</td><td>{s}</td></tr>"
            for p, c, s in zip(plain, corrected, svgs, strict=True)
        )
        (root / "index.html").write_text(
            "<!doctype html><html><head><meta charset='utf-8'><style>"
            "@font-face { font-family: 'site math'; src: url('math.woff2') format('woff2'); }"
            ".font math { font-family: 'site math', math; }"
            "body { font: 18px sans-serif; margin: 16px; } td { padding: 8px 16px; border-bottom: 1px solid #ddd; }"
            "th { text-align: left; padding: 8px 16px; }"
            "</style></head><body><table><tr><th>mathml-plain</th><th>mathml-font (the site)</th><th>svg</th></tr>"
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
