"""Run Lighthouse (mobile) on pages of a built site; print the scores and every failing audit.

Usage: ``python scripts/audit.py HTML LIGHTHOUSE [PAGE ...]``, as ``nox -s audit``
runs it: HTML is the built site, LIGHTHOUSE the lighthouse executable, and the
pages default to every top-level page but the search, and the largest API entry. Exits non-zero when a
page scores below 100 in some category.

Lighthouse's performance score varies from run to run, most of all its total
blocking time on a busy machine; as Lighthouse's documentation on variability
recommends, each page is audited RUNS times (the environment variable
``RELU_AUDIT_RUNS``, default 3) and the run with the median performance score
is reported, with the range of the performance scores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from serve_site import INSTALL_CHROMIUM, find_chromium, serving

RUNS = int(os.environ.get("RELU_AUDIT_RUNS", "3"))
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


def main() -> int:
    html, lighthouse, *pages = sys.argv[1:]
    chromium = find_chromium()
    if chromium is None:
        print(f"Lighthouse needs Chromium: {INSTALL_CHROMIUM}", file=sys.stderr)
        return 2
    if not pages:  # every top-level page but the search, and the largest API entry
        pages = sorted(p.name for p in Path(html).glob("*.html") if p.name != "search.html")
        entries = sorted(Path(html, "api", "generated").glob("*.html"), key=lambda p: p.stat().st_size)
        pages += [p.relative_to(html).as_posix() for p in entries[-1:]]
    failed = False
    with serving(html) as origin, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        for page in pages:
            runs = []
            for _ in range(RUNS):
                subprocess.run(
                    [
                        lighthouse,
                        f"{origin}/{page}",
                        f"--chrome-path={chromium}",
                        f"--chrome-flags={FLAGS} --disable-sync --no-first-run",
                        "--output=json",
                        f"--output-path={report}",
                        "--quiet",
                    ],
                    check=True,
                )
                runs.append(json.loads(report.read_text(encoding="utf-8")))
            runs.sort(key=lambda r: r["categories"]["performance"]["score"])
            result = runs[len(runs) // 2]
            scores = {key: round(100 * c["score"]) for key, c in result["categories"].items()}
            spread = sorted(round(100 * r["categories"]["performance"]["score"]) for r in runs)
            print(f"{page}: " + ", ".join(f"{key} {score}" for key, score in scores.items()), end="")
            print(f" (median of {len(runs)} runs; performance {spread[0]} to {spread[-1]})" if len(runs) > 1 else "")
            for key, category in result["categories"].items():
                for ref in category["auditRefs"]:
                    audit = result["audits"][ref["id"]]
                    if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                        print(f"    {key}: {audit['title']} ({audit.get('displayValue', '')}, score {audit['score']})")
            failed |= any(score < 100 for score in scores.values())
    if failed:
        print("a page scored below 100 in some category", file=sys.stderr)
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
