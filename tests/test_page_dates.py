"""Dates on pages: "Last updated" in every page's language and locale format, and a
notice on a Chinese page whose English original changed after it was translated."""

import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from conftest import html_pages
from sitebuild import build, copy_project

ENGLISH_DATE = re.compile(r"^\d{1,2} (January|February|March|April|May|June|July|August|"
                          r"September|October|November|December) \d{4}$")
CHINESE_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_says_when_it_was_last_updated_in_its_language(site):
    for page in html_pages(site):
        if page == "404.html":
            continue
        fact = soup(site / page).select_one("aside.md-source-file")
        assert fact is not None, page
        date = fact.time.get_text()
        if page.startswith("zh-Hant/"):
            assert fact.get_text(strip=True).startswith("最後更新："), page
            assert fact["lang"] == "zh-Hant" and CHINESE_DATE.match(date), f"{page}: {date}"
        elif page.startswith("zh/"):
            assert fact.get_text(strip=True).startswith("最后更新："), page
            assert CHINESE_DATE.match(date), f"{page}: {date}"
        else:
            assert fact.get_text(strip=True).startswith("Last updated:"), page
            assert ENGLISH_DATE.match(date), f"{page}: {date}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact.time["datetime"])


def test_up_to_date_pages_show_no_outdated_notice(site):
    for page in html_pages(site):
        assert not soup(site / page).select(".i18n-outdated"), page


@pytest.fixture(scope="module")
def lagging_site(tmp_path_factory, site_url):
    """A git clone of the project in which the English Join us page changed, committed on
    a known date, after its Chinese page was translated."""
    root = copy_project(tmp_path_factory.mktemp("lagging") / "project")
    env = {**os.environ, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "E", "GIT_COMMITTER_EMAIL": "e@example.org"}

    def git(*args, date="2026-03-02T10:00:00Z"):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "Site")
    page = root / "docs" / "membership.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    git("commit", "-q", "-am", "Join us: a new sentence", date="2026-11-24T09:30:00Z")
    out = root / "site"
    result = build(out, site_url, config=root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return out


def test_outdated_chinese_page_shows_the_notice_with_date_and_link(lagging_site):
    notice = soup(lagging_site / "zh" / "membership.html").select_one(".i18n-outdated")
    assert notice is not None
    assert "2026年11月24日" in notice.select_one("[lang=zh-Hans]").get_text()
    assert "24 November 2026" in notice.select_one("[lang=en]").get_text()
    links = {a["href"] for a in notice.select("a")}
    assert links == {"../membership.html"}


def test_a_converted_page_is_as_current_as_its_source(lagging_site):
    """The Traditional page is converted from the Simplified one: it lags with it, and says
    so in Traditional characters."""
    notice = soup(lagging_site / "zh-Hant" / "membership.html").select_one(".i18n-outdated")
    assert notice is not None
    text = notice.select_one("[lang=zh-Hant]").get_text()
    assert text.startswith("英文原文已於2026年11月24日更新"), text
    assert {a["href"] for a in notice.select("a")} == {"../membership.html"}


def test_the_notice_is_nowhere_else(lagging_site):
    for page in html_pages(lagging_site):
        if page not in ("zh/membership.html", "zh-Hant/membership.html"):
            assert not soup(lagging_site / page).select(".i18n-outdated"), page


def test_dates_come_from_each_page_s_own_history(lagging_site):
    dates = {page: soup(lagging_site / page).select_one("aside.md-source-file time")["datetime"]
             for page in ("membership.html", "working-groups.html", "zh/membership.html",
                          "zh-Hant/membership.html")}
    assert dates == {"membership.html": "2026-11-24", "working-groups.html": "2026-03-02",
                     "zh/membership.html": "2026-03-02", "zh-Hant/membership.html": "2026-03-02"}
