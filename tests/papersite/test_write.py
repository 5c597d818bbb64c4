"""Files are written only when their content changed, and stale generated files are removed."""
from papersite.write import write_outputs


def test_writes_only_changed_files_and_removes_stale_ones(tmp_path):
    first = write_outputs(tmp_path, {"papers/a.md": "A", "papers/b.md": "B"}, ("papers",))
    assert first.written == ["papers/a.md", "papers/b.md"]
    mtime = (tmp_path / "papers/a.md").stat().st_mtime_ns
    second = write_outputs(tmp_path, {"papers/a.md": "A", "papers/c.md": "C"}, ("papers",))
    assert second.written == ["papers/c.md"]
    assert second.unchanged == 1
    assert second.removed == ["papers/b.md"]
    assert (tmp_path / "papers/a.md").stat().st_mtime_ns == mtime
    assert sorted(p.name for p in (tmp_path / "papers").iterdir()) == ["a.md", "c.md"]


def test_files_outside_generated_folders_are_left_alone(tmp_path):
    (tmp_path / "index.md").write_text("hand-written")
    write_outputs(tmp_path, {"papers/a.md": "A"}, ("papers",))
    assert (tmp_path / "index.md").read_text() == "hand-written"
