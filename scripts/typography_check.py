"""Chinese typography: half-width punctuation next to Chinese text.

In docs/zh/, a half-width , : ; ( ) ! ? directly before or after a Chinese character
must be its full-width form. Code, URLs, link targets, HTML and front matter are not
checked (see markdown_text.prose). Prints file:line:column for each finding and exits 1.

    python scripts/typography_check.py [FILE ...]
"""

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from markdown_text import MARKUP, prose
from site_pages import ROOT, Site

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
# CJK ideographs, CJK symbols and punctuation, full-width forms.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    char: str

    def __str__(self):
        return (f"{self.file}:{self.line}:{self.column}: half-width \"{self.char}\" next to "
                f"Chinese text; use \"{FULL_WIDTH[self.char]}\"")


def _neighbour(line: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(line) and line[index] == MARKUP:
        index += step
    return line[index] if 0 <= index < len(line) else ""


def check_text(text: str, file: str) -> list[Finding]:
    findings = []
    for number, line in enumerate(prose(text).split("\n"), start=1):
        for index, char in enumerate(line):
            if char in FULL_WIDTH and any(
                CJK.match(_neighbour(line, index, step)) for step in (-1, 1)
            ):
                findings.append(Finding(file, number, index + 1, char))
    return findings


def check_site(site: Site, files=None) -> list[Finding]:
    paths = files or [site.translation_path(p) for p in site.translated_pages()]
    findings = []
    for path in paths:
        path = Path(path).resolve()
        name = site.rel(path) if path.is_relative_to(site.root) else str(path)
        findings += check_text(path.read_text(encoding="utf-8"), name)
    return findings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path,
                        help="Markdown files to check (default: every Chinese page)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())
    findings = check_site(site, args.files)
    for finding in findings:
        print(finding)
    checked = len(args.files) or len(site.translated_pages())
    print(f"typography check: {checked} Chinese pages, {len(findings)} problems",
          file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
