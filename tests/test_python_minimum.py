"""`make build` on a Python older than 3.11 (macOS's xcode-select gives 3.9) stops before
installing anything, with one line that says what to install. A fake `python3` first on
PATH answers the version question; the real make runs the real Makefile."""

import os
import re
import subprocess

import pytest

from sitelib import ROOT

FAKE = """#!/bin/sh
case "$1" in
  -c) echo "{major} {minor}" ;;
  *) echo "fake python asked to create a venv" >&2; exit 3 ;;
esac
"""


# Run as a person would, not as a sub-make of `make test`.
ENV = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
MAKES_OWN_LINE = re.compile(r"make(\[\d+\])?: \*\*\* ")


def ours(stderr):
    """stderr without make's own closing line."""
    return [line for line in stderr.splitlines() if not MAKES_OWN_LINE.match(line)]


def make_build(tmp_path, version=None, python="python3"):
    folder = tmp_path / "bin"
    folder.mkdir()
    if version:
        fake = folder / python
        fake.write_text(FAKE.format(major=version[0], minor=version[1]), encoding="utf-8")
        fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "build", f"VENV={venv}",
         f"PYTHON={python}"],
        env={**ENV, "PATH": f"{folder}:/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60, check=False)
    return result, venv


@pytest.mark.parametrize("version", [(3, 9), (3, 10), (2, 7)])
def test_an_old_python_stops_with_one_line(tmp_path, version):
    result, venv = make_build(tmp_path, version)
    assert result.returncode != 0
    assert ours(result.stderr) == [
        f"python3 is Python {version[0]}.{version[1]}, and the site needs 3.11 or newer: "
        "install a newer Python (python.org, or on macOS: brew install python), then run "
        "make again (or name it: make build PYTHON=python3.13)."]
    assert "Traceback" not in result.stdout + result.stderr
    assert not venv.exists()


def test_a_missing_python_stops_with_one_line(tmp_path):
    result, venv = make_build(tmp_path, python="python3.99")
    assert result.returncode != 0
    assert ours(result.stderr) == [
        "python3.99 was not found: install Python 3.11 or newer (python.org, or on macOS: "
        "brew install python), then run make again."]
    assert not venv.exists()


# (3, 11) stands for Debian 12's 3.11.2: the check lets it through, and the locks install on
# it (test_supply_chain checks every locked package's Requires-Python against 3.11.0).
@pytest.mark.parametrize("version", [(3, 11), (3, 12), (3, 13), (4, 0)])
def test_a_new_enough_python_goes_on_to_create_the_venv(tmp_path, version):
    result, _venv = make_build(tmp_path, version)
    assert "fake python asked to create a venv" in result.stderr
    assert "the site needs Python" not in result.stderr
