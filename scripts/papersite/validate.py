"""Validate loaded content. In: a RawContent from load.py. Out: the full list of Problems, sorted, each
`path: field: expected …, got …`; an empty list means the content may be built.

Two passes: the JSON Schemas (structure, types, patterns, allowed values), then the checks a schema
cannot express: slugs against file names, unique ids, every reference to a theme, actor, term,
indicator, author, section or item, quote length, and English text free of Chinese characters."""
from __future__ import annotations

import functools
import json
import pathlib
import re

import jsonschema

from .load import RawContent
from .problems import Problem, describe_value, field_path, json_type_name
from .quotes import evidence_entries
from . import identifiers
from .schema import RESERVED_LOCATORS, load_schema, resolve
from .schema_check import compile_check

MAX_QUOTE_CHARS = 40  # a key phrase that finds the passage, not the passage (see the evidence schema)
ITEM_LISTS = ("arguments", "mechanisms", "challenges", "recommendations", "cases", "statistics",
              "definitions", "policy_documents", "critical_notes")
ATTRIBUTED_LISTS = ("arguments", "mechanisms", "challenges", "recommendations", "definitions")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60]")
_EVIDENCE_ANCHOR = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*-q[1-9][0-9]*")
VOCABULARY_DEFS = {"themes": "themes_file", "glossary": "glossary_file", "indicators": "indicators_file"}


def _printed_or_supplied(value: object) -> object:
    """The value of a bibliographic field, printed or supplied; None when not stated or absent."""
    if isinstance(value, dict):
        return value.get("supplied")
    return value


def _coded_data_problems(rel: str, paper: dict) -> list[Problem]:
    """An ISSN whose check digit fails; a supplied value without the coded form it claims as basis; a
    year, issue, first page, page count or ISSN that the printed article number contradicts."""
    problems: list[Problem] = []

    def add(field, message):
        problems.append(Problem(rel, field, message))

    issn = _printed_or_supplied(paper.get("issn"))
    if isinstance(issn, str) and identifiers.ISSN.fullmatch(issn) and not identifiers.issn_is_valid(issn):
        add("issn.supplied" if isinstance(paper.get("issn"), dict) else "issn",
            f"expected an ISSN whose check digit holds (the check digit of {issn[:8]} is "
            f"{identifiers.issn_check_digit(issn[:4] + issn[5:8])}), got {issn!r}")
    number = paper.get("article_number")
    decoded = identifiers.decode_article_number(number) if isinstance(number, str) else None
    for field in ("year", "issue", "pages", "issn"):
        value = paper.get(field)
        if isinstance(value, dict) and isinstance(value.get("basis"), list) \
                and "article-number" in value["basis"] and not isinstance(number, str):
            add(f"{field}.basis", "expected an article_number field to read this value from, got none")
    if decoded is None:
        return problems
    if not identifiers.issn_is_valid(decoded.issn):
        add("article_number", f"expected an article number whose ISSN check digit holds (the check digit of "
                              f"{decoded.issn[:8]} is {identifiers.issn_check_digit(decoded.issn[:4] + decoded.issn[5:8])}), "
                              f"got {number!r}")
    where = f"in the article number {number}"
    checks = [("year", _printed_or_supplied(paper.get("year")), decoded.year, "year"),
              ("issue", _printed_or_supplied(paper.get("issue")), decoded.issue, "issue"),
              ("issn", issn, decoded.issn, "ISSN")]
    for field, value, expected, label in checks:
        if value is None:
            continue
        same = (str(value).lstrip("0") == str(expected)) if field == "issue" else value == expected
        if not same:
            suffix = ".supplied" if isinstance(paper.get(field), dict) else ""
            add(field + suffix, f"expected {expected} (the {label} {where}), got {value!r}")
    pages = _printed_or_supplied(paper.get("pages"))
    if isinstance(pages, str):
        suffix = ".supplied" if isinstance(paper.get("pages"), dict) else ""
        count = identifiers.page_count(pages)
        if identifiers.first_page(pages) != str(decoded.first_page):
            add("pages" + suffix, f"expected pages from {decoded.first_page} (the first page {where}), got {pages!r}")
        elif count is not None and count != decoded.page_count:
            add("pages" + suffix, f"expected {decoded.page_count} pages (the page count {where}), "
                                  f"got {pages!r} ({count} pages)")
    return problems


def _pointer_problems(rel: str, paper: dict) -> list[Problem]:
    """Each evidence entry gives exactly one of quote and see; a see names a quoted entry of this paper
    (not itself, not another pointer) at the same locator, so that its quote anchors the same passage."""
    problems: list[Problem] = []
    entries = list(evidence_entries(paper))
    quoted = {anchor: entry for _, anchor, entry in entries if isinstance(entry.get("quote"), str)}
    for path, anchor, entry in entries:
        has_quote, see = "quote" in entry, entry.get("see")
        if has_quote == ("see" in entry):
            problems.append(Problem(rel, field_path(path), "expected exactly one of quote and see, got "
                                    + ("both" if has_quote else "neither")))
        elif isinstance(see, str) and _EVIDENCE_ANCHOR.fullmatch(see):  # else the schema said it
            target = quoted.get(see)
            if see == anchor:
                message = f"expected the anchor of another entry, got its own anchor {see!r}"
            elif target is None:
                message = f"expected the anchor of an entry with a quote on this page, got {see!r}"
            elif target.get("locator") != entry.get("locator"):
                message = (f"expected an entry at locator {entry.get('locator')!r} (the same passage), "
                           f"got {see!r} at {target.get('locator')!r}")
            else:
                continue
            problems.append(Problem(rel, field_path(path + ("see",)), message))
    return problems


# ----------------------------------------------------------------------------- schema pass

def _schema(schema_name: str, def_name: str | None) -> dict:
    root = load_schema(schema_name)
    return dict(root, **{"$ref": f"#/$defs/{def_name}"}) if def_name else root


@functools.cache
def _validator(schema_name: str, def_name: str | None = None) -> jsonschema.Draft202012Validator:
    # Built once per schema: every file of a kind is checked against the same one.
    return jsonschema.Draft202012Validator(_schema(schema_name, def_name))


@functools.cache
def _quick_check(schema_name: str, def_name: str | None = None):
    """valid? in a millisecond or two (schema_check.py, fastjsonschema)."""
    return compile_check(_schema(schema_name, def_name), load_schema(schema_name))


def _branch_summary(schema: dict, root: dict) -> str:
    schema = resolve(schema, root)
    if schema.get("title") == "Not stated":
        return "{not_stated: true}"
    if schema.get("type") == "object" and set(schema.get("required", [])) >= {"zh", "en"}:
        return "zh/en text"
    if "x-expected" in schema:
        return schema["x-expected"]
    return schema.get("type", "a value")


def _expected_type(schema: dict, root: dict) -> str:
    schema = resolve(schema, root)
    if "oneOf" in schema:
        return " or ".join(_branch_summary(b, root) for b in schema["oneOf"])
    return _branch_summary(schema, root)


def _schema_messages(error: jsonschema.ValidationError, root: dict) -> list[tuple[str, str]]:
    """(field, message) pairs for one jsonschema error, descending into the oneOf branch that fits."""
    path = list(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind in ("oneOf", "anyOf"):
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = {i: errs for i, errs in branches.items()
                   if not any(e.validator in ("type", "const") and list(e.absolute_path) == path
                              for e in errs)}
        if isinstance(value, dict) and fitting:
            # An object may fit the not-stated marker or a text object: the key it has decides.
            marker = [i for i in fitting if _branch_summary(error.validator_value[i], root).startswith("{not_stated")]
            if "not_stated" in value and marker:
                fitting = {marker[0]: fitting[marker[0]]}
            elif marker and len(fitting) > 1:
                fitting = {i: e for i, e in fitting.items() if i not in marker}
        if len(fitting) == 1:
            (errs,) = fitting.values()
            out = []
            for sub in errs:
                out.extend(_schema_messages(sub, root))
            return out
        options = " or ".join(_branch_summary(b, root) for b in error.validator_value)
        return [(field_path(path), f"expected {options}, got {describe_value(value)}")]
    if kind == "required":
        schema = resolve(error.schema, root)
        return [(field_path(path + [name]),
                 f"expected {_expected_type(schema.get('properties', {}).get(name, {}), root)}, got nothing")
                for name in error.validator_value if name not in value]
    if kind == "additionalProperties":
        allowed = ", ".join(resolve(error.schema, root).get("properties", {}))
        extras = [k for k in value if k not in resolve(error.schema, root).get("properties", {})]
        return [(field_path(path + [k]), f"expected one of the fields {allowed}, got an unknown field")
                for k in extras]
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return [(field_path(path), f"expected {expected}, got {json_type_name(value)}")]
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return [(field_path(path), f"expected one of {options}, got {describe_value(value)}")]
    if kind == "const":
        return [(field_path(path), f"expected {json.dumps(error.validator_value)}, got {describe_value(value)}")]
    if kind == "pattern":
        wanted = resolve(error.schema, root).get("x-expected", f"text matching {error.validator_value}")
        return [(field_path(path), f"expected {wanted}, got {describe_value(value)}")]
    if kind == "minLength":
        wanted = "non-empty text" if error.validator_value == 1 else f"at least {error.validator_value} characters"
        return [(field_path(path), f"expected {wanted}, got {describe_value(value)}")]
    if kind == "minItems":
        return [(field_path(path), f"expected at least {error.validator_value} item(s), got {len(value)}")]
    if kind in ("minimum", "maximum"):
        schema = resolve(error.schema, root)
        low, high = schema.get("minimum"), schema.get("maximum")
        wanted = f"a number from {low} to {high}" if low is not None and high is not None else \
            f"a number {'≥' if kind == 'minimum' else '≤'} {error.validator_value}"
        return [(field_path(path), f"expected {wanted}, got {describe_value(value)}")]
    return [(field_path(path), f"expected {kind} {error.validator_value!r}, got {describe_value(value)}")]


def schema_problems(data: object, rel_path: str, schema_name: str, def_name: str | None = None) -> list[Problem]:
    # jsonschema takes ~50 ms for a paper even when it finds nothing; the quick check gives the same
    # yes/no, so jsonschema only runs (and words the messages) for a file that has problems.
    quick = _quick_check(schema_name, def_name)
    if quick is not None and quick(data):
        return []
    validator = _validator(schema_name, def_name)
    root = validator.schema
    seen, problems = set(), []
    for error in validator.iter_errors(data):
        for field, message in _schema_messages(error, root):
            if (field, message) not in seen:
                seen.add((field, message))
                problems.append(Problem(rel_path, field, message))
    return problems


# ----------------------------------------------------------------------------- cross-checks

def _walk(node: object, path: tuple = ()):
    """Every (path, value) below node, depth first (parents before children, children in order)."""
    # A stack instead of nested `yield from`: each value is handed up once, not once per level.
    stack = [(path, node)]
    pop, push = stack.pop, stack.extend
    while stack:
        path, node = pop()
        yield path, node
        if isinstance(node, dict):
            push(reversed([(path + (key,), value) for key, value in node.items()]))
        elif isinstance(node, list):
            push(reversed([(path + (index,), value) for index, value in enumerate(node)]))


def _squeezed_length(text: str) -> int:
    return len("".join(text.split()))


def _ids(items: object) -> set[str]:
    return {i.get("id") for i in items if isinstance(i, dict)} if isinstance(items, list) else set()


def anchor_places(paper: dict):
    """(path, id) for every anchor a paper page defines (sections, items, case figures), in page order."""
    for list_name in ("outline",) + ITEM_LISTS:
        items = paper.get(list_name)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("id"), str):
                yield (list_name, index, "id"), item["id"]
            figures = item.get("figures")
            for f_index, fig in enumerate(figures if isinstance(figures, list) else []):
                if isinstance(fig, dict) and isinstance(fig.get("id"), str):
                    yield (list_name, index, "figures", f_index, "id"), fig["id"]


def paper_item_ids(paper: dict) -> set[str]:
    return {item_id for _, item_id in anchor_places(paper)}


# The keys, and the keys of the parent, that the walk in _paper_problems has a check for.
_CHECKED_KEYS = {"term", "indicator", "expert", "locator", "quote", "reference", "en"}
_CHECKED_PARENT_KEYS = {"themes", "actors", "partners", "also_terms", "en", "related"}

# Reserved actor ids the coding rules name (content/themes.yaml, decision rules).
GOVERNMENT, UNSPECIFIED = "government", "unspecified"
# 鼓励企业 / 鼓励平台企业 / 引导企业: whoever encourages or guides firms is addressed (the government).
_ENCOURAGE_FIRMS = re.compile(r"(?:鼓励|引导)[^，。；、：,;]{0,6}?企业")
# The lists whose items may restate another item of the same list.
RESTATING_LISTS = ("mechanisms", "challenges", "recommendations")


def _paper_problems(rel: str, paper: dict, vocab_ids: dict[str, set[str]],
                    papers_by_slug: dict[str, dict], item_ids: dict[int, set[str]] | None = None,
                    themes_used: set[str] | None = None) -> list[Problem]:
    """The cross-checks of one paper. item_ids caches each paper's anchor ids (id(paper) → ids) across
    calls, so a reference to another page costs a lookup, not a walk over that page; themes_used, if
    given, receives every value under a `themes` key (for _theme_coverage_problems)."""
    problems: list[Problem] = []
    item_ids = {} if item_ids is None else item_ids

    def add(path, message):
        problems.append(Problem(rel, field_path(path), message))

    def ids_on(target: dict) -> set[str]:
        if id(target) not in item_ids:
            item_ids[id(target)] = paper_item_ids(target)
        return item_ids[id(target)]

    stem = pathlib.PurePosixPath(rel).stem
    if isinstance(paper.get("slug"), str) and paper["slug"] != stem:
        add(("slug",), f"expected {stem!r} (the file name), got {paper['slug']!r}")

    # Unique anchors across the whole page.
    where_defined: dict[str, tuple] = {}
    for place, item_id in anchor_places(paper):
        if item_id in where_defined:
            add(place, f"expected an id not used elsewhere on the page, got {item_id!r} "
                       f"(also at {field_path(where_defined[item_id])})")
        else:
            where_defined[item_id] = place

    section_ids = _ids(paper.get("outline"))
    authors = paper.get("authors") if isinstance(paper.get("authors"), list) else []
    author_ids = _ids(authors)
    is_discussion = paper.get("kind") == "expert-discussion"
    references = paper.get("references") if isinstance(paper.get("references"), list) else []

    for index, author in enumerate(authors):
        if isinstance(author, dict) and "section" in author and author["section"] not in section_ids:
            add(("authors", index, "section"), f"expected an outline id, got {describe_value(author['section'])}")

    previous = 0
    for index, ref in enumerate(references):
        if isinstance(ref, dict) and isinstance(ref.get("number"), int):
            if ref["number"] <= previous:
                add(("references", index, "number"), f"expected a number above {previous}, got {ref['number']}")
            previous = ref["number"]
    reference_numbers = {r.get("number") for r in references if isinstance(r, dict)}

    vocab_messages = {
        "themes": "a theme id from content/themes.yaml",
        "actors": "an actor id from content/themes.yaml",
        "glossary": "a term id from content/glossary.yaml",
        "indicators": "an indicator id from content/indicators.yaml",
    }

    def check_ref(path, value, vocab):
        if isinstance(value, str) and value not in vocab_ids[vocab]:
            hint = vocab_ids.get(f"{vocab}-hints", {}).get(value)
            add(path, f"expected {vocab_messages[vocab]}, got {value!r}" + (f" ({hint})" if hint else ""))

    for path, value in _walk(paper):
        if not path:
            continue
        key = path[-1]
        parent_key = path[-2] if len(path) >= 2 else None
        if key not in _CHECKED_KEYS and parent_key not in _CHECKED_PARENT_KEYS:
            continue  # most values: none of the checks below applies
        if themes_used is not None and parent_key == "themes" and isinstance(value, str):
            themes_used.add(value)
        if parent_key == "themes" and isinstance(key, int):
            check_ref(path, value, "themes")
        elif parent_key in ("actors", "partners") and isinstance(key, int):
            check_ref(path, value, "actors")
        elif parent_key == "also_terms" and isinstance(key, int):
            check_ref(path, value, "glossary")
        elif key == "term" and path[0] in ("definitions", "policy_documents"):
            check_ref(path, value, "glossary")
        elif key == "indicator":
            check_ref(path, value, "indicators")
        elif key == "expert" and path[0] in ITEM_LISTS and isinstance(value, str) and value not in author_ids:
            add(path, f"expected an author id of this paper, got {value!r}")
        elif key == "locator" and isinstance(value, str) and value not in section_ids \
                and value not in RESERVED_LOCATORS:
            add(path, f"expected an outline id or one of {', '.join(RESERVED_LOCATORS)}, got {value!r}")
        elif key == "quote" and isinstance(value, str) and _squeezed_length(value) > MAX_QUOTE_CHARS:
            add(path, f"expected at most {MAX_QUOTE_CHARS} characters (whitespace aside), "
                      f"got {_squeezed_length(value)}")
        elif key == "reference" and isinstance(value, int) and value not in reference_numbers:
            add(path, f"expected a number from the printed reference list, got {value}")
        elif key == "en" and isinstance(value, str) and CJK.search(value):
            add(path, f"expected English text without Chinese characters, got {describe_value(value)}")
        elif parent_key == "en" and isinstance(key, int) and isinstance(value, str) and CJK.search(value):
            add(path, f"expected English text without Chinese characters, got {describe_value(value)}")
        elif parent_key == "related" and isinstance(value, str):
            slug, _, item = value.rpartition("#")
            target = papers_by_slug.get(slug) if slug else paper
            if target is None:
                add(path, f"expected a paper slug from content/papers/, got {slug!r}")
            elif item not in ids_on(target):
                add(path, f"expected an item id on {'that' if slug else 'this'} page, got {item!r}")

    problems += _pointer_problems(rel, paper)
    problems += _coded_data_problems(rel, paper)
    problems += _coding_problems(rel, paper)

    if is_discussion:
        for list_name in ATTRIBUTED_LISTS:
            for index, item in enumerate(paper.get(list_name) or []):
                if isinstance(item, dict) and "expert" not in item:
                    add((list_name, index, "expert"),
                        "expected the author id of the expert who wrote it (an expert discussion), got nothing")
    return problems


def _quotes_of_item(item: dict, quoted: dict[str, str]) -> list[str]:
    """The quote texts an item's evidence shows: its own quotes and, for a see entry, the quote it
    points to."""
    texts = []
    for entry in item.get("evidence") if isinstance(item.get("evidence"), list) else []:
        if not isinstance(entry, dict):
            continue
        text = entry.get("quote") if isinstance(entry.get("quote"), str) else quoted.get(entry.get("see"))
        if isinstance(text, str):
            texts.append(text)
    return texts


def _coding_problems(rel: str, paper: dict) -> list[Problem]:
    """The coding rules of the codebook that a schema cannot express: a restatement names another item
    of its own list that restates nothing; actors are addressees, partners others, and unspecified
    stands alone; a quote that says 鼓励企业/引导企业 addresses the government."""
    problems: list[Problem] = []
    quoted = {anchor: entry["quote"] for _, anchor, entry in evidence_entries(paper)
              if isinstance(entry.get("quote"), str)}

    def add(path, message):
        problems.append(Problem(rel, field_path(path), message))

    for list_name in RESTATING_LISTS:
        items = paper.get(list_name) if isinstance(paper.get(list_name), list) else []
        by_id = {item["id"]: item for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            target = item.get("restates")
            if isinstance(target, str):
                if target == item.get("id"):
                    add((list_name, index, "restates"), f"expected the id of another item, got its own id {target!r}")
                elif target not in by_id:
                    add((list_name, index, "restates"), f"expected the id of another item in {list_name}, got {target!r}")
                elif isinstance(by_id[target].get("restates"), str):
                    add((list_name, index, "restates"),
                        f"expected an item that restates no other (no chains), got {target!r} "
                        f"(which restates {by_id[target]['restates']!r})")
            if list_name != "recommendations":
                continue
            actors = item.get("actors") if isinstance(item.get("actors"), list) else []
            partners = item.get("partners") if isinstance(item.get("partners"), list) else []
            if UNSPECIFIED in actors and len(actors) > 1:
                add((list_name, index, "actors"),
                    f"expected {UNSPECIFIED} alone (no actor named) or named actors only, got {actors}")
            for p_index, partner in enumerate(partners):
                if partner == UNSPECIFIED:
                    add((list_name, index, "partners", p_index), f"expected a named actor, got {partner!r}")
                elif partner in actors:
                    add((list_name, index, "partners", p_index),
                        f"expected a partner that is not also an addressee, got {partner!r} (also in actors)")
            if actors and GOVERNMENT not in actors:
                for text in _quotes_of_item(item, quoted):
                    match = _ENCOURAGE_FIRMS.search("".join(text.split()))
                    if match:
                        add((list_name, index, "actors"),
                            f"expected {GOVERNMENT} among the actors (a quote says {match.group()}: whoever "
                            f"encourages is addressed), got {actors}")
                        break
    return problems


def _vocabulary_problems(raw: RawContent) -> tuple[list[Problem], dict[str, set[str]]]:
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {"themes": set(), "actors": set(), "glossary": set(), "indicators": set()}
    for name, def_name in VOCABULARY_DEFS.items():
        data, rel = raw.vocabularies.get(name), raw.vocabulary_paths[name]
        if data is None:
            continue
        problems += schema_problems(data, rel, "vocabularies", def_name)
        lists = {"themes": data.get("themes"), "actors": data.get("actors")} if name == "themes" \
            and isinstance(data, dict) else {name: data}
        for list_name, items in lists.items():
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                path = ((list_name,) if name == "themes" else ()) + (index, "id")
                if item["id"] in ids[list_name]:
                    problems.append(Problem(rel, field_path(path),
                                            f"expected an id used once, got {item['id']!r} again"))
                ids[list_name].add(item["id"])
                for sub_path, value in _walk(item, path[:-1]):
                    if sub_path and sub_path[-1] == "en" and isinstance(value, str) and CJK.search(value):
                        problems.append(Problem(rel, field_path(sub_path),
                                                f"expected English text without Chinese characters, got {describe_value(value)}"))
        if name == "themes" and isinstance(data, dict):
            hint_problems, hints = _old_id_problems(rel, data, ids)
            problems += hint_problems
            ids.update(hints)
    return problems, ids


def _old_id_problems(rel: str, data: dict, ids: dict[str, set[str]]) -> tuple[list[Problem], dict[str, dict]]:
    """Former ids (formerly) and retired ids of themes and actors: each given once, none a current id,
    and the hints that tell a paper still using one what to write instead."""
    problems: list[Problem] = []
    hints: dict[str, dict[str, str]] = {"themes-hints": {}, "actors-hints": {}}
    for vocab, list_name, retired_name in (("themes", "themes", "retired_themes"), ("actors", "actors", "retired_actors")):
        seen: dict[str, str] = {}

        def claim(old: object, path: tuple, hint: str) -> None:
            if not isinstance(old, str):
                return
            if old in ids[vocab]:
                problems.append(Problem(rel, field_path(path), f"expected an id no current {vocab[:-1]} uses, got {old!r}"))
            elif old in seen:
                problems.append(Problem(rel, field_path(path), f"expected an old id given once, got {old!r} again "
                                                               f"(also at {seen[old]})"))
            else:
                seen[old] = field_path(path)
                hints[f"{vocab}-hints"][old] = hint

        for index, item in enumerate(data.get(list_name) if isinstance(data.get(list_name), list) else []):
            formerly = item.get("formerly") if isinstance(item, dict) else None
            for f_index, old in enumerate(formerly if isinstance(formerly, list) else []):
                claim(old, (list_name, index, "formerly", f_index), f"now {item.get('id')}")
        for index, item in enumerate(data.get(retired_name) if isinstance(data.get(retired_name), list) else []):
            if isinstance(item, dict):
                claim(item.get("id"), (retired_name, index, "id"), "retired: see the codebook")
    return problems, hints


def _codebook_problems(raw: RawContent, papers_by_slug: dict[str, dict]) -> list[Problem]:
    """Every example of the codebook names an item that exists, and is coded as it says: an inclusion
    example of a theme carries it and an exclusion example does not; an inclusion example of an actor
    names it among its actors or partners and an exclusion example not among its actors. A retired
    entry's see names current ids."""
    themes = raw.vocabularies.get("themes")
    if not isinstance(themes, dict):
        return []
    rel = raw.vocabulary_paths["themes"]
    problems: list[Problem] = []
    current = {name: {i.get("id") for i in themes.get(name) or [] if isinstance(i, dict)}
               for name in ("themes", "actors")}
    items: dict[str, dict] = {}
    for slug, paper in papers_by_slug.items():
        for list_name in ("arguments", "mechanisms", "challenges", "recommendations", "cases"):
            for item in paper.get(list_name) if isinstance(paper.get(list_name), list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    items[f"{slug}#{item['id']}"] = item
    for list_name, field in (("themes", "themes"), ("actors", "actors")):
        for index, entry in enumerate(themes.get(list_name) if isinstance(themes.get(list_name), list) else []):
            if not isinstance(entry, dict):
                continue
            for kind in ("include_example", "exclude_example"):
                example = entry.get(kind)
                ref = example.get("item") if isinstance(example, dict) else None
                if not isinstance(ref, str) or "#" not in ref:
                    continue
                path = (list_name, index, kind, "item")
                item = items.get(ref)
                if item is None:
                    problems.append(Problem(rel, field_path(path), f"expected a paper-slug#item-id of a themed item, got {ref!r}"))
                    continue
                tags = item.get(field) if isinstance(item.get(field), list) else []
                named = tags + (item.get("partners") or [] if field == "actors" else [])
                what = "theme" if field == "themes" else "actor"
                if kind == "include_example" and entry.get("id") not in named:
                    problems.append(Problem(rel, field_path(path), f"expected an item coded with the {what} "
                                            f"{entry.get('id')!r} (an inclusion example), got {ref!r} coded {tags}"))
                elif kind == "exclude_example" and entry.get("id") in tags:
                    problems.append(Problem(rel, field_path(path), f"expected an item not coded with the {what} "
                                            f"{entry.get('id')!r} (an exclusion example), got {ref!r} coded {tags}"))
    for list_name, vocab in (("retired_themes", "themes"), ("retired_actors", "actors")):
        for index, entry in enumerate(themes.get(list_name) if isinstance(themes.get(list_name), list) else []):
            for s_index, target in enumerate(entry.get("see") or [] if isinstance(entry, dict) else []):
                if isinstance(target, str) and target not in current[vocab]:
                    problems.append(Problem(rel, field_path((list_name, index, "see", s_index)),
                                            f"expected a current {vocab[:-1]} id, got {target!r}"))
    return problems


def _theme_coverage_problems(raw: RawContent, papers_by_slug: dict[str, dict],
                             themes_used: dict[int, set[str]] | None = None) -> list[Problem]:
    """A theme is a comparison dimension: at least two papers must speak to it, unless it is marked
    specific_to the one paper it belongs to. themes_used: id(paper) → the values under its `themes`
    keys, as _paper_problems collected them (else each paper is walked here)."""
    themes = raw.vocabularies.get("themes")
    if not isinstance(themes, dict) or not isinstance(themes.get("themes"), list):
        return []
    users: dict[str, set[str]] = {}
    for slug, paper in papers_by_slug.items():
        used = themes_used.get(id(paper)) if themes_used is not None else None
        if used is None:
            used = {value for path, value in _walk(paper)
                    if len(path) >= 2 and path[-2] == "themes" and isinstance(value, str)}
        for value in used:
            users.setdefault(value, set()).add(slug)
    problems, rel = [], raw.vocabulary_paths["themes"]
    for index, theme in enumerate(themes["themes"]):
        if not isinstance(theme, dict) or not isinstance(theme.get("id"), str):
            continue
        used_by = users.get(theme["id"], set())
        specific = theme.get("specific_to")
        if specific is not None and specific not in papers_by_slug:
            problems.append(Problem(rel, f"themes[{index}].specific_to",
                                    f"expected a paper slug from content/papers/, got {specific!r}"))
        elif specific is None and len(used_by) < 2:
            problems.append(Problem(rel, f"themes[{index}].id",
                                    f"expected a theme that at least two papers use (or specific_to), "
                                    f"got {theme['id']!r} used by {len(used_by)}"))
    return problems


# ----------------------------------------------------------------------------- figures (the ledger)

_PERIOD_SPAN = re.compile(r"([0-9]{4})-([0-9]{4})")
_WORDING_CHAR = re.compile(r"[A-Za-z\u3400-\u9fff\uf900-\ufaff]")
# A number phrase with this many letters besides its digits is a paper's wording, not just a number:
# two papers printing it word for word print one sentence twice (跨境电商主体已超10万家), whereas
# "3666.1亿美元" in two papers may be two papers citing one statistic.
MIN_WORDING_CHARS = 6
_REPEAT_FIELDS = ("indicator", "value", "unit", "period", "status", "place")


def _figures_of(paper: dict):
    """(path, figure) for every figure of a paper: statistics, then each case's figures."""
    for index, fig in enumerate(paper.get("statistics") if isinstance(paper.get("statistics"), list) else []):
        if isinstance(fig, dict):
            yield ("statistics", index), fig
    for c_index, case in enumerate(paper.get("cases") if isinstance(paper.get("cases"), list) else []):
        figures = case.get("figures") if isinstance(case, dict) else None
        for index, fig in enumerate(figures if isinstance(figures, list) else []):
            if isinstance(fig, dict):
                yield ("cases", c_index, "figures", index), fig


def _field_text(field: str, value: object) -> str:
    if isinstance(value, dict) and value.get("not_stated") is True:
        return "not stated"
    if field == "place" and isinstance(value, dict):
        return repr(str(value.get("area")) + (f"#{value['subject']}" if value.get("subject") else ""))
    if field == "unit" and isinstance(value, dict):
        return repr(value.get("zh"))
    return repr(value)


def _figure_problems(raw: RawContent, papers_by_slug: dict[str, dict]) -> list[Problem]:
    """The checks of the statistics ledger's fields that a schema cannot express: a span of years
    runs forwards; repeats names a figure of another paper that repeats no other and records the same
    indicator, value, unit, period, status and place; and a figure whose number phrase (its first
    quote, with MIN_WORDING_CHARS letters or more besides the number) is word for word that of a
    figure of another source text, with the same indicator and value, is marked as a repeat on one
    side (figures of one source text, such as copies of a paper, count as one)."""
    problems: list[Problem] = []
    figures: dict[str, dict] = {}
    for slug, paper in papers_by_slug.items():
        for _, fig in _figures_of(paper):
            if isinstance(fig.get("id"), str):
                figures.setdefault(f"{slug}#{fig['id']}", fig)
    marked: set[str] = set()  # slug#id of every figure that repeats, or is repeated by, a valid target
    phrases: dict[tuple, list[tuple]] = {}
    for rel, paper in raw.papers.items():
        if not isinstance(paper, dict):
            continue
        slug = paper.get("slug")
        quoted = {anchor: entry["quote"] for _, anchor, entry in evidence_entries(paper)
                  if isinstance(entry.get("quote"), str)}
        for path, fig in _figures_of(paper):
            ref = f"{slug}#{fig.get('id')}"
            period = fig.get("period")
            if isinstance(period, str) and _PERIOD_SPAN.fullmatch(period):
                first, last = _PERIOD_SPAN.fullmatch(period).groups()
                if last <= first:
                    problems.append(Problem(rel, field_path(path + ("period",)),
                                            f"expected a span whose last year is after its first, got {period!r}"))
            target = fig.get("repeats")
            if isinstance(target, str) and "#" in target:
                problem = _repeat_problem(target, slug, fig, papers_by_slug, figures)
                if problem:
                    problems.append(Problem(rel, field_path(path + ("repeats",)), problem))
                else:
                    marked.update((ref, target))
            texts = _quotes_of_item(fig, quoted)
            wording = "".join(texts[0].split()) if texts else ""
            if len(_WORDING_CHAR.findall(wording)) >= MIN_WORDING_CHARS and isinstance(fig.get("value"), (int, float)):
                phrases.setdefault((wording, fig.get("indicator"), fig.get("value")), []).append(
                    (str(paper.get("source_text")), ref, rel, path, texts[0]))
    for group in phrases.values():
        sources = list(dict.fromkeys(source for source, *_ in group))
        if len(sources) < 2:
            continue
        marked_sources = {source for source, ref, *_ in group if ref in marked}
        # The figure the others should point to: one that others repeat, else the first of the group.
        root = next((ref for _, ref, *_ in group if ref in marked and ref in figures
                     and not isinstance(figures[ref].get("repeats"), str)), group[0][1])
        unmarked = [source for source in sources if source not in marked_sources]
        if not marked_sources:
            unmarked = unmarked[1:]  # the first source text is taken as the one repeated
        for source in unmarked:
            _, ref, rel, path, quote = next(entry for entry in group if entry[0] == source)
            problems.append(Problem(rel, field_path(path + ("repeats",)),
                                    f"expected repeats: {root} (its number phrase “{quote}” is word for word "
                                    f"the same), got nothing"))
    return problems


def _repeat_problem(target: str, slug: object, fig: dict, papers_by_slug: dict[str, dict],
                    figures: dict[str, dict]) -> str | None:
    """What is wrong with one figure's repeats, or None."""
    other_slug, _, other_id = target.partition("#")
    if other_slug not in papers_by_slug:
        return f"expected a paper slug from content/papers/, got {other_slug!r}"
    if other_slug == slug:
        return f"expected a figure of another paper (a paper does not repeat itself), got {target!r}"
    other = figures.get(target)
    if other is None:
        return f"expected a figure id on that page, got {other_id!r}"
    if isinstance(other.get("repeats"), str):
        return f"expected a figure that repeats no other (no chains), got {target!r} (which repeats {other['repeats']!r})"
    for field in _REPEAT_FIELDS:
        if other.get(field) != fig.get(field):
            return (f"expected a figure with the same indicator, value, unit, period, status and place, got "
                    f"{target!r} (its {field} is {_field_text(field, other.get(field))}, "
                    f"this one's {_field_text(field, fig.get(field))})")
    return None


def _indicator_problems(raw: RawContent) -> list[Problem]:
    """complement_of names another indicator of the same family."""
    data = raw.vocabularies.get("indicators")
    if not isinstance(data, list):
        return []
    rel = raw.vocabulary_paths["indicators"]
    by_id = {i.get("id"): i for i in data if isinstance(i, dict)}
    problems = []
    for index, indicator in enumerate(data):
        other = indicator.get("complement_of") if isinstance(indicator, dict) else None
        if not isinstance(other, str):
            continue
        path = f"[{index}].complement_of"
        if other not in by_id or other == indicator.get("id"):
            problems.append(Problem(rel, path, f"expected the id of another indicator in content/indicators.yaml, got {other!r}"))
        elif by_id[other].get("family") is None or by_id[other].get("family") != indicator.get("family"):
            problems.append(Problem(rel, path, f"expected an indicator of the same family "
                                               f"({indicator.get('family')!r}), got {other!r} "
                                               f"(family {by_id[other].get('family')!r})"))
    return problems


def _english_problems(rel: str, data: object) -> list[Problem]:
    return [Problem(rel, field_path(path), f"expected English text without Chinese characters, got {describe_value(value)}")
            for path, value in _walk(data)
            if path and path[-1] == "en" and isinstance(value, str) and CJK.search(value)]


def _reading_list_problems(raw: RawContent, papers_by_slug: dict[str, dict]) -> list[Problem]:
    """content/reading-lists/<slug>.yaml: the schema, the slug against the file name, every paper
    listed once and existing."""
    problems: list[Problem] = []
    for rel, data in raw.reading_lists.items():
        if data is None:
            continue
        problems += schema_problems(data, rel, "reading-list")
        if not isinstance(data, dict):
            continue
        stem = pathlib.PurePosixPath(rel).stem
        if isinstance(data.get("slug"), str) and data["slug"] != stem:
            problems.append(Problem(rel, "slug", f"expected {stem!r} (the file name), got {data['slug']!r}"))
        seen: dict[str, int] = {}
        for index, entry in enumerate(data.get("papers") if isinstance(data.get("papers"), list) else []):
            slug = entry.get("paper") if isinstance(entry, dict) else None
            if not isinstance(slug, str):
                continue
            if slug not in papers_by_slug:
                problems.append(Problem(rel, f"papers[{index}].paper",
                                        f"expected a paper slug from content/papers/, got {slug!r}"))
            elif slug in seen:
                problems.append(Problem(rel, f"papers[{index}].paper",
                                        f"expected a paper not listed earlier, got {slug!r} (also at papers[{seen[slug]}].paper)"))
            seen.setdefault(slug, index)
        problems += _english_problems(rel, data)
    return problems


def _site_file_problems(raw: RawContent) -> list[Problem]:
    """content/changelog.yaml and content/redirects.yaml (both optional): the schema, unique
    versions, and redirects that neither repeat an old path nor point at another old path."""
    problems: list[Problem] = []
    for name, data in (("changelog", raw.changelog), ("redirects", raw.redirects)):
        if data is None:
            continue
        rel = raw.site_paths[name]
        problems += schema_problems(data, rel, "site", f"{name}_file")
        problems += _english_problems(rel, data)
        if not isinstance(data, list):
            continue
        key, what = ("version", "a version") if name == "changelog" else ("old", "an old path")
        seen: dict[str, int] = {}
        for index, entry in enumerate(data):
            value = entry.get(key) if isinstance(entry, dict) else None
            if not isinstance(value, str):
                continue
            if value in seen:
                problems.append(Problem(rel, f"[{index}].{key}",
                                        f"expected {what} not used earlier, got {value!r} (also at [{seen[value]}].{key})"))
            seen.setdefault(value, index)
        if name == "redirects":
            for index, entry in enumerate(data):
                target = entry.get("new") if isinstance(entry, dict) else None
                if isinstance(target, str) and target.split("#")[0] in seen:
                    problems.append(Problem(rel, f"[{index}].new",
                                            f"expected a current page, got {target!r} (itself an old path)"))
    return problems


def validate(raw: RawContent, memo: dict | None = None) -> list[Problem]:
    """Every problem of the content. memo: a dict a long-running caller keeps between calls: a paper's
    schema check, a pure function of its file's text, is not run again while the text is unchanged."""
    problems = list(raw.problems)
    kept = {} if memo is None else memo
    memo_now: dict[str, tuple] = {}  # path → (text, its schema problems)
    vocab_problems, vocab_ids = _vocabulary_problems(raw)
    problems += vocab_problems

    papers_by_slug: dict[str, dict] = {}
    slug_paths: dict[str, list[str]] = {}
    for rel, data in raw.papers.items():
        if data is None:
            continue
        entry = kept.get(rel)
        if entry is None or entry[0] != raw.texts.get(rel):
            entry = (raw.texts.get(rel), schema_problems(data, rel, "paper"))
        memo_now[rel] = entry
        problems += entry[1]
        if isinstance(data, dict) and isinstance(data.get("slug"), str):
            papers_by_slug.setdefault(data["slug"], data)
            slug_paths.setdefault(data["slug"], []).append(rel)
    for slug, paths in slug_paths.items():
        # The file named after the slug owns it; every other file claiming it is the one at fault.
        owner = next((rel for rel in paths if pathlib.PurePosixPath(rel).stem == slug), paths[0])
        for rel in paths:
            if rel != owner:
                problems.append(Problem(rel, "slug", f"expected a slug no other paper uses, got {slug!r} "
                                                     f"(also in {owner})"))
        papers_by_slug[slug] = raw.papers[owner]
    item_ids: dict[int, set[str]] = {}
    themes_used: dict[int, set[str]] = {}
    for rel, data in raw.papers.items():
        if isinstance(data, dict):
            problems += _paper_problems(rel, data, vocab_ids, papers_by_slug, item_ids,
                                        themes_used.setdefault(id(data), set()))

    problems += _theme_coverage_problems(raw, papers_by_slug, themes_used)
    problems += _figure_problems(raw, papers_by_slug)
    problems += _indicator_problems(raw)
    problems += _codebook_problems(raw, papers_by_slug)
    problems += _reading_list_problems(raw, papers_by_slug)
    problems += _site_file_problems(raw)
    if memo is not None:
        memo.clear()
        memo.update(memo_now)  # removed or changed files' entries go
    # Files in path order; within a file, the order the checks found them (schema first).
    return sorted(dict.fromkeys(problems), key=lambda problem: problem.path)
