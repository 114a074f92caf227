"""The interface-strings catalogue: every language has every string, and none is empty."""

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
