"""Language behaviour in a real Chromium against the site served under /asi/:
the language switcher, per-language search, the language suggestion, the 404 page,
narrow screens, and no stray requests or console errors along the way."""

from urllib.parse import urlsplit

import pytest
from conftest import html_pages
from quality.browsing import visit

pytestmark = pytest.mark.browser

MISSING = "missing-page.html"  # the one address that is meant to answer 404


def assert_clean(record, failures=()):
    """Nothing requested from another host, and no HTTP error or console message
    beyond the expected ones."""
    assert record.foreign_requests() == []
    assert record.failures == list(failures)
    assert len(record.console) == len(failures), record.console


@pytest.mark.parametrize("start, target, lang", [
    ("membership.html", "zh/membership.html", "zh"),
    ("zh/working-groups.html", "working-groups.html", "en"),
    ("zh/index.html", "index.html", "en"),
    ("zh-Hant/membership.html", "zh/membership.html", "zh"),
    ("zh/working-groups.html", "zh-Hant/working-groups.html", "zh-Hant"),
])
def test_language_switcher_opens_the_same_page_in_the_other_language(browser, base_url, start,
                                                                      target, lang):
    with visit(browser, base_url + start) as record:
        page = record.page
        page.locator(".md-header .md-select > button").click()
        page.locator(f".md-select__link[hreflang={lang}]").click()
        page.wait_for_url(base_url + target)
        expected = {"zh": "zh-Hans", "zh-Hant": "zh-Hant"}.get(lang, "en")
        assert page.locator("html").get_attribute("lang") == expected
    assert_clean(record)


def search(page, query):
    page.keyboard.press("/")  # Material's shortcut: opens the search dialog
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on key events; fill() alone sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    return [link.get_attribute("href") for link in results.all()]


def test_chinese_search_finds_chinese_pages_only(browser, base_url):
    with visit(browser, base_url + "zh/index.html", locale="zh-CN") as record:
        hrefs = search(record.page, "工作组")
    assert any(urlsplit(h).path == "/asi/zh/working-groups.html" for h in hrefs), hrefs
    assert all(urlsplit(h).path.startswith("/asi/zh/") for h in hrefs), hrefs
    assert_clean(record)


def test_english_search_finds_english_pages_only(browser, base_url):
    with visit(browser, base_url + "index.html") as record:
        hrefs = search(record.page, "working groups")
    assert any(urlsplit(h).path == "/asi/working-groups.html" for h in hrefs), hrefs
    assert not any(urlsplit(h).path.startswith("/asi/zh/") for h in hrefs), hrefs
    assert_clean(record)


def test_no_horizontal_scrolling_on_a_phone(site, browser, base_url):
    with visit(browser, base_url + "index.html", "mobile") as record:
        for path in html_pages(site):
            record.page.goto(base_url + path, wait_until="networkidle")
            width = record.page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} is {width}px wide"
    assert_clean(record)


def test_visitors_preferring_chinese_get_a_suggestion_not_a_redirect(browser, base_url):
    with visit(browser, base_url + "membership.html", locale="zh-CN") as record:
        page = record.page
        suggestion = page.locator(".language-suggestion")
        suggestion.wait_for()
        assert page.url == base_url + "membership.html"
        assert suggestion.get_attribute("lang") == "zh-Hans"
        link = suggestion.get_by_role("link")
        assert link.get_attribute("href").endswith("/asi/zh/membership.html")

        suggestion.get_by_role("button").click()
        assert suggestion.count() == 0
        page.goto(base_url + "working-groups.html")  # the dismissal is remembered
        page.wait_for_load_state("load")
        assert page.locator(".language-suggestion").count() == 0
    assert_clean(record)


@pytest.mark.parametrize("locale, path", [("en-US", "index.html"), ("zh-CN", "zh/index.html")])
def test_no_suggestion_when_the_page_is_in_the_preferred_language(browser, base_url, locale,
                                                                  path):
    with visit(browser, base_url + path, locale=locale) as record:
        assert record.page.locator(".language-suggestion").count() == 0
    assert_clean(record)


@pytest.mark.parametrize("link, home", [("返回简体中文首页", "zh/index.html"),
                                        ("返回繁體中文首頁", "zh-Hant/index.html")])
def test_missing_page_gets_the_404_in_every_language(browser, base_url, link, home):
    with visit(browser, base_url + MISSING) as record:
        page = record.page
        assert page.get_by_role("heading", name="Page not found").is_visible()
        page.get_by_role("link", name=link).click()
        page.wait_for_url(base_url + home)
    assert_clean(record, failures=[f"404 {base_url}{MISSING}"])
