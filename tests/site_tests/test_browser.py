"""Real browser checks in Debian's chromium (driven by Playwright, never a downloaded browser): search finds
Chinese and English words, and no page of any kind requests anything outside the site."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from papersite.build import load_corpus
from site_tests.serve import serve

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium from calling Google's services on start (these machines have no network).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve(built_site) as base:
        yield base


def _search(page, query: str) -> list[str]:
    page.wait_for_load_state("networkidle")  # the search index has arrived
    page.locator(".md-search__input").first.click()
    page.fill("input.md-search__input", query)
    # Material searches on keyup (so IME composition is not searched half-typed); filling inserts
    # the text without key events, as an IME commit does, so send the keyup a real keyboard sends.
    page.dispatch_event("input.md-search__input", "keyup")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("query", ["数字贸易", "新质生产力", "跨境电商", "digital", "productive"])
def test_search_finds_chinese_and_english_words(browser, base_url, query):
    page = browser.new_page()
    page.goto(base_url)
    hrefs = _search(page, query)
    assert any("/papers/" in href for href in hrefs), hrefs
    page.close()


def _page_kinds() -> list[str]:
    slug = load_corpus(ROOT).papers[0]["slug"]
    pages = ["", "papers/", f"papers/{slug}/", "glossary/", "guide/", "contributing/", "404.html"]
    return pages + [f"en/{p}" for p in pages if p != "404.html"]


def test_no_page_requests_anything_outside_the_site_or_fails_a_request(browser, base_url):
    outside: list[str] = []
    for path in _page_kinds():
        page = browser.new_page()
        page.on("request", lambda request, path=path: outside.append(f"{path}: {request.url}")
                if not request.url.startswith(base_url) and not request.url.startswith("data:") else None)
        page.on("response", lambda response, path=path: outside.append(f"{path}: HTTP {response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        if path in ("", "en/"):
            _search(page, "数字贸易")
            page.wait_for_load_state("networkidle")
        page.close()
    assert outside == []
