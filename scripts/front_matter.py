"""The front matter of a page: the `key: value` lines between `---` lines at its top.

One strict reader for the build (hook_front_matter.py), the content checks and the
editors' tools. MkDocs itself publishes front matter it cannot read as text above the
heading; here every mistake is `file:line: what is wrong — how to fix it`:

    python scripts/front_matter.py [FILE ...]     # check pages (default: all of docs/)
"""

import argparse
import re
import sys
from pathlib import Path

import yaml
import yaml_hints

FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*:(?:[ \t]|$)")
# Front matter keys a page may use without its opening `---` being there.
LOOKS_LIKE_A_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*[:：]")


class FrontMatterError(ValueError):
    pass


def split(text: str, name: str) -> tuple[dict, int, int] | None:
    """(fields, first line, closing line) of the front matter, None if the page has none;
    raises FrontMatterError."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        if lines and LOOKS_LIKE_A_KEY.match(lines[0]) and any(
                FENCE.match(line) for line in lines[1:12]):
            raise FrontMatterError(f"{name}:1: the front matter has no opening line — add a "
                                   "line with three hyphens --- above it")
        return None
    end = next((i for i, line in enumerate(lines[1:], start=1) if FENCE.match(line)), None)
    if end is None:
        raise FrontMatterError(f"{name}:1: the front matter that starts here is never closed "
                               "— add a line with three hyphens --- after its last field")
    for number, line in enumerate(lines[1:end], start=2):
        problem = _line_problem(line)
        if problem:
            raise FrontMatterError(f"{name}:{number}: {problem}")
    block = "\n".join(lines[1:end])
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
        fields = yaml.safe_load(block) if node is not None else {}
    except yaml.YAMLError as error:
        line, hint = yaml_hints.explain(block, error)
        raise FrontMatterError(f"{name}:{line + 1}: the front matter is not readable — {hint}"
                               ) from None
    if not isinstance(fields, dict):
        raise FrontMatterError(f"{name}:2: the front matter must be `name: value` lines")
    seen = {}
    for key, _ in node.value:
        if key.value in seen:
            raise FrontMatterError(f"{name}:{key.start_mark.line + 2}: {key.value} appears "
                                   f"twice (first on line {seen[key.value]}) — keep one")
        seen[key.value] = key.start_mark.line + 2
    return fields, 2, end + 1


def _line_problem(line: str) -> str | None:
    if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-"):
        return None  # blank, a comment, or the continuation of the field above
    if KEY_LINE.match(line):
        return None
    key = re.match(r"^([^:：\s]+)[ \t]*([:：]?)", line)
    if "：" in line.split(" ", 1)[0] or (key and key.group(2) == "："):
        return ("the colon after the field name is the full-width ：; type the half-width "
                ": followed by a space")
    if re.match(r"^[A-Za-z_][\w-]*:\S", line):
        return "there is no space after the colon — write `name: value`"
    return "this line is not `name: value` — fix it or start it with # to make it a comment"


def fields(text: str, name: str) -> dict:
    """The page's front matter fields ({} without front matter); raises FrontMatterError."""
    found = split(text, name)
    return found[0] if found else {}


def main(argv=None) -> int:
    from site_pages import ROOT, Site

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="pages (default: all of docs/)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())
    paths = args.files or sorted(site.docs_dir.rglob("*.md"))
    problems = []
    for path in paths:
        path = Path(path).resolve()
        name = site.rel(path) if path.is_relative_to(site.root) else str(path)
        try:
            split(path.read_text(encoding="utf-8"), name)
        except FrontMatterError as error:
            problems.append(str(error))
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"front matter check: {len(paths)} pages, {count} problem{'' if count == 1 else 's'}",
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
