"""Check that a built site has the membership pack: for every language of the site, its
PDF in the language's root, and a link to it from the pack's first page. Prints each
PDF with its size; a missing or broken one exits non-zero. The publishing job runs it on
the site it publishes (`make check-pack`; `make pack` builds, then runs it).

    python scripts/check_pack.py [--site-dir site]
"""

import argparse
import posixpath
import sys
from pathlib import Path

from mkdocs.structure.files import File

from sitelib import ROOT
from sitelib.pack_document import file_name
from sitelib.site_pages import Site


def problems_and_sizes(site: Path, project: Site) -> tuple[list[str], dict[str, int]]:
    """([what is wrong], {PDF path in the site: bytes})."""
    pack = project.config["extra"]["pack"]
    use_directory_urls = project.config.get("use_directory_urls", True)
    first = File(pack["pages"][0], "docs", str(site), use_directory_urls).url
    problems, sizes = [], {}
    for language in project.languages.values():
        pdf = language.path + file_name(pack["file"], language)
        path, page = site / pdf, site / language.path / first
        if not path.is_file():
            problems.append(f"{site.name}/{pdf} is missing: the {language.name} membership pack "
                            "was not made (see the build's messages)")
            continue
        if not path.read_bytes().startswith(b"%PDF-"):
            problems.append(f"{site.name}/{pdf} is not a PDF")
            continue
        sizes[pdf] = path.stat().st_size
        href = posixpath.relpath(pdf, posixpath.dirname(language.path + first) or ".")
        if not page.is_file() or f'href="{href}"' not in page.read_text(encoding="utf-8"):
            problems.append(f"{site.name}/{language.path}{first} does not link to {href}")
    return problems, sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    problems, sizes = problems_and_sizes(args.site_dir, Site(ROOT))
    for pdf, size in sizes.items():
        print(f"{args.site_dir.name}/{pdf}: {size / 1024:.0f} KB")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
