"""One record for everything a check finds, and one way to print it.

Every check an editor can trip (front matter, table markers, the data file, the
glossary, punctuation, links) reports `Finding`s. On a terminal a finding is one line,
`file:line[:column]: message — fix`; inside a GitHub Actions job (GITHUB_ACTIONS=true)
it is also printed as a workflow annotation, so it shows on the line in the pull
request's "Files changed".
"""

import os
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
    for finding in findings:
        print(finding, file=stream)
        if annotating():
            print(finding.annotation(), file=stream)


def plural(count: int, noun: str) -> str:
    """'1 problem', '2 problems'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
