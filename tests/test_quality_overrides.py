"""overrides/base.html is Material's base.html with one documented change; fail when
Material's copy moves on, so the override is refreshed rather than silently stale."""

import re
from pathlib import Path

import material

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


def test_base_template_is_materials_with_documented_changes():
    expected = _without_leading_comment(THEME / "base.html")
    for theirs, ours in BASE_CHANGES:
        assert expected.count(theirs) == 1, f"Material's base.html changed near {theirs!r}"
        expected = expected.replace(theirs, ours)
    assert _without_leading_comment(ROOT / "overrides" / "base.html") == expected, (
        "overrides/base.html differs from Material's base.html plus BASE_CHANGES: copy "
        "Material's file again and re-apply the changes"
    )


def test_material_still_includes_the_partials_we_replace():
    """overrides/partials/source-file.html (our "Last updated") replaces Material's partial
    of that name, which its content.html includes."""
    content = (THEME / "partials" / "content.html").read_text(encoding="utf-8")
    assert '{% include "partials/source-file.html" %}' in content
    source_file = (THEME / "partials" / "source-file.html").read_text(encoding="utf-8")
    assert "page.meta.git_revision_date_localized" in source_file


def test_language_selector_is_materials_with_the_names_marked_by_language():
    """overrides/partials/alternate.html is Material's, plus lang on each language's name."""
    theirs = _without_leading_comment(THEME / "partials" / "alternate.html")
    ours = _without_leading_comment(ROOT / "overrides" / "partials" / "alternate.html")
    link = 'class="md-select__link"'
    assert theirs.count(link) == 1, "Material's alternate.html changed near the link"
    marked = (link + ' lang="{{ (site_languages | selectattr(\'code\', \'equalto\', alt.lang) '
              '| map(attribute=\'tag\') | first) or alt.lang }}"')
    assert ours == theirs.replace(link, marked), (
        "overrides/partials/alternate.html differs from Material's plus the lang attribute")
