"""Terminology: a Chinese page uses the glossary's Chinese term wherever its English page
uses the English term, and never a rendering the glossary says to avoid.

data/glossary.yml lists the terms (see glossary.py). English terms match
case-insensitively as whole words, plural "s" allowed; front matter, code, HTML comments
and link targets do not count (see markdown_text.prose). Prints
`docs/page.md:LINE: uses "Term"; docs/zh/page.md does not use 术语` or
`docs/zh/page.md:LINE:COL: 工作小组 is not the glossary's term; use 工作组` and exits 1.
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import glossary
from markdown_text import MARKUP, line_of, prose
from site_pages import ROOT, Site, plural


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    message: str
    column: int | None = None

    def __str__(self):
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


def _readable(path: Path) -> str:
    return prose(path.read_text(encoding="utf-8")).replace(MARKUP, "")


def _avoided(chinese: str, file: str, terms) -> list[Finding]:
    findings = []
    for term in terms:
        for wrong in term.avoid:
            start = chinese.find(wrong)
            while start != -1:
                line = line_of(chinese, start)
                column = start - (chinese.rfind("\n", 0, start) + 1) + 1
                findings.append(Finding(file, line, f"{wrong} is not the glossary's term for "
                                        f'"{term.en}"; use {term.zh}', column))
                start = chinese.find(wrong, start + 1)
    return findings


def check_site(site: Site, terms) -> list[Finding]:
    findings = []
    translated = set(site.translated_pages())
    for page in site.translated_pages():
        findings += _avoided(_readable(site.translation_path(page)),
                             site.rel(site.translation_path(page)), terms)
    for page in site.source_pages():
        if page not in translated:
            continue  # translations.py reports missing pages
        english = _readable(site.source_path(page))
        chinese = _readable(site.translation_path(page))
        for term in terms:
            match = term.pattern.search(english)
            if match and term.zh not in chinese:
                findings.append(Finding(
                    site.rel(site.source_path(page)), line_of(english, match.start()),
                    f'uses "{term.en}"; {site.rel(site.translation_path(page))} does not use '
                    f"{term.zh}"))
    return sorted(findings, key=lambda f: (f.file, f.line, f.column or 0, f.message))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    parser.add_argument("--glossary", type=Path, default=glossary.PATH,
                        help=f"the glossary, relative to the project folder "
                             f"(default: {glossary.PATH})")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())
    try:
        terms = glossary.load(site.root / args.glossary, args.glossary.as_posix())
    except glossary.GlossaryError as error:
        print(error, file=sys.stderr)
        return 2
    findings = check_site(site, terms)
    for finding in findings:
        print(finding)
    print(f"glossary check: {len(terms)} terms, {plural(len(findings), 'problem')}",
          file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
