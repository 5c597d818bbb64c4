"""The whole generator, without MkDocs. In: the project root. Out: generated Markdown and data files
under docs/ (written only when changed), or a ContentError carrying every problem, in which case
nothing is written.

load → validate → enrich → render → write; the MkDocs hook and the command line both call generate()."""
from __future__ import annotations

import dataclasses
import pathlib

from .enrich import LANGS, enrich
from .load import load_content
from .problems import ContentError
from .render import SUFFIX, render_glossary, render_paper_page, render_papers_index
from .validate import validate
from .write import WriteReport, write_outputs

# Folders under docs/ that belong to the generator: anything in them that it did not write is removed.
GENERATED_DIRS = ("papers", "glossary")


def paper_pages(corpus) -> dict[str, str]:
    return {f"papers/{paper['slug']}{SUFFIX[lang]}.md": render_paper_page(corpus, paper, lang)
            for lang in LANGS for paper in corpus.papers}


def index_pages(corpus) -> dict[str, str]:
    outputs = {}
    for lang in LANGS:
        outputs[f"papers/index{SUFFIX[lang]}.md"] = render_papers_index(corpus, lang)
        outputs[f"glossary/index{SUFFIX[lang]}.md"] = render_glossary(corpus, lang)
    return outputs


# Each builder is a pure function corpus → {path under docs/: text or bytes}. A new kind of output
# is one more function here (and its folder in GENERATED_DIRS).
OUTPUT_BUILDERS = (paper_pages, index_pages)


def render_all(corpus) -> dict[str, str | bytes]:
    """Every generated file, path relative to docs/ → content. Pure."""
    outputs: dict[str, str | bytes] = {}
    for builder in OUTPUT_BUILDERS:
        produced = builder(corpus)
        clash = outputs.keys() & produced.keys()
        if clash:
            raise ValueError(f"{builder.__name__} writes files another builder writes: {sorted(clash)}")
        outputs.update(produced)
    return outputs


def load_corpus(root: pathlib.Path):
    raw = load_content(root / "content", root)
    problems = validate(raw)
    if problems:
        raise ContentError(problems)
    return enrich(raw)


@dataclasses.dataclass
class GenerateResult:
    corpus: object
    report: WriteReport

    def __str__(self) -> str:
        return f"{len(self.corpus.papers)} paper(s): {self.report}"


def generate(root: pathlib.Path) -> GenerateResult:
    root = pathlib.Path(root)
    corpus = load_corpus(root)
    outputs = render_all(corpus)
    return GenerateResult(corpus, write_outputs(root / "docs", outputs, GENERATED_DIRS))
