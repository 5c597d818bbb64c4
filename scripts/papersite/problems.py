"""One reported problem with the content: where it is, which field, what was expected and what was found."""
from __future__ import annotations

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised by the build when validation found problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def json_type_name(value: object) -> str:
    """The JSON Schema name of a loaded YAML value's type, as error messages print it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "date"
    return type(value).__name__


def describe_value(value: object) -> str:
    """A short rendering of a found value for `got …`: strings quoted and cut, others by type."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return repr(shown)
    if isinstance(value, bool) or value is None:
        return json_type_name(value)
    if isinstance(value, (int, float)):
        return repr(value)
    return json_type_name(value)


def field_path(parts) -> str:
    """authors[1].name.zh from ('authors', 1, 'name', 'zh')."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"
