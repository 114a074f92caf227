"""Whether two revisions of the project build the same site, byte for byte: the check
for a change meant to move or tidy code without changing what readers get.

    PYTHONPATH=scripts:tools .venv/bin/python tools/same_site.py REV_A REV_B \
        [--runner-a mkdocs] [--runner-b properdocs]

Each revision is checked out into a temporary folder (git worktree) and built there with
this Python, the same SITE_URL and no REPO_URL, by ProperDocs unless told otherwise
(`--runner-a mkdocs` builds the first one with the old MkDocs, still in the lock as a
library: how the move to ProperDocs was shown to change nothing); prints the files that
differ and exits 1 if any do.
"""

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sitelib import ROOT
from sitelib.site_builder import RUNNER, command

SITE_URL = "http://127.0.0.1:8000/"
RUNNERS = (RUNNER, "mkdocs")


def build_revision(revision: str, work: Path, runner: str = RUNNER) -> Path:
    """Build `revision` of the repository in work/ with `runner`; return its site folder."""
    checkout = work / "checkout"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                    str(checkout), revision], check=True)
    try:
        env = {key: value for key, value in os.environ.items()
               if key not in ("REPO_URL", "PYTHONPATH", "MEMBERSHIP_DATA")}
        env.update({"SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"})  # Material's banner
        built = subprocess.run(command("build", "--strict", "--quiet", "--site-dir",
                                       str(work / "site"), runner=runner,
                                       config=checkout / "mkdocs.yml"),
                               cwd=checkout, env=env, capture_output=True, text=True,
                               check=False)
        if built.returncode:
            raise RuntimeError(f"{revision} does not build:\n{built.stderr}")
        return work / "site"
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                        str(checkout)], check=True)


def differences(a: Path, b: Path, prefix: str = "") -> list[str]:
    """Files present in only one tree, or whose bytes differ."""
    compared = filecmp.dircmp(a, b)
    found = [f"{prefix}{name}" for name in compared.left_only + compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    found += [f"{prefix}{name}" for name in mismatch + errors]
    for name in compared.common_dirs:
        found += differences(a / name, b / name, f"{prefix}{name}/")
    return sorted(found)


def compare(revision_a: str, revision_b: str, runner_a: str = RUNNER,
            runner_b: str = RUNNER) -> list[str]:
    with tempfile.TemporaryDirectory() as work_a, tempfile.TemporaryDirectory() as work_b:
        return differences(build_revision(revision_a, Path(work_a), runner_a),
                           build_revision(revision_b, Path(work_b), runner_b))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs=2, metavar="REV")
    parser.add_argument("--runner-a", choices=RUNNERS, default=RUNNER)
    parser.add_argument("--runner-b", choices=RUNNERS, default=RUNNER)
    args = parser.parse_args(argv)
    differing = compare(*args.revisions, args.runner_a, args.runner_b)
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(differing)} files differ" if differing else "The two sites are the same.")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
