"""Scale benchmark (issue 6). In: the real project (content/, docs/, scripts/, mkdocs.yml) and a list of corpus
sizes. Out: printed figures per size and, with --json PATH, the same figures as JSON so two runs can be
compared (e.g. before and after a change to the search).

For each size N it builds, in a temporary folder, a copy of the project whose content/papers/ holds the 5 real
papers and N-5 synthetic ones made from them (new slugs, "synthetic" in the title, items and summary sentences
shuffled: valid against the schema, quotes left as they are and not checked), then measures load+validate,
generation (enrich, render, write), the strict mkdocs build (time and peak memory of each step; it includes
generation and Pagefind's indexing), our share of the build, the search index (Pagefind's pagefind/ folder, raw
and gzip), the whole site and its largest page, and whether a change to one paper rewrites only that paper's
files. On some sizes (500 and 2,000 by default) it serves the site on 127.0.0.1 under the /<repo>/ sub-path and,
in Debian's chromium (Playwright, as in the browser tests), times a search for 数字贸易 typed on a fresh
visit (and what it fetches) and counts the bytes a first visit to a paper page transfers.

Needs the test requirements (Playwright): run `bash scripts/test.sh --co -q` once, then
`.venv/bin/python scripts/bench.py [--sizes 5,50,500,2000] [--browser-sizes 500,2000] [--json build/bench.json]`."""
from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import gzip
import http.server
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import yaml  # noqa: E402

from papersite.build import GENERATED_DIRS  # noqa: E402
from papersite.load import ContentLoader  # noqa: E402
from papersite.search_index import pagefind_binary  # noqa: E402
from papersite.validate import ITEM_LISTS  # noqa: E402

SUB_PATH = "/npf-digital-trade/"  # as GitHub Pages serves the site (tests/site_tests/serve.py)
# Options scripts/serve.sh gives `mkdocs serve` (tests/site_tests/test_serve.py checks the script says so).
SERVE_OPTIONS = ("--dirty",)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The browser tests' flags (tests/site_tests/test_browser.py): no calls to Google's services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERY = "数字贸易"
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: writing 2,000 papers in seconds
EPOCH = "1700000000"


# ---------------------------------------------------------------------------------------------- corpus
def _shuffle_sentences(text: str, rng: random.Random) -> str:
    parts = re.split(r"(?<=[。！？])|(?<=[.!?]) +", text)
    parts = [p for p in parts if p and p.strip()]
    rng.shuffle(parts)
    joiner = "" if re.search(r"[\u3400-\u9fff]", text) else " "
    return joiner.join(p.strip() if joiner else p for p in parts)


def synthetic_paper(base: dict, number: int) -> dict:
    """A valid paper made from a real one: new slug and title, the order of items, keywords and summary
    sentences shuffled (seeded by the number, so runs are comparable). Item ids, references and
    cross-references are kept, so every check but the quote check still holds."""
    rng = random.Random(number)
    paper = copy.deepcopy(base)
    paper["slug"] = f"synthetic-{number:04d}-{base['slug']}"
    paper["title"]["zh"] = f"{base['title']['zh']}（合成样本 {number}）"
    paper["title"]["en"] = f"{base['title']['en']} (synthetic sample {number})"
    for lang in ("zh", "en"):
        if isinstance(paper.get("summary", {}).get(lang), str):
            paper["summary"][lang] = _shuffle_sentences(paper["summary"][lang], rng)
        if isinstance(paper.get("keywords", {}).get(lang), list):
            rng.shuffle(paper["keywords"][lang])
    for name in ITEM_LISTS:
        if isinstance(paper.get(name), list):
            rng.shuffle(paper[name])
    return paper


def make_project(destination: pathlib.Path, size: int) -> pathlib.Path:
    """A buildable copy of the project with `size` papers (at least the 5 real ones)."""
    destination.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", destination)
    shutil.copytree(ROOT / "scripts", destination / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", destination / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS))
    shutil.copytree(ROOT / "content", destination / "content")
    papers_dir = destination / "content" / "papers"
    real = [yaml.load(p.read_text(encoding="utf-8"), Loader=ContentLoader)
            for p in sorted(papers_dir.glob("*.yaml"))]
    for number in range(1, size - len(real) + 1):
        paper = synthetic_paper(real[(number - 1) % len(real)], number)
        text = yaml.dump(paper, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        (papers_dir / f"{paper['slug']}.yaml").write_text(text, encoding="utf-8")
    return destination


# ---------------------------------------------------------------------------------------------- steps
def _run_measured(args: list[str], cwd: pathlib.Path, env: dict | None = None) -> tuple[float, int, str]:
    """(seconds, peak resident memory in bytes, stdout) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{output[-4000:]}")
    return seconds, usage.ru_maxrss * 1024, output


# Runs build.generate() (what the MkDocs hook runs) in a child process, timing its load and validate steps
# by wrapping them, so the figures follow the pipeline as it is.
_GENERATE_CHILD = """
import json, os, pathlib, sys, time
root = pathlib.Path(sys.argv[1]); sys.path.insert(0, str(root / 'scripts'))
from papersite import build
spent = {'load': 0.0, 'validate': 0.0}
def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return wrapper
build.load_content = timed('load', build.load_content)
build.validate = timed('validate', build.validate)
start = time.perf_counter()
result = build.generate(root)
total = time.perf_counter() - start
report = result.report
print(json.dumps({'load_validate_s': spent['load'] + spent['validate'],
                  'generate_s': total - spent['load'] - spent['validate'],
                  'files': len(report.written) + report.unchanged,
                  'written': report.written, 'unchanged': report.unchanged, 'removed': report.removed}))
"""


def run_generate(project: pathlib.Path) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    seconds, peak, output = _run_measured([sys.executable, "-c", _GENERATE_CHILD, str(project)], project, env)
    figures = json.loads(output.strip().splitlines()[-1])
    figures["generate_peak_bytes"] = peak
    return figures


def run_mkdocs(project: pathlib.Path, site: pathlib.Path) -> dict:
    # The temporary project has no node_modules of its own: use this project's Pagefind.
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", PAGEFIND_BINARY=str(pagefind_binary(ROOT)))
    mkdocs = pathlib.Path(sys.executable).parent / "mkdocs"
    seconds, peak, output = _run_measured([str(mkdocs), "build", "--strict", "--site-dir", str(site)], project, env)
    # The hook logs how long generation and Pagefind took inside the build; the rest is MkDocs itself.
    steps = {name: float(match.group(1)) if (match := re.search(pattern, output)) else None
             for name, pattern in (("in_build_generate_s", r"papersite: generated the pages in ([\d.]+) s"),
                                   ("in_build_pagefind_s", r"papersite: Pagefind indexed the site in ([\d.]+) s"))}
    return {"mkdocs_build_s": seconds, "mkdocs_peak_bytes": peak, **steps}


def site_figures(site: pathlib.Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = [p for p in files if p.relative_to(site).parts[0] == "pagefind"]
    raw = sum(p.stat().st_size for p in index)
    # Pagefind's chunks (.pf_*) are gzip-compressed already; its scripts are compressed by the server.
    gz = sum(p.stat().st_size if ".pf_" in p.name else len(gzip.compress(p.read_bytes(), 6)) for p in index)
    # The comparison pages (issue 14: none over 1 MB raw, 200 kB compressed at 2,000 papers), and what
    # the side-by-side view of two papers fetches: its page, the index of papers and the two papers' data.
    compare = [p for p in pages if "compare" in p.relative_to(site).parts]
    largest_compare = max(compare, key=lambda p: p.stat().st_size) if compare else None
    papers_data = sorted(p for p in (site / "data" / "pair").glob("*.json") if p.name != "index.json")
    pair_files = [p for p in [site / "compare" / "pair" / "index.html", site / "data" / "pair" / "index.json",
                              *papers_data[:2]] if p.is_file()]
    return {"site_bytes": sum(p.stat().st_size for p in files), "site_files": len(files),
            "html_pages": len(pages),
            "largest_page": largest.relative_to(site).as_posix(), "largest_page_bytes": largest.stat().st_size,
            "largest_compare_page": largest_compare.relative_to(site).as_posix() if largest_compare else None,
            "largest_compare_bytes": largest_compare.stat().st_size if largest_compare else None,
            "largest_compare_gzip_bytes": len(gzip.compress(largest_compare.read_bytes(), 6)) if largest_compare else None,
            "pair_view_bytes": sum(p.stat().st_size for p in pair_files),
            "pair_view_gzip_bytes": sum(len(gzip.compress(p.read_bytes(), 6)) for p in pair_files),
            "search_index_files": len(index), "search_index_bytes": raw, "search_index_gzip_bytes": gz}


def _generated_digests(project: pathlib.Path) -> dict[str, str]:
    import hashlib
    docs = project / "docs"
    return {path.relative_to(docs).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in GENERATED_DIRS for path in sorted((docs / folder).rglob("*")) if path.is_file()}


def incremental(project: pathlib.Path) -> dict:
    """Which generated files a change to one paper rewrites (its summary, then its title), and whether any
    of them was rewritten with the content it already had."""
    papers = sorted((project / "content" / "papers").glob("*.yaml"))
    target = papers[len(papers) // 2]
    original = target.read_text(encoding="utf-8")
    paper = yaml.load(original, Loader=ContentLoader)
    result = {"paper": paper["slug"]}
    for what in ("summary", "title"):
        changed = copy.deepcopy(paper)
        changed[what]["en"] = changed[what]["en"] + " Edited."
        target.write_text(yaml.dump(changed, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        before = _generated_digests(project)
        figures = run_generate(project)
        after = _generated_digests(project)
        result[what] = {"written": figures["written"], "unchanged": figures["unchanged"],
                        "rewritten_with_same_content": [path for path in figures["written"]
                                                        if before.get(path) == after.get(path)]}
        target.write_text(original, encoding="utf-8")
        if what == "summary":
            run_generate(project)  # back to the original files before the next edit
    return result


def serve_latency(project: pathlib.Path, timeout: float = 900.0) -> dict:
    """How long `mkdocs serve` (as scripts/serve.sh runs it) takes, after one paper's YAML is saved, to
    serve that paper's page with the change: the time from the save until the page carries the edit,
    polled every 0.2 s; then until the follow-up build (every other page and the search index,
    papersite/incremental.py) has reloaded the browsers. Also the first build's time. The server runs
    on 127.0.0.1 and is stopped."""
    import socket
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH,
               PAGEFIND_BINARY=str(pagefind_binary(ROOT)))  # as run_mkdocs: the copy has no node_modules
    log = project / "serve.log"
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", *SERVE_OPTIONS,
                                    "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                                   stdout=output, stderr=subprocess.STDOUT)
    papers = sorted((project / "content" / "papers").glob("*.yaml"))
    target = papers[len(papers) // 2]
    original = target.read_text(encoding="utf-8")
    paper = yaml.load(original, Loader=ContentLoader)
    url = f"http://127.0.0.1:{port}{SUB_PATH}en/papers/{paper['slug']}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def reloads() -> int:
        return log.read_text(encoding="utf-8", errors="replace").count("Reloading browsers")

    try:
        while not page():
            if process.poll() is not None or time.perf_counter() - started > timeout:
                return {"error": "mkdocs serve did not start"}
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        time.sleep(2)  # let the watcher settle after the first build
        marker = f"Edited{int(time.time())}"
        changed = copy.deepcopy(paper)
        changed["summary"]["en"] = changed["summary"]["en"] + f" {marker}."
        before = reloads()
        saved = time.perf_counter()
        target.write_text(yaml.dump(changed, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000),
                          encoding="utf-8")
        while marker not in page():
            if time.perf_counter() - saved > timeout:
                return {"first_build_s": round(first_build, 1), "error": "the edit never appeared"}
            time.sleep(0.2)
        shown = time.perf_counter() - saved
        while reloads() < before + 2:  # the quick build's reload, then the follow-up's
            if time.perf_counter() - saved > timeout:
                return {"first_build_s": round(first_build, 1), "edit_shown_s": round(shown, 1),
                        "error": "the follow-up build never ended"}
            time.sleep(0.2)
        return {"first_build_s": round(first_build, 1), "edit_shown_s": round(shown, 1),
                "site_current_s": round(time.perf_counter() - saved, 1)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        target.write_text(original, encoding="utf-8")


# ---------------------------------------------------------------------------------------------- browser
class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(pathlib.Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: pathlib.Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_SubPathHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


# Records when the first search result appears (a MutationObserver, so the time is the page's own).
_OBSERVE_RESULTS = """
window.__firstResult = null;
new MutationObserver(() => {
  if (window.__firstResult === null && document.querySelector('.md-search-result__item'))
    window.__firstResult = performance.now();
}).observe(document, {childList: true, subtree: true});
"""

_RESOURCES = """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(e => ({url: e.name, transfer: e.transferSize, body: e.encodedBodySize, end: e.responseEnd}))"""


def _gzip_estimate(site: pathlib.Path, base: str, url: str, body: int) -> int:
    """What GitHub Pages would send: text files gzip-compressed, others as they are."""
    rel = url.split("#")[0].split("?")[0].removeprefix(base)
    path = site / rel
    if path.is_dir() or rel.endswith("/") or rel == "":
        path = path / "index.html"
    if path.suffix in (".html", ".json", ".js", ".css", ".svg", ".xml", ".txt") and path.is_file():
        return len(gzip.compress(path.read_bytes(), 6))
    return body


def _size_on_disk(site: pathlib.Path, base: str, url: str) -> int:
    path = site / url.split("#")[0].split("?")[0].removeprefix(base)
    return path.stat().st_size if path.is_file() else 0


def browser_figures(site: pathlib.Path, paper_slug: str, timeout_s: float = 600) -> dict:
    from playwright.sync_api import sync_playwright
    figures: dict = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # 1. A fresh visit (empty cache) to the home page; the reader clicks the search box as soon as the
            #    page has loaded and types the query. The click starts fetching Pagefind's entry files; the
            #    query fetches the index chunks and result fragments it needs.
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(_OBSERVE_RESULTS)
            # Pagefind fetches from a web worker, which the page's resource timing does not see.
            requested: list[str] = []
            context.on("requestfinished", lambda request: requested.append(request.url))
            page.goto(base, wait_until="load")
            start = page.evaluate("performance.now()")
            page.locator(".md-search__input").first.click()
            typed = page.evaluate("performance.now()")
            page.fill("input.md-search__input", QUERY)
            # Filling inserts the text at once, as an IME commit does (see test_browser.py).
            try:
                page.wait_for_selector(".md-search-result__item", timeout=timeout_s * 1000)
                first = page.evaluate("window.__firstResult")
                fetched = sorted({url for url in requested if "/pagefind/" in url})
                figures["search_typed_at_ms"] = round(start)  # the click, after navigation start
                # From the click on the box, which starts loading Pagefind: the stricter figure, and the
                # target's. A reader types some time after the click; here the query follows at once.
                figures["search_first_results_ms"] = round(first - start)
                figures["search_first_results_after_fill_ms"] = round(first - typed)
                figures["search_requests"] = len(fetched)
                figures["search_fetched_bytes"] = sum(_gzip_estimate(site, base, url, _size_on_disk(site, base, url))
                                                      for url in fetched)
                figures["search_results"] = page.locator(".md-search-result__item").count()
            except Exception as error:  # a timeout is a figure too
                figures["search_first_results_ms"] = None
                figures["search_error"] = str(error).splitlines()[0]
            context.close()
            # 2. A fresh visit to a paper page: every byte it transfers until the network is idle.
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}papers/{paper_slug}/", wait_until="networkidle", timeout=timeout_s * 1000)
            resources = page.evaluate(_RESOURCES)
            context.close()
            figures["paper_page"] = f"papers/{paper_slug}/"
            figures["paper_visit_requests"] = len(resources)
            figures["paper_visit_bytes"] = sum(r["transfer"] for r in resources)
            figures["paper_visit_gzip_estimate_bytes"] = sum(_gzip_estimate(site, base, r["url"], r["body"])
                                                             for r in resources)
            figures["paper_visit_largest"] = [
                {"url": r["url"].removeprefix(base), "bytes": r["transfer"]}
                for r in sorted(resources, key=lambda r: -r["transfer"])[:4]]
        finally:
            browser.close()
    return figures


# ---------------------------------------------------------------------------------------------- report
def _mb(n: int | None) -> str:
    return "n/a" if n is None else f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def print_size(size: int, f: dict) -> None:
    print(f"\n== {size} papers ==", flush=True)
    print(f"  load + validate   {f['load_validate_s']:8.2f} s")
    print(f"  generate          {f['generate_s']:8.2f} s   ({f['files']} files; peak memory {_mb(f['generate_peak_bytes'])})")
    print(f"  mkdocs build      {f['mkdocs_build_s']:8.2f} s   (peak memory {_mb(f['mkdocs_peak_bytes'])}; of it: our "
          f"generation {f['in_build_generate_s']} s, Pagefind {f['in_build_pagefind_s']} s, MkDocs and its plugins "
          f"{f['mkdocs_build_s'] - (f['in_build_generate_s'] or 0) - (f['in_build_pagefind_s'] or 0):.1f} s)")
    print(f"  our share         {100 * (f['load_validate_s'] + f['generate_s']) / f['mkdocs_build_s']:8.1f} %   "
          "(load + validate + generate, of the mkdocs build, which runs them)")
    print(f"  search index      {_mb(f['search_index_bytes']):>10} raw, {_mb(f['search_index_gzip_bytes'])} gzip"
          f"   (pagefind/, {f['search_index_files']} files, fetched in parts on demand)")
    print(f"  site              {_mb(f['site_bytes']):>10} in {f['site_files']} files, {f['html_pages']} HTML pages")
    print(f"  largest page      {_mb(f['largest_page_bytes']):>10}   {f['largest_page']}")
    if f.get("largest_compare_page"):
        print(f"  largest comparison{_mb(f['largest_compare_bytes']):>10} raw, {_mb(f['largest_compare_gzip_bytes'])} gzip"
              f"   {f['largest_compare_page']}")
        print(f"  two papers side by side {_mb(f['pair_view_bytes']):>6} raw, {_mb(f['pair_view_gzip_bytes'])} gzip"
              "   (the page, the index of papers and two papers' data)")
    inc = f.get("incremental")
    if inc:
        for what in ("summary", "title"):
            written = inc[what]["written"]
            print(f"  edit one {what:8} rewrites {len(written)} file(s), {inc[what]['unchanged']} unchanged"
                  f", {len(inc[what]['rewritten_with_same_content'])} of them with the content they had: "
                  + ", ".join(written[:8]) + (" ..." if len(written) > 8 else ""))
    served = f.get("serve")
    if served:
        if "error" in served:
            print(f"  mkdocs serve      {served['error']}")
        else:
            print(f"  mkdocs serve      {served['edit_shown_s']:8.1f} s   from saving one paper's YAML until the served page "
                  f"shows the change (target: within 10 s at 500 papers); {served['site_current_s']} s until every "
                  f"page and the search index are current (first build {served['first_build_s']} s)")
    b = f.get("browser")
    if b:
        if b.get("search_first_results_ms") is not None:
            print(f"  search {QUERY}: first results {b['search_first_results_ms']} ms after the click on the box on "
                  f"a fresh visit, {b.get('search_first_results_after_fill_ms', 'n/a')} ms after the query was typed "
                  f"(clicked {b['search_typed_at_ms']} ms after navigation start, when the page had loaded, and "
                  f"typed at once; search fetched ≈{_mb(b['search_fetched_bytes'])} "
                  f"compressed in {b['search_requests']} requests)")
        else:
            print(f"  search {QUERY}: no results: {b.get('search_error')}")
        print(f"  first visit to {b['paper_page']}: {_mb(b['paper_visit_bytes'])} in {b['paper_visit_requests']} "
              f"requests (≈{_mb(b['paper_visit_gzip_estimate_bytes'])} gzip-compressed as on GitHub Pages); largest: "
              + ", ".join(f"{r['url'] or '/'} {_mb(r['bytes'])}" for r in b["paper_visit_largest"]))


def bench(sizes: list[int], browser_sizes: list[int], keep: bool, json_path: pathlib.Path | None,
          incremental_check: bool = True, serve_sizes: tuple = ()) -> dict:
    results: dict = {"sizes": {}, "browser_sizes": browser_sizes, "query": QUERY}
    work = pathlib.Path(tempfile.mkdtemp(prefix="papersite-bench-"))
    try:
        for size in sizes:
            project = make_project(work / f"p{size}", size)
            print(f"[{size}] corpus written; generating", flush=True)
            figures = run_generate(project)
            figures.pop("written"), figures.pop("unchanged"), figures.pop("removed")
            print(f"[{size}] load+validate {figures['load_validate_s']:.1f} s, generate {figures['generate_s']:.1f} s;"
                  " building", flush=True)
            site = project / "site"
            figures.update(run_mkdocs(project, site))
            figures.update(site_figures(site))
            print(f"[{size}] mkdocs build {figures['mkdocs_build_s']:.1f} s", flush=True)
            if incremental_check:
                figures["incremental"] = incremental(project)
            if size in serve_sizes:
                print(f"[{size}] mkdocs serve: first build, then one paper's YAML saved", flush=True)
                figures["serve"] = serve_latency(project)
            if size in browser_sizes:
                slug = sorted(p.stem for p in (project / "content" / "papers").glob("synthetic-*.yaml"))[-1:] \
                    or sorted(p.stem for p in (project / "content" / "papers").glob("*.yaml"))[-1:]
                figures["browser"] = browser_figures(site, slug[0])
            results["sizes"][str(size)] = figures
            print_size(size, figures)
            if json_path:  # written after every size, so a long run that is stopped still leaves figures
                json_path.parent.mkdir(parents=True, exist_ok=True)
                json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            if not keep:
                shutil.rmtree(project)
    finally:
        if keep:
            print(f"\nprojects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.py", description="Scale benchmark: builds synthetic corpora of the given sizes and prints load, generate and build times, memory, sizes and browser figures.")
    parser.add_argument("--sizes", default="5,50,500,2000", help="comma-separated corpus sizes (default 5,50,500,2000)")
    parser.add_argument("--browser-sizes", default=None,
                        help="comma-separated sizes whose sites are measured in the browser "
                             "(default 500 and 2000 where given, else the largest size)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    parser.add_argument("--no-incremental", action="store_true",
                        help="skip the one-paper edit check (two more generations per size)")
    parser.add_argument("--serve-sizes", default="50,500",
                        help="comma-separated sizes at which to time `mkdocs serve` after one paper is saved "
                             "(default 50,500 where given; 'none' to skip)")
    parser.add_argument("--json", type=pathlib.Path, default=None, help="write the figures as JSON to this path")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes expects numbers separated by commas, got {args.sizes!r}")
    if not sizes or min(sizes) < 5:
        parser.error("every size must be at least 5 (the real papers)")
    if args.no_browser:
        browser_sizes = []
    elif args.browser_sizes:
        browser_sizes = [int(s) for s in args.browser_sizes.split(",") if s.strip()]
    else:
        browser_sizes = [s for s in sizes if s in (500, 2000)] or [max(sizes)]
    serve_sizes = () if args.serve_sizes == "none" else tuple(
        s for s in (int(v) for v in args.serve_sizes.split(",") if v.strip()) if s in sizes)
    bench(sizes, browser_sizes, args.keep, args.json, not args.no_incremental, serve_sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
