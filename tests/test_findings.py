"""sitelib.findings in a GitHub Actions job: annotations, the findings on the lines a pull
request changed first (only ten errors a step show), and the whole list in the summary."""

import subprocess

from sitelib import findings
from sitelib.findings import Finding


def git(root, *args):
    subprocess.run(["git", "-C", str(root), "-c", "user.name=E", "-c", "user.email=e@x",
                    *args], check=True, capture_output=True)


def test_findings_on_changed_lines_come_first_and_the_summary_has_them_all(
        tmp_path, monkeypatch, capsys):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "a.md"
    page.write_text("one\ntwo\nthree\nfour\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    page.write_text("one\ntwo\nTHREE\nfour\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("CHANGED_SINCE", "HEAD")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    findings.changed_lines.cache_clear()
    found = [Finding("docs/a.md", line, None, f"problem {line}", "fix it") for line in (1, 3, 4)]
    findings.report(found)
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["docs/a.md:3: problem 3 — fix it", "docs/a.md:1: problem 1 — fix it",
                         "docs/a.md:4: problem 4 — fix it"]
    assert lines[3].startswith("::error file=docs/a.md,line=3,title=problem 3::")
    assert [line.split(",")[1] for line in lines[3:]] == ["line=3", "line=1", "line=4"]
    assert summary.read_text(encoding="utf-8").count("- `docs/a.md:") == 3


def test_without_a_base_the_order_is_kept(monkeypatch):
    monkeypatch.delenv("CHANGED_SINCE", raising=False)
    found = [Finding("b.md", 2, None, "x"), Finding("a.md", 1, None, "y")]
    assert findings.ordered(found) == found


def test_a_warning_is_a_warning_annotation():
    warning = Finding("docs/a.md", 2, 5, "a: b, c", severity="warning")
    assert warning.annotation() == (
        "::warning file=docs/a.md,line=2,col=5,title=a%3A b%2C c::a: b, c")
