"""Comparison pages that do not grow with the corpus: past a screen of paper columns a matrix turns round
(papers as rows, counts as cells), and past a page of rows a table keeps its first rows and publishes all
of them for the browser; at a handful of papers nothing changes."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES
from papersite import compare_scale
from papersite.build import load_corpus, render_all


def _corpus_of(tmp_path, copies: int):
    """The valid fixtures plus `copies` copies of the sample paper under new slugs."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "valid", root)
    text = (root / "content" / "papers" / "fixture-2024-sample.yaml").read_text(encoding="utf-8")
    for number in range(copies):
        slug = f"copy-{2000 + number}-sample"
        copy = text.replace("slug: fixture-2024-sample", f"slug: {slug}").replace("year: 2024", f"year: {2000 + number}")
        (root / "content" / "papers" / f"{slug}.yaml").write_text(copy, encoding="utf-8")
    return load_corpus(root)


def test_a_handful_of_papers_keeps_the_tables_as_they_are():
    outputs = render_all(load_corpus(FIXTURES / "valid"), workers=1)
    assert not [path for path in outputs if path.endswith(".rows.json")]
    assert 'data-col="paper-fixture-2024-sample"' in outputs["compare/mechanisms.md"]
    assert "class=\"heatmap\"" in outputs["compare/mechanisms.md"]


def test_many_papers_turn_the_matrices_round_and_drop_the_heat_map(tmp_path):
    corpus = _corpus_of(tmp_path, compare_scale.PAPER_COLUMNS)  # 3 fixtures + 12 copies: 15 columns
    outputs = render_all(corpus, workers=1)
    page = outputs["compare/mechanisms.md"]
    assert 'data-col="paper-' not in page and "class=\"heatmap\"" not in page
    assert 'data-col="paper"' in page and 'data-col="theme-data-flows"' in page
    # One row per paper; a count links to that part of the paper's page.
    assert len(re.findall(r'<tr id="paper-', page)) == len(corpus.papers)
    assert 'href="../../papers/copy-2000-sample/#mechanisms">1</a>' in page
    # The CSV keeps the full matrix, one column per paper.
    header = outputs["data/zh/mechanisms.csv"].splitlines()[0]
    assert header.count("(copy-") == compare_scale.PAPER_COLUMNS


def test_a_long_table_keeps_its_first_rows_and_publishes_all(tmp_path, monkeypatch):
    monkeypatch.setattr(compare_scale, "ROWS", 5)
    corpus = _corpus_of(tmp_path, 10)
    outputs = render_all(corpus, workers=1)
    for lang, page_path, up in (("zh", "compare/statistics.md", "../../"), ("en", "compare/statistics.en.md", "../../../")):
        page = outputs[page_path]
        rows = json.loads(outputs[f"data/{lang}/statistics.rows.json"])
        assert rows["total"] == len(rows["rows"]) > 5
        body = page.split('id="table-statistics"', 1)[1].split("</tbody>", 1)[0]
        assert body.count("<tr id=") == 5
        assert f'data-rows-src="{up}data/{lang}/statistics.rows.json" data-rows-total="{rows["total"]}"' in page
        # The rows file holds the page's rows first, as the page writes them.
        first = re.search(r"(<tr id=.*?</tr>)", body, re.S).group(1)
        assert rows["rows"][0] == first


def test_a_page_holds_no_more_than_its_byte_budget_of_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(compare_scale, "ROW_BYTES", 3_000)
    outputs = render_all(_corpus_of(tmp_path, 10), workers=1)
    rows = json.loads(outputs["data/zh/statistics.rows.json"])["rows"]
    body = outputs["compare/statistics.md"].split('id="table-statistics"', 1)[1].split("</tbody>", 1)[0]
    shown = body.count("<tr id=")
    assert 1 <= shown < compare_scale.ROWS and sum(len(r) for r in rows[:shown]) <= 3_000 < sum(len(r) for r in rows[:shown + 1])
