"""Print: a paper page and a reading list printed to PDF by Debian's chromium (Playwright page.pdf)
hold the title and an evidence quote, print link addresses after link text, and carry none of the
navigation (tabs, sidebars, search, footer). Text is read back with pypdf."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest

from conftest import ROOT
from papersite.build import load_corpus
from site_tests.serve import serve
from site_tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printed(built_site):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    pypdf = pytest.importorskip("pypdf")

    def to_text(path: str) -> str:
        with serve(built_site) as base, playwright_sync.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            pdf = page.pdf(format="A4")
            browser.close()
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        return "\n".join(p.extract_text() for p in reader.pages)
    return to_text


# Simplified forms that PDF text extraction reads back as CJK Radicals Supplement code points (⻢ for 马),
# which NFKC does not fold.
_RADICALS = str.maketrans("⻢⺠⻅⻓⻔⻋⻛⻜⻝⻩⻥⻦⻬⻮⻰⻳⺟⻉⻚⻘⻣⻤⻨", "马民见长门车风飞食黄鱼鸟齐齿龙龟母贝页青骨鬼麦")


def _squeeze(text: str) -> str:
    # NFKC: PDF text extraction maps some CJK glyphs to Kangxi radicals (⽣ for 生).
    return "".join(unicodedata.normalize("NFKC", text).translate(_RADICALS).split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_printed_paper_page_has_title_and_evidence_and_no_navigation(printed, lang):
    corpus = load_corpus(ROOT)
    paper = corpus.papers_by_slug["sui-nd-npf-foreign-trade"]
    text = printed(("en/" if lang == "en" else "") + f"papers/{paper['slug']}/")
    flat = _squeeze(text)
    assert _squeeze(paper["title"][lang]) in flat
    # Evidence is folded on screen; on paper every fold is open.
    quotes = [e["quote"] for item in paper["arguments"] + paper["critical_notes"] for e in item["evidence"] if e.get("quote")]
    assert _squeeze(quotes[0]) in flat and _squeeze(quotes[-1]) in flat
    # Navigation of every kind is gone: nav tabs, the table of contents, search, footer.
    # (Words the page content itself never uses: 术语表/Glossary does appear in item links.)
    nav_words = {"zh": ["使用指南", "参与贡献", "更新日志", "目录", "搜索"],
                 "en": ["How to use", "Contributing", "Changelog", "Table of contents", "Search", "Made with"]}[lang]
    for word in nav_words:
        assert _squeeze(word) not in flat, word
    # The DOI link prints its address after its text.
    assert _squeeze(f"(https://doi.org/{paper['doi']})") in flat


def test_a_printed_reading_list_prints_relative_links_as_absolute_addresses(printed):
    text = printed("reading-lists/intro-digital-trade-npf/")
    flat = _squeeze(text)
    # (门 comes out as a CJK radical-supplement glyph that NFKC does not fold; match around it.)
    assert "数字贸易与新质生产力入" in flat and "五篇论文导读" in flat
    assert re.search(r"\(http://127\.0\.0\.1:\d+/npf-digital-trade/papers/npf-digital-trade-2025/\)", flat)
    for word in ("使用指南", "参与贡献", "搜索", "更新日志"):
        assert word not in flat, word
