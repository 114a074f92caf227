"""overrides/base.html and two partials are Material's files with documented changes; fail
when Material's copy moves on, so an override is refreshed rather than silently stale. Also
what the other overrides and mkdocs.yml's theme features rely on (MAINTAINERS.md lists it),
and that the Chinese wording the site puts in place of Material's strings is what readers
get."""

import json
import re
from pathlib import Path

import jinja2
import material
import pytest
from bs4 import BeautifulSoup
from markdown.extensions.toc import TocExtension

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


# The site's language partials: (partial, Material's strings it builds on, pages it serves,
# the keys whose Material wording the Chinese editors replaced: issue 29). Stated here, not
# read from the partials, so that deleting a replacement fails too.
LANGUAGE_PARTIALS = [
    ("zh-Hans", "zh", "zh/", ["action.skip", "search", "search.reset",
                              "search.result.placeholder", "search.result.other",
                              "search.result.more.one", "search.result.more.other",
                              "select.language", "toc.permalink"]),
    ("zh-Hant", "zh-TW", "zh-Hant/", ["action.skip", "footer", "search.result.placeholder",
                                      "toc.permalink"]),
]
# Keys of the site's own (not Material's), with what is shown without the site's string.
SITE_KEYS = {"toc.permalink": TocExtension().getConfig("permalink_title")}


def _strings(template, name):
    """The {key: text} of a language partial: Material's dictionary, or the site's `site`."""
    if template == "site":
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([ROOT / "overrides", THEME]))
        return env.get_template(f"partials/languages/{name}.html").module.site
    text = (THEME / "partials" / "languages" / f"{name}.html").read_text(encoding="utf-8")
    return json.loads(text[text.index("{{ {") + 3:text.index("}[key]") + 1])


def _interface_texts(page):
    """Every text a page shows or announces around its article: text, the attributes
    that hold words, the title of the ¶ beside each heading and the strings Material's
    scripts show (search results)."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    config = json.loads(html.select_one("#__config").string)
    texts = {link["title"] for link in html.select("article a.headerlink[title]")}
    for element in html.select("article, script, style"):
        element.decompose()
    texts |= {text.strip() for text in html.stripped_strings}
    texts |= {element[name].strip() for name in ("title", "aria-label", "placeholder", "alt")
              for element in html.select(f"[{name}]")}
    return texts | set(config["translations"].values())


@pytest.mark.parametrize("partial, material_name, folder, replaced", LANGUAGE_PARTIALS)
def test_the_site_replaces_only_strings_material_still_has(partial, material_name, folder,
                                                           replaced):
    """A key Material renames would leave the site's string unused and Material's shown."""
    ours, theirs = _strings("site", partial), _strings("material", material_name)
    unknown = set(ours) - set(theirs) - set(SITE_KEYS)
    assert not unknown, f"overrides/partials/languages/{partial}.html: Material has no {unknown}"


@pytest.mark.parametrize("partial, material_name, folder, replaced", LANGUAGE_PARTIALS)
def test_a_material_string_the_site_replaces_never_comes_back(site, partial, material_name,
                                                              folder, replaced):
    """Every page of the language shows the site's wording and never Material's (or
    Python-Markdown's "Permanent link") for each string the editors replaced."""
    ours = _strings("site", partial)
    theirs = {**_strings("material", material_name), **SITE_KEYS}
    pages = sorted((site / folder).glob("*.html"))
    assert pages
    for page in pages:
        shown = _interface_texts(page)
        for key in replaced:
            assert theirs[key] not in shown, f"{folder}{page.name}: Material's {key} is back"
            assert ours.get(key) in shown, f"{folder}{page.name}: {key} is not the site's"
