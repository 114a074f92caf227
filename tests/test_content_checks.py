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


@pytest.mark.parametrize("check", ["front-matter", "glossary", "typography"])
def test_real_content_passes(check):
    result = run_script("check_content.py", check)
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
    result = run_script("check_content.py", "glossary", root=root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'docs/about.md:8: uses "Working Group"; docs/zh/about.md does not use 工作组',
    ]


def test_term_split_over_two_lines_is_found(tmp_path):
    root = glossary_tree(tmp_path, "# About\n\nThe ASI Performance\nStandard applies.\n")
    result = run_script("check_content.py", "glossary", root=root)
    assert 'docs/about.md:3: uses "Performance Standard"' in result.stdout


def test_chinese_term_present_passes(tmp_path):
    root = glossary_tree(tmp_path, "# About\n\nThe Working Group meets.\n",
                         "# 关于\n\n[工作组](working-groups.md)开会。\n")
    result = run_script("check_content.py", "glossary", root=root)
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
    result = run_script("check_content.py", "glossary", root=root)
    assert result.returncode == 0, result.stdout


def test_avoided_rendering_is_reported_even_beside_the_right_term(tmp_path):
    glossary = GLOSSARY.replace("    zh: 工作组\n", "    zh: 工作组\n    avoid: [工作小组]\n")
    chinese = "# 关于\n\n工作组开会。\n\n各工作小组也开会。\n"
    root = make_tree(tmp_path, {"docs/about.md": "# About\n\nThe Working Group meets.\n",
                                "docs/zh/about.md": chinese}, glossary=glossary)
    result = run_script("check_content.py", "glossary", root=root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/zh/about.md:5:2: 工作小组 is not the glossary's term for "
        '"Working Group"; use 工作组',
    ]
    assert "1 problem" in result.stderr and "1 problems" not in result.stderr


@pytest.mark.parametrize("glossary, message", [
    ("terms:\n  - en: Board\n", "data/glossary.yml:2: `zh:` is missing or empty"),
    ("terms:\n  - en: Board\n    zh: 理事会\n  - en: board\n    zh: 董事会\n",
     'data/glossary.yml:4: "board" contradicts (理事会) the entry on line 2'),
    ("terms:\n  - en: Board\n    zh: 理事会\n  - en: Board\n    zh: 理事会\n",
     'data/glossary.yml:4: "Board" repeats the entry on line 2'),
    ("terms:\n  - en: Board\n    zh： 理事会\n", "data/glossary.yml:3: the layout is broken here"),
    ("terms:\n  - en: Board\n    zh: 理事会\n    colour: red\n",
     'data/glossary.yml:2: unknown field "colour"'),
])
def test_glossary_mistakes_name_file_and_line(tmp_path, glossary, message):
    root = glossary_tree(tmp_path, "# About\n")
    (root / "data/glossary.yml").write_text(glossary, encoding="utf-8")
    for check in ("glossary", "typography"):
        result = run_script("check_content.py", check, root=root)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr


# ---- typography -----------------------------------------------------------------------

def typography_findings(tmp_path, chinese):
    root = make_tree(tmp_path, {"docs/zh/about.md": chinese})
    result = run_script("check_content.py", "typography", root=root)
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


@pytest.mark.parametrize("chinese, finding", [
    ("# 关于\n\n感谢您的贡献.\n",
     'docs/zh/about.md:3:7: half-width "." next to Chinese text; use "。"'),
    ("# 关于\n\n会员 ; 秘书处\n",
     'docs/zh/about.md:3:4: half-width ";" next to Chinese text; use "；"'),
])
def test_full_stop_and_spaced_punctuation_are_reported(tmp_path, chinese, finding):
    assert typography_findings(tmp_path, chinese) == (1, [finding])


def test_straight_quotes_around_chinese_text_are_reported(tmp_path):
    chinese = '# 关于\n\n所谓"工作组"，即"Working Group"。He said "yes".\n'
    code, findings = typography_findings(tmp_path, chinese)
    assert code == 1
    fix = " — Chinese quotes are “…”"
    assert findings == [
        f'docs/zh/about.md:3:3: straight quote " next to Chinese text; use "“"{fix}',
        f'docs/zh/about.md:3:7: straight quote " next to Chinese text; use "”"{fix}',
        f'docs/zh/about.md:3:10: straight quote " next to Chinese text; use "“"{fix}',
        f'docs/zh/about.md:3:24: straight quote " next to Chinese text; use "”"{fix}',
    ]


def test_numbers_list_markers_and_latin_sentences_pass(tmp_path):
    chinese = "# 关于\n\n1. 下载表格\n2. 联系ASI\n\n气温低于1.5 °C。Read the FAQ.\n"
    assert typography_findings(tmp_path, chinese) == (0, [])


DOCUMENTS = GLOSSARY + ("  - en: Anti-Trust Compliance Policy\n    zh: 反垄断合规政策\n"
                        "    document: true\n")


def test_document_title_outside_title_marks_is_reported(tmp_path):
    chinese = "# 关于\n\n请遵守[反垄断合规政策](policy.md)。另见《反垄断合规政策》。\n"
    root = make_tree(tmp_path, {"docs/zh/about.md": chinese}, glossary=DOCUMENTS)
    result = run_script("check_content.py", "typography", root=root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/zh/about.md:3:5: 反垄断合规政策 is a document title; "
        "write it in 书名号: 《反垄断合规政策》",
    ]


def test_document_title_inside_title_marks_passes(tmp_path):
    chinese = "# 关于\n\n请遵守[《反垄断合规政策》](policy.md)和《ASI反垄断合规政策》。\n"
    root = make_tree(tmp_path, {"docs/zh/about.md": chinese}, glossary=DOCUMENTS)
    result = run_script("check_content.py", "typography", root=root)
    assert result.returncode == 0, result.stdout
