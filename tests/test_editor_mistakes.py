"""Mistakes editors make, made on a copy of the project and run through the real `make`
commands: each stops with exit status non-zero, names the file and line, shows no
traceback and changes no file."""

import hashlib
import re
import shutil
import subprocess

import pytest
from sitebuild import ROOT

from sitelib.site_pages import parse_config

ZH_JOIN = "docs/zh/membership.md"
DATA = "data/membership_classes.yml"
# The end of the Chinese Join us page's front matter.
CLOSING = next(line for line in (ROOT / ZH_JOIN).read_text(encoding="utf-8").splitlines()
               if line.startswith("translation_of: ")).removeprefix("translation_of: ") + "\n---"


def line_of(path, line):
    return (ROOT / path).read_text(encoding="utf-8").splitlines().index(line) + 1


GLOSSARY_LINE = line_of("data/glossary.yml", "    zh: 反垄断合规政策")
MARKER = "<!-- table: membership-classes -->"
EN_MARKER, ZH_MARKER = line_of("docs/membership.md", MARKER), line_of(ZH_JOIN, MARKER)
VOCABULARY_LINE = line_of("data/conversion.yml", "  - zh: 能力建设")


def replace(path, old, new):
    def edit(root):
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


# (what the editor did, the edit, the make command, the expected exit status, a pattern
# the message must contain: file:line and the point of the message)
MISTAKES = [
    ("full-width colon in front matter", replace(ZH_JOIN, "translation_of: ", "translation_of： "),
     "build", 2, r"docs/zh/membership.md:4: the colon after the field name is the full-width ："),
    ("full-width colon in front matter", replace(ZH_JOIN, "translation_of: ", "translation_of： "),
     "translations", 2, r"docs/zh/membership.md:4: .*full-width ："),
    ("full-width colon in front matter", replace(ZH_JOIN, "translation_of: ", "translation_of： "),
     "check-content", 2, r"docs/zh/membership.md:4: .*full-width ："),
    ("full-width colon in front matter", replace(ZH_JOIN, "translation_of: ", "translation_of： "),
     "mark-translated PAGE=membership.md", 2, r"docs/zh/membership.md:4: .*full-width ："),
    ("front matter never closed", replace(ZH_JOIN, CLOSING, CLOSING[:-4]),
     "build", 2, r"docs/zh/membership.md:1: the front matter that starts here is never closed"),
    ("front matter never closed", replace(ZH_JOIN, CLOSING, CLOSING[:-4]),
     "mark-translated PAGE=membership.md", 2, r"docs/zh/membership.md:1: .*never closed"),
    ("space for the hyphen in a table marker",
     replace(ZH_JOIN, "<!-- table: membership-classes -->", "<!-- table: membership classes -->"),
     "build", 2, r"docs/zh/membership.md:43: this looks like a table marker"),
    ("table marker deleted", replace(ZH_JOIN, MARKER, ""),
     "build", 2, rf"docs/zh/membership.md:{ZH_MARKER}: the table marker {MARKER} of "
     rf"docs/membership.md:{EN_MARKER} is missing here — copy line {EN_MARKER} of "
     rf"docs/membership.md here, at line {ZH_MARKER}"),
    ("table marker deleted from the English page", replace("docs/membership.md", MARKER, ""),
     "build", 2, rf"docs/membership.md:{EN_MARKER}: the table marker {MARKER} is missing here: "
     rf"docs/zh/membership.md:{ZH_MARKER} has it — put the line {MARKER} back at line "
     rf"{EN_MARKER} \(to remove the table, delete line {ZH_MARKER} of docs/zh/membership.md"),
    ("table marker line removed from the English page, newline and all",
     replace("docs/membership.md", MARKER + "\n", ""),
     "build", 2, rf"docs/membership.md:{EN_MARKER}: the table marker {MARKER} is missing here"),
    ("hand-written link to a renamed page",
     replace("docs/membership.md", 'href="zh/membership.html"', 'href="zh/join.html"'),
     "build", 2, r'docs/membership.md:9: the link "zh/join.html" leads to no page'),
    ("link to a missing page",
     replace("docs/membership.md", "](certification.md)", "](certificaton.md)"),
     "build", 2, r'docs/membership.md:63: the link "certificaton.md" leads to no page'),
    ("link to a missing anchor",
     replace("docs/zh/membership.md", "](working-groups.md)", "](working-groups.md#join)"),
     "build", 2, r'docs/zh/membership.md:34: the link "working-groups.md#join" leads to a '
     r"heading that working-groups.md does not have"),
    ("unknown link name", replace(ZH_JOIN, "[current-members]", "[current-member]"),
     "build", 2, r"docs/zh/membership.md:13: the link name \[current-member\] is defined nowhere"),
    ("unclosed quote in the data", replace(DATA, "      zh: 工业用户", '      zh: "工业用户'),
     "tables", 2, r"data/membership_classes.yml:69: .*opens a double quote that is never closed"),
    ("full-width colon in the data", replace(DATA, "      zh: 工业用户", "      zh： 工业用户"),
     "build", 2, r"data/membership_classes.yml:69: .*full-width ："),
    ("glossary YAML mistake",
     replace("data/glossary.yml", "    zh: 反垄断合规政策", "    zh： 反垄断合规政策"),
     "check-content", 2, rf"data/glossary.yml:{GLOSSARY_LINE}: .*full-width ："),
    ("wrong variant of a term",
     replace("docs/zh/working-groups.md", "ASI秘书处将", "ASI秘书处将为工作小组"),
     "check-content", 2, r"docs/zh/working-groups.md:\d+:\d+: 工作小组 is not the glossary's term"),
    ("half-width full stop after Chinese", replace(ZH_JOIN, "作出贡献。", "作出贡献."),
     "check-content", 2, r'docs/zh/membership.md:17:\d+: half-width "\." next to Chinese text'),
    ("document title without 书名号",
     replace(ZH_JOIN, "[《会员信息及申请表》]", "[会员信息及申请表]"),
     "check-content", 2, r"docs/zh/membership.md:\d+:\d+: 会员信息及申请表 is a document title"),
    ("Traditional wording that changes the meaning",
     replace("data/conversion.yml", "    zh_hant: 資訊", "    zh_hant: 消息"),
     "build", 2, rf"data/conversion.yml:{line_of('data/conversion.yml', '  - zh: 信息')}: 消息 "
     r"does not convert back to 信息 .*OpenCC's own is 信息"),
    ("conversion rule for a glossary term",
     replace("data/conversion.yml", "rules:\n", "rules:\n  - zh: 工作组\n    zh_hant: 工作小組\n"
             "    why: 小組\n"),
     "build", 2, r"data/conversion.yml:\d+: 工作组 is a glossary term \(data/glossary.yml:"
     rf"{line_of('data/glossary.yml', '  - en: Working Group')}\)"),
    ("Taiwan wording for a phrase no page has",
     replace("data/conversion.yml", "  - zh: 能力建设", "  - zh: 能力建没"),
     "build", 2, rf"data/conversion.yml:{VOCABULARY_LINE}: 能力建没 does not occur in the "
     r"Simplified text .* — write it exactly as the Simplified page has it"),
    ("Taiwan wording for a phrase no page has",
     replace("data/conversion.yml", "  - zh: 能力建设", "  - zh: 能力建没"),
     "check-content", 2, rf"data/conversion.yml:{VOCABULARY_LINE}: 能力建没 does not occur"),
    ("Taiwan wording for a glossary term the glossary does not have",
     replace("data/conversion.yml", "vocabulary:\n", "vocabulary:\n  - zh: 工作组\n"
             "    zh_hant: 工作小組\n    why: 小組\n"),
     "build", 2, r"data/conversion.yml:\d+: 工作组 is the glossary's term for “Working Group” "
     r"\(data/glossary.yml:\d+\), which writes it 工作組 — to write 工作小組 for it, set "
     r"`zh_hant: 工作小組` there too"),
    ("context phrase without the rule's phrase",
     replace("data/conversion.yml", "\n    context: [通过参与,", "\n    context: [参与,"),
     "build", 2, r"data/conversion.yml:\d+: the context 参与 does not contain 通过"),
    ("glossary term without its Traditional form",
     replace("data/glossary.yml", "    zh_hant: 職權範圍\n", ""),
     "build", 2, rf"data/glossary.yml:{line_of('data/glossary.yml', '  - en: Terms of Reference')}"
     r": 职权范围 has no Traditional form — add `zh_hant: 職權範圍`"),
    ("straight quotes around Chinese text", replace(ZH_JOIN, "作出贡献。", '"作出贡献"。'),
     "check-content", 2, r'docs/zh/membership.md:17:\d+: straight quote " next to Chinese text'),
    ("mark-translated without PAGE=", None, "mark-translated", 2,
     r"say which page, for example: make mark-translated PAGE=\w"),
    ("misspelt page for mark-translated", None, "mark-translated PAGE=membershp.md", 2,
     r"there is no page docs/membershp.md: did you mean PAGE=membership.md\?"),
    ("title with a space but no quotes", None,
     "page NAME=governance TITLE_EN=Governance Board TITLE_ZH=治理", 2,
     r'"Board" was read as a separate command: put each title in double quotes'),
    ("page NAME with spaces and capitals", None,
     "page NAME='Working Groups 2' TITLE_EN=Groups TITLE_ZH=小组", 2, r"use NAME=working-groups-2"),
    ("Chinese title already used", None,
     "page NAME=groups TITLE_EN=Groups TITLE_ZH=工作组", 2,
     r'the Chinese title "工作组" is already used for "Working Groups"'),
]


def working_copy(pristine, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(pristine, root, copy_function=shutil.copy2)
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


def make(root, command, **env):
    """Run `make COMMAND` in root as an editor would; pass SITE_URL etc. in env."""
    return subprocess.run(f"make --no-print-directory {command}", shell=True, cwd=root,
                          capture_output=True, text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(root.parent),
                               "PYTHONDONTWRITEBYTECODE": "1", **env})


def checksums(root):
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file() and ".venv" not in path.parts}


@pytest.mark.parametrize("what, edit, command, status, message", MISTAKES,
                         ids=[f"{m[0]} ({m[2].split()[0]})" for m in MISTAKES])
def test_mistake_stops_with_file_line_and_changes_nothing(pristine, tmp_path, what, edit,
                                                          command, status, message):
    """Run as in a GitHub Actions job: the message, and an annotation on the same file and
    line for "Files changed"."""
    root = working_copy(pristine, tmp_path)
    if edit:
        edit(root)
    before = checksums(root)
    result = make(root, command, GITHUB_ACTIONS="true")
    output = result.stdout + result.stderr
    assert result.returncode == status, output
    assert re.search(message, output), output
    assert "Traceback" not in output
    assert "Error reading page" not in output  # MkDocs' words, before the finding that says it
    assert checksums(root) == before, "a file changed"
    assert "/bin/python" not in output  # make shows no internal command line
    where = re.match(r"([\w/.-]+\.(?:md|yml))(?::(\d+|\\d\+))?", message)
    if where:  # a mistake in a file (not on the command line)
        file, line = where[1], where[2] if where[2] and where[2].isdigit() else None
        annotation = rf"^::error file={re.escape(file)}" + (rf",line={line}[,:]" if line else "")
        assert re.search(annotation, output, re.MULTILINE), output


def test_make_page_keeps_every_character_of_the_titles(pristine, tmp_path):
    root = working_copy(pristine, tmp_path)
    title = 'Fees $100 & "more" it\'s 50% #1: yes'
    result = subprocess.run(["make", "page", "NAME=fees", f"TITLE_EN={title}",
                             "TITLE_ZH=会费“一百元”起"], cwd=root, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "docs" / "fees.md").read_text(encoding="utf-8").count(title) >= 1
    config = parse_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {title: "fees.md"} in config["nav"]


def test_a_failed_build_leaves_the_last_good_site_as_it_was(pristine, tmp_path):
    root = working_copy(pristine, tmp_path)
    assert make(root, "build").returncode == 0
    site = checksums(root / "site")
    assert "zh/membership.html" in site
    replace(ZH_JOIN, "<!-- table: membership-classes -->", "<!-- tabel: x -->")(root)
    result = make(root, "build")
    assert result.returncode == 2
    assert "site/ is unchanged" in result.stderr
    assert checksums(root / "site") == site
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


THIRD_LANGUAGE = "        - locale: fr\n          name: Français\n          build: true\n"
FRENCH_FACTS = ("          extra:\n            language:\n              og_locale: fr_FR\n"
                "              babel_locale: fr_FR\n              print_font: Liberation Sans\n")


@pytest.mark.parametrize("edit, env, message", [
    (replace("mkdocs.yml", "\n  # Each page's last commit",
             "\n" + THIRD_LANGUAGE.rstrip("\n") + "\n  # Each page's last commit"),
     {}, "mkdocs.yml: the language fr has no og_locale, babel_locale, print_font — add them"),
    (replace("mkdocs.yml", "\n  # Each page's last commit",
             "\n" + THIRD_LANGUAGE + FRENCH_FACTS.rstrip("\n") + "\n  # Each page's last commit"),
     {}, "mkdocs.yml: language fr has no interface strings — add locales/fr.yml"),
    (None, {"SITE_URL": ""}, "mkdocs.yml: site_url is empty — set SITE_URL"),
], ids=["third language", "third language without its strings", "empty SITE_URL"])
def test_configuration_the_hooks_cannot_serve_stops_with_one_line(pristine, tmp_path, edit,
                                                                   env, message):
    root = working_copy(pristine, tmp_path)
    if edit:
        edit(root)
    result = make(root, "build", **env)
    output = result.stdout + result.stderr
    assert result.returncode == 2
    assert [line for line in output.splitlines() if message in line] != [], output
    assert "Traceback" not in output
    assert "Error reading page" not in output  # MkDocs' words, before the finding that says it


def test_make_page_hints_at_a_make_command(pristine, tmp_path):
    root = working_copy(pristine, tmp_path)
    result = make(root, "page NAME=fees TITLE_EN=Fees TITLE_ZH=会费")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make mark-translated PAGE=fees.md" in result.stdout
    assert "python" not in result.stdout + result.stderr
