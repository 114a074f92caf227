"""HTML-level checks on the real build: every language of the table (tools/quality/pages.py),
lang, hreflang, SEO tags, no foreign hosts, per-language search indexes, sitemaps and the 404
page."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import html_pages
from quality.pages import DEFAULT_LANGUAGE, TABLE
from quality.pages import language as page_language
from sitebuild import SUBPATH, build, copy_project

CJK = re.compile(r"[\u4e00-\u9fff]")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "x": "http://www.w3.org/1999/xhtml"}


def content_pages(site):
    """Documentation pages (not the 404 page), as paths relative to the site root."""
    return [p for p in html_pages(site) if p != "404.html"]


def english_pages(site):
    return [p for p in content_pages(site) if page_language(p) == DEFAULT_LANGUAGE]


OTHERS = [lang for lang in TABLE.values() if not lang.default]


def soup(site, page):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_the_site_has_the_four_sections(site):
    assert set(english_pages(site)) >= {
        "index.html", "membership.html", "working-groups.html", "certification.html"}


@pytest.mark.parametrize("lang", OTHERS, ids=lambda lang: lang.code)
def test_every_page_exists_in_every_language(site, lang):
    english = set(english_pages(site))
    other = {p.removeprefix(lang.path) for p in content_pages(site)
             if page_language(p) == lang.code}
    assert english == other


@pytest.mark.parametrize("lang_root, lang", [(lang.path, lang.tag) for lang in TABLE.values()])
def test_html_lang(site, lang_root, lang):
    for page in english_pages(site):
        html = soup(site, lang_root + page).html
        assert html["lang"] == lang, f"{lang_root}{page}"


@pytest.mark.parametrize("lang", OTHERS, ids=lambda lang: lang.code)
def test_chinese_pages_are_in_chinese(site, lang):
    for page in english_pages(site):
        main = soup(site, lang.path + page).select_one("article.md-content__inner")
        text = main.get_text()
        assert len(CJK.findall(text)) > len(text) / 10, f"{lang.path}{page} is not mostly Chinese"


def test_hreflang_alternates_are_absolute_and_complete(site, site_url):
    for page in content_pages(site):
        english = page.removeprefix(TABLE[page_language(page)].path)
        links = {link["hreflang"]: link["href"]
                 for link in soup(site, page).select("link[rel=alternate][hreflang]")}
        expected = {lang.tag: urljoin(site_url, lang.path + english).removesuffix("index.html")
                    for lang in TABLE.values()}
        assert links == {**expected, "x-default": expected[TABLE[DEFAULT_LANGUAGE].tag]}, page


def test_meta_description_and_open_graph_in_the_page_language(site):
    for page in content_pages(site):
        head = soup(site, page).head
        description = head.select_one("meta[name=description]")["content"]
        assert len(description) > 20, page
        lang = TABLE[page_language(page)]
        assert bool(CJK.search(description)) == (not lang.default), page
        og = {m["property"]: m["content"] for m in head.select("meta[property^='og:']")}
        assert og["og:description"] == description
        assert og["og:locale"] == lang.og_locale
        assert og["og:title"] and og["og:url"].endswith(page.removesuffix("index.html"))


def test_the_english_page_offers_both_chinese_scripts(site):
    """查看中文版：简体 / 繁體, each link marked in its own script, each to a real page."""
    links = soup(site, "membership.html").select("article p[lang=zh-Hans] a")
    assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in links] == [
        ("zh/membership.html", "zh-Hans", "zh-Hans", "简体"),
        ("zh-Hant/membership.html", "zh-Hant", "zh-Hant", "繁體")]
    assert all((site / a["href"]).is_file() for a in links)


SITE_NAMES = {"en": "Aluminium Stewardship Initiative", "zh": "铝业管理倡议",
              "zh-Hant": "鋁業管理倡議"}


@pytest.mark.parametrize("lang", TABLE.values(), ids=lambda lang: lang.code)
def test_a_home_page_is_titled_with_the_site_name(site, lang):
    """A share of a home page says the organisation's name, in every language, not
    "Home" (Material's page.is_homepage is false under a language folder)."""
    head = soup(site, lang.path + "index.html").head
    name = head.select_one("meta[property='og:site_name']")["content"]
    assert name == SITE_NAMES[lang.code]
    assert head.title.get_text() == name
    assert head.select_one("meta[property='og:title']")["content"] == name
    inner = soup(site, lang.path + "membership.html").head
    assert inner.title.get_text().endswith(" - " + name)


# Elements that make the browser fetch something: every one must stay on the site.
FETCHING = [("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"),
            ("iframe", "src"), ("source", "src"), ("source", "srcset"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data")]


def test_no_foreign_host_in_scripts_styles_fonts_images_or_frames(site, site_url):
    own = urlsplit(site_url).netloc
    for page in html_pages(site):
        for tag, attr in FETCHING:
            for element in soup(site, page).find_all(tag, attrs={attr: True}):
                if tag == "link" and element.get("rel") == ["alternate"]:
                    continue  # hreflang links: checked above to be on the site's own host
                host = urlsplit(element[attr]).netloc
                assert host in ("", own), f"{page}: <{tag} {attr}={element[attr]}>"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not urlsplit(url).netloc, f"{css.name} loads {url}"
        assert "@import" not in css.read_text(encoding="utf-8"), css.name


EDIT_BUTTON = "a.md-content__button[href*='/edit/']"


def test_without_repo_url_there_is_no_edit_button(site):
    # The tests build without REPO_URL unless they pass one (sitebuild.build).
    for page in content_pages(site):
        assert soup(site, page).select_one(EDIT_BUTTON) is None, page


def test_edit_this_page_links_to_the_source_file_on_github(tmp_path, site_url):
    repo = "https://github.com/example-org/asi-site"
    result = build(tmp_path / "site", site_url, extra_env={"REPO_URL": repo})
    assert result.returncode == 0, result.stderr
    # A converted page (繁體中文) is edited through its source page.
    for page, source in [("membership.html", "docs/membership.md"),
                         ("zh/membership.html", "docs/zh/membership.md"),
                         ("zh-Hant/membership.html", "docs/zh/membership.md")]:
        edit = soup(tmp_path / "site", page).select_one(EDIT_BUTTON)
        assert edit["href"] == f"{repo}/edit/main/{source}"


def search_entries(site, lang_root):
    """What a language's results show: [location, title, excerpt] of every page and section
    (scripts/sitelib/search_shards.py)."""
    folder = site / lang_root / "search" / "pages"
    return [entry for path in sorted(folder.glob("*.json"))
            for entry in json.loads(path.read_text(encoding="utf-8"))]


def test_each_language_has_its_own_search_index(site):
    english, chinese = search_entries(site, ""), search_entries(site, "zh")
    assert english and chinese
    # English pages (a link labelled 查看中文版 aside) are not Chinese text.
    assert not any(CJK.search(title) or len(CJK.findall(text)) > 10 for _, title, text in english)
    assert all(not location.startswith("zh/") for location, _, _ in english)
    # Chinese locations are relative to /zh/, where the Chinese pages point Material's base.
    pages = {location.split("#")[0] for location, _, _ in chinese}
    assert pages == {p.removeprefix("zh/") for p in content_pages(site) if p.startswith("zh/")}
    # search_index.json holds the shard manifest, no documents: nothing is built in the
    # browser, and no lunr language file is needed, in either language.
    for lang_root in ("", "zh"):
        index = json.loads((site / lang_root / "search/search_index.json").read_text("utf-8"))
        assert index["docs"] == [] and index["config"]["lang"] == ["en"]
        assert index["config"]["shards"]["first"]
    # Chinese is found through the characters, bigrams and trigrams of its Han runs,
    # which the shards hold, and the trigrams' positions, which their own files hold.
    def held(folder):
        return set().union(*(json.loads(path.read_text(encoding="utf-8"))
                             for path in (site / "zh/search" / folder).glob("*.json")))
    terms, positions = held("shards"), held("positions")
    for _, title, text in chinese:
        for run in re.findall(r"[\u4e00-\u9fff]+", title + " " + text):
            trigrams = {run[i:i + 3] for i in range(len(run) - 2)}
            assert {run[i:i + 2] for i in range(len(run) - 1)} | trigrams | set(run) <= terms
            assert trigrams <= positions, run


def test_sitemap_lists_both_languages_with_alternates(site, site_url):
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=SITEMAP_NS): u
            for u in root.findall("s:url", SITEMAP_NS)}
    for page in english_pages(site):
        for lang in TABLE.values():
            loc = urljoin(site_url, lang.path + page).removesuffix("index.html")
            assert loc in urls, loc
            alternates = {link.get("hreflang"): link.get("href")
                          for link in urls[loc].findall("x:link", SITEMAP_NS)}
            assert set(alternates) == {lang.tag for lang in TABLE.values()} | {"x-default"}
    # Material fetches sitemap.xml beside each hreflang link: one must sit in /zh/ too.
    for lang in OTHERS:
        assert (site / lang.path / "sitemap.xml").read_bytes() == (
            site / "sitemap.xml").read_bytes()


def test_404_page_speaks_every_language(site):
    page = soup(site, "404.html")
    assert page.html["lang"] == "en"
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert "页面未找到" in page.select_one("section[lang=zh-Hans]").get_text()
    assert "找不到網頁" in page.select_one("section[lang=zh-Hant]").get_text()
    assert [s["lang"] for s in page.select("article section")] == [
        lang.tag for lang in TABLE.values()]
    links = [a["href"] for a in page.select("article a")]
    # Absolute links: GitHub Pages serves this page at any missing address.
    assert links == [f"/{SUBPATH}/{lang.path}index.html" for lang in TABLE.values()]
    for lang in OTHERS:
        assert not (site / lang.path / "404.html").exists()


@pytest.fixture(scope="module")
def site_with_untranslated_page(tmp_path_factory, site_url):
    """A copy of the project with an English page that has no Chinese translation."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("nav:\n", "nav:\n  - Draft: draft.md\n", 1), encoding="utf-8")
    (project / "docs/draft.md").write_text(
        "---\ndescription: A draft page that nobody has translated yet.\n---\n"
        "# Draft\n\nEnglish only.\n", encoding="utf-8")
    site = project / "site"
    result = build(site, site_url, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return site


def test_untranslated_page_is_served_in_english_with_a_notice(site_with_untranslated_page):
    page = soup(site_with_untranslated_page, "zh/draft.html")
    assert page.html["lang"] == "zh-Hans"  # the site chrome is Chinese
    notice = page.select_one(".i18n-untranslated")
    assert "尚未翻译" in notice.get_text() and "not been translated" in notice.get_text()
    assert "English only." in page.select_one("article div[lang=en]").get_text()


def test_untranslated_page_is_not_advertised_as_chinese(site_with_untranslated_page, site_url):
    site = site_with_untranslated_page
    for page in ("draft.html", "zh/draft.html"):
        head = soup(site, page).head
        assert {link["hreflang"] for link in head.select("link[hreflang]")} == {"en", "x-default"}
        assert head.select_one("link[rel=canonical]")["href"] == urljoin(site_url, "draft.html")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert urljoin(site_url, "zh/draft.html") not in sitemap
    assert "English only" not in json.dumps(search_entries(site, "zh"), ensure_ascii=False)
