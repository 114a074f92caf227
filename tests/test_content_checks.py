"""The glossary and Chinese typography checks: clean on the real pages, and they catch
what they should, at the right file and line."""

import pytest
from content_tree import make_tree, run_script

GLOSSARY = """\
terms:
  - en: Working Group
    zh: 工作组
  - en: Performance Standard
    zh: 绩效标准
"""


@pytest.mark.parametrize("script", ["glossary_check.py", "typography_check.py"])
def test_real_content_passes(script):
    result = run_script(script)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# ---- glossary -------------------------------------------------------------------------

def glossary_tree(tmp_path, english, chinese="# 关于\n\n开会。\n"):
    return make_tree(tmp_path, {"docs/about.md": english, "docs/zh/about.md": chinese},
                     glossary=GLOSSARY)


def test_missing_chinese_term_is_reported_at_the_first_english_use(tmp_path):
    english = ("---\ndescription: About.\n---\n\n# About\n\nOur members meet in\n"
               "working groups. Each Working Group reports.\n")
    root = glossary_tree(tmp_path, english)
    result = run_script("glossary_check.py", root=root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'docs/about.md:8: uses "Working Group"; docs/zh/about.md does not use 工作组',
    ]


def test_term_split_over_two_lines_is_found(tmp_path):
    root = glossary_tree(tmp_path, "# About\n\nThe ASI Performance\nStandard applies.\n")
    result = run_script("glossary_check.py", root=root)
    assert 'docs/about.md:3: uses "Performance Standard"' in result.stdout


def test_chinese_term_present_passes(tmp_path):
    root = glossary_tree(tmp_path, "# About\n\nThe Working Group meets.\n",
                         "# 关于\n\n[工作组](working-groups.md)开会。\n")
    result = run_script("glossary_check.py", root=root)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("english", [
    "---\ndescription: The Working Group.\n---\n\n# About\n",  # front matter
    "# About\n\n<!-- Working Group: to do -->\n",  # HTML comment
    '# About\n\nSee [the group](groups.md "Working Group").\n',  # link target
    "# About\n\nSee <https://example.org/Performance%20Standard>.\n",  # URL
    "# About\n\nNetworking Groups and workings groups differ.\n",  # not whole words
])
def test_text_readers_do_not_see_is_ignored(tmp_path, english):
    root = glossary_tree(tmp_path, english)
    result = run_script("glossary_check.py", root=root)
    assert result.returncode == 0, result.stdout


def test_invalid_glossary_is_an_error(tmp_path):
    root = glossary_tree(tmp_path, "# About\n")
    (root / "data/glossary.yml").write_text("terms:\n  - en: Board\n", encoding="utf-8")
    result = run_script("glossary_check.py", root=root)
    assert result.returncode == 2
    assert "term 1" in result.stderr


# ---- typography -----------------------------------------------------------------------

def typography_findings(tmp_path, chinese):
    root = make_tree(tmp_path, {"docs/zh/about.md": chinese})
    result = run_script("typography_check.py", root=root)
    return result.returncode, result.stdout.splitlines()


def test_half_width_punctuation_is_reported_with_line_and_column(tmp_path):
    chinese = "---\ndescription: 关于\n---\n\n# 关于\n\n会员,欢迎(ASI)加入!\n**注意**: 见此处\n"
    code, findings = typography_findings(tmp_path, chinese)
    assert code == 1
    assert findings == [
        'docs/zh/about.md:7:3: half-width "," next to Chinese text; use "，"',
        'docs/zh/about.md:7:6: half-width "(" next to Chinese text; use "（"',
        'docs/zh/about.md:7:10: half-width ")" next to Chinese text; use "）"',
        'docs/zh/about.md:7:13: half-width "!" next to Chinese text; use "！"',
        'docs/zh/about.md:8:7: half-width ":" next to Chinese text; use "："',
    ]


def test_full_width_and_non_chinese_punctuation_pass(tmp_path):
    chinese = "# 关于\n\n会员，欢迎（ASI）加入！Hello, world: yes.\n"
    assert typography_findings(tmp_path, chinese) == (0, [])


@pytest.mark.parametrize("chinese", [
    "---\ndescription: 关于:我们\n---\n\n# 关于\n",  # front matter
    "# 关于\n\n运行`中文,代码`即可。\n",  # code span
    "# 关于\n\n```text\n中文,代码\n```\n",  # fenced code
    "# 关于\n\n见[链接](https://example.org/中文,页)。\n",  # link target
    "# 关于\n\n见 https://example.org/中,文 网址。\n",  # bare URL
    "# 关于\n\n<!-- 注释,不检查 -->\n",  # HTML comment
    '# 关于\n\n<a title="中,文">链接</a>\n',  # HTML tag
    "# 关于 {: data-x=中,文 }\n",  # attribute list
])
def test_markup_is_not_checked(tmp_path, chinese):
    assert typography_findings(tmp_path, chinese) == (0, [])
