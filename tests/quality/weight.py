"""Page weight: the gzip-compressed bytes of everything a browser loads on a page's
first visit (empty cache), as a static host such as GitHub Pages serves it."""

import gzip
from collections import Counter
from urllib.parse import urlsplit

from .browsing import visit

# What counts, by Playwright resource type; anything else is reported as "other".
KINDS = {"document": "html", "stylesheet": "css", "script": "js", "font": "font",
         "image": "image", "fetch": "data", "xhr": "data"}


def gzipped_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def first_load(browser, url, viewport="desktop"):
    """[(kind, path, gzip bytes)] for every successful response of a first visit to url."""
    with visit(browser, url, viewport) as record:
        return [(KINDS.get(r.request.resource_type, "other"), urlsplit(r.url).path,
                 gzipped_size(r.body())) for r in record.responses if r.status == 200]


def totals(rows):
    by_kind = Counter()
    for kind, _, size in rows:
        by_kind[kind] += size
    return sum(by_kind.values()), dict(by_kind)
