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

def figure_value_text(fig: dict, lang: str, s: dict | None = None) -> str:
    """As the paper page prints it: 约2.38万亿元 / about 2.38 trillion yuan."""
    qualifiers = enum_labels("$defs", "figure", "properties", "qualifier")
    value = format_number(fig["value"])
    unit = fig["unit"][lang]
    if lang == "zh":
        return (qualifiers[fig["qualifier"]]["zh"] if fig["qualifier"] else "") + value + unit
    prefix = qualifiers[fig["qualifier"]]["en"] + " " if fig["qualifier"] else ""
    joiner = " × " if unit[:1].isdigit() else ("" if unit == "%" else " ")
    return f"{prefix}{value}{joiner}{unit}"


def all_figures(corpus) -> list[dict]:
    """Every figure of the corpus (statistics, then case figures, per paper), in indicators.yaml order."""
    order = {key: index for index, key in enumerate(corpus.indicators_by_id)}
    figures = []
    for paper in corpus.papers:
        for fig in paper["statistics"]:
            figures.append({"paper": paper, "fig": fig, "case": None})
        for case in paper["cases"]:
            for fig in case["figures"]:
                figures.append({"paper": paper, "fig": fig, "case": case})
    # sorted() is stable: within an indicator and year, papers keep display order and items file order.
    return sorted(figures, key=lambda f: (order[f["fig"]["indicator"]], _year_sort(f["fig"]["year"]) or "9999"))


def ledger_findings(corpus, lang: str, s: dict) -> tuple[list[dict], dict[int, list[dict]]]:
    """Agreements (same indicator, year, scope, unit and value in two or more papers) and conflicts
    (same indicator or indicator group, year and scope, different values or units, two or more papers),
    each with an id, a one-sentence explanation and its figures; and id(figure) → its findings.
    Figures without a year are never compared: nothing says they measure the same moment."""
    labels = paper_short_labels(corpus, lang, s)
    same: dict[tuple, list[dict]] = {}
    comparable: dict[tuple, list[dict]] = {}
    for entry in all_figures(corpus):
        fig = entry["fig"]
        if is_not_stated(fig["year"]):
            continue
        year, scope = str(fig["year"]), normalise_title(fig["scope"]["zh"])
        unit = normalise_title(fig["unit"]["zh"])
        indicator = corpus.indicators_by_id[fig["indicator"]]
        same.setdefault((fig["indicator"], year, scope, unit, fig["value"]), []).append(entry)
        group = indicator["group"] or f"indicator-{fig['indicator']}"
        comparable.setdefault((group, year, scope), []).append(entry)

    def papers_of(entries):
        return list(dict.fromkeys(e["paper"]["slug"] for e in entries))

    def indicator_labels(entries):
        ids = list(dict.fromkeys(e["fig"]["indicator"] for e in entries))
        return ("、" if lang == "zh" else "; ").join(corpus.indicators_by_id[i]["label"][lang] for i in ids)

    findings, by_figure = [], {}
    for (indicator, year, scope, unit, value), entries in same.items():
        slugs = papers_of(entries)
        if len(slugs) < 2:
            continue
        first = entries[0]["fig"]
        findings.append({
            "id": f"agreement-{indicator}-{year}-{short_hash(scope + '|' + unit + '|' + repr(value))}",
            "kind": "agreement", "label": s["agreement"], "indicator": indicator_labels(entries), "year": year,
            "scope": first["scope"][lang], "entries": entries,
            "sentence": s["agreement_sentence"].format(
                n=len(slugs), indicator=indicator_labels(entries), year=year, scope=first["scope"][lang],
                value=figure_value_text(first, lang), papers=s["list_sep"].join(labels[x] for x in slugs)),
        })
    for (group, year, scope), entries in comparable.items():
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
        shown = [first_of_paper[slug] for slug in slugs]
        listing = s["list_sep"].join(f"{figure_value_text(e['fig'], lang)} ({labels[e['paper']['slug']]})"
                                     if lang == "en" else f"{figure_value_text(e['fig'], lang)}（{labels[e['paper']['slug']]}）"
                                     for e in shown)
        sentence = s["conflict_sentence"].format(indicator=indicator_labels(entries), year=year,
                                                 scope=entries[0]["fig"]["scope"][lang], values=listing)
        if len(units) > 1:
            sentence = sentence.rstrip("。.") + s["conflict_units_suffix"]
        findings.append({"id": f"conflict-{group}-{year}-{short_hash(scope)}", "kind": "conflict",
                         "label": s["conflict"], "indicator": indicator_labels(entries), "year": year,
                         "scope": entries[0]["fig"]["scope"][lang], "entries": entries, "sentence": sentence})
    for finding in findings:
        for entry in finding["entries"]:
            by_figure.setdefault(id(entry["fig"]), []).append(finding)
    return findings, by_figure


def statistics_table(corpus, lang: str, s: dict, up: str) -> tuple[dict, dict]:
    """The ledger (every figure, grouped by indicator) and the table of its findings."""
    labels = paper_short_labels(corpus, lang, s)
    findings, by_figure = ledger_findings(corpus, lang, s)
    columns = [column("indicator", s["indicator"]), column("year", s["year"], "year"),
               column("value", s["value"], "number"), column("unit", s["unit"]), column("scope", s["scope"]),
               column("paper", s["papers"]), column("source", s["source"]), column("check", s["ledger_check"])]
    rows = []
    for entry in all_figures(corpus):
        fig, paper = entry["fig"], entry["paper"]
        indicator = corpus.indicators_by_id[fig["indicator"]]
        flags = by_figure.get(id(fig), [])
        source = cell(s["not_stated"], sort="", state="not-stated") if is_not_stated(fig["source"]) \
            else cell(fig["source"][lang])
        where = labels[paper["slug"]] + (f" · {entry['case']['name'][lang]}" if entry["case"] else "")
        rows.append({"id": _row_id(paper, fig["id"]), "cells": [
            cell(indicator["label"][lang], title=fig["indicator"], csv_text=f"{indicator['label'][lang]} [{fig['indicator']}]"),
            cell(_year_text(fig["year"], s), sort=_year_sort(fig["year"]),
                 state="not-stated" if is_not_stated(fig["year"]) else None),
            cell(figure_value_text(fig, lang), sort=format_number(fig["value"])),
            cell(fig["unit"][lang]),
            cell(fig["scope"][lang]),
            cell(where, href=_paper_href(up, paper, fig["id"]), title=paper["title"][lang],
                 csv_text=f"{where} ({paper['slug']}#{fig['id']})"),
            source,
            cell(" ".join(f["label"] for f in flags),
                 items=[{"text": f["label"], "href": _anchor(f["id"]), "lang": None, "kind": f["kind"]} for f in flags],
                 sort="" if not flags else None,
                 csv_text=" | ".join(f"{f['label']} [{f['id']}]" for f in flags)),
        ]})
    ledger = table("statistics", s["compare_statistics"], columns, rows, lang)
    finding_columns = [column("kind", s["ledger_check"]), column("indicator", s["indicator"]),
                       column("year", s["year"], "year"), column("scope", s["scope"]),
                       column("explanation", s["explanation"]), column("figures", s["figures"])]
    finding_rows = [{"id": f["id"], "class": f"finding-{f['kind']}", "cells": [
        cell(f["label"]), cell(f["indicator"]), cell(f["year"], sort=f["year"][:4]), cell(f["scope"]),
        cell(f["sentence"]),
        cell("", items=[{"text": f"{labels[e['paper']['slug']]}: {figure_value_text(e['fig'], lang)}",
                         "href": _anchor(_row_id(e["paper"], e["fig"]["id"])), "lang": None} for e in f["entries"]],
             csv_text=" | ".join(f"{e['paper']['slug']}#{e['fig']['id']}" for e in f["entries"])),
    ]} for f in sorted(findings, key=lambda f: (f["kind"] != "conflict", f["id"]))]
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
    labels = paper_short_labels(corpus, lang, s)
    found: dict[str, dict[str, list[dict]]] = {a["id"]: {} for a in corpus.actors}
    for paper in corpus.papers:
        for item in paper["recommendations"]:
            for actor in item["actors"]:
                found[actor].setdefault(paper["slug"], []).append(item)
    totals = list_totals(corpus, "recommendations")
    total = len(corpus.papers)
    columns = [column("actor", s["actor"]), column("papers-raising", s["papers_asking"], "number"),
               *_paper_columns(corpus, labels, up, lang)]
    rows = []
    for actor in corpus.actors:
        by_paper = found[actor["id"]]
        n = sum(1 for items in by_paper.values() if distinct_count(items))
        rows.append({"id": f"actor-{actor['id']}", "cells": [
            cell(actor["label"][lang], title=actor["definition"][lang], href=Safe(f"{up}compare/codebook/#actor-{actor['id']}"),
                 anchors=_former_anchors(actor, "actor")),
            cell(s["n_of_total"].format(n=n, total=total), sort=str(n), csv_text=str(n)),
            *(_items_cell(p, by_paper.get(p["slug"], []), lang, s, up, totals[p["slug"]]) for p in corpus.papers),
        ]})
    return table("actors", s["compare_actors"], columns, rows, lang, foot=[_totals_row(corpus, totals, s)])


def partners_table(corpus, lang: str, s: dict, up: str) -> dict:
    """The counterparts each paper names for its addressees (与…合作, 同…谈判), apart from them."""
    labels = paper_short_labels(corpus, lang, s)
    found: dict[str, dict[str, list[dict]]] = {a["id"]: {} for a in corpus.actors}
    for paper in corpus.papers:
        for item in paper["recommendations"]:
            for actor in item.get("partners") or []:
                found[actor].setdefault(paper["slug"], []).append(item)
    totals = list_totals(corpus, "recommendations")
    total = len(corpus.papers)
    columns = [column("actor", s["actor"]), column("papers-naming", s["papers_naming"], "number"),
               *_paper_columns(corpus, labels, up, lang)]
    rows = []
    for actor in corpus.actors:
        if actor["id"] == "unspecified":
            continue  # a partner is always named
        by_paper = found[actor["id"]]
        rows.append({"id": f"partner-{actor['id']}", "cells": [
            cell(actor["label"][lang], title=actor["definition"][lang], href=Safe(f"{up}compare/codebook/#actor-{actor['id']}")),
            cell(s["n_of_total"].format(n=len(by_paper), total=total), sort=str(len(by_paper)), csv_text=str(len(by_paper))),
            *(_items_cell(p, by_paper.get(p["slug"], []), lang, s, up, totals[p["slug"]]) for p in corpus.papers),
        ]})
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
