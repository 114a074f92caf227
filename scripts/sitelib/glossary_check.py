"""Terminology: a Chinese page uses the glossary's Chinese term wherever its English page
uses the English term, and never a rendering the glossary says to avoid.

data/glossary.yml lists the terms (see glossary.py). English terms match
case-insensitively as whole words, plural "s" allowed; front matter, code, HTML comments
and link targets do not count (see markdown_text.prose). Prints
`docs/page.md:LINE: uses "Term"; docs/zh/page.md does not use 术语` or
`docs/zh/page.md:LINE:COL: 工作小组 is not the glossary's term; use 工作组`.
"""

from pathlib import Path

from sitelib.findings import Finding
from sitelib.markdown_text import MARKUP, line_of, prose
from sitelib.site_pages import Site


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
                findings.append(Finding(file, line, column, f"{wrong} is not the glossary's "
                                        f'term for "{term.en}"; use {term.zh}'))
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
                    site.rel(site.source_path(page)), line_of(english, match.start()), None,
                    f'uses "{term.en}"; {site.rel(site.translation_path(page))} does not use '
                    f"{term.zh}"))
    return sorted(findings, key=Finding.sort_key)
