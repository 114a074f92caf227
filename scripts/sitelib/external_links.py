"""The addresses on other websites that the built site links to, and where editors wrote
each one: the Markdown file and line, or the line of mkdocs.yml `extra.links` that names
it, with every Markdown line that uses that name.

Read from the built HTML of every language (the Traditional Chinese pages included, which
exist only there), so an address counts wherever a reader can follow it.
"""

import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from sitelib.markdown_text import REFERENCE, without_code
from sitelib.site_pages import parse_config

# Where an editor or a maintainer can write an address.
SOURCES = ("mkdocs.yml", "docs", "locales", "overrides", "data")
TEXT_FILES = {".md", ".yml", ".yaml", ".html", ".json", ".js", ".css", ".txt"}


@dataclass(frozen=True)
class Place:
    file: str  # as the editor sees it: docs/zh/membership.md
    line: int
    text: str  # that line, trimmed: what to look for


@dataclass
class Address:
    url: str
    pages: set[str] = field(default_factory=set)  # built pages, every language
    names: list[str] = field(default_factory=list)  # its names under mkdocs.yml extra.links
    places: list[Place] = field(default_factory=list)  # where it is written or used


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value.strip() for key, value in attrs if key in ("href", "src") and value]


def in_site(site: Path, own: tuple[str, ...]) -> dict[str, set[str]]:
    """{address: {pages}}: every http(s) address in a link or resource of the built
    pages that is not under one of the `own` prefixes (the site, its repository)."""
    found: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.found:
            if url.startswith(("http://", "https://")) and not url.startswith(own):
                found.setdefault(url, set()).add(page.relative_to(site).as_posix())
    return found


def site_address(site: Path) -> str:
    """The address the site was built for: its home page's canonical link."""
    parser = _Canonical()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return parser.href


class _Canonical(HTMLParser):
    href = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.href = values["href"]


def _source_files(root: Path):
    for name in SOURCES:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in TEXT_FILES and p.is_file())


def _written(url: str) -> re.Pattern:
    """The address as written, not as the start of a longer one."""
    return re.compile(re.escape(url) + r"(?![^\s<>\"'()\[\]`])")


def locate(root: Path, urls) -> list[Address]:
    """Each address with where it is written (and, for an extra.links name, used)."""
    links = (parse_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
             .get("extra") or {}).get("links") or {}
    files = {path: path.read_text(encoding="utf-8") for path in _source_files(root)}
    addresses = []
    for url in sorted(urls):
        address, pattern = Address(url), _written(url)
        names = {name.lower() for name, value in links.items() if value == url}
        for path, text in files.items():
            rel = path.relative_to(root).as_posix()
            for number, line in enumerate(text.splitlines(), start=1):
                if pattern.search(line):
                    address.places.append(Place(rel, number, line.strip()))
                    if rel == "mkdocs.yml":
                        written = re.match(r"\s*([\w-]+):", line)
                        if written and written[1].lower() in names:
                            address.names.append(written[1])
        if names:
            address.places += _uses(root, files, names)
        addresses.append(address)
    return addresses


def _uses(root: Path, files: dict[Path, str], names: set[str]) -> list[Place]:
    """The Markdown lines that link with one of these extra.links names."""
    places = []
    for path, text in files.items():
        if path.suffix != ".md":
            continue
        lines = text.splitlines()
        for number, line in enumerate(without_code(text).splitlines(), start=1):
            if any((label or words).lower() in names for words, label in REFERENCE.findall(line)):
                places.append(Place(path.relative_to(root).as_posix(), number,
                                    lines[number - 1].strip()))
    return places


class UnknownBase(ValueError):
    """The commit to compare with is not in this clone."""


def new_since(root: Path, base: str, urls) -> set[str]:
    """The addresses written nowhere in the project at commit `base` (a pull request's
    base): those a change adds."""
    new = set()
    for url in urls:
        found = subprocess.run(["git", "grep", "-q", "-F", "-e", url, base, "--", *SOURCES],
                               cwd=root, capture_output=True, text=True, check=False)
        if found.returncode > 1:
            raise UnknownBase(f"cannot read commit {base!r}: {found.stderr.strip()}")
        if found.returncode == 1:
            new.add(url)
    return new
