"""Screenshots of every kind of page, as a reader sees them. In: a built site folder and an output folder.
Out: <out>/<lang>-<kind>-<width>.png for each kind of page (home, a paper, the papers list, each
comparison, the glossary, …; one page of each kind), in both languages, at 390 px (a phone) and 1280 px
(a desktop), full page at 390 px capped at 6 screens and one screen at 1280 px, plus a line per shot
with the page's height and whether it overflows sideways. Needs the test requirements and Debian's
chromium.

    .venv/bin/python scripts/screenshots.py --site /tmp/site --out build/screenshots/after
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))

from site_tests.pages import page_kinds  # noqa: E402
from site_tests.serve import serve  # noqa: E402

WIDTHS = {390: 844, 1280: 900}  # width → viewport height


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for (lang, kind), urls in page_kinds(args.site).items():
            for width, height in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + urls[0], wait_until="networkidle")
                size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
                name = f"{lang}-{kind.strip('/').replace('/', '-').replace('*', 'x') or 'home'}-{width}.png"
                clip = {"x": 0, "y": 0, "width": width, "height": min(size[1], height * (6 if width < 800 else 1))}
                page.screenshot(path=str(args.out / name), clip=clip, full_page=True)
                print(f"{name}: {urls[0] or '/'} height {size[1]} px, width {size[0]} px"
                      f"{'  OVERFLOWS' if size[0] > width else ''}")
                page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
