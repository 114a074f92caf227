"""The workflows keep pull-request code away from write permissions, clean previews up,
and publish main without deleting previews (read from .github/workflows/*.yml; the
gh-pages writer run against a local repository)."""

import copy
import json
import re
import subprocess
import sys

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
    """Whether the job can run for a pull_request event, whose default checkout is the
    pull request's merge commit (pull_request_target's is the base branch)."""
    events = triggers(workflow)
    pr_events = [e for e in ("pull_request",) if e in events]
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
    preview["on"]["pull_request"] = preview["on"].pop("pull_request_target")
    preview["jobs"]["remove"]["if"] = "github.event_name == 'pull_request'"
    assert problems(preview) == ["remove: checks out the pull request's merge commit"]


def test_publishing_main_writes_only_through_the_writer_that_keeps_previews():
    pages = load("pages.yml")
    [(name, job)] = steps_running(pages, "gh_pages.py publish")
    assert "pull_request" in job["if"] and job["needs"] == "build"
    runs = " ".join(step.get("run", "") for step in job["steps"])
    assert not re.search(r"\brm\b|--force|\bpush\b|pr-preview", runs)
    build = " ".join(step.get("run", "") for step in pages["jobs"]["build"]["steps"])
    assert "make test" in build and "make build" in build  # the suite gates publishing


def steps_running(workflow, command):
    return [(name, job) for name, job in workflow["jobs"].items()
            for step in job.get("steps", []) if command in step.get("run", "")]


# ---- the gh-pages writer and the comment, as scripts (the workflows that run them:
# test_workflow_runs.py) ------------------------------------------------------------------

def script(name, *args, env=None, cwd=None):
    return subprocess.run([sys.executable, str(SCRIPTS / name), *map(str, args)],
                          env={"PATH": "/usr/bin:/bin", **(env or {})}, cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def remote(tmp_path):
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return bare


@pytest.mark.parametrize("args", [["remove", "../x"], ["preview", "1; rm -rf /", "site"],
                                  ["keep", "0"], ["publish", "3", "site"],
                                  ["preview", "3", "site", "--commit", "a" * 40]])
def test_the_writer_takes_only_pull_request_numbers_and_a_folder(remote, args):
    result = script("gh_pages.py", *args, env={"GH_PAGES_REMOTE": str(remote)})
    assert result.returncode == 2 and "not a command this script knows" in result.stderr


def test_the_writer_refuses_a_site_holding_a_link(remote, tmp_path):
    """A link in the built site would publish whatever it points to on the runner."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("site", encoding="utf-8")
    (site / "secret.html").symlink_to("/etc/passwd")
    result = script("gh_pages.py", "preview", "4", site,
                    env={"GH_PAGES_REMOTE": str(remote), "HOME": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.strip() == ("secret.html in the site is a link or a special file: "
                                     "nothing was published")


def entry(page, status="up to date", reasons=("English edited",), english=True):
    address = page.removesuffix(".md") + ".html"
    return {"page": page, "english": f"docs/{page}" if english else None,
            "chinese": f"docs/zh/{page}", "reasons": list(reasons), "chinese_status": status,
            "converted": {"zh-Hant": f"converted from docs/zh/{page}"}, "address": address,
            "links": [{"language": name, "path": prefix + address} for name, prefix in
                      (("English", ""), ("简体中文", "zh/"), ("繁體中文", "zh-Hant/"))]}


def body(tmp_path, changes, translations=(), env=None):
    (tmp_path / "changes.json").write_text(
        changes if isinstance(changes, str) else json.dumps(changes), encoding="utf-8")
    (tmp_path / "translations.json").write_text(json.dumps(list(translations)),
                                                encoding="utf-8")
    return script("preview_comment.py", "body", "--number", "12",
                  "--preview", "https://org.github.io/site/pr-preview/pr-12/",
                  "--live", "https://org.github.io/site/", "--changes", tmp_path / "changes.json",
                  "--translations", tmp_path / "translations.json", env=env)


def test_the_comment_links_each_page_in_every_language(tmp_path):
    result = body(tmp_path, [
        entry("membership.md", "outdated by this change"),
        entry("news.md", "missing", ["new page"])],
        [{"page": "membership.md", "status": "outdated", "file": "docs/zh/membership.md",
          "detail": "", "line": 3, "changes_unavailable": None, "changes": [
              {"number": 7, "old": "meets every [-month-].", "new": "meets every {+quarter+}."}]}])
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("<!-- asi-site-preview -->\n")
    pr = "https://org.github.io/site/pr-preview/pr-12/"
    assert (f"[English]({pr}) · [简体中文]({pr}zh/) · [繁體中文]({pr}zh-Hant/)") in text
    assert (f"| `membership.md`<br>English edited | [English]({pr}membership.html) · "
            f"[简体中文]({pr}zh/membership.html) · [繁體中文]({pr}zh-Hant/membership.html) | "
            "[English](https://org.github.io/site/membership.html) · [简体中文](https://org."
            "github.io/site/zh/membership.html) · [繁體中文](https://org.github.io/site/"
            "zh-Hant/membership.html) | ⚠️ outdated by this change |") in text
    assert "| `news.md`<br>new page | " in text and "| not yet | — no translation |" in text
    assert "   7 | was: meets every [-month-].\n     | now: meets every {+quarter+}." in text


def test_the_comment_escapes_what_the_artifact_says(tmp_path):
    result = body(tmp_path, [entry("a.md", reasons=["[click](https://evil) @team <b>"])])
    assert result.returncode == 0, result.stderr
    assert "](https://evil)" not in result.stdout
    assert "\\[click\\]\\(https://evil\\) \\@team \\<b\\>" in result.stdout


def test_a_change_to_500_pages_fits_one_comment_and_the_summary_lists_them_all(tmp_path):
    changes = [entry(f"section-{n // 50}/page-{n:03}.md", reasons=[
        "the page templates (overrides/)", "the interface text (locales/)"]) for n in range(497)]
    changes += [entry("zz-outdated.md", "outdated by this change"),
                entry("zz-new.md", "missing", ["new page"]),
                entry("zz-gone.md", "deleted", ["deleted"], english=False)]
    summary = tmp_path / "summary.md"
    summary.touch()
    result = body(tmp_path, changes, env={
        "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "org/site", "GITHUB_RUN_ID": "77"})
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert 60_000 - 1_000 < len(text) <= 60_000 < 65_536
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    # What a reviewer must act on first: the outdated translation, then new and deleted pages.
    assert [row.split("`")[1] for row in rows[:3]] == ["zz-outdated.md", "zz-gone.md",
                                                       "zz-new.md"]
    more = 500 - len(rows)
    assert more > 0 and text.rstrip().endswith(
        f"… and {more} more pages, listed in "
        "[this run's summary](https://github.com/org/site/actions/runs/77).")
    listed = summary.read_text(encoding="utf-8")
    assert sum(line.startswith("| `") for line in listed.splitlines()) == 500


BAD_ARTIFACTS = {
    "missing": (None, "changes.json is missing from the build's artifact"),
    "not JSON": ("[{", "changes.json is not JSON"),
    "not a list": ('{"page": "a.md"}', "changes.json is not a list"),
    "wrong type": ([{**entry("a.md"), "reasons": "English edited"}],
                   "changes.json, entry 1: 'reasons' is \"English edited\""),
    "unknown key": ([{**entry("a.md"), "script": "x"}],
                    "changes.json, entry 1: unknown key 'script'"),
    "huge value": ([{**entry("a.md"), "reasons": ["x" * 5000]}],
                   "changes.json, entry 1: 'reasons'"),
    "a page outside the site": ([entry("../../evil.md")], "changes.json, entry 1: 'page'"),
    "an address outside": ([{**entry("a.md"), "links": [{"language": "English",
                                                          "path": "../../x.html"}]}],
                           "changes.json, entry 1: 'links'"),
}


@pytest.mark.parametrize("case", BAD_ARTIFACTS, ids=str)
def test_a_bad_artifact_stops_with_one_line_before_anything_is_published(tmp_path, case):
    changes, expected = BAD_ARTIFACTS[case]
    summary = tmp_path / "summary.md"
    summary.touch()
    if changes is None:
        result = script("preview_comment.py", "body", "--number", "12", "--preview",
                        "https://org.github.io/site/pr-preview/pr-12/", "--live",
                        "https://org.github.io/site/", "--changes", tmp_path / "changes.json",
                        env={"GITHUB_STEP_SUMMARY": str(summary)})
    else:
        result = body(tmp_path, changes, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = summary.read_text(encoding="utf-8").splitlines()
    assert line.startswith(f"No preview: {expected}") and line.endswith("Nothing was published.")
