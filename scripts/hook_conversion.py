"""MkDocs hook: a language converted from another at every build (Traditional Chinese,
`converted_from: zh` in the language table, from the Simplified pages; sitelib.conversion).

- Pages: before mkdocs-static-i18n sorts the files, each page of the source language
  (docs/zh/X.md) gets a twin under the converted language's folder (zh-Hant/X.md) unless a
  hand-written docs/zh-Hant/X.md exists, which wins. The plugin rebuilds every File from
  its path (a File without a source path crashes it; anything set earlier is lost), so the
  twin is pointed at its real source afterwards (on_nav): git dates, the edit link and the
  content checks see docs/zh/X.md. Its text is converted once the other hooks have put in
  the tables (on_page_markdown, last), and so are its title and description.
- Site name, description, copyright and menu: the source language's, converted, unless
  the language's entry in mkdocs.yml states its own.
- Page-limited vocabulary (data/conversion.yml `pages:`) applies on its page, named by its
  path under the source language's folder (membership.md).
- Bad rules (data/glossary.yml `zh_hant:`, data/conversion.yml) stop the build, file:line,
  and so does a vocabulary rule that does not fit the Simplified text
  (sitelib.vocabulary_check), before any page is read.
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sitelib import conversion, i18n_plugin, membership_data, vocabulary_check
from sitelib.build_errors import stop

OWN_FACTS = ("site_name", "site_description", "copyright")
_sources = {}  # src_uri of a converted twin -> src_uri of its source page


def _converted(config) -> dict:
    """{code: Language} of the languages converted from another."""
    return {code: language for code, language in i18n_plugin.languages(config).items()
            if language.converted_from}


def _converter():
    try:
        return conversion.converter()
    except conversion.ConversionError as error:
        raise stop(error.findings) from None


def _check_vocabulary(converter, config, source: str):
    """The vocabulary rules against the Simplified text of the language `source`."""
    root = Path(config.config_file_path).parent
    problems = vocabulary_check.check(converter, root, Path(config.docs_dir), source,
                                      membership_data.data_file(root))
    if problems:
        raise stop(problems)


@event_priority(100)  # before the i18n plugin applies a language's facts
def on_config(config):
    i18n = i18n_plugin.plugin(config)
    for code, language in _converted(config).items():
        converter = _converter()
        _check_vocabulary(converter, config, language.converted_from)
        entry = i18n.get_language_config(code)
        source = i18n.get_language_config(language.converted_from)
        for key in OWN_FACTS:
            if entry[key] is None and source[key] is not None:
                entry[key] = converter.convert(source[key])
        if not entry.nav_translations:
            entry.nav_translations = converter.convert_tree(source.nav_translations or {})
    return config


def on_serve(server, config, builder):
    for path in (conversion.GLOSSARY, conversion.RULES):
        server.watch(str(path))
    return server


@event_priority(-90)  # before the i18n plugin (-100) turns the files into its own
def on_files(files, config):
    docs = Path(config.docs_dir)
    for code, language in _converted(config).items():
        source_dir = docs / language.converted_from
        for path in sorted(source_dir.rglob("*.md")):
            relative = path.relative_to(source_dir).as_posix()
            twin = f"{code}/{relative}"
            if files.get_file_from_path(twin) is None:  # a hand-written page wins
                files.append(File(twin, config.docs_dir, config.site_dir,
                                  config.use_directory_urls))
                _sources[twin] = f"{language.converted_from}/{relative}"
    return files


def on_nav(nav, config, files):
    """Point each twin at its source page: what is read, dated and edited."""
    docs = Path(config.docs_dir)
    for file in files:
        source = _sources.get(file.src_uri)
        if source is None:
            continue
        file.abs_src_path = str(docs / source)
        file.edit_uri = source
        if file.page is not None:
            file.page._set_edit_url(config.repo_url, config.edit_uri, config.edit_uri_template)
    return nav


@event_priority(-100)  # last: after the tables and every other hook's Markdown work
def on_page_markdown(markdown, page, config, files):
    language = i18n_plugin.languages(config).get(getattr(page.file, "locale", None))
    if language is None or not language.converted_from or page.file.src_uri not in _sources:
        return markdown
    converter = _converter()
    source = Path(_sources[page.file.src_uri]).relative_to(language.converted_from).as_posix()
    page.meta = converter.convert_tree(page.meta, source)
    return converter.convert(markdown, source)
