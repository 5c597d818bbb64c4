"""Derive what the pages need from validated content. In: a RawContent that validate() passed. Out: a
Corpus: papers in display order with counts and display strings, vocabularies indexed by id, the
glossary in pinyin order, and each term's usage (definition items and mentions) across papers.

Everything here is linear in the size of the corpus: one pass over each paper."""
from __future__ import annotations

import dataclasses
import pathlib
import unicodedata

from .load import RawContent
from .quotes import evidence_entries, quotes_of
from .schema import RESERVED_LOCATORS, load_schema, resolve

LANGS = ("zh", "en")


def pinyin_sort_key(pinyin: str) -> str:
    """Tone marks and spaces removed, lower case: xīnzhì shēngchǎnlì → xinzhishengchanli."""
    decomposed = unicodedata.normalize("NFD", pinyin.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@dataclasses.dataclass
class Corpus:
    papers: list[dict]                 # display order: year (newest first), then slug
    papers_by_slug: dict[str, dict]
    themes: list[dict]
    themes_by_id: dict[str, dict]
    actors: list[dict]
    actors_by_id: dict[str, dict]
    terms: list[dict]                  # pinyin order
    terms_by_id: dict[str, dict]
    indicators_by_id: dict[str, dict]
    term_usage: dict[str, list[dict]]  # term id → [{paper, definitions: [...]}] in paper order
    source_files: dict[str, str]       # slug → content/papers/<slug>.yaml
    # content/ as loaded, untouched (no None-filled fields), for the downloads: slug → paper data,
    # slug → the file's exact text, vocabulary name → data.
    raw_papers: dict[str, dict] = dataclasses.field(default_factory=dict)
    raw_texts: dict[str, str] = dataclasses.field(default_factory=dict)
    raw_vocabularies: dict[str, object] = dataclasses.field(default_factory=dict)
    # Site-level content: the changelog (newest first), reading lists (slug order) with their papers
    # resolved, redirects [{old, new}], and a SiteInfo (URL, version, build date) set by build.
    changelog: list = dataclasses.field(default_factory=list)
    reading_lists: list = dataclasses.field(default_factory=list)
    redirects: list = dataclasses.field(default_factory=list)
    site: object = None


def with_optional_fields(data: object, schema: dict, root: dict) -> object:
    """A copy of data in which every optional property the schema allows but the file omits is None,
    so templates can test `if item.expert` under StrictUndefined without knowing which are optional."""
    return _filler(schema, root).fill(data)


class _Filler:
    """with_optional_fields for one schema node. Resolving $refs and oneOf branches is done once per
    node here, not once per value: a 2,000-paper corpus has millions of values but ~100 nodes."""

    def __init__(self, schema: dict, root: dict):
        schema = resolve(schema, root)
        branches = [resolve(b, root) for b in schema.get("oneOf", [])]
        objects = [b for b in branches if b.get("type") == "object" and b.get("title") != "Not stated"]
        arrays = [b for b in branches if b.get("type") == "array"]
        self.properties = (objects[0] if objects else schema).get("properties", {})
        self.items = (arrays[0] if arrays else schema).get("items", _EMPTY)
        self.root = root
        self.children: dict[str, _Filler] = {}  # property name → its filler, made when first needed
        self.item_filler: _Filler | None = None

    def fill(self, data: object) -> object:
        if isinstance(data, dict):
            if "not_stated" in data:
                return {"not_stated": data["not_stated"], "note": data.get("note")}
            children, filled = self.children, {}
            for key, value in data.items():
                if not isinstance(value, (dict, list)):
                    filled[key] = value  # what fill() would return, without the call
                    continue
                child = children.get(key)
                if child is None:
                    child = children[key] = _filler(self.properties.get(key, _EMPTY), self.root)
                filled[key] = child.fill(value)
            for key in self.properties:
                filled.setdefault(key, None)
            return filled
        if isinstance(data, list):
            if self.item_filler is None:
                self.item_filler = _filler(self.items, self.root)
            fill = self.item_filler.fill
            return [fill(value) if isinstance(value, (dict, list)) else value for value in data]
        return data


_EMPTY: dict = {}  # the schema of a property the schema does not describe
# (id(schema), id(root)) → (schema, root, filler). The schema and root are kept so that their ids
# cannot be reused by other objects; every schema given here lives as long as the program anyway
# (load_schema caches the documents; enrich's top-level $ref schemas are module constants).
_FILLERS: dict[tuple[int, int], tuple[dict, dict, _Filler]] = {}


def _filler(schema: dict, root: dict) -> _Filler:
    key = (id(schema), id(root))
    hit = _FILLERS.get(key)
    if hit is None or hit[0] is not schema or hit[1] is not root:
        hit = _FILLERS[key] = (schema, root, _Filler(schema, root))
    return hit[2]


def _year_sort(paper: dict) -> int:
    year = paper.get("year")
    if isinstance(year, dict):
        year = year.get("supplied")
    return year if isinstance(year, int) else 0


def counts(paper: dict, quotes: int | None = None) -> dict[str, int]:
    """How many of each kind of item a paper has; quotes may be given if already counted."""
    figures = sum(len(case["figures"]) for case in paper["cases"])
    return {
        "sections": len(paper["outline"]),
        "arguments": len(paper["arguments"]),
        "mechanisms": len(paper["mechanisms"]),
        "challenges": len(paper["challenges"]),
        "recommendations": len(paper["recommendations"]),
        "cases": len(paper["cases"]),
        "statistics": len(paper["statistics"]) + figures,
        "definitions": len(paper["definitions"]),
        "policy_documents": len(paper["policy_documents"]),
        "references": len(paper["references"]),
        "critical_notes": len(paper["critical_notes"]),
        "quotes": sum(1 for _ in quotes_of(paper)) if quotes is None else quotes,
    }


def _zh_text_of(paper: dict) -> str:
    """All Chinese text of a summary (our zh fields and the quotes), to find glossary mentions."""
    return _zh_text_and_quotes(paper)[0]


def _zh_text_and_quotes(paper: dict) -> tuple[str, int]:
    """_zh_text_of and the number of quotes (as quotes_of counts them), in one walk over the paper."""
    parts: list[str] = []
    quotes = _collect_zh(paper, parts)
    return "\n".join(parts), quotes


def _collect_zh(node: object, parts: list[str]) -> int:
    """Append the zh texts and quotes below node to parts, in order; return how many quotes there were.
    (A module function rather than a closure that calls itself: that would be a reference cycle,
    kept with its texts until the garbage collector runs.)"""
    quotes = 0
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("zh", "quote") and isinstance(value, str):
                parts.append(value)
                quotes += key == "quote"
            elif key == "zh" and isinstance(value, list):
                parts.extend(v for v in value if isinstance(v, str))
                # Not text, but quotes_of would look inside (never the case in valid content).
                quotes += sum(1 for v in value if not isinstance(v, str) for _ in quotes_of(v))
            else:
                quotes += _collect_zh(value, parts)
    elif isinstance(node, list):
        for value in node:
            quotes += _collect_zh(value, parts)
    return quotes


def section_labels(paper: dict) -> dict[str, dict[str, str]]:
    """Locator id → how the locator is shown: the printed number and heading."""
    labels = {key: dict(value) for key, value in RESERVED_LOCATORS.items()}
    for section in paper["outline"]:
        number = section.get("number")
        labels[section["id"]] = {
            lang: (f"{number} {section['title'][lang]}" if number and lang == "zh" else
                   f"{number.strip('、 ')} {section['title'][lang]}" if number else section["title"][lang])
            for lang in LANGS
        }
    return labels


def short_locators(paper: dict) -> dict[str, dict[str, str]]:
    """Locator id → a short label for the one-line evidence mark: the printed numbers of the section
    and its parents (二（一）), or, for an unnumbered section, its title cut to a dozen characters."""
    labels = {key: dict(value) for key, value in RESERVED_LOCATORS.items()}
    numbers: dict[int, str] = {}
    for section in paper["outline"]:
        level, number = section["level"], (section.get("number") or "").strip()
        numbers = {k: v for k, v in numbers.items() if k < level}
        if number:
            numbers[level] = number.rstrip("、.． ")
            # Decimal numbers (2.1) already name their parents; 一、 … (一) need the parent's in front.
            short = numbers[level] if number[0].isdigit() else "".join(numbers[k] for k in sorted(numbers))
            labels[section["id"]] = {lang: short for lang in LANGS}
        else:
            labels[section["id"]] = {lang: _cut(section["title"][lang], 12 if lang == "zh" else 24)
                                     for lang in LANGS}
    return labels


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def locator_anchors(paper: dict) -> dict[str, str]:
    """Locator id → the anchor on the paper page that shows it (reserved locators have no section)."""
    anchors = {key: "bibliographic" for key in RESERVED_LOCATORS}
    anchors["references"] = "references"
    anchors.update({section["id"]: section["id"] for section in paper["outline"]})
    return anchors


def evidence_quotes(paper: dict) -> dict[str, str]:
    """Evidence anchor (<item id>-q<N>) → its quote, for the entries that quote: what a `see` entry
    shows and links to."""
    return {anchor: entry["quote"] for _, anchor, entry in evidence_entries(paper)
            if isinstance(entry.get("quote"), str)}


_THEMES_FILE = {"$ref": "#/$defs/themes_file"}
_GLOSSARY_FILE = {"$ref": "#/$defs/glossary_file"}
_INDICATORS_FILE = {"$ref": "#/$defs/indicators_file"}


def enrich(raw: RawContent) -> Corpus:
    paper_schema = load_schema("paper")
    vocabulary_schema = load_schema("vocabularies")
    papers = [with_optional_fields(data, paper_schema, paper_schema) for data in raw.papers.values()]
    papers.sort(key=lambda p: (-_year_sort(p), p["slug"]))
    source_files = {data["slug"]: rel for rel, data in raw.papers.items()}
    theme_file = with_optional_fields(raw.vocabularies["themes"], _THEMES_FILE, vocabulary_schema)
    glossary = with_optional_fields(raw.vocabularies["glossary"], _GLOSSARY_FILE, vocabulary_schema)
    indicators = with_optional_fields(raw.vocabularies["indicators"], _INDICATORS_FILE, vocabulary_schema)
    terms = sorted(glossary, key=lambda t: (pinyin_sort_key(t["pinyin"]), t["id"]))
    terms_by_id = {t["id"]: t for t in terms}

    term_usage: dict[str, list[dict]] = {t["id"]: [] for t in terms}
    term_names = [(term, [term["zh"], *(term["aliases"] or [])]) for term in terms]
    for paper in papers:
        text, quotes = _zh_text_and_quotes(paper)
        paper["counts"] = counts(paper, quotes)
        paper["locators"] = section_labels(paper)
        paper["locator_anchors"] = locator_anchors(paper)
        paper["locators_short"] = short_locators(paper)
        paper["evidence_quotes"] = evidence_quotes(paper)
        paper["authors_by_id"] = {a["id"]: a for a in paper["authors"]} if isinstance(paper["authors"], list) else {}
        by_term: dict[str, list[dict]] = {}
        for definition in paper["definitions"]:
            by_term.setdefault(definition["term"], []).append(definition)
        used = []
        for term, names in term_names:
            if term["id"] in by_term or any(name in text for name in names):
                used.append(term["id"])
                term_usage[term["id"]].append({"paper": paper, "definitions": by_term.get(term["id"], [])})
        paper["terms_used"] = used

    return Corpus(
        papers=papers,
        papers_by_slug={p["slug"]: p for p in papers},
        themes=theme_file["themes"],
        themes_by_id={t["id"]: t for t in theme_file["themes"]},
        actors=theme_file["actors"],
        actors_by_id={a["id"]: a for a in theme_file["actors"]},
        terms=terms,
        terms_by_id=terms_by_id,
        indicators_by_id={i["id"]: i for i in indicators},
        term_usage=term_usage,
        source_files={slug: pathlib.PurePosixPath(rel).as_posix() for slug, rel in source_files.items()},
        raw_papers={data["slug"]: data for data in raw.papers.values()},
        raw_texts={data["slug"]: raw.texts[rel] for rel, data in raw.papers.items() if rel in raw.texts},
        raw_vocabularies=dict(raw.vocabularies),
        changelog=list(raw.changelog or []),
        reading_lists=enrich_reading_lists(raw, {p["slug"]: p for p in papers}),
        redirects=list(raw.redirects or []),
    )


def enrich_reading_lists(raw: RawContent, papers_by_slug: dict[str, dict]) -> list[dict]:
    """Reading lists in slug order, each entry given its paper; total reading time in minutes."""
    lists = []
    for data in sorted((d for d in raw.reading_lists.values() if isinstance(d, dict)), key=lambda d: d["slug"]):
        entries = [dict(entry, paper=papers_by_slug[entry["paper"]]) for entry in data["papers"]]
        lists.append(dict(data, papers=entries, total_minutes=sum(e["minutes"] for e in entries)))
    return lists
