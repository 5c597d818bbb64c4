"""Reading on a phone and a desktop (Debian's chromium): no page of any kind overflows sideways at 360 px,
every paper page is at most 20,000 px tall at 390 px as first shown, the summary starts above the fold at
1280×900, evidence opens in place by click and keyboard and closes again, a deep link to a quote or to an
item in a folded section opens it and scrolls to it, and the show-all switch opens and closes every fold."""
from __future__ import annotations

import pytest

from conftest import ROOT
from papersite.build import load_corpus
from site_tests.pages import page_kinds

pytestmark = pytest.mark.browser

MAX_PAPER_HEIGHT = 20_000  # px at 390 px wide, as first shown (folds closed)
CORPUS = load_corpus(ROOT)
SLUGS = [paper["slug"] for paper in CORPUS.papers]


def _prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


def _first_quoted(paper: dict, list_name: str = "arguments") -> str:
    """The anchor of the first evidence entry with a quote of its own in a list."""
    for item in paper[list_name]:
        for index, entry in enumerate(item["evidence"], 1):
            if entry.get("quote"):
                return f"{item['id']}-q{index}"
    raise AssertionError(f"no quote in {list_name}")


def test_no_page_of_any_kind_overflows_sideways_on_a_360_px_phone(browser, base_url, built_site):
    page = browser.new_page(viewport={"width": 360, "height": 780})
    wide = {}
    kinds = page_kinds(built_site)
    assert {kind for _, kind in kinds} >= {"home", "papers/", "papers/*/", "compare/", "compare/*/", "glossary/"}
    for (lang, kind), urls in kinds.items():
        page.goto(base_url + urls[0])
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[f"{lang} {urls[0]}"] = width
    page.close()
    assert wide == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_paper_page_is_at_most_20000_px_tall_on_a_phone(browser, base_url, lang):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    heights = {}
    for slug in SLUGS:
        page.goto(base_url + f"{_prefix(lang)}papers/{slug}/")
        heights[slug] = page.evaluate("document.documentElement.scrollHeight")
    page.close()
    assert {slug: h for slug, h in heights.items() if h > MAX_PAPER_HEIGHT} == {}, heights


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_starts_above_the_fold_on_a_desktop(browser, base_url, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for slug in SLUGS:
        page.goto(base_url + f"{_prefix(lang)}papers/{slug}/")
        top = page.evaluate("document.getElementById('summary').nextElementSibling.getBoundingClientRect().top")
        assert top < 900 - 60, (slug, top)  # the first line of the summary itself is on screen
        byline = page.inner_text(".paper-byline")
        assert CORPUS.papers_by_slug[slug]["focus"][lang] in page.inner_text(".paper-focus")
        assert len(byline) < 200, byline  # not-stated said in a word, not in a note
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_evidence_opens_in_place_by_click_and_keyboard_and_closes_again(browser, base_url, lang):
    paper = CORPUS.papers_by_slug["sui-nd-npf-foreign-trade"]
    anchor = _first_quoted(paper)
    item_id = anchor.rsplit("-q", 1)[0]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + f"{_prefix(lang)}papers/{paper['slug']}/")
    fold = f"#{item_id} details.evidence-fold"
    quote = page.locator(f"#{anchor}")
    assert not quote.is_visible()
    page.click(f"{fold} > summary")
    assert quote.is_visible()
    page.click(f"{fold} > summary")
    assert not quote.is_visible()
    page.focus(f"{fold} > summary")
    page.keyboard.press("Enter")
    assert quote.is_visible()
    page.keyboard.press("Space")
    assert not quote.is_visible()
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deep_link_to_a_quote_opens_it_and_scrolls_to_it(browser, base_url, lang):
    paper = CORPUS.papers_by_slug["liu-nd-digital-trade-reform"]
    anchor = _first_quoted(paper, "recommendations")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + f"{_prefix(lang)}papers/{paper['slug']}/#{anchor}")
    quote = page.locator(f"#{anchor}")
    quote.wait_for(state="visible")
    box = quote.bounding_box()
    assert 0 <= box["y"] < 844, box
    # A later jump within the page (a link to another quote) opens that one too.
    other = _first_quoted(paper, "mechanisms")
    page.evaluate(f"location.hash = '#{other}'")
    page.locator(f"#{other}").wait_for(state="visible")
    assert 0 <= page.locator(f"#{other}").bounding_box()["y"] < 844
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deep_link_into_a_folded_section_opens_it(browser, base_url, lang):
    paper = CORPUS.papers_by_slug["liu-nd-digital-trade-reform"]
    for item_id in (paper["statistics"][0]["id"], paper["critical_notes"][-1]["id"], paper["outline"][3]["id"]):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base_url + f"{_prefix(lang)}papers/{paper['slug']}/#{item_id}")
        target = page.locator(f"[id='{item_id}']")
        target.wait_for(state="visible")
        assert 0 <= target.bounding_box()["y"] < 900, item_id
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_show_all_switch_opens_and_closes_every_fold(browser, base_url, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + f"{_prefix(lang)}papers/npf-digital-trade-2025/")
    switch = page.locator("button.evidence-switch")
    assert switch.is_visible() and switch.get_attribute("aria-pressed") == "false"
    count = "document.querySelectorAll('details.evidence-fold').length"
    opened = "document.querySelectorAll('details.evidence-fold[open]').length"
    assert page.evaluate(count) > 50 and page.evaluate(opened) == 0
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.evaluate(opened) == page.evaluate(count)
    switch.click()
    assert switch.get_attribute("aria-pressed") == "false" and page.evaluate(opened) == 0
    page.close()
