"""Reading the membership pack's PDFs with Poppler's tools (poppler-utils: pdfinfo,
pdffonts, pdftotext, pdftohtml), for the tests and `make bench`."""

import re
import subprocess
import zlib
from html import unescape
from pathlib import Path

from sitelib import ROOT
from sitelib.pack_document import file_name
from sitelib.site_pages import Site

PROJECT = Site(ROOT)
PACK = PROJECT.config["extra"]["pack"]


def pdf_path(site: Path, language) -> Path:
    return site / language.path / file_name(PACK["file"], language)


def _run(*command) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def info(path: Path) -> dict[str, str]:
    """pdfinfo's fields: {'Title': ..., 'Tagged': 'yes', ...}."""
    fields = (line.split(":", 1) for line in _run("pdfinfo", str(path)).splitlines())
    return {field[0]: field[1].strip() for field in fields if len(field) == 2}


def xmp(path: Path) -> str:
    return _run("pdfinfo", "-meta", str(path))


def fonts(path: Path) -> list[dict]:
    """pdffonts' rows: {name, type, emb, sub}; the name without its subset prefix."""
    rows = []
    for line in _run("pdffonts", str(path)).splitlines()[2:]:
        name, *rest = line.split()
        emb, sub, _uni = rest[-5:-2]
        rows.append({"name": name.split("+", 1)[-1], "subset": "+" in name,
                     "emb": emb, "sub": sub})
    return rows


def text(path: Path, raw: bool = True) -> str:
    """The text; raw: in the order it was drawn (a table cell's lines together)."""
    return _run("pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", str(path), "-")


def squeezed(text: str) -> str:
    """Text without any white space: line breaks fall anywhere in Chinese, and in English
    after a hyphen; comparisons ignore them."""
    return re.sub(r"\s+", "", text)


def outline_and_links(path: Path) -> tuple[list[tuple[int, str, int]], list[tuple[str, str]]]:
    """([(level, title, page)] of the bookmarks, [(href, text)] of the links): from
    pdftohtml -xml, where a link to a place in the document is 'NAME.html#PAGE'."""
    xml = _run("pdftohtml", "-xml", "-i", "-stdout", "-q", str(path))
    outline, level = [], 0
    for match in re.finditer(r"<(/?)outline>|<item page=\"(\d+)\">([^<]*)</item>", xml):
        if match[1] == "/":
            level -= 1
        elif match[2] is None:
            level += 1
        else:
            outline.append((level, unescape(match[3]), int(match[2])))
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', xml)
    return outline, [(unescape(href), unescape(re.sub(r"<[^>]+>", "", inner)))
                     for href, inner in links]


def catalog_language(path: Path) -> str | None:
    """The document's /Lang (its catalog sits in a compressed object stream)."""
    data = path.read_bytes()
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            found = re.search(rb"/Lang\s*\(([^)]*)\)", zlib.decompress(data[match.end():end]))
        except zlib.error:
            continue
        if found:
            return found[1].decode("ascii")
    return None
