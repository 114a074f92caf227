"""Add a page in both languages: docs/NAME.md and docs/zh/NAME.md from the templates in
scripts/templates/, a nav entry in mkdocs.yml and the Chinese navigation title.

    make page NAME=governance TITLE_EN="Governance" TITLE_ZH="治理"

mkdocs.yml is edited as text, a line inserted in `nav` and one in `nav_translations`,
so its comments, `!ENV` tags and layout stay as they are. Nothing is overwritten.
"""

import argparse
import json
import re
import sys
from pathlib import Path
from string import Template

import yaml

from sitelib import ROOT, file_writes
from sitelib.site_pages import Site, content_hash, parse_config

TEMPLATES = ROOT / "scripts" / "sitelib" / "page_templates"
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class PageError(Exception):
    """A reason not to create the page, worded for the editor."""


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar usable as a key or a value: plain when that reads back
    unchanged, double-quoted otherwise."""
    try:
        if yaml.safe_load(f"- {text}: x") == [{text: "x"}]:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _last_content_line(lines, start, end) -> int:
    return max((i for i in range(start, end) if _is_content(lines[i])), default=start - 1)


def _block_end(lines, start, indent) -> int:
    """First line after `start` that is content indented at most `indent`."""
    return next((i for i in range(start + 1, len(lines))
                 if _is_content(lines[i]) and _indent(lines[i]) <= indent), len(lines))


def _insert_nav(lines: list[str], entry: str) -> None:
    start = next((i for i, line in enumerate(lines) if re.match(r"nav:\s*$", line)), None)
    if start is None:
        raise PageError("mkdocs.yml has no `nav:` list")
    end = next((i for i in range(start + 1, len(lines))
                if _is_content(lines[i]) and not lines[i].startswith((" ", "-"))), len(lines))
    items = [i for i in range(start + 1, end) if lines[i].lstrip().startswith("- ")]
    if not items:
        raise PageError("mkdocs.yml: `nav:` has no entries to add to")
    indent = " " * _indent(lines[items[0]])
    lines.insert(_last_content_line(lines, start + 1, end) + 1, f"{indent}- {entry}\n")


def _insert_nav_translation(lines: list[str], locale: str, entry: str) -> None:
    locale_line = next((i for i, line in enumerate(lines)
                        if re.match(rf"\s*- locale: ['\"]?{locale}['\"]?\s*$", line)), None)
    if locale_line is None:
        raise PageError(f"mkdocs.yml: no i18n language with `locale: {locale}`")
    item_end = _block_end(lines, locale_line, _indent(lines[locale_line]))
    key_indent = lines[locale_line].index("locale")
    heading = next((i for i in range(locale_line + 1, item_end)
                    if re.match(rf" {{{key_indent}}}nav_translations:\s*$", lines[i])), None)
    if heading is None:  # the language has no nav_translations yet
        at = _last_content_line(lines, locale_line, item_end) + 1
        lines[at:at] = [" " * key_indent + "nav_translations:\n",
                        " " * (key_indent + 2) + entry + "\n"]
        return
    end = _block_end(lines, heading, key_indent)
    entries = [i for i in range(heading + 1, end) if _is_content(lines[i])]
    indent = _indent(lines[entries[0]]) if entries else key_indent + 2
    lines.insert(_last_content_line(lines, heading + 1, end) + 1, " " * indent + entry + "\n")


def edit_config(text: str, locale: str, page: str, title_en: str, title_zh: str) -> str:
    """mkdocs.yml with the page added to the end of `nav` and its title translated."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    _insert_nav(lines, f"{yaml_scalar(title_en)}: {page}")
    _insert_nav_translation(lines, locale, f"{yaml_scalar(title_en)}: {yaml_scalar(title_zh)}")
    edited = "".join(lines)
    _verify(text, edited, locale, page, title_en, title_zh)
    return edited


def _verify(before: str, after: str, locale, page, title_en, title_zh) -> None:
    """The edited file must read as the old one plus exactly the two new entries."""
    expected = parse_config(before)
    expected["nav"].append({title_en: page})
    for plugin in expected["plugins"]:
        for language in (plugin.get("i18n") or {}).get("languages", []) \
                if isinstance(plugin, dict) else []:
            if language.get("locale") == locale:
                language["nav_translations"] = {**(language.get("nav_translations") or {}),
                                                title_en: title_zh}
    if parse_config(after) != expected:
        raise PageError("could not add the navigation entries to mkdocs.yml automatically; "
                        "add them by hand (see CONTRIBUTING.md)")


def _check_request(site: Site, name: str, title_en: str, title_zh: str) -> str:
    if not name:
        raise PageError('NAME is missing: make page NAME=my-page TITLE_EN="..." TITLE_ZH="..."')
    if not NAME.fullmatch(name):
        suggestion = _slug(name) or _slug(title_en) or "my-page"
        raise PageError(f'NAME "{name}" must be lowercase letters, digits and hyphens: '
                        f"use NAME={suggestion}")
    for variable, title in (("TITLE_EN", title_en), ("TITLE_ZH", title_zh)):
        if not title or "\n" in title:
            raise PageError(f"{variable} is missing: give the page's navigation title on one line")
    page = f"{name}.md"
    for path in (site.source_path(page), site.translation_path(page)):
        if path.exists():
            raise PageError(f"{site.rel(path)} already exists; nothing was changed")
    for entry in site.nav():
        if entry.title == title_en or entry.file == page:
            raise PageError(f'mkdocs.yml line {entry.line} already has "{entry.title}: '
                            f'{entry.file}"; choose another title')
    if title_en in site.nav_translations():
        raise PageError(f'mkdocs.yml already translates the title "{title_en}"')
    for english, chinese in site.nav_translations().items():
        if chinese == title_zh:
            raise PageError(f'the Chinese title "{title_zh}" is already used for "{english}"; '
                            "choose another TITLE_ZH")
    return page


def _slug(text: str) -> str:
    """'Working Groups' -> 'working-groups'; '' when nothing Latin is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def create_page(site: Site, name: str, title_en: str, title_zh: str) -> list[Path]:
    """Both pages and the two mkdocs.yml entries, written together under the project's
    edit lock (a concurrent run waits, then sees this page's entries)."""
    name, title_en, title_zh = name.strip(), title_en.strip(), title_zh.strip()
    with file_writes.edit_lock(site.root):
        site = Site(site.root, site.config_name)  # mkdocs.yml as it is now, inside the lock
        page = _check_request(site, name, title_en, title_zh)
        english = _render("page.en.md", title=title_en, page=page, zh_folder=site.locale)
        chinese = _render("page.zh.md", title=title_zh, page=page,
                          translation_of=content_hash(english))
        config = edit_config(site.config_path.read_text(encoding="utf-8"), site.locale, page,
                             title_en, title_zh)
        written = {site.source_path(page): english, site.translation_path(page): chinese,
                   site.config_path: config}
        file_writes.replace_all(written)
    return list(written)


def _render(template: str, title: str, **values) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    description = json.dumps(title, ensure_ascii=False)
    return Template(text).substitute(title=title, description=description, **values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", required=True,
                        help="file name without .md: lowercase letters, digits, hyphens")
    parser.add_argument("--title-en", required=True, help="English navigation title")
    parser.add_argument("--title-zh", required=True, help="Chinese navigation title")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    site = Site(args.root.resolve())
    try:
        written = create_page(site, args.name, args.title_en, args.title_zh)
    except (PageError, file_writes.Busy) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{'updated' if path == site.config_path else 'created'} {site.rel(path)}")
    print(f"Next: write both pages, preview with `make serve`; after changing the English "
          f"page, update the Chinese one and run "
          f"`make mark-translated PAGE={args.name.strip()}.md`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
