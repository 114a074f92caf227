"""Links: no broken internal link or #anchor on any page (or in the sitemaps), checked on
the site served under its sub-path, and every page reachable from its language's home."""

import pytest
from quality.links import broken_links, crawl, reachable
from quality.pages import LANGUAGES, PAGES, home, language, slug

pytestmark = pytest.mark.browser

SITEMAPS = ["sitemap.xml", "zh/sitemap.xml"]


@pytest.fixture(scope="module")
def found(browser, base_url):
    return crawl(browser, base_url, PAGES + SITEMAPS)


@pytest.mark.parametrize("source", PAGES + SITEMAPS, ids=[*map(slug, PAGES), *SITEMAPS])
def test_no_broken_links(found, base_url, source):
    links = found[base_url + source].anchors + found[base_url + source].resources
    assert links, f"{source}: no links found"
    assert broken_links(base_url + source, found, base_url) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_reachable_from_home(found, base_url, lang):
    def same_language(url):
        return language(url.removeprefix(base_url)) == lang

    reached = reachable(found, base_url + home(lang), same_language)
    pages = {base_url + page for page in PAGES if language(page) == lang and page != "404.html"}
    assert pages - reached == set()
