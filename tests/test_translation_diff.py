"""`make translations` shows translators what changed in the English page since the
version the Chinese page translates, found in a real git history."""

import json
import os
import re
import shutil
import subprocess

import pytest
from content_tree import make_tree, run_script

from sitelib.site_pages import content_hash
from sitelib.translation_diff import word_diff

ENGLISH = """\
---
description: About us.
---

# About

The Working Group meets every month.

It reports to the Board.
"""
CHANGED = ENGLISH.replace("every month", "every quarter")
# A reworded sentence reads as the old and the new sentence, the words marked inside.
WAS_NOW = ["   7 | was: The Working Group meets every [-month-].",
           "     | now: The Working Group meets every {+quarter+}."]
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env=GIT_ENV)


@pytest.fixture
def repo(tmp_path):
    """A project whose Chinese page translated ENGLISH, committed, then the English
    page changed by one word and committed again."""
    root = tmp_path / "repo"
    root.mkdir()
    chinese = f"---\ntranslation_of: {content_hash(ENGLISH)}\n---\n\n# 关于\n\n工作组每月开会。\n"
    make_tree(root, {"docs/about.md": ENGLISH, "docs/zh/about.md": chinese})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Translate About")
    (root / "docs/about.md").write_text(CHANGED, encoding="utf-8")
    git(root, "commit", "-q", "-am", "About: quarterly meetings")
    return root


def test_outdated_page_shows_the_changed_words_at_their_line(repo):
    result = run_script("translations.py", root=repo)
    assert result.returncode == 0, result.stderr
    assert "What changed in docs/about.md since docs/zh/about.md was translated:" in result.stdout
    changes = result.stdout.split("was translated:\n", 1)[1].splitlines()
    assert changes == WAS_NOW
    assert "\033[" not in result.stdout  # piped: no colour


def test_json_markdown_and_single_page_views_carry_the_same_diff(repo):
    rows = json.loads(run_script("translations.py", "--json", root=repo).stdout)
    about = next(r for r in rows if r["page"] == "about.md")
    assert about["changes"] == [{"number": 7, "old": "The Working Group meets every [-month-].",
                                 "new": "The Working Group meets every {+quarter+}."}]
    markdown = run_script("translations.py", "--markdown", root=repo).stdout
    assert "<details><summary>about.md: 1 changed line</summary>" in markdown
    assert "\n".join(WAS_NOW) in markdown
    single = run_script("translations.py", "--diff", "about.md", root=repo).stdout
    assert single.splitlines()[1:] == WAS_NOW


def test_shallow_clone_explains_in_one_line_and_still_reports(repo, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    result = run_script("translations.py", root=clone)
    assert result.returncode == 0
    assert "about.md  outdated" in result.stdout
    notes = [line for line in result.stdout.splitlines() if "no diff:" in line]
    assert len(notes) == 1 and "git fetch --unshallow" in notes[0]


def test_without_git_the_status_is_still_reported(repo, tmp_path):
    plain = tmp_path / "download"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    result = run_script("translations.py", root=plain)
    assert "about.md  outdated" in result.stdout
    assert "no diff: no git history here" in result.stdout


def test_marking_translated_clears_the_status_and_the_diff(repo):
    run_script("translations.py", "--mark-translated", "about.md", root=repo)
    result = run_script("translations.py", root=repo)
    assert "about.md  ok" in result.stdout
    assert "What changed" not in result.stdout


def test_a_reworded_sentence_reads_as_two_sentences():
    lines = word_diff("ASI encourages new members to join.\n",
                      "New members are encouraged to join ASI.\n")
    assert [(line.old, line.new) for line in lines] == [(
        "[-ASI encourages new-] members to join.",
        "{+New+} members{+ are encouraged+} to join{+ ASI+}.")]


def test_deleted_and_added_lines_are_whole_sentences():
    lines = word_diff("Keep.\nGone.\n", "Keep.\nNew one.\nAnd another.\n")
    assert "\n".join(map(str, lines)).splitlines() == [
        "   2 | was: [-Gone-].", "     | now: {+New one+}.", "   3 | added: And another."]


@pytest.mark.parametrize("fingerprint, reason", [
    ("sha256:97995f26dd7", "is not a whole fingerprint"),
    ("sha256:000000000000", "no version of docs/about.md in the history has the fingerprint"),
])
def test_a_mistyped_fingerprint_says_so(repo, fingerprint, reason):
    page = repo / "docs/zh/about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"sha256:\w+", fingerprint, text), encoding="utf-8")
    result = run_script("translations.py", root=repo)
    notes = [line for line in result.stdout.splitlines() if "no diff:" in line]
    assert len(notes) == 1 and reason in notes[0], result.stdout
    assert "uncommitted" not in result.stdout
    assert f"English now {content_hash(CHANGED)}" in result.stdout


def test_a_new_english_page_needs_a_whole_translation(repo):
    (repo / "docs/new.md").write_text("# New\n\nAll new.\n", encoding="utf-8")
    (repo / "docs/zh/new.md").write_text("---\ntranslation_of: sha256:111111111111\n---\n\n# 新\n",
                                         encoding="utf-8")
    result = run_script("translations.py", root=repo)
    assert "no diff: docs/new.md is new (no earlier version in the history): translate the " \
           "whole page" in result.stdout, result.stdout
