"""Golden output: the generator renders the valid fixture corpus to exactly the committed files in
tests/golden/. After an intended change, regenerate them with UPDATE_GOLDEN=1 and review the diff."""
from __future__ import annotations

import os

import pytest

from conftest import FIXTURES, ROOT
from papersite.build import load_corpus, render_all
from papersite.render import escape, render_paper_page

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def outputs():
    return render_all(load_corpus(FIXTURES / "valid"))


def test_outputs_match_golden_files(outputs):
    if os.environ.get("UPDATE_GOLDEN"):
        for path in GOLDEN.rglob("*"):
            if path.is_file():
                path.unlink()
        for rel, text in outputs.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    golden = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(outputs) == sorted(golden)
    for rel, text in outputs.items():
        expected = (GOLDEN / rel).read_bytes()
        assert (text.encode("utf-8") if isinstance(text, str) else text) == expected, rel


def test_content_cannot_break_tables_or_inject_markup(outputs):
    page = outputs["papers/fixture-2024-sample.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "数字贸易增长 &#124; 迅速" in page
    assert "&#42;星号&#42;" in page


def test_escape_folds_line_breaks_and_escapes_markdown():
    assert escape("a|b <i>*c*</i>\n[d](e)") == "a&#124;b &lt;i&gt;&#42;c&#42;&lt;/i&gt; &#91;d&#93;(e)"
    assert escape("数字\n贸易") == "数字贸易"


def test_rendering_does_not_change_the_corpus():
    corpus = load_corpus(FIXTURES / "valid")
    paper = corpus.papers_by_slug["fixture-2024-sample"]
    before = repr(paper)
    render_paper_page(corpus, paper, "zh")
    assert repr(paper) == before
