"""Citations of a paper and of our page about it. In: a paper dict as loaded (or enriched) from
content/papers/<slug>.yaml. Out: strings — GB/T 7714-2015 and GB/T 7714-2025 numeric entries, APA 7,
BibTeX, RIS, CSL-JSON and an OpenURL (COinS) context — and a citation of the summary page itself.

Rules that hold for every format:
- A field the source does not print ({not_stated: true}, or an omitted optional field) is left out;
  nothing is guessed (no year from a DOI, no venue from an ISSN).
- A field the source prints only in coded form ({supplied: …, basis, note}: a year, issue or pages read
  from an article number or jump lines) is given, marked the way each format marks supplied data:
  GB/T 7714 puts a supplied year in square brackets ([2026]); CSL-JSON marks the date as not as printed
  (circa, which the GB/T styles bracket); BibTeX and RIS add a note; APA 7 has no mark for a year read
  from a printed identifier (its "ca." is for approximate dates) and gives it plain.
- Chinese is zh-CN in every format that carries a language (COinS, RIS, BibTeX, CSL-JSON, JSON-LD).
- Authors not stated: each style's rule for anonymous works. GB/T 7714 (8.1.1) lets a numeric
  reference list omit the responsible party and start with the title; APA 7 moves the title into the
  author position; BibTeX, RIS and CSL-JSON simply carry no author.
- GB/T lists at most three authors, then 等 for a Chinese item or "et al." for an English one.
- The original's language decides: title.zh is the title as printed, so the item is Chinese.

The GB/T and APA strings are what citeproc-js prints with the official CSL styles for the same
CSL-JSON (tests/citations/ checks this); they are built here, without a CSL engine, so the build needs
no Node and stays pure."""
from __future__ import annotations

import json
import re
import urllib.parse

# kind (paper schema) → (GB/T document type code, CSL type, BibTeX entry type, RIS type)
KIND_TYPES = {
    "journal-article": ("J", "article-journal", "article", "JOUR"),
    "expert-discussion": ("J", "article-journal", "article", "JOUR"),
    "conference-paper": ("C", "paper-conference", "inproceedings", "CPAPER"),
    "working-paper": ("R", "report", "techreport", "RPRT"),
    "report": ("R", "report", "techreport", "RPRT"),
}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MAX_GB_AUTHORS = 3  # GB/T 7714: the first three, then 等 / et al.


def stated(value: object) -> object | None:
    """The value if the source prints it or it is supplied, else None (not stated, or an omitted
    optional field)."""
    if value is None or (isinstance(value, dict) and "not_stated" in value):
        return None
    if isinstance(value, dict) and "supplied" in value:
        return value["supplied"]
    return value


def is_supplied(value: object) -> bool:
    return isinstance(value, dict) and "supplied" in value


SUPPLIED_FIELDS = (("year", "year"), ("issue", "issue"), ("pages", "pages"), ("issn", "ISSN"))
_BASIS_EN = {"article-number": "the article number", "jump-lines": "the jump lines",
             "running-head": "the running head", "margin": "the margin"}


def supplied_note(paper: dict) -> str | None:
    """One English sentence naming the supplied fields and what they were read from, for the formats
    whose convention is a note (BibTeX, RIS): 'Year, issue and ISSN supplied from the article number
    2095-3283(2026)03-0006-04; pages from the article number and the jump lines.'"""
    by_basis: dict[tuple, list[str]] = {}
    for field, label in SUPPLIED_FIELDS:
        value = paper.get(field)
        if is_supplied(value):
            by_basis.setdefault(tuple(value["basis"]), []).append(label)
    if not by_basis:
        return None
    number, named = paper.get("article_number"), False
    parts = []
    for basis, labels in by_basis.items():
        names = []
        for b in basis:
            names.append(_BASIS_EN[b] + (f" {number}" if b == "article-number" and number and not named else ""))
            named = named or b == "article-number"
        fields = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
        parts.append(f"{fields} from {' and '.join(names)}")
    parts[0] = parts[0][0].upper() + parts[0][1:].replace(" from ", " supplied from ", 1)
    return "; ".join(parts) + "."


def item_language(paper: dict) -> str:
    """zh or en: the language the paper is written in, read from its title as printed."""
    return "zh" if CJK.search(paper["title"]["zh"]) else "en"


def _authors(paper: dict) -> list[dict]:
    return stated(paper.get("authors")) or []


def _pages(paper: dict) -> tuple[str | None, str | None]:
    """First and last page of one continuous range; (first, None) for a single page or for a
    discontinuous article (6-8, 14), whose pages only the whole list can say."""
    pages = stated(paper.get("pages"))
    if not pages:
        return None, None
    if "," in pages:
        return pages.split("-")[0].split(",")[0].strip(), None
    first, _, last = pages.partition("-")
    return first, last or None


def _type(paper: dict) -> tuple[str, str, str, str]:
    return KIND_TYPES[paper["kind"]]


def _full_stop(text: str) -> str:
    """Append a full stop unless the text already ends in closing punctuation."""
    return text if text.endswith((".", "?", "!", "。", "？", "！")) else text + "."


def _joined(elements: list[str]) -> str:
    """Elements joined by ". ", with a single full stop after an element that already ends in one
    (et al.) and at the end."""
    out = ""
    for element in elements:
        out += (" " if out.endswith(".") else ". ") + element if out else element
    return _full_stop(out)


# ----------------------------------------------------------------------------- GB/T 7714

def _gb_name(author: dict, language: str) -> str:
    if language == "zh":
        return author["name"]["zh"]
    # English names: family name in capitals, given names as initials without full stops (SMITH J P).
    family = author["family"]["en"]
    initials = " ".join(part[0].upper() for part in re.split(r"[\s\-]+", author["given"]["en"]) if part)
    return f"{family.upper()} {initials}".strip()


def gb7714(paper: dict, edition: str = "2015") -> str:
    """The GB/T 7714 numeric reference entry (without its [n] number), edition 2015 or 2025.

    2025 differs from 2015 for a Chinese item in its punctuation: full-width comma, colon and
    parentheses inside the author and source elements (刘江宁，许云霄 … 2025（1）：12-19)."""
    language = item_language(paper)
    full_width = edition == "2025" and language == "zh"
    comma, colon, open_p, close_p = ("，", "：", "（", "）") if full_width else (", ", ": ", "(", ")")
    code, *_ = _type(paper)
    doi = stated(paper.get("doi"))

    elements = []
    authors = _authors(paper)
    if authors:
        names = [_gb_name(a, language) for a in authors[:MAX_GB_AUTHORS]]
        if len(authors) > MAX_GB_AUTHORS:
            names.append("等" if language == "zh" else "et al.")
        elements.append(comma.join(names))
    # [J/OL]: the entry gives an online access path (the DOI), so the carrier is online.
    elements.append(f"{paper['title'][language]}[{code}{'/OL' if doi else ''}]")

    venue = stated(paper.get("venue"))
    year = stated(paper.get("year"))
    if year and is_supplied(paper.get("year")):
        year = f"[{year}]"  # GB/T 7714: a year not printed as such goes in square brackets
    volume = stated(paper.get("volume"))
    issue = stated(paper.get("issue"))
    pages = stated(paper.get("pages"))
    head = comma.join(str(part) for part in (venue[language] if venue else None, year, volume) if part)
    if issue:
        head += f"{open_p}{issue}{close_p}"
    source = colon.join(part for part in (head, pages) if part)
    if source:
        elements.append(source)
    if doi:
        elements.append(f"DOI:{doi}")
    return _joined(elements)


# ----------------------------------------------------------------------------- APA 7

def _apa_name(author: dict, lang: str, language: str) -> str:
    if lang == "zh" and language == "zh":
        return author["name"]["zh"]
    initials = " ".join(f"{part[0].upper()}." for part in re.split(r"\s+", author["given"]["en"]) if part)
    return f"{author['family']['en']}, {initials}"


def apa(paper: dict, lang: str = "zh") -> str:
    """APA 7 reference. lang zh: as printed (Chinese names and title). lang en: names romanised as
    the paper's English metadata gives them, the original title followed by its English title in
    square brackets (APA 7 §9.38); the venue is never translated."""
    language = item_language(paper)
    title = paper["title"][language]
    if lang == "en" and language == "zh":
        title = f"{title} [{paper['title']['en']}]"
    year = stated(paper.get("year"))
    date = f"({year})." if year else "(n.d.)."

    authors = [_apa_name(a, lang, language) for a in _authors(paper)]
    if len(authors) > 20:  # APA 7: the first 19, an ellipsis, the last
        authors = authors[:19] + ["… " + authors[-1]]
        names = ", ".join(authors)
    elif len(authors) > 1:
        names = ", ".join(authors[:-1]) + ", & " + authors[-1]
    else:
        names = "".join(authors)

    venue = stated(paper.get("venue"))
    volume = stated(paper.get("volume"))
    issue = stated(paper.get("issue"))
    pages = stated(paper.get("pages"))
    issue_part = f"({issue})" if issue else ""
    source_parts = [venue[language] if venue else None, f"{volume or ''}{issue_part}" or None,
                    pages.replace("-", "–") if pages else None]
    source = ", ".join(part for part in source_parts if part)
    doi = stated(paper.get("doi"))

    if names:
        parts = [_full_stop(names), date, _full_stop(title)]
    else:  # no author: the title takes the author position
        parts = [_full_stop(title), date]
    if source:
        parts.append(_full_stop(source))
    if doi:
        parts.append(f"https://doi.org/{doi}")
    return " ".join(parts)


# ----------------------------------------------------------------------------- CSL-JSON

def csl_item(paper: dict, lang: str = "zh") -> dict:
    """The CSL-JSON item. lang zh is the record as printed (the download); lang en is what the
    English APA entry is made from (romanised names, title with its English title in brackets)."""
    language = item_language(paper)
    _, csl_type, _, _ = _type(paper)
    item: dict = {"id": paper["slug"], "type": csl_type}
    if lang == "zh":
        # Not on the English variant: citeproc prints romanised names of an item tagged zh-CN in
        # Chinese order without the comma APA wants (Liu J. instead of Liu, J.).
        item["language"] = "zh-CN" if language == "zh" else "en"
    authors = _authors(paper)
    if authors:
        name_lang = language if lang == "zh" else "en"
        item["author"] = [{"family": a["family"][name_lang], "given": a["given"][name_lang]} for a in authors]
    item["title"] = paper["title"][language]
    if lang == "en" and language == "zh":
        item["title"] = f"{paper['title']['zh']} [{paper['title']['en']}]"
    venue = stated(paper.get("venue"))
    if venue:
        item["container-title"] = venue[language]
    year = stated(paper.get("year"))
    if year:
        item["issued"] = {"date-parts": [[year]]}
        if is_supplied(paper.get("year")):
            item["issued"]["circa"] = True
    for key, field in (("volume", "volume"), ("issue", "issue"), ("page", "pages"), ("DOI", "doi"),
                       ("ISSN", "issn")):
        value = stated(paper.get(field))
        if value:
            item[key] = str(value)
    keywords = stated(paper.get("keywords"))
    if keywords:
        item["keyword"] = ", ".join(keywords[language])
    return item


def csl_json(paper: dict) -> str:
    return json.dumps([csl_item(paper)], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ----------------------------------------------------------------------------- BibTeX

_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_ESCAPES))


def bibtex_escape(text: str) -> str:
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_ESCAPES[m.group()], " ".join(str(text).split()))


def _url_safe_doi(doi: str) -> str:
    # doi is a verbatim field in biblatex: backslash escapes would become part of it, and a brace
    # would end it. Percent-encode the characters that matter; resolvers decode them.
    return doi.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def bibtex(paper: dict) -> str:
    language = item_language(paper)
    _, _, entry_type, _ = _type(paper)
    fields: list[tuple[str, str]] = []
    authors = _authors(paper)
    if authors:
        fields.append(("author", " and ".join(
            f"{bibtex_escape(a['family'][language])}, {bibtex_escape(a['given'][language])}" for a in authors)))
    fields.append(("title", bibtex_escape(paper["title"][language])))
    venue = stated(paper.get("venue"))
    if venue:
        container = {"article": "journal", "inproceedings": "booktitle"}.get(entry_type, "institution")
        fields.append((container, bibtex_escape(venue[language])))
    for key, field in (("year", "year"), ("volume", "volume"), ("number", "issue")):
        value = stated(paper.get(field))
        if value:
            fields.append((key, bibtex_escape(value)))
    pages = stated(paper.get("pages"))
    if pages:
        fields.append(("pages", bibtex_escape(pages.replace("-", "--"))))
    doi = stated(paper.get("doi"))
    if doi:
        fields.append(("doi", _url_safe_doi(doi)))
    issn = stated(paper.get("issn"))
    if issn:
        fields.append(("issn", bibtex_escape(issn)))
    keywords = stated(paper.get("keywords"))
    if keywords:
        fields.append(("keywords", bibtex_escape(", ".join(keywords[language]))))
    fields.append(("language", "zh-CN" if language == "zh" else "en"))
    if paper["kind"] == "working-paper":
        fields.append(("type", "Working paper"))
    note = supplied_note(paper)
    if note:
        fields.append(("note", bibtex_escape(note)))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@{entry_type}{{{paper['slug']},\n{body}\n}}\n"


# ----------------------------------------------------------------------------- RIS

def _ris_value(text: object) -> str:
    # One line per tag; control characters would end the record early in some readers.
    return " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())


def ris(paper: dict) -> str:
    language = item_language(paper)
    _, _, _, ris_type = _type(paper)
    lines = [("TY", ris_type)]
    lines += [("AU", f"{a['family'][language]}, {a['given'][language]}") for a in _authors(paper)]
    lines.append(("TI", paper["title"][language]))
    venue = stated(paper.get("venue"))
    if venue:
        lines.append(("T2", venue[language]))
    for tag, field in (("PY", "year"), ("VL", "volume"), ("IS", "issue")):
        value = stated(paper.get(field))
        if value:
            lines.append((tag, value))
    first, last = _pages(paper)
    if last:
        lines += [("SP", first), ("EP", last)]
    elif first:  # one page, or a discontinuous list that SP and EP cannot hold
        lines.append(("SP", stated(paper.get("pages"))))
    for tag, field in (("DO", "doi"), ("SN", "issn")):
        value = stated(paper.get(field))
        if value:
            lines.append((tag, value))
    keywords = stated(paper.get("keywords"))
    for keyword in keywords[language] if keywords else []:
        lines.append(("KW", keyword))
    lines.append(("LA", "zh-CN" if language == "zh" else "en"))
    note = supplied_note(paper)
    if note:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}".rstrip() + "\n" for tag, value in lines)


# ----------------------------------------------------------------------------- COinS (OpenURL)

def coins_context(paper: dict) -> str:
    """The OpenURL 1.0 KEV context object of a COinS span (title attribute, before HTML escaping).

    Why COinS and not Highwire citation_* meta tags: Google Scholar indexes any page that carries
    citation_title/citation_author as the scholarly work itself, so our summary would be listed as
    the paper (or as a duplicate of it). COinS is read by Zotero and other reference managers and
    ignored by Scholar's inclusion rules, so saving the page yields the original's metadata without
    claiming to be it."""
    language = item_language(paper)
    code, *_ = _type(paper)
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal" if code == "J"
                                           else "info:ofi/fmt:kev:mtx:book")]
    genre = {"J": "article", "C": "proceeding", "R": "report"}[code]
    pairs.append(("rft.genre", genre))
    pairs.append(("rft.atitle" if code in ("J", "C") else "rft.btitle", paper["title"][language]))
    venue = stated(paper.get("venue"))
    if venue:
        pairs.append(("rft.jtitle" if code == "J" else "rft.btitle" if code == "C" else "rft.pub", venue[language]))
    authors = _authors(paper)
    if authors:
        # aulast/aufirst only for the first author, as OpenURL defines them.
        pairs.append(("rft.aulast", authors[0]["family"][language]))
        pairs.append(("rft.aufirst", authors[0]["given"][language]))
    for author in authors:
        # "family, given": Zotero's parser splits a name with a comma into its two fields, and then
        # recognises the first author as the one aulast/aufirst named (a bare 刘江宁 it keeps twice).
        pairs.append(("rft.au", f"{author['family'][language]}, {author['given'][language]}"))
    for key, field in (("rft.date", "year"), ("rft.volume", "volume"), ("rft.issue", "issue"),
                       ("rft.pages", "pages"), ("rft.issn", "issn")):
        value = stated(paper.get(field))
        if value:
            pairs.append((key, str(value)))
    first, last = _pages(paper)
    if first:
        pairs.append(("rft.spage", first))
    if last:
        pairs.append(("rft.epage", last))
    doi = stated(paper.get("doi"))
    if doi:
        pairs.append(("rft_id", f"info:doi/{doi}"))
    keywords = stated(paper.get("keywords"))
    for keyword in keywords[language] if keywords else []:
        pairs.append(("rft.subject", keyword))
    # Zotero keeps the value as the item's language, and Chinese CSL styles test for zh-CN.
    pairs.append(("rft.language", "zh-CN" if language == "zh" else "en"))
    return "&".join(f"{urllib.parse.quote(k, safe='._:')}={urllib.parse.quote(str(v), safe='')}" for k, v in pairs)


# ----------------------------------------------------------------------------- the whole set

# Formats shown on the page and offered as files: id → (label, file extension)
FORMATS = (
    ("gb-t-7714-2015", "GB/T 7714—2015", "gb-t-7714-2015.txt"),
    ("gb-t-7714-2025", "GB/T 7714—2025", "gb-t-7714-2025.txt"),
    ("apa", "APA 7", "apa.txt"),
    ("bibtex", "BibTeX", "bib"),
    ("ris", "RIS", "ris"),
    ("csl-json", "CSL-JSON", "json"),
)


def paper_citations(paper: dict, lang: str) -> dict[str, str]:
    """Format id → the citation text (one format's file content) for a page in language lang."""
    return {
        "gb-t-7714-2015": gb7714(paper, "2015"),
        "gb-t-7714-2025": gb7714(paper, "2025"),
        "apa": apa(paper, lang),
        "bibtex": bibtex(paper).rstrip("\n"),
        "ris": ris(paper).rstrip("\n"),
        "csl-json": csl_json(paper).rstrip("\n"),
    }


def cite_file_name(slug: str, format_id: str, lang: str) -> str:
    extension = {format_id: extension for format_id, _, extension in FORMATS}[format_id]
    # APA differs by language (romanised names, translated title); its English file is apa-en, not
    # apa.en: the i18n plugin would move a .en. file to /en/cite/, and every other file stays at /cite/.
    if format_id == "apa" and lang == "en":
        extension = "apa-en.txt"
    return f"{slug}.{extension}"


def cite_files(paper: dict) -> dict[str, str]:
    """File name under cite/ → content, for one paper: every format, APA in both languages."""
    files = {}
    for lang in ("zh", "en"):
        for format_id, text in paper_citations(paper, lang).items():
            files[cite_file_name(paper["slug"], format_id, lang)] = text + "\n"
    return files


# ----------------------------------------------------------------------------- this page

def page_citations(*, site_name: str, page_title: str, url: str, version: str, date: str,
                   lang: str) -> dict[str, str]:
    """A citation of our summary page itself (not of the paper): the site as author, the page title,
    its URL, the site version and the build date (YYYY-MM-DD from SOURCE_DATE_EPOCH). No access date:
    that is the reader's to add."""
    year = date[:4]
    version_label = f"版本 {version}" if lang == "zh" else f"Version {version}"
    gb = f"{site_name}. {page_title}[EB/OL]. ({date}). {url}."
    apa_text = f"{site_name}. ({year}). {page_title} ({version_label}). {url}"
    key = re.sub(r"[^a-z0-9]+", "-", url.lower().rstrip("/").rsplit("/", 1)[-1]).strip("-") or "page"
    bib = (f"@misc{{npf-reader-{key},\n"
           f"  author = {{{{{bibtex_escape(site_name)}}}}},\n"
           f"  title = {{{bibtex_escape(page_title)}}},\n"
           f"  year = {{{year}}},\n"
           f"  date = {{{date}}},\n"
           f"  version = {{{bibtex_escape(version)}}},\n"
           f"  url = {{{_url_safe_doi(url)}}}\n}}")
    return {"gb-t-7714-2015": gb, "apa": apa_text, "bibtex": bib}


def cite_blocks(paper: dict, lang: str) -> list[dict]:
    """What the "cite this paper" section shows: per format its id, label, text and file name under
    cite/ (one folder at the site root for both languages)."""
    texts = paper_citations(paper, lang)
    return [{"id": format_id, "label": label, "text": texts[format_id],
             "file": cite_file_name(paper["slug"], format_id, lang)} for format_id, label, _ in FORMATS]


def page_cite_blocks(paper: dict, lang: str, site, site_name: str, title_pattern: str) -> list[dict]:
    """What the "cite this page" section shows, for the summary page of paper in language lang."""
    texts = page_citations(site_name=site_name, page_title=title_pattern.replace("{title}", paper["title"][lang]),
                           url=site.page_url(f"papers/{paper['slug']}/", lang), version=site.version,
                           date=site.date, lang=lang)
    labels = {"gb-t-7714-2015": "GB/T 7714—2015", "apa": "APA 7", "bibtex": "BibTeX"}
    return [{"id": f"page-{format_id}", "label": labels[format_id], "text": text} for format_id, text in texts.items()]


# ----------------------------------------------------------------------------- JSON-LD

def json_ld(paper: dict, lang: str, site, site_name: str, page_title: str) -> dict:
    """schema.org data for the head of a paper page: a WebPage (ours) that is `about` a
    ScholarlyArticle (the original). Only printed fields; the article's names are as printed, with
    the romanised form as alternateName."""
    language = item_language(paper)
    article: dict = {"@type": "ScholarlyArticle", "name": paper["title"][language],
                     "headline": paper["title"][language], "inLanguage": "zh-CN" if language == "zh" else "en"}
    if paper["title"].get("en_source") == "printed" and language == "zh":
        article["alternativeHeadline"] = paper["title"]["en"]
    authors = _authors(paper)
    if authors:
        article["author"] = []
        for author in authors:
            person = {"@type": "Person", "name": author["name"][language],
                      "familyName": author["family"][language], "givenName": author["given"][language]}
            if language == "zh":
                person["alternateName"] = author["name"]["en"]
            affiliation = stated(author.get("affiliation"))
            if affiliation:
                person["affiliation"] = {"@type": "Organization", "name": affiliation[language]}
            article["author"].append(person)
    year = stated(paper.get("year"))
    if year:
        article["datePublished"] = str(year)
    venue, volume, issue = stated(paper.get("venue")), stated(paper.get("volume")), stated(paper.get("issue"))
    if venue or volume or issue:
        container: dict = {"@type": "Periodical", "name": venue[language]} if venue else None
        if volume:
            container = {"@type": "PublicationVolume", "volumeNumber": str(volume),
                         **({"isPartOf": container} if container else {})}
        if issue:
            container = {"@type": "PublicationIssue", "issueNumber": str(issue),
                         **({"isPartOf": container} if container else {})}
        article["isPartOf"] = container
    pages = stated(paper.get("pages"))
    if pages:
        article["pagination"] = pages
    doi = stated(paper.get("doi"))
    if doi:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": doi}
        article["sameAs"] = f"https://doi.org/{doi}"
    issn = stated(paper.get("issn"))
    if issn:
        article["issn"] = issn
    keywords = stated(paper.get("keywords"))
    if keywords:
        article["keywords"] = list(keywords[language])
    url = site.page_url(f"papers/{paper['slug']}/", lang)
    return {"@context": "https://schema.org", "@type": "WebPage", "name": page_title, "url": url,
            "inLanguage": "zh-CN" if lang == "zh" else "en", "version": site.version,
            "dateModified": site.date, "isPartOf": {"@type": "WebSite", "name": site_name, "url": site.url},
            "about": article}


def json_ld_front_matter(paper: dict, lang: str, site, site_name: str, title_pattern: str):
    """The JSON-LD as one line of front matter (JSON is YAML): ASCII only, so nothing in it needs
    escaping for Markdown or YAML; MkDocs' tojson escapes it for the <script> element."""
    from markupsafe import Markup
    data = json_ld(paper, lang, site, site_name, title_pattern.replace("{title}", paper["title"][lang]))
    return Markup(json.dumps(data, ensure_ascii=True, sort_keys=True))
