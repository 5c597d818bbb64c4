"""Comparison tables that stay a page, however many papers there are. In: a table as compare.py builds
it (every row, one column per paper in the matrices) and where its page is. Out: the table the page
shows, and the files the browser fetches for the rest. Pure.

- A matrix with more paper columns than fit a screen turns round: papers become rows, and each cell
  counts the paper's items on the theme (linked to that part of the paper's page). Rows grow with the
  corpus where columns could not; the CSV download keeps the full matrix.
- A table with more rows than a page holds shows the first ROWS (and no more than ROW_BYTES of them); all
  rows, rendered as the page renders them, go to data/<lang>/<key>.rows.json, which assets/tables.js fetches when the reader sorts,
  filters, asks for every row or follows a link to a row that is not on the page.

At five papers nothing changes: the tables are as they were."""
from __future__ import annotations

import json
import os

from .compare import cell, column
from .render import Safe, escape, table_cell

PAPER_COLUMNS = 12   # paper columns a matrix keeps before it turns round
ROWS = int(os.environ.get("PAPERSITE_TABLE_ROWS", "100"))  # rows a page shows (tests set fewer)
ROW_BYTES = 300_000  # and at most this much of them: a ledger row with many figures is large


def _is_paper_column(col: dict) -> bool:
    return col["key"].startswith("paper-")


def transposed(t: dict, paper_label: str, section: str) -> dict:
    """Papers as rows, the table's rows (themes, actors) as count columns."""
    papers = [(i, col) for i, col in enumerate(t["columns"]) if _is_paper_column(col)]
    columns = [column("paper", paper_label)]
    for row in t["rows"]:
        head = row["cells"][0]
        columns.append(column(row["id"], head["text"], "number", title=head["title"], href=head["href"]))
    rows = []
    for index, col in papers:
        cells = [cell(col["title"] or col["label"], href=col["href"], csv_text=col["csv_label"])]
        for row in t["rows"]:
            count = len(row["cells"][index]["entries"])
            cells.append(cell(str(count), sort=str(count), href=Safe(f"{col['href']}#{section}"))
                         if count else cell("–", sort="0", state="absent", csv_text="0"))
        rows.append({"id": col["key"], "cells": cells})
    return {**t, "columns": columns, "rows": rows, "foot": []}


def row_html(row: dict) -> str:
    """A row as the page's table macro writes it (templates/compare_macros.j2)."""
    css = f' class="{escape(row["class"])}"' if row.get("class") else ""
    return f'<tr id="{escape(row["id"])}"{css}>' + "".join(table_cell(c) for c in row["cells"]) + "</tr>"


def fit(t: dict, lang: str, depth: int, paper_label: str, section: str) -> tuple[dict, dict[str, str]]:
    """(the table for the page, {path under docs/: text} of the rows it leaves out). depth: folders from
    the page's URL to the site root (the data is published once, at the root); section: the part of a
    paper's page a count links to."""
    if sum(1 for col in t["columns"] if _is_paper_column(col)) > PAPER_COLUMNS:
        t = transposed(t, paper_label, section)
    if len(t["rows"]) <= min(ROWS, 20):
        return t, {}  # a short table: nothing to measure
    html = [row_html(row) for row in t["rows"]]
    shown, size = 0, 0
    while shown < min(ROWS, len(html)) and (shown == 0 or size + len(html[shown]) <= ROW_BYTES):
        size += len(html[shown])
        shown += 1
    if shown == len(html):
        return t, {}
    path = f"data/{lang}/{t['key']}.rows.json"
    rows = json.dumps({"total": len(html), "rows": html}, ensure_ascii=False, separators=(",", ":")) + "\n"
    page = {**t, "rows": t["rows"][:shown], "more": {"src": "../" * depth + path, "total": len(html)}}
    return page, {path: rows}
