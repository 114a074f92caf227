"""The content checks an editor runs before proposing a change (make check-content):
front matter, glossary terms, Chinese typography and the Traditional vocabulary rules, all
in one report.

    python scripts/check_content.py                      # every check, every page
    python scripts/check_content.py glossary             # one check
    python scripts/check_content.py typography docs/zh/membership.md

Each finding is `file:line[:column]: what is wrong — the fix` on stdout; each check ends
with a one-line count on stderr. Exit status 1 when something was found, 2 when the
glossary itself cannot be read.
"""

import argparse
import sys
from pathlib import Path

from sitelib import (
    ROOT,
    conversion,
    front_matter,
    glossary,
    glossary_check,
    membership_data,
    typography_check,
    vocabulary_check,
)
from sitelib.findings import Findings, plural, report
from sitelib.site_pages import Site


def _name(site: Site, path: Path) -> str:
    path = Path(path).resolve()
    return site.rel(path) if path.is_relative_to(site.root) else str(path)


def check_front_matter(site: Site, files) -> tuple[list, str]:
    paths = files or sorted(site.docs_dir.rglob("*.md"))
    findings = []
    for path in paths:
        try:
            front_matter.split(Path(path).read_text(encoding="utf-8"), _name(site, path))
        except front_matter.FrontMatterError as error:
            findings += error.findings
    return findings, f"front matter check: {len(paths)} pages, {plural(len(findings), 'problem')}"


def check_glossary(site: Site, files) -> tuple[list, str]:
    terms = glossary.load(site.root / glossary.PATH, glossary.PATH.as_posix())
    findings = glossary_check.check_site(site, terms)
    return findings, f"glossary check: {len(terms)} terms, {plural(len(findings), 'problem')}"


def check_typography(site: Site, files) -> tuple[list, str]:
    findings = typography_check.check_site(site, files)
    checked = len(files) or len(site.translated_pages())
    return findings, (f"typography check: {plural(checked, 'Chinese page')}, "
                      f"{plural(len(findings), 'problem')}")


def check_vocabulary(site: Site, files) -> tuple[list, str]:
    """data/conversion.yml `vocabulary:` against the Simplified text it converts (the build
    checks it too); a mistake in the rules themselves is raised as Findings."""
    converter = conversion.load(site.root / glossary.PATH, site.root / "data/conversion.yml")
    findings = []
    for language in site.languages.values():
        if language.converted_from:
            findings += vocabulary_check.check(converter, site.root, site.docs_dir,
                                               language.converted_from,
                                               membership_data.data_file(site.root))
    return findings, (f"vocabulary check: {plural(len(converter.vocabulary), 'rule')}, "
                      f"{plural(len(findings), 'problem')}")


CHECKS = {"front-matter": check_front_matter, "glossary": check_glossary,
          "typography": check_typography, "vocabulary": check_vocabulary}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("check", nargs="?", choices=CHECKS, help="one check (default: all)")
    parser.add_argument("files", nargs="*", type=Path,
                        help="pages to check (default: every page the check reads)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())
    status = 0
    for name in [args.check] if args.check else CHECKS:
        try:
            findings, summary = CHECKS[name](site, args.files)
        except Findings as error:  # the glossary itself has a mistake
            report(error.findings, sys.stderr)
            status = 2
            continue
        report(findings)
        print(summary, file=sys.stderr)
        status = max(status, 1 if findings else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
