"""The site's interface strings: locales/<language>.yml, one dictionary per language.

Templates, hooks, generators and scripts all read their words from here, so a translator
finds every interface string of a language in one file. `strings("zh")["tables"]["fees"]`.
"""

import datetime
import functools

import yaml
from babel.dates import format_date

from sitelib import ROOT

LOCALES_DIR = ROOT / "locales"


@functools.cache
def strings(lang: str) -> dict:
    """The nested dictionary of `locales/<lang>.yml`."""
    path = LOCALES_DIR / f"{lang}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def key_paths(tree: dict, prefix: str = "") -> set[str]:
    """Every leaf key as a dotted path: {'tables.groups.full', ...}."""
    paths = set()
    for key, value in tree.items():
        path = f"{prefix}{key}"
        paths |= key_paths(value, f"{path}.") if isinstance(value, dict) else {path}
    return paths


def languages() -> list[str]:
    return sorted(path.stem for path in LOCALES_DIR.glob("*.yml"))


def long_date(day: datetime.date, language) -> str:
    """'24 November 2026' (en), '2026年11月24日' (zh), for a Language (sitelib.languages)."""
    return format_date(day, "long", locale=language.babel_locale)
