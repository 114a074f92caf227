"""Sharing and crawling: verified external addresses only, a share card and touch icon
on every page, JSON-LD on the home pages, robots.txt naming the sitemap."""

import json
import re
import struct
from urllib.parse import urlsplit

import pytest
import social_images
from bs4 import BeautifulSoup
from conftest import html_pages
from quality.pages import language as page_language
from sitebuild import ROOT

from sitelib.site_pages import parse_config

REFERENCE = ROOT.parent / "shared" / "reference.md"
VERIFIED = ROOT / "tests" / "verified_addresses.txt"
CARD_BUDGET = 100 * 1024
CJK = re.compile(r"[\u4e00-\u9fff]")


def soup(site, page):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def content_pages(site):
    return [p for p in html_pages(site) if p != "404.html"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def verified_addresses():
    lines = VERIFIED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_external_links_are_all_verified():
    links = parse_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["links"]
    assert set(links.values()) - verified_addresses() == set()


def test_the_verified_list_matches_the_reference():
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is not beside this checkout (CI has it)")
    text = REFERENCE.read_text(encoding="utf-8")
    reference = set(re.findall(r"https?://[^\s|)]+", text)) | {
        f"mailto:{email}" for email in re.findall(r"[\w.-]+@[\w.-]+\.\w+", text)}
    assert verified_addresses() == reference


def test_every_page_has_a_share_card_in_its_language(site, site_url):
    for page in content_pages(site):
        head = soup(site, page).head
        meta = {m.get("property") or m.get("name"): m["content"] for m in head.select("meta")
                if m.get("content")}
        image = meta["og:image"]
        assert image.startswith(site_url), page  # absolute, on the site itself
        data = (site / image.removeprefix(site_url)).read_bytes()
        assert len(data) <= CARD_BUDGET, f"{image}: {len(data)} bytes"
        assert png_size(data) == (int(meta["og:image:width"]), int(meta["og:image:height"]))
        lang = page_language(page)
        assert bool(CJK.search(meta["og:image:alt"])) == (lang != "en"), page
        assert image.endswith(f"/social-{lang}.png"), page
        assert meta["twitter:card"] == "summary_large_image"


def test_touch_icon_is_a_180_pixel_png(site):
    for page in content_pages(site):
        icon = soup(site, page).select_one("link[rel=apple-touch-icon]")["href"]
        data = (site / page).parent.joinpath(icon).resolve().read_bytes()
        assert png_size(data) == (180, 180), page


NAMES = {"index.html": "Aluminium Stewardship Initiative", "zh/index.html": "铝业管理倡议",
         "zh-Hant/index.html": "鋁業管理倡議"}


@pytest.mark.parametrize("home", NAMES)
def test_home_pages_describe_the_organisation(site, site_url, home):
    scripts = soup(site, home).select("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    others = [name for page, name in NAMES.items() if page != home]
    assert (data["@type"], data["name"], data["alternateName"]) == (
        "Organization", NAMES[home], others)
    assert data["url"] == site_url + home.removesuffix("index.html")
    assert f"mailto:{data['email']}" in verified_addresses()
    assert urlsplit(data["logo"]).path.endswith(".png")
    assert not soup(site, "membership.html").select("script[type='application/ld+json']")


def test_robots_txt_names_the_sitemap(site, site_url):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {site_url}sitemap.xml" in lines
    assert (site / "sitemap.xml").is_file()


def test_images_are_reproducible(tmp_path):
    """The committed images are what tools/social_images.py draws today."""
    social_images.main(["--out", str(tmp_path)])
    for drawn in tmp_path.iterdir():
        committed = social_images.OUT / drawn.name
        assert committed.read_bytes() == drawn.read_bytes(), (
            f"{committed.name} is stale: run make social-images")
