"""The membership tables: golden output in both languages, any data text survives as text
with the table intact, and the real site shows the tables on all four pages."""

import re
from html.parser import HTMLParser
from types import SimpleNamespace

import hook_membership_tables
import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load
from sitebuild import ROOT, build

from sitelib import membership_data, membership_tables
from sitelib.site_pages import Site, parse_config

GOLDEN = ROOT / "tests" / "golden" / "membership"
GOLDEN_DATA = GOLDEN / "membership_classes.yml"  # every column differs between rows
SHARED = ROOT / "tests" / "golden" / "membership-shared"  # member type and fees shared
PAGES = {("membership.html", "en"): "membership-classes",
         ("zh/membership.html", "zh"): "membership-classes",
         ("certification.html", "en"): "certification-commitments",
         ("zh/certification.html", "zh"): "certification-commitments"}
COLUMNS = {"membership-classes": 6, "certification-commitments": 3}
LANGUAGES = Site(ROOT).languages


class Tables(HTMLParser):
    """The tables of an HTML document: caption, header texts, rows of cell texts; and
    every tag found inside a table."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.tags_inside, self.outside_text = [], set(), ""
        self._cell = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif not self.tables or self._closed:
            return
        self.tags_inside.add(tag)
        if tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td", "caption"):
            self._cell = ""
        elif tag == "br" and self._cell is not None:
            self._cell += "\n"

    def handle_endtag(self, tag):
        if not self.tables or self._closed:
            return
        if tag in ("th", "td"):
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None
        elif tag == "caption":
            self.tables[-1]["caption"], self._cell = self._cell, None
        elif tag == "table":
            self.tables[-1]["closed"] = True

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif not self.tables or self._closed:
            self.outside_text += data

    @property
    def _closed(self):
        return self.tables[-1].get("closed", False)


def site_markdown(text):
    """`text` converted by Python-Markdown with the site's extensions."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings_ = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings_[name] = options or {}
    return markdown.markdown(text, extensions=names, extension_configs=settings_)


def page_html(data, lang, table, monkeypatch):
    """A page with a table marker between two paragraphs, through the hook and Markdown."""
    monkeypatch.setattr(hook_membership_tables, "_data", data)
    page = SimpleNamespace(file=SimpleNamespace(locale=lang, src_uri="page.md"))
    text = f"Before.\n\n<!-- table: {table} -->\n\nAfter.\n"
    return site_markdown(hook_membership_tables.on_page_markdown(text, page, _config(lang), None))


def _config(lang):
    """The parts of a MkDocs configuration the hook reads, building `lang`."""
    entries = next(p["i18n"] for p in parse_config((ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"))["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]
    i18n = SimpleNamespace(config=SimpleNamespace(languages=entries), current_language=lang,
                           default_language="en")
    return SimpleNamespace(plugins={"i18n": i18n})


# ---- golden files ------------------------------------------------------------------------

@pytest.mark.parametrize("folder", [GOLDEN, SHARED], ids=["differing", "shared"])
@pytest.mark.parametrize("name", sorted(membership_tables.generated_files(
    membership_data.load(GOLDEN_DATA), LANGUAGES.values())))
def test_golden_tables(folder, name):
    """Regenerate after an intended change: see the header of the golden data file."""
    data = membership_data.load(folder / "membership_classes.yml")
    rendered = membership_tables.generated_files(data, LANGUAGES.values())[name]
    assert rendered == (folder / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_column_the_same_in_every_row_is_said_once_under_the_table(lang):
    labels = membership_tables.strings(lang)["tables"]
    data = membership_data.load(SHARED / "membership_classes.yml")
    shared = Tables(membership_tables.render(data, "membership-classes", LANGUAGES[lang]))
    header = shared.tables[0]["rows"][0]
    assert labels["fees"] not in header and labels["group"] not in header
    assert labels["description"] in header and labels["can_seek"] in header
    assert shared.outside_text.count(labels["fees"]) == 1
    assert shared.outside_text.count(labels["groups"]["full"]) == 1
    differing = Tables(membership_tables.render(membership_data.load(GOLDEN_DATA),
                                                "membership-classes", LANGUAGES[lang]))
    assert len(differing.tables[0]["rows"][0]) == 6 and not differing.outside_text.strip()


@pytest.mark.parametrize("lang, expected", [
    ("en", ["Full member", "Associate member", "Yes", "No", "None", "within one year of joining",
            "in March 2018: by January 2020", "<th scope=\"col\">Membership class</th>"]),
    ("zh", ["正式会员", "准会员", "是", "否", "无", "加入ASI后一年内",
            "在2018年3月ASI标准体系启动之前", "最迟于2020年1月完成",
            "<th scope=\"col\">会员类别</th>"]),
])
def test_labels_dates_and_numbers_are_localised(lang, expected):
    data = membership_data.load(GOLDEN_DATA)
    html = "".join(membership_tables.render(data, t, LANGUAGES[lang])
                   for t in membership_tables.TABLES)
    for text in expected:
        assert text in html


def test_cell_neutralises_html_and_markdown():
    assert membership_tables.cell("a|b\n\n<i>*c*</i>") == (
        "a&#124;b<br><br>&#60;i&#62;&#42;c&#42;&#60;/i&#62;")


@pytest.mark.parametrize("line, message", [
    ("<!-- table: member-classes -->", 'there is no table "member-classes"'),
    ("<!-- table: membership classes -->", "this looks like a table marker but is not one"),
    ("<!-- tabel: membership-classes -->", "this looks like a table marker but is not one"),
    ("  <!-- table: membership-classes -->", "this looks like a table marker but is not one"),
    ("> <!-- table: membership-classes -->", "this looks like a table marker but is not one"),
])
def test_marker_mistakes_stop_the_build_at_their_line(line, message):
    with pytest.raises(PluginError, match=f"^docs/membership.md:3: {re.escape(message)}"):
        hook_membership_tables.markers(f"# Join\n\n{line}\n", "docs/membership.md")


def test_a_note_naming_the_data_file_is_not_a_marker():
    note = "<!-- The table below is made from data/membership_classes.yml: edit that file. -->"
    page = f"# Join\n\n{note}\n<!-- table: membership-classes -->\n"
    assert hook_membership_tables.markers(page, "docs/membership.md") == [
        (4, "membership-classes")]


# ---- any text survives -------------------------------------------------------------------

TRICKY = ["|", "<script>alert(1)</script>", "{{ x }}", "{% raw %}", "[x](y)", "[x][contact]",
          "\n", "\n\n", "\r\n", "*", "_", "**b**", "`c`", "&amp;", "&", "\\", "<!--", "-->",
          '--8<-- "README.md"', "#", "- item", "1. one", "    code", "\t", "</td></table>",
          "{: .x }", "*[HTML]: y", "&#124;", "<div markdown=\"1\">", "]]>", "\u2028", "==m=="]
CHARACTERS = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n")
TEXT = (st.lists(st.one_of(st.sampled_from(TRICKY), st.text(CHARACTERS, max_size=8)),
                 min_size=1, max_size=8)
        .map("".join).filter(lambda text: re.search(r"\S", text)))


@settings(max_examples=75, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT, description=TEXT, lang=st.sampled_from(["en", "zh"]))
def test_any_text_shows_as_text_in_an_intact_table(tmp_path, monkeypatch, name, description,
                                                   lang):
    data = membership_data.load(GOLDEN_DATA)
    data["classes"][1]["name"][lang] = name
    data["classes"][1]["description"][lang] = description
    path = tmp_path / "classes.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    data = membership_data.load(path)  # the text is valid data and survives YAML
    for table, columns in COLUMNS.items():
        parsed = Tables(page_html(data, lang, table, monkeypatch))
        assert len(parsed.tables) == 1
        assert parsed.tags_inside <= {"table", "caption", "thead", "tbody", "tr", "th", "td",
                                      "ul", "li", "br"}
        rows = parsed.tables[0]["rows"]
        assert [len(row) for row in rows] == [columns] * 3
        assert rows[2][0] == name.replace("\r\n", "\n")
        if table == "membership-classes":
            assert rows[2][2] == description.replace("\r\n", "\n")
        assert parsed.outside_text.split() == ["Before.", "After."]


# ---- real builds ---------------------------------------------------------------------------

@pytest.mark.parametrize("page, lang", PAGES)
def test_site_pages_show_the_tables_from_the_data(site, page, lang):
    table = PAGES[(page, lang)]
    html = (site / page).read_text(encoding="utf-8")
    assert "<!-- table:" not in html
    parsed = Tables(html)
    assert len(parsed.tables) == 1
    expected = membership_tables.render(membership_data.load(), table, LANGUAGES[lang])
    caption = Tables(expected).tables[0]["caption"]
    assert parsed.tables[0]["caption"] == caption
    names = [c["name"][lang] for c in membership_data.load()["classes"]]
    assert [row[0] for row in parsed.tables[0]["rows"][1:]] == names
    assert expected in html


def test_build_with_tricky_data_shows_it_as_text(tmp_path):
    result = build(tmp_path / "site", "http://127.0.0.1:8000/",
                   extra_env={"MEMBERSHIP_DATA": str(GOLDEN_DATA)})
    assert result.returncode == 0, result.stdout + result.stderr
    data = membership_data.load(GOLDEN_DATA)
    for (page, lang), table in PAGES.items():
        parsed = Tables((tmp_path / "site" / page).read_text(encoding="utf-8"))
        assert len(parsed.tables) == 1
        rows = parsed.tables[0]["rows"]
        assert [len(row) for row in rows] == [COLUMNS[table]] * 3
        assert rows[1][0] == data["classes"][0]["name"][lang]
        if table == "membership-classes":
            assert rows[1][2] == data["classes"][0]["description"][lang]
            assert rows[1][5] == data["classes"][0]["fees"][lang]
