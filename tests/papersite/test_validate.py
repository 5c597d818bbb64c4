"""The validator reports every problem of a broken corpus, exactly, and passes the valid ones."""
from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, ROOT
from papersite.load import load_content
from papersite.validate import validate


def problems_of(root):
    return [str(p) for p in validate(load_content(root / "content", root))]


def test_broken_fixture_reports_exactly_the_expected_problems():
    expected = (FIXTURES / "broken" / "expected-problems.txt").read_text(encoding="utf-8").splitlines()
    assert problems_of(FIXTURES / "broken") == expected


def test_valid_fixture_has_no_problems():
    assert problems_of(FIXTURES / "valid") == []


def test_project_content_has_no_problems():
    assert problems_of(ROOT) == []


def test_command_exits_non_zero_and_prints_every_problem():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli.py"), "--root",
                             str(FIXTURES / "broken"), "validate"], capture_output=True, text=True)
    expected = (FIXTURES / "broken" / "expected-problems.txt").read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1
    assert result.stderr.splitlines() == expected + [f"{len(expected)} problem(s) found; nothing was built."]
