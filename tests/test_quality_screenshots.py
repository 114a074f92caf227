"""Screenshots of every page at desktop and mobile widths, for reviewers: CI keeps
test-artifacts/screenshots/. Chinese needs a CJK font installed (fonts-noto-cjk)."""

import struct
import subprocess

import pytest
from quality.browsing import LOCALES, VIEWPORTS, visit
from quality.pages import PAGES, language, slug

from sitelib import ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def test_a_cjk_font_renders_chinese():
    match = subprocess.run(["fc-match", "sans-serif:lang=zh-cn", "family"],
                           capture_output=True, text=True, check=False)
    assert "CJK" in match.stdout, f"no CJK font (apt-get install fonts-noto-cjk): {match.stdout}"


def _png_width(path):
    with path.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">I", header[16:20])[0]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_path", PAGES, ids=map(slug, PAGES))
def test_screenshot(browser, base_url, page_path, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{slug(page_path)}-{viewport}.png"
    path.unlink(missing_ok=True)
    with visit(browser, base_url + page_path, viewport,
               locale=LOCALES[language(page_path)]) as record:
        record.page.evaluate("document.fonts.ready")
        record.page.screenshot(path=path, full_page=True)
    assert _png_width(path) == VIEWPORTS[viewport]["viewport"]["width"]
