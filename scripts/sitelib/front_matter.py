"""The front matter of a page: the `key: value` lines between `---` lines at its top.

The one reader of front matter, for the build (hook_front_matter.py), the content checks
and the editors' tools: `split` reads it strictly, `span` finds where it is. MkDocs
itself publishes front matter it cannot read as text above the heading; here every
mistake is a finding, `file:line: what is wrong — how to fix it`.
"""

import re

import yaml

from sitelib import yaml_hints
from sitelib.findings import Finding, Findings

FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
FENCE_IN_TEXT = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*:(?:[ \t]|$)")
# Front matter keys a page may use without its opening `---` being there.
LOOKS_LIKE_A_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*[:：]")


class FrontMatterError(Findings):
    pass


def _error(name: str, line: int, message: str, fix: str | None = None):
    return FrontMatterError([Finding(name, line, None, message, fix)])


def span(text: str) -> tuple[int, int] | None:
    """(start, end) offsets of the YAML between the `---` lines, None without front matter
    or when it is never closed (then `split` says what is wrong)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.lstrip("\ufeff") != "---" or "\n" not in text:
        return None
    start = text.index("\n") + 1
    end = FENCE_IN_TEXT.search(text, start)
    return (start, end.start()) if end else None


def split(text: str, name: str) -> tuple[dict, int, int] | None:
    """(fields, first line, closing line) of the front matter, None if the page has none;
    raises FrontMatterError."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        if lines and LOOKS_LIKE_A_KEY.match(lines[0]) and any(
                FENCE.match(line) for line in lines[1:12]):
            raise _error(name, 1, "the front matter has no opening line",
                         "add a line with three hyphens --- above it")
        return None
    end = next((i for i, line in enumerate(lines[1:], start=1) if FENCE.match(line)), None)
    if end is None:
        raise _error(name, 1, "the front matter that starts here is never closed",
                     "add a line with three hyphens --- after its last field")
    for number, line in enumerate(lines[1:end], start=2):
        problem = _line_problem(line)
        if problem:
            raise _error(name, number, *problem)
    block = "\n".join(lines[1:end])
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
        fields = yaml.safe_load(block) if node is not None else {}
    except yaml.YAMLError as error:
        line, hint = yaml_hints.explain(block, error)
        raise _error(name, line + 1, "the front matter is not readable", hint) from None
    if not isinstance(fields, dict):
        raise _error(name, 2, "the front matter must be `name: value` lines")
    seen = {}
    for key, _ in node.value:
        if key.value in seen:
            raise _error(name, key.start_mark.line + 2, f"{key.value} appears twice (first "
                         f"on line {seen[key.value]})", "keep one")
        seen[key.value] = key.start_mark.line + 2
    return fields, 2, end + 1


def _line_problem(line: str) -> tuple[str, str] | None:
    """(what is wrong, the fix) for a line that cannot be a front matter field."""
    if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-"):
        return None  # blank, a comment, or the continuation of the field above
    if KEY_LINE.match(line):
        return None
    key = re.match(r"^([^:：\s]+)[ \t]*([:：]?)", line)
    if "：" in line.split(" ", 1)[0] or (key and key.group(2) == "："):
        return yaml_hints.FULL_WIDTH_COLON
    if re.match(r"^[A-Za-z_][\w-]*:\S", line):
        return "there is no space after the colon", "write `name: value`"
    return "this line is not `name: value`", "fix it or start it with # to make it a comment"


def fields(text: str, name: str) -> dict:
    """The page's front matter fields ({} without front matter); raises FrontMatterError."""
    found = split(text, name)
    return found[0] if found else {}
