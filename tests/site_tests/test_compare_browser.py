"""The comparison tables in a real browser (Debian's chromium through Playwright): sort a column,
filter, reload from the address and find the same state, download the CSV (BOM and a row)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from papersite.build import load_corpus
from site_tests.serve import serve
from site_tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(built_site):
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with serve(built_site) as base, playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(accept_downloads=True)
        page.base = base
        yield page
        browser.close()


def _visible(page, table: str, column: int) -> list[str]:
    return page.eval_on_selector_all(
        f"#{table} tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{column}].getAttribute('data-sort') ?? r.cells[{column}].textContent.trim())")


def test_sort_filter_reload_from_the_address_and_download(page, tmp_path):
    page.goto(page.base + "compare/statistics/")
    page.wait_for_selector("#table-statistics[data-ready]")
    # Sort by value (column 2): numbers ascending, not-stated last (the ledger always has values).
    page.click("#table-statistics th[data-col=value] button")
    # The first sort of a table longer than its page fetches every row first (compare_scale.py).
    page.wait_for_selector("#table-statistics th[data-col=value][aria-sort=ascending]")
    values = _visible(page, "table-statistics", 2)
    assert values == sorted(values, key=float) and len(values) > 10
    page.click("#table-statistics th[data-col=value] button")
    page.wait_for_selector("#table-statistics th[data-col=value][aria-sort=descending]")
    assert _visible(page, "table-statistics", 2) == sorted(values, key=float, reverse=True)
    # Sort by period (its first year): numeric, not-stated ('') last in either direction.
    page.click("#table-statistics th[data-col=period] button")
    page.wait_for_selector("#table-statistics th[data-col=period][aria-sort=ascending]")
    years = _visible(page, "table-statistics", 1)
    stated = [y for y in years if y]
    assert years == stated + [""] * (len(years) - len(stated)) and stated == sorted(stated, key=int)
    # Filter.
    page.fill("#table-statistics-filter", "2023")
    shown = page.eval_on_selector_all("#table-statistics tbody tr:not([hidden])", "rows => rows.map(r => r.id)")
    texts = page.eval_on_selector_all("#table-statistics tbody tr:not([hidden])", "rows => rows.map(r => r.textContent)")
    assert shown and all("2023" in text for text in texts)
    assert page.eval_on_selector_all("#table-statistics tbody tr[hidden]", "rows => rows.length") > 0
    assert "statistics-q=2023" in page.url and "statistics-sort=period" in page.url
    # Reload from the address: the same rows, in the same order, and the same controls.
    page.goto(page.url)
    page.wait_for_selector("#table-statistics[data-ready]")
    assert page.input_value("#table-statistics-filter") == "2023"
    assert page.get_attribute("#table-statistics th[data-col=period]", "aria-sort") == "ascending"
    assert page.eval_on_selector_all("#table-statistics tbody tr:not([hidden])", "rows => rows.map(r => r.id)") == shown
    # Download the CSV beside the table.
    with page.expect_download() as download:
        page.click("a.table-download[href$='statistics.csv']")
    path = tmp_path / "statistics.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,")
    first = load_corpus(ROOT).papers[0]
    figure = (first["statistics"] or [f for case in first["cases"] for f in case["figures"]])[0]
    row = next(line for line in data.decode("utf-8-sig").splitlines() if line.startswith(f"{first['slug']}--{figure['id']},"))
    assert first["slug"] in row


def test_english_page_sorts_a_matrix_and_keeps_row_anchors(page):
    page.goto(page.base + "en/compare/mechanisms/?mechanisms-sort=papers-raising&mechanisms-dir=desc#theme-data-flows")
    page.wait_for_selector("#table-mechanisms[data-ready]")
    counts = _visible(page, "table-mechanisms", 1)
    assert counts == sorted(counts, key=int, reverse=True)
    assert page.eval_on_selector("#theme-data-flows", "e => e.tagName") == "TR"
    assert page.locator("#heatmap-mechanisms svg title").first.text_content().startswith("Mechanisms")
