"""incremental.Session: after any sequence of edits, docs/ holds exactly what a fresh generate() writes
for the same content; a quick build writes the edited paper's pages and nothing else; unchanged files
are not parsed again; a content problem writes nothing."""
from __future__ import annotations

import pathlib
import shutil

import pytest
import yaml

from conftest import FIXTURES, ROOT
from papersite import load, validate
from papersite.build import generate
from papersite.incremental import Session
from papersite.load import ContentLoader, parse_yaml
from papersite.problems import ContentError
from papersite.validate import schema_problems

PAPER = "content/papers/fixture-2024-sample.yaml"


def _project(path: pathlib.Path) -> pathlib.Path:
    path.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", path)
    shutil.copytree(FIXTURES / "valid" / "content", path / "content")
    shutil.copytree(ROOT / "docs" / "overrides", path / "docs" / "overrides")
    # The fingerprint reads scripts/papersite/ for code changes; a link keeps the copy cheap.
    (path / "scripts").mkdir()
    (path / "scripts" / "papersite").symlink_to(ROOT / "scripts" / "papersite", target_is_directory=True)
    return path


def _tree(root: pathlib.Path) -> dict[str, bytes]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and "overrides" not in p.parts}


def _fresh(project: pathlib.Path, tmp_path: pathlib.Path) -> dict[str, bytes]:
    """What generate() writes for project's content in a new folder."""
    other = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    shutil.copytree(project, other, symlinks=True, ignore=shutil.ignore_patterns("docs"))
    shutil.copytree(ROOT / "docs" / "overrides", other / "docs" / "overrides")
    generate(other)
    return _tree(other)


def _edit(project: pathlib.Path, rel: str, change) -> None:
    path = project / rel
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _summary(data):
    data["summary"]["en"] += " Edited."


@pytest.fixture
def project(tmp_path):
    return _project(tmp_path / "project")


def test_a_quick_build_writes_the_edited_papers_pages_then_the_follow_up_the_rest(project, tmp_path):
    session = Session(project, quick_builds=True, workers=1)
    assert session.build(None).kind == "full"
    assert _tree(project) == _fresh(project, tmp_path)
    assert session.build(None).kind == "none"  # the second language's build: nothing changed

    _edit(project, PAPER, lambda d: d["mechanisms"][0]["text"].update(en="Data flows promote trade (edited)"))
    quick = session.build(None)
    assert (quick.kind, quick.report.written) == ("quick", ["papers/fixture-2024-sample.en.md"])
    assert session.build(None).kind == "none"  # the English build of the same MkDocs build
    session.finish()
    follow_up = session.build(None)
    assert follow_up.kind == "full" and not follow_up.clean_site
    # the comparison of mechanisms, the data downloads and the paper's YAML download changed too
    assert "compare/mechanisms.en.md" in follow_up.report.written
    assert "papers/fixture-2024-sample.en.md" not in follow_up.report.written
    assert _tree(project) == _fresh(project, tmp_path)
    session.finish()
    assert session.build(None).kind == "none"


def test_any_sequence_of_edits_leaves_what_a_fresh_generation_writes(project, tmp_path):
    session = Session(project, quick_builds=True, workers=1)
    session.build(None)
    discussion = "content/papers/fixture-nd-discussion.yaml"
    edits = [  # (file, change, a page of another paper the follow-up must rewrite)
        (PAPER, _summary, None),
        (discussion, lambda d: d["title"].update(zh=d["title"]["zh"] + "（修订）"), None),
        # fixture-nd-discussion repeats a figure of this paper and shows its title: its page changes too
        (PAPER, lambda d: d["title"].update(en=d["title"]["en"] + " (revised)"), "papers/fixture-nd-discussion.en.md"),
        ("content/glossary.yaml", lambda d: d[0].update(en=d[0]["en"] + " (revised)"), None),
        (PAPER, _summary, None),
    ]
    for rel, change, other_page in edits:
        _edit(project, rel, change)
        plan = session.build(None)
        assert plan.kind == ("full" if "glossary" in rel else "quick")
        session.finish()
        if plan.kind == "quick":
            follow_up = session.build(None)
            session.finish()
            assert follow_up.kind == "full"
            assert (other_page in follow_up.report.written) if other_page else not any(
                path.startswith("papers/fixture-") for path in follow_up.report.written), follow_up.report.written
        assert _tree(project) == _fresh(project, tmp_path), rel


def test_adding_or_removing_a_paper_is_a_full_build_that_removes_its_pages(project, tmp_path):
    session = Session(project, quick_builds=True, workers=1)
    session.build(None)
    (project / "content/papers/fixture-nd-supplied.yaml").unlink()
    plan = session.build(None)
    assert plan.kind == "full"
    assert "papers/fixture-nd-supplied.md" in plan.report.removed
    assert _tree(project) == _fresh(project, tmp_path)
    # nothing of the removed file is kept
    assert not [rel for part in session.cache.values() for rel in part if "fixture-nd-supplied" in rel]


def test_a_change_every_page_shows_empties_the_site(project):
    session = Session(project, quick_builds=True, workers=1)
    session.build(None)
    changelog = project / "content" / "changelog.yaml"
    changelog.write_text(changelog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    plan = session.build(None)
    assert (plan.kind, plan.clean_site) == ("full", True)


def test_without_quick_builds_every_change_is_one_full_build(project, tmp_path):
    session = Session(project, quick_builds=False, workers=1)
    session.build(None)
    _edit(project, PAPER, _summary)
    assert session.build(None).kind == "full"
    assert _tree(project) == _fresh(project, tmp_path)


def test_a_content_problem_writes_nothing_and_the_fix_is_picked_up(project, tmp_path):
    session = Session(project, quick_builds=True, workers=1)
    session.build(None)
    before = _tree(project)
    path = project / PAPER
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("slug: fixture-2024-sample", "slug: Fixture Sample"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        session.build(None)
    assert [str(p) for p in error.value.problems][0].startswith(f"{PAPER}: slug: expected")
    assert _tree(project) == before
    path.write_text(good.replace("提出问题。", "提出一个新问题。"), encoding="utf-8")
    assert session.build(None).kind == "quick"
    session.finish()
    session.build(None)
    assert _tree(project) == _fresh(project, tmp_path)


def test_unchanged_files_are_not_parsed_or_checked_again_and_their_data_is_not_changed(project, monkeypatch):
    session = Session(project, quick_builds=True, workers=1)
    session.build(None)
    parsed, checked = [], []
    monkeypatch.setattr(load, "parse_yaml", lambda text, path: parsed.append(path) or parse_yaml(text, path))
    monkeypatch.setattr(validate, "schema_problems",
                        lambda data, rel, *names: checked.append((rel, *names)) or schema_problems(data, rel, *names))
    _edit(project, PAPER, _summary)
    session.build(None)
    assert parsed == [PAPER]
    assert [rel for rel, *names in checked if names == ["paper"]] == [PAPER]
    # the kept data is what the text says: validate, enrich and render changed none of it
    for rel, (text, (data, problems)) in session.cache["parsed"].items():
        assert data == yaml.load(text, Loader=ContentLoader), rel
