"""The membership pack: one PDF per language, made by the real build (the session's site),
read back with Poppler's tools (make system-deps installs poppler-utils)."""

import re
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup
from quality.pdf import (
    PACK,
    PROJECT,
    catalog_language,
    fonts,
    info,
    outline_and_links,
    pdf_path,
    squeezed,
    text,
    xmp,
)
from sitebuild import build, copy_project

from sitelib import ROOT, membership_data, membership_tables
from sitelib.interface_strings import strings

LANGUAGES = list(PROJECT.languages.values())
IDS = [language.code for language in LANGUAGES]
DATA = ROOT / "data" / "membership_classes.yml"
# Punctuation a Chinese line may not start with, or end with (W3C clreq, 3.1.7), and
# their Latin counterparts.
CLOSING = set("、。，．：；？！）》」』】〕〉〗〙”’…‥·,.;:?!)]}")
OPENING = set("（《「『【〔〈〖〘“‘([{")


@pytest.fixture(scope="module", params=LANGUAGES, ids=IDS)
def pack(request, site):
    """(language, path of its PDF) in the session's build."""
    return request.param, pdf_path(site, request.param)


def _table_cells(language):
    """{table: [text of each class name and cell]} as the build renders them."""
    files = membership_tables.generated_files(membership_data.load(DATA), LANGUAGES)
    cells = {}
    for table in membership_tables.TABLES:
        soup = BeautifulSoup(files[f"{table}.{language.code}.md"], "html.parser")
        cells[table] = [cell.get_text(" ") for cell in soup.select("tbody th, tbody td")]
    return cells


def test_every_language_has_its_pack_linked_with_its_size(site):
    from check_pack import problems_and_sizes

    problems, sizes = problems_and_sizes(site, PROJECT)
    assert problems == []
    first = PACK["pages"][0].removesuffix(".md") + ".html"
    for language in LANGUAGES:
        page = BeautifulSoup((site / language.path / first).read_text(encoding="utf-8"),
                             "html.parser")
        link = page.select_one(".pack-link a")
        assert link is not None, f"{language.path}{first} has no link to its PDF"
        assert link.find_parent("article") is not None  # in the content, under the title
        assert link.find_previous("h1") is not None
        size = (site / language.path / link["href"]).stat().st_size
        assert link["href"].endswith(f"-{language.tag}.pdf") and link["type"] == "application/pdf"
        kilobytes = re.search(r"(\d[\d,]*) KB", link.get_text())
        assert kilobytes and int(kilobytes[1].replace(",", "")) == round(size / 1024)


def test_the_pack_holds_every_class_and_commitment_of_the_data_file(pack):
    language, path = pack
    words = squeezed(text(path))
    for table, cells in _table_cells(language).items():
        missing = [cell for cell in cells if squeezed(cell) not in words]
        assert missing == [], f"{path.name} lacks {table} text: {missing}"


def test_the_pack_holds_its_pages_and_addresses_after_links(pack, site):
    language, path = pack
    words = squeezed(text(path))
    outline, _links = outline_and_links(path)
    titles = [title for level, title, _page in outline if level == 1]
    assert len(titles) == len(PACK["pages"])
    application = PROJECT.config["extra"]["links"]["application-form"]
    brackets = "（）" if language.tag.startswith("zh") else "()"
    assert squeezed(f"{brackets[0]}{application}{brackets[1]}") in words
    contact = PROJECT.config["extra"]["links"]["contact"].removeprefix("mailto:")
    assert contact in words


def test_fonts_are_embedded_subsets_of_the_faces_the_languages_name(pack):
    language, path = pack
    found = fonts(path)
    faces = {lang.print_font.replace(" ", "-") for lang in LANGUAGES}
    assert found and all(row["emb"] == "yes" and row["sub"] == "yes" for row in found), found
    names = {row["name"].removesuffix("-Bold") for row in found}
    assert names <= faces, f"{path.name}: a fallback face {names - faces}"
    assert language.print_font.replace(" ", "-") in names
    # The CJK face of the language's own script: fontconfig's own choice is the Japanese one.
    script = next((s for s in ("Hans", "Hant") if s in language.tag), None)
    if script:
        face = {"Hans": "Noto-Sans-CJK-SC", "Hant": "Noto-Sans-CJK-TC"}[script]
        assert face in names and not {"Noto-Sans-CJK-JP", "Droid-Sans-Fallback"} & names


def _configured(language, key):
    """The language's site_name or site_description as its build has it: its own entry's,
    its source language's converted, or the site's."""
    entry = next(e for e in PROJECT.i18n["languages"] if e["locale"] == language.code)
    if entry.get(key):
        return " ".join(entry[key].split())
    if language.converted_from:
        from sitelib.conversion import converter

        return converter().convert(_configured(PROJECT.languages[language.converted_from], key))
    return " ".join(PROJECT.config[key].split())


def test_metadata_language_and_tags(pack):
    language, path = pack
    words = strings(language.code)["pack"]
    site_name = _configured(language, "site_name")
    fields = info(path)
    assert fields["Title"] == words["document_title"].format(site_name=site_name,
                                                             title=words["title"])
    assert fields["Author"] == site_name
    assert fields["Subject"] == _configured(language, "site_description")
    assert fields["Tagged"] == "yes"
    assert "A4" in fields["Page size"]
    assert 'pdfuaid:part="1"' in xmp(path)
    assert catalog_language(path) == language.tag


def test_headings_are_bookmarks_and_links_lead_into_the_document(pack, site_url):
    language, path = pack
    outline, links = outline_and_links(path)
    pages = int(info(path)["Pages"])
    assert [level for level, _title, _page in outline if level == 1] == [1] * len(PACK["pages"])
    assert any(level == 2 for level, _title, _page in outline)
    assert all(1 <= page <= pages for _level, _title, page in outline)
    inside = [int(href.rsplit("#", 1)[1]) for href, _text in links if ".html#" in href
              and not href.startswith("http")]
    assert inside and all(1 <= page <= pages for page in inside)
    online_pack_pages = {f"{language.path}{name.removesuffix('.md')}.html"
                         for name in PACK["pages"]}
    leaking = [href for href, _text in links if href.startswith(site_url)
               and href.removeprefix(site_url).split("#")[0] in online_pack_pages]
    assert leaking == [], "a link to a page of the pack leads online, not into the PDF"


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(pack):
    language, path = pack
    lines = [line.strip() for line in text(path, raw=False).splitlines() if line.strip()]
    assert [line for line in lines if line[0] in CLOSING] == [], "starts with closing punctuation"
    assert [line for line in lines if line[-1] in OPENING] == [], "ends with opening punctuation"
    assert any(line[-1] in CLOSING for line in lines)  # the check sees punctuation at all


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """The site built from a data file whose last class has another name."""
    folder = tmp_path_factory.mktemp("changed-data")
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    data["classes"][-1]["name"] = {lang: f"Renamed class {lang}" for lang in
                                   data["classes"][-1]["name"]}
    changed = folder / "membership_classes.yml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                       encoding="utf-8")
    result = build(folder / "site", "http://127.0.0.1:8000/", extra_env={
        "MEMBERSHIP_DATA": str(changed)})
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_a_changed_data_file_changes_the_pdf(language, site, changed_site):
    source = language.converted_from or language.code
    name = squeezed(f"Renamed class {source}")
    assert name not in squeezed(text(pdf_path(site, language)))
    assert name in squeezed(text(pdf_path(changed_site, language)))


def test_a_missing_font_stops_the_build_with_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"print_font: {LANGUAGES[0].print_font}", "print_font: No Such Sans", 1),
        encoding="utf-8")
    result = build(tmp_path / "site", "http://127.0.0.1:8000/", config)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and 'the font "No Such Sans"' in errors[0], output
    assert "make pack-deps" in errors[0]
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.pdf"))


def test_the_pack_check_fails_for_a_missing_pdf(site, tmp_path):
    from check_pack import problems_and_sizes

    copy = shutil.copytree(site, tmp_path / "site")
    pdf_path(copy, LANGUAGES[-1]).unlink()
    problems, _sizes = problems_and_sizes(copy, PROJECT)
    assert len(problems) == 1 and "is missing" in problems[0]
