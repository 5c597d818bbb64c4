"""Two papers side by side. In: a Corpus. Out: {path under docs/: text} — the page compare/pair(.en).md
and the data it reads in the browser: data/pair/index.json (the themes, terms, indicators and the list of
papers, for the two pickers) and data/pair/<slug>.json (what one paper says, theme by theme: its themed
items, definitions and figures, in both languages, each with the anchor of its item). Pure.

Why static files and a script: the pair is chosen by the reader (?a=<slug>&b=<slug>, so a syllabus can
link it), and every pair of thousands of papers cannot be a page of its own; each paper's file is small
and fetched only for the two papers shown."""
from __future__ import annotations

import json

from .enrich import LANGS
from .compare import figure_value_text
from .render import SUFFIX, _context, environment, year_label
from .schema import enum_labels

THEMED = ("arguments", "mechanisms", "challenges", "recommendations", "cases")


def _year(year: object) -> str | None:
    return None if isinstance(year, dict) and year.get("not_stated") else year_label(year)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _figure_text(fig: dict, qualifiers: dict) -> dict:
    """'about 2.38 trillion yuan (2023, China)' / '约2.38万亿元（2023，中国）', as the paper page prints it
    (the English value scaled as people write it: over 100,000 firms, US$366.61 billion)."""
    out = {}
    for lang in LANGS:
        text = figure_value_text(fig, lang)
        period = None if isinstance(fig["period"], dict) else fig["period"]
        where = ("，" if lang == "zh" else ", ").join(str(part) for part in (period, fig["scope"][lang]) if part)
        if where:
            text += f"（{where}）" if lang == "zh" else f" ({where})"
        out[lang] = text
    return out


def paper_data(paper: dict, corpus, qualifiers: dict) -> dict:
    items = [{"id": item["id"], "list": list_name, "themes": list(item.get("themes") or []),
              "text": {lang: item["text"][lang] for lang in LANGS}}
             for list_name in THEMED for item in paper[list_name] if item.get("themes")]
    definitions = [{"id": d["id"], "term": d["term"], "text": {lang: d["text"][lang] for lang in LANGS}}
                   for d in paper["definitions"]]
    figures = [{"id": fig["id"], "indicator": fig["indicator"], "text": _figure_text(fig, qualifiers)}
               for fig in paper["statistics"] + [f for case in paper["cases"] for f in case["figures"]]]
    return {"slug": paper["slug"], "title": {lang: paper["title"][lang] for lang in LANGS},
            "year": _year(paper["year"]),
            "items": items, "definitions": definitions, "figures": figures}


def index_data(corpus) -> dict:
    def label(entry, key="label"):
        return {lang: entry[key][lang] for lang in LANGS}
    return {"themes": [{"id": t["id"], "label": label(t)} for t in corpus.themes],
            "terms": {t["id"]: {lang: t[lang] for lang in LANGS} for t in corpus.terms},
            "indicators": {i_id: label(i) for i_id, i in corpus.indicators_by_id.items()},
            "papers": [{"slug": p["slug"], "title": {lang: p["title"][lang] for lang in LANGS},
                        "year": _year(p["year"])}
                       for p in corpus.papers]}


def pair_outputs(corpus) -> dict[str, str]:
    qualifiers = enum_labels("$defs", "figure", "properties", "qualifier")
    outputs = {"data/pair/index.json": _dumps(index_data(corpus))}
    for paper in corpus.papers:
        outputs[f"data/pair/{paper['slug']}.json"] = _dumps(paper_data(paper, corpus, qualifiers))
    for lang in LANGS:
        # From compare/pair/ to the site root: the data is published once, at the root.
        data_root = "../../" if lang == "zh" else "../../../"
        outputs[f"compare/pair{SUFFIX[lang]}.md"] = environment().get_template("pair.md.j2").render(
            _context(corpus, lang, data_root=data_root,
                     first=corpus.papers[0]["slug"] if corpus.papers else "",
                     second=corpus.papers[1]["slug"] if len(corpus.papers) > 1 else ""))
    return outputs
