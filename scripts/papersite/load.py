"""Load content/ from disk. In: the content folder. Out: a RawContent with every paper and vocabulary
as plain Python data, keyed by its path relative to the project root, plus a Problem for each file
that is not valid YAML (with line and column) or repeats a key. Nothing is interpreted here."""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import math
import pathlib
import re

import yaml

from . import parallel
from .problems import Problem

try:  # The C parser loads 2,000 summaries about 8 times faster than the pure-Python one.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader

VOCABULARY_NAMES = ("themes", "glossary", "indicators")
SITE_FILE_NAMES = ("changelog", "redirects")  # optional single files beside the vocabularies


@contextlib.contextmanager
def gc_paused():
    """Run a block with Python's cyclic garbage collector off (as it was afterwards). Loading and
    rendering a corpus create millions of objects that live until the end, and each time the heap
    grows by a quarter the collector walks all of them: at 500 papers it cost a third of loading and
    a sixth of rendering, more per paper the larger the corpus. The generator's data has no reference
    cycles, so there is nothing for it to free meanwhile (reference counting frees everything)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ContentYAMLError(yaml.MarkedYAMLError):
    """YAML that is well formed but not accepted as content; `expected` says what would be."""

    def __init__(self, expected: str, problem: str, mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.expected = expected


class ContentLoader(_BaseLoader):
    """Safe loader that refuses repeated keys (PyYAML would keep the last silently), keys that are
    lists or mappings, and numbers that are not finite (.nan, .inf), and keeps ISO dates as strings,
    because no content field is a date object."""


def _construct_mapping(loader: ContentLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    mapping: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise ContentYAMLError("keys that are plain text", "a key that is a list or mapping",
                                   key_node.start_mark)
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise ContentYAMLError("unique keys", f"key {key!r} repeated", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


def _construct_finite_float(loader: ContentLoader, node: yaml.ScalarNode) -> float:
    value = loader.construct_yaml_float(node)
    if not math.isfinite(value):
        raise ContentYAMLError("a finite number", f"{node.value!r}", node.start_mark)
    return value


ContentLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", ContentLoader.construct_yaml_str)
ContentLoader.add_constructor("tag:yaml.org,2002:float", _construct_finite_float)

MAX_DEPTH = 40  # levels of nesting; a paper needs about eight


def _check_tree(root: yaml.Node) -> None:
    """Refuse aliases and deep nesting before anything is built. An alias makes a node shared: a
    document of a few lines can then stand for billions of values (a "billion laughs"), which every
    later walk over the data would expand. Deep nesting would overflow the recursion of PyYAML's
    constructor. One pass over the composed nodes, with a stack, each node at most once."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            # The node is shared, so its mark is the anchor's: where the repeated value is written.
            raise ContentYAMLError("no anchors and aliases (&name, *name): write the value out",
                                   "a value that an alias repeats", node.start_mark)
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise ContentYAMLError(f"at most {MAX_DEPTH} levels of nesting", "more", node.start_mark)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)


# libyaml composes nested collections by recursion in C: "[[[[…" a hundred thousand deep overflows the
# C stack (a crash, not an exception) before _check_tree could refuse it. Only flow brackets and
# compact "- - -" sequences nest that deep cheaply, so the text is scanned for those first.
_BRACKETS = re.compile(r"[\[\]{}]")
# An alias (*name) where YAML allows one, or indentation deep enough for MAX_DEPTH levels of blocks.
_MAY_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]")
_DEEP_INDENT = re.compile(r"^[ \t-]{%d,}" % MAX_DEPTH, re.M)
_DEEP_DASHES = re.compile(r"(?:-[ \t]+){%d,}" % (MAX_DEPTH + 1))


def _check_text_nesting(text: str) -> None:
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        if depth > MAX_DEPTH:
            _too_deep(text, match.start())
    dashes = _DEEP_DASHES.search(text)
    if dashes:
        _too_deep(text, dashes.start())


def _too_deep(text: str, at: int):
    line = text.count("\n", 0, at)
    mark = yaml.Mark("<content>", at, line, at - (text.rfind("\n", 0, at) + 1), None, None)
    raise ContentYAMLError(f"at most {MAX_DEPTH} levels of nesting", "more", mark)


def _load(text: str) -> object:
    _check_text_nesting(text)
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()  # composes the whole document: syntax errors surface here
        if node is None:
            return None
        if _MAY_ALIAS.search(text) or _DEEP_INDENT.search(text):
            _check_tree(node)  # most files have neither: the walk over every node is not needed
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_yaml(text: str, path: str) -> tuple[object, list[Problem]]:
    """Parse one YAML document; a syntax error becomes a Problem naming line and column."""
    try:
        return _load(text), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(document)"
        problem = (error.problem or "invalid YAML").strip()
        expected = error.expected if isinstance(error, ContentYAMLError) else "valid YAML"
        return None, [Problem(path, where, f"expected {expected}, got {problem}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, "(document)", f"expected valid YAML, got {error}")]
    except RecursionError:  # nesting deep enough to exhaust the composer before _check_tree sees it
        return None, [Problem(path, "(document)", f"expected at most {MAX_DEPTH} levels of nesting, got more")]


@dataclasses.dataclass
class RawContent:
    papers: dict[str, object]          # "content/papers/x.yaml" → loaded data
    vocabularies: dict[str, object]    # "themes" → loaded data of content/themes.yaml
    vocabulary_paths: dict[str, str]   # "themes" → "content/themes.yaml"
    problems: list[Problem]
    # The files' exact text (path → text), so a paper's YAML can be offered for download as written.
    texts: dict[str, str] = dataclasses.field(default_factory=dict)
    # Optional site files: content/reading-lists/<slug>.yaml (path → data), content/changelog.yaml,
    # content/redirects.yaml (None when the file is absent).
    reading_lists: dict[str, object] = dataclasses.field(default_factory=dict)
    changelog: object = None
    redirects: object = None
    site_paths: dict[str, str] = dataclasses.field(default_factory=dict)  # "changelog" → its path


def _parse_texts(texts: list[tuple[str, str | None]]) -> dict[str, tuple[object, list[Problem]]]:
    return {rel: parse_yaml(text, rel) if text is not None else (None, []) for rel, text in texts}


def load_content(content_dir: pathlib.Path, root: pathlib.Path | None = None,
                 workers: int | None = None, cache: dict | None = None) -> RawContent:
    """cache: a dict a long-running caller keeps between calls (path → its text and what parsing it
    gave); a file whose text is unchanged is not parsed again. The parsed data is shared between
    calls, so nothing downstream may change it (enrich copies what it adds to)."""
    content_dir = pathlib.Path(content_dir)
    cache = {} if cache is None else cache
    root = pathlib.Path(root) if root else content_dir.parent
    problems: list[Problem] = []
    texts: dict[str, str] = {}

    def read_text(path: pathlib.Path) -> str | None:
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8")  # no newline translation: texts keep the bytes
        except UnicodeDecodeError as error:
            problems.append(Problem(rel, "(document)", f"expected UTF-8 text, got {error.reason}"))
            return None
        texts[rel] = text
        return text

    def read(path: pathlib.Path) -> object:
        text = read_text(path)
        if text is None:
            return None
        rel = path.relative_to(root).as_posix()
        read_now.add(rel)
        if rel not in cache or cache[rel][0] != text:
            cache[rel] = (text, parse_yaml(text, rel))
        data, found = cache[rel][1]
        problems.extend(found)
        return data

    # Parsing the papers is most of loading; worker processes share it (parallel.py).
    paper_texts = {path.relative_to(root).as_posix(): read_text(path)
                   for path in sorted((content_dir / "papers").glob("*.yaml"))}
    read_now = set(paper_texts)  # what the cache keeps afterwards: a removed file's entry goes
    unparsed = [(rel, text) for rel, text in paper_texts.items() if rel not in cache or cache[rel][0] != text]
    workers = parallel.workers_for(len(unparsed)) if workers is None else workers
    runs = parallel.chunks(unparsed, 4 * workers)
    for parsed in parallel.run_tasks([functools.partial(_parse_texts, run) for run in runs], workers):
        for rel, result in parsed.items():
            cache[rel] = (paper_texts[rel], result)
    papers = {}
    for rel in paper_texts:
        papers[rel], found = cache[rel][1]
        problems.extend(found)
    for path in sorted((content_dir / "papers").glob("*.yml")):
        problems.append(Problem(path.relative_to(root).as_posix(), "(file name)",
                                f"expected the extension .yaml, got {path.suffix}"))
    vocabularies, vocabulary_paths = {}, {}
    for name in VOCABULARY_NAMES:
        path = content_dir / f"{name}.yaml"
        rel = path.relative_to(root).as_posix()
        vocabulary_paths[name] = rel
        if not path.exists():
            problems.append(Problem(rel, "(file)", "expected the file to exist, got nothing"))
            vocabularies[name] = None
            continue
        vocabularies[name] = read(path)
    reading_lists = {path.relative_to(root).as_posix(): read(path)
                     for path in sorted((content_dir / "reading-lists").glob("*.yaml"))}
    site_files = {name: content_dir / f"{name}.yaml" for name in SITE_FILE_NAMES}
    site_data = {name: read(path) if path.exists() else None for name, path in site_files.items()}
    for rel in cache.keys() - read_now:
        del cache[rel]
    return RawContent(papers, vocabularies, vocabulary_paths, problems, texts,
                      reading_lists=reading_lists, changelog=site_data["changelog"],
                      redirects=site_data["redirects"],
                      site_paths={name: path.relative_to(root).as_posix() for name, path in site_files.items()})
