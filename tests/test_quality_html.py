"""HTML validity: the Nu Html Checker reports no error on any page (one Java run for all)."""

import pytest
from quality import vnu
from quality.pages import PAGES, slug


@pytest.fixture(scope="module")
def vnu_errors(site):
    return vnu.check(site)


def test_checker_saw_every_page(vnu_errors):
    assert sorted(vnu_errors) == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES, ids=map(slug, PAGES))
def test_page_is_valid_html(vnu_errors, page):
    assert vnu_errors[page] == [], f"{page}:\n" + "\n".join(vnu_errors[page])
