"""MkDocs hooks: the only place that knows about MkDocs. In: MkDocs events. Out: a call to the
generator before every build (which stops the build with every content problem), watches on content/ and
the templates so `mkdocs serve` regenerates when they change, and after the build the pages the i18n
plugin misplaces, the redirects and the Pagefind search index."""
from __future__ import annotations

import logging
import os
import pathlib
import sys
import time

from mkdocs.exceptions import Abort

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from papersite import parallel  # noqa: E402
from papersite.build import GENERATED_DIRS, generate  # noqa: E402
from papersite.markers import expand_markers  # noqa: E402
from papersite.problems import ContentError  # noqa: E402
from papersite.render import strings  # noqa: E402
from papersite.sitemap import english_sitemap  # noqa: E402
from papersite.publicurls import redirect_pages  # noqa: E402
from papersite.search_index import SearchIndexError, build_search_index  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
# What each of our steps took, in the build's log; scripts/bench.py reads these lines.
log = logging.getLogger("mkdocs.hooks.papersite")


_state: dict = {}


def on_startup(command, dirty=False, **kwargs):
    # `mkdocs serve` runs a file watcher and a web server in other threads: the generator then stays
    # in one process (a fork would copy only this thread, and a lock another one held stays locked).
    _state["workers"] = 1 if command == "serve" else None


def _inputs_fingerprint(site_url: str) -> tuple:
    """What generate() reads: content/, the generator's code and templates, and the environment that
    sets the site URL and date. Unchanged → the docs/ it wrote are still right."""
    files = [path for folder in ("content", "scripts/papersite") for path in sorted((ROOT / folder).rglob("*"))
             if path.is_file() and "__pycache__" not in path.parts]
    stats = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return stats, site_url, os.environ.get("SITE_URL"), os.environ.get("SOURCE_DATE_EPOCH")


def on_pre_build(config, **kwargs):
    # mkdocs-static-i18n runs a build per language, so this event fires twice for one `mkdocs build`;
    # the second would regenerate the same files. `mkdocs serve` rebuilds change the fingerprint.
    fingerprint = _inputs_fingerprint(config["site_url"])
    if _state.get("fingerprint") != fingerprint:
        try:
            started = time.perf_counter()
            workers = _state.get("workers")
            _state["corpus"] = generate(ROOT, config["site_url"], workers).corpus
            _state["fingerprint"] = fingerprint
            processes = workers or parallel.workers_for(len(_state["corpus"].papers))
            log.info("papersite: generated the pages in %.2f s (%d process%s)", time.perf_counter() - started,
                     processes, "" if processes == 1 else "es")
        except ContentError as error:
            lines = "\n".join(str(problem) for problem in error.problems)
            raise Abort(f"content problems, nothing was built:\n{lines}\n{len(error.problems)} problem(s)")
    # The footer shows the site's version (docs/overrides/partials/copyright.html).
    config["extra"]["site_version"] = _state["corpus"].site.version
    config["extra"]["site_labels"] = {key: strings()[key] for key in ("version", "changelog")}


def on_serve(server, config, builder, **kwargs):
    for folder in ("content", "scripts/papersite"):
        server.watch(str(ROOT / folder))
    # docs/ holds the generator's output too: watched whole, every rebuild that writes it would start
    # another rebuild. Watch the hand-written parts only (the pages beside the folders, assets and
    # theme overrides); the generated folders change when content/ or scripts/ do, which are watched.
    docs = pathlib.Path(config["docs_dir"])
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and p.name not in GENERATED_DIRS):
        server.watch(str(folder))
    return server


def on_page_markdown(markdown, page, config, files, **kwargs):
    lang = "en" if page.file.src_uri.endswith(".en.md") else "zh"
    try:
        return expand_markers(markdown, _state["corpus"], lang, page.file.src_uri)
    except ValueError as error:
        raise Abort(str(error))


def on_post_build(config, **kwargs):
    # mkdocs-static-i18n builds each language into the same site_dir, Chinese first, so the English
    # build's static templates (404.html) overwrite the Chinese ones at the root, where GitHub Pages
    # serves them. Keep the default language's 404 at the root and the English one under en/.
    site = pathlib.Path(config["site_dir"])
    not_found = site / "404.html"
    if config["theme"]["language"] != "en":
        _state["root_404"] = not_found.read_bytes() if not_found.is_file() else None
        return
    english = site / "en"
    if _state.get("root_404") is not None and not_found.is_file():
        (english / "404.html").write_bytes(not_found.read_bytes())
        not_found.write_bytes(_state["root_404"])
    # The i18n plugin writes one sitemap at the root, but Material's language switcher fetches
    # en/sitemap.xml too; give the English site one so that request never fails.
    pages = sorted(p.relative_to(english).parent.as_posix() for p in english.rglob("index.html"))
    (english / "sitemap.xml").write_text(english_sitemap(pages, config["site_url"] or "/"), encoding="utf-8")
    _write_redirects(site, config["site_url"] or "/")
    # Last, once both languages are in site_dir: Pagefind indexes every page of both (one index each).
    try:
        started = time.perf_counter()
        build_search_index(site, ROOT)
        log.info("papersite: Pagefind indexed the site in %.2f s", time.perf_counter() - started)
    except SearchIndexError as error:
        raise Abort(str(error))


def _write_redirects(site: pathlib.Path, site_url: str) -> None:
    """content/redirects.yaml → a redirect page at each old path in both languages. A redirect may
    neither hide a page that exists nor point at one that does not."""
    for rel, text in sorted(redirect_pages(_state["corpus"].redirects, site_url).items()):
        path = site / rel
        prefix = "en/" if rel.startswith("en/") else ""
        entry = next(e for e in _state["corpus"].redirects if rel == f"{prefix}{e['old']}index.html")
        target = site / prefix / entry["new"].split("#")[0] / "index.html"
        if path.exists():
            raise Abort(f"content/redirects.yaml: {entry['old']} is still a page; remove the redirect or the page")
        if not target.is_file():
            raise Abort(f"content/redirects.yaml: {entry['new']} (target of {entry['old']}) is not a page")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
