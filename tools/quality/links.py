"""Crawl the served site with JavaScript off (so the DOM is the HTML as served) and
record, for every internal address: its status, its element ids, and its links."""

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urlsplit
from xml.etree import ElementTree

SITEMAP_LINKS = ("{http://www.sitemaps.org/schemas/sitemap/0.9}loc",
                 "{http://www.w3.org/1999/xhtml}link")

COLLECT = """() => ({
  ids: [...document.querySelectorAll('[id]')].map(e => e.id)
    .concat([...document.querySelectorAll('a[name]')].map(e => e.name)),
  anchors: [...document.querySelectorAll('a[href], area[href]')].map(e => e.href),
  resources: [...document.querySelectorAll(
    'link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src]')]
    .map(e => e.href || e.src),
})"""


@dataclass
class Target:
    status: int
    html: bool = False
    ids: set = field(default_factory=set)
    anchors: list = field(default_factory=list)  # a/area hrefs: navigation
    resources: list = field(default_factory=list)  # link/script/img...: loaded or announced


def crawl(browser, base_url, start_paths):
    """{absolute URL without fragment: Target} for every internal address reachable from
    start_paths through links of any kind."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    found, queue = {}, deque(base_url + path for path in start_paths)
    try:
        while queue:
            url = queue.popleft()
            if url in found:
                continue
            found[url] = target = _fetch(page, url)
            for link in target.anchors + target.resources:
                address, _ = urldefrag(link)
                if is_internal(address, base_url) and address not in found:
                    queue.append(address)
    finally:
        context.close()
    return found


def _fetch(page, url):
    response = page.request.get(url)
    if response.status >= 400:
        return Target(response.status)
    if response.headers.get("content-type", "").startswith("text/html"):
        page.goto(url)
        return Target(response.status, html=True, **page.evaluate(COLLECT))
    if urlsplit(url).path.endswith("sitemap.xml"):
        return Target(response.status, anchors=_sitemap_links(response.body()))
    return Target(response.status)


def _sitemap_links(xml):
    return [element.get("href") or element.text.strip()
            for element in ElementTree.fromstring(xml).iter()
            if element.tag in SITEMAP_LINKS]


def is_internal(url, base_url):
    """Same server: checked. An address on the server but outside the site's sub-path is
    internal too, and broken (the sub-path is the whole site)."""
    return urlsplit(url).netloc == urlsplit(base_url).netloc


def broken_links(source, found, base_url):
    """Internal links of one crawled page whose target or #anchor does not exist."""
    broken = []
    for link in found[source].anchors + found[source].resources:
        address, fragment = urldefrag(link)
        if not is_internal(address, base_url):
            continue
        target = found[address]
        if not address.startswith(base_url) or target.status != 200:
            broken.append(f"{link} ({target.status})")
        elif fragment and unquote(fragment) not in target.ids:
            broken.append(f"{link} (no such anchor)")
    return broken


def reachable(found, start, keep):
    """Addresses reached from start through a/area links to addresses where keep(address)."""
    seen, queue = {start}, deque([start])
    while queue:
        for link in found[queue.popleft()].anchors:
            address, _ = urldefrag(link)
            if address in found and address not in seen and keep(address):
                seen.add(address)
                queue.append(address)
    return seen
