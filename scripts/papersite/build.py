"""The whole generator, without MkDocs. In: the project root. Out: generated Markdown and data files
under docs/ (written only when changed), or a ContentError carrying every problem, in which case
nothing is written.

load → validate → enrich → render → write; the MkDocs hook and the command line both call generate()."""
from __future__ import annotations

import dataclasses
import functools
import os
import pathlib

from .compare_pages import compare_outputs
from .pair import pair_outputs
from . import citations, parallel
from .enrich import LANGS, enrich
from .glossary_links import glossary_names, link_first_mentions
from .load import gc_paused, load_content
from .problems import ContentError
from .render import (SUFFIX, compile_templates, render_glossary, render_paper_page, render_papers_index,
                     render_template_page)
from .siteinfo import default_site_url, site_info
from .schema import load_schema
from .validate import validate
from .write import WriteReport, write_outputs

# Folders under docs/ that belong to the generator: anything in them that it did not write is removed.
GENERATED_DIRS = ("papers", "glossary", "compare", "data", "cite", "changelog", "reading-lists")


def paper_pages(corpus, papers=None) -> dict[str, str]:
    """papers/<slug>(.en).md for every paper, or for `papers` (a part of corpus.papers) only. A paper's
    pages read that paper, the vocabularies, the site and the other papers' titles, and nothing else
    of other papers: incremental.page_keys is built on that (test_incremental.py edits each)."""
    # The first prose mention of each glossary term links to its entry (glossary_links.py).
    names = {lang: glossary_names(corpus.terms, lang) for lang in LANGS}
    return {f"papers/{paper['slug']}{SUFFIX[lang]}.md":
            link_first_mentions(render_paper_page(corpus, paper, lang), names[lang], "../../glossary/", lang)
            for paper in (corpus.papers if papers is None else papers) for lang in LANGS}


def index_pages(corpus) -> dict[str, str]:
    outputs = {}
    for lang in LANGS:
        outputs[f"papers/index{SUFFIX[lang]}.md"] = render_papers_index(corpus, lang)
        outputs[f"glossary/index{SUFFIX[lang]}.md"] = render_glossary(corpus, lang)
    return outputs


def reading_list_pages(corpus) -> dict[str, str]:
    """reading-lists/index(.en).md and reading-lists/<slug>(.en).md from content/reading-lists/."""
    level_labels = load_schema("reading-list")["properties"]["level"]["x-labels"]
    outputs = {}
    for lang in LANGS:
        outputs[f"reading-lists/index{SUFFIX[lang]}.md"] = render_template_page(
            "reading_lists_index.md.j2", corpus, lang, level_labels=level_labels)
        for rl in corpus.reading_lists:
            outputs[f"reading-lists/{rl['slug']}{SUFFIX[lang]}.md"] = render_template_page(
                "reading_list.md.j2", corpus, lang, rl=rl, level_labels=level_labels)
    return outputs


def changelog_pages(corpus) -> dict[str, str]:
    """changelog/index(.en).md: the site's versions from content/changelog.yaml."""
    return {f"changelog/index{SUFFIX[lang]}.md": render_template_page("changelog.md.j2", corpus, lang)
            for lang in LANGS}


def cite_files(corpus) -> dict[str, str]:
    """cite/<slug>.bib|.ris|.json|.<style>.txt: each citation format of each paper as a download."""
    return {f"cite/{name}": text for paper in corpus.papers
            for name, text in citations.cite_files(paper).items()}


# Each builder is a pure function corpus → {path under docs/: text or bytes}. A new kind of output
# is one more function here (and its folder in GENERATED_DIRS).
OUTPUT_BUILDERS = (paper_pages, index_pages, compare_outputs, pair_outputs, cite_files, changelog_pages,
                   reading_list_pages)


def render_all(corpus, workers: int | None = None, papers=None) -> dict[str, str | bytes]:
    """Every generated file, path relative to docs/ → content; with papers (a part of corpus.papers),
    the pages of those papers only, and every other file. Pure: the same for any number of
    worker processes (parallel.py), which share the paper pages between them in runs of papers."""
    papers = corpus.papers if papers is None else papers
    workers = parallel.workers_for(len(corpus.papers)) if workers is None else workers
    # Several runs per worker, so that one that drew the long comparison pages is not waited for.
    runs = parallel.chunks(papers, 4 * workers) if workers > 1 else [papers]
    parts = {builder: [functools.partial(builder, corpus)] for builder in OUTPUT_BUILDERS}
    parts[paper_pages] = [functools.partial(paper_pages, corpus, run) for run in runs]
    if workers > 1:
        # Each language's comparison pages apart; the downloads come with the last.
        parts[compare_outputs] = [functools.partial(compare_outputs, corpus, (lang,), lang == LANGS[-1])
                                  for lang in LANGS]
        compile_templates()  # once, before the fork, rather than in every worker
    longest_first = parts[compare_outputs] + [task for builder, tasks in parts.items()
                                              if builder is not compare_outputs for task in tasks]
    results = dict(zip(longest_first, parallel.run_tasks(longest_first, workers)))
    outputs: dict[str, str | bytes] = {}
    for builder in OUTPUT_BUILDERS:
        for task in parts[builder]:
            produced = results[task]
            clash = outputs.keys() & produced.keys()
            if clash:
                raise ValueError(f"{builder.__name__} writes files another builder writes: {sorted(clash)}")
            outputs.update(produced)
    return outputs


def load_corpus(root: pathlib.Path, site_url: str | None = None, environ: dict | None = None,
                workers: int | None = None, cache: dict | None = None):
    """The validated, enriched corpus. site_url and environ (SITE_URL, SOURCE_DATE_EPOCH) only set
    corpus.site; without them the URL is mkdocs.yml's default and the date the current version's.
    workers: processes that parse the papers (None: as many as parallel.workers_for gives).
    cache: a dict a long-running caller keeps between calls, so that unchanged files are neither
    parsed (load.load_content) nor checked against the schema (validate.validate) again."""
    root = pathlib.Path(root)
    cache = {} if cache is None else cache
    raw = load_content(root / "content", root, workers, cache.setdefault("parsed", {}))
    problems = validate(raw, cache.setdefault("schema", {}))
    if problems:
        raise ContentError(problems)
    corpus = enrich(raw)
    corpus.site = site_info(corpus.changelog, site_url or default_site_url(root, environ), environ)
    return corpus


@dataclasses.dataclass
class GenerateResult:
    corpus: object
    report: WriteReport

    def __str__(self) -> str:
        return f"{len(self.corpus.papers)} paper(s): {self.report}"


def generate(root: pathlib.Path, site_url: str | None = None, workers: int | None = None) -> GenerateResult:
    """workers: 1 where the caller runs other threads (mkdocs serve), which a fork must not copy."""
    root = pathlib.Path(root)
    with gc_paused():  # see load.gc_paused: the collector only slowed this down
        corpus = load_corpus(root, site_url, dict(os.environ), workers)
        outputs = render_all(corpus, workers)
        return GenerateResult(corpus, write_outputs(root / "docs", outputs, GENERATED_DIRS))
