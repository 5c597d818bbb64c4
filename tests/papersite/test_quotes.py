"""Every quote in content/ is found verbatim (whitespace aside) in its source; a missing quote is named;
every paper stays within the quotation budget, measured as ../shared/tools/source_coverage.py does."""
import importlib.util
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, ROOT, SOURCES
from papersite.coverage import measure
from papersite.load import load_content
from papersite.quotes import check_quotes

BUDGET = FIXTURES / "quotation-budget"
SHARED_TOOL = ROOT.parent / "shared" / "tools" / "source_coverage.py"


def test_missing_quote_and_missing_source_are_named(tmp_path):
    (tmp_path / "a.txt").write_text("数字贸易\n增长迅速。" + "其他内容。" * 20, encoding="utf-8")
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
    figures = {}
    problems, checked = check_quotes(raw.papers, SOURCES, figures)
    assert [str(p) for p in problems] == []
    assert sorted(figures) == sorted(raw.papers)
    assert checked >= 5 * len(raw.papers)


def test_a_summary_over_the_budget_is_named_limit_by_limit():
    papers = {"over-budget.yaml": yaml.safe_load((BUDGET / "over-budget.yaml").read_text(encoding="utf-8"))}
    figures = {}
    problems, checked = check_quotes(papers, BUDGET, figures)
    assert checked == 3  # the pointer is not a quote; the repeated phrase is checked, and counted once
    assert [str(p) for p in problems] == [
        "over-budget.yaml: quotes: expected at most 15% of the source's 308 characters, got 17%",
        "over-budget.yaml: quotes and prose: expected at most 20% together (prose in verbatim runs of 12 or more "
        "characters), got 34%",
        "over-budget.yaml: stretch: expected no 200 characters of the source more than 50% reproduced, got 52% at "
        "于任何已发表的文章。它的每一句都…",
    ]
    coverage = figures["over-budget.yaml"]
    assert (coverage.chars, round(coverage.quotes * 308), round(coverage.total * 308)) == (308, 53, 104)


def test_within_the_budget_is_no_problem():
    paper = yaml.safe_load((BUDGET / "over-budget.yaml").read_text(encoding="utf-8"))
    paper["summary"]["zh"] = "用自己的话概括。"
    paper["arguments"][0]["evidence"][:2] = [{"quote": "预算按去掉空白后的字符计算", "locator": "sec-2"},
                                             {"quote": "十二个字以上才算复制", "locator": "sec-2"}]
    problems, _ = check_quotes({"ok.yaml": paper}, BUDGET)
    assert problems == []


def test_titles_english_and_bibliographic_fields_do_not_count():
    source = (BUDGET / "budget.txt").read_text(encoding="utf-8")
    copied = "第五条，超出任何一项限额时，检查会逐项列出问题并以非零状态退出，网站不会被构建。"
    paper = {"title": {"zh": copied}, "keywords": {"zh": [copied]}, "outline": [{"title": {"zh": copied}}],
             "policy_documents": [{"title": {"zh": copied}}], "summary": {"en": copied}}
    assert measure(paper, source).total == 0
    assert measure({"summary": {"zh": copied}}, source).prose == len(copied) / 308


def test_command_prints_each_papers_figures_and_fails_over_the_budget(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    for vocabulary in (FIXTURES / "valid" / "content").glob("*.yaml"):
        (content / vocabulary.name).write_bytes(vocabulary.read_bytes())
    (content / "papers" / "over-2024-budget.yaml").write_bytes((BUDGET / "over-budget.yaml").read_bytes())
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli.py"), "--root", str(tmp_path),
                             "check-quotes", "--sources", str(BUDGET)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/papers/over-2024-budget.yaml: quotes 17% (limit 15%), prose 17%, together 34% (limit 20%), "
        "worst 200 characters 52% (limit 50%, at 于任何已发表的文章。它的每一句都…) of 308 characters"]
    assert result.stderr.splitlines()[-1] == "3 problem(s) in 3 quote(s) of 1 paper(s)."


@pytest.mark.skipif(not (SOURCES.is_dir() and SHARED_TOOL.is_file()),
                    reason=f"{SHARED_TOOL} or {SOURCES} not found: agreement with the shared measure skipped")
def test_figures_agree_with_the_shared_tool():
    spec = importlib.util.spec_from_file_location("source_coverage", SHARED_TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    cases = [(yaml.safe_load((BUDGET / "over-budget.yaml").read_text(encoding="utf-8")),
              (BUDGET / "budget.txt").read_text(encoding="utf-8"))]
    for path in sorted((ROOT / "content" / "papers").glob("*.yaml")):
        paper = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append((paper, (SOURCES / paper["source_text"]).read_text(encoding="utf-8")))
    for paper, source in cases:
        ours, theirs = measure(paper, source), tool.measure(paper, source)
        assert (ours.chars, ours.quotes, ours.prose, ours.total, ours.stretch, ours.stretch_at) == (
            theirs["chars"], theirs["quotes"], theirs["prose"], theirs["total"], theirs["paragraph"],
            theirs["paragraph_at"])
