"""`make build PREVIEW=N` with the preview's own SITE_URL, as the pull-request workflow
builds it: every page says in its own language that it is a preview and not published,
carries noindex, nothing points search engines at it, and every link to the site's host
stays inside the preview's folder. A normal build has none of it."""

from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import html_pages
from test_editor_mistakes import make, working_copy

PREVIEW_URL = "https://org.github.io/asi-site/pr-preview/pr-12/"
BANNER = {"en": "Preview of pull request 12 — not published",
          "zh-Hans": "拉取请求#12的预览——尚未发布",  # as GitHub's Simplified docs write it
          "zh-Hant": "Pull Request #12的預覽——尚未發布"}  # Taiwan: GitHub's own words
LINKED = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
          ("meta", "content"), ("form", "action"), ("iframe", "src")]


@pytest.fixture(scope="module")
def preview(pristine, tmp_path_factory):
    root = working_copy(pristine, tmp_path_factory.mktemp("preview"))
    result = make(root, "build PREVIEW=12", SITE_URL=PREVIEW_URL,
                  REPO_URL="https://github.com/org/asi-site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def soup(site, page):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_preview_page_has_the_banner_in_its_language_and_noindex(preview):
    pages = html_pages(preview)
    assert "zh/membership.html" in pages and "404.html" in pages
    for page in pages:
        html = soup(preview, page)
        language = html.html["lang"]
        banner = html.select(".md-banner .preview-banner")
        assert len(banner) == 1, page
        assert BANNER[language] in banner[0].get_text(), page
        assert banner[0].a["href"] == "https://github.com/org/asi-site/pull/12"
        robots = html.find_all("meta", attrs={"name": "robots"})
        assert [m["content"] for m in robots] == ["noindex"], page


def test_nothing_points_search_engines_at_the_preview(preview):
    assert [p.name for p in preview.rglob("*") if p.name.startswith(("sitemap", "robots"))] == []


def test_every_link_to_the_site_stays_inside_the_preview(preview):
    host, folder = urlsplit(PREVIEW_URL).netloc, urlsplit(PREVIEW_URL).path
    checked = 0
    for page in html_pages(preview):
        for tag, attribute in LINKED:
            for element in soup(preview, page).find_all(tag, attrs={attribute: True}):
                value = element[attribute]
                if tag == "meta" and not value.startswith(("http://", "https://", "/")):
                    continue
                address = urlsplit(urljoin(PREVIEW_URL + page, value))
                if address.scheme in ("http", "https") and address.netloc == host:
                    checked += 1
                    assert address.path.startswith(folder), f"{page}: {tag} {value}"
    assert checked > 100  # relative links, canonical, hreflang, og:url, og:image…


def test_a_normal_build_has_no_banner_no_noindex_and_a_sitemap(site):
    for page in html_pages(site):
        html = soup(site, page)
        assert html.select(".preview-banner, .md-banner") == [], page
        if page != "404.html":  # never indexed, preview or not
            assert html.find("meta", attrs={"name": "robots"}) is None, page
    assert (site / "sitemap.xml").is_file() and (site / "robots.txt").is_file()


def test_a_preview_number_that_is_not_one_stops_the_build(pristine, tmp_path):
    root = working_copy(pristine, tmp_path)
    result = make(root, "build PREVIEW=abc")
    assert result.returncode == 2
    assert 'PREVIEW: "abc" is not a pull request number' in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
