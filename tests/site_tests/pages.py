"""Which pages of a built site to check page by page. In: the site folder. Out: for each kind of page
and language, paths relative to the site root ("" for the home page, "papers/<slug>/", "404.html").

A kind is the first folder and the depth: papers/ and papers/<slug>/ are two kinds, compare/<theme>/
is one. Discovered from the built HTML, so a new kind of page (a reading list, a comparison) is
checked as soon as it exists. Pages of one kind may still differ (each comparison page lists other
fields), so up to `per_kind` of each are taken, largest first: a large corpus adds no more checks."""
from __future__ import annotations

import pathlib

LANGS = ("zh", "en")  # Chinese at the root, English under en/


def _split(rel: pathlib.PurePosixPath) -> tuple[str, tuple[str, ...]]:
    parts = rel.parts
    if parts[0] == "en":
        return "en", parts[1:]
    return "zh", parts


def page_kinds(site: pathlib.Path, per_kind: int = 1) -> dict[tuple[str, str], list[str]]:
    """{(lang, kind): [path, …]} with kind like "home", "404.html", "papers/", "papers/*/"."""
    found: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for file in sorted(site.rglob("*.html")):
        rel = pathlib.PurePosixPath(file.relative_to(site).as_posix())
        lang, parts = _split(rel)
        if parts[-1] == "index.html":
            folders = parts[:-1]
            kind = "home" if not folders else folders[0] + "/" + "*/" * (len(folders) - 1)
            url = "/".join(rel.parts[:-1]) + "/" if len(rel.parts) > 1 else ""
        elif len(parts) == 1:  # a page that is a file at a language root, e.g. 404.html
            kind, url = parts[0], rel.as_posix()
        else:
            continue  # a stray HTML file inside a folder is not a page of its own (none today)
        found.setdefault((lang, kind), []).append((-file.stat().st_size, url))
    return {key: [url for size, url in sorted(pages)[:per_kind]] for key, pages in sorted(found.items())}


def pages_to_check(site: pathlib.Path, per_kind: int) -> list[str]:
    return [url for urls in page_kinds(site, per_kind).values() for url in urls]
