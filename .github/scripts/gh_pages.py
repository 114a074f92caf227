"""Writes into the gh-pages branch: the storage of what GitHub Pages serves, the site at
its root and each pull request's preview in pr-preview/pr-N/. The workflows deploy the
branch's tree with actions/deploy-pages after every change (deploy.yml), so it is never
"built" by Pages itself. Standard library and git only: the workflows run it from the
default branch, never from a pull request.

    python .github/scripts/gh_pages.py publish site/ [--commit SHA]   # the site, at the root
    python .github/scripts/gh_pages.py preview 12 site/   # pr-preview/pr-12/
    python .github/scripts/gh_pages.py remove 12          # delete pr-preview/pr-12/
    python .github/scripts/gh_pages.py keep 12 15         # delete every other preview

`publish` replaces everything except pr-preview/, so publishing main never deletes a
preview; with --commit (the commit of main it was built from, recorded in the commit
message) it does nothing when the branch already holds a newer main: a slow run never
replaces a newer site. The preview commands touch nothing outside pr-preview/.

Each run fetches the branch's tip, changes it, commits and pushes. Only a push rejected
because another run pushed first (non-fast-forward) is tried again, from the new tip,
after a growing pause; any other refusal ends the run with git's own words. A fetch that
fails is an error, never a first run: only a remote that answers and has no gh-pages
branch starts one. GH_PAGES_REMOTE is the repository (default: this one on GitHub),
GITHUB_TOKEN the token that may push.
"""

import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BRANCH = "gh-pages"
PREVIEWS = "pr-preview"
ATTEMPTS = 5
PAUSE = float(os.environ.get("GH_PAGES_PAUSE", "2"))  # seconds before the 1st retry; doubles
# Another run pushed first: refused before sending, or while both pushes were arriving.
REJECTED = re.compile(r"\[rejected\].*\((fetch first|non-fast-forward)\)|\[remote rejected\]"
                      r".*\((cannot lock ref|failed to update ref|incorrect old value)")
SOURCE = re.compile(r"^Source: ([0-9a-f]{40})$", re.M)


class Refused(Exception):
    """Something the run cannot go on from; its message is for the job's log."""


def git(work: Path, *args: str) -> subprocess.CompletedProcess:
    token = os.environ.get("GITHUB_TOKEN")
    auth = []
    if token:  # as actions/checkout does, without writing the token to a file
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        auth = ["-c", f"http.extraheader=AUTHORIZATION: basic {basic}"]
    return subprocess.run(["git", "-C", str(work), *auth, *args], text=True,
                          capture_output=True, check=False)


def must(result: subprocess.CompletedProcess, doing: str) -> subprocess.CompletedProcess:
    if result.returncode:
        raise Refused(f"{doing} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def remote() -> str:
    return os.environ.get("GH_PAGES_REMOTE") or (
        f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}.git")


def checkout(work: Path) -> None:
    """The branch's tip in work/; a new, empty branch only when the remote has none."""
    must(git(work, "init", "-q"), "git init")
    must(git(work, "remote", "add", "origin", remote()), "git remote add")
    listed = git(work, "ls-remote", "--exit-code", "origin", f"refs/heads/{BRANCH}")
    if listed.returncode == 2:  # the remote answered: no such branch
        must(git(work, "checkout", "-q", "--orphan", BRANCH), "git checkout --orphan")
        return
    must(listed, f"Reading {BRANCH} from the repository")
    must(git(work, "fetch", "-q", "--depth", "1", "origin", BRANCH), f"Fetching {BRANCH}")
    must(git(work, "checkout", "-q", "-B", BRANCH, "FETCH_HEAD"), "git checkout")


def check_site(site: Path) -> None:
    """Only folders and plain files: a link could publish a file from outside the site."""
    if not site.is_dir():
        raise Refused(f"{site} is not a folder")
    for path in site.rglob("*"):
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            raise Refused(f"{path.relative_to(site)} in the site is a link or a special "
                          "file: nothing was published")


def published_from(work: Path) -> str | None:
    """The commit of main the branch's site was built from, if its last commit says."""
    found = SOURCE.search(git(work, "log", "-1", "--format=%B").stdout)
    return found[1] if found else None


def newer_is_published(commit: str, work: Path) -> bool:
    """Whether the branch holds a site built from a descendant of `commit`, asked of the
    history of main in the current folder (the workflow's checkout), fetched there if the
    site's commit is newer than the checkout."""
    there = published_from(work)
    if not there or there == commit:
        return False
    here = Path.cwd()
    if git(here, "cat-file", "-e", f"{there}^{{commit}}").returncode:
        git(here, "fetch", "-q", remote(), there)  # not found: a commit gone from main
    return not git(here, "merge-base", "--is-ancestor", commit, there).returncode


def publish(work: Path, site: Path, commit: str | None = None) -> str | None:
    check_site(site)
    if (site / PREVIEWS).exists():
        raise Refused(f"{site}/{PREVIEWS} exists: the site must not hold previews")
    if commit and newer_is_published(commit, work):
        print(f"{BRANCH} already holds the site of a newer commit of main than {commit[:7]}: "
              "nothing to publish")
        return None
    for path in work.iterdir():
        if path.name not in (".git", PREVIEWS):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(site, work, dirs_exist_ok=True)
    return "Publish the site" + (f"\n\nSource: {commit}" if commit else "")


def preview(work: Path, number: str, site: Path) -> str:
    check_site(site)
    folder = work / PREVIEWS / f"pr-{number}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(site, folder)
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


def attempt(command: str, args: list) -> bool:
    """One fetch, change, commit and push; False when another run pushed first."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        checkout(work)
        message = COMMANDS[command](work, *args)
        if message is None:
            return True
        must(git(work, "add", "-A"), "git add")
        if not git(work, "status", "--porcelain").stdout.strip():
            print(f"{message.splitlines()[0]}: nothing changed")
            return True
        must(git(work, "-c", "user.name=github-actions[bot]",
                 "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com",
                 "commit", "-q", "-m", message), "git commit")
        pushed = git(work, "push", "origin", f"HEAD:{BRANCH}")
        if not pushed.returncode:
            print(f"{message.splitlines()[0]}: pushed to {BRANCH}")
            return True
        if not REJECTED.search(pushed.stderr):
            raise Refused(f"Pushing to {BRANCH} failed: {pushed.stderr.strip()}")
        return False


def parse(argv: list[str]):
    """(command, its arguments) or None; --commit SHA goes with publish only."""
    commit = None
    if len(argv) > 2 and argv[-2] == "--commit" and re.fullmatch(r"[0-9a-f]{40}", argv[-1]):
        commit, argv = argv[-1], argv[:-2]
    if not argv or argv[0] not in COMMANDS or (commit and argv[0] != "publish"):
        return None
    command, *args = argv
    folders = 1 if command in ("publish", "preview") else 0
    numbers = args[:len(args) - folders]
    if (len(args) < folders or (command == "preview" and len(numbers) != 1)
            or (command == "publish" and numbers)
            or not all(re.fullmatch(r"[1-9][0-9]{0,6}", n) for n in numbers)):
        return None
    if folders:
        args = [*numbers, Path(args[-1]).resolve()]
    return command, args + ([commit] if commit else [])


def main(argv: list[str]) -> int:
    parsed = parse(argv)
    if parsed is None:
        print(f"not a command this script knows: {argv}\n{__doc__}", file=sys.stderr)
        return 2
    command, args = parsed
    try:
        for number in range(ATTEMPTS):
            if attempt(command, args):
                return 0
            if number + 1 < ATTEMPTS:
                pause = PAUSE * 2 ** number
                print(f"Another run pushed to {BRANCH} first; trying again from its new tip "
                      f"in {pause:g} s", file=sys.stderr)
                time.sleep(pause)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(f"Could not push to {BRANCH}: other runs pushed first {ATTEMPTS} times",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
