"""Citations on the built site: what a reference manager or a search engine reads from a paper page
(JSON-LD in the head, the COinS span) matches the paper's YAML field by field; not-stated fields are
absent; no Highwire citation_* tags; "cite this page" carries the page URL, version and build date;
the downloads exist and hold the formats; the footer shows the version in both languages."""
from __future__ import annotations

import html
import json
import re
import urllib.parse

import pytest
import yaml

from conftest import ROOT
from papersite import citations
from papersite.build import load_corpus

pytestmark = pytest.mark.build

CORPUS = load_corpus(ROOT)
SLUGS = [paper["slug"] for paper in CORPUS.papers]
EPOCH_DATE = "2023-11-14"  # conftest builds with SOURCE_DATE_EPOCH=1700000000


def _yaml(slug: str) -> dict:
    return yaml.safe_load((ROOT / "content" / "papers" / f"{slug}.yaml").read_text(encoding="utf-8"))


def _printed(data: dict, key: str):
    """The value as the formats carry it: printed, or supplied from a coded form; None if not stated."""
    value = data.get(key)
    if isinstance(value, dict) and "supplied" in value:
        return value["supplied"]
    return None if value is None or (isinstance(value, dict) and "not_stated" in value) else value


def _page(site, slug: str, lang: str) -> str:
    path = site / ("en/" if lang == "en" else "") / "papers" / slug / "index.html"
    return path.read_text(encoding="utf-8")


def _json_ld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    head = page.split("</head>")[0]
    assert '<script type="application/ld+json">' in head
    return json.loads(blocks[0])


def _coins(page: str) -> list[tuple[str, str]]:
    spans = re.findall(r'<span class="Z3988" title="([^"]*)"></span>', page)
    assert len(spans) == 1
    return urllib.parse.parse_qsl(html.unescape(spans[0]), keep_blank_values=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slug", SLUGS)
def test_json_ld_describes_our_page_about_the_original_field_by_field(built_site, slug, lang):
    data, page = _yaml(slug), _page(built_site, slug, lang)
    ld = _json_ld(page)
    base = CORPUS.site.url
    assert ld["@type"] == "WebPage"
    assert ld["url"] == base + ("en/" if lang == "en" else "") + f"papers/{slug}/"
    assert ld["version"] == CORPUS.changelog[0]["version"] and ld["dateModified"] == EPOCH_DATE
    article = ld["about"]
    assert article["@type"] == "ScholarlyArticle"
    assert article["name"] == article["headline"] == data["title"]["zh"]
    assert article.get("alternativeHeadline") == (data["title"]["en"] if data["title"]["en_source"] == "printed" else None)
    authors = _printed(data, "authors")
    if authors is None:
        assert "author" not in article
    else:
        assert [(a["name"], a["alternateName"], a["familyName"], a["givenName"], a["affiliation"]["name"])
                for a in article["author"]] == \
            [(a["name"]["zh"], a["name"]["en"], a["family"]["zh"], a["given"]["zh"], a["affiliation"]["zh"])
             for a in authors]
    year = _printed(data, "year")
    assert article.get("datePublished") == (str(year) if year else None)
    venue, issue = _printed(data, "venue"), _printed(data, "issue")
    container = article.get("isPartOf")
    if issue:
        assert container["@type"] == "PublicationIssue" and container["issueNumber"] == issue
        container = container.get("isPartOf")
    if venue:
        assert container == {"@type": "Periodical", "name": venue["zh"]}
    elif not issue:
        assert container is None
    assert article.get("pagination") == _printed(data, "pages")
    doi = _printed(data, "doi")
    assert article.get("sameAs") == (f"https://doi.org/{doi}" if doi else None)
    assert (article.get("identifier") or {}).get("value") == doi
    keywords = _printed(data, "keywords")
    assert article.get("keywords") == (keywords["zh"] if keywords else None)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slug", SLUGS)
def test_coins_span_carries_the_original_field_by_field(built_site, slug, lang):
    data, pairs = _yaml(slug), _coins(_page(built_site, slug, lang))
    fields: dict[str, list[str]] = {}
    for key, value in pairs:
        fields.setdefault(key, []).append(value)
    assert fields["ctx_ver"] == ["Z39.88-2004"]
    assert fields["rft.atitle"] == [data["title"]["zh"]]
    authors = _printed(data, "authors") or []
    # "family, given": the form Zotero splits into its two name fields (tests/citations/ parses it so).
    assert fields.get("rft.au", []) == [f'{a["family"]["zh"]}, {a["given"]["zh"]}' for a in authors]
    assert fields.get("rft.language") == ["zh-CN"]
    venue = _printed(data, "venue")
    assert fields.get("rft.jtitle") == ([venue["zh"]] if venue else None)
    for key, field in (("rft.date", "year"), ("rft.issue", "issue"), ("rft.pages", "pages"), ("rft.issn", "issn")):
        value = _printed(data, field)
        assert fields.get(key) == ([str(value)] if value else None), key
    doi = _printed(data, "doi")
    assert fields.get("rft_id") == ([f"info:doi/{doi}"] if doi else None)


def test_no_highwire_citation_tags_anywhere(built_site):
    # Google Scholar would take a page with citation_title for the paper itself.
    for page in built_site.rglob("*.html"):
        assert 'name="citation_' not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("slug", SLUGS)
def test_downloads_hold_every_format_and_the_page_links_them_in_both_languages(built_site, slug):
    paper = CORPUS.papers_by_slug[slug]
    folder = built_site / "cite"
    assert (folder / f"{slug}.bib").read_text(encoding="utf-8") == citations.bibtex(paper)
    assert (folder / f"{slug}.ris").read_text(encoding="utf-8") == citations.ris(paper)
    assert json.loads((folder / f"{slug}.json").read_text(encoding="utf-8")) == [citations.csl_item(paper)]
    assert (folder / f"{slug}.gb-t-7714-2015.txt").read_text(encoding="utf-8") == citations.gb7714(paper) + "\n"
    assert (folder / f"{slug}.gb-t-7714-2025.txt").read_text(encoding="utf-8") == citations.gb7714(paper, "2025") + "\n"
    assert (folder / f"{slug}.apa.txt").read_text(encoding="utf-8") == citations.apa(paper, "zh") + "\n"
    assert (folder / f"{slug}.apa-en.txt").read_text(encoding="utf-8") == citations.apa(paper, "en") + "\n"
    for lang, prefix in (("zh", "../../"), ("en", "../../../")):
        hrefs = re.findall(r'class="cite-download" href="([^"]+)"', _page(built_site, slug, lang))
        apa_file = f"{slug}.apa-en.txt" if lang == "en" else f"{slug}.apa.txt"
        assert hrefs == [f"{prefix}cite/{name}" for name in (
            f"{slug}.gb-t-7714-2015.txt", f"{slug}.gb-t-7714-2025.txt", apa_file, f"{slug}.bib", f"{slug}.ris",
            f"{slug}.json")]


def _pre_texts(page: str, section_id: str) -> dict[str, str]:
    start = page.index(f'id="{section_id}"')
    blocks = re.findall(r'<div class="cite-block" id="cite-([a-z0-9-]+)">.*?<pre class="cite-text"><code>(.*?)</code></pre>',
                        page[start:], re.S)
    return {block_id: html.unescape(text) for block_id, text in blocks}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cite_this_paper_and_cite_this_page_show_the_exact_texts(built_site, lang):
    slug = "npf-digital-trade-2025"
    page = _page(built_site, slug, lang)
    texts = _pre_texts(page, "cite")
    assert texts["gb-t-7714-2015"] == "新质生产力与数字贸易双向交互的逻辑机理和实现路径[J]. 特区实践与理论, 2025(1)."
    assert texts["gb-t-7714-2025"] == "新质生产力与数字贸易双向交互的逻辑机理和实现路径[J]. 特区实践与理论，2025（1）."
    url = CORPUS.site.url + ("en/" if lang == "en" else "") + f"papers/{slug}/"
    version = CORPUS.changelog[0]["version"]
    if lang == "zh":
        site, title = "新质生产力与数字贸易研究导读", "新质生产力与数字贸易双向交互的逻辑机理和实现路径：结构化摘要"
        version_label = f"版本 {version}"
    else:
        site = "Reading New Quality Productive Forces and Digital Trade"
        title = ("Two-way interaction between new quality productive forces and digital trade: logical mechanisms "
                 "and paths to realisation: structured summary")
        version_label = f"Version {version}"
    assert texts["page-gb-t-7714-2015"] == f"{site}. {title}[EB/OL]. ({EPOCH_DATE}). {url}."
    assert texts["page-apa"] == f"{site}. (2023). {title} ({version_label}). {url}"
    assert f"  url = {{{url}}}" in texts["page-bibtex"] and f"  version = {{{version}}}" in texts["page-bibtex"]


@pytest.mark.parametrize("lang, label", [("zh", "版本"), ("en", "Version")])
def test_footer_shows_the_version_and_links_the_changelog(built_site, lang, label):
    root = built_site / ("en" if lang == "en" else "")
    pages = [p for p in root.glob("*/index.html") if p.parent.name != "en"]
    assert len(pages) >= 4
    for page in pages:
        text = page.read_text(encoding="utf-8")
        footer = re.search(r'<div class="site-version-footer">(.*?)</div>', text, re.S).group(1)
        assert f"{label} {CORPUS.changelog[0]['version']}" in " ".join(footer.split())
        href = re.search(r'href="([^"]+)"', footer).group(1)
        here = "/" + page.parent.relative_to(built_site).as_posix() + "/"
        assert urllib.parse.urljoin(here, href) == ("/en" if lang == "en" else "") + "/changelog/"
    changelog = (built_site / ("en/" if lang == "en" else "") / "changelog" / "index.html").read_text(encoding="utf-8")
    for entry in CORPUS.changelog:
        assert f'id="v{entry["version"].replace(".", "-")}"' in changelog
        for change in entry["changes"]:
            assert html.escape(change[lang], quote=False).replace('"', "&quot;") in changelog or change[lang] in html.unescape(changelog)


@pytest.mark.parametrize("lang, nav_label", [("zh", "阅读清单"), ("en", "Reading lists")])
def test_reading_list_pages_in_both_languages_follow_the_yaml(built_site, lang, nav_label):
    root = built_site / ("en" if lang == "en" else "")
    home = (root / "index.html").read_text(encoding="utf-8")
    navigation = home.split("<article", 1)[0]
    assert re.search(rf'href="reading-lists/"[^>]*>\s*(<span class="md-ellipsis">\s*)?{nav_label}\s*<', navigation)
    index = (root / "reading-lists" / "index.html").read_text(encoding="utf-8")
    for rl in CORPUS.reading_lists:
        assert f'href="{rl["slug"]}/"' in index
        page = (root / "reading-lists" / rl["slug"] / "index.html").read_text(encoding="utf-8")
        headings = re.findall(r'<h2 id="([^"]+)">(\d+)\. ', page)
        assert headings == [(entry["paper"]["slug"], str(i)) for i, entry in enumerate(rl["papers"], 1)]
        for entry in rl["papers"]:
            slug = entry["paper"]["slug"]
            assert f'href="../../papers/{slug}/"' in page
            assert html.escape(entry["why"][lang], quote=True).replace("&#x27;", "&#39;")[:40] in page
            assert [f"{slug}-q{i}" for i in range(1, len(entry["questions"]) + 1)] == \
                re.findall(rf'<li id="({slug}-q\d+)">', page)
        assert f"{rl['total_minutes']} {'分钟' if lang == 'zh' else 'min'}" in page
