"""The site's languages: one table, read by every hook, template, command and tool.

The table is the `languages:` list of the i18n plugin in mkdocs.yml — the plugin needs it
anyway — where each entry states every fact about its language once:

    - locale: zh                 # code: docs/zh/, locales/zh.yml, served under /zh/
      name: 简体中文               # its name in its own script (language switcher)
      theme:
        language: zh-Hans        # BCP 47 tag: <html lang>, hreflang, lang of the text
      extra:
        language:
          og_locale: zh_CN       # og:locale of the share card
          babel_locale: zh_Hans_CN   # dates and numbers (Babel)
          print_font: Noto Sans CJK SC   # the face of its PDF (the membership pack)
          converted_from: zh     # optional: its pages are converted from that language's

Adding a language is one such entry plus its `locales/<code>.yml`.
"""

from dataclasses import dataclass

FACTS = ("og_locale", "babel_locale", "print_font")  # required under extra.language


class LanguageError(ValueError):
    pass


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    tag: str
    og_locale: str
    babel_locale: str
    print_font: str
    default: bool = False
    converted_from: str | None = None

    @property
    def path(self) -> str:
        """Its folder under docs/ and its prefix in the site's URLs ('' for the default)."""
        return "" if self.default else f"{self.code}/"

    @property
    def browser_locale(self) -> str:
        """What a browser set to this language sends: en-GB, zh-CN."""
        return self.og_locale.replace("_", "-")


def table(entries, theme_language: str = "en") -> dict[str, "Language"]:
    """{code: Language} in the order of mkdocs.yml, from the i18n plugin's `languages`
    entries (dicts, or the plugin's validated config objects); raises LanguageError."""
    found = {}
    for entry in entries:
        code = entry.get("locale")
        facts = (entry.get("extra") or {}).get("language") or {}
        missing = [key for key in FACTS if not facts.get(key)]
        if missing:
            raise LanguageError(
                f"mkdocs.yml: the language {code} has no {', '.join(missing)} — add them under "
                f"its entry in plugins: i18n: languages:, as extra: language: (see "
                "scripts/sitelib/languages.py)")
        theme = entry.get("theme") or {}
        found[code] = Language(
            code=code, name=entry.get("name"), tag=theme.get("language") or theme_language,
            og_locale=facts["og_locale"], babel_locale=facts["babel_locale"],
            print_font=facts["print_font"], default=bool(entry.get("default")),
            converted_from=facts.get("converted_from"))
    for language in found.values():
        if language.converted_from and language.converted_from not in found:
            raise LanguageError(
                f"mkdocs.yml: the language {language.code} is converted from "
                f"{language.converted_from}, which is not one of the site's languages "
                f"({', '.join(found)})")
    if sum(language.default for language in found.values()) != 1:
        raise LanguageError("mkdocs.yml: exactly one language must have default: true")
    return found


def default(languages: dict[str, Language]) -> Language:
    return next(language for language in languages.values() if language.default)
