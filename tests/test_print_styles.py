"""Printing a page from the browser (Chromium, print media, A4 width): the content only,
the tables as tables, the address of every external link after it, in every language.
Screenshots for reviewers: test-artifacts/screenshots/print-*.png."""

import pytest
from quality.browsing import LOCALES, visit
from quality.pages import PAGES, language, slug
from quality.pdf import PACK

from sitelib import ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Material's parts of a page that paper does not need (its class names: a renamed one
# fails the test, which finds none of it), and the link to the PDF.
HIDDEN = (".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary",
          ".md-footer", ".md-top", ".md-typeset .headerlink", ".pack-link")
FIRST = PACK["pages"][0].removesuffix(".md") + ".html"
PRINTED = [page for page in PAGES if page.endswith(FIRST)]
A4 = {"width": 794, "height": 1123}  # CSS pixels of an A4 sheet


@pytest.mark.parametrize("page_path", PRINTED, ids=map(slug, PRINTED))
def test_a_printed_page_is_its_content_with_tables_and_addresses(browser, base_url, page_path):
    with visit(browser, base_url + page_path, locale=LOCALES[language(page_path)]) as record:
        page = record.page
        page.set_viewport_size(A4)
        page.emulate_media(media="print")
        for selector in HIDDEN:
            shown = page.eval_on_selector_all(selector, """elements => elements.map(
                element => getComputedStyle(element).display !== 'none')""")
            assert shown, f"no {selector} on the page: Material changed its markup"
            assert not any(shown), f"{selector} is printed"
        content = page.evaluate("""() => {
            const article = document.querySelector('.md-content article');
            const table = article.querySelector('table');
            const links = [...article.querySelectorAll('a[data-address]')];
            return {
                shown: getComputedStyle(article).display !== 'none',
                table: getComputedStyle(table).display,
                tableRight: table.getBoundingClientRect().right,
                pageWidth: document.documentElement.clientWidth,
                links: links.length,
                after: links.map(a => [a.closest('[lang]').lang, a.dataset.address,
                                       getComputedStyle(a, '::after').content]),
            };
        }""")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"print-{slug(page_path)}.png", full_page=True)
    assert content["shown"] and content["table"] == "table"
    assert content["tableRight"] <= content["pageWidth"], "the table runs off the sheet"
    assert content["links"] > 0
    for lang, address, after in content["after"]:
        brackets = ("（", "）") if lang.startswith("zh") else (" (", ")")
        assert after == f'"{brackets[0]}{address}{brackets[1]}"', (address, after)
