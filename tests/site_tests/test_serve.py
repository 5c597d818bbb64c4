"""`mkdocs serve` regenerates the pages when a file in content/ changes (the hook watches it)."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import FIXTURES, MKDOCS, copy_project

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_regenerates_a_paper_page_when_its_yaml_changes(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURES / "valid" / "content")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # mkdocs serve mounts the site under the path of site_url.
        base = f"http://127.0.0.1:{port}/npf-digital-trade/"
        page = base + "papers/fixture-2024-sample/"
        assert _wait_for(page, "提出问题", 90)
        paper = project / "content" / "papers" / "fixture-2024-sample.yaml"
        paper.write_text(paper.read_text(encoding="utf-8").replace("提出问题。", "提出一个新问题。"), encoding="utf-8")
        assert _wait_for(page, "提出一个新问题", 90)
    finally:
        server.terminate()
        server.wait(timeout=30)
