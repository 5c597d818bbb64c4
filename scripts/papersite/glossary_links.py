"""Link the first mention of each glossary term in a paper page's prose to its glossary entry. In: the
page's generated Markdown (with raw HTML blocks), the names to look for (name → term id) and the
glossary's URL from the page. Out: the same text with one <a class="glossary-link"> around the first
mention of each term found in prose; nothing else changes.

Prose excludes: the front matter, Markdown headings, code (fences, `spans`, <code>, <pre>), the
inside of links (<a>), headings (<h1>–<h6>), quotes (<blockquote>, which holds the evidence), tables
(bibliographic data), <svg>, <script>, <style>, and every tag's attributes (tags are never searched).
One pass over the text; names are matched longest first, so 跨境电子商务 wins over 电子商务."""
from __future__ import annotations

import re

# Elements whose content is never prose to link.
EXCLUDED_ELEMENTS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
                     "svg", "script", "style", "kbd", "samp", "title", "textarea"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed",
         "param", "track"}

# Tokens: a tag, an HTML comment, a code fence block, an inline code span, or a Markdown heading line.
_TOKEN = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<fence>^(?P<fchar>```|~~~)[^\n]*\n.*?^(?P=fchar)[^\n]*$)"
    r"|(?P<heading>^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$)"
    r"|(?P<code>`+[^`\n]*`+)"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)",
    re.S | re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _pattern(names: list[str], lang: str) -> re.Pattern | None:
    names = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    if lang == "zh":
        return re.compile(alternatives)
    # English names are whole words, in any case (a sentence may begin with one).
    return re.compile(rf"(?<![\w&#-])(?:{alternatives})(?![\w-])", re.I)


def glossary_names(terms: list[dict], lang: str) -> dict[str, str]:
    """name → term id: on Chinese pages the term and its aliases, on English pages the English term."""
    names: dict[str, str] = {}
    for term in terms:
        for name in ([term["zh"], *(term.get("aliases") or [])] if lang == "zh" else [term["en"]]):
            names.setdefault(name if lang == "zh" else name.casefold(), term["id"])
    return names


def link_first_mentions(text: str, names: dict[str, str], href_prefix: str, lang: str) -> str:
    """text with the first prose mention of each name's term wrapped in a link to href_prefix#<id>."""
    pattern = _pattern(list(names), lang)
    if pattern is None:
        return text
    front = _FRONT_MATTER.match(text)
    start = front.end() if front else 0
    out = [text[:start]]
    linked: set[str] = set()
    stack: list[str] = []  # open excluded elements

    def link_prose(segment: str) -> str:
        def replace(match: re.Match) -> str:
            term = names[match.group(0) if lang == "zh" else match.group(0).casefold()]
            if term in linked:
                return match.group(0)
            linked.add(term)
            return f'<a class="glossary-link" href="{href_prefix}#{term}">{match.group(0)}</a>'
        return pattern.sub(replace, segment)

    position = start
    for token in _TOKEN.finditer(text, start):
        segment = text[position:token.start()]
        out.append(link_prose(segment) if not stack else segment)
        out.append(token.group(0))
        position = token.end()
        name = (token.group("name") or "").lower()
        if not name or name not in EXCLUDED_ELEMENTS:
            continue
        tag = token.group("tag")
        if tag.startswith("</"):
            if name in stack:
                # Close the innermost open element of that name (and anything left open inside it).
                del stack[len(stack) - 1 - stack[::-1].index(name):]
        elif not tag.endswith("/>") and name not in _VOID:
            stack.append(name)
    segment = text[position:]
    out.append(link_prose(segment) if not stack else segment)
    return "".join(out)
