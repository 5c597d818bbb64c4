"""Shared fixtures: project paths, the fixture corpora, and one real site build per test session."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ROOT.parent / "shared" / "sources"
MKDOCS = pathlib.Path(sys.executable).parent / "mkdocs"


def copy_project(destination: pathlib.Path, content: pathlib.Path | None = None) -> pathlib.Path:
    """A copy of the buildable project (config, docs, scripts, node packages) with the given content folder."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", destination)
    shutil.copytree(ROOT / "scripts", destination / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", destination / "docs",
                    ignore=shutil.ignore_patterns("papers", "glossary", "data"))
    shutil.copytree(content or ROOT / "content", destination / "content")
    # The build runs Pagefind from node_modules (installed by `npm ci`); share it rather than copy 100 MB.
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def mkdocs_build(project: pathlib.Path, site_dir: pathlib.Path, epoch: str = "1700000000") -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> pathlib.Path:
    """The real project, built once with --strict; tests read the HTML it produced."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-5000:]
    return site


def tree_paths(node, path=()):
    """Every path into a parsed document (keys and list indexes), the root's () first."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from tree_paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from tree_paths(value, path + (index,))
