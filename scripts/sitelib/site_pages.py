"""What the editors' tools need to know about the site: its languages, its pages in
each, and the navigation titles in mkdocs.yml (read as a file: the tools run without
MkDocs).
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from sitelib import languages

TRANSLATION_KEY = "translation_of"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping the value under any tag (`!ENV [NAME, default]`)."""


def _untagged(loader, _suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


ConfigLoader.add_multi_constructor("!", _untagged)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def parse_config(text: str) -> dict:
    return yaml.load(text, Loader=ConfigLoader) or {}


def i18n_settings(config: dict) -> dict | None:
    """The i18n plugin's settings in a parsed mkdocs.yml, None without the plugin."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}
    return None


def content_hash(text: str) -> str:
    """Version of an English page: sha256 of the whole file (front matter included, so a
    changed description counts too), with CRLF/CR line endings read as LF."""
    normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class NavEntry:
    title: str
    file: str | None  # None for a section
    line: int  # of the title in mkdocs.yml


@dataclass(frozen=True)
class Site:
    root: Path
    config_name: str = "mkdocs.yml"

    @property
    def config_path(self) -> Path:
        return self.root / self.config_name

    @cached_property
    def config(self) -> dict:
        return parse_config(self.config_path.read_text(encoding="utf-8"))

    @cached_property
    def i18n(self) -> dict:
        found = i18n_settings(self.config)
        if found is None:
            raise ValueError(f"{self.config_name}: no i18n plugin")
        return found

    @cached_property
    def languages(self) -> dict[str, languages.Language]:
        """The language table (sitelib.languages); raises LanguageError."""
        return languages.table(self.i18n.get("languages") or [])

    @property
    def translation_language(self) -> dict:
        """The i18n `languages` entry of the (one) language translated from English; a
        language converted from another has no pages of its own to translate."""
        others = [lang for lang in self.i18n.get("languages", []) if not lang.get("default")
                  and not ((lang.get("extra") or {}).get("language") or {}).get("converted_from")]
        if len(others) != 1:
            raise ValueError(
                f"{self.config_name}: the i18n plugin lists {len(others)} languages besides "
                "English; these tools compare English with exactly one translation (zh) — "
                "check `languages:` under `plugins: - i18n:`")
        return others[0]

    @property
    def locale(self) -> str:
        return self.translation_language["locale"]

    @property
    def docs_dir(self) -> Path:
        return self.root / self.config.get("docs_dir", "docs")

    @property
    def translation_dir(self) -> Path:
        return self.docs_dir / self.locale

    def source_path(self, page: str) -> Path:
        return self.docs_dir / page

    def translation_path(self, page: str) -> Path:
        return self.translation_dir / page

    def source_pages(self) -> list[str]:
        """English pages, as paths relative to docs_dir (`membership.md`)."""
        return sorted(
            p.relative_to(self.docs_dir).as_posix()
            for p in self.docs_dir.rglob("*.md")
            if not p.is_relative_to(self.translation_dir)
        )

    def translated_pages(self) -> list[str]:
        """Chinese pages, as paths relative to the language folder (`membership.md`)."""
        return sorted(p.relative_to(self.translation_dir).as_posix()
                      for p in self.translation_dir.rglob("*.md"))

    def page_name(self, arg: str) -> str:
        """`membership`, `membership.md`, `docs/membership.md` or `docs/zh/membership.md`."""
        path = Path(arg)
        if path.is_absolute():
            path = path.resolve().relative_to(self.root)
        path = path.as_posix()
        for folder in (self.translation_dir, self.docs_dir):
            prefix = folder.relative_to(self.root).as_posix() + "/"
            path = path.removeprefix(prefix)
        return path if path.endswith(".md") else path + ".md"

    def nav(self) -> list[NavEntry]:
        """Every titled nav entry and section, with its line in mkdocs.yml."""
        root = yaml.compose(self.config_path.read_text(encoding="utf-8"), Loader=ConfigLoader)
        nav = next((v for k, v in root.value if k.value == "nav"), None)
        entries = []

        def walk(node):
            for item in node.value if isinstance(node, yaml.SequenceNode) else []:
                if not isinstance(item, yaml.MappingNode):
                    continue  # `- page.md` without a title
                for key, value in item.value:
                    file = value.value if isinstance(value, yaml.ScalarNode) else None
                    entries.append(NavEntry(key.value, file, key.start_mark.line + 1))
                    walk(value)

        walk(nav)
        return entries

    def nav_translations(self) -> dict:
        return self.translation_language.get("nav_translations") or {}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

