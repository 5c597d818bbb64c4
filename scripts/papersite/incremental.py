"""What a build keeps between builds of one process, so that `mkdocs serve` does, after a save, the work
that changed and the page being edited first. In: the project root, once per MkDocs build. Out: the
files build.generate() writes under docs/ (the same files: tests/papersite/test_incremental.py), and a
Plan saying what MkDocs has to do with them.

Saving one paper's YAML under `mkdocs serve --dirty` (scripts/serve.sh) gives two builds:

- the quick build validates the whole corpus (a broken file still stops everything) and writes that
  paper's own pages only; MkDocs, dirty, converts the pages whose Markdown changed, and the browser
  shows the edit. It then asks for a follow-up (the hook touches a file the server watches).
- the follow-up writes everything else that changed (comparisons, glossary, lists, downloads), MkDocs
  converts those pages, and Pagefind indexes the site again.

Any other change (vocabularies, templates, a paper added or removed) is one full generation; a change
to what every built page shows (mkdocs.yml, the theme overrides, the changelog behind the footer)
also empties the built site, so that MkDocs converts every page again."""
from __future__ import annotations

import dataclasses
import os
import pathlib

from .build import GENERATED_DIRS, load_corpus, paper_pages, render_all
from .enrich import LANGS
from .load import gc_paused
from .render import SUFFIX
from .write import WriteReport, write_outputs


@dataclasses.dataclass
class Plan:
    kind: str                   # "none" (nothing changed), "quick" (one paper's pages) or "full"
    report: WriteReport | None = None
    clean_site: bool = False    # the built pages may all be out of date: MkDocs must convert them all


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """Size and modification time of every file a build reads, in three parts."""
    papers: tuple      # content/papers/
    generator: tuple   # the rest of content/, the generator's code and templates, site URL, environment
    site: tuple        # what every built page shows: mkdocs.yml, theme overrides, the changelog


def _stats(paths) -> tuple:
    files = sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts)
    return tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def fingerprint(root: pathlib.Path, site_url: str | None) -> Fingerprint:
    content = root / "content"
    papers = content / "papers"
    others = [p for p in content.rglob("*") if papers not in p.parents]
    site = [root / "mkdocs.yml", content / "changelog.yaml", *(root / "docs" / "overrides").rglob("*")]
    return Fingerprint(
        papers=_stats(papers.glob("*")),
        generator=(_stats(others), _stats((root / "scripts" / "papersite").rglob("*")), site_url,
                   os.environ.get("SITE_URL"), os.environ.get("SOURCE_DATE_EPOCH")),
        site=_stats(site))


def page_keys(corpus, papers, now: Fingerprint) -> dict[str, tuple]:
    """slug → what that paper's pages are made from (build.paper_pages says what they read): its own
    text, everything but the papers, and every paper's title."""
    titles = tuple((p["slug"], p["title"]["zh"], p["title"]["en"]) for p in corpus.papers)
    return {p["slug"]: (corpus.raw_texts[p["slug"]], now.generator, titles) for p in papers}


def page_paths(paper: dict) -> list[str]:
    return [f"papers/{paper['slug']}{SUFFIX[lang]}.md" for lang in LANGS]


class Session:
    """quick_builds: MkDocs converts only the pages whose Markdown changed (`mkdocs serve --dirty`),
    so writing one paper's pages first is worth a second build. workers: as for build.generate()
    (1 where the caller runs other threads)."""

    def __init__(self, root: pathlib.Path, quick_builds: bool = False, workers: int | None = None):
        self.root = pathlib.Path(root)
        self.quick_builds = quick_builds
        self.workers = workers
        self.cache: dict = {}           # build.load_corpus's: files are parsed and checked again only when changed
        self.fingerprint: Fingerprint | None = None
        self.corpus = None
        self.page_keys: dict[str, tuple] = {}  # slug → page_keys() of its pages in docs/ (first: the paper's text)
        self.pending = False            # a quick build wrote one paper's pages; the rest is still to write
        self.finished = False           # a build ended since the quick one (set by finish())
        self.follow_up_file: pathlib.Path | None = None  # touched to ask `mkdocs serve` for the follow-up

    def build(self, site_url: str | None) -> Plan:
        """Bring docs/ up to date. Raises problems.ContentError (writing nothing) on content problems."""
        now = fingerprint(self.root, site_url)
        if now == self.fingerprint:
            if self.pending and self.finished:
                return self._write_all(clean_site=False)  # the follow-up of a quick build
            return Plan("none")
        before = self.fingerprint
        with gc_paused():  # see load.gc_paused
            corpus = load_corpus(self.root, site_url, dict(os.environ), self.workers, self.cache)
        self.corpus, self.fingerprint = corpus, now
        if self.quick_builds and before is not None and now.generator == before.generator \
                and now.site == before.site and corpus.raw_texts.keys() == self.page_keys.keys():
            changed = [p for p in corpus.papers if corpus.raw_texts[p["slug"]] != self.page_keys[p["slug"]][0]]
            if not changed:
                return Plan("none")
            with gc_paused():
                report = write_outputs(self.root / "docs", paper_pages(corpus, changed), ())
            self.page_keys.update(page_keys(corpus, changed, now))
            self.pending, self.finished = True, False
            return Plan("quick", report)
        return self._write_all(clean_site=before is not None and now.site != before.site)

    def _write_all(self, clean_site: bool) -> Plan:
        corpus, docs = self.corpus, self.root / "docs"
        keys = page_keys(corpus, corpus.papers, self.fingerprint)
        # A paper's pages made from the same inputs are in docs/ already: not rendered again.
        current = {p["slug"] for p in corpus.papers if self.page_keys.get(p["slug"]) == keys[p["slug"]]
                   and all((docs / path).is_file() for path in page_paths(p))}
        fresh = [p for p in corpus.papers if p["slug"] not in current]
        with gc_paused():
            outputs = render_all(corpus, self.workers, fresh)
            report = write_outputs(docs, outputs, GENERATED_DIRS,
                                   frozenset(path for p in corpus.papers if p["slug"] in current
                                             for path in page_paths(p)))
        self.page_keys = keys
        self.pending = False
        return Plan("full", report, clean_site)

    def finish(self) -> None:
        """A whole MkDocs build (both languages) has ended."""
        self.finished = True


_sessions: dict[pathlib.Path, Session] = {}


def session(root: pathlib.Path, **options) -> Session:
    """The process's Session for root: made with options on the first call (on_startup), reused after;
    the MkDocs hook module is loaded afresh with each configuration, this module is not."""
    root = pathlib.Path(root).resolve()
    if options or root not in _sessions:
        _sessions[root] = Session(root, **options)
    return _sessions[root]
