"""Page weight: the gzip-compressed bytes of everything a browser loads on a page's first
visit (empty cache, until the network is idle), as a static host such as GitHub Pages
serves it. The budget covers HTML, CSS, JS, fonts and images; data the page fetches
(search index, sitemaps) is measured and shown apart."""

import gzip
from collections import Counter

from .browsing import visit

KIB = 1024
BUDGETED = ("html", "css", "js", "font", "image")


def kind(content_type: str) -> str:
    mime = content_type.split(";")[0].strip().lower()
    if mime == "text/html":
        return "html"
    if mime == "text/css":
        return "css"
    if mime.endswith("javascript"):
        return "js"
    if mime.startswith(("font/", "application/font")):
        return "font"
    if mime.startswith("image/"):
        return "image"
    return "data"


def gzipped_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def first_load(browser, url, viewport="mobile"):
    """Counter of gzip bytes by kind for a first visit to url, and the files behind it."""
    sizes, files = Counter(), []
    with visit(browser, url, viewport) as record:
        for response in record.responses:
            if response.status != 200:
                continue
            what = kind(response.headers.get("content-type", ""))
            size = gzipped_size(response.body())
            sizes[what] += size
            files.append((what, response.url, size))
    return sizes, files


def budgeted(sizes: Counter) -> int:
    return sum(sizes[k] for k in BUDGETED)


def table(weights: dict) -> str:
    """weights: {page: Counter}; a text table in KiB, budgeted total first."""
    columns = [*BUDGETED, "data"]
    lines = [f"{'page':28} {'total':>7} " + " ".join(f"{c:>6}" for c in columns)
             + "   (KiB gzip; total excludes data)"]
    for page, sizes in weights.items():
        lines.append(f"{page:28} {budgeted(sizes) / KIB:7.1f} "
                     + " ".join(f"{sizes[c] / KIB:6.1f}" for c in columns))
    return "\n".join(lines)
