"""MkDocs hook: dates on pages.

- "Last updated" under every page, in the page's language and locale format, from the
  git history of the page's own file (mkdocs-git-revision-date-localized-plugin finds
  the commit; Babel formats it as 24 November 2026 / 2026年11月24日).
- On a Chinese page whose English original changed after the version it translates
  (`translation_of:` in its front matter, see site_pages.content_hash): a notice with the
  date of that change and a link to the English page.
"""

import datetime

from sitelib import i18n_plugin
from sitelib.interface_strings import long_date
from sitelib.site_pages import TRANSLATION_KEY, content_hash

PLUGIN = "git-revision-date-localized"


def _day(timestamp) -> datetime.date:
    return datetime.datetime.fromtimestamp(int(timestamp), datetime.UTC).date()


def on_page_context(context, page, config, nav):
    # The language of the text (English under /zh/ when untranslated).
    language = i18n_plugin.languages(config)[page.file.locale]
    iso = page.meta.get("git_revision_date_localized_raw_iso_date")
    if iso:
        day = datetime.date.fromisoformat(iso)
        context["page_updated"] = {"iso": iso, "text": long_date(day, language),
                                   "lang": language.code, "tag": language.tag}
    context["page_outdated"] = _outdated(page, config)
    return context


def _outdated(page, config):
    """{date, href} when the English original changed since this translation, else None."""
    english = i18n_plugin.original(page.file, config)
    if english is None:
        return None
    recorded = page.meta.get(TRANSLATION_KEY)
    if recorded == content_hash(i18n_plugin.source_text(english)):
        return None
    languages = i18n_plugin.languages(config)
    _, timestamp = config.plugins[PLUGIN].util.get_git_commit_timestamp(english.abs_src_path)
    return {"date": long_date(_day(timestamp), languages[page.file.locale]),
            "date_en": long_date(_day(timestamp), languages[i18n_plugin.default(config)]),
            "href": english.url}
