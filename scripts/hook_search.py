"""MkDocs hook: one search index per language, and Chinese that is found by any phrase.

- The search plugin writes one index mixing both languages; split it so each language root
  has its own `search/search_index.json` and results stay in the reader's language, and
  point Material's `base` (where it fetches the index) at the language root.
- Chinese: the plugin cuts Chinese text into jieba words, but a visitor's query is cut
  another way in the browser, so phrases that start or end inside a word were not found.
  Each section gets a `cjk` field holding the character bigrams of every run of Han
  characters (plus the run's last character, so a single character is found as a prefix);
  overrides/assets/javascripts/search.js turns the Han runs of a query into the same
  bigrams, all required. Same split on both sides: every page containing a phrase matches.
"""

import json
import logging
import re
from pathlib import Path

import jieba
from backrefs import bre
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitelib import i18n_plugin

# jieba (the search plugin's Chinese word segmentation) announces its dictionary on every build.
jieba.setLogLevel(logging.WARNING)

HAN_RUN = bre.compile(r"\p{script: Han}+")  # as the plugin finds Chinese; \p{sc=Han} in JS
TAG = re.compile(r"<[^>]+>")  # the index keeps block tags only (p, li...): runs end there
# Joins the two characters of a bigram: not Han, so the bundle's own Chinese query
# segmentation leaves a bigram alone, and not a separator, so it stays one token.
JOINER = "\u00b7"
CONFIG_OPEN = '<script id="__config" type="application/json">'


def grams(run):
    """The tokens for one run of Han characters: its bigrams and its last character."""
    pairs = [run[i] + JOINER + run[i + 1] for i in range(len(run) - 1)]
    return [*pairs, run[-1]]


def cjk_tokens(text):
    """Every distinct bigram token of the Han runs in an index field's text."""
    plain = TAG.sub(" ", text).replace("\u200b", "")
    tokens = (gram for run in HAN_RUN.findall(plain) for gram in grams(run))
    return " ".join(dict.fromkeys(tokens))


def on_post_page(output, page, config):
    """Point Material's `base` (where it fetches the search index) at the language root."""
    i18n = i18n_plugin.plugin(config)
    if i18n.current_language == i18n.default_language:
        return output
    start = output.index(CONFIG_OPEN) + len(CONFIG_OPEN)
    end = output.index("</script>", start)
    app = json.loads(output[start:end])
    app["base"] = f"{app['base']}/{i18n.current_language}/"  # a folder: URLs resolve inside it
    return output[:start] + json.dumps(app).replace("<", "\\u003c") + output[end:]


@event_priority(-200)  # after the i18n plugin has built every language and merged search
def on_post_build(config):
    i18n = i18n_plugin.plugin(config)
    if i18n.building:  # an inner, per-language build: the merged output is not ready
        return
    _split_search_index(config.site_dir, i18n)


def _split_search_index(site_dir, i18n):
    site = Path(site_dir)
    merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    by_lang = {lang: [] for lang in i18n.build_languages}
    for doc in merged["docs"]:
        lang = next((o for o in others if doc["location"].startswith(f"{o}/")), None)
        if lang is None:
            by_lang[i18n.default_language].append(doc)
        else:
            doc["location"] = doc["location"].removeprefix(f"{lang}/")
            by_lang[lang].append(doc)
    for lang, docs in by_lang.items():
        root = site if lang == i18n.default_language else site / lang
        path = root / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        index = _language_index(merged["config"], docs)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _language_index(config, docs):
    """One language's index. Chinese needs no lunr language file: the bigrams do its work
    (and the plugin's pipeline has neither stemmer nor trimmer to undo them)."""
    if re.search(config["separator"], JOINER):
        raise PluginError(
            f"mkdocs.yml, plugins: search: separator: {config['separator']!r} splits on "
            f"{JOINER!r}, which joins the characters of a Chinese bigram in the search index "
            f"(scripts/hook_search.py); take {JOINER!r} out of the separator.")
    fields = dict(config["fields"])
    for doc in docs:
        tokens = cjk_tokens(doc["title"] + " " + doc["text"])
        if tokens:
            doc["cjk"] = tokens
            fields["cjk"] = {"boost": 1.0}
    return {"config": {**config, "lang": ["en"], "fields": fields}, "docs": docs}
