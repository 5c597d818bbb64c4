"""Citations of the original paper: GB/T 7714-2015, GB/T 7714-2025 and APA 7 strings equal what
citeproc-js prints with the official CSL styles (read from ../shared/csl/, never copied here) for the
same CSL-JSON; fields the source does not print are left out; BibTeX and RIS escape what they must."""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

from conftest import FIXTURES, ROOT
from papersite import citations
from papersite.build import load_corpus

CSL_DIR = ROOT.parent / "shared" / "csl"
RENDER = pathlib.Path(__file__).with_name("render_csl.js")
STYLES = {"gb-t-7714-2015": "china-national-standard-gb-t-7714-2015-numeric.csl",
          "gb-t-7714-2025": "china-national-standard-gb-t-7714-2025-numeric.csl",
          "apa": "apa.csl"}


def _papers():
    return load_corpus(ROOT).papers + load_corpus(FIXTURES / "valid").papers


def citeproc(items: list[dict], style: str, tmp_path: pathlib.Path, locale: str | None = None) -> dict[str, str]:
    if not (CSL_DIR / STYLES[style]).is_file():
        pytest.skip(f"official CSL styles not found at {CSL_DIR}: the citeproc comparison needs ../shared/csl/")
    if not shutil.which("node") or not (ROOT / "node_modules" / "citeproc").is_dir():
        pytest.skip("node and node_modules/citeproc are needed for the citeproc comparison (npm ci)")
    data = tmp_path / "items.json"
    data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    command = ["node", str(RENDER), str(data), str(CSL_DIR / STYLES[style])] + ([locale] if locale else [])
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("edition", ["2015", "2025"])
def test_gb_t_7714_matches_citeproc_with_the_official_style(edition, tmp_path):
    papers = _papers()
    printed = citeproc([citations.csl_item(p) for p in papers], f"gb-t-7714-{edition}", tmp_path)
    for paper in papers:
        number, _, entry = printed[paper["slug"]].partition(" ")
        assert number.startswith("[") and number.endswith("]")
        assert citations.gb7714(paper, edition) == entry, paper["slug"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_apa_matches_citeproc_with_the_official_style(lang, tmp_path):
    papers = _papers()
    printed = citeproc([citations.csl_item(p, lang) for p in papers], "apa", tmp_path)
    for paper in papers:
        assert citations.apa(paper, lang) == printed[paper["slug"]], paper["slug"]


def test_exact_gb_t_entries_of_the_real_papers():
    papers = load_corpus(ROOT).papers_by_slug
    assert citations.gb7714(papers["liu-nd-digital-trade-reform"]) == \
        "刘江宁, 许云霄, 苏庆义, 等. 促进数字贸易改革创新发展[J]."
    assert citations.gb7714(papers["liu-nd-digital-trade-reform"], "2025") == \
        "刘江宁，许云霄，苏庆义，等. 促进数字贸易改革创新发展[J]."
    # No author printed: a numeric list starts with the title.
    assert citations.gb7714(papers["npf-digital-trade-2025"]) == \
        "新质生产力与数字贸易双向交互的逻辑机理和实现路径[J]. 特区实践与理论, 2025(1)."
    assert citations.gb7714(papers["npf-digital-trade-2025"], "2025") == \
        "新质生产力与数字贸易双向交互的逻辑机理和实现路径[J]. 特区实践与理论，2025（1）."
    assert citations.gb7714(papers["sui-nd-npf-foreign-trade"]) == \
        "隋佳丽, 乔惠波. 新质生产力赋能外贸高质量发展研究[J/OL]. DOI:10.20216/j.cnki.fert1987.2026.03.003."


def test_exact_apa_entries_of_the_real_papers():
    papers = load_corpus(ROOT).papers_by_slug
    # Anonymous work: the title takes the author position.
    assert citations.apa(papers["npf-digital-trade-2025"]) == \
        "新质生产力与数字贸易双向交互的逻辑机理和实现路径. (2025). 特区实践与理论, (1)."
    assert citations.apa(papers["sui-nd-npf-foreign-trade"], "en") == (
        "Sui, J., & Qiao, H. (n.d.). 新质生产力赋能外贸高质量发展研究 [Research on the High-quality "
        "Development of Foreign Trade Enabled by New Productivity]. "
        "https://doi.org/10.20216/j.cnki.fert1987.2026.03.003")


def _english_paper(n_authors: int) -> dict:
    authors = [{"id": f"a{i}", "name": {"zh": f"Author{i} Ann", "en": f"Author{i} Ann"},
                "family": {"zh": f"Author{i}", "en": f"Author{i}"}, "given": {"zh": "Ann Mary", "en": "Ann Mary"}}
               for i in range(n_authors)]
    return {"slug": "x", "kind": "journal-article", "title": {"zh": "An English paper", "en": "An English paper"},
            "authors": authors, "venue": {"zh": "J. Tests", "en": "J. Tests"}, "year": 2020, "volume": "3",
            "issue": "2", "pages": "12-19", "doi": {"not_stated": True}}


def test_gb_t_uses_et_al_for_english_items_and_deng_for_chinese_after_three_authors():
    assert citations.gb7714(_english_paper(4)) == \
        "AUTHOR0 A M, AUTHOR1 A M, AUTHOR2 A M, et al. An English paper[J]. J. Tests, 2020, 3(2): 12-19."
    assert citations.gb7714(_english_paper(3)) == \
        "AUTHOR0 A M, AUTHOR1 A M, AUTHOR2 A M. An English paper[J]. J. Tests, 2020, 3(2): 12-19."
    assert citations.gb7714(_english_paper(3), "2025") == \
        "AUTHOR0 A M, AUTHOR1 A M, AUTHOR2 A M. An English paper[J]. J. Tests, 2020, 3(2): 12-19."


def test_not_stated_fields_are_left_out_of_every_format():
    paper = load_corpus(ROOT).papers_by_slug["liu-nd-digital-trade-reform"]
    item = citations.csl_item(paper)
    assert sorted(item) == ["author", "id", "language", "title", "type"]
    assert citations.bibtex(paper) == (
        "@article{liu-nd-digital-trade-reform,\n"
        "  author = {刘, 江宁 and 许, 云霄 and 苏, 庆义 and 崔, 艳新},\n"
        "  title = {促进数字贸易改革创新发展},\n"
        "  langid = {chinese}\n}\n")
    assert citations.ris(paper) == (
        "TY  - JOUR\nAU  - 刘, 江宁\nAU  - 许, 云霄\nAU  - 苏, 庆义\nAU  - 崔, 艳新\n"
        "TI  - 促进数字贸易改革创新发展\nLA  - zh\nER  -\n")
    anonymous = load_corpus(ROOT).papers_by_slug["npf-digital-trade-2025"]
    assert "author" not in citations.csl_item(anonymous)
    assert "author" not in citations.bibtex(anonymous) and "AU  -" not in citations.ris(anonymous)


def test_bibtex_and_ris_escape_special_characters():
    paper = load_corpus(FIXTURES / "valid").papers_by_slug["fixture-2024-sample"]
    weird = dict(paper, title={"zh": "数字{贸易}_50% & $1 #2 ~^\\ 测试\n第二行", "en": "x", "en_source": "translated"})
    bib = citations.bibtex(weird)
    assert r"title = {数字\{贸易\}\_50\% \& \$1 \#2 \textasciitilde{}\textasciicircum{}\textbackslash{} 测试 第二行}" in bib
    assert "TI  - 数字{贸易}_50% & $1 #2 ~^\\ 测试 第二行\n" in citations.ris(weird)
    assert citations.ris(weird).count("\n") == citations.ris(paper).count("\n")


def test_full_fixture_record_in_every_format():
    paper = load_corpus(FIXTURES / "valid").papers_by_slug["fixture-2024-sample"]
    assert citations.gb7714(paper) == "王小明. 数字贸易与<测试>|标题[J/OL]. 测试学报, 2024(3): 1-9. DOI:10.1234/test.2024.001."
    assert "  pages = {1--9},\n" in citations.bibtex(paper)
    assert "SP  - 1\nEP  - 9\n" in citations.ris(paper)
    assert json.loads(citations.csl_json(paper))[0]["page"] == "1-9"
