"""Page-weight budget, in gzip-compressed bytes (machine-independent): the home page's
first load stays within 80 KiB in each language and no page's within 120 KiB. The
figures are printed after the module's tests."""

import pytest
from quality.pages import LANGUAGES, PAGES, home, slug
from quality.weight import KIB, budgeted, first_load, table

pytestmark = pytest.mark.browser

HOME_BUDGET = 80 * KIB
PAGE_BUDGET = 120 * KIB
HOMES = {home(lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def weights(browser, base_url, pytestconfig):
    """{page: (gzip bytes by kind, [(kind, url, bytes)])}, measured once per page."""
    measured = {page: first_load(browser, base_url + page) for page in PAGES}
    yield measured
    sizes = {page: by_kind for page, (by_kind, _) in measured.items()}
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n\nFirst-load page weight\n" + table(sizes))


@pytest.mark.parametrize("page_path", PAGES, ids=map(slug, PAGES))
def test_first_load_within_budget(weights, page_path):
    sizes, files = weights[page_path]
    budget = HOME_BUDGET if page_path in HOMES else PAGE_BUDGET
    listing = "\n".join(f"  {size:>7} {what:5} {url}" for what, url, size in files)
    assert sizes["html"] > 0, f"no HTML measured:\n{listing}"
    assert budgeted(sizes) <= budget, (
        f"{page_path}: {budgeted(sizes)} bytes > {budget}:\n{listing}")
