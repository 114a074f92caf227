"""Language behaviour in a real Chromium against the site served under /asi/:
the language switcher, per-language search, the language suggestion, the 404 page,
narrow screens, and no stray requests or console errors along the way."""

from urllib.parse import urlsplit

import pytest
from conftest import html_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
MISSING = "missing-page.html"  # the one address that is meant to answer 404


@pytest.fixture
def context_factory(browser, base_url):
    """New browser contexts whose pages record what must never happen on this site."""
    contexts, problems = [], []

    def watch(page):
        def on_request(request):
            if urlsplit(request.url).hostname not in ("127.0.0.1", None):
                problems.append(f"request to another host: {request.url}")

        def on_response(response):
            if response.status >= 400 and not response.url.endswith(MISSING):
                problems.append(f"HTTP {response.status}: {response.url}")

        def on_console(message):
            expected_404 = message.location.get("url", "").endswith(MISSING)
            if message.type in ("error", "warning") and not expected_404:
                problems.append(f"console {message.type}: {message.text}")

        page.on("request", on_request)
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def new_context(**options):
        context = browser.new_context(**options)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(context_factory):
    return context_factory(locale="en-GB").new_page()


@pytest.mark.parametrize("start, target, lang", [
    ("membership.html", "zh/membership.html", "zh"),
    ("zh/working-groups.html", "working-groups.html", "en"),
    ("zh/index.html", "index.html", "en"),
])
def test_language_switcher_opens_the_same_page_in_the_other_language(page, base_url, start,
                                                                      target, lang):
    page.goto(base_url + start)
    page.locator(".md-header .md-select > button").click()
    page.locator(f".md-select__link[hreflang={lang}]").click()
    page.wait_for_url(base_url + target)
    expected = "zh-Hans" if lang == "zh" else "en"
    assert page.locator("html").get_attribute("lang") == expected


def search(page, query):
    page.keyboard.press("/")  # Material's shortcut: opens the search dialog
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material searches on key events; fill() alone sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    return [link.get_attribute("href") for link in results.all()]


def test_chinese_search_finds_chinese_pages_only(page, base_url):
    page.goto(base_url + "zh/index.html")
    hrefs = search(page, "工作组")
    assert any(urlsplit(h).path == "/asi/zh/working-groups.html" for h in hrefs), hrefs
    assert all(urlsplit(h).path.startswith("/asi/zh/") for h in hrefs), hrefs


def test_english_search_finds_english_pages_only(page, base_url):
    page.goto(base_url + "index.html")
    hrefs = search(page, "working groups")
    assert any(urlsplit(h).path == "/asi/working-groups.html" for h in hrefs), hrefs
    assert not any(urlsplit(h).path.startswith("/asi/zh/") for h in hrefs), hrefs


def test_no_horizontal_scrolling_on_a_phone(site, context_factory, base_url):
    page = context_factory(viewport=PHONE).new_page()
    for path in html_pages(site):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide"


def test_visitors_preferring_chinese_get_a_suggestion_not_a_redirect(context_factory, base_url):
    page = context_factory(locale="zh-CN").new_page()
    page.goto(base_url + "membership.html")
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


@pytest.mark.parametrize("locale, path", [("en-US", "index.html"), ("zh-CN", "zh/index.html")])
def test_no_suggestion_when_the_page_is_in_the_preferred_language(context_factory, base_url,
                                                                  locale, path):
    page = context_factory(locale=locale).new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    assert page.locator(".language-suggestion").count() == 0


def test_missing_page_gets_the_bilingual_404(page, base_url):
    response = page.goto(base_url + MISSING)
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    page.get_by_role("link", name="前往中文首页").click()
    page.wait_for_url(base_url + "zh/index.html")
