"""The pack's document: the pages' anchors and links made to work inside one PDF."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from sitelib.pack_document import PackPage, _section, with_printed_addresses
from sitelib.pdf_engine import PdfError, render

SITE = "https://example.org/asi/"
PAGES = {url: PackPage(url=url, title=url, html=html, lang="zh-Hans") for url, html in {
    "zh/membership.html": (
        '<h1 id="join">加入<a class="headerlink" href="#join">¶</a></h1>'
        '<p><a href="certification.html#what">承诺</a> <a href="index.html">首页</a> '
        '<a href="#join">本页</a> <a href="../membership.html">English</a> '
        '<a href="https://aluminium-stewardship.org/join-asi/">表格</a> '
        '<a href="mailto:info@example.org">info@example.org</a></p>'),
    "zh/certification.html": '<h1 id="c">承诺</h1><h2 id="what">内容</h2>',
}.items()}


def _links(url):
    section = _section(PAGES[url], PAGES, SITE)
    soup = BeautifulSoup(section["html"], "html.parser")
    return section, soup, {a.get_text(): (a["href"], a.get("data-address")) for a in soup("a")}


def test_links_lead_into_the_document_or_online():
    section, soup, links = _links("zh/membership.html")
    assert links["承诺"] == ("#certification--what", None)
    assert links["本页"] == ("#membership--join", None)
    assert links["首页"] == (SITE + "zh/index.html", SITE + "zh/index.html")
    assert links["English"] == (SITE + "membership.html", SITE + "membership.html")
    form = "https://aluminium-stewardship.org/join-asi/"
    assert links["表格"] == (form, form)
    assert links["info@example.org"] == ("mailto:info@example.org", None)  # text says it
    assert soup.find(id="membership--join") and not soup.select(".headerlink")


def test_headings_of_a_page_are_listed_with_their_new_anchors():
    section, _soup, _links_ = _links("zh/certification.html")
    assert section["slug"] == "certification"
    assert section["headings"] == [("certification--what", "内容")]


def test_external_links_carry_their_printed_address():
    html = with_printed_addresses('<a href="mailto:a@b.org">x</a> <a href="x.html">y</a> '
                                  '<a class="k" href="https://e.org/">z</a>')
    assert html == ('<a data-address="a@b.org" href="mailto:a@b.org">x</a> '
                    '<a href="x.html">y</a> '
                    '<a data-address="https://e.org/" class="k" href="https://e.org/">z</a>')


def test_a_configuration_without_the_pack_stops_with_one_line():
    import hook_print

    with pytest.raises(PluginError, match="extra.pack needs file:"):
        hook_print.settings(SimpleNamespace(extra={}, docs_dir="."))


def test_a_missing_image_stops_the_pdf_with_one_line(tmp_path):
    with pytest.raises(PdfError, match=r'Error fetching "file:///.*missing\.png"'):
        render('<html lang="en"><title>t</title><img src="missing.png" alt="x">',
               tmp_path.as_uri() + "/")


def test_nothing_is_fetched_from_the_network(tmp_path):
    with pytest.raises(PdfError, match="not a local file"):
        render('<html lang="en"><title>t</title><img src="https://example.org/a.png" alt="">',
               tmp_path.as_uri() + "/")
