"""Link the first mention of each glossary term in a paper page's prose to its glossary entry. In: the
page's generated Markdown (with raw HTML blocks), the names to look for (name → term id) and the
glossary's URL from the page. Out: the same text with one <a class="glossary-link"> around the first
mention of each term found in prose; nothing else changes.

Prose excludes: the front matter, Markdown headings, code (fences, `spans`, <code>, <pre>), the
inside of links (<a>), headings (<h1>–<h6>), quotes (<blockquote>, which holds the evidence), tables
(bibliographic data), <summary> (a fold's one-line label: a link there would be a control inside a
control), <svg>, <script>, <style>, and every tag's attributes (tags are never searched).
One pass over the text; names are matched longest first, so 跨境电子商务 wins over 电子商务.

Speed (a few ms for a 150 kB page, where searching each prose gap in turn took 15): every alternative
of the token pattern begins with a literal character, so the regex engine skips ahead to the next <,
`, ~, # or space ("at a line start" is checked after that character); the names are one trie-shaped
alternation, compiled once per name set, searched once in all the prose of the page joined together
(on English pages in a copy with A-Z lowered, without re.I, see _lower_case_pattern)."""
from __future__ import annotations

import functools
import re

# Elements whose content is never prose to link.
EXCLUDED_ELEMENTS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "summary",
                     "svg", "script", "style", "kbd", "samp", "title", "textarea"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed",
         "param", "track"}

# Tokens: a tag, an HTML comment, a code fence block, an inline code span, or a Markdown heading line.
# Each alternative starts with a literal character so that the engine only stops at <, `, ~, # and
# space. _LINE_START, placed after that first character, holds when it began a line (the
# `^` of the plain form); tags and comments cannot match in more than one way, so their repetitions
# are possessive (no backtracking into a long attribute list that has no closing >).
_LINE_START = r"(?<![^\n].)"
_TOKEN = re.compile(
    r"<(?:(?P<comment>!--.*?-->)"
    r"|(?P<tag>/?(?P<name>[A-Za-z][A-Za-z0-9]*+)\b(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>))"
    r"|`(?:" + _LINE_START + r"``[^\n]*\n.*?^```[^\n]*$|`*[^`\n]*`+)"    # fence, else inline code
    r"|~" + _LINE_START + r"~~[^\n]*\n.*?^~~~[^\n]*$"                     # fence
    r"|#" + _LINE_START + r"#{0,5}(?:[ \t][^\n]*)?$"                       # heading
    r"| " + _LINE_START + r"[ ]{0,2}#{1,6}(?:[ \t][^\n]*)?$",               # indented heading
    re.S | re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _trie(names: list[str], char_pattern=re.escape) -> str:
    """One regex alternative per first character, nested per following character: at most one branch
    is tried at each level instead of every name in turn. A name ending where a longer one continues
    makes the rest optional; greedy `?` tries the longer name first, as the longest-first list did.
    char_pattern gives each character's pattern (escaped by default)."""
    root: dict = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def build(node: dict) -> str:
        branches = [char_pattern(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return build(root)


# The same tokens for link_first_mentions, read in fewer, longer pieces: a match is either a tag of an
# excluded element (groups tag and name, as above) or a run of other tokens with nothing but
# whitespace between them, where `<a …>text</a>` (text without <, ` or a line break) counts as one
# token: it opens and closes an excluded element, so it leaves the open elements as they were, and
# nothing in it is prose. A gap of whitespace cannot hold a name, so a run has no prose to search.
# The tokens are found where _TOKEN finds them: at each position the alternatives together are
# _TOKEN's, `\s*?` tries every position in turn, and a run ends where _TOKEN's next token is not one
# of its kind. (A third of the matches: the loop over them was the slowest part of linking.)
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
# An excluded element's name in any case, as the whole tag name. (A trie of [aA]-style classes rather
# than (?i:a|code|…): case-insensitive branches cannot be skipped by their first character, and this
# is tried at every tag. Tag names are ASCII, so the two match the same names.)
_EXCLUDED_NAME = "(?:" + _trie(sorted(EXCLUDED_ELEMENTS),
                                lambda c: f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c)) + ")(?![A-Za-z0-9])"
_AFTER_LT = (r"!--.*?-->"                                                     # comment
             r"|a\b" + _ATTRIBUTES + r"(?<!/)>[^<`\n]*+</a>"                  # <a …>text</a>
             r"|/?(?!" + _EXCLUDED_NAME + r")[A-Za-z][A-Za-z0-9]*+\b" + _ATTRIBUTES + ">")  # other tag
_AFTER_BACKTICK = _LINE_START + r"``[^\n]*\n.*?^```[^\n]*$|`*[^`\n]*`+"
_AFTER_TILDE = _LINE_START + r"~~[^\n]*\n.*?^~~~[^\n]*$"
_AFTER_HASH = _LINE_START + r"#{0,5}(?:[ \t][^\n]*)?$"
_AFTER_SPACE = _LINE_START + r"[ ]{0,2}#{1,6}(?:[ \t][^\n]*)?$"
_OTHER_TOKEN = (f"(?:<(?:{_AFTER_LT})|`(?:{_AFTER_BACKTICK})|~(?:{_AFTER_TILDE})|#(?:{_AFTER_HASH})"
                f"| (?:{_AFTER_SPACE}))")
_MORE = r"(?:\s*?" + _OTHER_TOKEN + ")*"
# Every alternative starts with its literal character (see _TOKEN), the run's continuation repeated.
_PROSE_TOKEN = re.compile(
    f"<(?:(?:{_AFTER_LT}){_MORE}"
    r"|(?P<tag>/?(?P<name>[A-Za-z][A-Za-z0-9]*+)\b" + _ATTRIBUTES + ">))"
    f"|`(?:{_AFTER_BACKTICK}){_MORE}|~(?:{_AFTER_TILDE}){_MORE}|#(?:{_AFTER_HASH}){_MORE}"
    f"| (?:{_AFTER_SPACE}){_MORE}",
    re.S | re.M)


@functools.lru_cache(maxsize=8)
def _pattern(names: tuple[str, ...], lang: str) -> re.Pattern | None:
    """The pattern for a set of names, compiled once (every page of a language has the same names)."""
    names = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
    if not names:
        return None
    # The trie matches what the longest-first list of names matches, provided no text character can
    # match two different names' characters; that holds for exact matching and, under re.I, for
    # ASCII names (casefolded, so no two differ only in case). Anything else keeps the plain list.
    exact_trie = lang == "zh" or all(n.isascii() for n in names)
    alternatives = _trie(names) if exact_trie else "|".join(re.escape(n) for n in names)
    if lang == "zh":
        return re.compile(alternatives)
    # English names are whole words, in any case (a sentence may begin with one).
    return re.compile(rf"(?<![\w&#-])(?:{alternatives})(?![\w-])", re.I)


@functools.lru_cache(maxsize=8)
def _lower_case_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """The English pattern without re.I, for text whose ASCII letters are lowered (_ascii_lower), or
    None if a name is not lower-case ASCII. It finds exactly what _pattern finds in the original text
    when that text has none of _CASE_PARTNERS: re.I then matches an ASCII letter only with itself or
    its other case, the lowering changes nothing else (word characters, &, # and - stay where they were), and
    the text keeps its length. Twice as fast: case-insensitive branches cannot be skipped by their
    first character."""
    names = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
    if not names or not all(n.isascii() and n == n.lower() for n in names):
        return None
    return re.compile(rf"(?<![\w&#-])(?:{_trie(names)})(?![\w-])")


# The characters other than A-Z and a-z that Python's re.I matches with an ASCII letter: İ and ı
# (with i), ſ (with s), the Kelvin sign (with k). tests/papersite/test_glossary_links.py checks the
# list against every code point.
_CASE_PARTNERS = re.compile("[\u0130\u0131\u017f\u212a]")


def _ascii_lower(text: str) -> str:
    """text with A-Z lowered and every other character as it is (bytes.lower only touches ASCII)."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def glossary_names(terms: list[dict], lang: str) -> dict[str, str]:
    """name → term id: on Chinese pages the term and its aliases, on English pages the English term and
    its English aliases (en_aliases: acronyms, plurals, other renderings)."""
    names: dict[str, str] = {}
    for term in terms:
        if lang == "zh":
            term_names = [term["zh"], *(term.get("aliases") or [])]
        else:
            term_names = [term["en"], *(term.get("en_aliases") or [])]
        for name in term_names:
            names.setdefault(name if lang == "zh" else name.casefold(), term["id"])
    return names


def link_first_mentions(text: str, names: dict[str, str], href_prefix: str, lang: str) -> str:
    """text with the first prose mention of each name's term wrapped in a link to href_prefix#<id>."""
    pattern = _pattern(tuple(names), lang)
    if pattern is None:
        return text
    front = _FRONT_MATTER.match(text)
    start = front.end() if front else 0
    if any(_GAP_SEPARATOR in name or name.isspace() for name in names):
        return _link_segment_by_segment(text, start, pattern, names, href_prefix, lang)

    # One pass over the tokens collects the prose: the gaps between tokens while no excluded element
    # is open (an eighth of a Chinese page, a quarter of an English one). The names are then searched
    # once in all the prose joined by a separator that no name contains and that is not a word
    # character, so each gap is searched exactly as on its own (no match spans two gaps; the English
    # look-behind and look-ahead see a non-word character where a lone gap would have its ends).
    gaps: list[str] = []
    gap_starts: list[int] = []  # where each gap starts in text
    stack: list[str] = []  # open excluded elements
    position = start
    for token in _PROSE_TOKEN.finditer(text, start):
        token_start, token_end = token.span()
        if token_start > position and not stack:
            gaps.append(text[position:token_start])
            gap_starts.append(position)
        position = token_end
        name = token.group("name")  # only set for a tag of an excluded element
        if name is not None:
            _track_excluded(stack, name.lower(), token.group("tag"))
    if len(text) > position and not stack:
        gaps.append(text[position:])
        gap_starts.append(position)
    prose = _GAP_SEPARATOR.join(gaps)
    if lang != "zh":
        lower_case = _lower_case_pattern(tuple(names))
        if lower_case is not None and _CASE_PARTNERS.search(prose) is None:
            pattern, prose = lower_case, _ascii_lower(prose)  # same positions, same matches

    out: list[str] = []
    copied = 0  # text before this is in `out` already (the front matter is copied as it is)
    linked: set[str] = set()
    gap, gap_start_in_prose, gap_end_in_prose = -1, 0, -1  # the current match's gap, in prose
    for match in pattern.finditer(prose):
        while match.start() > gap_end_in_prose:
            gap += 1
            gap_start_in_prose = gap_end_in_prose + 1  # past the separator
            gap_end_in_prose = gap_start_in_prose + len(gaps[gap])
        begin = gap_starts[gap] + match.start() - gap_start_in_prose
        found = text[begin:begin + match.end() - match.start()]
        term = names[found if lang == "zh" else found.casefold()]
        if term in linked:
            continue
        linked.add(term)
        out.append(text[copied:begin])
        out.append(f'<a class="glossary-link" href="{href_prefix}#{term}">{found}</a>')
        copied = begin + len(found)
    out.append(text[copied:])
    return "".join(out)


_GAP_SEPARATOR = "\x00"


def _track_excluded(stack: list[str], name: str, tag: str) -> None:
    """Update the open excluded elements for a tag (name lower case; tag without its "<")."""
    if name not in EXCLUDED_ELEMENTS:
        return
    if tag.startswith("/"):
        if name in stack:
            # Close the innermost open element of that name (and anything left open inside it).
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    elif not tag.endswith("/>") and name not in _VOID:
        stack.append(name)


def _link_segment_by_segment(text: str, start: int, pattern: re.Pattern, names: dict[str, str],
                             href_prefix: str, lang: str) -> str:
    """link_first_mentions searching each gap between tokens on its own: the plain form, used when a
    name contains the separator of the joined prose or is nothing but whitespace."""
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
        name = token.group("name")
        if name is not None:
            _track_excluded(stack, name.lower(), token.group("tag"))
    segment = text[position:]
    out.append(link_prose(segment) if not stack else segment)
    return "".join(out)
