"""MkDocs hook: print.

- Every page: a link to another site or an e-mail address carries the address it leads
  to (`data-address`), which the print styles (site.css) and the pack print after it.
- The membership pack (`extra.pack` in mkdocs.yml: its file name and its pages): one PDF
  per language, in that language's root, made from the pages as this build rendered them,
  tables included (sitelib.pack_document, sitelib.pdf_engine). It is made in on_env, once
  every page of the language is rendered and before any is written, so that the pack's
  first page links to it with its real size (on_page_context). A missing font or Pango
  stops the build in on_config with one line, before anything is made.
"""

import datetime
import logging
import posixpath
import time
from pathlib import Path

from babel.numbers import format_decimal
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from sitelib import i18n_plugin, pack_document, pdf_engine
from sitelib.interface_strings import strings

_links = {}  # language code -> {page URL, href, size} of the PDF this build made
log = logging.getLogger("mkdocs.hooks.print")
# One INFO line per PDF (not shown by make build; make bench reads it).
MADE = "membership pack %s: %d bytes in %.2f s"


def settings(config) -> dict:
    """extra.pack, checked: {file, pages}."""
    pack = config.extra.get("pack")
    if not isinstance(pack, dict) or not pack.get("file") or not pack.get("pages"):
        raise PluginError("mkdocs.yml: extra.pack needs file: (the PDF's name) and pages: "
                          "(the docs/ pages it holds, in order)")
    missing = [name for name in pack["pages"] if not (Path(config.docs_dir) / name).is_file()]
    if missing:
        raise PluginError(f"mkdocs.yml: extra.pack pages: {', '.join(missing)} is not a page "
                          "in docs/ — write its file name as in nav:, such as membership.md")
    if "contact" not in (config.extra.get("links") or {}):
        raise PluginError("mkdocs.yml: the pack's cover gives the contact address: add "
                          "contact: under extra.links")
    return pack


def on_config(config):
    settings(config)
    needed = {}  # a missing print_font stops the build in i18n_plugin.languages
    for language in i18n_plugin.languages(config).values():
        needed.setdefault(language.print_font, []).append(f"the {language.name} PDF")
    try:
        pdf_engine.check_engine()
        pdf_engine.check_fonts({font: ", ".join(uses) for font, uses in needed.items()})
    except pdf_engine.PdfError as error:
        raise PluginError(f"The membership pack cannot be made: {error}") from None
    return config


def on_page_content(html, page, config, files):
    return pack_document.with_printed_addresses(html)


def on_env(env, config, files):
    languages = i18n_plugin.languages(config)
    language = languages[i18n_plugin.current(config)]
    pack = settings(config)
    pages = [_page(name, language, languages, config, files) for name in pack["pages"]]
    if any(page is None for page in pages):  # a dirty rebuild (make serve): not all rendered
        return env
    words = strings(language.code)["pack"]
    html = pack_document.document(
        pages, language=language, words=words, site_name=config.site_name,
        description=config.site_description or "", site_url=config.site_url,
        contact=config.extra["links"]["contact"], date=datetime.datetime.now(datetime.UTC).date(),
        fonts={lang.tag: lang.print_font for lang in languages.values()},
        css_url=(pack_document.TEMPLATES / "pack.css").as_uri(), logo_url=_logo(config))
    start = time.perf_counter()
    try:
        pdf = pdf_engine.render(html, (Path(config.docs_dir) / language.path).as_uri() + "/")
    except pdf_engine.PdfError as error:
        raise PluginError(f"The {language.name} membership pack cannot be made: {error}") from None
    name = language.path + pack_document.file_name(pack["file"], language)
    path = Path(config.site_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    log.info(MADE, name, len(pdf), time.perf_counter() - start)
    first = pages[0].url
    _links[language.code] = {
        "page": first, "tag": language.tag,
        "href": posixpath.relpath(name, posixpath.dirname(first) or "."),
        "link": words["link"].format(size=_size(len(pdf), words, language)),
        "note": words["note"].format(pages=pack_document.page_list(
            [page.title for page in pages], words, language)),
        "template": env.get_template("partials/pack-link.html"),
    }
    return env


def _page(name, language, languages, config, files):
    """The pack page `name` (docs/ file) as this language's build rendered it."""
    url = language.path + File(name, config.docs_dir, config.site_dir,
                               config.use_directory_urls).url
    for file in files.documentation_pages():
        if file.url == url:
            page = file.page
            if page is None or page.content is None:
                return None
            return pack_document.PackPage(url=url, title=page.title, html=page.content,
                                          lang=languages[file.locale].tag)
    raise PluginError(f"mkdocs.yml: extra.pack pages: {name} has no page {url} in this build")


def _logo(config) -> str | None:
    """The file: URL of the theme's logo (in docs/ or a theme folder), for the cover."""
    logo = config.theme.get("logo")
    for folder in (config.docs_dir, *config.theme.dirs) if logo else ():
        if (Path(folder) / logo).is_file():
            return (Path(folder) / logo).resolve().as_uri()
    return None


def _size(size: int, words: dict, language) -> str:
    """'412 KB', '1.2 MB' in the language's number format."""
    if size < 1024 * 1024:
        return words["kilobytes"].format(
            count=format_decimal(max(1, round(size / 1024)), locale=language.babel_locale))
    return words["megabytes"].format(
        count=format_decimal(round(size / 1024 / 1024, 1), locale=language.babel_locale))


def on_page_context(context, page, config, nav):
    link = _links.get(i18n_plugin.current(config))
    if link is None or page.file.url != link["page"] or page.content is None:
        return context
    html = link["template"].render(pack=link)
    head, found, rest = page.content.partition("</h1>")
    page.content = head + found + html + rest if found else html + page.content
    return context
