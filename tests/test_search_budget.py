"""What a first search downloads does not grow with the site: on a copy of the site with 500
pages per language (text varied per page, tools/synthetic_site.py), a reader's first search
typed key by key on a phone (tools/search_phone.py) costs at most 64 KiB gzip, everything
after search is opened included. Bytes, not times: the times are `make bench`'s."""

import pytest
import synthetic_site
from search_phone import QUERIES, first_search
from sitebuild import SUBPATH, build, free_port, serve

from sitelib import ROOT

PAGES = 500
BUDGET = 64 * 1024
ENV = {"MEMBERSHIP_DATA": str(ROOT / "data" / "membership_classes.yml")}


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    ours, _ = synthetic_site.write(folder, PAGES)
    port = free_port()
    result = build(folder / "served" / SUBPATH, f"http://127.0.0.1:{port}/{SUBPATH}/", ours, ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(folder / "served", port, compress=True) as base_url:
        yield base_url


@pytest.mark.browser
@pytest.mark.parametrize("lang", QUERIES)
def test_a_first_search_at_500_pages_costs_at_most_64_kib(browser, large_site, lang):
    search = first_search(browser, large_site, lang)
    listing = "\n".join(search["requests"])
    assert any("/search/shards/" in line for line in search["requests"]), listing
    assert search["first_search_bytes"] <= BUDGET, listing
