"""Public URLs and anchors of a built site, and the redirect pages that keep old ones alive.
In: a built site folder (for the list) or the redirects data (for the pages). Out: sorted lines
`path` and `path#anchor` (paths relative to the site root, as readers link them), and
{site path: HTML text} for each redirect page in both languages.

tests/public-urls.txt is this list, committed; tests/site_tests/test_public_urls.py fails when a
listed URL or anchor disappears without a redirect. Regenerate it after an intended addition:
    .venv/bin/python scripts/cli.py public-urls --site <built site> > tests/public-urls.txt"""
from __future__ import annotations

import html
import json
import pathlib
import re

_ID = re.compile(r'\sid="([^"]+)"')
_ROWS_SRC = re.compile(r'\sdata-rows-src="([^"]+)"')
# Material's own ids (drawer, search, tabs, skip links) are not content anchors.
_INTERNAL = re.compile(r"^(__|_|md-|search|toc$)")
SKIP_FILES = ("404.html",)


def page_path(site: pathlib.Path, html_file: pathlib.Path) -> str:
    rel = html_file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def public_urls(site: pathlib.Path) -> list[str]:
    site = pathlib.Path(site)
    lines: set[str] = set()
    for html_file in sorted(site.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8", errors="replace")
        if html_file.name in SKIP_FILES or 'http-equiv="refresh"' in text:
            continue
        path = page_path(site, html_file)
        lines.add(path)
        # Up to the last </article>: the page's article holds articles of its own (the paper cards).
        content = text.split('<article', 1)[-1].rsplit("</article>", 1)[0]
        lines.update(f"{path}#{anchor}" for anchor in _ID.findall(content) if not _INTERNAL.match(anchor))
        # A table too long for its page holds the rest of its rows in a file that assets/tables.js
        # fetches when a link names one of them: those rows' anchors resolve too.
        for src in _ROWS_SRC.findall(content):
            rows = (html_file.parent / html.unescape(src)).resolve()
            if rows.is_file():
                for row in json.loads(rows.read_text(encoding="utf-8"))["rows"]:
                    lines.update(f"{path}#{anchor}" for anchor in _ID.findall(row) if not _INTERNAL.match(anchor))
    return sorted(lines)


def anchors_of(text: str) -> set[str]:
    return set(_ID.findall(text))


def redirect_page(target: str, canonical: str) -> str:
    """A small page that sends readers on: meta refresh, canonical link, and a visible link."""
    target_attr, canonical_attr = html.escape(target, quote=True), html.escape(canonical, quote=True)
    return ("<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{target_attr}</title>\n"
            f"<link rel=\"canonical\" href=\"{canonical_attr}\">\n"
            "<meta name=\"robots\" content=\"noindex\">\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={target_attr}\">\n"
            "</head>\n<body>\n"
            f"<p>本页已移至 / This page has moved to <a href=\"{target_attr}\">{target_attr}</a></p>\n"
            "</body>\n</html>\n")


def redirect_pages(redirects: list[dict], site_url: str) -> dict[str, str]:
    """{site path of the old page's index.html: HTML} for every redirect, in both languages. The
    target link is relative (works under any sub-path); canonical is absolute."""
    pages = {}
    for entry in redirects:
        old, new = entry["old"], entry["new"]
        depth = old.count("/")
        for prefix in ("", "en/"):
            relative = "../" * depth + new
            pages[f"{prefix}{old}index.html"] = redirect_page(relative, site_url + prefix + new)
    return pages
