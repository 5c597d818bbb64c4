"""The site's search index. In: a built site folder. Out: Pagefind's chunked index in <site>/pagefind/, which
docs/assets/search.js queries in the browser.

Pagefind (the extended build, pinned in package.json as @pagefind/linux-x64 and installed by `npm ci`)
indexes the text inside data-pagefind-body on each page, one index per <html lang>. Version 1.6 splits
Chinese into words the same way when indexing and in the browser, so a query finds every page with the
word; the 1.5 builds on PyPI do not, which is why the binary comes from npm."""
from __future__ import annotations

import os
import pathlib
import subprocess

PAGEFIND_PACKAGE = "@pagefind/linux-x64"
PAGEFIND_VERSION = "1.6.0"
# The ¶ links beside headings and items: anchors for citing, not text; they would end every excerpt.
NOT_TEXT_SELECTORS = ".headerlink, .item-link"


class SearchIndexError(Exception):
    """The index could not be built; the message says why and what to do."""


def pagefind_binary(root: pathlib.Path) -> pathlib.Path:
    """The pinned Pagefind binary under the project's node_modules (PAGEFIND_BINARY overrides it)."""
    override = os.environ.get("PAGEFIND_BINARY")
    binary = pathlib.Path(override) if override else root / "node_modules" / PAGEFIND_PACKAGE / "bin" / "pagefind_extended"
    if not binary.is_file():
        raise SearchIndexError(
            f"{binary}: expected the Pagefind {PAGEFIND_VERSION} binary, got no such file; "
            f"run `npm ci` in {root} (needs Node.js on Linux x64) or set PAGEFIND_BINARY")
    return binary


def build_search_index(site: pathlib.Path, root: pathlib.Path) -> str:
    """Index the built site in place and return Pagefind's report; raise SearchIndexError on failure."""
    binary = pagefind_binary(root)
    result = subprocess.run([str(binary), "--site", str(site), "--output-subdir", "pagefind",
                             "--exclude-selectors", NOT_TEXT_SELECTORS],
                            cwd=root, capture_output=True, text=True, check=False)
    report = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed (exit {result.returncode}):\n{report}")
    if "Indexed 0 pages" in report or "Did not find a data-pagefind-body" in report:
        # Without data-pagefind-body Pagefind would index the navigation of every page as content.
        raise SearchIndexError(f"pagefind found no page marked data-pagefind-body:\n{report}")
    return report
