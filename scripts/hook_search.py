"""MkDocs hook: one search index per language, split so that a query fetches only what it needs.

- The search plugin writes one index mixing both languages; split it so each language root
  has its own search files and results stay in the reader's language, and point
  Material's `base` (where it fetches the index) at the language root.
- Each language's documents are written as shards of terms and small files of result
  text (scripts/sitelib/search_shards.py); overrides/assets/javascripts/search-worker.js answers
  Material's queries from them, so a first search costs what its terms need, not the
  size of the site. Han text is indexed by characters, bigrams and trigrams, with the
  trigrams' positions apart (any phrase is found, and only where it stands whole).
- Either Chinese script: Han terms are folded to Simplified with a character table
  (Traditional → Simplified, limited to the Han characters of the site's indexes:
  sitelib.conversion.fold_table), given to each index as `config.han_fold`; the worker
  folds a query's Han runs with it, so 會員 and 会员 find the same pages on either site.
- Either wording: the Traditional site's vocabulary (Taiwan wording for a Simplified
  phrase, data/conversion.yml `vocabulary:`) goes to each index as `config.han_vocabulary`,
  [[Simplified phrase, Taiwan phrase], ...]; the worker searches a query holding either
  for both, so 可持续发展, 可持續發展 and 永續發展 find the same pages.
"""

import json
import logging
import re
from pathlib import Path

import jieba
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitelib import conversion, i18n_plugin, search_shards

# jieba (the search plugin's Chinese word segmentation) announces its dictionary on every build.
jieba.setLogLevel(logging.WARNING)

CONFIG_OPEN = '<script id="__config" type="application/json">'


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


def _split_search_index(site_dir, i18n, vocabulary=None):
    """vocabulary: [(Simplified phrase, Taiwan phrase)], by default the converter's."""
    site = Path(site_dir)
    merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    try:
        re.compile(merged["config"]["separator"])
    except re.error as error:
        raise PluginError(f"mkdocs.yml, plugins: search: separator: "
                          f"{merged['config']['separator']!r} is not a regular expression "
                          f"Python can read ({error}); correct it.") from None
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    by_lang = {lang: [] for lang in i18n.build_languages}
    for doc in merged["docs"]:
        lang = next((o for o in others if doc["location"].startswith(f"{o}/")), None)
        if lang is None:
            by_lang[i18n.default_language].append(doc)
        else:
            doc["location"] = doc["location"].removeprefix(f"{lang}/")
            by_lang[lang].append(doc)
    if vocabulary is None:
        vocabulary = [(rule.zh, rule.zh_hant) for rule in conversion.converter().vocabulary]
    config = index_config(merged["config"], merged["docs"], vocabulary)
    for lang, docs in by_lang.items():
        root = site if lang == i18n.default_language else site / lang
        search_shards.write_index(root / "search", config, docs)


def index_config(config, docs, vocabulary):
    """The search plugin's config for a language's index: Han folding (han_fold, for the
    characters of every language's docs and of the vocabulary) and the vocabulary's pairs
    (han_vocabulary); no lunr language file (Han text needs none)."""
    vocabulary = [list(pair) for pair in vocabulary]
    texts = [doc["title"] + doc["text"] for doc in docs] + sum(vocabulary, [])
    fold = conversion.fold_table(
        char for text in texts for run in search_shards.HAN_RUN.findall(text) for char in run)
    return {**config, "lang": ["en"], "han_fold": fold, "han_vocabulary": vocabulary}
