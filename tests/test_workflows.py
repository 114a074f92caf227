"""The workflows keep pull-request code away from write permissions, clean previews up,
and publish main without deleting previews (read from .github/workflows/*.yml; the
gh-pages writer run against a local repository)."""

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitelib import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SCRIPTS = ROOT / ".github" / "scripts"
PR_EVENTS = ("pull_request", "pull_request_target")
# A ref that is the pull request's code.
PR_REF = re.compile(r"head|refs/pull|merge|github\.ref\b")
# Commands that run the repository's files, which in a pull request's checkout are its
# own: make, the site's scripts, its virtual environment, package installs. The trusted
# scripts under .github/scripts/ come from the default branch.
PR_CODE = re.compile(r"\bmake\b|(?<!\.github/)scripts/|\.venv|pip install|\bnpm\b|\bnode\b|"
                     r"\bsource\b|\./artifact/|\bchmod\b|"
                     r"\b(?:python3?|bash|sh)\s+(?!-)(?!\.github/scripts/)\S")


def load(name):
    # PyYAML reads the key `on` as True.
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def workflows():
    return {path.name: load(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}


def triggers(workflow) -> dict:
    on = workflow["on"]
    if isinstance(on, str):
        return {on: {}}
    if isinstance(on, list):
        return dict.fromkeys(on, {})
    return {event: spec or {} for event, spec in on.items()}


def can_write(workflow, job) -> bool:
    permissions = job.get("permissions", workflow.get("permissions", "write-all"))
    if isinstance(permissions, str):
        return permissions != "read-all"
    return any(value == "write" for value in permissions.values())


def runs_on_pull_request_code(workflow, job) -> bool:
    """Whether the job can run for a pull_request event whose checkout is the PR's."""
    events = triggers(workflow)
    pr_events = [e for e in PR_EVENTS if e in events]
    if not pr_events:
        return False
    condition = str(job.get("if", ""))
    if re.search(r"github\.event_name\s*!=\s*'pull_request'", condition):
        return False
    named = re.findall(r"github\.event_name\s*==\s*'(\w+)'", condition)
    return not named or any(e in named for e in pr_events)


def problems(workflow) -> list[str]:
    """Why a job that can write would run pull-request code."""
    found = []
    for name, job in workflow.get("jobs", {}).items():
        if not can_write(workflow, job):
            continue
        for step in job.get("steps", []):
            uses, run = step.get("uses", ""), step.get("run", "")
            if uses.startswith("actions/checkout@"):
                ref = str((step.get("with") or {}).get("ref", ""))
                if PR_REF.search(ref.replace("base.sha", "")):
                    found.append(f"{name}: checks out the pull request ({ref})")
                elif not ref and runs_on_pull_request_code(workflow, job):
                    found.append(f"{name}: checks out the pull request's merge commit")
            if uses.startswith("./"):
                found.append(f"{name}: uses a local action {uses}")
            if run and PR_CODE.search(run):
                found.append(f"{name}: runs repository code: {PR_CODE.search(run)[0]!r}")
    return found


def test_no_job_that_can_write_runs_pull_request_code():
    assert {name: problems(w) for name, w in workflows().items()} == {
        name: [] for name in workflows()}


def test_the_untrusted_build_cannot_write():
    check = load("check.yml")
    assert "pull_request" in triggers(check) and "pull_request_target" not in triggers(check)
    assert check["permissions"] == {"contents": "read"}
    assert not any(can_write(check, job) for job in check["jobs"].values())
    runs = " ".join(step.get("run", "") for step in check["jobs"]["check"]["steps"])
    assert "make build PREVIEW=" in runs and "make --no-print-directory check-content" in runs


@pytest.mark.parametrize("mistake", [
    lambda job: job["steps"][0]["with"].update(ref="${{ github.event.workflow_run.head_sha }}"),
    lambda job: job["steps"].append({"run": "make build"}),
    lambda job: job["steps"].append({"run": "bash artifact/site/build.sh"}),
    lambda job: job["steps"].append({"uses": "./.github/actions/deploy"}),
])
def test_the_check_catches_a_writing_job_that_runs_pull_request_code(mistake):
    preview = copy.deepcopy(load("preview.yml"))
    mistake(preview["jobs"]["publish"])
    assert problems(preview)


def test_a_writing_job_on_pull_request_without_a_ref_is_caught():
    preview = copy.deepcopy(load("preview.yml"))
    del preview["jobs"]["remove"]["steps"][0]["with"]["ref"]
    assert problems(preview) == ["remove: checks out the pull request's merge commit"]


def steps_running(workflow, command):
    return [(name, job) for name, job in workflow["jobs"].items()
            for step in job.get("steps", []) if command in step.get("run", "")]


def test_previews_are_removed_when_closed_and_weekly():
    preview = load("preview.yml")
    events = triggers(preview)
    assert events["pull_request"] == {"types": ["closed"]}
    assert "cron" in events["schedule"][0]
    [(_, remove)] = steps_running(preview, "gh_pages.py remove")
    assert "pull_request" in remove["if"]
    [(_, keep)] = steps_running(preview, "gh_pages.py keep")
    assert "schedule" in keep["if"]
    assert steps_running(preview, "gh_pages.py preview")


def test_publishing_main_writes_only_through_the_writer_that_keeps_previews():
    pages = load("pages.yml")
    [(name, job)] = steps_running(pages, "gh_pages.py publish")
    assert "pull_request" in job["if"] and job["needs"] == "build"
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert not re.search(r"\brm\b|--force|\bpush\b|pr-preview", runs)
    build = " ".join(step.get("run", "") for step in pages["jobs"]["build"]["steps"])
    assert "make test" in build and "make build" in build  # the suite gates publishing


# ---- the gh-pages writer, on a local repository ------------------------------------------

def git(*args, cwd=None):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def writer(remote, *args):
    return subprocess.run([sys.executable, str(SCRIPTS / "gh_pages.py"), *map(str, args)],
                          env={"PATH": "/usr/bin:/bin", "GH_PAGES_REMOTE": str(remote),
                               "HOME": str(remote.parent)},
                          capture_output=True, text=True, check=False)


def files(remote) -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())


def site(folder: Path, *names) -> Path:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    return folder


@pytest.fixture
def remote(tmp_path):
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(bare))
    return bare


def test_publishing_keeps_previews_and_previews_keep_the_site(remote, tmp_path):
    assert writer(remote, "publish", site(tmp_path / "a", "index.html", "old.html")).returncode == 0
    work = tmp_path / "work"  # GitHub writes CNAME at the root for a custom domain
    git("clone", "-q", "-b", "gh-pages", str(remote), str(work))
    site(work, "CNAME")
    git("add", "CNAME", cwd=work)
    git("-c", "user.name=E", "-c", "user.email=e@x", "commit", "-qm", "CNAME", cwd=work)
    git("push", "-q", "origin", "gh-pages", cwd=work)
    assert writer(remote, "preview", "3", site(tmp_path / "p3", "index.html")).returncode == 0
    assert writer(remote, "preview", "4", site(tmp_path / "p4", "zh/index.html")).returncode == 0
    assert files(remote) == {".nojekyll", "CNAME", "index.html", "old.html",
                             "pr-preview/pr-3/index.html", "pr-preview/pr-4/zh/index.html"}
    result = writer(remote, "publish", site(tmp_path / "b", "index.html", "new.html"))
    assert result.returncode == 0, result.stderr
    assert files(remote) == {".nojekyll", "CNAME", "index.html", "new.html",
                             "pr-preview/pr-3/index.html", "pr-preview/pr-4/zh/index.html"}


def test_closing_and_weekly_clean_up_remove_only_previews(remote, tmp_path):
    writer(remote, "publish", site(tmp_path / "a", "index.html"))
    for number in (3, 4, 5):
        writer(remote, "preview", number, site(tmp_path / f"p{number}", "index.html"))
    assert writer(remote, "remove", "3").returncode == 0
    assert writer(remote, "keep", "5").returncode == 0
    assert files(remote) == {".nojekyll", "index.html", "pr-preview/pr-5/index.html"}


@pytest.mark.parametrize("args", [["remove", "../x"], ["preview", "1; rm -rf /", "site"],
                                  ["keep", "0"]])
def test_the_writer_takes_only_pull_request_numbers(remote, args):
    assert writer(remote, *args).returncode == 2


# ---- the comment ---------------------------------------------------------------------------

def comment(tmp_path, changes, translations=()):
    (tmp_path / "changes.json").write_text(json.dumps(changes), encoding="utf-8")
    (tmp_path / "translations.json").write_text(json.dumps(list(translations)), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "preview_comment.py"), "--number", "12",
         "--preview", "https://org.github.io/site/pr-preview/pr-12/",
         "--live", "https://org.github.io/site/", "--changes", tmp_path / "changes.json",
         "--translations", tmp_path / "translations.json"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_comment_links_each_page_in_both_languages(tmp_path):
    body = comment(tmp_path, [
        {"page": "membership.md", "english": "docs/membership.md",
         "chinese": "docs/zh/membership.md", "reasons": ["English edited"],
         "chinese_status": "outdated by this change"},
        {"page": "news.md", "english": "docs/news.md", "chinese": None,
         "reasons": ["new page"], "chinese_status": "missing"}],
        [{"page": "membership.md", "changes": [
            {"number": 7, "old": "meets every [-month-].", "new": "meets every {+quarter+}."}]}])
    assert body.startswith("<!-- asi-site-preview -->\n")
    pr = "https://org.github.io/site/pr-preview/pr-12/"
    assert (f"| `membership.md`<br>English edited | [English]({pr}membership.html) · "
            f"[中文]({pr}zh/membership.html) | [English](https://org.github.io/site/"
            "membership.html) · [中文](https://org.github.io/site/zh/membership.html) | "
            "⚠️ outdated by this change |") in body
    assert "| `news.md`<br>new page | " in body and "| not yet | — no Chinese page |" in body
    assert "   7 | was: meets every [-month-].\n     | now: meets every {+quarter+}." in body


def test_the_comment_treats_the_artifact_as_data(tmp_path):
    body = comment(tmp_path, [
        {"page": "../../evil.md", "reasons": ["x"], "chinese_status": "ok"},
        {"page": "a.md", "english": "docs/a.md", "reasons": ["[click](https://evil) @team <b>"],
         "chinese_status": "up to date"}])
    assert "evil.md" not in body and "](https://evil)" not in body
    assert "\\[click\\]\\(https://evil\\) \\@team \\<b\\>" in body
