"""Printed identifiers read as cataloguers read them. In: strings as printed (an ISSN, a CAJ-CD article
number 文章编号, a page list). Out: whether an ISSN's check digit holds, the fields an article number
encodes, the first page and the page count of a page list; None where the text is not of that form.

Why: a source may print its year, issue and pages only in coded form. The article number of the
CAJ-CD standard (《中国学术期刊（光盘版）检索与评价数据规范》) is ISSN(year)issue-first page-page
count, e.g. 2095-3283(2026)03-0006-04; data read from it are recorded as supplied, and the validator
uses this module to refuse a supplied value the printed number contradicts. A DOI suffix, by contrast,
is opaque by design (ISO 26324): nothing is decoded from it."""
from __future__ import annotations

import dataclasses
import re

ISSN = re.compile(r"([0-9]{4})-([0-9]{3})([0-9X])")
ARTICLE_NUMBER = re.compile(r"([0-9]{4}-[0-9]{3}[0-9X])\(([0-9]{4})\)([0-9]{2})-([0-9]{4})-([0-9]{2})")
PAGE_RANGE = re.compile(r"([0-9]+)(?:-([0-9]+))?")


def issn_check_digit(first_seven: str) -> str:
    """ISO 3297: weights 8 to 2 over the first seven digits; 11 minus the sum modulo 11 (10 is X)."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, range(8, 1, -1))) % 11
    check = (11 - remainder) % 11
    return "X" if check == 10 else str(check)


def issn_is_valid(issn: str) -> bool:
    match = ISSN.fullmatch(issn)
    return bool(match) and issn_check_digit(match[1] + match[2]) == match[3]


@dataclasses.dataclass(frozen=True)
class ArticleNumber:
    issn: str
    year: int
    issue: int
    first_page: int
    page_count: int


def decode_article_number(text: str) -> ArticleNumber | None:
    """2095-3283(2026)03-0006-04 → ISSN 2095-3283, 2026, issue 3, first page 6, 4 pages; None if the
    text is not of that form (the check digit is not tested here: see issn_is_valid)."""
    match = ARTICLE_NUMBER.fullmatch(text)
    if not match:
        return None
    return ArticleNumber(match[1], int(match[2]), int(match[3]), int(match[4]), int(match[5]))


def page_ranges(pages: str) -> list[tuple[int, int]] | None:
    """'6-8, 14' → [(6, 8), (14, 14)]; None unless every part is an arabic page or range."""
    out = []
    for part in pages.split(","):
        match = PAGE_RANGE.fullmatch(part.strip())
        if not match:
            return None
        first = int(match[1])
        out.append((first, int(match[2]) if match[2] else first))
    return out


def first_page(pages: str) -> str:
    """The first page of a page list as printed: '6-8, 14' → '6', 'A3-A5' → 'A3'."""
    return re.split(r"[-,]", pages, maxsplit=1)[0].strip()


def page_count(pages: str) -> int | None:
    """How many pages a list of arabic pages covers: '6-8, 14' → 4; None for other forms."""
    ranges = page_ranges(pages)
    return None if ranges is None else sum(last - first + 1 for first, last in ranges)
