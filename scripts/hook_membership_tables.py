"""MkDocs hook: the membership tables, rendered at every build from the data file.

A page asks for a table with a line of its own, unindented: `<!-- table: membership-classes -->`;
the hook puts the table there in the page's language. The data is checked in on_config,
so bad data stops the build (with file:line messages) before anything is written.
Anything that looks like a marker but is not one (misspelt, indented, quoted, an unknown
table) stops the build, and so does a Chinese page whose markers differ from its English
page's: a table never silently disappears. A comment that names the data file, such as
`<!-- The table below is made from data/membership_classes.yml: edit that file. -->`, is a
note for editors (the page's Edit view shows where the table comes from): it is not a
marker, and it is left out of the published page. MEMBERSHIP_DATA=path builds from another data
file (the tests use it).
"""

import re
from collections import Counter
from pathlib import Path

from sitelib import i18n_plugin, membership_data, membership_tables
from sitelib.build_errors import stop
from sitelib.findings import Finding

MARKER = re.compile(r"^<!-- table: (?P<name>[a-z0-9-]+) -->[ \t]*$", re.MULTILINE)
# A comment that mentions a table, or starts like "<!-- tabel:": meant as a marker.
MARKER_LIKE = re.compile(r"<!--(?:[^>]*\btables?\b|\s*t[a-z]{2,4}\s*:)", re.IGNORECASE)
NOTE = re.compile(r"^<!--[^\n]*\bdata/[\w./-]+\.yml\b[^\n]*-->[ \t]*\n?", re.MULTILINE)
_data = None  # checked in on_config, used by on_page_markdown


def data_file(config):
    return membership_data.data_file(Path(config.config_file_path).parent)


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
        elif MARKER_LIKE.search(line) and not NOTE.fullmatch(line.rstrip()):
            problems.append(Finding(name, number, None,
                                    "this looks like a table marker but is not one",
                                    f"write it alone on its line, unindented, exactly as "
                                    f"{example} (known tables: {known})"))
    if problems:
        raise stop(problems)
    return found


def _check_same_markers(page, config, found, ours_text):
    """A translated page has the same table markers as its original, in the same order.
    The message points at the page that lost a marker and the line that still has it."""
    english = i18n_plugin.original(page.file, config)
    if english is None:
        return
    ours_name, theirs_name = f"docs/{page.file.src_uri}", f"docs/{english.src_uri}"
    theirs = markers(i18n_plugin.source_text(english), theirs_name)
    ours = found
    if [t for _, t in ours] == [t for _, t in theirs]:
        return
    problems = []
    theirs_text = i18n_plugin.source_text(english)
    for number, table in _unmatched(ours, theirs):  # the English page lost it
        place = _place(ours_text, number, theirs_text)
        problems.append(Finding(
            theirs_name, place, None,
            f"the table marker <!-- table: {table} --> is missing here: {ours_name}:{number} "
            "has it",
            f"put the line <!-- table: {table} --> back "
            + (f"at line {place}" if place else "where the table should be")
            + f" (to remove the table, delete line {number} of {ours_name} too)"))
    for number, table in _unmatched(theirs, ours):  # the translation lacks it
        place = _place(theirs_text, number, ours_text)
        problems.append(Finding(
            ours_name, place, None,
            f"the table marker <!-- table: {table} --> of {theirs_name}:{number} is missing "
            "here",
            f"copy line {number} of {theirs_name} "
            + (f"here, at line {place}" if place else "to the same place in this page")))
    if not problems:  # same markers, another order
        problems.append(Finding(
            ours_name, found[0][0], None,
            f"its tables ({', '.join(t for _, t in ours)}) are in another order than "
            f"{theirs_name}'s ({', '.join(t for _, t in theirs)})",
            f"put the marker lines in the order of {theirs_name}"))
    raise stop(problems)


HEADING = re.compile(r"^#{1,6}\s")


def _place(text: str, number: int, other: str) -> int:
    """The line of `other` (a translation of `text`, or its original) where line `number`
    of `text` belongs: at the same place in the same block of lines (a paragraph, a list,
    comments) under the same heading; 0 when `other` has no such heading."""
    def blocks(lines):
        """(heading count, block count since it, first line) of each block of lines."""
        found, headings, block, previous_blank = [], 0, 0, True
        for index, line in enumerate(lines, start=1):
            if HEADING.match(line):
                headings, block = headings + 1, 0
                found.append((headings, block, index))
            elif line.strip() and previous_blank:
                block += 1
                found.append((headings, block, index))
            previous_blank = not line.strip()
        return found

    before = [b for b in blocks(text.splitlines()) if b[2] <= number]
    if not before:
        return 0
    own, theirs = before[-1], blocks(other.splitlines())
    same = [b for b in theirs if b[:2] == own[:2]]
    if same:
        return same[0][2] + number - own[2]
    section = [b for b in theirs if b[0] == own[0]]  # fewer blocks: after the last one
    if not section:
        return 0
    lines = other.splitlines()
    end = section[-1][2]
    while end < len(lines) and lines[end].strip():
        end += 1
    return end + 1


def _unmatched(these, those):
    """The markers (line, table) of `these` beyond the number `those` has of each table."""
    left = Counter(table for _, table in those)
    extra = []
    for number, table in these:
        if left[table]:
            left[table] -= 1
        else:
            extra.append((number, table))
    return extra


def on_page_markdown(markdown, page, config, files):
    # A page shown untranslated in the Chinese build keeps English tables; a converted
    # language's page gets its source language's, converted with the page (hook_conversion).
    languages = i18n_plugin.languages(config)
    language = languages[getattr(page.file, "locale", None) or i18n_plugin.current(config)]
    language = languages[language.converted_from or language.code]
    source = i18n_plugin.source_text(page.file) or markdown
    found = markers(source, f"docs/{page.file.src_uri}")
    _check_same_markers(page, config, found, source)
    return MARKER.sub(lambda match: "\n" + membership_tables.render(_data, match["name"],
                                                                    language) + "\n",
                      NOTE.sub("", markdown))
