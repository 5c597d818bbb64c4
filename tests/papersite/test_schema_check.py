"""The quick schema check (schema_check.py, fastjsonschema) says valid exactly when jsonschema finds no error: on every
content file of the project and the fixtures, and on a few hundred seeded mutations of them."""
from __future__ import annotations

import copy
import random

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, tree_paths
from papersite.load import load_content
from papersite.schema import load_schema
from papersite.schema_check import compile_check
from papersite.validate import VOCABULARY_DEFS

SCHEMAS = [("paper", None), ("reading-list", None), ("site", "changelog_file"), ("site", "redirects_file")] + \
    [("vocabularies", name) for name in VOCABULARY_DEFS.values()]
# Values a mutation puts somewhere: every JSON type, the shapes the schemas use, near misses.
VALUES = [None, True, False, 0, 1, -3, 1.5, 2.0, 1949, 2101, 1948.0, "", "x", "abcd", "sec-1", "arg-x", "Bad Id",
          "10.1234/x", "1234-567X", "12-19", "printed", "translated", [], [1], ["x"], {}, {"not_stated": True},
          {"not_stated": 1}, {"not_stated": True, "note": {"zh": "注", "en": "note"}}, {"zh": "中", "en": "en"},
          {"zh": "中", "en": "en", "en_source": "printed"}, {"zh": "", "en": "en"}, {"x": 1}]


def schema_of(name: str, def_name: str | None) -> tuple[dict, dict]:
    root = load_schema(name)
    return (dict(root, **{"$ref": f"#/$defs/{def_name}"}) if def_name else root), root


def samples() -> dict[tuple, list]:
    found: dict[tuple, list] = {key: [] for key in SCHEMAS}
    for root in (ROOT, FIXTURES / "valid", FIXTURES / "broken"):
        raw = load_content(root / "content", root)
        found[("paper", None)] += [d for d in raw.papers.values() if d is not None]
        found[("reading-list", None)] += [d for d in raw.reading_lists.values() if d is not None]
        found[("site", "changelog_file")] += [raw.changelog] if raw.changelog is not None else []
        found[("site", "redirects_file")] += [raw.redirects] if raw.redirects is not None else []
        for name, def_name in VOCABULARY_DEFS.items():
            if raw.vocabularies.get(name) is not None:
                found[("vocabularies", def_name)].append(raw.vocabularies[name])
    return found


def mutated(value, rng: random.Random):
    value = copy.deepcopy(value)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in tree_paths(value) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent = value
        for part in path[:-1]:
            parent = parent[part]
        roll = rng.random()
        if roll < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        elif roll < 0.25 and isinstance(parent, dict):
            parent[f"extra_{rng.randint(0, 3)}"] = 1
        elif roll < 0.3 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[0]))
        elif roll < 0.35 and isinstance(parent, list):
            parent.clear()
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
    return value


@pytest.mark.parametrize("name,def_name", SCHEMAS)
def test_quick_check_agrees_with_jsonschema(name, def_name):
    schema, root = schema_of(name, def_name)
    check = compile_check(schema, root)
    validator = jsonschema.Draft202012Validator(schema)
    rng = random.Random(f"{name}/{def_name}")
    files = samples()[(name, def_name)]
    # Mutations of the small fixture files; the project's papers are large and checked as they are.
    small = [f for f in files if len(repr(f)) < 40_000] or files
    values = files + [mutated(rng.choice(small), rng) for _ in range(120)]
    verdicts = [(check(v), next(iter(validator.iter_errors(v)), None) is None) for v in values]
    assert [quick for quick, _ in verdicts] == [full for _, full in verdicts]
    assert any(full for _, full in verdicts) and not all(full for _, full in verdicts)


def test_a_ref_beside_other_keywords_applies_both_as_in_2020_12():
    # Draft 7 (fastjsonschema's) would apply only the $ref: the mechanism id pattern would go unchecked.
    root = {"$defs": {"item": {"type": "object", "properties": {"id": {"type": "string"}}}}}
    schema = dict(root, **{"$ref": "#/$defs/item", "properties": {"id": {"pattern": "^mech-"}}})
    check = compile_check(schema, root)
    assert check({"id": "mech-a"}) and not check({"id": "arg-a"}) and not check({"id": 1})
