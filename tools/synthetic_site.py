"""A copy of the site grown to many pages per language, for `make bench` and the search byte
budget: each page's text varies the way a real site's does, drawn from the real pages (250
English words of the real English sentences; 400 characters of the real Chinese text), so
the search index grows with the vocabulary as it would, not with one repeated paragraph."""

import json
import random
import re

from sitelib import ROOT

SECTION_SIZE = 50  # pages per menu section
WORDS = {"en": 250}  # English words per page
CHARACTERS = {"zh": 400}  # Chinese characters per page
MARKUP = re.compile(r"[*_`#|<>\[\]{}\\]")  # Markdown that a slice of text must not start
LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]|\[([^\]]*)\]\([^)]*\)")
HOOKS = ["hook_links.py", "hook_i18n.py", "hook_search.py", "hook_membership_tables.py"]


def prose(lang):
    """The running text of the real pages of lang, without front matter or markup."""
    folder = ROOT / "docs" / ("zh" if lang == "zh" else "")
    lines = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for line in text.splitlines():
            line = LINK.sub(lambda m: m.group(1) or m.group(2) or "", line).strip(" -")
            if line and not line.startswith(("#", "|", "<", "!!!", "[", "    ")):
                lines.append(MARKUP.sub("", line))
    return lines


def source(lang):
    """What pages of lang are drawn from: English sentences, or all the Chinese text."""
    lines = prose(lang)
    if lang == "en":
        return [s for line in lines for s in re.split(r"(?<=[.!?])\s+", line) if s]
    return "".join(lines)


def _english(rng, sentences, words):
    chosen = []
    while len(chosen) < words:
        chosen += rng.choice(sentences).split()
    return chosen[:words]


def page_text(lang, number, source):
    """Title and three paragraphs (with two headings) for page `number` of lang."""
    rng = random.Random(f"{lang}-{number}")
    if lang == "en":
        words = _english(rng, source, WORDS["en"])
        third = len(words) // 3
        parts = [" ".join(words[i * third:(i + 1) * third if i < 2 else None]) for i in range(3)]
        headings = [" ".join(_english(rng, source, rng.randint(2, 4))).strip(".,;:")
                    for _ in range(3)]
    else:
        start = rng.randrange(len(source) - CHARACTERS["zh"])
        text = source[start:start + CHARACTERS["zh"]]
        third = len(text) // 3
        parts = [text[i * third:(i + 1) * third if i < 2 else None] for i in range(3)]
        headings = []
        for _ in range(3):
            at = rng.randrange(len(source) - 8)
            headings.append(source[at:at + rng.randint(4, 8)].strip("，。、；：（）“”"))
    return headings, parts


def _page(lang, number, pages, source):
    headings, parts = page_text(lang, number, source)
    nxt, prev = (number + 1) % pages, (number - 1) % pages
    table = "<!-- table: membership-classes -->\n\n" if number % SECTION_SIZE == 0 else ""
    return f"""---
description: Synthetic page {number}.
---
# {headings[0] or number} {number}

{parts[0]}

## {headings[1] or "Overview"}

{parts[1]}

- [Next page](../s{nxt // SECTION_SIZE:02d}/page-{nxt:03d}.md)
- [Previous page](../s{prev // SECTION_SIZE:02d}/page-{prev:03d}.md)

## {headings[2] or "Details"}

{table}{parts[2]}
"""


def write(folder, pages, root=ROOT):
    """Docs for `pages` pages per language into folder/docs, with the configurations
    (ours, stock) that build them with root's hooks and theme (root: this project, or a
    copy of an older commit), stock being mkdocs-static-i18n with no hooks or overrides."""
    docs = folder / "docs"
    nav = [{"Home": "index.md"}]
    for lang, base in (("en", docs), ("zh", docs / "zh")):
        text = source(lang)  # this tree's pages, whichever root builds them
        base.mkdir(parents=True, exist_ok=True)
        (base / "index.md").write_text(f"# Home\n\n{prose(lang)[0]}\n", encoding="utf-8")
        for number in range(pages):
            path = base / f"s{number // SECTION_SIZE:02d}" / f"page-{number:03d}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(_page(lang, number, pages, text), encoding="utf-8")
    for section in range(0, pages, SECTION_SIZE):
        numbers = range(section, min(section + SECTION_SIZE, pages))
        nav.append({f"Section {section // SECTION_SIZE}":
                    [f"s{section // SECTION_SIZE:02d}/page-{n:03d}.md" for n in numbers]})
    (folder / "empty-overrides").mkdir(exist_ok=True)
    common = {"INHERIT": str(root / "mkdocs.yml"), "docs_dir": str(docs), "nav": nav}
    ours = {**common, "hooks": [str(root / "scripts" / hook) for hook in HOOKS],
            "theme": {"custom_dir": str(root / "overrides")}}
    stock = {**common, "hooks": [], "theme": {"custom_dir": str(folder / "empty-overrides")},
             "edit_uri": "",  # our hooks set repo_url; without them there is nothing to edit
             "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
                 {"locale": "en", "name": "English", "default": True, "build": True},
                 {"locale": "zh", "name": "简体中文", "build": True}]}}]}
    configs = []
    for name, config in (("ours", ours), ("stock", stock)):
        path = folder / f"mkdocs-{name}.yml"
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        configs.append(path)
    return configs
