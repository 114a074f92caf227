"""Translation status: which Chinese pages are missing, outdated or orphaned, and which
navigation titles have no Chinese translation.

Each Chinese page records in its front matter the version of the English page it
translates (`translation_of: sha256:…`, see site_pages.content_hash), so the status never
depends on git history. For an outdated page the report also shows what changed in the
English page since that version, found in git history (translation_diff.py). After
translating, record it:

    make mark-translated PAGE=membership.md
"""

import argparse
import difflib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sitelib import ROOT, file_writes, front_matter, translation_diff
from sitelib.findings import Findings, plural, report_error
from sitelib.site_pages import TRANSLATION_KEY, Site, content_hash

STATUSES = ("missing", "outdated", "orphan", "nav-untranslated", "ok")
HEADER = "Translation status"
COLUMNS = ("page", "status", "file", "detail")


@dataclass
class Row:
    page: str
    status: str
    file: str  # the file (and line) to act on
    detail: str
    line: int | None = None
    # Outdated pages: the English lines changed since the translated version, or why
    # they cannot be shown.
    changes: list[dict] = field(default_factory=list)
    changes_unavailable: str | None = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


def status_rows(site: Site) -> list[Row]:
    rows = []
    english = site.source_pages()
    chinese = set(site.translated_pages())
    for page in english:
        zh_path = site.translation_path(page)
        zh_file = site.rel(zh_path)
        if page not in chinese:
            rows.append(Row(page, "missing", zh_file, "no Chinese page yet"))
            continue
        current = content_hash(site.source_path(page).read_text(encoding="utf-8"))
        zh_text = zh_path.read_text(encoding="utf-8")
        recorded = front_matter.fields(zh_text, zh_file).get(TRANSLATION_KEY)
        line = _key_line(zh_text, TRANSLATION_KEY)
        mark = f"mark with: make mark-translated PAGE={page}"
        if recorded is None:
            rows.append(Row(page, "outdated", zh_file,
                            f"never marked as translated (English now {current}); {mark}"))
        elif recorded != current:
            row = Row(page, "outdated", zh_file,
                      f"English page changed since translated (English now {current}, "
                      f"translated {recorded}); update the translation, then {mark}", line)
            _add_changes(site, row, recorded)
            rows.append(row)
        else:
            rows.append(Row(page, "ok", zh_file, f"up to date ({current})", line))
    for page in sorted(chinese - set(english)):
        rows.append(Row(page, "orphan", site.rel(site.translation_path(page)),
                        f"no English page {site.rel(site.source_path(page))}"))
    translations = site.nav_translations()
    for entry in site.nav():
        if entry.title not in translations:
            rows.append(Row(entry.file or entry.title, "nav-untranslated", site.config_name,
                            f'navigation title "{entry.title}" has no Chinese translation '
                            f"under nav_translations", entry.line))
    return rows


def _add_changes(site: Site, row: Row, recorded: str) -> None:
    source = site.source_path(row.page)
    try:
        old = translation_diff.old_text(site.root, source, recorded)
    except translation_diff.NoHistory as reason:
        row.changes_unavailable = str(reason)
        return
    lines = translation_diff.word_diff(old, source.read_text(encoding="utf-8"))
    row.changes = [asdict(line) for line in lines]


def _change_lines(row: Row, paint=False) -> list[str]:
    if row.changes_unavailable:
        return [f"  no diff: {row.changes_unavailable}"]
    lines = [str(translation_diff.Line(**c)) for c in row.changes]
    return [translation_diff.colour(line) if paint else line for line in lines]


def _changes_heading(site_rel_source: str, row: Row) -> str:
    return f"What changed in {site_rel_source} since {row.file} was translated:"


def as_changes(rows: list[Row], paint=False) -> str:
    """The English changes behind every outdated page, for the terminal."""
    blocks = []
    for row in rows:
        if row.changes or row.changes_unavailable:
            blocks.append("\n".join([_changes_heading(f"docs/{row.page}", row),
                                      *_change_lines(row, paint)]))
    return "\n\n".join(blocks)


def _key_line(text: str, key: str) -> int | None:
    span = front_matter.span(text)
    if span is None:
        return None
    match = re.search(rf"^{key}:", text[: span[1]], re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def summary(rows: list[Row]) -> str:
    count = {s: sum(r.status == s for r in rows) for s in STATUSES}
    pages = len(rows) - count["nav-untranslated"]
    return (f"{pages} pages: {count['ok']} up to date, {count['outdated']} outdated, "
            f"{count['missing']} missing, {count['orphan']} orphan; "
            f"{count['nav-untranslated']} navigation titles without a Chinese translation")


def as_table(rows: list[Row]) -> str:
    cells = [COLUMNS] + [(r.page, r.status, r.location, r.detail) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(3)]
    lines = [f"{HEADER} (English docs/ -> Chinese translation)", ""]
    for cell in cells:
        padded = (c.ljust(w) for c, w in zip(cell[:3], widths, strict=True))
        lines.append("  ".join([*padded, cell[3]]))
    return "\n".join(lines + ["", summary(rows)])


def as_markdown(rows: list[Row]) -> str:
    def escape(text):
        return text.replace("|", "\\|")

    lines = [f"## {HEADER}", "", "| Page | Status | File | Detail |", "| --- | --- | --- | --- |"]
    lines += [f"| {escape(r.page)} | {r.status} | `{r.location}` | {escape(r.detail)} |"
              for r in rows]
    lines += ["", summary(rows)]
    for row in rows:
        if row.changes or row.changes_unavailable:
            count = plural(len(row.changes), "changed line") if row.changes else "no diff"
            lines += ["", f"<details><summary>{row.page}: {count}</summary>", "",
                      _changes_heading(f"docs/{row.page}", row), "", "```text",
                      *_change_lines(row), "```", "", "</details>"]
    return "\n".join(lines)


def mark_translated(site: Site, page: str) -> str:
    """Record the English page's current version in the Chinese page's front matter;
    every other byte of the Chinese page stays as it was."""
    pages = site.source_pages()
    example = f"make mark-translated PAGE={pages[0] if pages else 'membership.md'}"
    if not page.strip():
        raise FileNotFoundError(f"say which page, for example: {example} "
                                f"(pages: {', '.join(pages)})")
    name = site.page_name(page)
    source, target = site.source_path(name), site.translation_path(name)
    if not source.is_file():
        close = difflib.get_close_matches(name, pages, n=1, cutoff=0.6)
        hint = (f"did you mean PAGE={close[0]}?" if close
                else f"the pages are: {', '.join(pages)}")
        raise FileNotFoundError(f"there is no page {site.rel(source)}: {hint}")
    if not target.is_file():
        raise FileNotFoundError(f"{site.rel(target)} does not exist yet: translate "
                                f"{site.rel(source)} into it first")
    version = content_hash(source.read_text(encoding="utf-8"))
    raw = target.read_bytes().decode("utf-8")
    front_matter.split(raw, site.rel(target))  # never edit front matter we cannot read
    newline = "\r\n" if "\r\n" in raw else "\n"
    entry = f"{TRANSLATION_KEY}: {version}"
    span = front_matter.span(raw)
    if span is None:
        bom = "\ufeff" if raw.startswith("\ufeff") else ""
        updated = f"{bom}---{newline}{entry}{newline}---{newline}{raw.removeprefix(bom)}"
    else:
        start, end = span
        yaml_text = raw[start:end]
        pattern = re.compile(rf"^{TRANSLATION_KEY}:[^\r\n]*", re.MULTILINE)
        if pattern.search(yaml_text):
            yaml_text = pattern.sub(entry, yaml_text, count=1)
        else:
            yaml_text += entry + newline
        updated = raw[:start] + yaml_text + raw[end:]
    file_writes.write_atomically(target, updated)
    return f"{site.rel(target)}: {entry} (translates {site.rel(source)})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="machine-readable output")
    output.add_argument("--markdown", action="store_true",
                        help="a Markdown table (for the GitHub Actions job summary)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a page is missing, outdated or orphaned, or a "
                             "navigation title is untranslated")
    parser.add_argument("--diff", metavar="PAGE",
                        help="show only what changed in the English PAGE since its "
                             "translation (membership.md)")
    parser.add_argument("--mark-translated", nargs="+", metavar="PAGE",
                        help="record that the Chinese PAGE (membership.md or "
                             "docs/zh/membership.md) translates the current English page")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())

    if args.mark_translated:
        try:
            with file_writes.edit_lock(site.root):
                for page in args.mark_translated:
                    print(mark_translated(site, page))
        except FileNotFoundError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except front_matter.FrontMatterError as error:
            report_error(error, tail="Nothing was changed.")
            return 2
        except file_writes.Busy as error:
            print(f"{error}\nNothing was changed.", file=sys.stderr)
            return 2
        return 0

    try:
        rows = status_rows(site)
    except Findings as error:
        report_error(error)
        return 2
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if args.diff:
        page = site.page_name(args.diff)
        rows = [r for r in rows if r.page == page and r.status != "nav-untranslated"]
        if not rows:
            print(f"error: {page} is not an English page of this site", file=sys.stderr)
            return 2
    paint = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    elif args.markdown:
        print(as_markdown(rows))
    elif args.diff:
        row = rows[0]
        print(as_changes(rows, paint) or f"{row.page}: {row.status} ({row.detail})")
    else:
        print(as_table(rows))
        changes = as_changes(rows, paint)
        if changes:
            print("\n" + changes)
    problems = [r for r in rows if r.status != "ok"]
    return 1 if args.strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
