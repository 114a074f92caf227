"""Render the membership tables from data/membership_classes.yml, in English and Chinese.

Every build renders them afresh (scripts/hook_membership_tables.py): the data file is
the only thing anybody edits or commits. This script writes the tables as Markdown to
look at before a build, and the publishing workflow shows them in its job summary:

    python scripts/membership_tables.py           # write data/generated/*.md (make tables)
    python scripts/membership_tables.py --check   # exit 1 and print a diff if they differ
    python scripts/membership_tables.py --data other.yml --out some/folder

Bad data: one line per problem on stderr, exit status 1, nothing written.
"""

import argparse
import difflib
import sys
from pathlib import Path

from sitelib import ROOT, membership_data
from sitelib.file_writes import write_atomically
from sitelib.findings import report_error
from sitelib.membership_tables import generated_files
from sitelib.site_pages import Site

OUT_DIR = ROOT / "data" / "generated"


def _diff(path, old, new):
    name = membership_data.display_name(path)
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        f"{name} (committed)", f"{name} (from the data)"))


def _languages():
    """The languages whose text the data holds (a converted language has none of its own)."""
    return [lang for lang in Site(ROOT).languages.values() if not lang.converted_from]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=membership_data.DATA_FILE,
                        help="the data file (default: data/membership_classes.yml)")
    parser.add_argument("--out", type=Path, default=OUT_DIR,
                        help="folder of the generated files (default: data/generated)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 with a diff if the files are stale")
    args = parser.parse_args(argv)
    try:
        files = generated_files(membership_data.load(args.data), _languages())
    except membership_data.DataError as error:
        report_error(error)
        return 1
    stale = {}
    for name, text in files.items():
        path = args.out / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            stale[path] = (old, text)
    if args.check:
        for path, (old, new) in stale.items():
            print(_diff(path, old, new), end="")
        if stale:
            print("The tables in that folder differ from the data: run `make tables`.",
                  file=sys.stderr)
        return 1 if stale else 0
    for path, (_, new) in stale.items():
        write_atomically(path, new)
        print(f"wrote {membership_data.display_name(path)}")
    if not stale:
        print(f"The data is valid; the tables in {membership_data.display_name(args.out)}/ "
              "were already up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
