"""Which pages a change touches, in every language, and whether each Chinese page is now
outdated: for reviewers (`make changed-pages BASE=REV`) and the pull-request comment.

A page is touched when its English or Chinese file is edited, added, renamed or deleted;
when its tables come from a changed data file (data/membership_classes.yml); when it
uses a glossary term whose entry changed (data/glossary.yml, its Traditional form too);
when mkdocs.yml changes its menu title or a link name it uses; and every page when
mkdocs.yml changes anything else, or the templates (overrides/) or interface strings
(locales/) change. A language converted from another (zh-Hant, from zh) has each page
converted from that language's page: it changes with it, when a hand-written page of its
own (docs/zh-Hant/X.md) changes, and when a rule of data/conversion.yml (wording,
vocabulary, quotation marks) applies to the page's text.

The change is everything between the commit BASE and the working tree (uncommitted and
new files included), as `git diff BASE` sees it.
"""

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitelib import front_matter, glossary
from sitelib.site_pages import TRANSLATION_KEY, Site, content_hash, i18n_settings, parse_config

TABLES_DATA = "data/membership_classes.yml"
CONVERSION_RULES = "data/conversion.yml"
MARKER = re.compile(r"^<!-- table: [a-z0-9-]+ -->", re.MULTILINE)
EVERY_PAGE = {"overrides/": "the page templates (overrides/)",
              "locales/": "the interface text (locales/)"}
# What the Chinese page's status says, after this change.
UP_TO_DATE, OUTDATED_NOW, OUTDATED, MISSING, DELETED = (
    "up to date", "outdated by this change", "outdated (before this change too)",
    "missing", "deleted")


class ChangeError(Exception):
    """BASE is not a commit of this repository (one line, for the editor)."""


@dataclass
class ChangedPage:
    page: str  # the English page's name: membership.md
    english: str | None  # docs/membership.md; None when deleted
    chinese: str | None  # docs/zh/membership.md; None when there is none
    reasons: list[str] = field(default_factory=list)
    chinese_status: str = ""
    # {language: its page}, for each converted language: docs/zh-Hant/X.md when written by
    # hand, else "converted from" the page it is made from
    converted: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> str:
        """The page's address under the site, English (the Chinese is under zh/)."""
        return self.page.removesuffix(".md") + ".html"

    def __str__(self):
        chinese = self.chinese or "(no Chinese page)"
        english = self.english or f"(deleted docs/{self.page})"
        pages = " | ".join([english, chinese, *(f"{code}: {page}"
                                                 for code, page in self.converted.items())])
        return f"{pages} — {'; '.join(self.reasons)} — Chinese: {self.chinese_status}"


def changed_pages(root: Path, base: str) -> list[ChangedPage]:
    site = Site(root)
    changes = _changes(root, base)
    pages: dict[str, ChangedPage] = {}
    docs = site.rel(site.docs_dir) + "/"
    zh = site.rel(site.translation_dir) + "/"

    def touch(name, reason):
        entry = pages.setdefault(name, ChangedPage(name, None, None))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    converted = _converted_languages(site)
    for status, path, old_path in changes:
        own = next((code for code in converted if path.startswith(f"{docs}{code}/")), None)
        if own and path.endswith(".md"):
            touch(path.removeprefix(f"{docs}{own}/"), f"{own} page {_VERBS.get(status, 'edited')}")
        elif path.startswith(zh) and path.endswith(".md"):
            name = path.removeprefix(zh)
            touch(name, {"A": "Chinese page added", "D": "Chinese page deleted"}.get(
                status, "Chinese edited" if status != "R" else
                f"Chinese renamed from {old_path.removeprefix(zh)}"))
        elif path.startswith(docs) and path.endswith(".md"):
            name = path.removeprefix(docs)
            touch(name, {"A": "new page", "D": "deleted"}.get(
                status, "English edited" if status != "R" else
                f"renamed from {old_path.removeprefix(docs)}"))
        elif path == TABLES_DATA:
            for name in _pages_with_tables(site):
                touch(name, f"tables from {TABLES_DATA}")
        elif path == glossary.PATH.as_posix():
            for name, term in _glossary_pages(site, _old(root, base, path)):
                touch(name, f"glossary term {term}")
        elif path == CONVERSION_RULES:
            for name, rule in _conversion_pages(site, _old(root, base, path)):
                touch(name, f"Traditional wording {rule} ({CONVERSION_RULES})")
        elif path == site.config_name:
            for name, reason in _config_pages(site, _old(root, base, path)):
                touch(name, reason)
        else:
            for prefix, what in EVERY_PAGE.items():
                if path.startswith(prefix):
                    for name in site.source_pages():
                        touch(name, what)
    for entry in pages.values():
        english, chinese = site.source_path(entry.page), site.translation_path(entry.page)
        entry.english = site.rel(english) if english.is_file() else None
        entry.chinese = site.rel(chinese) if chinese.is_file() else None
        entry.chinese_status = _chinese_status(root, base, site, entry)
        for code, source in converted.items():
            own = site.docs_dir / code / entry.page
            made_from = entry.chinese if source == site.locale else entry.english
            entry.converted[code] = (site.rel(own) if own.is_file() else
                                     f"converted from {made_from or 'nothing (deleted)'}")
    return sorted(pages.values(), key=lambda p: p.page)


_VERBS = {"A": "added", "D": "deleted", "R": "renamed"}


def _converted_languages(site: Site) -> dict[str, str]:
    """{language: the language its pages are converted from}, from mkdocs.yml."""
    return {entry["locale"]: converted_from
            for entry in (site.i18n.get("languages") or [])
            if (converted_from := ((entry.get("extra") or {}).get("language") or {}).get(
                "converted_from"))}


def _conversion_entries(text: str | None) -> set:
    """What a version of data/conversion.yml converts: {(Simplified, Traditional)} of its
    rules and vocabulary, and its quotation marks."""
    try:
        data = yaml.safe_load(text or "") or {}
    except yaml.YAMLError:
        return set()  # the build reports it
    found = set()
    for section in ("rules", "vocabulary"):
        for rule in data.get(section) or [] if isinstance(data, dict) else []:
            if isinstance(rule, dict):
                found.add((str(rule.get("zh", "")).strip(), str(rule.get("zh_hant", "")).strip()))
    quotes = data.get("quotes") if isinstance(data, dict) else None
    found |= {(str(k), str(v)) for k, v in (quotes or {}).items()} if isinstance(quotes, dict) \
        else set()
    return found


def _conversion_pages(site: Site, old_text: str | None):
    """(page, Simplified text) for each converted page holding text a changed rule converts."""
    path = site.root / CONVERSION_RULES
    new_text = path.read_text(encoding="utf-8") if path.is_file() else None
    changed = sorted({zh for zh, _ in _conversion_entries(old_text) ^ _conversion_entries(new_text)
                      if zh})
    for name in site.translated_pages():
        text = site.translation_path(name).read_text(encoding="utf-8")
        for zh in changed:
            if zh in text:
                yield name, zh


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                            check=False)
    if result.returncode:
        raise ChangeError(f"git {args[0]}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def _changes(root: Path, base: str) -> list[tuple[str, str, str | None]]:
    """(A|M|D|R, path, old path of a rename) between BASE and the working tree."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except ChangeError:
        raise ChangeError(f'"{base}" is not a commit here: give BASE=main, a branch or a '
                          "commit (a shallow clone may need `git fetch`)") from None
    fields = _git(root, "diff", "--name-status", "-M", "-z", "--no-ext-diff", base, "--"
                  ).split("\0")
    changes = []
    while len(fields) > 1:
        status = fields.pop(0)[0]
        if status in "RC":
            old, new = fields.pop(0), fields.pop(0)
            changes.append(("R" if status == "R" else "A", new, old))
            if status == "R":
                changes.append(("D", old, None))
        else:
            changes.append((status if status in "AD" else "M", fields.pop(0), None))
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    changes += [("A", path, None) for path in untracked if path]
    return changes


def _old(root: Path, base: str, path: str) -> str | None:
    try:
        return _git(root, "show", f"{base}:{path}")
    except ChangeError:
        return None


def _pages_with_tables(site: Site) -> list[str]:
    names = set()
    for name in site.source_pages():
        if MARKER.search(site.source_path(name).read_text(encoding="utf-8")):
            names.add(name)
    for name in site.translated_pages():
        if MARKER.search(site.translation_path(name).read_text(encoding="utf-8")):
            names.add(name)
    return sorted(names)


def _terms(text: str | None) -> set:
    if text is None:
        return set()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "glossary.yml"
        path.write_text(text, encoding="utf-8")
        try:
            return {(t.en, t.zh, t.avoid, t.document, t.zh_hant) for t in glossary.load(path)}
        except glossary.GlossaryError:
            return set()  # the content check reports it


def _glossary_pages(site: Site, old_text: str | None):
    path = site.root / glossary.PATH
    new_text = path.read_text(encoding="utf-8") if path.is_file() else None
    changed = _terms(old_text) ^ _terms(new_text)
    for en, zh, avoid, *_ in sorted(changed, key=str):
        english = glossary.Term(en, zh, 0).pattern
        for name in site.source_pages():
            chinese = site.translation_path(name)
            zh_text = chinese.read_text(encoding="utf-8") if chinese.is_file() else ""
            if (english.search(site.source_path(name).read_text(encoding="utf-8"))
                    or any(word and word in zh_text for word in (zh, *avoid))):
                yield name, en


def _config_pages(site: Site, old_text: str | None):
    old = parse_config(old_text or "")
    new = site.config
    old_titles, new_titles = _nav_titles(old), _nav_titles(new)
    for name in sorted(set(old_titles) | set(new_titles)):
        if old_titles.get(name) != new_titles.get(name) and site.source_path(name).is_file():
            yield name, "menu title (mkdocs.yml)"
    old_links = (old.get("extra") or {}).get("links") or {}
    new_links = (new.get("extra") or {}).get("links") or {}
    for link in sorted(set(old_links) | set(new_links)):
        if old_links.get(link) != new_links.get(link):
            for name in _pages_using(site, f"][{link}]"):
                yield name, f"link [{link}] (mkdocs.yml)"
    if _rest(old) != _rest(new):
        for name in site.source_pages():
            yield name, "site settings (mkdocs.yml)"


def _nav_titles(config: dict) -> dict:
    """{page: (English title, every translation of it)}."""
    titles = {}

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, str):
                        titles[value] = title
                    else:
                        walk(value)
    walk(config.get("nav"))
    translations = [language.get("nav_translations") or {}
                    for language in (i18n_settings(config) or {}).get("languages") or []]
    return {page: (title, *[t.get(title) for t in translations])
            for page, title in titles.items()}


def _rest(config: dict) -> dict:
    """The configuration without what _config_pages compares page by page."""
    rest = {key: value for key, value in config.items() if key != "nav"}
    extra = dict(rest.get("extra") or {})
    extra.pop("links", None)
    rest["extra"] = extra
    rest["plugins"] = [
        {"i18n": {**plugin["i18n"], "languages": [
            {k: v for k, v in language.items() if k != "nav_translations"}
            for language in plugin["i18n"].get("languages") or []]}}
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict) else plugin
        for plugin in rest.get("plugins") or []]
    return rest


def _pages_using(site: Site, text: str) -> list[str]:
    names = set()
    for name in site.source_pages():
        for path in (site.source_path(name), site.translation_path(name)):
            if path.is_file() and text in path.read_text(encoding="utf-8"):
                names.add(name)
    return sorted(names)


def _chinese_status(root: Path, base: str, site: Site, entry: ChangedPage) -> str:
    if entry.english is None:
        return DELETED if entry.chinese is None else f"delete {entry.chinese} too"
    if entry.chinese is None:
        return MISSING
    if not _outdated(site.source_path(entry.page).read_text(encoding="utf-8"),
                     site.translation_path(entry.page).read_text(encoding="utf-8"),
                     entry.chinese):
        return UP_TO_DATE
    english_before = _old(root, base, entry.english)
    chinese_before = _old(root, base, entry.chinese)
    if english_before is None or chinese_before is None:
        return OUTDATED_NOW
    return OUTDATED if _outdated(english_before, chinese_before, entry.chinese) else OUTDATED_NOW


def _outdated(english: str, chinese: str, name: str) -> bool:
    try:
        recorded = front_matter.fields(chinese, name).get(TRANSLATION_KEY)
    except front_matter.FrontMatterError:
        return True  # the front matter check reports it
    return recorded != content_hash(english)
