"""The pages a change touches, one a line with both languages, and whether each Chinese
page is now outdated (see sitelib/changed_pages.py for what counts).

    python scripts/changed_pages.py main          # make changed-pages BASE=main
    python scripts/changed_pages.py --json BASE   # for the pull-request comment

Exit status 2 when BASE is not a commit here.
"""

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from sitelib import ROOT
from sitelib.changed_pages import ChangeError, changed_pages
from sitelib.findings import plural
from sitelib.site_pages import Site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the commit to compare with (main, a branch, a commit)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    if not args.base.strip():
        print("error: say what to compare with, for example: make changed-pages BASE=main",
              file=sys.stderr)
        return 2
    try:
        pages = changed_pages(args.root.resolve(), args.base)
    except ChangeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        # Each page's address in every language, named in its own script, for the
        # pull request's comment (which knows no language of its own).
        table = Site(args.root.resolve()).languages.values()
        print(json.dumps([{**asdict(p), "address": p.address,
                           "links": [{"language": lang.name, "path": lang.path + p.address}
                                     for lang in table]} for p in pages],
                         ensure_ascii=False, indent=2))
        return 0
    for page in pages:
        print(page)
    print(f"{plural(len(pages), 'page')} touched since {args.base}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
