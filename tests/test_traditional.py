"""The Traditional Chinese site (/zh-Hant/), converted from the Simplified pages at every
build (scripts/hook_conversion.py, scripts/sitelib/conversion.py): every page there, all of
it in Traditional characters with the reviewed terms, found by search in either script,
offered to readers who prefer it; and rules that would change the meaning stop the build."""

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import html_pages
from quality.browsing import visit
from sitebuild import ROOT, build, copy_project

from sitelib import conversion, glossary, vocabulary_check
from sitelib.findings import Finding

HANT = "zh-Hant/"
HAN = re.compile(r"[\u3400-\u9fff]")
SIMPLIFIED_PAGES = sorted(p.relative_to(ROOT / "docs/zh").with_suffix(".html").as_posix()
                          for p in (ROOT / "docs/zh").rglob("*.md"))
TERMS = glossary.load(ROOT / "data/glossary.yml")
CLASSES = yaml.safe_load((ROOT / "data/membership_classes.yml").read_text(encoding="utf-8"))


def soup(site, page):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def visible_text(html, lang="zh-Hant"):
    """The text a reader sees in the given language: no scripts or styles, and nothing
    marked as another language (the selector's 简体中文, an English notice)."""
    for element in html.select("script, style, template, [hidden]"):
        element.decompose()
    for element in html.select("[lang]"):
        if element.name != "html" and element.get("lang") != lang:
            element.decompose()
    return html.get_text(" ")


def article_text(site, page):
    return visible_text(soup(site, page).select_one("article"))


def test_every_simplified_page_has_its_traditional_page(site):
    built = {p.removeprefix(HANT) for p in html_pages(site) if p.startswith(HANT)}
    assert SIMPLIFIED_PAGES and set(SIMPLIFIED_PAGES) <= built
    for page in SIMPLIFIED_PAGES:
        html = soup(site, HANT + page).html
        assert html["lang"] == "zh-Hant", page


@pytest.mark.parametrize("page", SIMPLIFIED_PAGES)
def test_a_traditional_page_has_no_simplified_only_character(site, page):
    """Converting its visible text again changes nothing: every character is already in
    its Traditional form (the reviewed rules, such as 了解, held as they are)."""
    text = visible_text(soup(site, HANT + page))
    assert len(HAN.findall(text)) > 100, page
    again = conversion.converter().convert(text)
    changed = {a for a, b in zip(text, again, strict=True) if a != b}
    assert not changed, f"{HANT}{page}: Simplified characters {''.join(sorted(changed))}"


def test_the_switcher_names_simplified_in_simplified(site):
    names = {a["hreflang"]: (a["lang"], a.get_text(strip=True))
             for a in soup(site, HANT + "index.html").select(".md-select__link")}
    assert names == {"en": ("en", "English"), "zh": ("zh-Hans", "简体中文"),
                     "zh-Hant": ("zh-Hant", "繁體中文")}


@pytest.mark.parametrize("page", SIMPLIFIED_PAGES)
def test_glossary_terms_appear_in_their_reviewed_traditional_form(site, page):
    simplified = article_text(site, "zh/" + page).replace(" ", "")
    traditional = article_text(site, HANT + page).replace(" ", "")
    used = [term for term in TERMS if term.zh in simplified]
    assert used, page
    for term in used:
        form = term.zh_hant or term.zh
        assert traditional.count(form) >= simplified.count(term.zh), (
            f"{HANT}{page}: {term.zh} should read {form} every time")


def test_class_names_and_table_labels_are_in_traditional(site):
    table = soup(site, HANT + "membership.html").select_one("article table")
    names = [th.get_text(strip=True) for th in table.select("tbody th")]
    forms = {term.zh: term.zh_hant or term.zh for term in TERMS}
    assert names == [forms[item["name"]["zh"]] for item in CLASSES["classes"]]
    assert table.caption.get_text(strip=True) == "ASI會員類別"


def test_menu_title_site_name_and_dates_are_traditional(site):
    page = soup(site, HANT + "membership.html")
    assert page.title.get_text() == "加入我們 - 鋁業管理倡議"
    menu = [a.get_text(strip=True) for a in page.select(".md-nav--primary .md-nav__link")]
    assert {"首頁", "加入我們", "工作組", "認證承諾"} <= set(menu)
    assert page.select_one(".md-copyright").get_text(strip=True).startswith("© 鋁業管理倡議")
    assert re.fullmatch(r"最後更新：\d{4}年\d{1,2}月\d{1,2}日",
                        page.select_one("aside.md-source-file").get_text(strip=True))


def test_material_interface_strings_are_taiwan_s(site):
    """Material's zh-TW strings (its zh-Hant ones keep Simplified leftovers), with the
    site's wording where Taiwan's differs (tests/test_quality_overrides.py has them all)."""
    page = soup(site, HANT + "index.html")
    config = json.loads(page.select_one("#__config").string)
    assert config["translations"]["clipboard.copy"] == "複製"
    assert "个" not in json.dumps(config["translations"], ensure_ascii=False)
    assert page.select_one(".md-skip").get_text(strip=True) == "跳至主要內容"


def test_quotes_are_corner_brackets(site):
    text = article_text(site, HANT + "certification.html")
    assert "「生產與加工」" in text and "“" not in text and "”" not in text


def test_traditional_search_index_is_its_own_and_folds_both_scripts(site):
    search = site / HANT / "search"
    fold = json.loads((search / "search_index.json").read_text(encoding="utf-8"))[
        "config"]["han_fold"]
    assert fold["會"] == "会" and fold["後"] == "后" and fold["麼"] == "么"
    assert not set(fold) & set(fold.values()), "folding twice would change something"
    assert all(HAN.fullmatch(k) and HAN.fullmatch(v) for k, v in fold.items())
    shown = {char for page in html_pages(site) for char in HAN.findall(
        (site / page).read_text(encoding="utf-8"))}
    assert set(fold) <= shown  # limited to the characters of the site
    # The terms are folded to Simplified: the same terms as the Simplified site's.
    terms = {term for shard in (search / "shards").glob("*.json")
             for term in json.loads(shard.read_text(encoding="utf-8"))}
    assert "会员" in terms and "會員" not in terms
    pages = {entry[0].split("#")[0] for part in (search / "pages").glob("*.json")
             for entry in json.loads(part.read_text(encoding="utf-8"))}
    assert pages == set(SIMPLIFIED_PAGES)
    # What a result shows stays Traditional.
    shown_text = " ".join(entry[2] for part in (search / "pages").glob("*.json")
                          for entry in json.loads(part.read_text(encoding="utf-8")))
    assert "會員" in shown_text and "会员" not in shown_text


def test_translation_report_says_the_traditional_pages_follow_the_simplified():
    report = subprocess.run([sys.executable, str(ROOT / "scripts/translations.py")],
                            capture_output=True, text=True, check=False)
    assert report.returncode == 0, report.stderr
    assert "繁體中文 (zh-Hant/) is converted from these pages at every build" in report.stdout
    assert "zh-Hant/" not in report.stdout.split("繁體中文")[0]  # not a page to translate


# --- The rules ---------------------------------------------------------------------------

def test_rules_are_applied_whole_and_never_converted_again():
    convert = conversion.converter().convert
    assert convert("进一步了解会员信息") == "進一步了解會員資訊"  # not 瞭解, not 信息
    assert convert("准会员后") == "準會員後"
    assert convert("“生产与加工”和‘引号’") == "「生產與加工」和『引號』"
    assert convert("ASI’s members") == "ASI’s members"  # an apostrophe is not a quote


def test_vocabulary_is_taiwan_s_word_and_the_glossary_follows_it():
    convert = conversion.converter().convert
    assert convert("提升可持续发展水平") == "提升永續發展水準"  # a longer rule
    assert convert("可持续发展优先事项") == "永續發展優先事項"  # a glossary term holding it
    assert convert("利益相关方和多利益相关方") == "利害關係人和多方利害關係人"


def test_a_context_rule_applies_only_inside_its_phrases():
    """通过 is 透過 where it means "by means of", 通過 where a member passes."""
    convert = conversion.converter().convert
    assert convert("会员通过参与ASI的工作") == "會員透過參與ASI的工作"
    assert convert("通过ASI绩效标准认证") == "通過ASI績效標準認證"
    assert convert("通过标准对标与协调加强合作") == "透過標準對標與協調加強合作"


def test_a_page_rule_applies_only_on_its_pages(tmp_path):
    converter = _rules(tmp_path, GLOSSARY, "vocabulary:\n  - zh: 软件\n    zh_hant: 軟體\n"
                       "    pages: [docs/zh/membership.md]\n    why: x\n")
    assert converter.vocabulary[0].pages == ("membership.md",)
    assert converter.convert("软件工作组", "membership.md") == "軟體工作組"
    assert converter.convert("软件工作组", "index.md") == "軟件工作組"
    assert converter.convert("软件工作组") == "軟件工作組"  # interface strings: no page


@pytest.mark.parametrize("page", SIMPLIFIED_PAGES)
def test_the_traditional_pages_have_every_vocabulary_wording(site, page):
    simplified = article_text(site, "zh/" + page).replace(" ", "")
    traditional = article_text(site, HANT + page).replace(" ", "")
    for rule in conversion.converter().vocabulary:
        phrases = rule.context or (rule.zh,)
        count = sum(simplified.count(phrase) for phrase in phrases)
        if rule.applies_to(page.removesuffix(".html") + ".md") and count:
            assert traditional.count(rule.zh_hant) >= count, f"{HANT}{page}: {rule.zh_hant}"
    assert "通過ASI績效標準認證" in traditional or page != "certification.html"


def _rules(tmp_path, glossary_text, rules_text):
    (tmp_path / "glossary.yml").write_text(glossary_text, encoding="utf-8")
    (tmp_path / "conversion.yml").write_text(rules_text, encoding="utf-8")
    return conversion.load(tmp_path / "glossary.yml", tmp_path / "conversion.yml")


GLOSSARY = "terms:\n  - en: Working Group\n    zh: 工作组\n    zh_hant: 工作組\n"


@pytest.mark.parametrize("rules, expected", [
    ("rules:\n  - zh: 支持\n    zh_hant: 支援\n    why: x\n",
     None),  # a Taiwan wording OpenCC's tw2sp converts back: accepted
    ("rules:\n  - zh: 信息\n    zh_hant: 消息\n    why: x\n",
     (2, "消息 does not convert back to 信息")),
    ("rules:\n  - zh: 工作组会议\n    zh_hant: 工作小組會議\n    why: x\n",
     (2, "工作小組會議 does not contain the glossary's 工作組")),
    ("rules:\n  - zh: 信息\n    why: x\n", (2, "each rule needs")),
    ("rules:\n  - zh: 信息\n  zh_hant: 資訊\n", (3, "the layout is broken here")),
])
def test_a_bad_rule_is_named_with_its_line(tmp_path, rules, expected):
    if expected is None:
        assert _rules(tmp_path, GLOSSARY, rules).convert("支持工作组") == "支援工作組"
        return
    with pytest.raises(conversion.ConversionError) as raised:
        _rules(tmp_path, GLOSSARY, rules)
    line, message = expected
    found = [f for f in raised.value.findings if message in f.message]
    assert found and isinstance(found[0], Finding), raised.value.findings
    assert (Path(found[0].file).name, found[0].line) == ("conversion.yml", line)
    assert found[0].fix


GLOSSARY_TERMS = (GLOSSARY + "  - en: stakeholder\n    zh: 利益相关方\n    zh_hant: 利益相關方\n"
                  "  - en: Sustainability Priorities\n    zh: 可持续发展优先事项\n"
                  "    zh_hant: 可持續發展優先事項\n")


@pytest.mark.parametrize("rules, expected", [
    ("  - zh: 利益相关方\n    zh_hant: 利害關係人\n    why: x\n",
     (2, "利益相关方 is the glossary's term for “stakeholder”", "set `zh_hant: 利害關係人`")),
    ("  - zh: 可持续发展\n    zh_hant: 永續發展\n    why: x\n",
     (2, "可持续发展 is part of the glossary's term 可持续发展优先事项", "永續發展優先事項")),
    ("  - zh: 工作组会议\n    zh_hant: 工作小組會議\n    why: x\n",
     (2, "工作小組會議 does not contain the glossary's 工作組", "write 工作組")),
    ("  - zh: 通过\n    zh_hant: 透過\n    context: [参与]\n    why: x\n",
     (2, "the context 参与 does not contain 通过", "longer phrase")),
    ("  - zh: 软件\n    zh_hant: 軟體\n    pages: {a: b}\n    why: x\n",
     (2, "`pages:` must be a list of texts", "pages: [membership.md]")),
    ("  - zh: 软件\n    zh_hant: 軟體\n    page: membership.md\n    why: x\n",
     (2, "`page:` is not a field of a rule under `vocabulary:`", "pages")),
])
def test_a_bad_vocabulary_rule_is_named_with_its_line(tmp_path, rules, expected):
    with pytest.raises(conversion.ConversionError) as raised:
        _rules(tmp_path, GLOSSARY_TERMS, "vocabulary:\n" + rules)
    line, message, fix = expected
    found = [f for f in raised.value.findings if message in f.message]
    assert found, raised.value.findings
    assert (Path(found[0].file).name, found[0].line) == ("conversion.yml", line)
    assert fix in found[0].fix


def test_a_glossary_term_may_use_the_vocabulary_s_wording(tmp_path):
    """Where the glossary and the vocabulary agree, the term converts back through it."""
    agreed = GLOSSARY_TERMS.replace("zh_hant: 利益相關方", "zh_hant: 利害關係人").replace(
        "zh_hant: 可持續發展優先事項", "zh_hant: 永續發展優先事項")
    converter = _rules(tmp_path, agreed, "vocabulary:\n"
                       "  - zh: 利益相关方\n    zh_hant: 利害關係人\n    why: x\n"
                       "  - zh: 可持续发展\n    zh_hant: 永續發展\n    why: x\n")
    assert converter.convert("利益相关方的可持续发展优先事项") == "利害關係人的永續發展優先事項"
    assert [rule.zh for rule in converter.vocabulary] == ["利益相关方", "可持续发展"]
    with pytest.raises(conversion.ConversionError) as raised:  # without the vocabulary: no
        _rules(tmp_path, agreed, "rules: []\n")
    assert "利害關係人 does not convert back to 利益相关方" in str(raised.value)


def _source(text, page="membership.md"):
    return vocabulary_check.Source(f"docs/zh/{page}", page, ((1, text),))


@pytest.mark.parametrize("rules, text, expected", [
    ("  - zh: 能力建没\n    zh_hant: 能力建構\n    why: x\n", "推动能力建设",
     "能力建没 does not occur in the Simplified text (docs/zh/"),
    ("  - zh: 通过\n    zh_hant: 透過\n    context: [通过参加]\n    why: x\n", "通过参与",
     "通过参加 does not occur"),
    ("  - zh: 软件\n    zh_hant: 軟體\n    pages: [membershp.md]\n    why: x\n", "软件",
     "there is no page docs/zh/membershp.md"),
    ("  - zh: 软件\n    zh_hant: 軟體\n    pages: [index.md]\n    why: x\n", "软件",
     "软件 does not occur in the Simplified text of docs/zh/index.md"),
    ("  - zh: 员工作\n    zh_hant: 員工作\n    why: x\n", "\n会员工作组",
     "员工作 cuts 工作组 in two (docs/zh/membership.md:2)"),
    ("  - zh: 组会\n    zh_hant: 組會\n    why: x\n", "\n工作组会议",
     "组会 is never changed: it stands in 工作组, which another rule or term changes"),
    ("  - zh: 会员类别\n    zh_hant: 會員類型\n    why: x\n", "会员类别",
     "会员类别 becomes 會員類型, which changes 会员类别 (docs/zh/membership.md:1) from 會員類別"),
])
def test_a_vocabulary_rule_that_does_not_fit_the_simplified_text_is_named(tmp_path, rules,
                                                                          text, expected):
    converter = _rules(tmp_path, GLOSSARY, "vocabulary:\n" + rules)
    sources = [_source(text), _source("首页", "index.md")]
    names = vocabulary_check.protected(glossary.load(tmp_path / "glossary.yml"), ["会员类别"],
                                       converter)
    found = vocabulary_check.findings(converter, sources, names)
    assert [f.line for f in found if expected in f.message] == [2], found
    assert all(f.fix for f in found)


def test_the_site_s_vocabulary_fits_its_simplified_text():
    from sitelib import membership_data

    converter = conversion.converter()
    data = membership_data.DATA_FILE
    sources = vocabulary_check.sources(ROOT / "docs/zh", ROOT / "locales/zh.yml", data,
                                       lambda path: path.relative_to(ROOT).as_posix())
    assert {source.file for source in sources} >= {"docs/zh/membership.md", "locales/zh.yml",
                                                   "data/membership_classes.yml"}
    names = vocabulary_check.protected(TERMS, vocabulary_check.class_names(data), converter)
    assert "工业用户" in vocabulary_check.class_names(data)
    assert vocabulary_check.findings(converter, sources, names) == []


def test_a_glossary_term_without_its_traditional_form_is_named(tmp_path):
    with pytest.raises(conversion.ConversionError) as raised:
        _rules(tmp_path, "terms:\n  - en: Board\n    zh: 理事会\n", "rules: []\n")
    assert [str(f) for f in raised.value.findings] == [
        f"{tmp_path / 'glossary.yml'}:2: 理事会 has no Traditional form — add "
        "`zh_hant: 理事會` under it (OpenCC's suggestion: check it)"]


def test_a_term_the_same_in_both_scripts_needs_no_traditional_form(tmp_path):
    converter = _rules(tmp_path, "terms:\n  - en: Nature Positive\n    zh: 自然向好\n",
                       "rules: []\n")
    assert converter.convert("自然向好") == "自然向好"


def test_a_hand_written_traditional_page_wins(tmp_path, site_url):
    project = copy_project(tmp_path / "project")
    page = project / "docs/zh-Hant/working-groups.md"
    page.parent.mkdir()
    page.write_text("---\ndescription: 手寫的繁體中文工作組頁面，由編輯親自撰寫。\n---\n"
                    "# 工作組\n\n這一頁由編輯親手撰寫。\n", encoding="utf-8")
    result = build(project / "site", site_url, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    text = soup(project / "site", HANT + "working-groups.html").select_one("article").get_text()
    assert "這一頁由編輯親手撰寫。" in text
    converted = soup(project / "site", HANT + "membership.html").select_one("article")
    assert "加入我們" in converted.get_text()


# --- In a browser ------------------------------------------------------------------------

def search(page, query):
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on key events
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    return [urlsplit(link.get_attribute("href")).path for link in results.all()]


@pytest.mark.browser
@pytest.mark.parametrize("start, query, expected", [
    ("zh-Hant/index.html", "會員類別", "/asi/zh-Hant/membership.html"),  # Traditional
    ("zh-Hant/index.html", "会员类别", "/asi/zh-Hant/membership.html"),  # Simplified typed
    ("zh/index.html", "會員類別", "/asi/zh/membership.html"),  # Traditional typed
    ("zh-Hant/index.html", "獻專業知", "/asi/zh-Hant/working-groups.html"),  # mid-word
])
def test_search_finds_pages_in_either_script(browser, base_url, start, query, expected):
    with visit(browser, base_url + start, locale="zh-TW") as record:
        paths = search(record.page, query)
        prefix = "/asi/" + start.split("/")[0] + "/"
        assert expected in paths, paths
        assert all(path.startswith(prefix) for path in paths), paths
        marks = record.page.locator(".md-search-result mark").all_inner_texts()
        assert marks, "the phrase is highlighted in the results"
    assert record.foreign_requests() == [] and record.failures == []


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["zh-TW", "zh-HK", "zh-MO", "zh-Hant"])
def test_readers_of_traditional_are_offered_the_traditional_page(browser, base_url, locale):
    for start in ("membership.html", "zh/membership.html"):
        with visit(browser, base_url + start, locale=locale) as record:
            suggestion = record.page.locator(".language-suggestion")
            suggestion.wait_for()
            assert suggestion.get_attribute("lang") == "zh-Hant"
            assert suggestion.inner_text().startswith("本頁有繁體中文版本。")
            link = suggestion.get_by_role("link")
            assert urlsplit(link.get_attribute("href")).path == "/asi/zh-Hant/membership.html"


@pytest.mark.browser
def test_no_suggestion_on_the_traditional_page_for_its_readers(browser, base_url):
    with visit(browser, base_url + "zh-Hant/index.html", locale="zh-TW") as record:
        assert record.page.locator(".language-suggestion").count() == 0
