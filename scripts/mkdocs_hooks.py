"""MkDocs hooks: the only place that knows about MkDocs. In: MkDocs events. Out: a call to the
generator before every build (which stops the build with every content problem), watches on content/ and
the templates so `mkdocs serve` regenerates when they change, and after the build the pages the i18n
plugin misplaces, the redirects and the Pagefind search index."""
from __future__ import annotations

import atexit
import logging
import pathlib
import shutil
import sys
import tempfile
import time

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.utils import clean_directory

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from papersite import incremental, parallel  # noqa: E402
from papersite.build import GENERATED_DIRS  # noqa: E402
from papersite.markers import MARKER, expand_markers  # noqa: E402
from papersite.problems import ContentError  # noqa: E402
from papersite.render import strings  # noqa: E402
from papersite.sitemap import english_sitemap  # noqa: E402
from papersite.publicurls import redirect_pages  # noqa: E402
from papersite.search_index import SearchIndexError, build_search_index  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
# What each of our steps took, in the build's log; scripts/bench.py reads these lines.
log = logging.getLogger("mkdocs.hooks.papersite")


# This build's plan (the hook module is loaded afresh with each configuration, so with each build of
# `mkdocs serve`; what lasts between builds is in papersite.incremental).
_state: dict = {}

DIRTY_WARNING = "A 'dirty' build is being performed"


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    # `mkdocs serve --dirty` warns on every build that a dirty build may leave links stale, which a strict
    # build counts as a failure. Here the generator decides what must be converted again (a change to
    # every page empties the site first: papersite/incremental.py), so the warning is dropped; any other
    # warning still stops the build. tests/site_tests/test_serve.py fails if MkDocs changes the message.
    return not (record.levelno == logging.WARNING and record.getMessage().startswith(DIRTY_WARNING))


def on_startup(command, dirty=False, **kwargs):
    # `mkdocs serve` runs a file watcher and a web server in other threads: the generator then stays
    # in one process (a fork would copy only this thread, and a lock another one held stays locked).
    serving = command == "serve"
    incremental.session(ROOT, quick_builds=serving and dirty, workers=1 if serving else None)
    if serving and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def on_pre_build(config, **kwargs):
    # mkdocs-static-i18n runs a build per language, so this event fires twice for one `mkdocs build`;
    # the second finds nothing changed (Plan "none").
    session = incremental.session(ROOT)
    started = time.perf_counter()
    try:
        plan = session.build(config["site_url"])
    except ContentError as error:
        lines = "\n".join(str(problem) for problem in error.problems)
        raise Abort(f"content problems, nothing was built:\n{lines}\n{len(error.problems)} problem(s)")
    if plan.kind != "none":
        _state["plan"] = plan
        workers = session.workers or parallel.workers_for(len(session.corpus.papers))
        log.info("papersite: generated the pages in %.2f s (%d process%s; %s; %s)", time.perf_counter() - started,
                 workers, "" if workers == 1 else "es", plan.kind, plan.report)
        if plan.clean_site and session.quick_builds:
            # A dirty build converts only pages whose Markdown is newer than their HTML; what changed
            # here shows on every page, so remove the HTML and every page is converted again.
            clean_directory(config["site_dir"])
    # The footer shows the site's version (docs/overrides/partials/copyright.html).
    config["extra"]["site_version"] = session.corpus.site.version
    config["extra"]["site_labels"] = {key: strings()[key] for key in ("version", "changelog")}


# After mkdocs-static-i18n's (priority -100), which gives each file its language's destination.
@event_priority(-110)
def on_files(files, config, **kwargs):
    plan = _state.get("plan")
    if plan is None or not incremental.session(ROOT).quick_builds:
        return files
    # Hand-written pages with markers show the corpus (markers.py) but their Markdown did not change: a
    # dirty build would keep their old HTML. Without it, they are converted again.
    for file in files.documentation_pages():
        source = file.abs_src_path
        if source and not file.src_uri.startswith(tuple(f"{d}/" for d in GENERATED_DIRS)) \
                and MARKER.search(pathlib.Path(source).read_text(encoding="utf-8")):
            pathlib.Path(file.abs_dest_path).unlink(missing_ok=True)
    # Nor would it remove the HTML of a page whose Markdown the generator removed (a paper deleted).
    english = config["theme"]["language"] == "en"
    site = pathlib.Path(config["site_dir"])  # the root in both languages' builds; English pages go under en/
    for rel in plan.report.removed:
        if rel.endswith(".md") and rel.endswith(".en.md") == english:
            page = f"en/{rel[:-len('.en.md')]}" if english else rel[:-len(".md")]
            (site / page / "index.html").unlink(missing_ok=True)
        elif not rel.endswith(".md") and not english:
            (site / rel).unlink(missing_ok=True)
    return files


def on_post_page(output, page, config, **kwargs):
    _state["converted"] = _state.get("converted", 0) + 1  # a dirty build converts only what changed
    return output


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
    # A quick build (incremental.py) asks for its follow-up by touching a file in a folder watched here.
    session = incremental.session(ROOT)
    if session.quick_builds:
        folder = pathlib.Path(tempfile.mkdtemp(prefix="papersite-follow-up-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        session.follow_up_file = folder / "follow-up"
        server.watch(str(folder))
    return server


def on_page_markdown(markdown, page, config, files, **kwargs):
    lang = "en" if page.file.src_uri.endswith(".en.md") else "zh"
    try:
        return expand_markers(markdown, incremental.session(ROOT).corpus, lang, page.file.src_uri)
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
    session = incremental.session(ROOT)
    session.finish()
    plan = _state.get("plan")
    if plan is not None and plan.kind == "quick":
        # The edited paper's pages are built; the rest, and the search index, in the follow-up build.
        log.info("papersite: %s page(s) of the edited paper(s) built; the rest follows", len(plan.report.written))
        session.follow_up_file.write_text(str(time.time_ns()), encoding="utf-8")
        return
    if session.quick_builds and not _state.get("converted"):
        return  # a dirty build that converted no page: the search index is still right
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
    redirects = incremental.session(ROOT).corpus.redirects
    for rel, text in sorted(redirect_pages(redirects, site_url).items()):
        path = site / rel
        prefix = "en/" if rel.startswith("en/") else ""
        entry = next(e for e in redirects if rel == f"{prefix}{e['old']}index.html")
        target = site / prefix / entry["new"].split("#")[0] / "index.html"
        if path.exists():
            raise Abort(f"content/redirects.yaml: {entry['old']} is still a page; remove the redirect or the page")
        if not target.is_file():
            raise Abort(f"content/redirects.yaml: {entry['new']} (target of {entry['old']}) is not a page")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
