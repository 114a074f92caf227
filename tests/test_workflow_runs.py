"""The three workflows run as GitHub runs them (tests/workflow_runner): each `run:` step in
GitHub's shell and environment, the `uses:` steps by stand-ins that act and fail as the
actions do, `gh` by a stand-in that can fail, a bare repository as `origin`. `make test`
is stood in for by a quick command (the suite runs on its own); everything else is real,
`make build` and the scripts included."""

import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from workflow_runner import QUICK, FakeGitHub

from sitelib import ROOT


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project's files as they are in the working tree (what a commit would hold)."""
    target = tmp_path_factory.mktemp("project")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                             "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def github(tmp_path, project) -> FakeGitHub:
    """A new repository: main pushed, nothing else configured."""
    return FakeGitHub(tmp_path, project, ROOT / ".venv")


def assert_ran(jobs, *names):
    for name in names:
        assert jobs[name].conclusion == "success", jobs[name].log


def test_a_new_repository_publishes_on_its_first_push(github):
    github.turn_on_pages()  # README's one-time setting, before the first push
    jobs = github.run("pages.yml", github.push_event())
    assert_ran(jobs, "build", "publish", "deploy")
    served = github.served
    for language in ("", "zh/", "zh-Hant/"):
        assert (served / language / "membership.html").is_file()
    page = (served / "index.html").read_text(encoding="utf-8")
    assert 'href="https://org.github.io/site/"' in page  # the address derived from the repository
    assert "pr-preview/" not in " ".join(github.files())
    assert {p.relative_to(served).as_posix() for p in served.rglob("*.pdf")} == {
        "asi-membership-pack-en.pdf", "zh/asi-membership-pack-zh-Hans.pdf",
        "zh-Hant/asi-membership-pack-zh-Hant.pdf"}


def test_a_site_without_a_pdf_is_not_published(github):
    github.turn_on_pages()
    check = "make --no-print-directory check-pack"  # run on a build that lost a PDF
    lost = {**QUICK, check: f"rm site/zh-Hant/*.pdf && {check}"}
    jobs = github.run("pages.yml", github.push_event(), quick=lost)
    assert jobs["build"].conclusion == "failure"
    assert jobs["build"].step("Check the membership pack").outcome == "failure"
    assert jobs["publish"].conclusion == "skipped" and not github.served.exists()


def test_without_pages_turned_on_the_deploy_says_what_to_set(github):
    jobs = github.run("pages.yml", github.push_event())
    assert_ran(jobs, "build", "publish")  # the site is stored in gh-pages all the same
    assert jobs["deploy"].conclusion == "failure"
    assert ("GitHub Pages is not turned on for this repository: choose Settings → Pages → "
            "Build and deployment → Source: GitHub Actions") in jobs["deploy"].log
    assert "index.html" in github.files() and not github.served.exists()
    github.turn_on_pages("legacy")  # "Deploy from a branch" is not this workflow's source
    assert "serves a branch" in github.run("pages.yml", github.push_event())["deploy"].log
    github.turn_on_pages()
    assert_ran(github.run("pages.yml", github.push_event()), "deploy")
    assert (github.served / "index.html").is_file()


def edit_membership(work: Path) -> None:
    page = work / "docs" / "membership.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## ", "## Membership at a glance\n\nA new paragraph.\n\n## ", 1), encoding="utf-8")


def preview_of(github, number=12, **pull_extra):
    """A pull request from a branch: check.yml builds it, then preview.yml (workflow_run)."""
    github.branch(f"edit-{number}", edit_membership)
    pull = github.open_pull(number, f"edit-{number}", **pull_extra)
    check = github.run("check.yml", github.pull_request_event(pull))
    assert_ran(check, "check")
    return pull, github.run("preview.yml", github.workflow_run_event(github.runs, pull))


def comment_on(github, number=12) -> str:
    [comment] = github.state()["comments"].get(str(number), [{"body": ""}])
    return comment["body"]


def test_a_pull_request_gets_its_preview_and_one_comment(github):
    github.turn_on_pages()
    assert_ran(github.run("pages.yml", github.push_event()), "deploy")
    _pull, jobs = preview_of(github)
    assert_ran(jobs, "publish", "deploy-preview")
    preview = github.served / "pr-preview" / "pr-12"
    assert (preview / "zh-Hant" / "membership.html").is_file()
    assert (github.served / "index.html").is_file()  # the site is still served
    page = (preview / "membership.html").read_text(encoding="utf-8")
    assert "https://org.github.io/site/pr-preview/pr-12/" in page
    body = comment_on(github)
    assert body.startswith("<!-- asi-site-preview -->\n### Preview of pull request 12")
    assert "[繁體中文](https://org.github.io/site/pr-preview/pr-12/zh-Hant/membership.html)" in body
    # A second push to the pull request updates the same comment, not a second one.
    github.branch("edit-12", lambda work: (work / "docs" / "index.md").write_text(
        (work / "docs" / "index.md").read_text(encoding="utf-8") + "\nMore.\n",
        encoding="utf-8"))
    pull = github.close_pull(12) | {"state": "open", "head": {
        **github.state()["pulls"][0]["head"], "sha": github.sha("edit-12")}}
    github.update(pulls=[pull])
    assert_ran(github.run("check.yml", github.pull_request_event(pull)), "check")
    assert_ran(github.run("preview.yml", github.workflow_run_event(github.runs, pull)), "publish")
    assert len(github.state()["comments"]["12"]) == 1 and "`index.md`" in comment_on(github)


def test_closing_the_pull_request_removes_its_preview_and_says_so(github):
    github.turn_on_pages()
    pull, _jobs = preview_of(github)
    pull = github.close_pull(12)
    jobs = github.run("preview.yml", github.pull_request_event(
        pull, name="pull_request_target", action="closed"))
    assert_ran(jobs, "remove", "deploy-removal")
    assert not (github.served / "pr-preview" / "pr-12").exists()
    assert not any(name.startswith("pr-preview/pr-12/") for name in github.files())
    assert "The preview was removed: the pull request is closed." in comment_on(github)


def test_a_preview_published_after_its_pull_request_closed_is_removed(github):
    github.turn_on_pages()
    _pull, jobs = preview_of(github, close_after_lookup=True)  # closes while the job runs
    assert_ran(jobs, "publish", "deploy-preview")
    assert not any(name.startswith("pr-preview/pr-12/") for name in github.files())
    assert not (github.served / "pr-preview" / "pr-12").exists()


def test_a_fork_gets_no_preview(github):
    github.turn_on_pages()
    github.branch("fork-edit", edit_membership)
    pull = github.open_pull(13, "fork-edit")
    pull["head"]["repo"] = {"full_name": "someone/site"}
    jobs = github.run("preview.yml", github.workflow_run_event(1, pull))
    assert {job.conclusion for job in jobs.values()} == {"skipped"}


def test_publishing_keeps_the_previews(github):
    github.turn_on_pages()
    preview_of(github)
    assert_ran(github.run("pages.yml", github.push_event()), "publish", "deploy")
    assert (github.served / "pr-preview" / "pr-12" / "index.html").is_file()
    assert (github.served / "index.html").is_file()


def test_a_slow_run_of_an_older_commit_never_replaces_a_newer_site(github):
    github.turn_on_pages()
    older = github.push_event()
    github.branch("main", lambda work: (work / "docs" / "index.md").write_text(
        "# Newer\n\nNewer text.\n", encoding="utf-8"))
    assert_ran(github.run("pages.yml", github.push_event()), "deploy")
    jobs = github.run("pages.yml", older)  # finishes last
    assert jobs["publish"].conclusion == "success"
    assert "already holds the site of a newer commit" in jobs["publish"].log
    assert "Newer text." in (github.served / "index.html").read_text(encoding="utf-8")


def test_started_by_hand_on_another_branch_it_publishes_nothing(github):
    github.turn_on_pages()
    github.branch("draft", edit_membership)
    jobs = github.run("pages.yml", ("workflow_dispatch", {"repository": github.repository()},
                                    "refs/heads/draft", github.sha("draft")))
    assert_ran(jobs, "build")
    assert jobs["publish"].conclusion == jobs["deploy"].conclusion == "skipped"


def previews(github) -> set[str]:
    return {name.split("/")[1] for name in github.files() if name.startswith("pr-preview/")}


def test_the_weekly_clean_up_keeps_open_pull_requests_and_stops_when_gh_fails(github):
    github.turn_on_pages()
    preview_of(github, 12)
    preview_of(github, 14)
    github.close_pull(12)
    github.update(fail={"pr list": "HTTP 403: API rate limit exceeded for installation ID 1."})
    jobs = github.run("preview.yml", github.schedule_event())
    assert jobs["clean-up"].conclusion == "failure"
    assert "API rate limit exceeded" in jobs["clean-up"].log
    assert "Could not list the open pull requests" in jobs["clean-up"].log
    assert previews(github) == {"pr-12", "pr-14"}  # nothing deleted
    assert jobs["deploy-clean-up"].conclusion == "skipped"
    github.update(fail={})
    assert_ran(github.run("preview.yml", github.schedule_event()), "clean-up", "deploy-clean-up")
    assert previews(github) == {"pr-14"}
    assert not (github.served / "pr-preview" / "pr-12").exists()


def test_a_push_the_remote_refuses_shows_gits_own_reason(github):
    github.turn_on_pages()
    hook = github.origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'error: GH013: Repository rule violations found for "
                    "refs/heads/gh-pages.' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    jobs = github.run("pages.yml", github.push_event())
    assert jobs["publish"].conclusion == "failure"
    log = jobs["publish"].step("Publish").log
    assert "GH013: Repository rule violations found" in log
    assert "trying again" not in log and "another run" not in log.lower()


def test_a_failed_fetch_is_an_error_not_a_first_run(github, tmp_path):
    result = subprocess.run(
        ["python3", str(ROOT / ".github" / "scripts" / "gh_pages.py"), "publish", str(tmp_path)],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "GH_PAGES_REMOTE": str(tmp_path / "no-such-repository.git")},
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Reading gh-pages from the repository failed" in result.stderr
    assert "does not appear to be a git repository" in result.stderr


def test_racing_writers_all_land(github, tmp_path):
    """The site and three previews pushed at once: each loser fetches again and lands."""
    hook = github.origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nsleep 0.3\n", encoding="utf-8")  # widen the window
    hook.chmod(0o755)
    sites = {}
    for name in ("site", "p1", "p2", "p3"):
        sites[name] = tmp_path / name
        (sites[name] / "zh").mkdir(parents=True)
        (sites[name] / "index.html").write_text(name, encoding="utf-8")
    commands = [["publish", sites["site"]], *(["preview", n[1], sites[n]] for n in
                                              ("p1", "p2", "p3"))]
    results = []

    def write(args):
        results.append(subprocess.run(
            ["python3", str(ROOT / ".github" / "scripts" / "gh_pages.py"), *map(str, args)],
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "GH_PAGES_PAUSE": "0.1",
                 "GH_PAGES_REMOTE": str(github.origin)}, capture_output=True, text=True,
            check=False))

    threads = [threading.Thread(target=write, args=(args,)) for args in commands]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0] * 4, [r.stderr for r in results]
    assert github.files() == {"index.html", "pr-preview/pr-1/index.html",
                              "pr-preview/pr-2/index.html", "pr-preview/pr-3/index.html"}
    assert any("trying again" in r.stderr for r in results)  # the race did happen


class Answers(http.server.BaseHTTPRequestHandler):
    status = 404  # what every address answers; a test changes it

    def do_GET(self):  # noqa: N802 (the handler's name)
        self.send_response(Answers.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def other_website():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_weekly_link_check_keeps_one_issue_for_the_editors(tmp_path, project, other_website):
    gone = f"{other_website}/report-2024.pdf"
    edited = tmp_path / "project"
    shutil.copytree(project, edited)
    page = edited / "docs" / "zh" / "working-groups.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n参见[年度报告]({gone})。\n",
                    encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(f"参见[年度报告]({gone})。") + 1
    github = FakeGitHub(tmp_path / "github", edited, ROOT / ".venv")
    jobs = github.run("links.yml", github.schedule_event())
    assert jobs["check"].conclusion == "failure"  # a dead address: the weekly run is red
    assert_ran(jobs, "issue")
    [issue] = github.state()["issues"]
    assert issue["state"] == "open" and gone in issue["body"]
    assert f"`docs/zh/working-groups.md`, line {line}" in issue["body"]
    assert_ran(github.run("links.yml", github.schedule_event()), "issue")
    assert len(github.state()["issues"]) == 1  # updated, not opened again
    Answers.status = 200  # the organisation put the document back
    try:
        jobs = github.run("links.yml", github.schedule_event())
    finally:
        Answers.status = 404
    assert_ran(jobs, "check", "issue")
    [issue] = github.state()["issues"]
    assert issue["state"] == "closed"
