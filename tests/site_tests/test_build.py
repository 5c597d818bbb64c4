"""The real site: a strict build, both languages, the language switcher, stable anchors, reproducible bytes,
and no broken internal link, asset or anchor when served under a sub-path."""
from __future__ import annotations

import hashlib
import pathlib
import re

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from papersite.build import load_corpus
from site_tests.crawl import crawl
from site_tests.serve import serve

pytestmark = pytest.mark.build


def test_every_paper_has_a_page_in_both_languages(built_site):
    corpus = load_corpus(ROOT)
    for paper in corpus.papers:
        zh = built_site / "papers" / paper["slug"] / "index.html"
        en = built_site / "en" / "papers" / paper["slug"] / "index.html"
        assert zh.is_file() and en.is_file(), paper["slug"]
        assert '<html lang="zh"' in zh.read_text(encoding="utf-8")
        assert '<html lang="en"' in en.read_text(encoding="utf-8")


def test_language_switcher_goes_to_the_same_page(built_site):
    slug = load_corpus(ROOT).papers[0]["slug"]
    zh = (built_site / "papers" / slug / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "papers" / slug / "index.html").read_text(encoding="utf-8")
    assert f'<a href="../../en/papers/{slug}/" hreflang="en" class="md-select__link">' in zh
    assert f'<a href="../../../papers/{slug}/" hreflang="zh" class="md-select__link">' in en


def test_headings_and_items_have_readable_anchors_in_both_languages(built_site):
    paper = load_corpus(ROOT).papers[0]
    for page in (built_site / "papers" / paper["slug"] / "index.html",
                 built_site / "en" / "papers" / paper["slug"] / "index.html"):
        ids = set(re.findall(r'id="([^"]+)"', page.read_text(encoding="utf-8")))
        assert {"summary", "outline", "arguments", "mechanisms", "challenges", "recommendations",
                "cases", "statistics", "definitions", "policy-documents", "references",
                "critical-notes"} <= ids
        for item in paper["mechanisms"] + paper["recommendations"]:
            assert item["id"] in ids and f"{item['id']}-q1" in ids
        assert not any(re.fullmatch(r"_\d+", i) for i in ids), "default slugify anchors leaked"


def test_nav_does_not_list_papers(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>', home, re.S).group(0)
    for paper in load_corpus(ROOT).papers:
        assert f"papers/{paper['slug']}/" not in nav


def test_no_broken_internal_link_asset_or_anchor_under_a_sub_path(built_site):
    with serve(built_site) as base:
        broken, fetched = crawl(base, ["", "en/", "404.html"])
    assert broken == []
    assert fetched > 20


def _tree_digest(site: pathlib.Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_commit_are_identical(built_site, tmp_path):
    project = copy_project(tmp_path / "again")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert _tree_digest(project / "site") == _tree_digest(built_site)


def test_a_content_problem_stops_the_build_and_names_every_problem(tmp_path):
    project = copy_project(tmp_path / "broken", ROOT / "tests" / "fixtures" / "broken" / "content")
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    expected = (ROOT / "tests" / "fixtures" / "broken" / "expected-problems.txt").read_text(encoding="utf-8")
    output = result.stdout + result.stderr
    for line in expected.splitlines():
        assert line in output
    assert not (project / "site" / "index.html").exists()


def test_root_404_is_in_the_default_language_and_english_has_its_own(built_site):
    # GitHub Pages serves only the root 404.html; the i18n plugin would leave the English one there.
    assert '<html lang="zh"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en" / "404.html").read_text(encoding="utf-8")


def test_search_index_has_every_document_page_of_both_languages_and_not_the_comparison_tables(built_site):
    import json
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.6.0"
    pages = [path for path in built_site.rglob("index.html") if "data-pagefind-body" in path.read_text(encoding="utf-8")]
    english = [path for path in pages if path.relative_to(built_site).parts[0] == "en"]
    assert {lang: entry["languages"][lang]["page_count"] for lang in ("zh", "en")} == \
        {"zh": len(pages) - len(english), "en": len(english)}
    corpus = load_corpus(ROOT)
    for paper in corpus.papers:
        for prefix in ("", "en/"):
            assert built_site / prefix / "papers" / paper["slug"] / "index.html" in pages
    # The comparison pages are searchable by their headings and introductions; their tables, which
    # repeat the paper pages item by item, are left out. The 404 page is no document.
    mechanisms = (built_site / "compare" / "mechanisms" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in mechanisms
    assert mechanisms.count('<table class="compare-table"') == mechanisms.count("data-pagefind-ignore") > 0
    assert "data-pagefind-body" not in (built_site / "404.html").read_text(encoding="utf-8")
    # Material's own index, which every first visit downloaded whole, is gone.
    assert not (built_site / "search").exists()

