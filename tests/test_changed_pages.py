"""`make changed-pages BASE=REV` (scripts/changed_pages.py) on a temporary git repository:
every page a change touches, both languages, and whether its Chinese page is now
outdated."""

import os
import subprocess

import pytest
from content_tree import make_tree, run_script

from sitelib.site_pages import content_hash

ABOUT = "# About\n\nThe Working Group meets.\n"
JOIN = "# Join\n\n<!-- table: membership-classes -->\n"
GLOSSARY = "terms:\n  - en: Working Group\n    zh: 工作组\n"
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "E", "GIT_COMMITTER_EMAIL": "e@example.org"}


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env=GIT_ENV)


def chinese(english, body):
    return f"---\ntranslation_of: {content_hash(english)}\n---\n\n{body}"


@pytest.fixture
def repo(tmp_path):
    """Three pages in both languages, every Chinese page up to date, committed on main;
    the edits are made on a branch."""
    pages = {"docs/index.md": "# Home\n", "docs/about.md": ABOUT, "docs/join.md": JOIN,
             "docs/zh/index.md": chinese("# Home\n", "# 首页\n"),
             "docs/zh/about.md": chinese(ABOUT, "# 关于\n\n工作组开会。\n"),
             "docs/zh/join.md": chinese(JOIN, "# 加入\n\n<!-- table: membership-classes -->\n")}
    root = make_tree(tmp_path, pages, nav=[("Home", "index.md"), ("About", "about.md"),
                                           ("Join", "join.md")],
                     nav_translations={"Home": "首页", "About": "关于", "Join": "加入"},
                     glossary=GLOSSARY)
    (root / "data" / "membership_classes.yml").write_text("classes: []\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "edit")  # the pull request's branch
    return root


def changed(root, base="main"):
    result = run_script("changed_pages.py", base, root=root)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def edit(root, path, old, new):
    file = root / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_nothing_changed_lists_nothing(repo):
    assert changed(repo) == []


def test_an_english_edit_makes_its_chinese_page_outdated(repo):
    edit(repo, "docs/about.md", "meets", "meets monthly")
    git(repo, "commit", "-qam", "About: monthly")
    assert changed(repo) == ["docs/about.md | docs/zh/about.md — English edited — "
                             "Chinese: outdated by this change"]


def test_a_chinese_edit_alone_leaves_it_up_to_date(repo):
    edit(repo, "docs/zh/about.md", "开会", "每月开会")
    assert changed(repo) == ["docs/about.md | docs/zh/about.md — Chinese edited — "
                             "Chinese: up to date"]


def test_a_data_edit_touches_every_page_with_a_table(repo):
    edit(repo, "data/membership_classes.yml", "[]", "[ ]")
    assert changed(repo) == ["docs/join.md | docs/zh/join.md — tables from "
                             "data/membership_classes.yml — Chinese: up to date"]


def test_a_glossary_edit_touches_the_pages_using_the_term(repo):
    edit(repo, "data/glossary.yml", "zh: 工作组", "zh: 工作小组")
    assert changed(repo) == ["docs/about.md | docs/zh/about.md — glossary term Working Group "
                             "— Chinese: up to date"]


def test_a_menu_title_change_in_mkdocs_yml_touches_that_page(repo):
    edit(repo, "mkdocs.yml", "About: 关于", "About: 关于我们")
    assert changed(repo) == ["docs/about.md | docs/zh/about.md — menu title (mkdocs.yml) — "
                             "Chinese: up to date"]


def test_other_settings_in_mkdocs_yml_touch_every_page(repo):
    edit(repo, "mkdocs.yml", "site_name: Test site", "site_name: Test")
    assert [line.split(" | ")[0] for line in changed(repo)] == [
        "docs/about.md", "docs/index.md", "docs/join.md"]


def test_a_renamed_page_and_the_name_it_left(repo):
    git(repo, "mv", "docs/about.md", "docs/about-us.md")
    git(repo, "commit", "-qm", "rename")
    assert changed(repo) == [
        "docs/about-us.md | (no Chinese page) — renamed from about.md — Chinese: missing",
        "(deleted docs/about.md) | docs/zh/about.md — deleted — Chinese: delete "
        "docs/zh/about.md too"]


def test_a_deleted_page_in_both_languages(repo):
    git(repo, "rm", "-q", "docs/join.md", "docs/zh/join.md")
    assert changed(repo) == ["(deleted docs/join.md) | (no Chinese page) — deleted; Chinese "
                             "page deleted — Chinese: deleted"]


def test_a_new_page_not_yet_committed(repo):
    (repo / "docs" / "news.md").write_text("# News\n", encoding="utf-8")
    assert changed(repo) == ["docs/news.md | (no Chinese page) — new page — Chinese: missing"]


def test_an_unknown_base_stops_with_one_line(repo):
    result = run_script("changed_pages.py", "no-such-branch", root=repo)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        'error: "no-such-branch" is not a commit here: give BASE=main, a branch or a commit '
        "(a shallow clone may need `git fetch`)"]


TRADITIONAL = """\
        - locale: zh-Hant
          name: 繁體中文
          extra:
            language:
              converted_from: zh
"""
RULES = """\
rules:
  - zh: 开会
    zh_hant: 開會
    why: test
vocabulary: []
quotes:
  "“": 「
"""


@pytest.fixture
def converted(repo):
    """The same tree with a Traditional site converted from the Chinese pages, on main."""
    git(repo, "checkout", "-q", "main")
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(TRADITIONAL)
    (repo / "data" / "conversion.yml").write_text(RULES, encoding="utf-8")
    edit(repo, "data/glossary.yml", "zh: 工作组\n", "zh: 工作组\n    zh_hant: 工作組\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Traditional")
    git(repo, "checkout", "-qB", "edit")
    return repo


def test_a_conversion_rule_touches_the_converted_pages_holding_its_text(converted):
    edit(converted, "data/conversion.yml", "zh_hant: 開會", "zh_hant: 舉行會議")
    assert changed(converted) == [
        "docs/about.md | docs/zh/about.md | zh-Hant: converted from docs/zh/about.md — "
        "Traditional wording 开会 (data/conversion.yml) — Chinese: up to date"]


def test_a_vocabulary_rule_added_touches_the_pages_holding_it(converted):
    edit(converted, "data/conversion.yml", "vocabulary: []",
         "vocabulary:\n  - zh: 工作组开会\n    zh_hant: 工作組開會\n    why: test")
    assert [line.split(" — ")[1] for line in changed(converted)] == [
        "Traditional wording 工作组开会 (data/conversion.yml)"]


def test_a_glossary_traditional_form_touches_the_pages_using_the_term(converted):
    edit(converted, "data/glossary.yml", "zh_hant: 工作組", "zh_hant: 工作小組")
    assert [line.split(" — ")[:2] for line in changed(converted)] == [[
        "docs/about.md | docs/zh/about.md | zh-Hant: converted from docs/zh/about.md",
        "glossary term Working Group"]]


def test_a_hand_written_traditional_page(converted):
    (converted / "docs" / "zh-Hant").mkdir()
    (converted / "docs" / "zh-Hant" / "about.md").write_text("# 關於\n", encoding="utf-8")
    assert changed(converted) == [
        "docs/about.md | docs/zh/about.md | zh-Hant: docs/zh-Hant/about.md — zh-Hant page "
        "added — Chinese: up to date"]
