"""Network and console: loading any page requests nothing but 127.0.0.1, gets no 4xx/5xx
response and logs no console error or warning."""

import pytest
from quality.browsing import LOCALES, VIEWPORTS, visit
from quality.pages import PAGES, language, slug

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_path", PAGES, ids=map(slug, PAGES))
def test_page_loads_cleanly(browser, base_url, page_path, viewport):
    locale = LOCALES[language(page_path)]
    with visit(browser, base_url + page_path, viewport, locale=locale) as record:
        assert record.requests, "nothing was requested"
        assert record.foreign_requests() == []
        assert record.failures == []
        assert record.console == []
