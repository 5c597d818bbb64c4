"""Check every evidence quote against its source text. In: loaded papers and the sources folder
(../shared/sources/). Out: a Problem for each quote not found verbatim (whitespace and line breaks
ignored) in the paper's source text, for each source_text that does not exist, and for each paper over
the quotation budget (coverage.py), with every paper's figures."""
from __future__ import annotations

import pathlib

from .coverage import Coverage, measure
from .problems import Problem, describe_value, field_path


def squeeze(text: str) -> str:
    return "".join(text.split())


def quotes_of(paper: dict, path: tuple = ()):
    """(path, quote) for every quote field anywhere in a paper."""
    if isinstance(paper, dict):
        for key, value in paper.items():
            if key == "quote" and isinstance(value, str):
                yield path + (key,), value
            else:
                yield from quotes_of(value, path + (key,))
    elif isinstance(paper, list):
        for index, value in enumerate(paper):
            yield from quotes_of(value, path + (index,))


def evidence_entries(paper: object):
    """(path of the entry, its anchor <item id>-q<N>, the entry) for every evidence entry of every item
    with an id, in document order; the anchor is the id the paper page gives the entry. Items are the
    paper's lists and the lists inside an item (a case's figures): the walk goes no deeper, so it costs
    what the items cost, not what the whole paper does."""
    if not isinstance(paper, dict):
        return
    for key, items in paper.items():
        if isinstance(items, list):
            yield from _item_entries(items, (key,), nested=True)


def _item_entries(items: list, path: tuple, nested: bool):
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        evidence, item_id = item.get("evidence"), item.get("id")
        if isinstance(evidence, list) and isinstance(item_id, str):
            for number, entry in enumerate(evidence):
                if isinstance(entry, dict):
                    yield path + (index, "evidence", number), f"{item_id}-q{number + 1}", entry
        if nested:
            for key, value in item.items():
                if key != "evidence" and isinstance(value, list):
                    yield from _item_entries(value, path + (index, key), nested=False)


def check_quotes(papers: dict[str, object], sources_dir: pathlib.Path,
                 figures: dict[str, Coverage] | None = None) -> tuple[list[Problem], int]:
    """Returns the problems and the number of quotes checked; figures, if given, receives each paper's
    Coverage (path → figures)."""
    problems: list[Problem] = []
    figures = {} if figures is None else figures
    checked = 0
    cache: dict[str, str] = {}
    for rel, paper in papers.items():
        if not isinstance(paper, dict):
            continue
        name = paper.get("source_text")
        source_path = sources_dir / str(name)
        if not isinstance(name, str) or not source_path.is_file():
            problems.append(Problem(rel, "source_text",
                                    f"expected a file in {sources_dir}, got {describe_value(name)}"))
            continue
        if name not in cache:
            cache[name] = squeeze(source_path.read_text(encoding="utf-8"))
        source = cache[name]
        for path, quote in quotes_of(paper):
            checked += 1
            if squeeze(quote) not in source:
                problems.append(Problem(rel, field_path(path),
                                        f"expected a verbatim passage of {name}, got {describe_value(quote)}"))
        figures[rel] = measure(paper, source)
        problems += [Problem(rel, field, message) for field, message in figures[rel].over()]
    return problems, checked
