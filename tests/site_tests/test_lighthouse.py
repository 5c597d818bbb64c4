"""Lighthouse report (node_modules/lighthouse as locked, Debian's chromium): performance, accessibility, best
practices and SEO of the home page and the largest paper page in both languages, served under the sub-path
and gzip-compressed as GitHub Pages serves them.
A report, not a gate: scores are printed and written to build/lighthouse/ (HTML and JSON per page, and
summary.json), which CI keeps as an artifact; the test fails only when Lighthouse itself fails."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT
from site_tests.pages import page_kinds
from site_tests.serve import serve
from site_tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "build" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _lighthouse(url: str, out: str) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(
        [shutil.which("node") or "node", str(LIGHTHOUSE), url, "--quiet",
         "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
         "--only-categories=" + ",".join(CATEGORIES),
         "--output=json", "--output=html", f"--output-path={REPORTS / out}"],
        env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((REPORTS / f"{out}.report.json").read_text(encoding="utf-8"))
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


def test_lighthouse_report_for_home_and_paper_pages(built_site, capsys):
    kinds = page_kinds(built_site)
    pages = {f"{lang}-{name}": kinds[(lang, kind)][0]
             for lang in ("zh", "en") for name, kind in (("home", "home"), ("paper", "papers/*/"))}
    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir(parents=True)
    summary = {}
    with serve(built_site, compress=True) as base:  # compressed, as GitHub Pages serves it
        for name, path in pages.items():
            report = _lighthouse(base + path, name)
            summary[name] = {"path": "/" + path,
                             **{c: report["categories"][c]["score"] for c in CATEGORIES},
                             "warnings": report.get("runWarnings", [])}
    (REPORTS / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    with capsys.disabled():
        print(f"\nLighthouse (reports in {REPORTS.relative_to(ROOT)}/):")
        print(f"  {'page':10} " + " ".join(f"{c:>14}" for c in CATEGORIES))
        for name, row in summary.items():
            scores = " ".join(f"{'n/a' if row[c] is None else round(row[c] * 100):>14}" for c in CATEGORIES)
            print(f"  {name:10} {scores}  {row['path']}")
    assert set(summary) == {"zh-home", "zh-paper", "en-home", "en-paper"}
