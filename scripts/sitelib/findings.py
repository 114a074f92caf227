"""One record for everything a check finds, and one way to print it.

Every check an editor can trip (front matter, table markers, the data file, the
glossary, punctuation, links) reports `Finding`s. On a terminal a finding is one line,
`file:line[:column]: message — fix`; inside a GitHub Actions job (GITHUB_ACTIONS=true)
it is also printed as a workflow annotation, so it shows on the line in the pull
request's "Files changed".

GitHub shows only ten error annotations per step: with CHANGED_SINCE=REV (the pull
request's base commit) the findings on lines changed since REV come first, and the job
summary ($GITHUB_STEP_SUMMARY) keeps the whole list.
"""

import functools
import os
import re
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    file: str  # as the editor sees it: docs/zh/membership.md
    line: int  # 0: the file as a whole
    column: int | None
    message: str  # what is wrong
    fix: str | None = None  # what to do, in an editor's words
    severity: str = "error"  # or "warning"

    def __str__(self):
        where = self.file
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.text}"

    def sort_key(self):
        return (self.file, self.line, self.column or 0, self.message)

    @property
    def text(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message

    def annotation(self) -> str:
        """The workflow command that puts this finding on its line in a pull request."""
        props = [f"file={_escape_property(self.file)}"]
        if self.line:
            props.append(f"line={self.line}")
            if self.column:
                props.append(f"col={self.column}")
        props.append(f"title={_escape_property(self.message)}")
        return f"::{self.severity} {','.join(props)}::{_escape_data(self.text)}"


class Findings(Exception):
    """Raised by a check that found something: every finding at once, one per line."""

    def __init__(self, findings, head: str | None = None):
        self.findings = list(findings)
        self.head = head
        super().__init__(str(self))

    def __str__(self):
        return "\n".join([*([self.head] if self.head else []), *map(str, self.findings)])


def annotating() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def report(findings, stream=None) -> None:
    """Print each finding as a line, and as an annotation inside a GitHub Actions job."""
    stream = stream or sys.stdout
    findings = ordered(findings)
    for finding in findings:
        print(finding, file=stream)
    annotate(findings, stream)


def report_error(error: Findings, stream=None, tail: str | None = None) -> None:
    """A check's Findings exception, for a command that stops on it (stderr)."""
    stream = stream or sys.stderr
    if error.head:
        print(error.head, file=stream)
    report(error.findings, stream)
    if tail:
        print(tail, file=stream)


def annotate(findings, stream=None) -> None:
    """Inside a GitHub Actions job: each finding as an annotation (those on changed lines
    first) and the whole list in the job summary."""
    if not annotating() or not findings:
        return
    stream = stream or sys.stdout
    findings = ordered(findings)
    for finding in findings:
        print(finding.annotation(), file=stream, flush=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write("\n".join(["", "### To fix", "",
                                 *(f"- `{_where(f)}` {f.text}" for f in findings), ""]))


def ordered(findings) -> list[Finding]:
    """Findings on the lines changed since $CHANGED_SINCE first, each group in the
    order given."""
    changed = changed_lines(os.environ.get("CHANGED_SINCE", ""))
    findings = list(findings)
    if not changed:
        return findings
    return sorted(findings, key=lambda f: f.line not in changed.get(f.file, ()))


@functools.cache
def changed_lines(base: str, cwd: str | None = None) -> dict[str, set[int]]:
    """{file: {line numbers}} added or changed since the commit `base` (working tree
    included); {} without a base or outside a git repository."""
    if not base:
        return {}
    diff = subprocess.run(["git", "diff", "--unified=0", "--no-color", "--no-ext-diff",
                           base, "--"], cwd=cwd, capture_output=True, text=True,
                          check=False)
    if diff.returncode:
        return {}
    changed: dict[str, set[int]] = {}
    file = None
    for line in diff.stdout.splitlines():
        if line.startswith("+++ "):
            file = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@") and file:
            hunk = _HUNK.match(line)
            if hunk:
                start, count = int(hunk[1]), int(hunk[2] or 1)
                changed.setdefault(file, set()).update(range(start, start + count))
    return changed


_HUNK = re.compile(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@")


def _where(finding: Finding) -> str:
    return str(finding)[: -len(finding.text) - 2]


def plural(count: int, noun: str) -> str:
    """'1 problem', '2 problems'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
