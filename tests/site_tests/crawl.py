"""Crawl a served site: every internal link, asset and #anchor, from the home pages outwards."""
from __future__ import annotations

import html.parser
import urllib.error
import urllib.parse
import urllib.request


class _PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append(attrs[key])


def crawl(base: str, starts: list[str]) -> tuple[list[str], int]:
    """Returns (broken links as 'page -> target: reason', number of URLs fetched)."""
    pages: dict[str, tuple[set[str], list[str]] | None] = {}
    broken: list[str] = []
    anchors_to_check: list[tuple[str, str, str]] = []
    queue = [urllib.parse.urljoin(base, s) for s in starts]
    fetched = 0
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
            fetched += 1
        except urllib.error.HTTPError as error:
            pages[url] = None
            broken.append(f"{url}: HTTP {error.code}")
            continue
        if kind != "text/html":
            pages[url] = (set(), [])
            continue
        parser = _PageParser()
        parser.feed(body.decode("utf-8"))
        pages[url] = (parser.ids, parser.links)
        for link in parser.links:
            target = urllib.parse.urljoin(url, link)
            parsed = urllib.parse.urlsplit(target)
            if parsed.scheme not in ("http", "https") or not target.startswith(base):
                continue
            page_url = urllib.parse.urlunsplit(parsed._replace(fragment=""))
            if parsed.fragment:
                anchors_to_check.append((url, page_url, urllib.parse.unquote(parsed.fragment)))
            if page_url not in pages:
                queue.append(page_url)
    for source, page_url, fragment in anchors_to_check:
        page = pages.get(page_url)
        if page is None:
            broken.append(f"{source} -> {page_url}#{fragment}: page missing")
        elif fragment not in page[0]:
            broken.append(f"{source} -> {page_url}#{fragment}: no such anchor")
    return sorted(set(broken)), fetched


def external_links(base: str, page_html: str) -> list[str]:
    parser = _PageParser()
    parser.feed(page_html)
    return [link for link in parser.links if link.startswith(("http:", "https:", "//"))]
