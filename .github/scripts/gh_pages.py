"""Writes into the gh-pages branch, which GitHub Pages serves (Settings → Pages → Source:
Deploy from a branch, gh-pages, / (root)). Standard library and git only: the workflows
run it from the default branch, never from a pull request.

    python .github/scripts/gh_pages.py publish site/      # the published site, at the root
    python .github/scripts/gh_pages.py preview 12 site/   # pr-preview/pr-12/
    python .github/scripts/gh_pages.py remove 12          # delete pr-preview/pr-12/
    python .github/scripts/gh_pages.py keep 12 15         # delete every other preview

`publish` replaces everything except pr-preview/ (and CNAME, which GitHub writes there
for a custom domain), so publishing main never deletes a preview; the preview commands
touch nothing outside pr-preview/. Each run fetches the branch's tip, changes it,
commits and pushes; when another run pushed first, it starts again from the new tip (the
two change different folders). GH_PAGES_REMOTE is the
repository (default: this one on GitHub), GITHUB_TOKEN the token that may push.
"""

import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BRANCH = "gh-pages"
PREVIEWS = "pr-preview"
KEPT = (".git", PREVIEWS, "CNAME")  # what publishing the site leaves as it is
ATTEMPTS = 5


def git(work: Path, *args: str, check=True) -> subprocess.CompletedProcess:
    token = os.environ.get("GITHUB_TOKEN")
    auth = []
    if token:  # as actions/checkout does, without writing the token to a file
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        auth = ["-c", f"http.extraheader=AUTHORIZATION: basic {basic}"]
    return subprocess.run(["git", "-C", str(work), *auth, *args], check=check, text=True,
                          capture_output=True)


def remote() -> str:
    return os.environ.get("GH_PAGES_REMOTE") or (
        f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}.git")


def checkout(work: Path) -> None:
    """The branch's tip in work/ (a new, empty branch when there is none yet)."""
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", remote())
    if git(work, "fetch", "-q", "--depth", "1", "origin", BRANCH, check=False).returncode:
        git(work, "checkout", "-q", "--orphan", BRANCH)
    else:
        git(work, "checkout", "-q", "-B", BRANCH, "FETCH_HEAD")


def publish(work: Path, site: Path) -> str:
    if (site / PREVIEWS).exists():
        raise SystemExit(f"{site}/{PREVIEWS} exists: the site must not hold previews")
    for path in work.iterdir():
        if path.name not in KEPT:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(site, work, dirs_exist_ok=True)
    (work / ".nojekyll").touch()  # serve the files as they are, without Jekyll
    return "Publish the site"


def preview(work: Path, number: str, site: Path) -> str:
    folder = work / PREVIEWS / f"pr-{number}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(site, folder)
    (work / ".nojekyll").touch()
    return f"Preview of pull request {number}"


def remove(work: Path, *numbers: str) -> str:
    for number in numbers:
        shutil.rmtree(work / PREVIEWS / f"pr-{number}", ignore_errors=True)
    return f"Remove the preview of pull request {', '.join(numbers)}"


def keep(work: Path, *numbers: str) -> str:
    """Remove every preview whose pull request is not in numbers (the open ones)."""
    folder = work / PREVIEWS
    gone = sorted(p.name.removeprefix("pr-") for p in folder.glob("pr-*")
                  if p.name.removeprefix("pr-") not in numbers) if folder.is_dir() else []
    return remove(work, *gone) if gone else "Nothing to clean up"


COMMANDS = {"publish": publish, "preview": preview, "remove": remove, "keep": keep}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    command, *args = argv
    numbers = args[:-1] if command in ("publish", "preview") else args
    if not all(re.fullmatch(r"[1-9][0-9]{0,6}", n) for n in numbers):
        print(f"not pull request numbers: {numbers}", file=sys.stderr)
        return 2
    if command in ("publish", "preview"):
        args = [*args[:-1], Path(args[-1]).resolve()]
    for _ in range(ATTEMPTS):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            checkout(work)
            message = COMMANDS[command](work, *args)
            git(work, "add", "-A")
            if not git(work, "status", "--porcelain").stdout.strip():
                print(f"{message}: nothing changed")
                return 0
            git(work, "-c", "user.name=github-actions[bot]",
                "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com",
                "commit", "-q", "-m", message)
            if not git(work, "push", "-q", "origin", f"HEAD:{BRANCH}", check=False).returncode:
                print(f"{message}: pushed to {BRANCH}")
                return 0
        print("Another run pushed first; trying again from the new tip", file=sys.stderr)
    print(f"Could not push to {BRANCH} after {ATTEMPTS} attempts", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
