"""A fast yes/no answer to "is this value valid against this JSON Schema?". In: a schema node, the
document it belongs to (for local $refs) and a value as loaded from YAML. Out: a function value → bool
that agrees with jsonschema's Draft202012Validator (valid ⇔ iter_errors yields nothing), or None when
the schema uses something this module does not implement.

Why: jsonschema walks a 90 kB paper in about 50 ms (every keyword of every node is a generator with
its own evolved validator and $ref lookup), which made validation the slowest step of the build. The
check here is a tree of closures built once per schema and costs a millisecond or two. validate.py asks
it first and runs jsonschema only for files it rejects, so every error message still comes from
jsonschema, word for word.

Implemented: type, enum and const (of strings, booleans or null), properties, required,
additionalProperties, items (without prefixItems), minItems, maxItems, minLength, maxLength, pattern,
minimum, maximum, oneOf, anyOf, allOf, not, local $ref (#/…) beside other keywords, boolean schemas.
Keys jsonschema has no keyword function for (title, description, x-…, or a stray key from a YAML flow
mapping) are ignored, as jsonschema ignores them; $id is allowed at the document root only. Each
keyword is written the way jsonschema's own keyword functions test it (isinstance, not bool for
numbers, re.search, len), so the answer is the same for any value, not only for YAML's types."""
from __future__ import annotations

import numbers
import re
from typing import Callable

import jsonschema

Check = Callable[[object], bool]

# Every key jsonschema acts on: anything else in a schema is ignored by it, and so here.
_JSONSCHEMA_KEYWORDS = set(jsonschema.Draft202012Validator.VALIDATORS)


class Unsupported(Exception):
    """The schema uses a keyword (or a form of one) that this module does not implement."""


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


# jsonschema's draft 2020-12 type checker, type by type.
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer())),
}


def _always(value: object) -> bool:
    return True


def _never(value: object) -> bool:
    return False


def compile_check(schema: object, document: dict) -> Check | None:
    """The check for schema (a node of document, or document itself), or None if unsupported."""
    try:
        return _Compiler(document).compile(schema, at_root=True)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, document: dict):
        self.document = document
        self.by_ref: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        if ref in self.by_ref:
            return self.by_ref[ref]
        if not ref.startswith("#"):
            raise Unsupported(f"$ref {ref!r} is not local")
        target: object = self.document
        for part in ref[1:].split("/")[1:] if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                raise Unsupported(f"$ref {ref!r} does not resolve")
        # A placeholder first, so that a schema referring to itself compiles (checks run later).
        compiled: list[Check] = []
        self.by_ref[ref] = lambda value: compiled[0](value)
        compiled.append(self.compile(target, at_root=target is self.document))
        self.by_ref[ref] = compiled[0]
        return compiled[0]

    def compile(self, schema: object, at_root: bool = False) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks: list[Check] = []
        for key in schema:
            if (key in _JSONSCHEMA_KEYWORDS and key not in _KEYWORDS) or (key == "$id" and not at_root):
                raise Unsupported(f"keyword {key!r}")  # ($id would change what a $ref below means)
        if "type" in schema:
            checks.append(self.type_check(schema["type"]))
        if "enum" in schema:
            checks.append(self.enum_check(schema["enum"]))
        if "const" in schema:
            checks.append(self.enum_check([schema["const"]]))
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        for key in ("oneOf", "anyOf", "allOf"):
            if key in schema:
                checks.append(self.combination(key, schema[key]))
        if "not" in schema:
            inner = self.compile(schema["not"])
            checks.append(lambda value: not inner(value))
        for kind_check in (self.object_check, self.array_check, self.string_check, self.number_check):
            check = kind_check(schema)
            if check:
                checks.append(check)
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        checks_tuple = tuple(checks)

        def all_hold(value: object) -> bool:
            for check in checks_tuple:
                if not check(value):
                    return False
            return True
        return all_hold

    def type_check(self, types: object) -> Check:
        names = [types] if isinstance(types, str) else types
        if not isinstance(names, list) or not all(isinstance(n, str) and n in _TYPES for n in names):
            raise Unsupported(f"type {types!r}")
        tests = tuple(_TYPES[n] for n in names)
        if len(tests) == 1:
            return tests[0]
        return lambda value: any(test(value) for test in tests)

    def enum_check(self, values: object) -> Check:
        # jsonschema compares with _utils.equal: a string equals only an equal string, and true,
        # false and null only themselves (1 is not true). Other enum values are not implemented.
        if not isinstance(values, list) or \
                not all(isinstance(v, str) or v is True or v is False or v is None for v in values):
            raise Unsupported(f"enum {values!r}")
        strings = frozenset(v for v in values if isinstance(v, str))
        singletons = tuple(v for v in values if not isinstance(v, str))

        def one_of_them(value: object) -> bool:
            if isinstance(value, str):
                return value in strings
            return any(value is v for v in singletons)
        return one_of_them

    def combination(self, key: str, branches: object) -> Check:
        if not isinstance(branches, list) or not branches:
            raise Unsupported(key)
        checks = tuple(self.compile(branch) for branch in branches)
        if key == "allOf":
            return lambda value: all(check(value) for check in checks)
        if key == "anyOf":
            return lambda value: any(check(value) for check in checks)
        return lambda value: sum(1 for check in checks if check(value)) == 1  # oneOf

    def object_check(self, schema: dict) -> Check | None:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        properties = schema.get("properties", {})
        if not isinstance(properties, dict):
            raise Unsupported("properties")
        property_checks = tuple((name, self.compile(sub)) for name, sub in properties.items())
        required = tuple(schema.get("required", ()))
        additional = schema.get("additionalProperties", True)
        extra_check = None if additional is True else self.compile(additional)
        if not property_checks and not required and extra_check is None:
            return None
        known = frozenset(properties)

        def object_holds(value: object) -> bool:
            if not isinstance(value, dict):
                return True  # these keywords say nothing about other types
            for name in required:
                if name not in value:
                    return False
            for name, check in property_checks:
                if name in value and not check(value[name]):
                    return False
            if extra_check is not None:
                for name in value:
                    if name not in known and not extra_check(value[name]):
                        return False
            return True
        return object_holds

    def array_check(self, schema: dict) -> Check | None:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        item_check = self.compile(schema["items"]) if "items" in schema else None
        low, high = schema.get("minItems"), schema.get("maxItems")
        if item_check is None and low is None and high is None:
            return None

        def array_holds(value: object) -> bool:
            if not isinstance(value, list):
                return True
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return False
            if item_check is not None:
                for item in value:
                    if not item_check(item):
                        return False
            return True
        return array_holds

    def string_check(self, schema: dict) -> Check | None:
        low, high = schema.get("minLength"), schema.get("maxLength")
        pattern = schema.get("pattern")
        if low is None and high is None and pattern is None:
            return None
        search = re.compile(pattern).search if pattern is not None else None  # jsonschema: re.search

        def string_holds(value: object) -> bool:
            if not isinstance(value, str):
                return True
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return False
            return search is None or search(value) is not None
        return string_holds

    def number_check(self, schema: dict) -> Check | None:
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is None and high is None:
            return None

        def number_holds(value: object) -> bool:
            if not _is_number(value):
                return True
            return not ((low is not None and value < low) or (high is not None and value > high))
        return number_holds


_KEYWORDS = {"type", "enum", "const", "$ref", "oneOf", "anyOf", "allOf", "not", "properties", "required",
             "additionalProperties", "items", "minItems", "maxItems", "minLength", "maxLength", "pattern",
             "minimum", "maximum"}
