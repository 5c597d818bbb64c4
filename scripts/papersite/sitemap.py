"""Sitemap for the English site. In: the folders of its pages (relative to en/) and the site URL. Out:
sitemap.xml text listing each page once, in a stable order."""
from __future__ import annotations

from xml.sax.saxutils import escape


def english_sitemap(page_folders: list[str], site_url: str) -> str:
    base = site_url.rstrip("/") + "/en/"
    urls = [base + ("" if folder == "." else folder + "/") for folder in sorted(set(page_folders))]
    body = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")
