"""Load content/ from disk. In: the content folder. Out: a RawContent with every paper and vocabulary
as plain Python data, keyed by its path relative to the project root, plus a Problem for each file
that is not valid YAML (with line and column) or repeats a key. Nothing is interpreted here."""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import pathlib

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


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class ContentLoader(_BaseLoader):
    """Safe loader that refuses repeated keys (PyYAML would keep the last silently) and keeps
    ISO dates as strings, because no content field is a date object."""


def _construct_mapping(loader: ContentLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    mapping: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise DuplicateKeyError(problem=f"key {key!r} repeated", problem_mark=key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


ContentLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", ContentLoader.construct_yaml_str)


def _resolve(self, kind, value, implicit):
    """Resolver.resolve (the tag a scalar, list or mapping gets), called by the C parser for every
    node: a third of a paper's parsing time went to it. Here the implicit resolvers for each first
    character (with the wildcard ones after them, in Resolver's order) are one list made once;
    anything else (path resolvers, resolvers added later) is left to Resolver."""
    if self.yaml_path_resolvers or self.yaml_implicit_resolvers is not _IMPLICIT_SOURCE:
        return yaml.resolver.Resolver.resolve(self, kind, value, implicit)
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT_BY_FIRST.get(value[:1], _IMPLICIT_WILDCARD):
                if regexp.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG
    return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


_IMPLICIT_SOURCE = ContentLoader.yaml_implicit_resolvers
_IMPLICIT_WILDCARD = tuple(_IMPLICIT_SOURCE.get(None, []))
_IMPLICIT_BY_FIRST = {first: tuple(resolvers) + _IMPLICIT_WILDCARD
                      for first, resolvers in _IMPLICIT_SOURCE.items() if first is not None}
ContentLoader.resolve = _resolve


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


class _NotPlain(Exception):
    """The document needs PyYAML's own constructor (see _PlainBuilder)."""


_STR_TAG, _SEQ_TAG, _MAP_TAG = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_SPECIAL_KEY_TAGS = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}  # flatten_mapping's business
# The scalar constructors ContentLoader uses that return their value at once (no generators).
_SCALAR_CONSTRUCTORS = {yaml.constructor.SafeConstructor.construct_yaml_null,
                        yaml.constructor.SafeConstructor.construct_yaml_bool,
                        yaml.constructor.SafeConstructor.construct_yaml_int,
                        yaml.constructor.SafeConstructor.construct_yaml_float,
                        yaml.constructor.SafeConstructor.construct_yaml_str,
                        yaml.constructor.SafeConstructor.construct_yaml_binary}


class _PlainBuilder:
    """What loader.construct_document(node) returns, for documents made of plain mappings, sequences
    and scalars: built in one recursive pass instead of PyYAML's general machinery (a constructor
    lookup, recursion bookkeeping and a generator per node), which took a third of loading a paper.
    Anchors and aliases give shared objects as PyYAML does. Anything else — other tags, merge keys,
    a node that contains itself, and a repeated key (whose error must name the same place PyYAML's
    order of construction finds first) — raises _NotPlain, and the caller lets PyYAML construct.
    (A class, not a recursive closure: a closure that calls itself is a reference cycle, which would
    keep the loader and this bookkeeping alive until the garbage collector runs.)"""

    def __init__(self, loader: ContentLoader):
        self.loader = loader
        self.constructors = loader.yaml_constructors
        self.seq_ok = self.constructors.get(_SEQ_TAG) is yaml.constructor.SafeConstructor.construct_yaml_seq
        self.map_ok = self.constructors.get(_MAP_TAG) is _construct_mapping
        self.built: dict[int, object] = {}    # id(collection node) → its object (an alias is the same node)
        self.building: set[int] = set()

    def build(self, node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:
                return node.value
            constructor = self.constructors.get(node.tag)
            if constructor is ContentLoader.construct_yaml_str or constructor in _SCALAR_CONSTRUCTORS:
                return constructor(self.loader, node)
            raise _NotPlain(node.tag)
        key = id(node)
        if key in self.built:
            return self.built[key]
        if key in self.building:
            raise _NotPlain("recursive node")
        self.building.add(key)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG and self.seq_ok:
            data: object = [self.build(child) for child in node.value]
        elif isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG and self.map_ok:
            mapping: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag in _SPECIAL_KEY_TAGS or not isinstance(key_node, yaml.ScalarNode):
                    raise _NotPlain("merge key, value key or collection key")
                name = self.build(key_node)
                if name in mapping:
                    raise _NotPlain("repeated key")
                mapping[name] = self.build(value_node)
            data = mapping
        else:
            raise _NotPlain(node.tag)
        self.building.discard(key)
        self.built[key] = data
        return data


def _load(text: str) -> object:
    """yaml.load(text, Loader=ContentLoader), the same data and the same errors, faster."""
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()  # the C parser composes the whole document (syntax errors)
        if node is None:
            return None
        try:
            return _PlainBuilder(loader).build(node)
        except _NotPlain:
            return loader.construct_document(node)  # what yaml.load does after composing
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
        expected = "unique keys" if isinstance(error, DuplicateKeyError) else "valid YAML"
        return None, [Problem(path, where, f"expected {expected}, got {problem}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, "(document)", f"expected valid YAML, got {error}")]


def _parse_texts(texts: list[tuple[str, str | None]]) -> dict[str, tuple[object, list[Problem]]]:
    return {rel: parse_yaml(text, rel) if text is not None else (None, []) for rel, text in texts}


def load_content(content_dir: pathlib.Path, root: pathlib.Path | None = None) -> RawContent:
    content_dir = pathlib.Path(content_dir)
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
        data, found = parse_yaml(text, path.relative_to(root).as_posix())
        problems.extend(found)
        return data

    # Parsing the papers is most of loading; worker processes share it (parallel.py).
    paper_texts = {path.relative_to(root).as_posix(): read_text(path)
                   for path in sorted((content_dir / "papers").glob("*.yaml"))}
    papers = {}
    workers = parallel.workers_for(len(paper_texts))
    runs = parallel.chunks(list(paper_texts.items()), 4 * workers)
    for parsed in parallel.run_tasks([functools.partial(_parse_texts, run) for run in runs], workers):
        for rel, (data, found) in parsed.items():
            papers[rel] = data
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
    return RawContent(papers, vocabularies, vocabulary_paths, problems, texts,
                      reading_lists=reading_lists, changelog=site_data["changelog"],
                      redirects=site_data["redirects"],
                      site_paths={name: path.relative_to(root).as_posix() for name, path in site_files.items()})
