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


def render_all(corpus) -> dict[str, str]:
    """Every generated file, path relative to docs/ → text. Pure."""
    outputs: dict[str, str] = {}
    for lang in LANGS:
        suffix = SUFFIX[lang]
        outputs[f"papers/index{suffix}.md"] = render_papers_index(corpus, lang)
        outputs[f"glossary/index{suffix}.md"] = render_glossary(corpus, lang)
        for paper in corpus.papers:
            outputs[f"papers/{paper['slug']}{suffix}.md"] = render_paper_page(corpus, paper, lang)
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
