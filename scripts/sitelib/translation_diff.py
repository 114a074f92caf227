"""What changed in an English page since the version its Chinese page translates.

The Chinese page records that version as `translation_of: sha256:…` (site_pages.content_hash
of the English file). `old_text()` finds that version in the git history of the English
file; `word_diff()` compares it with the current file word by word and returns the changed
lines, numbered as in the current file. A changed line reads as two sentences, the old
one with the removed words marked and the new one with the added words marked:

      12 | was: the aluminium [-supply-] chain
         | now: the aluminium {+value+} chain
       - | deleted: a line that was deleted
      14 | added: a new line

Markers are git's plain word-diff markers; `colour()` turns them into red and green for a
terminal.
"""

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sitelib.site_pages import content_hash

UNSHALLOW = "git fetch --unshallow"
FINGERPRINT = re.compile(r"sha256:[0-9a-f]{12}")
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class NoHistory(Exception):
    """Why no diff can be shown, in one line an editor can act on."""


@dataclass(frozen=True)
class Line:
    number: int | None  # in the current English file; None for a deleted line
    old: str | None  # the line before, removed words marked [-…-]; None for an added line
    new: str | None  # the line now, added words marked {+…+}; None for a deleted line

    def __str__(self):
        number = f"{self.number if self.number else '-':>4} | "
        if self.new is None:
            return f"{number}deleted: {self.old}"
        if self.old is None:
            return f"{number}added: {self.new}"
        return f"{number}was: {self.old}\n{'':>4} | now: {self.new}"


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                            check=False)
    if result.returncode:
        raise NoHistory(result.stderr.strip().splitlines()[-1] if result.stderr.strip()
                        else f"git {args[0]} failed")
    return result.stdout


def old_text(root: Path, path: Path, version: str) -> str:
    """The committed text of `path` whose content_hash is `version`; raises NoHistory."""
    try:
        inside = _git(root, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except (NoHistory, OSError):
        inside = False
    if not inside:
        raise NoHistory("no git history here (a download, not a clone): clone the "
                        "repository to see what changed")
    relative = path.resolve().relative_to(Path(_git(root, "rev-parse", "--show-toplevel")
                                               .strip()).resolve()).as_posix()
    if not FINGERPRINT.fullmatch(version):
        raise NoHistory(f'"{version}" is not a whole fingerprint (sha256: and 12 letters or '
                        "digits): copy it again from this report, or compare with the whole "
                        "English page")
    commits = _git(root, "log", "--format=%H", "--", relative).split()
    for commit in commits:
        text = _git(root, "show", f"{commit}:{relative}")
        if content_hash(text) == version:
            return text
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise NoHistory(f"this clone is shallow, so the translated version is not in its "
                        f"history: run `{UNSHALLOW}` to see what changed")
    if not commits:
        raise NoHistory(f"{relative} is new (no earlier version in the history): translate "
                        "the whole page")
    raise NoHistory(f"no version of {relative} in the history has the fingerprint {version}: "
                    "check it letter by letter against the one this report shows, or compare "
                    "with the whole English page")


def word_diff(old: str, new: str) -> list[Line]:
    """The changed lines of `new` against `old`, with word-level markers."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    changed = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            pairs = list(zip(range(a1, a2), range(b1, b2), strict=False))
            changed += [Line(b + 1, *_words(old_lines[a], new_lines[b])) for a, b in pairs]
            changed += [Line(None, old_lines[a], None) for a in range(a1 + len(pairs), a2)]
            changed += [Line(b + 1, None, new_lines[b]) for b in range(b1 + len(pairs), b2)]
        elif op == "delete":
            changed += [Line(None, old_lines[a], None) for a in range(a1, a2)]
        else:  # insert
            changed += [Line(b + 1, None, new_lines[b]) for b in range(b1, b2)]
    return changed


def _words(old: str, new: str) -> tuple[str, str]:
    """Both sentences whole: the removed words marked in the old, the added in the new."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    before, after = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            before.append("".join(a[a1:a2]))
            after.append("".join(b[b1:b2]))
            continue
        if a1 < a2:
            before.append(f"[-{''.join(a[a1:a2])}-]")
        if b1 < b2:
            after.append(f"{{+{''.join(b[b1:b2])}+}}")
    return "".join(before), "".join(after)


_MARKERS = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


def colour(text: str) -> str:
    """Deleted words in red and struck through, inserted words in green (ANSI)."""
    def paint(match):
        deleted, inserted = match.groups()
        return (f"\033[31;9m{deleted}\033[0m" if deleted is not None
                else f"\033[32m{inserted}\033[0m")
    return _MARKERS.sub(paint, text)
