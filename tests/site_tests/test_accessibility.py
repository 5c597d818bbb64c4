"""Accessibility: axe-core (node_modules, as locked) injected into every kind of page of the real site, in
both languages, at a desktop and a phone width, in Debian's chromium. Zero violations: no rule is
disabled; Material's defaults are fixed in docs/overrides/ and docs/assets/site.css."""
from __future__ import annotations

import asyncio

import pytest

from conftest import ROOT
from site_tests.pages import page_kinds, pages_to_check
from site_tests.serve import serve
from site_tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Up to this many pages of a kind at the desktop width (the comparison pages differ from one another),
# largest first; the phone width, where the layout differs but not the content, on one page of each.
PER_KIND = 4

_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ') +
    (v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''));
}"""


# Pages checked at once: axe is CPU-bound in the page, so two tabs keep two cores busy.
CONCURRENT = 2


async def _check(browser, url: str, viewports: list[str], search: str | None = None) -> dict[str, list[str]]:
    """{viewport name: violations} for one page, loaded once and resized; with `search`, checked with the
    search dialog open and that query's results in it."""
    page = await browser.new_page(viewport=VIEWPORTS[viewports[0]])
    try:
        await page.goto(url)  # waits for "load": Material's scripts have built the page (tabs, TOC)
        if search:
            await page.click("label.md-header__button[for=__search]" if viewports[0] == "phone" else ".md-search__input")
            await page.fill("input.md-search__input", search)
            await page.wait_for_selector(".md-search-result__item")
        await page.add_script_tag(path=str(AXE))
        found = {}
        for name in viewports:
            await page.set_viewport_size(VIEWPORTS[name])
            found[name] = await page.evaluate(_RUN_AXE)
        return found
    finally:
        await page.close()


def _violations(jobs: list[tuple]) -> list[dict[str, list[str]]]:
    """Runs axe on each (url, viewports[, search query]) in Debian's chromium; results in the order of the jobs."""
    playwright_async = pytest.importorskip("playwright.async_api")

    async def run():
        async with playwright_async.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            slots = asyncio.Semaphore(CONCURRENT)

            async def one(*job):
                async with slots:
                    return await _check(browser, *job)
            try:
                return await asyncio.gather(*(one(*job) for job in jobs))
            finally:
                await browser.close()
    return asyncio.run(run())


def test_every_kind_of_page_is_found_in_both_languages(built_site):
    kinds = set(page_kinds(built_site))
    expected = {(lang, kind) for lang in ("zh", "en")
                for kind in ("home", "papers/", "papers/*/", "glossary/", "guide/", "contributing/")}
    assert expected | {("zh", "404.html")} <= kinds


def test_axe_finds_a_planted_violation(tmp_path):
    """The check can fail: an image without alt text and an unnamed button are reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="x.png"><button></button></main></body></html>', encoding="utf-8")
    with serve(tmp_path) as base:
        [found] = _violations([(base, ["desktop"])])
    assert sorted(v.split(" ")[0] for v in found["desktop"]) == ["button-name", "image-alt"]


def test_no_axe_violation_on_any_kind_of_page(built_site):
    on_phone = set(pages_to_check(built_site, 1))
    paths = pages_to_check(built_site, PER_KIND)
    with serve(built_site) as base:
        results = _violations([(base + path, ["desktop", "phone"] if path in on_phone else ["desktop"])
                               for path in paths])
    found = [f"/{path} ({name}): {v}" for path, result in zip(paths, results)
             for name, violations in result.items() for v in violations]
    assert found == [], "\n".join(found)


def test_no_axe_violation_with_search_results_open(built_site):
    jobs = [(path, [viewport], query) for path, query in (("", "数字贸易"), ("en/", "digital"))
            for viewport in ("desktop", "phone")]
    with serve(built_site) as base:
        results = _violations([(base + path, viewports, query) for path, viewports, query in jobs])
    found = [f"/{path} ({name}, search {query}): {v}" for (path, _, query), result in zip(jobs, results)
             for name, violations in result.items() for v in violations]
    assert found == [], "\n".join(found)
