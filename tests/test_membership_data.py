"""data/membership_classes.yml: every kind of mistake is reported at its line, all at
once, in plain words; the CLI and the build refuse bad data and change nothing."""

import os
import re
import subprocess
import sys
import time

import pytest
from sitebuild import ROOT, build

from sitelib import membership_data, membership_tables
from sitelib.findings import Finding
from sitelib.site_pages import Site

# Two classes; the tests below refer to these line numbers.
MINIMAL = """\
classes:
  - id: production-and-transformation
    group: full
    name:
      en: Production and Transformation
      zh: 生产与加工
    description:
      en: Organisations that produce or transform aluminium.
      zh: 生产或加工铝的组织。
    examples:
      en: [Bauxite mining]
      zh: [铝土矿开采]
    certification:
      can_seek: yes
      commitment:
        within_years_of_joining: 2
        standards_launch: 2017-12
        earlier_members_deadline: 2019-12
    fees:
      en: Scaled to the size and type of organisation.
      zh: 根据组织的规模和类型确定。
  - id: civil-society
    group: full
    name:
      en: Civil Society
      zh: 公民社会
    description:
      en: Not-for-profit organisations.
      zh: 非营利组织。
    examples:
      en: [Civil society groups]
      zh: [公民社会团体]
    certification:
      can_seek: no
    fees:
      en: Scaled to the size and type of organisation.
      zh: 根据组织的规模和类型确定。
"""


def edited(*edits):
    """MINIMAL with each (old, new) replacement made; each old text must occur once."""
    text = MINIMAL
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def problems_of(tmp_path, text):
    path = tmp_path / "classes.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(membership_data.DataError) as caught:
        membership_data.load(path)
    return [(p.line, *_field_and_message(p.message)) for p in caught.value.findings]


def _field_and_message(text):
    """A finding about a field starts with the field's path: "classes[x].name.zh: …"."""
    path, colon, message = text.partition(": ")
    return (path, message) if colon and " " not in path else ("", text)


def test_minimal_data_is_valid(tmp_path):
    path = tmp_path / "classes.yml"
    path.write_text(MINIMAL, encoding="utf-8")
    data = membership_data.load(path)
    assert [c["id"] for c in data["classes"]] == ["production-and-transformation", "civil-society"]


def test_real_data_has_the_six_classes():
    data = membership_data.load()
    by_id = {c["id"]: c for c in data["classes"]}
    assert {i: (c["group"], c["name"]["zh"]) for i, c in by_id.items()} == {
        "production-and-transformation": ("full", "生产与加工"),
        "industrial-users": ("full", "工业用户"),
        "civil-society": ("full", "公民社会"),
        "downstream-supporters": ("associate", "下游支持者"),
        "associations": ("associate", "协会"),
        "general-supporters": ("associate", "一般支持者"),
    }
    certifying = {i for i, c in by_id.items() if c["certification"]["can_seek"]}
    assert certifying == {"production-and-transformation", "industrial-users"}
    for class_id in certifying:
        assert by_id[class_id]["certification"]["commitment"] == {
            "within_years_of_joining": 2, "standards_launch": "2017-12",
            "earlier_members_deadline": "2019-12"}


def test_data_file_points_editors_at_the_schema():
    first_line = membership_data.DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=membership_classes.schema.json"
    assert (membership_data.DATA_FILE.parent / "membership_classes.schema.json").is_file()


PT = "classes[production-and-transformation]"  # the first class, by its id
ERRORS = {
    "missing Chinese name": (
        [("      zh: 公民社会\n", "")],
        (24, "classes[civil-society].name.zh", "this text is missing — add the Chinese name")),
    "missing field": (
        [("    fees:\n      en: Scaled to the size and type of organisation.\n"
          "      zh: 根据组织的规模和类型确定。\n  - id: civil", "  - id: civil")],
        (2, PT + ".fees", 'this field is missing — add "fees:"')),
    "wrong type": (
        [("      can_seek: no", "      can_seek: maybe")],
        (34, "classes[civil-society].certification.can_seek", "should be yes or no")),
    "text that reads as yes/no": (
        [("en: Civil Society", "en: No")],
        (25, "classes[civil-society].name.en", "reads as no — put the text in double quotes")),
    "unquoted date": (
        [("earlier_members_deadline: 2019-12", "earlier_members_deadline: 2019-12-01")],
        (18, PT + ".certification.commitment.earlier_members_deadline",
         "reads as a number or date — put it in double quotes")),
    "unknown key": (
        [("    group: full\n    name:\n      en: Civil",
          "    group: full\n    colour: blue\n    name:\n      en: Civil")],
        (24, "classes[civil-society].colour", 'unknown field "colour" — check the spelling')),
    "duplicate id": (
        [("id: civil-society", "id: production-and-transformation")],
        (22, "classes[1].id", '"production-and-transformation" is used twice (first on line 2)')),
    "duplicate key": (
        [("    group: full\n    name:\n      en: Civil",
          "    group: full\n    group: full\n    name:\n      en: Civil")],
        (24, "classes[civil-society].group", "appears twice (first on line 23) — keep only one")),
    "empty name": (
        [("en: Civil Society", 'en: ""')],
        (25, "classes[civil-society].name.en", "this text is empty — fill it in")),
    "blank name": (
        [("en: Civil Society", 'en: "   "')],
        (25, "classes[civil-society].name.en", "this text is empty — fill it in")),
    "control character": (
        [("en: Civil Society", r'en: "Civil\u0007Society"')],
        (25, "classes[civil-society].name.en", "invisible control character")),
    "unknown group": (
        [("id: civil-society\n    group: full", "id: civil-society\n    group: gold")],
        (23, "classes[civil-society].group",
         '"gold" is not allowed here — use one of: full, associate')),
    "bad id": (
        [("id: civil-society", "id: Civil Society")],
        (22, "classes[1].id", "use only lowercase letters, digits and single hyphens")),
    "bad month": (
        [("standards_launch: 2017-12", "standards_launch: December 2017")],
        (17, PT + ".certification.commitment.standards_launch",
         "write the month as year-month between 1900-01 and 2099-12")),
    "empty list": (
        [("en: [Civil society groups]", "en: []")],
        (31, "classes[civil-society].examples.en", "this list is empty")),
    "zero years": (
        [("within_years_of_joining: 2", "within_years_of_joining: 0")],
        (16, PT + ".certification.commitment.within_years_of_joining",
         "must be 1 or more")),
    "commitment without certification": (
        [("      can_seek: yes", "      can_seek: no")],
        (15, PT + ".certification.commitment",
         "a class that cannot seek certification has no certification commitment")),
    "YAML syntax": (
        [("      en: Not-for-profit organisations.", "     en: Not-for-profit organisations.")],
        (29, "", "the layout is broken here")),
    "tab indentation": (
        [("      zh: 非营利组织。", "\tzh: 非营利组织。")],
        (29, "", "a tab is used for indentation")),
    "full-width colon": (
        [("      zh: 公民社会", "      zh： 公民社会")],
        (26, "", "the colon after the field name is the full-width ：")),
    "no space after the colon": (
        [("en: Civil Society", "en:Civil Society")],
        (25, "", "there is no space after the colon")),
    "curly quotes as YAML quotes": (
        [("en: Civil Society", "en: “Civil: Society”")],
        (25, "", "curly quotes “ ” are not YAML quotes")),
    "unclosed quote": (
        [("en: Civil Society", 'en: "Civil Society')],
        (25, "", "opens a double quote that is never closed")),
    "month out of range": (
        [("standards_launch: 2017-12", "standards_launch: 0000-12")],
        (17, PT + ".certification.commitment.standards_launch",
         "between 1900-01 and 2099-12")),
    "huge number": (
        [("within_years_of_joining: 2", "within_years_of_joining: " + "1" + "0" * 29)],
        (16, PT + ".certification.commitment.within_years_of_joining",
         "must be 50 or less")),
    "lone surrogate": (
        [("en: Civil Society", 'en: "Civil\\uD800"')],
        (25, "classes[civil-society].name.en", "invisible control character")),
}


@pytest.mark.parametrize("edits, expected", ERRORS.values(), ids=ERRORS.keys())
def test_each_kind_of_error_is_reported_at_its_line(tmp_path, edits, expected):
    problems = problems_of(tmp_path, edited(*edits))
    assert len(problems) == 1, problems
    line, path, message = problems[0]
    assert (line, path) == expected[:2]
    assert expected[2] in message


def test_all_problems_are_reported_at_once_in_line_order(tmp_path):
    text = edited(("      zh: 公民社会\n", ""),
                  ("standards_launch: 2017-12", "standards_launch: x"),
                  ("id: civil-society", "id: production-and-transformation"))
    # The id used twice cannot name its class: both keep their index.
    assert [(line, path) for line, path, _ in problems_of(tmp_path, text)] == [
        (17, "classes[0].certification.commitment.standards_launch"),
        (22, "classes[1].id"),
        (24, "classes[1].name.zh"),
    ]


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"# only a comment\n", "the file is empty"),
    (b"classes:\n  - id: caf\xe9\n", "not UTF-8"),
])
def test_unreadable_files_are_explained(tmp_path, content, message):
    path = tmp_path / "classes.yml"
    path.write_bytes(content)
    with pytest.raises(membership_data.DataError, match=message):
        membership_data.load(path)


def test_missing_file_is_explained(tmp_path):
    with pytest.raises(membership_data.DataError, match="the file does not exist"):
        membership_data.load(tmp_path / "nowhere.yml")


def test_messages_name_the_file_relative_to_the_repository():
    problem = Finding(membership_data.display_name(membership_data.DATA_FILE), 14, None,
                      "classes[2].name.zh: this text is missing")
    assert str(problem) == ("data/membership_classes.yml:14: classes[2].name.zh: "
                            "this text is missing")


# ---- the command line ------------------------------------------------------------------

def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "membership_tables.py"), *args],
                          cwd=ROOT, capture_output=True, text=True, check=False)


def snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def out_dir(tmp_path):
    """A folder of tables generated from the real data."""
    out = tmp_path / "generated"
    assert run_cli("--out", str(out)).returncode == 0
    return out


@pytest.mark.parametrize("edits", [
    [("      zh: 公民社会\n", ""), ("can_seek: no", "can_seek: maybe")],
    [("      zh: 非营利组织。", "\tzh: 非营利组织。")],
], ids=["schema", "syntax"])
def test_bad_data_exits_1_with_messages_and_leaves_every_output_unchanged(tmp_path, out_dir,
                                                                          edits):
    data = tmp_path / "classes.yml"
    data.write_text(edited(*edits), encoding="utf-8")
    before = snapshot(out_dir)
    result = run_cli("--data", str(data), "--out", str(out_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{data}:2" in result.stderr or f"{data}:29" in result.stderr
    assert "nothing changed" in result.stderr
    assert snapshot(out_dir) == before  # same files, same bytes, not even rewritten


def test_cli_reports_every_problem_with_file_line_and_field(tmp_path):
    data = tmp_path / "classes.yml"
    data.write_text(edited(("      zh: 公民社会\n", ""), ("can_seek: no", "can_seek: maybe")),
                    encoding="utf-8")
    result = run_cli("--data", str(data), "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        f"{data}:24: classes[civil-society].name.zh: this text is missing — add the Chinese "
        "name",
        f"{data}:33: classes[civil-society].certification.can_seek: should be yes or no",
    ]


def test_data_option_renders_another_file(tmp_path):
    data = tmp_path / "classes.yml"
    data.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    expected = membership_tables.generated_files(membership_data.load(data),
                                                 Site(ROOT).languages.values())
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == expected
    assert "Civil Society" in expected["membership-classes.en.md"]
    assert "Industrial Users" not in expected["membership-classes.en.md"]
    before = snapshot(out)
    again = run_cli("--data", str(data), "--out", str(out)).stdout
    assert again.startswith("The data is valid") and "already up to date" in again
    assert snapshot(out) == before  # up-to-date files are not rewritten


def test_check_prints_a_diff_of_stale_files_and_writes_nothing(out_dir):
    stale = out_dir / "membership-classes.zh.md"
    stale.write_text(stale.read_text(encoding="utf-8").replace("公民社会", "旧名称"), "utf-8")
    (out_dir / "certification-commitments.en.md").unlink()
    before = snapshot(out_dir)
    result = run_cli("--check", "--out", str(out_dir))
    assert result.returncode == 1
    assert "-<th scope=\"row\">旧名称</th>" in result.stdout
    assert "+<th scope=\"row\">公民社会</th>" in result.stdout
    assert "+<caption>Certification commitments by membership class</caption>" in result.stdout
    assert "make tables" in result.stderr
    assert snapshot(out_dir) == before


# ---- the build ---------------------------------------------------------------------------

def test_build_fails_on_bad_data_and_leaves_the_site_unchanged(tmp_path):
    data = tmp_path / "classes.yml"
    data.write_text(edited(("      zh: 公民社会\n", ""), ("id: civil-society", "id: Civil")),
                    encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")
    before = snapshot(site)
    result = build(site, "http://127.0.0.1:8000/", extra_env={"MEMBERSHIP_DATA": str(data)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{data}:22: classes[1].id: use only lowercase letters" in output
    assert f"{data}:24: classes[1].name.zh: this text is missing" in output
    assert "Traceback" not in output
    assert snapshot(site) == before


HOSTILE = {
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
        for i in range(9)),
    "recursive alias": "classes: &c\n  - *c\n",
    "deep brackets": "classes: " + "[" * 5000 + "]" * 5000 + "\n",
    "NUL byte": "classes:\n  - id: a\x00b\n",
    "BEL byte": "classes:\n  - id: a\x07b\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_yaml_is_refused_quickly_with_a_line(tmp_path, text):
    path = tmp_path / "classes.yml"
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    command = ROOT / "scripts" / "membership_tables.py"
    process = subprocess.Popen([sys.executable, str(command), "--data",
                                str(path), "--out", str(tmp_path / "out")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)  # this process's own peak memory
    elapsed = time.monotonic() - start
    peak_mb = usage.ru_maxrss / 1024
    assert os.waitstatus_to_exitcode(status) == 1
    assert re.search(rf"{re.escape(str(path))}:\d+: ", stderr), stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists()
    assert elapsed < 2 and peak_mb < 200, (elapsed, peak_mb)
