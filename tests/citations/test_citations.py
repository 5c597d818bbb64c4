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
    assert any(citations.is_supplied(p["year"]) for p in papers)  # the bracket rule is exercised
    printed = citeproc([citations.csl_item(p) for p in papers], f"gb-t-7714-{edition}", tmp_path)
    for paper in papers:
        number, _, entry = printed[paper["slug"]].partition(" ")
        assert number.startswith("[") and number.endswith("]")
        year = citations.stated(paper["year"])
        if edition == "2025" and citations.is_supplied(paper["year"]):
            # The standard brackets a year not printed as such in both editions; the official 2025 CSL
            # style does not implement that branch yet (its 2015 sibling does: is-uncertain-date), so it
            # prints the year bare. Everything else must agree.
            assert f"{year}（" in entry
            entry = entry.replace(f"{year}（", f"[{year}]（", 1)
        assert citations.gb7714(paper, edition) == entry, paper["slug"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_apa_matches_citeproc_with_the_official_style(lang, tmp_path):
    papers = _papers()
    items = [citations.csl_item(p, lang) for p in papers]
    for item in items:
        # APA 7 has no mark for a year read from a printed article number: its "ca." (what the style
        # prints for CSL's circa) is for approximate dates, and this year is exact. So APA is given
        # the year plain.
        item.get("issued", {}).pop("circa", None)
    printed = citeproc(items, "apa", tmp_path)
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
    # Year, issue and pages supplied from the article number and the jump lines: the year bracketed.
    assert citations.gb7714(papers["sui-nd-npf-foreign-trade"]) == \
        "隋佳丽, 乔惠波. 新质生产力赋能外贸高质量发展研究[J/OL]. [2026](3): 6-8, 14. DOI:10.20216/j.cnki.fert1987.2026.03.003."
    assert citations.gb7714(papers["sui-nd-npf-foreign-trade"], "2025") == \
        "隋佳丽，乔惠波. 新质生产力赋能外贸高质量发展研究[J/OL]. [2026]（3）：6-8, 14. DOI:10.20216/j.cnki.fert1987.2026.03.003."


def test_exact_apa_entries_of_the_real_papers():
    papers = load_corpus(ROOT).papers_by_slug
    # Anonymous work: the title takes the author position.
    assert citations.apa(papers["npf-digital-trade-2025"]) == \
        "新质生产力与数字贸易双向交互的逻辑机理和实现路径. (2025). 特区实践与理论, (1)."
    assert citations.apa(papers["sui-nd-npf-foreign-trade"], "en") == (
        "Sui, J., & Qiao, H. (2026). 新质生产力赋能外贸高质量发展研究 [Research on the High-quality "
        "Development of Foreign Trade Enabled by New Productivity]. (3), 6–8, 14. "
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
        "  language = {zh-CN}\n}\n")
    assert citations.ris(paper) == (
        "TY  - JOUR\nAU  - 刘, 江宁\nAU  - 许, 云霄\nAU  - 苏, 庆义\nAU  - 崔, 艳新\n"
        "TI  - 促进数字贸易改革创新发展\nLA  - zh-CN\nER  -\n")
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


def test_a_supplied_year_issue_and_pages_in_every_format():
    paper = load_corpus(FIXTURES / "valid").papers_by_slug["fixture-nd-supplied"]
    assert citations.gb7714(paper) == "王芳, 赵明. 外贸数字化研究[J/OL]. [2026](3): 6-8, 14. DOI:10.1234/fixture.2026.03.003."
    assert citations.gb7714(paper, "2025") == \
        "王芳，赵明. 外贸数字化研究[J/OL]. [2026]（3）：6-8, 14. DOI:10.1234/fixture.2026.03.003."
    assert citations.apa(paper) == "王芳, & 赵明. (2026). 外贸数字化研究. (3), 6–8, 14. https://doi.org/10.1234/fixture.2026.03.003"
    item = citations.csl_item(paper)
    assert (item["issued"], item["issue"], item["page"], item["ISSN"]) == (
        {"date-parts": [[2026]], "circa": True}, "3", "6-8, 14", "2095-3283")
    note = ("Year, issue and ISSN supplied from the article number 2095-3283(2026)03-0006-04; pages from the "
            "article number and the jump lines.")
    bib = citations.bibtex(paper)
    assert "  year = {2026},\n  number = {3},\n  pages = {6--8, 14},\n" in bib
    assert f"  note = {{{note}}}\n" in bib
    ris = citations.ris(paper)
    assert "PY  - 2026\nIS  - 3\nSP  - 6-8, 14\nDO  -" in ris and "EP  -" not in ris
    assert f"N1  - {note}\n" in ris
    for name in ("gb-t-7714-2015.txt", "gb-t-7714-2025.txt", "apa.txt", "apa-en.txt", "bib", "ris", "json"):
        golden = (ROOT / "tests" / "golden" / "cite" / f"fixture-nd-supplied.{name}").read_text(encoding="utf-8")
        assert citations.cite_files(paper)[f"fixture-nd-supplied.{name}"] == golden, name


# --- COinS, read as Zotero reads it ---------------------------------------------------------------

def zotero_parse_context_object(co: str) -> dict:
    """What Zotero's OpenURL parser (zotero/utilities openurl.js, parseContextObject, used by the
    COinS translator) makes of a context object, for the keys our COinS uses: values decoded with '+'
    and %2B read as spaces; rft.au through cleanAuthor (a comma splits family and given name, else the
    last word is the family name); rft.aulast/aufirst as one "complex" author, dropped where a plain
    author has the same last name and a first name that starts with its first name; rft.pages wins
    over spage/epage when it comes first; rft.subject a tag; rft.language kept as it is."""
    import urllib.parse
    item = {"creators": [], "tags": []}
    parts = co.split("&")
    formats = {"info:ofi/fmt:kev:mtx:journal": "journalArticle", "info:ofi/fmt:kev:mtx:book": "book"}
    for part in parts:
        if part.startswith("rft_val_fmt="):
            item["itemType"] = formats[urllib.parse.unquote(part[12:])]
    complex_au, pages_key = [], ""
    for part in parts:
        key, value = part.split("=")[0], part.split("=")[1]
        value = urllib.parse.unquote(value.replace("+", " ").replace("%2B", " ").replace("%2b", " "))
        if not value:
            continue
        if key == "rft_id" and value[:8].lower() == "info:doi":
            item["DOI"] = value[9:]
        elif key == "rft_id":
            item["url"] = value
        elif key == "rft.atitle":
            item["title"] = value
        elif key == "rft.jtitle":
            item["publicationTitle"] = value
        elif key in ("rft.date", "rft.volume", "rft.issue"):
            item[{"rft.date": "date", "rft.volume": "volume", "rft.issue": "issue"}[key]] = value
        elif key == "rft.pages":
            pages_key, item["pages"] = key, value
        elif key in ("rft.spage", "rft.epage") and pages_key != "rft.pages":
            item["pages"] = f"{item['pages']}-{value}" if pages_key else value
            pages_key = key
        elif key == "rft.issn":
            item["ISSN"] = value
        elif key == "rft.aulast":
            complex_au.append({"lastName": value, "firstName": "", "offset": len(item["creators"])})
        elif key == "rft.aufirst":
            if complex_au and not complex_au[-1]["firstName"]:
                complex_au[-1]["firstName"] = value
            else:
                complex_au.append({"lastName": "", "firstName": value, "offset": len(item["creators"])})
        elif key == "rft.au":
            if "," in value:
                last, _, first = value.partition(",")
            else:
                first, _, last = value.rpartition(" ")
            item["creators"].append({"lastName": last.strip(), "firstName": first.strip()})
        elif key == "rft.subject":
            item["tags"].append(value)
        elif key == "rft.language":
            item["language"] = value
        elif key == "rft.description":
            item["abstractNote"] = value
    inserted = 0
    for author in complex_au:
        offset = author.pop("offset")
        duplicate = any(c["lastName"] == author["lastName"] and c["firstName"]
                        and c["firstName"].startswith(author["firstName"]) for c in item["creators"])
        if not duplicate:
            item["creators"].insert(offset + inserted, author)
            inserted += 1
    return item


def test_coins_of_every_paper_saves_one_item_with_each_author_once_keywords_and_zh_cn():
    for paper in _papers():
        item = zotero_parse_context_object(citations.coins_context(paper))
        authors = citations.stated(paper["authors"]) or []
        assert item["creators"] == [{"lastName": a["family"]["zh"], "firstName": a["given"]["zh"]}
                                    for a in authors], paper["slug"]
        keywords = citations.stated(paper["keywords"])
        assert item["tags"] == (keywords["zh"] if keywords else []), paper["slug"]
        assert item["language"] == "zh-CN"
        assert item["title"] == paper["title"]["zh"]
        assert "url" not in item and "abstractNote" not in item  # the original, not our page or summary


def test_coins_field_by_field_for_a_supplied_record():
    paper = load_corpus(FIXTURES / "valid").papers_by_slug["fixture-nd-supplied"]
    item = zotero_parse_context_object(citations.coins_context(paper))
    assert item == {"itemType": "journalArticle", "title": "外贸数字化研究", "date": "2026", "issue": "3",
                    "pages": "6-8, 14", "ISSN": "2095-3283", "DOI": "10.1234/fixture.2026.03.003",
                    "creators": [{"lastName": "王", "firstName": "芳"}, {"lastName": "赵", "firstName": "明"}],
                    "tags": ["外贸", "数字化"], "language": "zh-CN"}


def test_each_paper_page_has_exactly_one_coins(tmp_path):
    from papersite.build import generate
    import shutil as _shutil
    root = tmp_path / "site"
    _shutil.copytree(FIXTURES / "valid", root)
    generate(root)
    pages = sorted((root / "docs" / "papers").glob("*.md"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.count('class="Z3988"') == (0 if page.stem.startswith("index") else 1), page.name
