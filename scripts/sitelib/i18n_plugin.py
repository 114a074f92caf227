"""What the hooks take from mkdocs-static-i18n, in one place: the language table as the
build sees it, the language being built, and a page's versions in the other languages.

The plugin builds each language in turn; on each page's `File` it sets `locale` (the
language of the text: English for a page shown untranslated under /zh/) and `alternates`
({language: File}, fallbacks included).
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from sitelib.languages import LanguageError, table


def plugin(config):
    return config.plugins["i18n"]


def languages(config) -> dict:
    """{code: Language} of the site (see sitelib.languages); a bad table stops the build."""
    try:
        return table(plugin(config).config.languages)
    except LanguageError as error:
        raise PluginError(str(error)) from None


def current(config) -> str:
    return plugin(config).current_language


def default(config) -> str:
    return plugin(config).default_language


def translations(file) -> dict:
    """The page's real versions by language: never a fallback shown in another language."""
    alternates = getattr(file, "alternates", {})
    return {lang: alt for lang, alt in sorted(alternates.items()) if alt.locale == lang}


def original(file, config):
    """The default-language page a translated page translates, or None for a page that
    is itself in the default language or has no original."""
    if getattr(file, "locale", None) in (None, default(config)):
        return None
    return getattr(file, "alternates", {}).get(default(config))


def source_text(file) -> str | None:
    """The page's whole source file (front matter included, for true line numbers)."""
    path = getattr(file, "abs_src_path", None)
    return Path(path).read_text(encoding="utf-8") if path else None
