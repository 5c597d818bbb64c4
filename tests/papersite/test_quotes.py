"""Every quote in content/ is found verbatim (whitespace aside) in its source; a missing quote is named."""
import pytest

from conftest import ROOT, SOURCES
from papersite.load import load_content
from papersite.quotes import check_quotes


def test_missing_quote_and_missing_source_are_named(tmp_path):
    (tmp_path / "a.txt").write_text("数字贸易\n增长迅速。", encoding="utf-8")
    papers = {
        "content/papers/x.yaml": {"source_text": "a.txt", "arguments": [
            {"evidence": [{"quote": "数字 贸易增长", "locator": "sec-1"}, {"quote": "不存在", "locator": "sec-1"}]}]},
        "content/papers/y.yaml": {"source_text": "missing.txt"},
    }
    problems, checked = check_quotes(papers, tmp_path)
    assert checked == 2
    assert [str(p) for p in problems] == [
        "content/papers/x.yaml: arguments[0].evidence[1].quote: expected a verbatim passage of a.txt, got '不存在'",
        f"content/papers/y.yaml: source_text: expected a file in {tmp_path}, got 'missing.txt'",
    ]


@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"source texts not found at {SOURCES}: quote check skipped")
def test_every_quote_in_content_is_in_its_source():
    raw = load_content(ROOT / "content", ROOT)
    problems, checked = check_quotes(raw.papers, SOURCES)
    assert [str(p) for p in problems] == []
    assert checked > 500
