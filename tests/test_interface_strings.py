"""The interface-strings catalogue: every language has every string, and none is empty (a
converted language's strings are its source language's, converted, plus its own file)."""

import re

import pytest

from sitelib import ROOT
from sitelib.interface_strings import key_paths, languages, strings
from sitelib.site_pages import Site

CODES = list(Site(ROOT).languages)
OTHERS = [code for code in CODES if code != "en"]

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _leaf(tree, path):
    for part in path.split("."):
        tree = tree[part]
    return tree


def test_there_is_a_catalogue_per_site_language():
    assert languages() == sorted(CODES) and "zh" in CODES


@pytest.mark.parametrize("lang", OTHERS)
def test_every_string_exists_in_both_languages(lang):
    english, other = key_paths(strings("en")), key_paths(strings(lang))
    assert sorted(english - other) == [], f"missing in locales/{lang}.yml"
    assert sorted(other - english) == [], "missing in locales/en.yml"


@pytest.mark.parametrize("lang", CODES)
def test_strings_are_filled_in_and_keep_their_placeholders(lang):
    for path in key_paths(strings(lang)):
        text = _leaf(strings(lang), path)
        assert isinstance(text, str) and text.strip(), f"locales/{lang}.yml: {path} is empty"
        english = _leaf(strings("en"), path)
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(english)), (
            f"locales/{lang}.yml: {path} has other {{placeholders}} than English")


def test_a_converted_language_has_only_what_differs_in_its_own_file():
    """locales/zh-Hant.yml overrides what conversion gets wrong; everything else is the
    Simplified text converted, so no Simplified-only character is left."""
    from sitelib.conversion import converter

    traditional = strings("zh-Hant")
    assert traditional["language_suggestion"]["prompt"] == "本頁有繁體中文版本。"
    assert traditional["tables"]["groups"]["associate"] == "準會員"  # from the glossary
    for path in key_paths(traditional):
        text = _leaf(traditional, path)
        assert converter().convert(text) == text, f"{path}: {text} is not all Traditional"


@pytest.mark.parametrize("lang, path, reviewed", [
    # Taiwan's wording where the converted Simplified reads as mainland usage (issue 29).
    ("zh-Hant", "not_found.title", "找不到網頁"),
    ("zh-Hant", "not_found.text", "抱歉，您要找的網頁不存在，可能已在網站改版時移至其他位置。"),
    ("zh-Hant", "tables.examples", "範例"),  # a vocabulary rule (data/conversion.yml)
    ("zh-Hant", "preview.banner", "Pull Request #{number}的預覽——尚未發布"),
    ("zh-Hant", "preview.link", "查看Pull Request"),
    # As GitHub's Simplified documentation writes it.
    ("zh", "preview.banner", "拉取请求#{number}的预览——尚未发布"),
])
def test_reviewed_wording_of_an_interface_string(lang, path, reviewed):
    assert _leaf(strings(lang), path) == reviewed, f"locales/{lang}.yml: {path}"
