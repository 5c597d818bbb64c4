"""Cross-paper comparisons. In: an enriched Corpus, a language and that language's interface strings.
Out: plain data for the comparison pages and their downloads — tables (columns, rows with stable ids,
cells with text, sort keys and links), the statistics ledger's agreements and conflicts with one
explanatory sentence each, heat-map geometry, CSV text and the corpus as JSON. Nothing here reads or
writes files or produces markup; templates turn the tables into HTML.

Everything is linear in the size of the corpus: each derivation is one pass over the papers that
groups by a key (theme, actor, indicator, normalised title), never a comparison of every pair."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from decimal import Decimal

from .citations import stated
from .render import Safe, format_number, is_not_stated, one_line, year_label
from .schema import enum_labels

# The comparison pages (docs/compare/<page>.md), in nav order.
PAGES = ("index", "mechanisms", "challenges", "recommendations", "actors", "definitions",
         "statistics", "cases", "sources")
THEMED_LISTS = ("mechanisms", "challenges", "recommendations")


# --- normalising titles ---------------------------------------------------------------------------

def normalise_title(text: str) -> str:
    """A key under which two printings of one title match: full-width forms folded to half-width
    (NFKC), case folded, and everything that is not a letter or a digit dropped (whitespace,
    punctuation of both widths, 《》〈〉, straight and curly quotes, brackets, dashes, symbols).
    “十四五”数字经济发展规划 and 《"十四五" 数字经济发展规划》 give the same key."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LN")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# --- papers ---------------------------------------------------------------------------------------

def paper_short_labels(corpus, lang: str, s: dict) -> dict[str, str]:
    """slug → an author-year label for column heads (刘江宁等 年份未载 / Liu et al. n.d.); where two
    papers would share one, a, b, … are appended in display order, as author-year citations do."""
    labels = {}
    for paper in corpus.papers:
        year = s["no_year"] if is_not_stated(paper["year"]) else year_label(paper["year"])
        authors = paper["authors"]
        if is_not_stated(authors):
            title = paper["title"][lang]
            name = title if len(title) <= 12 else title[:11] + "…"
        else:
            first = authors[0]["name"]["zh"] if lang == "zh" else authors[0]["family"]["en"]
            name = first + (s["et_al"] if len(authors) > 1 else "")
        labels[paper["slug"]] = f"{name} {year}"
    seen: dict[str, list[str]] = {}
    for slug, label in labels.items():
        seen.setdefault(label, []).append(slug)
    for label, slugs in seen.items():
        if len(slugs) > 1:
            for index, slug in enumerate(slugs):
                labels[slug] = label + "abcdefghijklmnopqrstuvwxyz"[index % 26]
    return labels


def _authors_text(paper: dict, lang: str, s: dict) -> str:
    if is_not_stated(paper["authors"]):
        return s["not_stated"]
    return ("、" if lang == "zh" else ", ").join(a["name"][lang] for a in paper["authors"])


def _year_sort(year: object) -> str:
    """Sort key of a year or period: its first year; '' (sorts last) when not stated."""
    if isinstance(year, int):
        return str(year)
    if isinstance(year, str):
        return year[:4]
    return ""


def _year_text(year: object, s: dict) -> str:
    return s["not_stated"] if is_not_stated(year) else year_label(year)


def _paper_href(up: str, paper: dict, anchor: str = "") -> str:
    # Slugs and item ids are validated kebab-case, so the link needs no escaping (and keeps its #).
    return Safe(f"{up}papers/{paper['slug']}/" + (f"#{anchor}" if anchor else ""))


def _anchor(item_id: str) -> str:
    return Safe(f"#{item_id}")


def _row_id(paper: dict, item_id: str) -> str:
    # Kebab-case ids never contain "--", so slug--item-id is unique across the corpus.
    return f"{paper['slug']}--{item_id}"


# --- cells and tables -----------------------------------------------------------------------------

def cell(text: str = "", *, sort: str | None = None, href: str | None = None, items: list | None = None,
         state: str | None = None, lang: str | None = None, csv_text: str | None = None,
         title: str | None = None, anchors: list | None = None, summary: str | None = None,
         pointers: list | None = None) -> dict:
    """One table cell. text is what the cell says (and what the CSV and the filter see); sort is the
    key the table script sorts by ('' sorts last, None: the text); href links the whole text; items
    is a list of {text, href, lang, mark} shown as a list (mark: a note after the link); state is
    not-stated or absent (said in words); anchors are extra ids the cell carries (former ids of its
    row); summary is a line shown above the items (a count and share); pointers are links shown
    after an absent cell's words (the paper's cases and arguments on the row's theme)."""
    return {"text": text, "sort": sort, "href": href, "entries": items or [], "state": state,
            "lang": lang, "csv": text if csv_text is None else csv_text, "title": title,
            "anchors": anchors or [], "summary": summary, "pointers": pointers or []}


def column(key: str, label: str, kind: str = "text", *, title: str | None = None, href: str | None = None,
           csv_label: str | None = None) -> dict:
    """kind: text (sorted by pinyin or alphabet), number or year (sorted numerically)."""
    return {"key": key, "label": label, "type": kind, "title": title, "href": href,
            "csv_label": label if csv_label is None else csv_label}


def table(key: str, caption: str, columns: list[dict], rows: list[dict], lang: str,
          foot: list[dict] | None = None) -> dict:
    """A table; foot rows (totals) stay below the body when it is sorted or filtered."""
    return {"key": key, "id": f"table-{key}", "caption": caption, "columns": columns, "rows": rows,
            "foot": foot or [], "csv": f"data/{lang}/{key}.csv"}


def _paper_columns(corpus, labels: dict[str, str], up: str, lang: str) -> list[dict]:
    # Matrix cells sort by how many items the paper has there; a paper with none sorts last.
    return [column(f"paper-{p['slug']}", labels[p["slug"]], "number", title=p["title"][lang],
                   href=_paper_href(up, p), csv_label=f"{labels[p['slug']]} ({p['slug']})")
            for p in corpus.papers]


# --- 1. overview ----------------------------------------------------------------------------------

def overview_table(corpus, lang: str, s: dict, up: str) -> dict:
    kinds = enum_labels("properties", "kind")
    columns = [column("paper", s["papers"]), column("kind", s["kind"]), column("year", s["year"], "year"),
               column("venue", s["venue"]), column("authors", s["authors"]), column("approach", s["approach"]),
               column("focus", s["focus"]), column("sections", s["outline"], "number"),
               column("references", s["references_short"], "number"),
               column("statistics", s["statistics"], "number"), column("cases", s["cases"], "number")]
    rows = []
    for paper in corpus.papers:
        counts = paper["counts"]
        rows.append({"id": f"paper-{paper['slug']}", "cells": [
            cell(paper["title"][lang], href=_paper_href(up, paper)),
            cell(kinds[paper["kind"]][lang]),
            cell(_year_text(paper["year"], s), sort=_year_sort(stated(paper["year"])),
                 state="not-stated" if is_not_stated(paper["year"]) else None),
            cell(s["not_stated"], sort="", state="not-stated") if is_not_stated(paper["venue"])
            else cell(paper["venue"][lang]),
            cell(_authors_text(paper, lang, s), state="not-stated" if is_not_stated(paper["authors"]) else None,
                 sort="" if is_not_stated(paper["authors"]) else None),
            cell(paper["approach"][lang]),
            cell(paper["focus"][lang]),
            *(cell(str(counts[key]), sort=str(counts[key])) for key in ("sections", "references", "statistics", "cases")),
        ]})
    return table("overview", s["compare_overview"], columns, rows, lang)


# --- 2. theme matrices ----------------------------------------------------------------------------

# A forecast or a target is shown but not counted as a mechanism, challenge or recommendation.
COUNTED_STATUSES = (None, "claim", "proposal")


def is_counted(item: dict) -> bool:
    return item.get("status") in COUNTED_STATUSES


def distinct_count(items: list[dict]) -> int:
    """How many distinct counted items: forecasts and targets left out, and a restatement never on
    its own (what it restates is counted, in the cells of its own themes and actors), so that a
    slogan repeated in the abstract is one recommendation, not two."""
    return sum(1 for item in items if is_counted(item) and not item.get("restates"))


def list_totals(corpus, list_name: str) -> dict[str, int]:
    """slug → the paper's distinct counted items in the list (the denominator of every share)."""
    return {paper["slug"]: distinct_count(paper[list_name]) for paper in corpus.papers}


def share_text(n: int, total: int) -> str:
    return f"{round(100 * n / total)}%" if total else "0%"


def theme_counts(corpus, list_name: str) -> dict[str, dict[str, list[dict]]]:
    """theme id → slug → the paper's items of that list tagged with the theme (one pass per paper),
    every item, counted or not."""
    found: dict[str, dict[str, list[dict]]] = {t["id"]: {} for t in corpus.themes}
    for paper in corpus.papers:
        for item in paper[list_name]:
            for theme in item["themes"]:
                found[theme].setdefault(paper["slug"], []).append(item)
    return found


def _theme_pointers(corpus) -> dict[str, dict[str, list[dict]]]:
    """theme id → slug → the paper's arguments and cases that carry the theme, for the pointers of
    an empty cell: they may touch a theme that the list has no item on."""
    found: dict[str, dict[str, list[dict]]] = {t["id"]: {} for t in corpus.themes}
    for paper in corpus.papers:
        for kind, list_name in (("argument", "arguments"), ("case", "cases")):
            for item in paper[list_name]:
                for theme in item.get("themes") or []:
                    found[theme].setdefault(paper["slug"], []).append({"kind": kind, "item": item})
    return found


def _cut(text: str, length: int) -> str:
    text = one_line(text)
    return text if len(text) <= length else text[:length - 1].rstrip("，,；; ") + "…"


def _item_mark(item: dict, s: dict) -> str | None:
    status = item.get("status")
    if status in ("forecast", "target"):
        return s[f"mark_{status}"]
    if item.get("restates"):
        return s["mark_restates"]
    return None


def _items_cell(paper: dict, items: list[dict], lang: str, s: dict, up: str, total: int,
                pointers: list[dict] | None = None) -> dict:
    """A matrix cell: the paper's items on the row (forecasts, targets and restatements marked),
    how many distinct counted items that is and their share of the paper's list; or, with no item,
    "none recorded" and links to the paper's arguments and cases on the row's theme."""
    if not items:
        links = []
        for pointer in pointers or []:
            item = pointer["item"]
            label = item["name"][lang] if pointer["kind"] == "case" else _cut(item["text"][lang], 18 if lang == "zh" else 48)
            links.append({"text": f"{s['pointer_' + pointer['kind']]}{label}", "href": _paper_href(up, paper, item["id"]),
                          "lang": None})
        return cell(s["absent"], sort="", state="absent", pointers=links,
                    csv_text=s["absent"] + "".join(f" | {s['see_pointers']}{p['item']['id']}" for p in pointers or []))
    n = distinct_count(items)
    entries = [{"text": item["text"][lang], "href": _paper_href(up, paper, item["id"]), "lang": None,
                "mark": _item_mark(item, s)} for item in items]
    separator = "；" if lang == "zh" else "; "
    return cell(separator.join(e["text"] for e in entries), items=entries, sort=str(n),
                summary=s["cell_count"].format(n=n, total=total, share=share_text(n, total)),
                csv_text=" | ".join(f"{item['text'][lang]} [{item['id']}]" + (f" ({_item_mark(item, s).strip(' ()（）')})" if _item_mark(item, s) else "")
                                    for item in items))


def _former_anchors(entry: dict, prefix: str) -> list[str]:
    return [f"{prefix}-{old}" for old in entry.get("formerly") or []]


def _totals_row(corpus, totals: dict[str, int], s: dict) -> dict:
    return {"id": "total-items", "cells": [
        cell(s["total_distinct"]), cell("", sort=""),
        *(cell(str(totals[p["slug"]]), sort=str(totals[p["slug"]])) for p in corpus.papers)]}


def theme_matrix(corpus, list_name: str, lang: str, s: dict, up: str) -> dict:
    labels = paper_short_labels(corpus, lang, s)
    found = theme_counts(corpus, list_name)
    pointers = _theme_pointers(corpus)
    totals = list_totals(corpus, list_name)
    total = len(corpus.papers)
    columns = [column("theme", s["theme"]), column("papers-raising", s["papers_raising"], "number"),
               *_paper_columns(corpus, labels, up, lang)]
    rows = []
    for theme in corpus.themes:
        by_paper = found[theme["id"]]
        n = sum(1 for items in by_paper.values() if distinct_count(items))
        rows.append({"id": f"theme-{theme['id']}", "cells": [
            cell(theme["label"][lang], title=theme["definition"][lang], href=Safe(f"{up}compare/codebook/#theme-{theme['id']}"),
                 anchors=_former_anchors(theme, "theme")),
            cell(s["n_of_total"].format(n=n, total=total), sort=str(n), csv_text=str(n)),
            *(_items_cell(p, by_paper.get(p["slug"], []), lang, s, up, totals[p["slug"]],
                          pointers[theme["id"]].get(p["slug"], [])) for p in corpus.papers),
        ]})
    return table(list_name, s[f"compare_{list_name}"], columns, rows, lang, foot=[_totals_row(corpus, totals, s)])


def heatmap(corpus, list_name: str, lang: str, s: dict, up: str) -> dict:
    """Geometry of the coverage heat map (themes × papers), drawn as SVG by the template. A cell is
    shaded by the share of the paper's distinct items in the list that carry the theme, so a paper
    with many items does not look darker for that alone; the share is printed in every cell (colour
    is never the only signal) and the count is in its title."""
    labels = paper_short_labels(corpus, lang, s)
    found = theme_counts(corpus, list_name)
    totals = list_totals(corpus, list_name)
    row_label_width, col_width, row_height, head = (340 if lang == "en" else 190), 64, 24, 110
    shares = {(t["id"], p["slug"]): (distinct_count(found[t["id"]].get(p["slug"], [])) / totals[p["slug"]]
                                     if totals[p["slug"]] else 0.0)
              for t in corpus.themes for p in corpus.papers}
    largest = max(shares.values(), default=0.0)
    rows = []
    for r, theme in enumerate(corpus.themes):
        cells = []
        for c, paper in enumerate(corpus.papers):
            count = distinct_count(found[theme["id"]].get(paper["slug"], []))
            share = shares[(theme["id"], paper["slug"])]
            shade = share / largest if largest else 0
            cells.append({"x": row_label_width + c * col_width, "y": head + r * row_height, "count": count,
                          "text": share_text(count, totals[paper["slug"]]),
                          "fill": Safe(_shade(shade)), "dark": shade > 0.55,
                          "label": s["heatmap_cell"].format(theme=theme["label"][lang], paper=labels[paper["slug"]],
                                                            n=count, total=totals[paper["slug"]],
                                                            share=share_text(count, totals[paper["slug"]]))})
        rows.append({"label": theme["label"][lang], "y": head + r * row_height, "cells": cells,
                     "id": f"theme-{theme['id']}"})
    columns = [{"label": labels[p["slug"]], "x": row_label_width + c * col_width + col_width // 2,
                "href": _paper_href(up, p), "title": p["title"][lang]} for c, p in enumerate(corpus.papers)]
    totals_text = s["list_sep"].join(f"{labels[p['slug']]} {totals[p['slug']]}" for p in corpus.papers)
    # The last column's slanted label runs past its cell: leave room on the right.
    return {"id": f"heatmap-{list_name}", "width": row_label_width + col_width * len(corpus.papers) + 90,
            "height": head + row_height * len(corpus.themes) + 10, "col_width": col_width,
            "row_height": row_height, "head": head, "label_width": row_label_width,
            "rows": rows, "columns": columns,
            "title": s["heatmap_title"].format(what=s[list_name]),
            "desc": s["heatmap_desc"].format(what=s[list_name], largest=share_text(round(largest * 1000), 1000),
                                             totals=totals_text)}


def _shade(share: float) -> str:
    """From a pale grey-blue (none) to Material's indigo (the largest share any cell has)."""
    low, high = (0xf2, 0xf3, 0xf9), (0x3f, 0x51, 0xb5)
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high))


def retired_entries(corpus, which: str) -> list[dict]:
    """The retired themes or actors of the codebook (content/themes.yaml), for their old anchors:
    [{id, label, reason, see: [{id, label}]}]."""
    data = corpus.raw_vocabularies.get("themes") or {}
    current = {t["id"]: t for t in (corpus.themes if which == "themes" else corpus.actors)}
    return [dict(entry, see=[current[i] for i in entry.get("see") or [] if i in current])
            for entry in data.get(f"retired_{which}") or []]


# --- 3. definitions -------------------------------------------------------------------------------

def _definition_groups(corpus) -> dict[str, list[tuple[dict, dict, bool]]]:
    """term id → [(paper, definition, primary)] for every definition passage of the corpus, under its
    term and under each of its also_terms (primary False); background passages are left out."""
    groups: dict[str, list[tuple[dict, dict, bool]]] = {}
    for paper in corpus.papers:
        for definition in paper["definitions"]:
            if definition.get("kind") == "background":
                continue
            groups.setdefault(definition["term"], []).append((paper, definition, True))
            for term in definition.get("also_terms") or []:
                groups.setdefault(term, []).append((paper, definition, False))
    return groups


def _definition_quotes(paper: dict, definition: dict) -> str:
    quotes = list(dict.fromkeys(ev["quote"] or paper["evidence_quotes"][ev["see"]] for ev in definition["evidence"]))
    return "“" + "” “".join(quotes) + "”"


def definitions_table(corpus, lang: str, s: dict, up: str) -> dict:
    """Every characterisation of each glossary term that two or more papers define (pinyin order),
    grouped under the concept it characterises; a passage that also characterises another term is
    listed under that one too. Background passages (not definitions) are not compared."""
    columns = [column("term", s["term"]), column("paper", s["papers"]), column("definition", s["characterisation"]),
               column("quote", s["evidence"])]
    groups = _definition_groups(corpus)
    rows = []
    for term in corpus.terms:
        entries = groups.get(term["id"], [])
        if len({paper["slug"] for paper, _, _ in entries}) < 2:
            continue
        for paper, definition, primary in entries:
            row_id = _row_id(paper, definition["id"]) + ("" if primary else f"--{term['id']}")
            rows.append({"id": row_id, "cells": [
                cell(term[lang], href=Safe(f"{up}glossary/#{term['id']}"),
                     csv_text=f"{term[lang]} ({term['zh']})" if lang == "en" else term["zh"]),
                cell(paper["title"][lang], href=_paper_href(up, paper)),
                cell(definition["text"][lang], href=_paper_href(up, paper, definition["id"])),
                cell(_definition_quotes(paper, definition), lang="zh"),
            ]})
    return table("definitions", s["compare_definitions"], columns, rows, lang)


def other_definitions_table(corpus, lang: str, s: dict, up: str) -> dict:
    """The definition passages the side-by-side table does not compare, each with the reason: a
    concept only one paper defines, or a passage that is not a definition (background). Their rows
    keep the anchors a passage had when it stood in the comparison."""
    groups = _definition_groups(corpus)
    compared = {term for term, entries in groups.items() if len({paper["slug"] for paper, _, _ in entries}) >= 2}
    kinds = enum_labels("$defs", "definition", "properties", "kind")
    columns = [column("term", s["term"]), column("paper", s["papers"]), column("definition", s["characterisation"]),
               column("reason", s["why_not_compared"])]
    order = {term["id"]: index for index, term in enumerate(corpus.terms)}
    entries = [(paper, definition) for paper in corpus.papers for definition in paper["definitions"]
               if definition.get("kind") == "background" or definition["term"] not in compared]
    entries.sort(key=lambda pd: order[pd[1]["term"]])  # stable: papers keep display order
    rows = []
    for paper, definition in entries:
        term = corpus.terms_by_id[definition["term"]]
        reason = kinds["background"][lang] if definition.get("kind") == "background" else s["only_one_paper"]
        rows.append({"id": _row_id(paper, definition["id"]), "cells": [
            cell(term[lang], href=Safe(f"{up}glossary/#{term['id']}"),
                 csv_text=f"{term[lang]} ({term['zh']})" if lang == "en" else term["zh"]),
            cell(paper["title"][lang], href=_paper_href(up, paper)),
            cell(definition["text"][lang], href=_paper_href(up, paper, definition["id"])),
            cell(reason),
        ]})
    return table("definitions-other", s["compare_definitions_other"], columns, rows, lang)


# --- 4. statistics ledger -------------------------------------------------------------------------

# Two papers' figures for related measures (one family, group or indicator, one unit) this many times
# apart, or more, are listed as a tension.
TENSION_FACTOR = 3
# An actual figure and an estimate both report what happened: they can agree or conflict. A forecast
# or a target is set only against another of the same status.
REALISED = frozenset({"actual", "estimate"})
FINDING_KINDS = ("conflict", "tension", "repeat", "agreement")  # the order of the findings table

# English units start with the scale of the Chinese unit (万 10,000, 亿 100 million, 万亿 trillion):
# the English value is scaled as people write it, 3666.1 × 100 million US dollars as US$366.61 billion.
# (templates/macros.j2 figure_value does the same for the paper pages; a test holds the two together.)
_EN_SCALES = (("trillion ", 12), ("100 million ", 8), ("10,000 ", 4))
_EN_WORDS = ((12, " trillion"), (9, " billion"), (6, " million"))
_EN_CURRENCIES = (("US dollars", "US$"),)


def _decimal_text(number: Decimal, grouped: bool = False) -> str:
    text = format(number.normalize(), ",f" if grouped else "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def english_amount(value: float | int, unit: str) -> tuple[str, str]:
    """(the value and unit as an English reader writes them, the unit's name without its scale):
    (3666.1, '100 million US dollars') → ('US$366.61 billion', 'US dollars'); (10, '10,000 firms') →
    ('100,000 firms', 'firms'); (2.38, 'trillion yuan') → ('2.38 trillion yuan', 'yuan'); a unit with
    no scale is printed as it is, after the number as printed."""
    rest, power = unit, None
    for prefix, scale in _EN_SCALES:
        if unit.startswith(prefix):
            rest, power = unit[len(prefix):], scale
            break
    word = ""
    if power is None:
        text = format_number(value)
    else:
        number = Decimal(repr(value)).scaleb(power)
        for threshold, name in _EN_WORDS:
            if abs(number) >= Decimal(10) ** threshold:
                number, word = number.scaleb(-threshold), name
                break
        text = _decimal_text(number, grouped=not word)
    for name, sign in _EN_CURRENCIES:
        if rest == name or rest.startswith(name + " "):
            return f"{sign}{text}{word}{rest[len(name):]}", rest
    return f"{text}{word}{'' if rest in ('', '%') else ' '}{rest}", rest


def figure_magnitude(fig: dict) -> str:
    """The value in the unit's base (3666.1 × 100 million → 366610000000), for sorting by size."""
    for prefix, scale in _EN_SCALES:
        if fig["unit"]["en"].startswith(prefix):
            return _decimal_text(Decimal(repr(fig["value"])).scaleb(scale))
    return format_number(fig["value"])


def figure_value_text(fig: dict, lang: str, s: dict | None = None) -> str:
    """As the paper page prints it: 约2.38万亿元 / about 2.38 trillion yuan; 超过10万家 / over 100,000 firms."""
    qualifiers = enum_labels("$defs", "figure", "properties", "qualifier")
    qualifier = fig.get("qualifier")
    if lang == "zh":
        return (qualifiers[qualifier]["zh"] if qualifier else "") + format_number(fig["value"]) + fig["unit"]["zh"]
    prefix = qualifiers[qualifier]["en"] + " " if qualifier else ""
    return prefix + english_amount(fig["value"], fig["unit"]["en"])[0]


def figure_unit_text(fig: dict, lang: str) -> str:
    """The unit column: as printed in Chinese; in English its name, the scale being in the value."""
    return fig["unit"]["zh"] if lang == "zh" else english_amount(fig["value"], fig["unit"]["en"])[1]


def period_key(period: object) -> str | None:
    """A stated period as text (2023, 2024Q1, 2023-09, 2015-2024); None when not stated."""
    return None if is_not_stated(period) or period is None else str(period)


def _period_text(period: object, s: dict) -> str:
    key = period_key(period)
    return s["not_stated"] if key is None else key


def place_key(place: dict) -> str:
    """area, or area#subject: equal keys are the same place."""
    return place["area"] + (f"#{place['subject']}" if place.get("subject") else "")


def place_within(inner: dict, outer: dict) -> bool:
    """Whether inner is a part of outer and not outer itself: its area lies inside outer's (world
    holds every area), or it is a subject of outer's whole area."""
    if outer.get("subject"):
        return False
    a, b = inner["area"], outer["area"]
    if a == b:
        return bool(inner.get("subject"))
    return b == "world" or a.startswith(b + "/")


def _status_class(status: str) -> str:
    return "realised" if status in REALISED else status


def _cluster(indicator: dict) -> str:
    """What an indicator is listed and tension-checked with: its family, else its group, else itself."""
    return indicator.get("family") or indicator.get("group") or f"indicator-{indicator['id']}"


def all_figures(corpus) -> list[dict]:
    """Every figure of the corpus (statistics, then case figures, per paper), related measures together:
    by the first place of the indicator's family (or group) in indicators.yaml, then the indicator's
    own place, then period (not stated last)."""
    order = {key: index for index, key in enumerate(corpus.indicators_by_id)}
    clusters: dict[str, int] = {}
    for key, indicator in corpus.indicators_by_id.items():
        clusters.setdefault(_cluster(indicator), order[key])
    figures = []
    for paper in corpus.papers:
        for fig in paper["statistics"]:
            figures.append({"paper": paper, "fig": fig, "case": None})
        for case in paper["cases"]:
            for fig in case["figures"]:
                figures.append({"paper": paper, "fig": fig, "case": case})

    def key(entry):
        indicator = corpus.indicators_by_id[entry["fig"]["indicator"]]
        return (clusters[_cluster(indicator)], order[indicator["id"]], _year_sort(period_key(entry["fig"]["period"])) or "9999")
    # sorted() is stable: within an indicator and period, papers keep display order and items file order.
    return sorted(figures, key=key)


def _figure_ref(entry: dict) -> str:
    return f"{entry['paper']['slug']}#{entry['fig']['id']}"


def figure_notes(corpus) -> dict[str, list[tuple[dict, dict]]]:
    """slug#figure-id → [(paper, critical note)] for every note whose related list names the figure,
    or the case it belongs to, on its own page or another's."""
    case_figures = {f"{paper['slug']}#{case['id']}": [f"{paper['slug']}#{fig['id']}" for fig in case["figures"]]
                    for paper in corpus.papers for case in paper["cases"]}
    found: dict[str, list[tuple[dict, dict]]] = {}
    for paper in corpus.papers:
        for note in paper["critical_notes"]:
            for ref in note.get("related") or []:
                full = ref if "#" in ref else f"{paper['slug']}#{ref}"
                for target in case_figures.get(full, [full]):
                    notes = found.setdefault(target, [])
                    if all(n is not note for _, n in notes):
                        notes.append((paper, note))
    return found


def _legacy_agreement_id(entries: list[dict]) -> str | None:
    """The id the first ledger gave an agreement of these figures (indicator, year, scope text, unit,
    value), when it would have grouped them: kept as an anchor so that old links land on its row."""
    keys = {(e["fig"]["indicator"], period_key(e["fig"]["period"]), normalise_title(e["fig"]["scope"]["zh"]),
             normalise_title(e["fig"]["unit"]["zh"]), e["fig"]["value"]) for e in entries}
    if len(keys) != 1:
        return None
    indicator, period, scope, unit, value = keys.pop()
    if period is None:
        return None
    return f"agreement-{indicator}-{period}-{short_hash(scope + '|' + unit + '|' + repr(value))}"


def _complemented(corpus) -> frozenset[str]:
    """Ids of the indicators another one complements to 100 % (the yield rate a defect rate complements)."""
    return frozenset(i["complement_of"] for i in corpus.indicators_by_id.values() if i.get("complement_of"))


def _oriented(entry: dict, complemented: frozenset[str]) -> float:
    """The value in the sense of its family's small rates: a yield rate beside a defect rate as 100 − x
    (a 99.2 % yield is a 0.8 % defect rate; ratios of rates near 100 % say nothing)."""
    value = entry["fig"]["value"]
    return 100 - value if entry["fig"]["indicator"] in complemented and entry["fig"]["unit"]["zh"] == "%" else value


def _reasons(a: dict, b: dict, corpus, lang: str, s: dict) -> list[str]:
    """Why two figures are not strictly comparable: measure (indicator, base), scope, period, status."""
    fa, fb = a["fig"], b["fig"]
    ia, ib = corpus.indicators_by_id[fa["indicator"]], corpus.indicators_by_id[fb["indicator"]]
    statuses = enum_labels("$defs", "figure", "properties", "status")
    reasons = []
    if fa["indicator"] != fb["indicator"] and (ia.get("group") is None or ia.get("group") != ib.get("group")):
        reason = s["reason_measure"].format(a=ia["label"][lang], b=ib["label"][lang])
        if ia.get("complement_of") == fb["indicator"] or ib.get("complement_of") == fa["indicator"]:
            complemented = ib if ia.get("complement_of") == fb["indicator"] else ia
            reason += s["reason_complement"].format(label=complemented["label"][lang])
        reasons.append(reason)
    if place_key(fa["place"]) != place_key(fb["place"]):
        if place_within(fa["place"], fb["place"]):
            reasons.append(s["reason_nested"].format(inner=fa["scope"][lang], outer=fb["scope"][lang]))
        elif place_within(fb["place"], fa["place"]):
            reasons.append(s["reason_nested"].format(inner=fb["scope"][lang], outer=fa["scope"][lang]))
        else:
            reasons.append(s["reason_scope"].format(a=fa["scope"][lang], b=fb["scope"][lang]))
    pa, pb = period_key(fa["period"]), period_key(fb["period"])
    if pa is None and pb is None:
        reasons.append(s["reason_no_period"])
    elif pa != pb:
        reasons.append(s["reason_period"].format(a=_period_text(fa["period"], s), b=_period_text(fb["period"], s)))
    if fa["status"] != fb["status"]:
        reasons.append(s["reason_status"].format(a=statuses[fa["status"]][lang], b=statuses[fb["status"]][lang]))
    return reasons


def ledger_findings(corpus, lang: str, s: dict) -> tuple[list[dict], dict[int, list[dict]]]:
    """The ledger's findings, each with an id, a kind, one explanatory sentence and its figures; and
    id(figure) → its findings.

    - repeat: a figure printed in another paper's words (its `repeats`) and the figure it repeats:
      one report, not two; a repeat never counts towards an agreement.
    - agreement: independent figures (none repeats another) from two or more papers with the same
      indicator, period, place, status (actual and estimate alike), unit and value.
    - conflict: independent figures from two or more papers for one comparable group with the same
      period, place and status but different values or units.
    - tension: the two furthest-apart figures of two papers for related measures (one family, group
      or indicator) in one unit, TENSION_FACTOR or more times apart, that differ in measure, place,
      period or status (undated ones included), with the reasons they are not strictly comparable.

    Agreements and conflicts need a stated period: nothing says that undated figures measure the same
    moment. Each derivation is one pass that groups by a key; no pair of figures is compared twice."""
    labels = paper_short_labels(corpus, lang, s)
    sep = "、" if lang == "zh" else "; "
    entries_all = all_figures(corpus)
    by_ref = {_figure_ref(e): e for e in entries_all}

    def papers_of(entries):
        return list(dict.fromkeys(e["paper"]["slug"] for e in entries))

    def indicator_labels(entries):
        ids = list(dict.fromkeys(e["fig"]["indicator"] for e in entries))
        return sep.join(corpus.indicators_by_id[i]["label"][lang] for i in ids)

    def periods_of(entries):
        return s["list_sep"].join(dict.fromkeys(_period_text(e["fig"]["period"], s) for e in entries))

    def scopes_of(entries):
        return s["list_sep"].join(dict.fromkeys(e["fig"]["scope"][lang] for e in entries))

    def value_with_paper(entry):
        value = figure_value_text(entry["fig"], lang)
        return f"{value}（{labels[entry['paper']['slug']]}）" if lang == "zh" else f"{value} ({labels[entry['paper']['slug']]})"

    def finding(kind, finding_id, entries, sentence, anchors=()):
        stated_periods = [period_key(e["fig"]["period"]) for e in entries if period_key(e["fig"]["period"])]
        return {"id": finding_id, "kind": kind, "label": s[kind], "indicator": indicator_labels(entries),
                "period": periods_of(entries), "period_sort": min((_year_sort(p) for p in stated_periods), default=""),
                "scope": scopes_of(entries), "entries": entries,
                "sentence": sentence, "anchors": [a for a in anchors if a and a != finding_id]}

    findings: list[dict] = []

    # Repeats: each figure that others repeat, with those that repeat it.
    repeated: dict[str, list[dict]] = {}
    for entry in entries_all:
        target = entry["fig"].get("repeats")
        if target in by_ref:
            repeated.setdefault(target, []).append(entry)
    for target, copies in repeated.items():
        original = by_ref[target]
        entries = [original, *copies]
        sourced = [labels[e["paper"]["slug"]] for e in entries if not is_not_stated(e["fig"]["source"])]
        if not sourced:
            source = s["repeat_no_source"]
        elif len(sourced) == len(entries):
            source = s["repeat_all_sources"]
        else:
            source = s["repeat_only_source"].format(papers=s["list_sep"].join(dict.fromkeys(sourced)))
        sentence = s["repeat_sentence"].format(
            copies=s["list_sep"].join(dict.fromkeys(labels[e["paper"]["slug"]] for e in copies)),
            original=labels[original["paper"]["slug"]], indicator=indicator_labels(entries),
            period=_period_text(original["fig"]["period"], s), scope=original["fig"]["scope"][lang],
            value=figure_value_text(original["fig"], lang), source=source)
        findings.append(finding("repeat", f"repeat-{original['paper']['slug']}--{original['fig']['id']}",
                                entries, sentence, [_legacy_agreement_id(entries)]))

    # Agreements and conflicts: independent figures of a stated period.
    same: dict[tuple, list[dict]] = {}
    comparable: dict[tuple, list[dict]] = {}
    for entry in entries_all:
        fig = entry["fig"]
        period = period_key(fig["period"])
        if period is None or fig.get("repeats"):
            continue
        indicator = corpus.indicators_by_id[fig["indicator"]]
        where, status = place_key(fig["place"]), _status_class(fig["status"])
        unit = normalise_title(fig["unit"]["zh"])
        same.setdefault((fig["indicator"], period, where, status, unit, fig["value"]), []).append(entry)
        group = indicator.get("group") or f"indicator-{fig['indicator']}"
        comparable.setdefault((group, period, where, status), []).append(entry)
    for (indicator, period, where, status, unit, value), entries in same.items():
        slugs = papers_of(entries)
        if len(slugs) < 2:
            continue
        first = entries[0]["fig"]
        sentence = s["agreement_sentence"].format(
            n=len(slugs), indicator=indicator_labels(entries), year=period, scope=first["scope"][lang],
            value=figure_value_text(first, lang), papers=s["list_sep"].join(labels[x] for x in slugs))
        sources = {normalise_title(e["fig"]["source"]["zh"]) if not is_not_stated(e["fig"]["source"]) else None
                   for e in entries}
        if len(sources) == 1 and None not in sources:
            # Independent wording, but one source: the papers pass on one report, they do not confirm it.
            sentence = sentence.rstrip("。.") + s["agreement_same_source"].format(source=first["source"][lang])
        findings.append(finding(
            "agreement", f"agreement-{indicator}-{period}-{short_hash(where + '|' + status + '|' + unit + '|' + repr(value))}",
            entries, sentence, [_legacy_agreement_id(entries)]))
    for (group, period, where, status), entries in comparable.items():
        slugs = papers_of(entries)
        values = list(dict.fromkeys((normalise_title(e["fig"]["unit"]["zh"]), e["fig"]["value"]) for e in entries))
        if len(slugs) < 2 or len(values) < 2:
            continue
        units = {unit for unit, _ in values}
        # One value per paper in the sentence (its first figure), so it stays one sentence. (Looked up
        # in a dict: searching the entries once per paper grew with the square of the papers.)
        first_of_paper: dict[str, dict] = {}
        for e in entries:
            first_of_paper.setdefault(e["paper"]["slug"], e)
        listing = s["list_sep"].join(value_with_paper(first_of_paper[slug]) for slug in slugs)
        sentence = s["conflict_sentence"].format(indicator=indicator_labels(entries), year=period,
                                                 scope=entries[0]["fig"]["scope"][lang], values=listing)
        if len(units) > 1:
            sentence = sentence.rstrip("。.") + s["conflict_units_suffix"]
        findings.append(finding("conflict", f"conflict-{group}-{period}-{short_hash(where + '|' + status)}",
                                entries, sentence))

    # Tensions: per related measure and unit, the lowest and the highest value of each paper.
    complemented = _complemented(corpus)

    def oriented(entry):
        return _oriented(entry, complemented)
    extremes: dict[tuple, dict[str, list]] = {}
    for entry in entries_all:
        fig = entry["fig"]
        value = oriented(entry)
        if fig.get("repeats") or value <= 0:
            continue
        key = (_cluster(corpus.indicators_by_id[fig["indicator"]]), normalise_title(fig["unit"]["zh"]))
        low_high = extremes.setdefault(key, {}).setdefault(entry["paper"]["slug"], [entry, entry])
        if value < oriented(low_high[0]):
            low_high[0] = entry
        if value > oriented(low_high[1]):
            low_high[1] = entry
    for (cluster, _unit), by_paper in extremes.items():
        if len(by_paper) < 2:
            continue
        # The furthest-apart pair from two papers is among the two lowest and the two highest papers.
        lows = sorted(by_paper.values(), key=lambda lh: oriented(lh[0]))[:2]
        highs = sorted(by_paper.values(), key=lambda lh: -oriented(lh[1]))[:2]
        pairs = [(lo[0], hi[1]) for lo in lows for hi in highs if lo[0]["paper"] is not hi[1]["paper"]]
        low, high = max(pairs, key=lambda p: oriented(p[1]) / oriented(p[0]))
        factor = oriented(high) / oriented(low)
        reasons = _reasons(low, high, corpus, lang, s)
        if factor < TENSION_FACTOR or not reasons:
            continue  # close enough, or strictly comparable (then a conflict says so)
        sentence = s["tension_sentence"].format(
            factor=f"{factor:.1f}", low=value_with_paper(low), high=value_with_paper(high),
            reasons=s["reason_sep"].join(reasons))
        unsourced = [labels[e["paper"]["slug"]] for e in (low, high) if is_not_stated(e["fig"]["source"])]
        if unsourced:
            sentence = sentence.rstrip("。.") + s["tension_unsourced"].format(papers=s["list_sep"].join(dict.fromkeys(unsourced)))
        findings.append(finding("tension", f"tension-{cluster}-{short_hash(_figure_ref(low) + '|' + _figure_ref(high))}",
                                [low, high], sentence))

    by_figure: dict[int, list[dict]] = {}
    for f in findings:
        for entry in f["entries"]:
            by_figure.setdefault(id(entry["fig"]), []).append(f)
    return findings, by_figure


def statistics_table(corpus, lang: str, s: dict, up: str) -> tuple[dict, dict]:
    """The ledger (every figure, related measures together) and the table of its findings. A figure's
    check column names its findings and the critical notes that concern it."""
    labels = paper_short_labels(corpus, lang, s)
    findings, by_figure = ledger_findings(corpus, lang, s)
    notes = figure_notes(corpus)
    statuses = enum_labels("$defs", "figure", "properties", "status")
    note_kinds = enum_labels("$defs", "critical_note", "properties", "kind")
    columns = [column("indicator", s["indicator"]), column("period", s["period"], "year"),
               column("value", s["value"], "number"), column("unit", s["unit"]), column("status", s["figure_status"]),
               column("scope", s["scope"]), column("paper", s["papers"]), column("source", s["source"]),
               column("check", s["ledger_check"])]
    rows = []
    for entry in all_figures(corpus):
        fig, paper = entry["fig"], entry["paper"]
        indicator = corpus.indicators_by_id[fig["indicator"]]
        flags = [{"text": f["label"], "href": _anchor(f["id"]), "lang": None, "kind": f["kind"],
                  "csv": f"{f['label']} [{f['id']}]"} for f in by_figure.get(id(fig), [])]
        flags += [{"text": f"{s['ledger_note']}{note_kinds[note['kind']][lang]}",
                   "href": _paper_href(up, note_paper, note["id"]), "lang": None, "kind": "note",
                   "csv": f"{s['ledger_note']}{note_kinds[note['kind']][lang]} [{note_paper['slug']}#{note['id']}]"}
                  for note_paper, note in notes.get(_figure_ref(entry), [])]
        source = cell(s["not_stated"], sort="", state="not-stated") if is_not_stated(fig["source"]) \
            else cell(fig["source"][lang])
        where = labels[paper["slug"]] + (f" · {entry['case']['name'][lang]}" if entry["case"] else "")
        rows.append({"id": _row_id(paper, fig["id"]), "cells": [
            cell(indicator["label"][lang], title=fig["indicator"], csv_text=f"{indicator['label'][lang]} [{fig['indicator']}]"),
            cell(_period_text(fig["period"], s), sort=_year_sort(period_key(fig["period"])),
                 state="not-stated" if period_key(fig["period"]) is None else None),
            cell(figure_value_text(fig, lang), sort=figure_magnitude(fig)),
            cell(figure_unit_text(fig, lang)),
            cell(statuses[fig["status"]][lang], csv_text=f"{statuses[fig['status']][lang]} [{fig['status']}]"),
            cell(fig["scope"][lang], title=place_key(fig["place"]), csv_text=f"{fig['scope'][lang]} [{place_key(fig['place'])}]"),
            cell(where, href=_paper_href(up, paper, fig["id"]), title=paper["title"][lang],
                 csv_text=f"{where} ({paper['slug']}#{fig['id']})"),
            source,
            cell(" ".join(f["text"] for f in flags),
                 items=[{k: f[k] for k in ("text", "href", "lang", "kind")} for f in flags],
                 sort="" if not flags else None, csv_text=" | ".join(f["csv"] for f in flags)),
        ]})
    ledger = table("statistics", s["compare_statistics"], columns, rows, lang)
    finding_columns = [column("kind", s["finding_kind"]), column("indicator", s["indicator"]),
                       column("period", s["period"], "year"), column("scope", s["scope"]),
                       column("explanation", s["explanation"]), column("figures", s["figures"])]
    order = {kind: index for index, kind in enumerate(FINDING_KINDS)}
    finding_rows = [{"id": f["id"], "class": f"finding-{f['kind']}", "cells": [
        cell(f["label"], anchors=f["anchors"]), cell(f["indicator"]), cell(f["period"], sort=f["period_sort"]),
        cell(f["scope"]), cell(f["sentence"]),
        cell("", items=[{"text": f"{labels[e['paper']['slug']]}: {figure_value_text(e['fig'], lang)}",
                         "href": _anchor(_row_id(e["paper"], e["fig"]["id"])), "lang": None} for e in f["entries"]],
             csv_text=" | ".join(_figure_ref(e) for e in f["entries"])),
    ]} for f in sorted(findings, key=lambda f: (order[f["kind"]], f["id"]))]
    return ledger, table("findings", s["compare_findings"], finding_columns, finding_rows, lang)


# --- 5. cases -------------------------------------------------------------------------------------

def cases_table(corpus, lang: str, s: dict, up: str) -> dict:
    kinds = enum_labels("$defs", "case", "properties", "kind")
    order = {kind: index for index, kind in enumerate(kinds)}
    labels = paper_short_labels(corpus, lang, s)
    columns = [column("kind", s["case_kind"]), column("case", s["case_name"]), column("place", s["place"]),
               column("paper", s["papers"]), column("themes", s["themes"]), column("figures", s["figures"], "number")]
    entries = sorted(((paper, case) for paper in corpus.papers for case in paper["cases"]),
                     key=lambda pc: order[pc[1]["kind"]])
    rows = []
    for paper, case in entries:
        themes = [corpus.themes_by_id[t]["label"][lang] for t in case["themes"] or []]
        rows.append({"id": _row_id(paper, case["id"]), "cells": [
            cell(kinds[case["kind"]][lang], sort=f"{order[case['kind']]:02d}"),
            cell(case["name"][lang], href=_paper_href(up, paper, case["id"])),
            cell(case["place"][lang]),
            cell(labels[paper["slug"]], href=_paper_href(up, paper), title=paper["title"][lang],
                 csv_text=f"{labels[paper['slug']]} ({paper['slug']})"),
            cell(s["list_sep"].join(themes)),
            cell(str(len(case["figures"])), sort=str(len(case["figures"]))),
        ]})
    return table("cases", s["compare_cases"], columns, rows, lang)


def case_kind_summary(corpus, lang: str) -> list[dict]:
    """How many cases of each kind (in schema order), and from how many papers."""
    kinds = enum_labels("$defs", "case", "properties", "kind")
    found: dict[str, list[str]] = {}
    for paper in corpus.papers:
        for case in paper["cases"]:
            found.setdefault(case["kind"], []).append(paper["slug"])
    return [{"kind": kind, "label": kinds[kind][lang], "cases": len(found[kind]), "papers": len(set(found[kind]))}
            for kind in kinds if kind in found]


# --- 6. sources -----------------------------------------------------------------------------------

def sources_table(corpus, lang: str, s: dict, up: str) -> dict:
    """Policy documents and printed references of every paper, one row per source: entries whose
    normalised titles match are one source, cited by every paper that names it."""
    labels = paper_short_labels(corpus, lang, s)
    documents = enum_labels("$defs", "policy_document", "properties", "kind")
    groups: dict[tuple[str, str], dict] = {}
    for paper in corpus.papers:
        for doc in paper["policy_documents"]:
            key = ("document", normalise_title(doc["title"]["zh"]))
            group = groups.setdefault(key, {"kind": "document", "first": doc, "citations": []})
            group["citations"].append({"paper": paper, "anchor": doc["id"]})
        for ref in paper["references"]:
            key = ("reference", normalise_title(ref["text"]))
            group = groups.setdefault(key, {"kind": "reference", "first": ref, "citations": []})
            group["citations"].append({"paper": paper, "anchor": f"ref-{ref['number']}"})
    columns = [column("source-kind", s["source_kind"]), column("title", s["source_title"]),
               column("cited-by", s["cited_by"]), column("count", s["cited_by_count"], "number")]
    rows = []
    ordered = sorted(groups.items(), key=lambda kv: (-len({c["paper"]["slug"] for c in kv[1]["citations"]}),
                                                      kv[0][0], kv[0][1]))
    for (kind, key), group in ordered:
        first = group["first"]
        if kind == "document":
            kind_text = f"{s['policy_document']} · {documents[first['kind']][lang]}"
            title = cell(f"《{first['title']['zh']}》", lang="zh") if lang == "zh" else \
                cell(f"{first['title']['en']} 《{first['title']['zh']}》")
        else:
            kind_text = s["reference_entry"]
            title = cell(one_line(first["text"]), lang="zh")
        papers = list(dict.fromkeys(c["paper"]["slug"] for c in group["citations"]))
        rows.append({"id": f"src-{short_hash(kind + ':' + key)}", "class": "shared" if len(papers) > 1 else None,
                     "cells": [
            cell(kind_text),
            title,
            cell(s["list_sep"].join(labels[c["paper"]["slug"]] for c in group["citations"]),
                 items=[{"text": labels[c["paper"]["slug"]], "href": _paper_href(up, c["paper"], c["anchor"]), "lang": None}
                        for c in group["citations"]],
                 csv_text=" | ".join(f"{c['paper']['slug']}#{c['anchor']}" for c in group["citations"])),
            cell(str(len(papers)), sort=str(len(papers))),
        ]})
    return table("sources", s["compare_sources"], columns, rows, lang)


# --- 7. actors ------------------------------------------------------------------------------------

def actors_table(corpus, lang: str, s: dict, up: str) -> dict:
    """Who each paper asks to act: addressees only (partners are the next table), counted as distinct
    recommendations (restatements once, forecasts and targets shown but not counted); the actor
    unspecified is a row of its own."""
    return _actor_matrix(corpus, lang, s, up, "actors")


def partners_table(corpus, lang: str, s: dict, up: str) -> dict:
    """The counterparts each paper names for its addressees (与…合作, 同…谈判), apart from them."""
    return _actor_matrix(corpus, lang, s, up, "partners")


def _actor_matrix(corpus, lang: str, s: dict, up: str, field: str) -> dict:
    """Actors × papers for one field of the recommendations: `actors` (the addressees; papers counted by
    distinct items, with totals) or `partners` (named counterparts, so no `unspecified` row)."""
    addressees = field == "actors"
    labels = paper_short_labels(corpus, lang, s)
    found: dict[str, dict[str, list[dict]]] = {a["id"]: {} for a in corpus.actors}
    for paper in corpus.papers:
        for item in paper["recommendations"]:
            for actor in item.get(field) or []:
                found[actor].setdefault(paper["slug"], []).append(item)
    totals = list_totals(corpus, "recommendations")
    total = len(corpus.papers)
    columns = [column("actor", s["actor"]),
               column("papers-raising", s["papers_asking"], "number") if addressees else
               column("papers-naming", s["papers_naming"], "number"),
               *_paper_columns(corpus, labels, up, lang)]
    rows = []
    for actor in corpus.actors:
        if not addressees and actor["id"] == "unspecified":
            continue  # a partner is always named
        by_paper = found[actor["id"]]
        n = sum(1 for items in by_paper.values() if distinct_count(items)) if addressees else len(by_paper)
        head = cell(actor["label"][lang], title=actor["definition"][lang],
                    href=Safe(f"{up}compare/codebook/#actor-{actor['id']}"),
                    **({"anchors": _former_anchors(actor, "actor")} if addressees else {}))
        rows.append({"id": f"{'actor' if addressees else 'partner'}-{actor['id']}", "cells": [
            head,
            cell(s["n_of_total"].format(n=n, total=total), sort=str(n), csv_text=str(n)),
            *(_items_cell(p, by_paper.get(p["slug"], []), lang, s, up, totals[p["slug"]]) for p in corpus.papers),
        ]})
    if addressees:
        return table("actors", s["compare_actors"], columns, rows, lang, foot=[_totals_row(corpus, totals, s)])
    return table("partners", s["compare_partners"], columns, rows, lang)


# --- downloads ------------------------------------------------------------------------------------

_FORMULA_START = re.compile(r"^[=+@\t\r]|^-(?![0-9.])")


def csv_text(tab: dict) -> str:
    """The table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese), CRLF
    line ends, every field quoted where needed; a text that a spreadsheet would run as a formula
    (=, +, @, or - not starting a number) is prefixed with an apostrophe."""
    def safe(text: str) -> str:
        text = one_line(text) if text else ""
        return "'" + text if _FORMULA_START.match(text) else text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", *(safe(c["csv_label"]) for c in tab["columns"])])
    for row in tab["rows"] + tab.get("foot", []):
        writer.writerow([row["id"], *(safe(c["csv"]) for c in row["cells"])])
    return "\ufeff" + out.getvalue()


def corpus_json(corpus) -> str:
    """Everything in content/ as loaded (no field added or dropped), papers in display order."""
    vocabularies = corpus.raw_vocabularies
    data = {
        "papers": [corpus.raw_papers[p["slug"]] for p in corpus.papers],
        "themes": vocabularies["themes"]["themes"],
        "actors": vocabularies["themes"]["actors"],
        "glossary": vocabularies["glossary"],
        "indicators": vocabularies["indicators"],
    }
    # Compact: json's C encoder writes it in one pass (with an indent, json falls back to its
    # pure-Python encoder, several times slower on a file that grows with the corpus).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


    def write(item: object, newline: str) -> None:
        text = scalar(item)
        if text is not None:
            append(text)
            return
        is_list = isinstance(item, (list, tuple))
        if not is_list and not isinstance(item, dict):
            raise TypeError(f"Object of type {item.__class__.__name__} is not JSON serializable")
        if not item:
            append("[]" if is_list else "{}")
            return
        if id(item) in markers:
            raise ValueError("Circular reference detected")
        markers.add(id(item))
        inner = newline + " "
        separator = "," + inner
        # Before each element: "[" or "{" and the indent, then "," and the indent.
        before = ("[" if is_list else "{") + inner
        if is_list:
            for element in item:
                kind = type(element)
                if kind is str:  # most values: a shortcut to what write() would append
                    append(before + encode(element))
                else:
                    append(before)
                    write(element, inner)
                before = separator
        else:
            for key, element in item.items():
                head = before + encode(key if type(key) is str else key_text(key)) + ": "
                if type(element) is str:
                    append(head + encode(element))
                else:
                    append(head)
                    write(element, inner)
                before = separator
        append(newline + ("]" if is_list else "}"))
        markers.discard(id(item))

    write(value, "\n")
    text = "".join(parts)
    parts.clear()  # write() refers to itself (a cycle): keep it from holding the pieces until gc runs
    return text


def page_tables(corpus, page: str, lang: str, s: dict, up: str) -> list[dict]:
    """The tables a comparison page shows, in page order."""
    if page == "index":
        return [overview_table(corpus, lang, s, up)]
    if page in THEMED_LISTS:
        return [theme_matrix(corpus, page, lang, s, up)]
    if page == "actors":
        return [actors_table(corpus, lang, s, up), partners_table(corpus, lang, s, up)]
    if page == "definitions":
        return [definitions_table(corpus, lang, s, up), other_definitions_table(corpus, lang, s, up)]
    if page == "statistics":
        ledger, findings = statistics_table(corpus, lang, s, up)
        return [findings, ledger]
    if page == "cases":
        return [cases_table(corpus, lang, s, up)]
    if page == "sources":
        return [sources_table(corpus, lang, s, up)]
    raise ValueError(f"unknown comparison page {page!r}")
