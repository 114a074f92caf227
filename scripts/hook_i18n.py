"""MkDocs hook: what mkdocs-static-i18n leaves to us.

- hreflang alternates: absolute URLs of the real translations of a page, plus x-default;
  an English page served under /zh/ as a fallback is never advertised as Chinese.
- untranslated pages: flagged so the template shows a notice and marks the text lang="en".
- `zh/sitemap.xml`: Material fetches sitemap.xml beside every hreflang link.
- 404.html: one bilingual page, rendered once by the default-language build.
- robots.txt naming the sitemap (crawlers read it only at a domain's root, so it takes
  effect with a custom domain, not under https://ORG.github.io/REPO/).
- templates: `ui_strings(lang)` reads the interface-strings catalogue (locales/);
  home pages get JSON-LD naming the organisation in every language, and the site's name
  as their title (`i18n_home`: Material's `page.is_homepage` is false under zh/).
- the title of the ¶ beside each heading, in the build's language: the theme's
  `toc.permalink` string (overrides/partials/languages/), else Python-Markdown's own.
"""

import logging
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from markdown.extensions.toc import TocExtension
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitelib import i18n_plugin
from sitelib.interface_strings import languages as locale_files
from sitelib.interface_strings import strings

# mkdocs-static-i18n reports its routine work at INFO, in words that read like
# configuration errors ("extra.alternate ... should be"); its warnings still show.
logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)


def _absolute(config, file):
    return config.site_url.rstrip("/") + "/" + file.url.removesuffix("index.html")


@event_priority(-110)  # after the i18n plugin has set the build language
def on_config(config):
    _check(config)
    _permalink_title(config)
    # GitHub Pages serves a single /404.html: only the default-language build writes it.
    i18n = i18n_plugin.plugin(config)
    templates = config.theme.static_templates
    if i18n.current_language == i18n.default_language:
        templates.add("404.html")
    else:
        templates.discard("404.html")
    return config


def _check(config):
    """Stop with one line when the configuration is not one these hooks can serve."""
    url = urlsplit(config.site_url or "")
    if url.scheme not in ("http", "https") or not url.netloc:
        raise PluginError(
            f"mkdocs.yml: site_url is {repr(config.site_url) if config.site_url else 'empty'} — "
            "set SITE_URL to the site's address, such as https://ORG.github.io/REPO/, or "
            "leave it unset for a local build")
    languages = i18n_plugin.languages(config)  # a mistake in the table stops here
    unknown = [code for code in languages if code not in locale_files()]
    if unknown:
        raise PluginError(
            f"mkdocs.yml: language {', '.join(unknown)} has no interface strings — add "
            f"locales/{unknown[0]}.yml (copy locales/en.yml and translate it)")


def _permalink_title(config):
    """Markdown makes the ¶ links while the pages are read, before any template: the
    theme's string is read from its language partial for the language being built."""
    strings = config.theme.get_env().get_template(
        f"partials/languages/{config.theme['language']}.html").module
    title = str(strings.t("toc.permalink")).strip()
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = title or TocExtension().getConfig("permalink_title")


def on_env(env, config, files):
    languages = i18n_plugin.languages(config)
    env.globals["ui_strings"] = strings
    env.globals["site_languages"] = list(languages.values())
    # The language suggestion's words and tag, by language (language-suggestion.js).
    env.globals["language_suggestions"] = lambda: {
        code: {**strings(code)["language_suggestion"], "tag": language.tag}
        for code, language in languages.items()}
    return env


def _hreflang(config, file, default_language):
    languages = i18n_plugin.languages(config)
    translations = i18n_plugin.translations(file)
    links = [
        {"lang": languages[lang].tag, "href": _absolute(config, alt)}
        for lang, alt in translations.items()
    ]
    if default_language in translations:
        links.append(
            {"lang": "x-default", "href": _absolute(config, translations[default_language])}
        )
    return links


def on_page_context(context, page, config, nav):
    i18n = i18n_plugin.plugin(config)
    languages = i18n_plugin.languages(config)
    current = i18n.current_language
    # Canonical and og:url match the hreflang form (a language root ends in "/"); an
    # untranslated page under /zh/ names its English original as canonical.
    original = getattr(page.file, "alternates", {}).get(page.file.locale, page.file)
    context["i18n_language"] = current
    context["i18n_current"] = languages[current]  # the language of this part of the site
    context["i18n_default"] = languages[i18n.default_language]
    context["i18n_canonical"] = _absolute(config, original)
    context["i18n_hreflang"] = _hreflang(config, page.file, i18n.default_language)
    context["i18n_untranslated"] = page.file.locale != current
    context["i18n_content_lang"] = languages[page.file.locale].tag
    context["i18n_og_locale"] = languages[current].og_locale
    context["i18n_og_locale_alternates"] = [
        languages[lang].og_locale for lang in i18n_plugin.translations(page.file)
        if lang != current
    ]
    home = page.file.url in ("index.html", f"{current}/index.html")
    context["i18n_home"] = home
    context["i18n_json_ld"] = _organisation(config, i18n) if home else None
    return context


def _organisation(config, i18n):
    """schema.org Organization: the name in this language, the others as alternateName."""
    names = {lang.locale: lang.site_name or config.site_name for lang in i18n.config.languages}
    home = config.site_url.rstrip("/") + "/"
    if i18n.current_language != i18n.default_language:
        home += f"{i18n.current_language}/"
    contact = config.extra.get("links", {}).get("contact", "")
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": names[i18n.current_language],
        "alternateName": [n for lang, n in names.items() if lang != i18n.current_language],
        "url": home,
        "email": contact.removeprefix("mailto:"),
        "logo": config.site_url.rstrip("/") + "/assets/images/apple-touch-icon.png",
    }


def on_template_context(context, template_name, config):
    """sitemap.xml: every real page of every language built so far, with its alternates."""
    if template_name == "sitemap.xml":
        i18n = i18n_plugin.plugin(config)
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
    i18n = i18n_plugin.plugin(config)
    if i18n.building:  # an inner, per-language build: the merged output is not ready
        return
    site = Path(config.site_dir)
    for lang in i18n.build_languages:
        if lang != i18n.default_language:
            shutil.copyfile(site / "sitemap.xml", site / lang / "sitemap.xml")
    sitemap = config.site_url.rstrip("/") + "/sitemap.xml"
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n",
                                     encoding="utf-8")
