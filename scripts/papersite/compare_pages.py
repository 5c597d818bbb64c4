"""Output builders for the comparison pages and the downloads. In: a Corpus. Out: {path under docs/:
text or bytes} — docs/compare/<page>.md and .en.md (rendered from templates/compare_page.md.j2), the codebook page
docs/compare/codebook.md and .en.md (templates/codebook.md.j2),
docs/data/<lang>/<table>.csv for every table, docs/data/papers.json (all of content/) and
docs/data/papers/<slug>.yaml (each summary's file, byte for byte). Pure."""
from __future__ import annotations

from . import compare, compare_scale
from .render import SUFFIX, _context, environment, strings

LANGS = ("zh", "en")
FOLDERS = ("compare", "data")


def _strings(lang: str) -> dict:
    return {key: value[lang] for key, value in strings().items()}


def _up(page: str) -> str:
    """From the page's URL to the site root: compare/ is one level down, compare/<page>/ two."""
    return "../" if page == "index" else "../../"


def render_compare_page(corpus, page: str, lang: str,
                        tables_by_page: dict[str, list[dict]] | None = None) -> tuple[str, list[dict], dict]:
    """The page's Markdown, the tables on it (every row) and the rows files of tables too long for it. tables_by_page (page → its tables in lang), if
    given, is used and filled, so that the tables the index lists are not built twice."""
    s = _strings(lang)
    up = _up(page)
    tables_by_page = {} if tables_by_page is None else tables_by_page

    def tables_of(name: str) -> list[dict]:
        if name not in tables_by_page:
            tables_by_page[name] = compare.page_tables(corpus, name, lang, s, _up(name))
        return tables_by_page[name]

    tables = tables_of(page)
    extra = dict(page=page, tables=tables, heatmap=None, case_kinds=None, csv_files=[], retired=[],
                 retired_prefix="")
    if page in compare.THEMED_LISTS:
        extra["heatmap"] = compare.heatmap(corpus, page, lang, s, up)
        extra["retired"], extra["retired_prefix"] = compare.retired_entries(corpus, "themes"), "theme"
    if page == "actors":
        extra["retired"], extra["retired_prefix"] = compare.retired_entries(corpus, "actors"), "actor"
    if page == "cases":
        extra["case_kinds"] = compare.case_kind_summary(corpus, lang)
    if page == "index":
        extra["csv_files"] = [t for other in compare.PAGES for t in tables_of(other)]
    # What the page shows: the tables fitted to a page (compare_scale.py); the CSVs keep every row.
    depth = (1 if page == "index" else 2) + (lang == "en")
    section = page if page in compare.THEMED_LISTS else "recommendations"
    shown, rows = [], {}
    for t in tables:
        fitted, extra_rows = compare_scale.fit(t, lang, depth, s["papers"], section)
        shown.append(fitted)
        rows.update(extra_rows)
    extra["tables"] = shown
    if len(corpus.papers) > compare_scale.PAPER_COLUMNS:
        extra["heatmap"] = None  # one column per paper: past a screen's width it says nothing
    text = environment().get_template("compare_page.md.j2").render(_context(corpus, lang, **extra))
    return text, tables, rows


def render_codebook_page(corpus, lang: str) -> str:
    """compare/codebook/: the codebook of content/themes.yaml (decision rules, every theme and actor
    with its rules and examples, renamed and retired ids) as a page."""
    data = corpus.raw_vocabularies.get("themes") or {}
    items = {f"{paper['slug']}#{item['id']}": (paper, item) for paper in corpus.papers
             for list_name in ("arguments", "mechanisms", "challenges", "recommendations", "cases")
             for item in paper[list_name]}
    return environment().get_template("codebook.md.j2").render(_context(
        corpus, lang, rules=data.get("decision_rules") or [], items=items,
        retired_themes=compare.retired_entries(corpus, "themes"),
        retired_actors=compare.retired_entries(corpus, "actors")))


def compare_outputs(corpus, langs: tuple[str, ...] = LANGS, downloads: bool = True) -> dict[str, str | bytes]:
    """Every language's pages and tables, then the downloads; or, for a worker's share, the pages
    and tables of `langs` only and the downloads if `downloads`."""
    outputs: dict[str, str | bytes] = {}
    for lang in langs:
        tables_by_page: dict[str, list[dict]] = {}  # each table is built once per language
        for page in compare.PAGES:
            text, tables, rows = render_compare_page(corpus, page, lang, tables_by_page)
            outputs[f"compare/{page}{SUFFIX[lang]}.md"] = text
            outputs.update(rows)
            for t in tables:
                outputs[t["csv"]] = compare.csv_text(t)
        outputs[f"compare/codebook{SUFFIX[lang]}.md"] = render_codebook_page(corpus, lang)
    if not downloads:
        return outputs
    outputs["data/papers.json"] = compare.corpus_json(corpus)
    for slug, text in corpus.raw_texts.items():
        # Bytes as the file holds them (UTF-8), so the download is the contributor's file.
        outputs[f"data/papers/{slug}.yaml"] = text.encode("utf-8")
    return outputs
