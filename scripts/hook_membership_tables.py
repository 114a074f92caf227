"""MkDocs hook: the membership tables, rendered at every build from the data file.

A page asks for a table with a line such as `<!-- table: membership-classes -->`; the
hook puts the table there in the page's language. The data is checked in on_config, so
bad data stops the build (with file:line messages) before anything is written.
MEMBERSHIP_DATA=path builds from another data file (the tests use it).
"""

import os
import re
from pathlib import Path

import membership_data
import membership_tables
from mkdocs.exceptions import PluginError

MARKER = re.compile(r"^<!--\s*table:\s*(?P<name>\S+)\s*-->[ \t]*$", re.MULTILINE)
_data = None  # checked in on_config, used by on_page_markdown


def data_file(config):
    override = os.environ.get("MEMBERSHIP_DATA")
    if override:
        return Path(override)
    return Path(config.config_file_path).parent / "data" / "membership_classes.yml"


def on_config(config):
    global _data
    try:
        _data = membership_data.load(data_file(config))
    except membership_data.DataError as error:
        raise PluginError(str(error)) from None
    return config


def on_serve(server, config, builder):
    server.watch(str(data_file(config)))
    return server


def on_page_markdown(markdown, page, config, files):
    # A page shown untranslated in the Chinese build keeps English tables.
    lang = getattr(page.file, "locale", None) or config.plugins["i18n"].current_language

    def table(match):
        name = match["name"]
        if name not in membership_tables.TABLES:
            known = ", ".join(membership_tables.TABLES)
            raise PluginError(f'{page.file.src_uri}: unknown table "{name}" — known tables: '
                              f"{known}")
        return "\n" + membership_tables.render(_data, name, lang) + "\n"

    return MARKER.sub(table, markdown)
