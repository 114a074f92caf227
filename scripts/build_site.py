"""Build the site into a fresh folder and put it in place of site/ only when the build
succeeded: a failed build leaves the last good site/ exactly as it was, so nobody serves
or uploads half a site.

    python scripts/build_site.py [--site-dir site] [mkdocs build options]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sitelib import ROOT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args, mkdocs_args = parser.parse_known_args(argv)
    site = args.site_dir.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    # Beside site/, so the final renames stay on one file system.
    work = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    try:
        # --quiet: only warnings and errors, which is what an editor needs to read.
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                                "--site-dir", str(work / "new"), *mkdocs_args], cwd=ROOT,
                               check=False)
        if build.returncode:
            print(f"The build failed: {site.name}/ is unchanged.", file=sys.stderr)
            return build.returncode
        if site.exists():
            site.rename(work / "old")
        (work / "new").rename(site)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"Built {pages} pages into {site.name}/.")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
