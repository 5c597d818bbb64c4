"""Real browser checks in Debian's chromium (driven by Playwright, never a downloaded browser): search finds
every page with a Chinese or English word and only those, works from the keyboard, and no page of any kind
requests anything outside the site."""
from __future__ import annotations

import html as htmllib
import re

import pytest

from conftest import ROOT
from papersite.build import load_corpus

pytestmark = pytest.mark.browser




def _search(page, query: str) -> list[str]:
    """Type a query into the search box and return the links of every result (all pages of them)."""
    page.locator(".md-search__input").first.click()
    # fill() inserts the whole text at once, as an input method commits a Chinese word.
    page.fill("input.md-search__input", query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # Results are shown ten at a time, and more as the list is scrolled to its end.
    count = _result_count(page)
    for _ in range(50):
        shown = page.locator(".md-search-result__item").count()
        if shown >= count:
            break
        page.eval_on_selector("[data-site-search-scroll]",
                              "el => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); }")
        page.wait_for_function(f"document.querySelectorAll('.md-search-result__item').length > {shown}")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")
    assert len(hrefs) == count, (count, hrefs)
    return hrefs


def _result_count(page) -> int:
    """The number in "12 个符合条件的结果" / "12 matching documents" (1 for "1 matching document")."""
    number = re.search(r"\d+", page.inner_text(".md-search-result__meta"))
    return int(number.group(0)) if number else 1


def _indexed_text(html: str) -> str | None:
    """The text of a built page as the search index holds it: the data-pagefind-body element without the
    parts marked data-pagefind-ignore, the charts and the ¶ links."""
    # Greedy: the indexed article holds articles of its own (the paper cards), so it ends at the last </article>.
    body = re.search(r"<article [^>]*data-pagefind-body[^>]*>(.*)</article>", html, re.S)
    if body is None:
        return None
    text = re.sub(r"<(table|form) [^>]*data-pagefind-ignore.*?</\1>|<svg.*?</svg>", " ", body.group(1), flags=re.S)
    text = re.sub(r'<a class="(?:headerlink|item-link)".*?</a>|<[^>]+>', " ", text, flags=re.S)
    return re.sub(r"\s+", " ", htmllib.unescape(text))


def _pages_containing(built_site, term: str, english: bool) -> set[str]:
    found = set()
    for path in built_site.rglob("index.html"):
        rel = path.relative_to(built_site).parent.as_posix()
        if (rel == "en" or rel.startswith("en/")) != english:
            continue
        text = _indexed_text(path.read_text(encoding="utf-8"))
        if text is None:
            continue
        if re.search(rf"\b{re.escape(term)}\b", text, re.I) if english else term in text.replace(" ", ""):
            found.add("" if rel == "." else rel + "/")
    return found


# Chinese words the search must find exactly: every page that contains the word, and no page that has
# only its parts far apart (服务 here, 贸易 there, for 服务贸易). Pagefind segments the index and the
# query alike; the search box asks for the word as a phrase first (docs/assets/search.js).
CHINESE_WORDS = ["数字贸易", "新质生产力", "跨境电商", "数据要素", "服务贸易", "海外仓", "贸易强国", "数字丝绸之路",
                 "人工智能", "供应链"]
# English words find at least every page that contains them (the stemmer also finds digitally for digital).
ENGLISH_WORDS = ["digital", "productive", "e-commerce", "warehouses"]


@pytest.mark.parametrize("query", CHINESE_WORDS + ENGLISH_WORDS)
def test_search_finds_every_page_with_the_word_in_the_reader_s_language(browser, base_url, built_site, query):
    english = query.isascii()
    page = browser.new_page()
    page.goto(base_url + ("en/" if english else ""))
    found = {href.split("?")[0].removeprefix(base_url) for href in _search(page, query)}
    page.close()
    expected = _pages_containing(built_site, query, english)
    assert expected, f"no page contains {query}: the test needs another word"
    if english:
        assert expected <= found, sorted(expected - found)
        assert all(href.startswith("en/") for href in found), found
    else:
        assert found == expected, (sorted(expected - found), sorted(found - expected))


def test_search_from_the_keyboard_opens_a_result_with_the_words_marked(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    page.keyboard.press("/")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("跨境电商")
    # Typing searches 跨, 跨境, … on the way; the results of a shorter query stay until the whole
    # word's arrive, and their links carry the words they were found for.
    page.wait_for_function("""() => {
        const link = document.querySelector(".md-search-result__link");
        return link !== null && new URL(link.href).searchParams.getAll("h").join("") === "跨境电商";
    }""")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert first == page.eval_on_selector(".md-search-result__link", "a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    page.wait_for_selector("mark")
    assert "跨境电商" in "".join(page.eval_on_selector_all("mark", "els => els.map(e => e.textContent)"))
    page.keyboard.press("s")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.close()


def test_escape_right_after_opening_leaves_the_search_closed(browser, base_url):
    # A fast typist's s then Escape can both arrive before the dialog's deferred focus runs;
    # that focus must not open the dialog again (this once failed CI).
    page = browser.new_page()
    page.goto(base_url)
    page.evaluate("""async () => {
        for (const key of ["s", "Escape"]) {
            document.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true, cancelable: true}));
        }
        // Timers run in the order they were set: this one after the dialog's deferred focus.
        await new Promise(resolve => setTimeout(resolve, 10));
    }""")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate("document.activeElement.matches('.md-search__input')")
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
