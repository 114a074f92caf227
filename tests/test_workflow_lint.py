"""Every `run:` script of the workflows passes shellcheck, in the shell GitHub runs it with
(bash; `make test` also checks the files against GitHub's workflow schema). What actionlint
would do for the scripts, with Debian's shellcheck: actionlint itself is on PyPI only as
source whose build downloads the binary from GitHub."""

import subprocess

import pytest
from workflow_runner import load

from sitelib import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run_steps():
    for path in WORKFLOWS:
        workflow = load(path.read_text(encoding="utf-8"))
        for job_id, job in workflow["jobs"].items():
            for number, step in enumerate(job.get("steps", [])):
                if "run" in step:
                    yield pytest.param(step["run"], id=f"{path.name}:{job_id}:{number}")


def shellcheck(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["shellcheck", "--shell=bash", "--format=gcc", "-"], input=script,
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("script", list(run_steps()))
def test_every_run_step_passes_shellcheck(script):
    assert "${{" not in script, "pass values through env:, not ${{ }} inside the script"
    result = shellcheck(script)
    assert result.returncode == 0, result.stdout


def test_shellcheck_finds_what_it_should():
    assert "SC2086" in shellcheck('rm $folder/*\n').stdout  # an unquoted expansion
