"""A fast yes/no answer to "is this value valid against this JSON Schema?". In: a schema node and the
document it belongs to (for local $refs). Out: a function value → bool that agrees with jsonschema's
Draft202012Validator (valid ⇔ iter_errors yields nothing), compiled by fastjsonschema.

Why: jsonschema takes 20–60 ms to check a paper even when it finds nothing; fastjsonschema compiles the
schema to Python code once and answers in one or two. validate.py asks it first and runs jsonschema
only for files it rejects, so every error message still comes from jsonschema, word for word.

fastjsonschema implements draft 7, where a $ref beside other keywords replaces them; in 2020-12 (our
schemas) both apply. So each such node is rewritten as allOf [$ref, the other keywords], which means
the same in both drafts. tests/papersite/test_schema_check.py holds the two validators to the same
answers on every content file and hundreds of mutations of them."""
from __future__ import annotations

from typing import Callable

import fastjsonschema

# Keys beside a $ref that are no assertion (annotations, and the document's own definitions).
_NOT_ASSERTIONS = {"$defs", "$schema", "$id", "$comment", "title", "description", "examples"}


def _both_apply(node: object) -> object:
    if isinstance(node, list):
        return [_both_apply(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _both_apply(value) for key, value in node.items()}
    asserting = {k: v for k, v in node.items() if k != "$ref" and k not in _NOT_ASSERTIONS and not k.startswith("x-")}
    if "$ref" in node and asserting:
        kept = {k: v for k, v in node.items() if k not in asserting and k != "$ref"}
        return {**kept, "allOf": [{"$ref": node["$ref"]}, asserting]}
    return node


def compile_check(schema: dict, document: dict) -> Callable[[object], bool]:
    """schema: a node of document, or document itself with a "$ref" added (one definition)."""
    compiled = fastjsonschema.compile({**_both_apply(schema), "$schema": "http://json-schema.org/draft-07/schema#"})

    def check(value: object) -> bool:
        try:
            compiled(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True
    return check
