"""Command line. In: a command and the project's folders. Out: printed problems or figures, generated
files under docs/, and an exit status (0 success, 1 content problems, 2 usage).

Commands: validate, check-quotes, generate."""
from __future__ import annotations

import argparse
import pathlib
import sys

from .load import gc_paused, load_content
from .problems import Problem
from .quotes import check_quotes
from .validate import validate

PROJECT_ROOT = pathlib.Path(__file__).resolve().parents[2]


def _print_problems(problems: list[Problem], what: str) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) {what}.", file=sys.stderr)
        return 1
    return 0


def cmd_validate(args) -> int:
    with gc_paused():  # see load.gc_paused
        raw = load_content(args.content, args.root)
        problems = validate(raw)
    status = _print_problems(problems, "found; nothing was built")
    if not status:
        print(f"ok: {len(raw.papers)} paper(s) and {len(raw.vocabularies)} vocabularies are valid.")
    return status


def cmd_check_quotes(args) -> int:
    sources = pathlib.Path(args.sources)
    if not sources.is_dir():
        print(f"error: the sources folder {sources} does not exist", file=sys.stderr)
        return 2
    raw = load_content(args.content, args.root)
    figures = {}
    problems, checked = check_quotes(raw.papers, sources, figures)
    for rel, coverage in figures.items():
        print(f"{rel}: {coverage.line()}")
    status = _print_problems(problems, f"in {checked} quote(s) of {len(figures)} paper(s)")
    if not status:
        print(f"ok: all {checked} quotes were found verbatim in their sources, and every paper is within "
              f"the quotation budget.")
    return status


def cmd_generate(args) -> int:
    from .build import generate  # imported late: validation-only runs need no Jinja2
    try:
        report = generate(args.root)
    except Exception as error:  # ContentError carries every problem
        problems = getattr(error, "problems", None)
        if problems is None:
            raise
        return _print_problems(problems, "found; nothing was written")
    print(report)
    return 0


def cmd_public_urls(args) -> int:
    from .publicurls import public_urls
    site = pathlib.Path(args.site)
    if not (site / "index.html").is_file():
        print(f"error: {site} is not a built site (build with mkdocs build --site-dir first)", file=sys.stderr)
        return 2
    for line in public_urls(site):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cli.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, default=PROJECT_ROOT, help="project root")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check content/ against the schema and every cross-reference")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("check-quotes", help="find every evidence quote in ../shared/sources/ and measure the quotation budget")
    p.add_argument("--sources", default=None, help="folder of source texts (default ../shared/sources)")
    p.set_defaults(func=cmd_check_quotes)
    p = sub.add_parser("generate", help="validate, then write the generated Markdown and data under docs/")
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("public-urls", help="list every public URL and anchor of a built site (for tests/public-urls.txt)")
    p.add_argument("--site", required=True, help="a built site folder")
    p.set_defaults(func=cmd_public_urls)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    args.content = args.root / "content"
    if getattr(args, "sources", "unset") is None:
        args.sources = args.root.parent / "shared" / "sources"
    return args.func(args)
