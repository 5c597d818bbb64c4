"""Write generated files. In: a mapping of paths (relative to docs/) to text, and the folders that are
wholly generated. Out: files on disk, each written only when its content changed, and stale files
in generated folders removed; returns what changed so callers can report it."""
from __future__ import annotations

import dataclasses
import pathlib


@dataclasses.dataclass
class WriteReport:
    written: list[str]
    unchanged: int
    removed: list[str]

    def __str__(self) -> str:
        return (f"{len(self.written)} file(s) written, {self.unchanged} unchanged, "
                f"{len(self.removed)} stale file(s) removed")


def write_outputs(docs_dir: pathlib.Path, outputs: dict[str, str | bytes],
                  generated_dirs: tuple[str, ...], current: frozenset[str] = frozenset()) -> WriteReport:
    """current: files in generated folders that the caller knows are up to date without their content
    (incremental.py); they are counted as unchanged and not removed."""
    docs_dir = pathlib.Path(docs_dir)
    written, unchanged = [], 0
    for rel, content in sorted(outputs.items()):
        path = docs_dir / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.exists() and path.read_bytes() == data:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # atomic: a watcher never sees a half-written page
        written.append(rel)
    removed = []
    for folder in generated_dirs:
        for path in sorted((docs_dir / folder).rglob("*")):
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_file() and rel not in outputs and rel not in current:
                path.unlink()
                removed.append(rel)
    return WriteReport(written, unchanged + len(current), removed)
