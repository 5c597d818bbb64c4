"""Serve a built site under a sub-path on 127.0.0.1, as GitHub Pages serves it under /<repo>/."""
from __future__ import annotations

import contextlib
import functools
import http.server
import pathlib
import threading

SUB_PATH = "/npf-digital-trade/"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(pathlib.Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, *args):  # keep test output quiet
        pass


@contextlib.contextmanager
def serve(site: pathlib.Path):
    """Yields the base URL, e.g. http://127.0.0.1:PORT/npf-digital-trade/."""
    handler = functools.partial(_SubPathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
