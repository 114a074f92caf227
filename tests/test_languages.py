"""The language table (mkdocs.yml, read by sitelib.languages): every fact once, and a
mistake in it is one line naming what to add."""

import pytest

from sitelib import ROOT
from sitelib.languages import LanguageError, default, table
from sitelib.site_pages import Site

EN = {"locale": "en", "name": "English", "default": True, "theme": {"language": "en"},
      "extra": {"language": {"og_locale": "en_GB", "babel_locale": "en_GB",
                             "print_font": "Liberation Sans"}}}
ZH = {"locale": "zh", "name": "简体中文", "theme": {"language": "zh-Hans"},
      "extra": {"language": {"og_locale": "zh_CN", "babel_locale": "zh_Hans_CN",
                             "print_font": "Noto Sans CJK SC"}}}


def test_the_sites_table():
    languages = Site(ROOT).languages
    assert list(languages) == ["en", *[code for code in languages if code != "en"]]
    zh = languages["zh"]
    assert (zh.name, zh.tag, zh.og_locale, zh.babel_locale, zh.path) == (
        "简体中文", "zh-Hans", "zh_CN", "zh_Hans_CN", "zh/")
    assert zh.browser_locale == "zh-CN" and default(languages).path == ""


def test_a_converted_language():
    hant = {"locale": "zh-Hant", "name": "繁體中文", "theme": {"language": "zh-Hant"},
            "extra": {"language": {"og_locale": "zh_TW", "babel_locale": "zh_Hant_TW",
                                   "print_font": "Noto Sans CJK TC", "converted_from": "zh"}}}
    assert table([EN, ZH, hant])["zh-Hant"].converted_from == "zh"
    with pytest.raises(LanguageError, match="converted from zh, which is not one of"):
        table([EN, hant])


@pytest.mark.parametrize("entries, message", [
    ([EN, {**ZH, "extra": {}}],
     "the language zh has no og_locale, babel_locale, print_font — add them"),
    ([EN, {**ZH, "extra": {"language": {"og_locale": "zh_CN", "print_font": "Noto Sans"}}}],
     "the language zh has no babel_locale"),
    ([{**EN, "default": False}, ZH], "exactly one language must have default: true"),
])
def test_mistakes_are_one_line(entries, message):
    with pytest.raises(LanguageError, match=message) as caught:
        table(entries)
    assert str(caught.value).startswith("mkdocs.yml: ") and "\n" not in str(caught.value)
