"""`make check-links` (scripts/check_links.py, lychee underneath) on a real build whose
English and Chinese pages link to a local website that answers 200, a permanent and a
temporary redirect, 404, 429, nothing (a timeout) and a connection reset; the weekly
workflow around it (.github/workflows/links.yml)."""

import contextlib
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from sitebuild import build, copy_project

from sitelib import ROOT

SITE_URL = "http://127.0.0.1:8000/asi/"
TIMEOUT = 1  # seconds lychee waits; /slow answers after 3


class _Website(BaseHTTPRequestHandler):
    ANSWERS = {"/ok": (200, None), "/moved": (301, "/ok"), "/temp": (302, "/ok"),
               "/gone": (404, None), "/busy": (429, None)}
    requests: list = []

    def do_GET(self):
        self.requests.append((time.monotonic(), self.path))
        if self.path == "/slow":
            time.sleep(3 * TIMEOUT)
        if self.path == "/reset":  # RST instead of an answer
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        code, location = self.ANSWERS.get(self.path, (200, None))
        body = f"<html><body>{code}</body></html>".encode()
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def finish(self):
        with contextlib.suppress(OSError, ValueError):  # the reset connection
            super().finish()

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def website():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Website)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory, website):
    """A copy of the project whose extra.links lead to the local website, committed as the
    base; then (uncommitted, as a pull request adds them) a raw link on the Chinese
    Join us page that resets and one on the English Working Groups page that redirects
    for a while. Built into site/."""
    root = copy_project(tmp_path_factory.mktemp("links") / "project")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for name, path in [("application-form", "ok"), ("current-members", "moved"),
                       ("membership-faq", "gone"), ("terms-of-reference", "busy"),
                       ("anti-trust-policy", "slow")]:
        config, count = re.subn(rf"(?m)^(    {name}:) \S+$", rf"\1 {website}/{path}", config)
        assert count == 1, name
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    with (root / "docs/zh/membership.md").open("a", encoding="utf-8") as page:
        page.write(f"\n另见[合作伙伴名单]({website}/reset)。\n")
    with (root / "docs/working-groups.md").open("a", encoding="utf-8") as page:
        page.write(f"\nSee also the [meeting calendar]({website}/temp).\n")
    built = build(root / "site", SITE_URL, config=root / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    return root


def check_links(project, *args, **env):
    """The checker on the built copy; it finds the site's own address (SITE_URL, left
    unchecked) in the home page's canonical link."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_links.py"), "--site", str(project / "site"),
         "--root", str(project), "--timeout", str(TIMEOUT), *args],
        cwd=project, capture_output=True, text=True, check=False,
        env={"PATH": os.environ["PATH"], "HOME": str(project), **env})


@pytest.fixture(scope="module")
def weekly(project, website):
    """The weekly check: (completed process, {path on the website: report entry})."""
    _Website.requests.clear()
    done = check_links(project, "--json", str(project / "links.json"), "--retries", "1")
    report = json.loads((project / "links.json").read_text(encoding="utf-8"))
    return done, {entry["url"].removeprefix(website): entry for entry in report["addresses"]}


def test_every_address_of_every_language_is_checked(weekly):
    _, found = weekly
    assert set(found) == {"/ok", "/moved", "/temp", "/gone", "/busy", "/slow", "/reset"}
    assert {"membership.html", "zh/membership.html", "zh-Hant/membership.html"} <= set(
        found["/gone"]["pages"])
    assert found["/reset"]["pages"] == ["zh-Hant/membership.html", "zh/membership.html"]


def test_each_answer_gets_the_editors_verdict(weekly, website):
    _, found = weekly
    assert {path: entry["status"] for path, entry in found.items()} == {
        "/ok": "ok", "/temp": "ok", "/moved": "moved", "/gone": "dead",
        "/busy": "later", "/slow": "later", "/reset": "later"}
    assert found["/moved"]["new_url"] == f"{website}/ok"
    assert "404" in found["/gone"]["detail"]
    assert "429" in found["/busy"]["detail"]
    assert f"within {TIMEOUT} seconds" in found["/slow"]["detail"]


def test_a_dead_address_names_the_lines_that_link_to_it(weekly):
    done, found = weekly
    places = {(p["file"], p["line"]) for p in found["/gone"]["places"]}
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    setting = next(n for n, line in enumerate(config, 1) if "membership-faq:" in line)
    assert places == {("mkdocs.yml", setting), ("docs/membership.md", 71),
                      ("docs/zh/membership.md", 55)}
    assert found["/gone"]["names"] == ["membership-faq"]
    assert done.returncode == 1
    out = done.stdout
    assert "Not working — replace or remove these links (1):" in out
    assert f"Set in mkdocs.yml, line {setting} (membership-faq:" in out
    assert ("docs/zh/membership.md, line 55: 3. 阅读[入会常见问题解答][membership-faq]（英文）。"
            in out)
    assert "Moved — they still lead there, but update the address (1):" in out
    assert "Not checked this time — tried again next week, nothing to do yet (3):" in out
    assert "Traceback" not in done.stderr


def test_requests_are_retried_and_spaced(weekly):
    requests = _Website.requests
    assert [path for _, path in requests].count("/busy") == 2  # --retries 1
    assert [path for _, path in requests].count("/gone") == 1  # a 404 is an answer
    ordered = sorted(requests)
    # A redirect is followed at once; otherwise one request a second to one website.
    gaps = [b[0] - a[0] for a, b in zip(ordered, ordered[1:], strict=False)
            if a[1] not in ("/moved", "/temp")]
    assert min(gaps) > 0.9, gaps


def test_a_pull_request_checks_only_the_addresses_it_adds(project, website):
    done = check_links(project, "--new-since", "HEAD", "--json", str(project / "new.json"),
                       "--retries", "0")
    report = json.loads((project / "new.json").read_text(encoding="utf-8"))
    assert {e["url"] for e in report["addresses"]} == {f"{website}/reset", f"{website}/temp"}
    [reset] = [e for e in report["addresses"] if e["url"].endswith("/reset")]
    [place] = reset["places"]
    assert place["file"] == "docs/zh/membership.md" and "合作伙伴名单" in place["text"]
    assert done.returncode == 0, done.stdout  # neither is dead
    assert "Checked 2 addresses added since HEAD" in done.stdout


def test_dead_addresses_are_annotated_on_their_lines(project, tmp_path):
    summary = tmp_path / "summary.md"
    done = check_links(project, "--retries", "0", GITHUB_ACTIONS="true",
                       GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 1
    assert re.search(r"^::error file=docs/zh/membership.md,line=55,title=\S+/gone no longer "
                     r"works%3A the page is not there \(404 Not Found\)::", done.stdout, re.M)
    assert re.search(r"^::warning file=docs/membership.md,line=17,", done.stdout, re.M)
    assert "/gone no longer works" in summary.read_text(encoding="utf-8")


def test_an_unknown_base_commit_stops_with_one_line(project):
    done = check_links(project, "--new-since", "no-such-commit")
    assert done.returncode == 2
    assert done.stderr.startswith("The link check could not run: cannot read commit")
    assert "Traceback" not in done.stderr


# ---- the workflow ---------------------------------------------------------------------

def workflow():
    loaded = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True)
    return loaded


def test_the_workflow_runs_weekly_on_demand_and_on_pull_requests():
    on = workflow()["on"]
    assert re.fullmatch(r"\d+ \d+ \* \* \d", on["schedule"][0]["cron"])
    assert "workflow_dispatch" in on and "pull_request" in on


def test_only_the_issue_job_may_write_and_never_for_a_pull_request():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    writers = {name for name, job in flow["jobs"].items()
               if "write" in (job.get("permissions") or {}).values()}
    assert writers == {"issue"}
    issue = flow["jobs"]["issue"]
    assert issue["permissions"]["issues"] == "write"
    assert "github.event_name != 'pull_request'" in issue["if"]
    assert [s["run"] for s in issue["steps"] if "run" in s][-1].startswith(
        "python3 .github/scripts/links_issue.py ")


def test_every_job_is_pinned_and_bounded():
    for name, job in workflow()["jobs"].items():
        assert job["runs-on"] == "ubuntu-24.04" and job["timeout-minutes"] <= 20, name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            assert "${{" not in step.get("run", ""), f"{name}: pass values through env"
