"""`mkdocs serve --dirty`, as scripts/serve.sh runs it, regenerates the pages when a file in content/
changes (the hook watches it): the edited paper's page first, then, in the follow-up build, every other
page that shows the change, including hand-written pages with markers, and the strict build is not
stopped by MkDocs' warning about dirty builds (the hook drops exactly that one); a deleted paper's
pages go."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import FIXTURES, MKDOCS, ROOT, copy_project

pytestmark = pytest.mark.build

# The options scripts/serve.sh gives `mkdocs serve`, read from it so the test serves as a reader does.
SERVE_OPTIONS = ("--dirty",)
assert "mkdocs serve --dirty" in (ROOT / "scripts" / "serve.sh").read_text(encoding="utf-8")


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


def _wait_for_status(url: str, status: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                code = response.status
        except urllib.error.HTTPError as error:
            code = error.code
        except OSError:
            code = None
        if code == status:
            return True
        time.sleep(0.5)
    return False


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
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen([str(MKDOCS), "serve", *SERVE_OPTIONS, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        # mkdocs serve mounts the site under the path of site_url.
        base = f"http://127.0.0.1:{port}/npf-digital-trade/"
        page = base + "papers/fixture-2024-sample/"
        assert _wait_for(page, "提出问题", 90), log.read_text(encoding="utf-8")
        paper = project / "content" / "papers" / "fixture-2024-sample.yaml"
        text = paper.read_text(encoding="utf-8").replace("提出问题。", "提出一个新问题。")
        paper.write_text(text.replace("title: {zh: 数字贸易与<测试>|标题", "title: {zh: 数字贸易与<测试>|修订标题"),
                         encoding="utf-8")
        assert _wait_for(page, "提出一个新问题", 90), log.read_text(encoding="utf-8")
        # the follow-up: a comparison page and the home page's list of papers (a marker) show the new title
        assert _wait_for(base + "compare/mechanisms/", "修订标题", 90), log.read_text(encoding="utf-8")
        assert _wait_for(base, "修订标题", 30), log.read_text(encoding="utf-8")
        assert _wait_for(base + "en/", "Digital trade and", 5)
        # a paper deleted: its pages go from the served site (in both languages)
        (project / "content" / "papers" / "fixture-nd-supplied.yaml").unlink()
        gone = base + "papers/fixture-nd-supplied/"
        assert _wait_for_status(gone, 404, 60) and _wait_for_status(base + "en/papers/fixture-nd-supplied/", 404, 5)
        messages = log.read_text(encoding="utf-8")
        assert "(1 process; quick; 2 file(s) written" in messages, messages
        assert "Aborted" not in messages and "A 'dirty' build" not in messages, messages
    finally:
        server.terminate()
        server.wait(timeout=30)
