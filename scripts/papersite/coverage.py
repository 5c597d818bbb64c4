"""The quotation budget: how much of its source a paper's summary reproduces. In: a paper as loaded and
its source text. Out: a Coverage (the shares its quotes, its own prose and both together reproduce,
and the most reproduced stretch) and the Problems of a paper over a limit.

Why: each quote can be short and still, all together, rebuild most of an article. Quoting to support
a summary stays a small part of the work quoted (the old Chinese rule for 适当引用 allowed a tenth; the
STM permissions guidelines allow 400 words of one article). The measure is the one of
../shared/tools/source_coverage.py, figure for figure (a test holds the two together): characters are
counted with whitespace removed; a quote covers the first place it stands in the source; our prose
covers every run of RUN or more source characters it repeats verbatim; bibliographic fields (title,
authors, venue, keywords, references, section and document titles) and English are not counted."""
from __future__ import annotations

import dataclasses

RUN = 12               # characters: a run this long in our prose counts as copied
LIMIT_QUOTES = 0.15    # share of a source's characters that the quotes may cover
LIMIT_TOTAL = 0.20     # quotes and prose together
WINDOW = 200           # characters: a stretch of the source the size of a paragraph
LIMIT_WINDOW = 0.50    # share of any one such stretch
# Top-level fields that are bibliographic data, not quotation; below the top, titles and English.
BIBLIOGRAPHIC = frozenset({"slug", "source_text", "kind", "title", "authors", "venue", "year", "volume",
                           "issue", "pages", "doi", "issn", "clc", "keywords", "references", "en",
                           "en_source"})
NESTED_SKIPPED = frozenset({"en", "en_source", "title"})


@dataclasses.dataclass(frozen=True)
class Coverage:
    chars: int            # the source's characters, whitespace removed
    quotes: float         # shares of those characters
    prose: float
    total: float
    stretch: float        # the largest share of any WINDOW characters
    stretch_at: str       # the first 16 characters of that stretch, to find it

    def over(self) -> list[tuple[str, str]]:
        """(measure, "expected …, got …") for each limit it is over (empty when within the budget)."""
        out = []
        if self.quotes > LIMIT_QUOTES:
            out.append(("quotes", f"expected at most {LIMIT_QUOTES:.0%} of the source's {self.chars} characters, "
                       f"got {self.quotes:.0%}"))
        if self.total > LIMIT_TOTAL:
            out.append(("quotes and prose", f"expected at most {LIMIT_TOTAL:.0%} together (prose in verbatim runs "
                       f"of {RUN} or more characters), got {self.total:.0%}"))
        if self.stretch > LIMIT_WINDOW:
            out.append(("stretch", f"expected no {WINDOW} characters of the source more than {LIMIT_WINDOW:.0%} "
                       f"reproduced, got {self.stretch:.0%} at {self.stretch_at}…"))
        return out

    def line(self) -> str:
        return (f"quotes {self.quotes:.0%} (limit {LIMIT_QUOTES:.0%}), prose {self.prose:.0%}, together "
                f"{self.total:.0%} (limit {LIMIT_TOTAL:.0%}), worst {WINDOW} characters {self.stretch:.0%} "
                f"(limit {LIMIT_WINDOW:.0%}, at {self.stretch_at}…) of {self.chars} characters")


def squeeze(text: str) -> str:
    return "".join(text.split())


def counted_strings(node: object, key: object = None, top: bool = True, out: list | None = None) -> list:
    """(key, text) of every string that counts: all but the bibliographic fields and English."""
    out = [] if out is None else out
    if isinstance(node, dict):
        for k, v in node.items():
            if (k in BIBLIOGRAPHIC) if top else (k in NESTED_SKIPPED):
                continue
            counted_strings(v, k, False, out)
    elif isinstance(node, list):
        for v in node:
            counted_strings(v, key, False, out)
    elif isinstance(node, str):
        out.append((key, node))
    return out


def measure(paper: dict, source: str) -> Coverage:
    s = squeeze(source)
    quoted = bytearray(len(s))
    prose = bytearray(len(s))
    texts = counted_strings(paper)
    shingles: set[str] = set()
    for key, text in texts:
        t = squeeze(text)
        if key == "quote":
            at = s.find(t)
            if at >= 0:
                quoted[at:at + len(t)] = b"\1" * len(t)
        else:
            shingles.update(t[i:i + RUN] for i in range(len(t) - RUN + 1))
    for i in range(len(s) - RUN + 1):
        if s[i:i + RUN] in shingles:
            prose[i:i + RUN] = b"\1" * RUN
    both = bytes(a | b for a, b in zip(quoted, prose))
    # A sliding window: the count of reproduced characters in s[start:start + WINDOW].
    worst, worst_at, covered = 0.0, "", sum(both[:WINDOW])
    for start in range(0, max(1, len(s) - WINDOW + 1)):
        if start:
            covered += both[start + WINDOW - 1] - both[start - 1]
        if covered / WINDOW > worst:
            worst, worst_at = covered / WINDOW, s[start:start + 16]
    n = max(1, len(s))
    return Coverage(len(s), sum(quoted) / n, sum(prose) / n, sum(both) / n, worst, worst_at)
