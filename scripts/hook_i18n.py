"""MkDocs hook: what mkdocs-static-i18n leaves to us.

- hreflang alternates: absolute URLs of the real translations of a page, plus x-default;
  an English page served under /zh/ as a fallback is never advertised as Chinese.
- untranslated pages: flagged so the template shows a notice and marks the text lang="en".
- `zh/sitemap.xml`: Material fetches sitemap.xml beside every hreflang link.
- 404.html: one bilingual page, rendered once by the default-language build.
"""

import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

# Language tags for hreflang and content lang (<html lang> comes from the theme
# language, see overrides/partials/languages/zh-Hans.html), and og:locale values.
LANGUAGE_TAGS = {"en": "en", "zh": "zh-Hans"}
OG_LOCALES = {"en": "en_GB", "zh": "zh_CN"}


def _i18n(config):
    return config.plugins["i18n"]


def _absolute(config, file):
    return config.site_url.rstrip("/") + "/" + file.url.removesuffix("index.html")


@event_priority(-110)  # after the i18n plugin has set the build language
def on_config(config):
    # GitHub Pages serves a single /404.html: only the default-language build writes it.
    i18n = _i18n(config)
    templates = config.theme.static_templates
    if i18n.current_language == i18n.default_language:
        templates.add("404.html")
    else:
        templates.discard("404.html")
    return config


def _translations(file):
    """The page's real translations by language: never an English fallback under /zh/."""
    alternates = getattr(file, "alternates", {})
    return {lang: alt for lang, alt in sorted(alternates.items()) if alt.locale == lang}


def _hreflang(config, file, default_language):
    translations = _translations(file)
    links = [
        {"lang": LANGUAGE_TAGS[lang], "href": _absolute(config, alt)}
        for lang, alt in translations.items()
    ]
    if default_language in translations:
        links.append(
            {"lang": "x-default", "href": _absolute(config, translations[default_language])}
        )
    return links


def on_page_context(context, page, config, nav):
    i18n = _i18n(config)
    current = i18n.current_language
    # Canonical and og:url match the hreflang form (a language root ends in "/"); an
    # untranslated page under /zh/ names its English original as canonical.
    original = getattr(page.file, "alternates", {}).get(page.file.locale, page.file)
    context["i18n_canonical"] = _absolute(config, original)
    context["i18n_hreflang"] = _hreflang(config, page.file, i18n.default_language)
    context["i18n_untranslated"] = page.file.locale != current
    context["i18n_content_lang"] = LANGUAGE_TAGS[page.file.locale]
    context["i18n_og_locale"] = OG_LOCALES[current]
    context["i18n_og_locale_alternates"] = [
        OG_LOCALES[lang] for lang in _translations(page.file) if lang != current
    ]
    return context


def on_template_context(context, template_name, config):
    """sitemap.xml: every real page of every language built so far, with its alternates."""
    if template_name == "sitemap.xml":
        i18n = _i18n(config)
        context["i18n_sitemap"] = [
            {
                "loc": _absolute(config, file),
                "alternates": _hreflang(config, file, i18n.default_language),
            }
            for lang, files in i18n.i18n_files_per_language.items()
            for file in files
            if file.locale == lang and file.page is not None
        ]
    return context


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config):
    i18n = _i18n(config)
    if i18n.building:  # an inner, per-language build: the merged output is not ready
        return
    site = Path(config.site_dir)
    for lang in i18n.build_languages:
        if lang != i18n.default_language:
            shutil.copyfile(site / "sitemap.xml", site / lang / "sitemap.xml")
