"""MAINTAINERS.md lists what the site takes from Material, each with the test that fails when
it changes. The page cannot rot: every test it names exists, and every template override,
theme feature and plugin the site has is on it."""

import ast
import re

import material
import properdocs
import pytest
import yaml

from sitelib import ROOT

PAGE = (ROOT / "MAINTAINERS.md").read_text(encoding="utf-8")
NAMED_TESTS = sorted(set(re.findall(r"`(tests/test_\w+\.py)(?:::(\w+))?`", PAGE)))
# Material's templates, and those of ProperDocs, which builds the site (its sitemap.xml).
THEMES = [material.__path__[0] + "/templates", properdocs.__path__[0] + "/templates"]


def test_the_page_names_tests():
    assert len(NAMED_TESTS) > 20


@pytest.mark.parametrize(("path", "name"), NAMED_TESTS,
                         ids=[f"{p}::{n}" if n else p for p, n in NAMED_TESTS])
def test_every_test_named_on_the_page_exists(path, name):
    assert (ROOT / path).is_file(), f"MAINTAINERS.md names {path}, which does not exist"
    if name:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert name in defined, f"MAINTAINERS.md names {path}::{name}, which does not exist"


def test_every_template_that_replaces_materials_is_on_the_page():
    overrides = ROOT / "overrides"
    for template in [*overrides.rglob("*.html"), *overrides.rglob("*.xml")]:
        relative = template.relative_to(overrides)
        if any((ROOT / theme / relative).is_file() for theme in THEMES):
            assert f"`overrides/{relative}`" in PAGE, f"overrides/{relative} is not on the page"


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV and !!python tags read as None: only names are needed here."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_every_theme_feature_and_plugin_is_on_the_page():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    for name in [*config["theme"]["features"], *plugins]:
        assert f"`{name}`" in PAGE, f"mkdocs.yml's {name} is not on MAINTAINERS.md"
