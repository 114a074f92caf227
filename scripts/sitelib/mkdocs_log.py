"""What an editor needs from MkDocs' log: its warnings and errors, with a link warning
turned into a finding on the line of the page that has the link.

MkDocs names the page of a broken link but not the line (`Doc file 'zh/x.md' contains a
link 'y.md', but the target is not found…`): the line is found by looking for the link
target in the page's source. Under a language folder a page the translators have not
written yet is the English page shown there: its line is in the English file.

`mkdocs build --quiet` must not be used: it drops the warnings before `--strict`
counts them, and the build succeeds with broken links. INFO lines are dropped here
instead.
"""

import re
from pathlib import Path

from sitelib.findings import Finding

_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(.*)$")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
    r"link '(?P<link>[^']+)',? (?P<rest>.*)$")
_NAV = re.compile(r"^A reference to '(?P<link>[^']+)' is included in the 'nav' configuration")

# MkDocs' own line before a hook's error about a page: the error names the page and line.
_READING = re.compile(r"^Error (?:reading|building) page '[^']+':$")
_SUGGESTION = re.compile(r" Did you mean '([^']*)'\?")
_ANCHOR = re.compile(r"does not contain an anchor '#([^']*)'|there is no such anchor")

PAGE_FIX = ("check the file name: a page docs/x.md is linked as x.md, from a Chinese page "
            "too (add ../ only to leave a folder)")
ANCHOR_FIX = ("use the heading's anchor: click the ¶ beside the heading on the built page "
              "and copy the part of the address after #")


class Log:
    """Reads MkDocs' output line by line: `echo(line)` gives back what to show (None to
    drop it); `findings` holds the link problems found on the way."""

    def __init__(self, root: Path, docs_dir: str = "docs"):
        self.root = root
        self.docs_dir = docs_dir
        self.findings: list[Finding] = []
        self._level = "INFO"

    def echo(self, line: str) -> str | None:
        match = _LEVEL.match(_COLOUR.sub("", line).rstrip("\n"))
        if match:
            self._level, message = match.groups()
        elif line.startswith("Aborted with"):
            return None  # MkDocs' closing line: the caller says the build failed
        elif line.startswith("::"):
            self._level = "ERROR"  # a hook's annotation; lines without a level continue
            return line            # the message before them
        else:
            return None if self._level in ("DEBUG", "INFO") else line
        if self._level in ("DEBUG", "INFO") or _READING.match(message.strip()):
            return None
        finding = self.finding(message)
        if finding is None:
            return line
        if finding not in self.findings:
            self.findings.append(finding)
        return None  # printed as a finding, with its line, by the caller

    def finding(self, message: str) -> Finding | None:
        link = _LINK.match(message)
        if link:
            return self._link_finding(link["page"], link["link"], link["rest"])
        nav = _NAV.match(message)
        if nav:
            number = _line_of(self.root / "mkdocs.yml", nav["link"])
            return Finding("mkdocs.yml", number, None,
                           f'the navigation lists "{nav["link"]}", which is not a page in docs/',
                           "correct the file name under nav: or add the page (make page)")
        return None

    def _link_finding(self, page: str, target: str, problem: str) -> Finding:
        file, number = self._locate(page, target)
        suggestion = _SUGGESTION.search(problem)
        anchor = _ANCHOR.search(problem)
        if anchor:
            where = "this page" if "no such anchor" in anchor[0] else target.partition("#")[0]
            message = f'the link "{target}" leads to a heading that {where} does not have'
            fix = ANCHOR_FIX
        elif "not found among documentation files" in problem:
            message, fix = f'the link "{target}" leads to no page of this site', PAGE_FIX
        else:
            message = f'the link "{target}" is not a page address this site can check'
            fix = "link to a page by its file name (x.md) or to a full address (https://…)"
        if suggestion:
            fix = f'did you mean "{suggestion[1]}"? Otherwise {fix}'
        return Finding(file, number, None, message, fix)

    def _locate(self, page: str, link: str) -> tuple[str, int]:
        docs = self.root / self.docs_dir
        source = page
        if not (docs / page).is_file():  # a fallback: the English page under a language
            source = page.partition("/")[2] or page
        path = docs / source
        return f"{self.docs_dir}/{source}", _line_of(path, link)


def _line_of(path: Path, target: str) -> int:
    """The first line of the file with the link target in a link (or anywhere); 0 when
    not found."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    patterns = [f"]({target})", f"]({target} ", f"]: {target}", f'"{target}"', f"'{target}'",
                f"<{target}>", target]
    for pattern in patterns:
        for number, line in enumerate(lines, start=1):
            if pattern in line:
                return number
    return 0
