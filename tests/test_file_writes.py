"""Nothing lost, nothing half-written: the editing tools killed at random moments leave
every file as it was or as it should become, with no temporary file behind, and two
`make page` runs at the same time both land."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from quality.pages import TABLE
from sitebuild import ROOT, copy_project

from sitelib import file_writes

SCRIPTS = ROOT / "scripts"
TRIES = 50


def run(*args, cwd):
    return subprocess.Popen([sys.executable, *map(str, args)], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def snapshot(root, names):
    return {name: (root / name).read_bytes() if (root / name).exists() else None
            for name in names}


def temporary_files(root):
    return [p for p in root.rglob("*") if p.name.endswith(".tmp") or ".tmp" in p.suffixes]


def kill_at_random(make_process, root, names, reset):
    """Run the tool TRIES times, killing it (SIGKILL) after a random delay up to 1.5 times
    its own run's length (as long as the tool takes on this machine, however loaded);
    after each kill every file must be the old or the new version, and any temporary file
    be the killed run's own, of a file it writes (killed between naming a new file and the
    rename); the next run that completes removes them all."""
    old = snapshot(root, names)
    started = time.monotonic()
    make_process().wait()
    took = time.monotonic() - started  # the delays span the tool's run on this machine
    new = snapshot(root, names)
    assert new != old, "the tool changed nothing"
    rng = random.Random(20261125)
    outcomes = set()
    for _ in range(TRIES):
        reset()
        assert snapshot(root, names) == old
        process = make_process()
        time.sleep(rng.uniform(0, 1.5 * took))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(root, names)
        for name in names:
            assert now[name] in (old[name], new[name]), f"{name} is neither old nor new"
        outcomes.add(tuple(now[name] == new[name] for name in names))
        allowed = {f".{(root / name).name}.{process.pid}." for name in names}
        for left in temporary_files(root):
            assert left.name[:left.name.rindex(".", 0, -4) + 1] in allowed, left
    # The delays cover the tool's run: some kills came before its writes, some after.
    assert {all(outcome) for outcome in outcomes} == {False, True}, outcomes
    reset()
    assert make_process().wait() == 0
    assert temporary_files(root) == []


def test_a_write_removes_the_temporaries_of_killed_writers_only(tmp_path):
    target = tmp_path / "page.md"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".page.md.{dead.pid}.0a1b2c3d.tmp"
    writing = tmp_path / f".page.md.{os.getpid()}.0a1b2c3d.tmp"  # a live writer's
    other = tmp_path / f".other.md.{dead.pid}.0a1b2c3d.tmp"  # another file's
    for path in (stale, writing, other):
        path.write_text("half", encoding="utf-8")
    file_writes.write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [other.name, writing.name, "page.md"])


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "page.md"
    target.write_text("old", encoding="utf-8")

    def crash(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(file_writes.os, "replace", crash)
    with pytest.raises(OSError):
        file_writes.write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]
    monkeypatch.undo()
    file_writes.write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_mark_translated_killed_at_random(tmp_path):
    root = copy_project(tmp_path / "project")
    english = root / "docs" / "membership.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n",
                       encoding="utf-8")
    chinese = root / "docs" / "zh" / "membership.md"
    original = chinese.read_bytes()
    kill_at_random(lambda: run(SCRIPTS / "translations.py", "--root", root,
                               "--mark-translated", "membership.md", cwd=root),
                   root, ["docs/zh/membership.md"], lambda: chinese.write_bytes(original))


def test_new_page_killed_at_random(tmp_path):
    root = copy_project(tmp_path / "project")
    config = (root / "mkdocs.yml").read_bytes()
    names = ["docs/governance.md", "docs/zh/governance.md", "mkdocs.yml"]

    def reset():
        (root / "mkdocs.yml").write_bytes(config)
        for name in names[:2]:
            (root / name).unlink(missing_ok=True)

    kill_at_random(lambda: run(SCRIPTS / "new_page.py", "--root", root, "--name", "governance",
                               "--title-en", "Governance", "--title-zh", "治理", cwd=root),
                   root, names, reset)


def test_membership_tables_killed_at_random(tmp_path):
    out = tmp_path / "generated"
    names = [f"{table}.{lang}.md" for table in ("membership-classes",
                                                "certification-commitments")
             for lang in TABLE]  # every language, the converted one too
    data = tmp_path / "classes.yml"
    data.write_text((ROOT / "data" / "membership_classes.yml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    subprocess.run([sys.executable, SCRIPTS / "membership_tables.py", "--data", data,
                    "--out", out], check=True, capture_output=True)
    before = {name: (out / name).read_bytes() for name in names}
    data.write_text(data.read_text(encoding="utf-8").replace("Civil Society", "Civil Groups"),
                    encoding="utf-8")

    def reset():
        for name, content in before.items():
            (out / name).write_bytes(content)

    kill_at_random(lambda: run(SCRIPTS / "membership_tables.py", "--data", data, "--out", out,
                               cwd=tmp_path), out, names, reset)


def test_two_new_pages_at_once_both_land(tmp_path):
    root = copy_project(tmp_path / "project")
    config = (root / "mkdocs.yml").read_bytes()
    for _ in range(20):
        (root / "mkdocs.yml").write_bytes(config)
        for page in root.glob("docs/**/page-*.md"):
            page.unlink()
        runs = [run(SCRIPTS / "new_page.py", "--root", root, "--name", f"page-{n}",
                    "--title-en", f"Page {n}", "--title-zh", f"页面{n}", cwd=root)
                for n in (1, 2)]
        assert [process.wait() for process in runs] == [0, 0]
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        for n in (1, 2):
            assert f"- Page {n}: page-{n}.md" in text and f"Page {n}: 页面{n}" in text
            assert (root / "docs" / f"page-{n}.md").is_file()
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["mkdocs.yml", "docs", "overrides", "scripts", "data", "locales"])  # no lock file
