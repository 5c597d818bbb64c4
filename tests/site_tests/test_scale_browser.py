"""A comparison table longer than its page, in Debian's chromium: the site is built with pages of 8 rows
(PAPERSITE_TABLE_ROWS), as a large corpus's tables are cut at 100. The page shows its first rows;
"show all", a filter, a sort, an address with a filter in it, or a link to a row the page lacks fetches
every row, and the reader sees the whole table's answer; on a phone the first view does not overflow."""
from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from conftest import MKDOCS, copy_project
from site_tests.serve import serve

pytestmark = pytest.mark.browser
ROWS = 8


@pytest.fixture(scope="module")
def small_pages_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("rows"))
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1", PAPERSITE_TABLE_ROWS=str(ROWS))
    site = project / "site"
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="module")
def base(small_pages_site):
    with serve(small_pages_site) as url:
        yield url


def _all_rows(site, lang: str) -> list[str]:
    return json.loads((site / "data" / lang / "statistics.rows.json").read_text(encoding="utf-8"))["rows"]


def _text(row_html: str) -> str:
    """A row's first cell as the reader sees it (what the filter matches)."""
    cell = re.search(r"<td[^>]*>(.*?)</td>", row_html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("#table-statistics tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_all_fetches_every_row(browser, base, small_pages_site, lang):
    total = len(_all_rows(small_pages_site, lang))
    assert total > ROWS
    page = browser.new_page()
    page.goto(base + ("en/" if lang == "en" else "") + "compare/statistics/")
    page.wait_for_selector("#table-statistics[data-ready]")
    assert len(_shown(page)) == ROWS
    page.click(".table-filter .rows-button")
    page.wait_for_function(f"document.querySelectorAll('#table-statistics tbody tr').length === {total}")
    assert len(_shown(page)) == min(total, 200)
    page.close()


def test_a_filter_and_a_sort_answer_for_the_whole_table(browser, base, small_pages_site):
    rows = _all_rows(small_pages_site, "zh")
    last_id = re.search(r'<tr id="([^"]+)"', rows[-1]).group(1)
    page = browser.new_page()
    page.goto(base + "compare/statistics/")
    page.wait_for_selector("#table-statistics[data-ready]")
    assert last_id not in _shown(page)
    page.fill("#table-statistics-filter", _text(rows[-1]))  # what the last row says
    page.wait_for_function(f"document.querySelectorAll('#table-statistics tbody tr').length === {len(rows)}")
    assert last_id in _shown(page)
    page.fill("#table-statistics-filter", "")
    page.click("#table-statistics th[data-col=value] button")
    page.wait_for_selector("#table-statistics th[data-col=value][aria-sort=ascending]")
    values = page.evaluate("""() => {
        const index = [...document.querySelectorAll('#table-statistics thead th')].findIndex(th => th.dataset.col === 'value');
        return [...document.querySelectorAll('#table-statistics tbody tr:not([hidden])')]
            .map(r => parseFloat(r.cells[index].getAttribute('data-sort'))).filter(v => !isNaN(v));
    }""")
    assert values == sorted(values) and len(values) == min(len(rows), 200)
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_link_to_a_row_the_page_lacks_fetches_and_shows_it(browser, base, small_pages_site, lang):
    rows = _all_rows(small_pages_site, lang)
    last_id = re.search(r'<tr id="([^"]+)"', rows[-1]).group(1)
    prefix = base + ("en/" if lang == "en" else "") + "compare/statistics/"
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(prefix)
    page.wait_for_selector("#table-statistics[data-ready]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # A later jump within the page, then a fresh visit to the link.
    page.evaluate(f"location.hash = '#{last_id}'")
    page.locator(f"[id='{last_id}']").wait_for(state="visible")
    page.close()
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(prefix + "#" + last_id)
    page.wait_for_selector("#table-statistics[data-ready]")
    target = page.locator(f"[id='{last_id}']")
    target.wait_for(state="visible")
    assert last_id in _shown(page) and 0 <= target.bounding_box()["y"] < 844
    page.close()
