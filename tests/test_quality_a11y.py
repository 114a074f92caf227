"""Accessibility: axe-core's WCAG 2.1 A and AA rules find no violation on any page, at a
desktop and a 375 px mobile viewport, with the search dialog and the mobile navigation
drawer open as well.

Each page is opened with the browser preferring the other language, so the language
suggestion is on screen and checked too."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from quality.browsing import LOCALES, visit
from quality.pages import PAGES, language, slug

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}
# Words found in each language's pages, so the search dialog lists results.
SEARCH_QUERIES = {"en": "membership", "zh": "会员", "zh-Hant": "會員"}
STATES = [("desktop", None), ("desktop", "search"), ("mobile", None), ("mobile", "drawer"),
          ("mobile", "search")]

axe = Axe()


def _settle(page):
    """Wait for CSS transitions (drawer slide, search fade) to end."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')")


def open_search(page, lang):
    page.locator("label.md-header__button[for=__search]:visible, .md-search__input:visible") \
        .first.click()
    query = page.locator(".md-search__input")
    query.fill(SEARCH_QUERIES[lang])
    query.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    _settle(page)


def open_drawer(page, lang):
    page.locator("label.md-header__button[for=__drawer]").click()
    assert page.locator("#__drawer").is_checked()
    _settle(page)


OPEN = {"search": open_search, "drawer": open_drawer}


def _report(results):
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
                     f"    {', '.join(targets[:5])}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport,state", STATES,
                         ids=[f"{v}-{s}" if s else v for v, s in STATES])
@pytest.mark.parametrize("page_path", PAGES, ids=map(slug, PAGES))
def test_no_wcag_violations(browser, base_url, page_path, viewport, state):
    other = "en" if language(page_path) == "zh" else "zh"
    with visit(browser, base_url + page_path, viewport, locale=LOCALES[other]) as record:
        if state:
            OPEN[state](record.page, language(page_path))
        results = axe.run(record.page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page_path}:\n{_report(results)}"
