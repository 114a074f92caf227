"""Chinese typography: half-width punctuation next to Chinese text, and document titles
outside 书名号.

In docs/zh/, a half-width , . : ; ( ) ! ? directly before or after a Chinese character
(spaces between them do not count) must be its full-width form, and so must a straight
double quote " (“ to open, ” to close, counted along the line); a glossary term marked
`document: true` must stand inside 《…》. Code, URLs, link targets, HTML and front matter
are not checked (see markdown_text.prose). Each finding has its line and column.
"""

import re
from pathlib import Path

from sitelib import glossary
from sitelib.findings import Finding
from sitelib.markdown_text import MARKUP, prose
from sitelib.site_pages import Site

FULL_WIDTH = {",": "，", ".": "。", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！",
              "?": "？"}
# CJK ideographs, CJK symbols and punctuation, full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _neighbour(line: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(line) and line[index] in (MARKUP, " "):
        index += step
    return line[index] if 0 <= index < len(line) else ""


def _outside_title_marks(line: str, index: int) -> bool:
    """Whether line[index] is not enclosed by 《 … 》 on its line."""
    return line.rfind("《", 0, index) <= line.rfind("》", 0, index) or "》" not in line[index:]


def check_text(text: str, file: str, documents=()) -> list[Finding]:
    findings = []
    for number, line in enumerate(prose(text).split("\n"), start=1):
        quotes = 0
        for index, char in enumerate(line):
            next_to_chinese = any(CJK.match(_neighbour(line, index, step)) for step in (-1, 1))
            if char == '"':
                quotes += 1
                if next_to_chinese:
                    curly = "“" if quotes % 2 else "”"
                    findings.append(Finding(file, number, index + 1,
                                            f'straight quote " next to Chinese text; use '
                                            f'"{curly}"', "Chinese quotes are “…”"))
            elif char in FULL_WIDTH and next_to_chinese:
                findings.append(Finding(file, number, index + 1,
                                        f'half-width "{char}" next to Chinese text; use '
                                        f'"{FULL_WIDTH[char]}"'))
        for title in documents:
            start = line.find(title)
            while start != -1:
                if _outside_title_marks(line, start):
                    findings.append(Finding(file, number, start + 1,
                                            f"{title} is a document title; write it in "
                                            f"书名号: 《{title}》"))
                start = line.find(title, start + 1)
    return sorted(findings, key=lambda f: (f.line, f.column))


def document_titles(site: Site) -> list[str]:
    """Chinese titles of the glossary's documents (none without a glossary)."""
    path = site.root / glossary.PATH
    if not path.exists():
        return []
    return [term.zh for term in glossary.load(path, glossary.PATH.as_posix()) if term.document]


def check_site(site: Site, files=None) -> list[Finding]:
    paths = files or [site.translation_path(p) for p in site.translated_pages()]
    findings, documents = [], document_titles(site)
    for path in paths:
        path = Path(path).resolve()
        name = site.rel(path) if path.is_relative_to(site.root) else str(path)
        findings += check_text(path.read_text(encoding="utf-8"), name, documents)
    return findings
