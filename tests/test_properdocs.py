"""ProperDocs builds and previews the site. The old `mkdocs` package stays in the lock only
because Material and the plugins declare it: none of its code runs in a build, and the
update bot never proposes its 2.x (MAINTAINERS.md, "MkDocs and ProperDocs")."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from sitebuild import free_port

from sitelib import ROOT
from sitelib.site_builder import RUNNER, command

OLD_PACKAGE = Path(metadata.distribution("mkdocs").locate_file("mkdocs"))
# Runs a module as `python -m` does, recording every file of a package it opens: the
# import system reads each module through io.open_code, which raises the "open" audit
# event, and templates are opened like any file. Modules loaded are listed at exit too.
WATCH = """
import atexit, json, runpy, sys
report, package, module = sys.argv[1:4]
del sys.argv[1:4]
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(package):
        opened.add(args[0])
sys.addaudithook(hook)
def done():
    loaded = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}
    with open(report, "w", encoding="utf-8") as out:
        json.dump(sorted(opened | {f for f in loaded if f.startswith(package)}), out)
atexit.register(done)
runpy.run_module(module, run_name="__main__", alter_sys=True)
"""


def run_watched(tmp_path, argv):
    """Run `python -m X ...` (argv as site_builder.command gives it) under WATCH; return
    the completed process and the files of the old package it opened."""
    python, flag, module, *rest = argv
    assert flag == "-m"
    report = tmp_path / "opened.json"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "SITE_URL": "http://127.0.0.1:8000/"}
    done = subprocess.run([python, "-c", WATCH, str(report), f"{OLD_PACKAGE}{os.sep}", module,
                           *rest], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    return done, json.loads(report.read_text(encoding="utf-8"))


def test_a_build_runs_no_code_of_the_old_mkdocs_package(tmp_path):
    site = tmp_path / "site"
    done, opened = run_watched(tmp_path, command("build", "--strict", "--site-dir", str(site)))
    assert done.returncode == 0, done.stderr
    assert (site / "zh-Hant" / "membership.html").is_file()  # all three languages built
    assert opened == [], f"the build ran the old mkdocs package: {opened[:5]}"


def test_the_watch_sees_the_old_package_when_it_runs(tmp_path):
    done, opened = run_watched(tmp_path, command("build", "--help", runner="mkdocs"))
    assert done.returncode == 0, done.stderr
    assert any(Path(path).name.startswith("__main__.") for path in opened)  # .py or .pyc


def test_the_plugins_still_declare_the_locked_mkdocs():
    """Why mkdocs 1.6.1 stays in the lock: these packages require it. When none does any
    more, this fails, and the lock can leave it out (MAINTAINERS.md)."""
    locked = metadata.version("mkdocs")
    for package in ("mkdocs-material", "mkdocs-static-i18n",
                    "mkdocs-git-revision-date-localized-plugin"):
        [wanted] = [Requirement(r) for r in metadata.requires(package) or ()
                    if Requirement(r).name == "mkdocs"]
        assert wanted.specifier.contains(locked), f"{package} wants mkdocs{wanted.specifier}"
    assert locked.startswith("1.")


# A command that starts the old package: `-m mkdocs` in Python, `mkdocs build` in a shell
# line of the Makefile or a workflow (comments aside).
IN_PYTHON = re.compile(r"""["']-m["'],\s*["']mkdocs["']""")
IN_SHELL = re.compile(r"^[^#\n]*\bmkdocs\s+(?:build|serve|gh-deploy)\b", re.MULTILINE)


def starts_mkdocs(path: Path) -> list[str]:
    pattern = IN_PYTHON if path.suffix == ".py" else IN_SHELL
    return [match[0] for match in pattern.finditer(path.read_text(encoding="utf-8"))]


def test_every_command_runs_properdocs():
    assert RUNNER == "properdocs"
    sources = [*ROOT.glob("scripts/**/*.py"), *ROOT.glob("tools/**/*.py"),
               *ROOT.glob("tests/**/*.py"), *ROOT.glob(".github/scripts/*.py"),
               *ROOT.glob(".github/workflows/*.yml"), ROOT / "Makefile"]
    sources.remove(Path(__file__))  # its own example below
    assert {str(p.relative_to(ROOT)): starts_mkdocs(p) for p in sources if starts_mkdocs(p)} == {}


def test_the_check_finds_a_command_that_starts_mkdocs(tmp_path):
    (tmp_path / "x.py").write_text('run([sys.executable, "-m", "mkdocs", "build"])\n')
    (tmp_path / "x.yml").write_text("# mkdocs build is old\n      - run: mkdocs build --strict\n")
    assert starts_mkdocs(tmp_path / "x.py") and starts_mkdocs(tmp_path / "x.yml") == [
        "      - run: mkdocs build"]


def test_the_update_bot_never_proposes_mkdocs_2():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    [pip] = [u for u in config["updates"] if u["package-ecosystem"] == "pip"]
    [rule] = [r for r in pip.get("ignore", []) if r["dependency-name"] == "mkdocs"]
    assert rule["versions"] == [">=2"] and "update-types" not in rule


def test_the_preview_reloads_as_pages_change(tmp_path):
    """`make serve` runs `properdocs serve` with live reload: each page carries the script
    that reloads it."""
    port = free_port()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
           "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen([sys.executable, "scripts/serve_site.py", str(port)], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, page = time.monotonic() + 180, None
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/zh/index.html",
                                            timeout=5) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert page is not None, server.stderr.read1().decode() if server.poll() else "no answer"
        assert re.search(r"livereload\(\d+, \d+\)", page)
    finally:
        server.terminate()
        server.wait(timeout=30)
