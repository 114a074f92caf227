"""Page-weight budget, in gzip-compressed bytes (machine-independent): the home page's
first load stays within 80 KiB in each language and no page's within 120 KiB."""

import pytest
from quality.pages import LANGUAGES, PAGES, home, slug
from quality.weight import KIB, budgeted, first_load, table

pytestmark = pytest.mark.browser

HOME_BUDGET = 80 * KIB
PAGE_BUDGET = 120 * KIB
HOMES = {home(lang) for lang in LANGUAGES}

measured = {}  # filled as the tests run, printed by the last one


@pytest.mark.parametrize("page_path", PAGES, ids=map(slug, PAGES))
def test_first_load_within_budget(browser, base_url, page_path):
    sizes, files = first_load(browser, base_url + page_path)
    measured[page_path] = sizes
    budget = HOME_BUDGET if page_path in HOMES else PAGE_BUDGET
    listing = "\n".join(f"  {size:>7} {what:5} {url}" for what, url, size in files)
    assert sizes["html"] > 0, f"no HTML measured:\n{listing}"
    assert budgeted(sizes) <= budget, (
        f"{page_path}: {budgeted(sizes)} bytes > {budget}:\n{listing}")


def test_print_page_weights(capsys):
    assert set(measured) == set(PAGES), "run with the per-page weight tests"
    with capsys.disabled():
        print("\nFirst-load page weight\n" + table(measured))
