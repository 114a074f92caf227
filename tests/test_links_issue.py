""".github/scripts/links_issue.py keeps one issue for the editors: opened once, updated on
later runs, closed when every address works again. Run against a stand-in `gh` on PATH
that records each call and can be told to fail."""

import json
import os
import subprocess
import sys

import pytest

from sitelib import ROOT

SCRIPT = ROOT / ".github/scripts/links_issue.py"
GONE, BUSY, MOVED = ("https://example.org/gone", "https://example.org/busy",
                     "https://example.org/old")
STAND_IN = f"""#!{sys.executable}
import json, os, sys
from pathlib import Path
state = Path(os.environ["GH_STAND_IN"])
args = sys.argv[1:]
call = {{"args": args}}
if "--body-file" in args:
    call["body"] = Path(args[args.index("--body-file") + 1]).read_text(encoding="utf-8")
with open(state / "calls.jsonl", "a", encoding="utf-8") as log:
    log.write(json.dumps(call) + "\\n")
fail = state / "fail"
if fail.exists() and " ".join(args).startswith(fail.read_text().strip()):
    sys.exit(print("HTTP 403: Resource not accessible by integration", file=sys.stderr) or 1)
if args[:2] == ["issue", "list"]:
    issues = state / "issues.json"
    print(issues.read_text(encoding="utf-8") if issues.exists() else "[]")
elif args[:2] == ["issue", "create"]:
    print("https://github.com/org/site/issues/7")
"""


def entry(url, status, detail="", **more):
    return {"url": url, "status": status, "detail": detail, "new_url": None,
            "names": ["membership-faq"], "pages": ["membership.html", "zh/membership.html"],
            "places": [{"file": "mkdocs.yml", "line": 62, "text": f"membership-faq: {url}"},
                       {"file": "docs/membership.md", "line": 71,
                        "text": "3. Read the [answers][membership-faq]."},
                       {"file": "docs/zh/membership.md", "line": 55,
                        "text": "3. 阅读[入会常见问题解答][membership-faq]（英文）。"}], **more}


@pytest.fixture
def gh(tmp_path):
    """Run the script with the stand-in first on PATH; returns (run, state folder)."""
    state = tmp_path / "gh"
    (state / "bin").mkdir(parents=True)
    (state / "bin/gh").write_text(STAND_IN, encoding="utf-8")
    (state / "bin/gh").chmod(0o755)

    def run(*addresses, **env):
        report = tmp_path / "links.json"
        report.write_text(json.dumps({"new_since": None, "addresses": list(addresses)}),
                          encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(SCRIPT), str(report)], capture_output=True, text=True,
            check=False, env={"PATH": f"{state / 'bin'}:{os.environ['PATH']}",
                              "GH_STAND_IN": str(state), **env})
        log = state / "calls.jsonl"
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        log.unlink(missing_ok=True)
        return done, calls
    return run, state


def an_open_issue(state, body):
    (state / "issues.json").write_text(json.dumps([
        {"number": 3, "body": "Another issue"}, {"number": 7, "body": body}]), encoding="utf-8")


def test_a_dead_address_opens_one_issue_in_editors_words(gh):
    run, _ = gh
    done, calls = run(entry(GONE, "dead", "the page is not there (404 Not Found)"),
                      entry("https://example.org/fine", "ok"))
    assert done.returncode == 0, done.stderr
    assert [c["args"][:2] for c in calls] == [["issue", "list"], ["issue", "create"]]
    create = calls[1]
    assert create["args"][2:4] == ["--title", "Links to other websites that no longer work"]
    body = create["body"]
    assert body.startswith(f'<!-- asi-site-dead-links ["{GONE}"] -->\n')
    assert f"- <{GONE}>: the page is not there \\(404 Not Found\\)" in body  # escaped
    assert "  - `mkdocs.yml`, line 62: the address is set here, under `extra.links`" in body
    assert "  - `docs/zh/membership.md`, line 55: 3. 阅读\\[入会常见问题解答\\]" in body
    assert "fine" not in body
    assert done.stdout.strip() == ("Opened an issue for 1 address(es): "
                                   "https://github.com/org/site/issues/7")


def test_a_later_run_updates_the_same_issue(gh):
    run, state = gh
    _, first = run(entry(GONE, "dead", "404"))
    an_open_issue(state, first[1]["body"])
    moved = entry(MOVED, "moved", new_url="https://example.org/new")
    done, calls = run(entry(GONE, "dead", "404"), moved)
    assert done.returncode == 0, done.stderr
    assert [c["args"][:3] for c in calls] == [["issue", "list", "--state"],
                                              ["issue", "edit", "7"]]
    assert f"- <{MOVED}> now leads to <https://example.org/new>" in calls[1]["body"]


def test_an_address_not_checked_this_week_stays_on_the_issue(gh):
    run, state = gh
    _, first = run(entry(GONE, "dead", "404"))
    an_open_issue(state, first[1]["body"])
    done, calls = run(entry(GONE, "later", "no answer within 20 seconds"),
                      entry(BUSY, "later", "429"))
    assert [c["args"][:2] for c in calls][-1] == ["issue", "edit"]
    body = calls[-1]["body"]
    assert f"- <{GONE}>: could not be checked this week; it did not work last time" in body
    assert BUSY not in body  # never dead: not the editors' business yet


def test_the_issue_closes_when_every_address_works_again(gh):
    run, state = gh
    _, first = run(entry(GONE, "dead", "404"))
    an_open_issue(state, first[1]["body"])
    done, calls = run(entry(GONE, "ok"), entry(BUSY, "later", "429"))
    assert done.returncode == 0, done.stderr
    [_, close] = calls
    assert close["args"][:3] == ["issue", "close", "7"]
    assert "every address working again" in close["args"][-1]


def test_nothing_dead_and_no_issue_writes_nothing(gh, tmp_path):
    run, _ = gh
    summary = tmp_path / "summary.md"
    done, calls = run(entry(GONE, "ok"), GITHUB_STEP_SUMMARY=str(summary))
    assert [c["args"][:2] for c in calls] == [["issue", "list"]]
    assert summary.read_text(encoding="utf-8") == "No dead address, and no issue open.\n"


def test_a_failing_gh_stops_with_one_line(gh):
    run, state = gh
    (state / "fail").write_text("issue create")
    done, _ = run(entry(GONE, "dead", "404"))
    assert done.returncode == 1
    assert done.stderr.strip() == ("gh issue create failed: "
                                   "HTTP 403: Resource not accessible by integration")


def test_the_report_is_data(gh):
    run, _ = gh
    evil = entry("https://example.org/x", "dead", "@team [click](https://evil) <b>")
    evil["places"].append({"file": "../../etc/passwd", "line": 1, "text": "x"})
    done, calls = run(evil, entry("javascript:alert(1)", "dead", "x"))
    body = calls[-1]["body"]
    assert "javascript:" not in body and "passwd" not in body
    assert "\\@team \\[click\\]\\(https://evil\\) \\<b\\>" in body
