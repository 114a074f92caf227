"""Every command CONTRIBUTING.md shows exists and takes the options it shows."""

import re
import shlex
import subprocess
import sys

import pytest

from sitelib import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
FENCE = re.compile(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"`([^`\n]+)`")
COMMAND = re.compile(r"(?:make|python scripts/\S+)(?:\s.*)?")


def guide_commands(text: str) -> list[str]:
    """`make …` and `python scripts/…` commands, from code blocks and inline code."""
    snippets = []
    for block in FENCE.findall(text):
        snippets += block.splitlines()
    snippets += INLINE.findall(FENCE.sub("", text))
    return sorted({s.strip() for s in snippets if COMMAND.fullmatch(s.strip())})


def command_problem(command: str) -> str | None:
    """Why `command` would not work as written, or None."""
    words = shlex.split(command)
    if words[0] == "make":
        dry_run = subprocess.run(["make", "-n", *words[1:]], cwd=ROOT, capture_output=True,
                                 text=True, check=False)
        if dry_run.returncode:
            return dry_run.stderr.strip() or "make failed"
        missing = [s for s in re.findall(r"scripts/[\w/]+\.py", dry_run.stdout)
                   if not (ROOT / s).is_file()]
        return f"runs missing {missing}" if missing else None
    script = ROOT / words[1]
    if not script.is_file():
        return f"{words[1]} does not exist"
    help_run = subprocess.run([sys.executable, str(script), "--help"], cwd=ROOT,
                              capture_output=True, text=True, check=False)
    if help_run.returncode:
        return f"--help failed: {help_run.stderr.strip()}"
    unknown = [w.split("=")[0] for w in words[2:]
               if w.startswith("--") and w.split("=")[0] not in help_run.stdout]
    return f"unknown options {unknown}" if unknown else None


COMMANDS = guide_commands(GUIDE.read_text(encoding="utf-8"))


def test_the_guide_shows_the_editors_commands():
    shown = {shlex.split(c)[1] if c.startswith("make ") else c for c in COMMANDS}
    for needed in ["build", "serve", "test", "tables", "translations", "page",
                   "check-content", "mark-translated"]:
        assert needed in shown


@pytest.mark.parametrize("command", COMMANDS)
def test_command_in_the_guide_works(command):
    assert command_problem(command) is None


@pytest.mark.parametrize("command", [
    "make publish-everything",
    "python scripts/no_such_script.py",
    "python scripts/translations.py --mark-as-done membership.md",
])
def test_a_wrong_command_is_caught(command):
    assert command_problem(command)


def test_commands_are_found_in_blocks_and_inline_code():
    text = "Run `make serve` (see the `Makefile`).\n\n```sh\nmake page NAME=x\ngit push\n```\n"
    assert guide_commands(text) == ["make page NAME=x", "make serve"]


def test_readme_links_to_the_guide():
    assert "](CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
