"""What a page needs to know about the site itself. In: the changelog data, the site URL (from MkDocs,
the SITE_URL variable or mkdocs.yml) and SOURCE_DATE_EPOCH. Out: a SiteInfo with the base URL, the
current version (the changelog's first entry) and the build date (YYYY-MM-DD).

No clock: the build date is SOURCE_DATE_EPOCH when set, else the date of the current version, so
two builds of one commit are byte-identical."""
from __future__ import annotations

import dataclasses
import datetime
import pathlib
import re

_SITE_URL_LINE = re.compile(r'^site_url:\s*!ENV\s*\[\s*SITE_URL\s*,\s*"([^"]*)"\s*\]', re.M)
_PLAIN_SITE_URL = re.compile(r'^site_url:\s*"?([^"\s]+)"?\s*$', re.M)


@dataclasses.dataclass(frozen=True)
class SiteInfo:
    url: str       # base URL ending in /, e.g. https://npf-reader.github.io/npf-digital-trade/
    version: str   # e.g. 0.3.0
    date: str      # YYYY-MM-DD

    def page_url(self, path: str, lang: str) -> str:
        """Absolute URL of a page given its directory path (papers/x/) and language."""
        return self.url + ("en/" if lang == "en" else "") + path


def default_site_url(root: pathlib.Path, environ: dict | None = None) -> str:
    """SITE_URL if set, else the default written in mkdocs.yml, else '/'."""
    if environ and environ.get("SITE_URL"):
        return environ["SITE_URL"]
    config = pathlib.Path(root) / "mkdocs.yml"
    if config.is_file():
        text = config.read_text(encoding="utf-8")
        match = _SITE_URL_LINE.search(text) or _PLAIN_SITE_URL.search(text)
        if match:
            return match.group(1)
    return "/"


def build_date(changelog: list | None, environ: dict | None = None) -> str:
    epoch = (environ or {}).get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%d")
    return str(changelog[0]["date"]) if changelog else "1970-01-01"


def site_info(changelog: list | None, url: str, environ: dict | None = None) -> SiteInfo:
    url = url if url.endswith("/") else url + "/"
    version = str(changelog[0]["version"]) if changelog else "0.0.0"
    return SiteInfo(url=url, version=version, date=build_date(changelog, environ))
