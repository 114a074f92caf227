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

import membership_data
import membership_tables
from mkdocs.exceptions import PluginError

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
        raise PluginError(str(error)) from None
    return config


def on_serve(server, config, builder):
    server.watch(str(data_file(config)))
    return server


def markers(text: str, name: str) -> list[tuple[int, str]]:
    """[(line, table name)] of the page's markers; raises PluginError for a marker-like
    line that is not a marker or names no table."""
    found, problems = [], []
    example = f"<!-- table: {next(iter(membership_tables.TABLES))} -->"
    known = ", ".join(membership_tables.TABLES)
    for number, line in enumerate(text.splitlines(), start=1):
        match = MARKER.fullmatch(line.rstrip())
        if match and match["name"] in membership_tables.TABLES:
            found.append((number, match["name"]))
        elif match:
            problems.append(f'{name}:{number}: there is no table "{match["name"]}" — '
                            f"known tables: {known}")
        elif MARKER_LIKE.search(line):
            problems.append(f"{name}:{number}: this looks like a table marker but is not one "
                            f"— write it alone on its line, unindented, exactly as {example} "
                            f"(known tables: {known})")
    if problems:
        raise PluginError("\n".join(problems))
    return found


def _source(file):
    """The page's whole source file (front matter included, for true line numbers)."""
    path = getattr(file, "abs_src_path", None)
    return Path(path).read_text(encoding="utf-8") if path else None


def _check_same_markers(page, config, found):
    i18n = config.plugins["i18n"]
    english = getattr(page.file, "alternates", {}).get(i18n.default_language)
    if page.file.locale == i18n.default_language or english is None:
        return
    theirs = [table for _, table in markers(_source(english), english.src_uri)]
    ours = [table for _, table in found]
    if ours != theirs:
        raise PluginError(
            f"docs/{page.file.src_uri}: its tables ({', '.join(ours) or 'none'}) differ from "
            f"docs/{english.src_uri}'s ({', '.join(theirs) or 'none'}) — copy the marker "
            "lines from the English page to the same places")


def on_page_markdown(markdown, page, config, files):
    # A page shown untranslated in the Chinese build keeps English tables.
    lang = getattr(page.file, "locale", None) or config.plugins["i18n"].current_language
    found = markers(_source(page.file) or markdown, f"docs/{page.file.src_uri}")
    if config is not None:
        _check_same_markers(page, config, found)
    return MARKER.sub(lambda match: "\n" + membership_tables.render(_data, match["name"], lang)
                      + "\n", markdown)
