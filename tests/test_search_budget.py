"""What a first search downloads does not grow with the site: on a copy of the site with 500
pages per language (text drawn from a long-tailed vocabulary, tools/synthetic_site.py), a
reader's first search typed key by key on a phone (tools/search_phone.py) costs at most
64 KiB gzip, everything after search is opened included, in every language. Bytes, not
times: the times are `make bench`'s."""

import pytest
from search_phone import QUERIES, first_search

BUDGET = 64 * 1024


@pytest.mark.browser
@pytest.mark.parametrize("lang", QUERIES)
def test_a_first_search_at_500_pages_costs_at_most_64_kib(browser, large_site, lang):
    search = first_search(browser, large_site[1], lang)
    listing = "\n".join(search["requests"])
    assert any("/search/shards/" in line for line in search["requests"]), listing
    assert search["first_search_bytes"] <= BUDGET, listing
