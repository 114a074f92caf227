"""Build the site into a fresh folder and put it in place of site/ only when the build
succeeded: a failed build leaves the last good site/ exactly as it was, so nobody serves
or uploads half a site.

    python scripts/build_site.py [--site-dir site] [properdocs build options]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sitelib import ROOT
from sitelib.findings import plural, report
from sitelib.mkdocs_log import Log
from sitelib.site_builder import command


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args, mkdocs_args = parser.parse_known_args(argv)
    site = args.site_dir.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    # Beside site/, so the final renames stay on one file system.
    work = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    try:
        status, findings = _mkdocs_build(work / "new", mkdocs_args)
        if findings:
            report(findings, sys.stderr)
            print(f"{plural(len(findings), 'broken link')} to fix.", file=sys.stderr)
        if status:
            print(f"The build failed: {site.name}/ is unchanged.", file=sys.stderr)
            return status
        if site.exists():
            site.rename(work / "old")
        (work / "new").rename(site)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"Built {pages} pages into {site.name}/.")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _mkdocs_build(site_dir: Path, mkdocs_args) -> tuple[int, list]:
    """Run `properdocs build --strict`, showing only its warnings and errors (not --quiet,
    which drops the warnings --strict counts); link warnings come back as findings."""
    log = Log(ROOT)
    with subprocess.Popen(command("build", "--strict", "--site-dir", str(site_dir),
                                  *mkdocs_args), cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", errors="replace") as build:
        for line in build.stdout:
            shown = log.echo(line)
            if shown is not None:
                sys.stderr.write(shown)
    return build.returncode, log.findings


if __name__ == "__main__":
    sys.exit(main())
