"""Two papers side by side (compare/pair/) in Debian's chromium, both languages, phone and desktop: the pair
in the address is shown, theme by theme, each entry a link to an item that exists on its paper's page;
choosing another paper updates the table and the address; the same paper twice is refused in words."""
from __future__ import annotations

import re
import urllib.parse

import pytest

from conftest import ROOT
from papersite.build import load_corpus

pytestmark = pytest.mark.browser

CORPUS = load_corpus(ROOT)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _ids(built_site, lang: str, slug: str) -> set[str]:
    html = (built_site / ("en" if lang == "en" else "") / "papers" / slug / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'\sid="([^"]+)"', html))


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_linked_pair_is_shown_theme_by_theme_with_links_to_both_papers(browser, base_url, built_site, lang, viewport):
    a, b = "liu-nd-digital-trade-reform", "npf-digital-trade-2025"
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    page.goto(base_url + ("en/" if lang == "en" else "") + f"compare/pair/?a={a}&b={b}")
    page.wait_for_selector("#pair-table")
    assert page.input_value("#pair-a") == a and page.input_value("#pair-b") == b
    heads = page.eval_on_selector_all("#pair-table thead th a", "els => els.map(e => e.textContent)")
    assert heads == [CORPUS.papers_by_slug[a]["title"][lang], CORPUS.papers_by_slug[b]["title"][lang]]
    themes = page.eval_on_selector_all("#pair-table tbody th", "els => els.map(e => e.textContent)")
    labels = {theme["label"][lang] for theme in CORPUS.themes}
    assert themes and labels & set(themes)
    hrefs = page.eval_on_selector_all("#pair-table tbody a", "els => els.map(e => e.href)")
    assert len(hrefs) > 20
    ids = {slug: _ids(built_site, lang, slug) for slug in (a, b)}
    for href in hrefs:
        parts = urllib.parse.urlsplit(href)
        slug, anchor = parts.path.rstrip("/").rsplit("/", 1)[-1], parts.fragment
        assert slug in (a, b), href
        assert anchor in ids[slug], href
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_choosing_another_paper_updates_the_table_and_the_address(browser, base_url, lang):
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(base_url + ("en/" if lang == "en" else "") + "compare/pair/")
    page.wait_for_selector("#pair-table")
    page.select_option("#pair-b", "zhou-nd-digital-trade-paths")
    page.wait_for_function("""() => [...document.querySelectorAll('#pair-table thead th a')]
        .some(a => a.getAttribute('href').includes('zhou-nd-digital-trade-paths'))""")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query["b"] == ["zhou-nd-digital-trade-paths"] and query["a"] == [page.input_value("#pair-a")]
    page.select_option("#pair-a", "zhou-nd-digital-trade-paths")
    page.wait_for_function("document.querySelector('.pair-status').textContent.length > 0")
    assert page.locator("#pair-table").count() == 0
    page.close()
