"""Check every evidence quote against its source text. In: loaded papers and the sources folder
(../shared/sources/). Out: a Problem for each quote not found verbatim (whitespace and line breaks
ignored) in the paper's source text, and for each source_text that does not exist."""
from __future__ import annotations

import pathlib

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


def check_quotes(papers: dict[str, object], sources_dir: pathlib.Path) -> tuple[list[Problem], int]:
    """Returns the problems and the number of quotes checked."""
    problems: list[Problem] = []
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
    return problems, checked
