"""overrides/base.html and two partials are Material's files with documented changes; fail
when Material's copy moves on, so an override is refreshed rather than silently stale. Also
what the other overrides and mkdocs.yml's theme features rely on (MAINTAINERS.md lists it)."""

import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from sitelib import ROOT

THEME = Path(material.__file__).parent / "templates"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)

BUNDLE = """<script src="{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}"""
# (Material's markup, ours), as explained at the top of overrides/base.html.
BASE_CHANGES = [
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    (f'{BUNDLE}"></script>', f'{BUNDLE}" defer></script>'),
]


def _without_leading_comment(path):
    return LEADING_COMMENT.sub("", path.read_text(encoding="utf-8"), count=1)


# Each copied template: (Material's markup, ours), as its leading comment explains.
COPIES = {
    "base.html": BASE_CHANGES,
    "partials/search.html": [
        ('role="dialog">', """role="dialog" aria-label="{{ lang.t('search') }}">""")],
    "partials/logo.html": [('alt="logo">', 'alt="" width="32" height="32">')],
}


@pytest.mark.parametrize("name", COPIES)
def test_copied_templates_are_materials_with_documented_changes(name):
    expected = _without_leading_comment(THEME / name)
    for theirs, ours in COPIES[name]:
        assert expected.count(theirs) == 1, f"Material's {name} changed near {theirs!r}"
        expected = expected.replace(theirs, ours)
    assert _without_leading_comment(ROOT / "overrides" / name) == expected, (
        f"overrides/{name} differs from Material's {name} plus its changes in COPIES: copy "
        "Material's file again and re-apply the changes"
    )


def test_material_header_still_includes_the_partials_we_override():
    """The logo and search partials above, and the empty partials/source.html that removes
    the repository widget (it would call api.github.com)."""
    header = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    for name in ("logo", "search", "source"):
        assert f'{{% include "partials/{name}.html" %}}' in header, name


def test_material_still_has_the_chinese_strings_zh_hans_reuses():
    """overrides/partials/languages/zh-Hans.html imports Material's zh strings."""
    strings = (THEME / "partials" / "languages" / "zh.html").read_text(encoding="utf-8")
    assert "{% macro t(key) %}" in strings and '"language": "zh"' in strings


def test_theme_features_still_render(site):
    """navigation.top and navigation.footer from mkdocs.yml. The other features have tests of
    their own: search.highlight in test_search, content.action.edit in test_site_html,
    navigation.prune in test_quality_weight (the page-weight budget)."""
    page = BeautifulSoup((site / "membership.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("button.md-top")
    assert page.select_one("a.md-footer__link--prev") and page.select_one("a.md-footer__link--next")


def test_material_still_includes_the_partials_we_replace():
    """overrides/partials/source-file.html (our "Last updated") replaces Material's partial
    of that name, which its content.html includes."""
    content = (THEME / "partials" / "content.html").read_text(encoding="utf-8")
    assert '{% include "partials/source-file.html" %}' in content
    source_file = (THEME / "partials" / "source-file.html").read_text(encoding="utf-8")
    assert "page.meta.git_revision_date_localized" in source_file
