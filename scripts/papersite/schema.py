"""The content schemas, read once from schemas/*.schema.yaml. In: nothing. Out: the schema documents,
and the things other stages ask of them (labels of enum values, reserved locators), so that no other
module keeps its own list of fields or allowed values."""
from __future__ import annotations

import functools
import pathlib

import yaml

SCHEMA_DIR = pathlib.Path(__file__).parent / "schemas"

# The C parser: the pure-Python one took a sixth of a five-paper generation to read the schemas.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: pathlib.Path) -> object:
    """A project file (schema, interface strings) as plain data, as yaml.safe_load reads it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)

# Locators that are not sections of the outline but parts every paper may have.
RESERVED_LOCATORS = {
    "abstract": {"zh": "摘要", "en": "Abstract"},
    "keywords": {"zh": "关键词", "en": "Keywords"},
    "front-matter": {"zh": "篇首", "en": "Front matter"},
    "references": {"zh": "参考文献", "en": "References"},
    "author-note": {"zh": "作者简介", "en": "Author note"},
}


@functools.cache
def load_schema(name: str) -> dict:
    """paper or vocabularies → the parsed JSON Schema."""
    return read_yaml(SCHEMA_DIR / f"{name}.schema.yaml")


def resolve(schema: dict, root: dict) -> dict:
    """Follow a local $ref (#/$defs/x) once; other keywords beside $ref are merged in."""
    ref = schema.get("$ref")
    if not ref:
        return schema
    target = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    merged = dict(resolve(target, root))
    for key, value in schema.items():
        if key == "properties" and isinstance(merged.get(key), dict):
            # A property narrowed beside the $ref (mechanisms' id pattern) keeps the others.
            merged[key] = {**merged[key], **value}
        elif key != "$ref":
            merged[key] = value
    return merged


def paper_def(name: str) -> dict:
    root = load_schema("paper")
    return resolve(root["$defs"][name], root)


@functools.cache
def enum_labels(*path: str) -> dict[str, dict[str, str]]:
    """Labels of an enum in the paper schema: enum_labels('properties', 'kind') → {value: {zh, en}}."""
    root = load_schema("paper")
    node = root
    for part in path:
        node = resolve(node, root)[part]
    return resolve(node, root)["x-labels"]


def term_kind_labels() -> dict[str, dict[str, str]]:
    root = load_schema("vocabularies")
    return root["$defs"]["term"]["properties"]["kind"]["x-labels"]


def exported_json_schemas() -> dict[str, dict]:
    """The schemas as published for download, without our x- keys' internals changed."""
    return {name: load_schema(name) for name in ("paper", "vocabularies")}
