"""Terminology: a Chinese page uses the glossary's Chinese term wherever its English page
uses the English term.

data/glossary.yml lists `terms: [{en: Working Group, zh: 工作组, note: …}]`. English
terms match case-insensitively as whole words, plural "s" allowed; front matter, code,
HTML comments and link targets do not count (see markdown_text.prose). Prints
`docs/page.md:LINE: uses "Term"; docs/zh/page.md does not use 术语` and exits 1.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_text import MARKUP, line_of, prose
from site_pages import ROOT, Site

GLOSSARY = Path("data/glossary.yml")


@dataclass(frozen=True)
class Term:
    en: str
    zh: str

    @property
    def pattern(self) -> re.Pattern:
        words = r"\s+".join(re.escape(word) for word in self.en.split())
        return re.compile(rf"(?<![\w-]){words}s?(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    term: Term
    translation: str

    def __str__(self):
        return (f'{self.file}:{self.line}: uses "{self.term.en}"; '
                f"{self.translation} does not use {self.term.zh}")


def load_glossary(path: Path) -> list[Term]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    terms = []
    for number, entry in enumerate(data.get("terms") or [], start=1):
        if not (isinstance(entry, dict) and isinstance(entry.get("en"), str)
                and isinstance(entry.get("zh"), str) and entry["en"].strip()
                and entry["zh"].strip()):
            raise ValueError(f"{path}: term {number}: needs an `en` and a `zh` text")
        terms.append(Term(entry["en"].strip(), entry["zh"].strip()))
    if not terms:
        raise ValueError(f"{path}: no `terms`")
    return terms


def _readable(path: Path) -> str:
    return prose(path.read_text(encoding="utf-8")).replace(MARKUP, "")


def check_site(site: Site, terms: list[Term]) -> list[Finding]:
    findings = []
    translated = set(site.translated_pages())
    for page in site.source_pages():
        if page not in translated:
            continue  # translations.py reports missing pages
        english = _readable(site.source_path(page))
        chinese = _readable(site.translation_path(page))
        for term in terms:
            match = term.pattern.search(english)
            if match and term.zh not in chinese:
                findings.append(Finding(site.rel(site.source_path(page)),
                                        line_of(english, match.start()), term,
                                        site.rel(site.translation_path(page))))
    return sorted(findings, key=lambda f: (f.file, f.line, f.term.en))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    parser.add_argument("--glossary", type=Path, default=GLOSSARY,
                        help=f"the glossary, relative to the project folder (default: {GLOSSARY})")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())
    try:
        terms = load_glossary(site.root / args.glossary)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    findings = check_site(site, terms)
    for finding in findings:
        print(finding)
    print(f"glossary check: {len(terms)} terms, {len(findings)} problems", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
