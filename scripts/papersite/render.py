"""Render pages from an enriched Corpus. In: a Corpus and a language. Out: page text (Markdown with
front matter) as strings; nothing here reads or writes files except the templates themselves.

Every value a template prints is escaped for Markdown and HTML unless a helper here marked it as
markup (Safe): a `|`, `<` or `*` in a summary cannot break a table or inject markup."""
from __future__ import annotations

import functools
import json
import pathlib
import re

import jinja2
from markupsafe import Markup

from . import citations
from .schema import enum_labels, read_yaml, term_kind_labels

TEMPLATE_DIR = pathlib.Path(__file__).parent / "templates"
STRINGS_FILE = pathlib.Path(__file__).parent / "strings.yaml"
LANGS = ("zh", "en")
SUFFIX = {"zh": "", "en": ".en"}


Safe = Markup  # text that is already Markdown/HTML and is printed as is


# Characters that Markdown, its extensions (tables, attr_list) or HTML would interpret.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "*": "&#42;", "_": "&#95;",
            "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;", "#": "&#35;", "{": "&#123;",
            "}": "&#125;", "$": "&#36;", "~": "&#126;", "^": "&#94;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_BREAK = re.compile(r"\s*\n\s*")


def one_line(text: str) -> str:
    """Fold line breaks of block-style YAML text: none between Chinese characters, a space elsewhere."""
    if "\n" not in text:
        return text  # nothing to fold (the common case: most values are one line)
    return _BREAK.sub(" ", _CJK_BREAK.sub("", text.strip("\n")))


def _escaped_char(match: re.Match) -> str:
    return _ESCAPES[match.group()]


def escape(value: object) -> Markup:
    # The environment's finalize: it runs for every value a template prints (3,500 per paper page,
    # four in five of them labels and ids printed before), so short strings are remembered, a one-line
    # string with nothing to escape is marked safe without folding and substituting, and so is a
    # number (str.__new__ is what Markup() does for a plain str, minus its Python-level checks).
    if type(value) is str:
        escaped = _ESCAPED.get(value)
        if escaped is None:
            if "\n" not in value and _ESCAPE_RE.search(value) is None:
                escaped = str.__new__(Markup, value)
            else:
                escaped = Safe(_ESCAPE_RE.sub(_escaped_char, one_line(value)))
            if len(value) <= 100:
                if len(_ESCAPED) >= 100_000:
                    _ESCAPED.clear()
                _ESCAPED[value] = escaped
        return escaped
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; every field it prints must exist")
    if type(value) is int:
        return str.__new__(Markup, str(value))  # digits and a minus sign: nothing to escape or fold
    return Safe(_ESCAPE_RE.sub(_escaped_char, one_line(str(value))))


_ESCAPED: dict[str, Markup] = {}  # escape() of short strings (labels, ids, years), bounded


def pre_text(value: object) -> Markup:
    """For <pre>: every line escaped like escape() but line breaks kept, as &#10; so that the raw
    HTML block stays one Markdown line (a blank line would end it)."""
    return Safe("&#10;".join(_ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], line)
                             for line in str(value).split("\n")))


def table_cell(c: dict) -> Markup:
    """A comparison-table cell (a cell dict from compare.cell) as <td>: data-sort, lang and title
    attributes where set; then its entries as a list of links, or its text in a span of its state
    (not-stated, absent) followed by its pointers, or as a link, or as it is; former ids of the row
    first, as empty anchors; a summary line (count and share) above the entries, and each entry's
    mark (forecast, restatement) after its link. Every value is escaped as a template prints it.
    Written here rather than as a template macro because tables have a hundred thousand cells and a
    macro call costs ten times this function."""
    out = ["<td"]
    if c["sort"] is not None:
        out += [' data-sort="', escape(c["sort"]), '"']
    if c["lang"]:
        out += [' lang="', escape(c["lang"]), '"']
    if c["title"]:
        out += [' title="', escape(c["title"]), '"']
    out.append(">")
    for anchor in c.get("anchors") or ():
        # A former id of the row (a renamed theme): old links land here.
        out += ['<span class="former-anchor" id="', escape(anchor), '"></span>']
    if c["entries"]:
        if c.get("summary"):
            out += ['<span class="cell-count">', escape(c["summary"]), "</span>"]
        out.append('<ul class="cell-items">')
        for entry in c["entries"]:
            # (Pieces in a list, joined once: Markup + str would escape the str.)
            out += ['<li class="flag flag-', escape(entry["kind"]), '">'] if entry.get("kind") else ["<li>"]
            out += ['<a href="', escape(entry["href"]), '">', escape(entry["text"]), "</a>"]
            if entry.get("mark"):
                out += ['<span class="cell-mark">', escape(entry["mark"]), "</span>"]
            out.append("</li>")
        out.append("</ul>")
    elif c["state"]:
        out += ['<span class="', escape(c["state"]), '">', escape(c["text"]), "</span>"]
        if c.get("pointers"):
            out.append('<ul class="cell-items cell-pointers">')
            for entry in c["pointers"]:
                out += ['<li><a href="', escape(entry["href"]), '">', escape(entry["text"]), "</a></li>"]
            out.append("</ul>")
    elif c["href"]:
        out += ['<a href="', escape(c["href"]), '">', escape(c["text"]), "</a>"]
    else:
        out.append(escape(c["text"]))
    out.append("</td>")
    return Safe("".join(out))


def plain(value: object) -> str:
    """For front matter and attributes: one line, no characters that need escaping anywhere."""
    return re.sub(r'[<>&"\\]', "", one_line(str(value)))


@functools.cache
def strings() -> dict:
    return read_yaml(STRINGS_FILE)


def is_not_stated(value: object) -> bool:
    return isinstance(value, dict) and value.get("not_stated") is True


# A DOI as Zotero's DOI translator finds one in text (DOI.js): it stops only at whitespace, & " ' and a
# final . or , — so 10.61369/IED.2025040029）。 would be read whole. Linked, the DOI is a text node of
# its own, which the translator reads alone; the reader gets a working link.
_DOI_IN_TEXT = re.compile(r"\b10\.[0-9]{4,}/[\x21-\x7e]*[A-Za-z0-9/]")


def doi_links(value: object) -> Markup:
    """Text escaped as escape() does, with every DOI in it linked to its resolver."""
    text, out, at = str(value), [], 0
    for match in _DOI_IN_TEXT.finditer(text):
        doi = match.group().rstrip(")") if match.group().count("(") < match.group().count(")") else match.group()
        out += [escape(text[at:match.start()]), Safe(f'<a class="doi" href="https://doi.org/{escape(doi)}">'),
                escape(doi), Safe("</a>")]
        at = match.start() + len(doi)
    out.append(escape(text[at:]))
    return Safe("".join(out))


def year_label(year: object) -> str:
    """A printed year as printed; a supplied one in square brackets, as cataloguers mark it: [2026]."""
    return f"[{year['supplied']}]" if isinstance(year, dict) and "supplied" in year else str(year)


def format_number(value: float | int) -> str:
    """3666.1 → 3666.1, 12.0 → 12, 100000 → 100000 (printed as the paper prints it)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        # finalize escapes every printed value for Markdown and HTML and marks it Markup; autoescape
        # then leaves it alone, and makes macros and literal template text Markup too.
        finalize=escape,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        Safe=Safe,
        is_not_stated=is_not_stated,
        year_label=year_label,
        basis_labels=enum_labels("$defs", "supplied_basis", "items"),
        kind_labels=enum_labels("properties", "kind"),
        en_source_labels=enum_labels("$defs", "en_source"),
        qualifier_labels=enum_labels("$defs", "figure", "properties", "qualifier"),
        case_kind_labels=enum_labels("$defs", "case", "properties", "kind"),
        document_kind_labels=enum_labels("$defs", "policy_document", "properties", "kind"),
        note_kind_labels=enum_labels("$defs", "critical_note", "properties", "kind"),
        term_kind_labels=term_kind_labels(),
    )
    env.filters["number"] = format_number
    env.filters["doi_links"] = doi_links
    env.filters["pre"] = pre_text
    env.globals.update(cite_blocks=citations.cite_blocks, page_cite_blocks=citations.page_cite_blocks,
                       coins_context=citations.coins_context,
                       json_ld_front_matter=citations.json_ld_front_matter)
    env.filters["plain"] = plain
    env.globals["table_cell"] = table_cell
    env.filters["json"] = lambda value: Safe(json.dumps(str(value), ensure_ascii=False))
    env.filters["join"] = lambda items, separator="": Markup(escape(separator).join(escape(i) for i in items))
    return env


def compile_templates() -> None:
    """Compile every template now (Jinja keeps them), e.g. before forking workers that all use them."""
    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def _context(corpus, lang: str, **extra) -> dict:
    s = {key: value[lang] for key, value in strings().items()}
    return dict(corpus=corpus, lang=lang, other=("en" if lang == "zh" else "zh"), s=s,
                suffix=SUFFIX[lang], **extra)


def render_paper_page(corpus, paper: dict, lang: str) -> str:
    return environment().get_template("paper.md.j2").render(_context(corpus, lang, paper=paper))


def render_template_page(template: str, corpus, lang: str, **extra) -> str:
    """A page from one template with the usual context (corpus, lang, s) plus extra."""
    return environment().get_template(template).render(_context(corpus, lang, **extra))


def render_papers_index(corpus, lang: str) -> str:
    return environment().get_template("papers_index.md.j2").render(_context(corpus, lang))


GLOSSARY_USES = 12  # papers listed (and definitions quoted) per term; the rest are counted


def render_glossary(corpus, lang: str) -> str:
    return environment().get_template("glossary.md.j2").render(_context(corpus, lang, glossary_uses=GLOSSARY_USES))


GLANCE_LIMIT = 8  # papers on the home page; the papers list has them all


def render_papers_at_a_glance(corpus, lang: str) -> str:
    return environment().get_template("papers_at_a_glance.md.j2").render(
        _context(corpus, lang, glance_limit=GLANCE_LIMIT))


def schema_fields(schema: dict, root: dict, prefix: str = "", depth: int = 0) -> list[dict]:
    """Flatten the paper schema into rows (field path, title, description, required, example) for
    the contributor reference; descends into objects and list items one level at a time."""
    from .schema import resolve
    schema = resolve(schema, root)
    rows = []
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        prop_resolved = resolve(prop, root)
        path = f"{prefix}{name}"
        example = prop.get("examples", prop_resolved.get("examples", [None]))[0]
        rows.append({"path": path, "title": prop_resolved.get("title", name),
                     "description": prop.get("description", prop_resolved.get("description", "")),
                     "required": name in required,
                     # Renamed fields keep their old row anchor (x-formerly), as syllabi may link it.
                     "former": [f"{prefix}{old}" for old in prop_resolved.get("x-formerly", [])],
                     "example": json.dumps(example, ensure_ascii=False) if example is not None else ""})
        items = prop_resolved.get("items")
        if items and depth < 1:
            rows += schema_fields(items, root, f"{path}[].", depth + 1)
    return rows


def render_schema_reference(corpus, lang: str) -> str:
    from .schema import load_schema
    root = load_schema("paper")
    return environment().get_template("schema_reference.md.j2").render(
        _context(corpus, lang, fields=schema_fields(root, root)))
