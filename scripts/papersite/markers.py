"""Expand markers in hand-written pages. In: a page's Markdown, the Corpus and the page language. Out:
the Markdown with each `<!-- papersite:NAME -->` replaced by the rendered block; an unknown NAME
raises, so a typo cannot silently publish an empty section."""
from __future__ import annotations

import re

from . import render

MARKER = re.compile(r"<!--\s*papersite:([a-z0-9-]+)\s*-->")


class UnknownMarker(ValueError):
    pass


def _renderers():
    return {
        "papers-at-a-glance": render.render_papers_at_a_glance,
        "schema-reference": render.render_schema_reference,
    }


def expand_markers(markdown: str, corpus, lang: str, page: str = "") -> str:
    renderers = _renderers()

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in renderers:
            raise UnknownMarker(f"{page}: marker papersite:{name}: expected one of "
                                f"{', '.join(sorted(renderers))}, got {name!r}")
        return renderers[name](corpus, lang)

    return MARKER.sub(replace, markdown)
