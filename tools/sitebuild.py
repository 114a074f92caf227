"""Build the real site and serve it on 127.0.0.1 under a project sub-path, as GitHub
Pages does (https://ORG.github.io/REPO/). Shared by the tests, bench and audit scripts."""

import contextlib
import functools
import gzip
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sitelib import ROOT
from sitelib.site_builder import command

SUBPATH = "asi"  # the site is served at /asi/, like a GitHub Pages project site


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(dest):
    """Copy what a build reads (config, pages, theme, hooks, data) into dest, so a test can
    change it without touching the real project. Returns dest."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("docs", "overrides", "scripts", "data", "locales"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def build(site_dir, site_url, config=ROOT / "mkdocs.yml", extra_env=None):
    """Run the real `properdocs build --strict`; return the completed process."""
    # REPO_URL (set on CI) only where a test asks for it, so every machine builds alike.
    env = {key: value for key, value in os.environ.items() if key != "REPO_URL"}
    env.update({"SITE_URL": site_url, **(extra_env or {})})
    return subprocess.run(
        command("build", "--strict", "--site-dir", str(site_dir), config=config),
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


class _PagesHandler(SimpleHTTPRequestHandler):
    """Static files, with GitHub Pages' behaviour of answering a miss with /404.html."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUBPATH / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class _GzipPagesHandler(_PagesHandler):
    """As GitHub Pages does, files go gzip-compressed to clients that accept it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A download the browser gave up (search aborts superseded queries' downloads)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root_dir, port, compress=False):
    """Serve root_dir (holding the site in SUBPATH/) on 127.0.0.1:port in a thread;
    compress=True sends gzip like a real host (for Lighthouse's timings)."""
    handler_class = _GzipPagesHandler if compress else _PagesHandler
    handler = functools.partial(handler_class, directory=str(root_dir))
    server = _QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/{SUBPATH}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path():
    """Debian's chromium, or the browser named by $CHROMIUM (e.g. Chrome on CI runners)."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError("Chromium is missing: run `make test` (as root) or "
                           "`sudo apt-get install chromium`")
    return path


# Flags for a headless Chromium on a machine with no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
