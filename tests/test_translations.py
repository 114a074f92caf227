"""scripts/translations.py: the translation status report and --mark-translated."""

import json

import pytest
from content_tree import make_tree, run_script

from sitelib import ROOT

EN = "---\ndescription: About us.\n---\n\n# About\n\nThe Working Group meets.\n"
ZH = "---\ndescription: 关于我们。\n---\n\n# 关于\n\n工作组开会。\n"
NAV = [("About", "about.md")]
NAV_ZH = {"About": "关于"}


def statuses(root):
    result = run_script("translations.py", "--json", root=root)
    assert result.returncode == 0, result.stderr
    return {(row["page"], row["status"]): row for row in json.loads(result.stdout)}


def marked_tree(tmp_path):
    root = make_tree(tmp_path, {"docs/about.md": EN, "docs/zh/about.md": ZH}, NAV, NAV_ZH)
    assert run_script("translations.py", "--mark-translated", "about.md", root=root).returncode == 0
    return root


def test_report_on_the_real_site(capsys):
    """Prints the report in the normal test run; only --strict fails on findings."""
    result = run_script("translations.py")
    with capsys.disabled():
        print("\n" + result.stdout)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Translation status")
    for page in (ROOT / "docs").glob("*.md"):
        assert f"\n{page.name} " in result.stdout


def test_real_site_markdown_summary():
    result = run_script("translations.py", "--markdown")
    assert result.returncode == 0, result.stderr
    assert "| Page | Status | File | Detail |" in result.stdout


def test_unmarked_translation_is_outdated(tmp_path):
    root = make_tree(tmp_path, {"docs/about.md": EN, "docs/zh/about.md": ZH}, NAV, NAV_ZH)
    row = statuses(root)[("about.md", "outdated")]
    assert "never marked" in row["detail"]
    assert run_script("translations.py", "--strict", root=root).returncode == 1


def test_marked_translation_is_up_to_date(tmp_path):
    root = marked_tree(tmp_path)
    assert ("about.md", "ok") in statuses(root)
    strict = run_script("translations.py", "--strict", root=root)
    assert strict.returncode == 0, strict.stdout


def test_english_edit_makes_translation_outdated(tmp_path):
    root = marked_tree(tmp_path)
    (root / "docs/about.md").write_text(EN + "\nA new paragraph.\n", encoding="utf-8")
    row = statuses(root)[("about.md", "outdated")]
    assert "changed since translated" in row["detail"]
    assert (row["file"], row["line"]) == ("docs/zh/about.md", 3)  # the translation_of line
    strict = run_script("translations.py", "--strict", root=root)
    assert strict.returncode == 1
    assert "docs/zh/about.md:3" in strict.stdout


def test_line_endings_do_not_count_as_a_change(tmp_path):
    root = marked_tree(tmp_path)
    (root / "docs/about.md").write_bytes(EN.replace("\n", "\r\n").encode())
    assert ("about.md", "ok") in statuses(root)


@pytest.mark.parametrize("pages, nav, nav_zh, expected", [
    ({"docs/about.md": EN}, NAV, NAV_ZH, ("about.md", "missing")),
    ({"docs/zh/old.md": ZH}, [], {}, ("old.md", "orphan")),
    ({}, [("Contact", "contact.md")], {}, ("contact.md", "nav-untranslated")),
])
def test_each_problem_is_reported_and_fails_strict(tmp_path, pages, nav, nav_zh, expected):
    root = make_tree(tmp_path, pages, nav, nav_zh)
    assert expected in statuses(root)
    strict = run_script("translations.py", "--strict", root=root)
    assert strict.returncode == 1
    assert expected[1] in strict.stdout


def test_untranslated_nav_title_reports_its_line(tmp_path):
    nav = [("About", "about.md"), ("Contact", "contact.md")]
    root = make_tree(tmp_path, {}, nav, NAV_ZH)
    rows = statuses(root)
    assert ("about.md", "nav-untranslated") not in rows
    row = rows[("contact.md", "nav-untranslated")]
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert (row["file"], lines[row["line"] - 1]) == ("mkdocs.yml", "  - Contact: contact.md")


def test_mark_translated_changes_only_the_front_matter_line(tmp_path):
    chinese = ZH.replace("\n", "\r\n")  # a file saved on Windows keeps its line endings
    root = make_tree(tmp_path, {"docs/about.md": EN, "docs/zh/about.md": chinese}, NAV, NAV_ZH)
    result = run_script("translations.py", "--mark-translated", "docs/zh/about.md", root=root)
    assert result.returncode == 0, result.stderr
    marked = (root / "docs/zh/about.md").read_bytes().decode()
    lines = marked.split("\r\n")
    assert lines[2].startswith("translation_of: sha256:") and len(lines[2]) == 35
    assert "\r\n".join(lines[:2] + lines[3:]) == chinese
    # Marking again replaces the line rather than adding one.
    (root / "docs/about.md").write_text(EN + "More.\n", encoding="utf-8")
    run_script("translations.py", "--mark-translated", "about", root=root)
    remarked = (root / "docs/zh/about.md").read_bytes().decode()
    assert remarked.count("translation_of:") == 1 and remarked != marked
    assert ("about.md", "ok") in statuses(root)


def test_mark_translated_adds_front_matter_when_there_is_none(tmp_path):
    body = "# 关于\n\n工作组开会。\n"
    root = make_tree(tmp_path, {"docs/about.md": EN, "docs/zh/about.md": body}, NAV, NAV_ZH)
    run_script("translations.py", "--mark-translated", "about.md", root=root)
    text = (root / "docs/zh/about.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntranslation_of: sha256:") and text.endswith("---\n" + body)


def test_mark_translated_needs_both_pages(tmp_path):
    root = make_tree(tmp_path, {"docs/about.md": EN}, NAV, NAV_ZH)
    result = run_script("translations.py", "--mark-translated", "about.md", root=root)
    assert result.returncode == 2
    assert "docs/zh/about.md does not exist" in result.stderr


def test_without_a_translation_language_the_report_says_so_in_one_line(tmp_path):
    root = make_tree(tmp_path, {"docs/about.md": "# About\n"})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config[:config.index("        - locale: zh")],
                                     encoding="utf-8")
    result = run_script("translations.py", root=root)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "mkdocs.yml: the i18n plugin lists 0 languages besides English; these tools compare "
        "English with exactly one translation (zh) — check `languages:` under "
        "`plugins: - i18n:`"]
