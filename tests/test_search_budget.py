"""What a first search downloads does not grow with the site: on a copy of the site with 500
pages per language (text drawn from a long-tailed vocabulary, tools/synthetic_site.py), a
reader's first search typed key by key on a phone (tools/search_phone.py) costs at most
64 KiB gzip, everything after search is opened included, in every language, and the query
pasted (the final query alone) at most 32 KB, issue 27's budget (`make bench` measures it
at 2,000 pages too). Bytes, not times: the times are `make bench`'s."""

import pytest
from search_phone import QUERIES, first_search

BUDGET = 64 * 1024
PASTED_BUDGET = 32_000


@pytest.mark.browser
@pytest.mark.parametrize("lang", QUERIES)
def test_a_first_search_at_500_pages_costs_at_most_64_kib(browser, large_site, lang):
    search = first_search(browser, large_site[1], lang)
    listing = "\n".join(search["requests"])
    assert any("/search/shards/" in line for line in search["requests"]), listing
    assert search["first_search_bytes"] <= BUDGET, listing


@pytest.mark.browser
@pytest.mark.parametrize("lang", QUERIES)
def test_the_final_query_alone_costs_at_most_32_kb(browser, large_site, lang):
    search = first_search(browser, large_site[1], lang, typing="paste")
    assert search["first_search_bytes"] <= PASTED_BUDGET, "\n".join(search["requests"])
