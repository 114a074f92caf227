"""A copy of the site grown to many pages per language, for `make bench`, the search byte
budget and the search completeness test: each page's text is drawn from a vocabulary with
a long tail, as a real site's is (Zipf's law: the word of rank r on about 1/r of the
draws): the real pages' words, most frequent first, then made-up ones (English words of
made-up syllables, Chinese words of two of the real characters), so a few words are on
most pages, some on about fifty, many on a handful. The Traditional pages are converted
from the Chinese ones by the build, as the real ones are."""

import functools
import json
import logging
import random
import re
import shutil
from itertools import accumulate

import jieba
from backrefs import bre

from sitelib import ROOT
from sitelib.site_pages import i18n_settings, parse_config

jieba.setLogLevel(logging.WARNING)  # it announces its dictionary

SECTION_SIZE = 50  # pages per menu section
WORDS = {"en": 250}  # English words per page
CHARACTERS = {"zh": 400}  # Chinese characters per page
VOCABULARY = 20_000  # words per language, real and made up
MARKUP = re.compile(r"[*_`#|<>\[\]{}\\]")
LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]|\[([^\]]*)\]\([^)]*\)")
HAN_RUN = bre.compile(r"\p{script: Han}+")
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ar", "en", "or")]


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


def _ranked(words):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], word))


@functools.cache
def source(lang):
    """What pages of lang are drawn from: (vocabulary, cumulative Zipf weights)."""
    text = " ".join(prose(lang))
    rng = random.Random(f"vocabulary-{lang}")
    if lang == "en":
        real = _ranked(word.lower() for word in ENGLISH_WORD.findall(text))
        made = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))  # noqa: E731
    else:
        real = _ranked(word for run in HAN_RUN.findall(text) for word in jieba.cut(run))
        chars = sorted({char for run in HAN_RUN.findall(text) for char in run})
        made = lambda: rng.choice(chars) + rng.choice(chars)  # noqa: E731
    words, seen = list(real), set(real)
    while len(words) < VOCABULARY:
        word = made()
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(accumulate(1 / rank for rank in range(1, len(words) + 1)))


def _draw(rng, source, count):
    words, weights = source
    return rng.choices(words, cum_weights=weights, k=count)


def _sentences(rng, words):
    """English words as sentences: a capital letter, a full stop every 6 to 14 words."""
    out, left = [], 0
    for word in words:
        if not left:
            if out:
                out[-1] += "."
            word, left = word.capitalize(), rng.randint(6, 14)
        out.append(word)
        left -= 1
    return " ".join(out) + "."


def _chinese(rng, source, characters):
    """Chinese words as clauses, a comma after 2 to 6 words, a full stop now and then."""
    text = ""
    while len(text) < characters:
        clause = "".join(_draw(rng, source, rng.randint(2, 6)))
        text += clause + rng.choice("，，，。")
    return text[:characters - 1] + "。"


def page_text(lang, number, source):
    """Title and three paragraphs (with two headings) for page `number` of lang."""
    rng = random.Random(f"{lang}-{number}")
    if lang == "en":
        words = _draw(rng, source, WORDS["en"])
        third = len(words) // 3
        parts = [_sentences(rng, words[i * third:(i + 1) * third if i < 2 else None])
                 for i in range(3)]
        headings = [" ".join(_draw(rng, source, rng.randint(2, 4))).capitalize()
                    for _ in range(3)]
    else:
        text = _chinese(rng, source, CHARACTERS["zh"])
        third = len(text) // 3
        parts = [text[i * third:(i + 1) * third if i < 2 else None] for i in range(3)]
        headings = ["".join(_draw(rng, source, rng.randint(2, 3))) for _ in range(3)]
    return headings, parts


def address(number):
    """A synthetic page's address under its language's root."""
    return f"s{number // SECTION_SIZE:02d}/page-{number:03d}.html"


def texts(lang, pages):
    """{address: the page's title, headings and text} of every synthetic page of lang."""
    found = {}
    for number in range(pages):
        headings, parts = page_text(lang, number, source(lang))
        found[address(number)] = f"{headings[0] or number} {number} " + " ".join(
            headings[1:] + parts)
    return found


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

- [Next page](../{address(nxt).replace(".html", ".md")})
- [Previous page](../{address(prev).replace(".html", ".md")})

## {headings[2] or "Details"}

{table}{parts[2]}
"""


CONTENT = ("docs", "data", "locales")  # what the site is made from, beside mkdocs.yml


def write(folder, pages, root=ROOT):
    """A copy of root's site (its pages, data and interface strings) in folder, grown by
    `pages` pages per language, with the configurations (ours, stock) that build it with
    root's hooks and theme (root: this project, or a copy of an older commit), stock being
    mkdocs-static-i18n with the same languages and no hooks or overrides (its converted
    languages get a copy of the pages they are converted from: stock converts nothing)."""
    settings = parse_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    languages = i18n_settings(settings)["languages"]
    for name in CONTENT:
        shutil.copytree(root / name, folder / name)
    docs = folder / "docs"
    nav = list(settings["nav"])
    for lang, base in (("en", docs), ("zh", docs / "zh")):
        text = source(lang)  # this tree's pages, whichever root builds them
        for number in range(pages):
            path = base / address(number).replace(".html", ".md")
            path.parent.mkdir(exist_ok=True)
            path.write_text(_page(lang, number, pages, text), encoding="utf-8")
    stock_docs = folder / "stock-docs"
    shutil.copytree(docs, stock_docs)
    for language in languages:
        converted_from = ((language.get("extra") or {}).get("language") or {}).get(
            "converted_from")
        if converted_from:
            shutil.copytree(docs / converted_from, stock_docs / language["locale"])
    for section in range(0, pages, SECTION_SIZE):
        numbers = range(section, min(section + SECTION_SIZE, pages))
        nav.append({f"Section {section // SECTION_SIZE}":
                    [address(n).replace(".html", ".md") for n in numbers]})
    (folder / "empty-overrides").mkdir(exist_ok=True)
    common = {"INHERIT": str(root / "mkdocs.yml"), "nav": nav}
    ours = {**common, "docs_dir": str(docs),
            "hooks": [str(root / hook) for hook in settings.get("hooks") or []],
            "theme": {"custom_dir": str(root / "overrides")}}
    stock = {**common, "docs_dir": str(stock_docs), "hooks": [],
             "theme": {"custom_dir": str(folder / "empty-overrides")},
             "edit_uri": "",  # our hooks set repo_url; without them there is nothing to edit
             "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
                 {key: language[key] for key in ("locale", "name", "default", "build")
                  if key in language} for language in languages]}}]}
    configs = []
    for name, config in (("ours", ours), ("stock", stock)):
        path = folder / f"mkdocs-{name}.yml"
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        configs.append(path)
    return configs
