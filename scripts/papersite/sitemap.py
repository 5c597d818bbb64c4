"""Sitemap for a non-default language. In: the root sitemap.xml that mkdocs-static-i18n writes (pages
with xhtml:link alternates) and the site URL. Out: a sitemap listing only the English pages."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape


def english_sitemap(root_sitemap: str, site_url: str) -> str:
    prefix = site_url.rstrip("/") + "/en/"
    urls = sorted({url for url in re.findall(r'href="([^"]+)"', root_sitemap) if url.startswith(prefix)})
    body = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")
