"""MkDocs hook: the membership tables, rendered at every build from the data file.

A page asks for a table with a line of its own, unindented: `<!-- table: membership-classes -->`;
the hook puts the table there in the page's language. The data is checked in on_config,
so bad data stops the build (with file:line messages) before anything is written.
Anything that looks like a marker but is not one (misspelt, indented, quoted, an unknown
table) stops the build, and so does a Chinese page whose markers differ from its English
page's: a table never silently disappears. MEMBERSHIP_DATA=path builds from another data
file (the tests use it).
"""

import os
import re
from pathlib import Path

from sitelib import i18n_plugin, membership_data, membership_tables
from sitelib.build_errors import stop
from sitelib.findings import Finding

MARKER = re.compile(r"^<!-- table: (?P<name>[a-z0-9-]+) -->[ \t]*$", re.MULTILINE)
# A comment that mentions a table, or starts like "<!-- tabel:": meant as a marker.
MARKER_LIKE = re.compile(r"<!--(?:[^>]*\btables?\b|\s*t[a-z]{2,4}\s*:)", re.IGNORECASE)
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
        raise stop(error.findings) from None
    return config


def on_serve(server, config, builder):
    server.watch(str(data_file(config)))
    return server


def markers(text: str, name: str) -> list[tuple[int, str]]:
    """[(line, table name)] of the page's markers; stops the build for a marker-like
    line that is not a marker or names no table."""
    found, problems = [], []
    example = f"<!-- table: {next(iter(membership_tables.TABLES))} -->"
    known = ", ".join(membership_tables.TABLES)
    for number, line in enumerate(text.splitlines(), start=1):
        match = MARKER.fullmatch(line.rstrip())
        if match and match["name"] in membership_tables.TABLES:
            found.append((number, match["name"]))
        elif match:
            problems.append(Finding(name, number, None,
                                    f'there is no table "{match["name"]}"',
                                    f"known tables: {known}"))
        elif MARKER_LIKE.search(line):
            problems.append(Finding(name, number, None,
                                    "this looks like a table marker but is not one",
                                    f"write it alone on its line, unindented, exactly as "
                                    f"{example} (known tables: {known})"))
    if problems:
        raise stop(problems)
    return found


def _check_same_markers(page, config, found):
    english = i18n_plugin.original(page.file, config)
    if english is None:
        return
    theirs = [table for _, table in markers(i18n_plugin.source_text(english), english.src_uri)]
    ours = [table for _, table in found]
    if ours != theirs:
        raise stop([Finding(
            f"docs/{page.file.src_uri}", 0, None,
            f"its tables ({', '.join(ours) or 'none'}) differ from docs/{english.src_uri}'s "
            f"({', '.join(theirs) or 'none'})",
            "copy the marker lines from the English page to the same places")])


def on_page_markdown(markdown, page, config, files):
    # A page shown untranslated in the Chinese build keeps English tables; a converted
    # language's page gets its source language's, converted with the page (hook_conversion).
    languages = i18n_plugin.languages(config)
    language = languages[getattr(page.file, "locale", None) or i18n_plugin.current(config)]
    language = languages[language.converted_from or language.code]
    found = markers(i18n_plugin.source_text(page.file) or markdown, f"docs/{page.file.src_uri}")
    _check_same_markers(page, config, found)
    return MARKER.sub(lambda match: "\n" + membership_tables.render(_data, match["name"],
                                                                    language) + "\n", markdown)
