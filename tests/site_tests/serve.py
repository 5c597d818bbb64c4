"""Serve a built site under a sub-path on 127.0.0.1, as GitHub Pages serves it under /<repo>/: with
compress=True, text files go out gzip-compressed to a client that accepts it, as GitHub Pages sends
them (Lighthouse's figures depend on it)."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import pathlib
import threading

SUB_PATH = "/npf-digital-trade/"
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    compress = False
    _gzipped: dict[tuple[str, float], bytes] = {}

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(pathlib.Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        url_path = self.path.split("?")[0].split("#")[0]
        path = self.translate_path(url_path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or not ctype.startswith(COMPRESSED_TYPES):
            return super().send_head()
        key = (path, os.path.getmtime(path))
        if key not in self._gzipped:
            with open(path, "rb") as f:
                self._gzipped[key] = gzip.compress(f.read(), compresslevel=6, mtime=0)
        body = self._gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@contextlib.contextmanager
def serve(site: pathlib.Path, compress: bool = False):
    """Yields the base URL, e.g. http://127.0.0.1:PORT/npf-digital-trade/."""
    handler_class = type("Handler", (_SubPathHandler,), {"compress": compress})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
