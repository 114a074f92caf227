"""What search should find on a built synthetic site (tools/synthetic_site.py), read from
the built pages themselves, for `make bench` and tests/test_search_complete.py: each page's
text, the pages that really hold a query (after the folding the index uses), and terms
that are on most pages, on about fifty, or on a handful."""

import json
import random
import re
from collections import Counter

from bs4 import BeautifulSoup
from quality.pages import TABLE

from sitelib import search_shards

ENGLISH_WORD = re.compile(r"[A-Za-z]{4,}")


def index_config(site, lang):
    """The config of lang's search index (separator, han_fold...)."""
    manifest = site / TABLE[lang].path / "search" / "search_index.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["config"]


def built_texts(site, lang):
    """{address under the language root: the article's text} of every page of lang (the
    real ones and the synthetic ones; not the 404 page, which the index leaves out)."""
    root = site / TABLE[lang].path
    others = [site / other.path for other in TABLE.values()
              if other.path not in ("", TABLE[lang].path)]
    texts = {}
    for path in sorted(root.rglob("*.html")):
        if path.name == "404.html" or any(path.is_relative_to(o) for o in others):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").article
        # not in the search index: "last updated", permalinks, the translation notices
        for fact in article.select(".md-source-file, .headerlink, .i18n-untranslated, "
                                   ".i18n-outdated"):
            fact.decompose()
        texts[path.relative_to(root).as_posix()] = article.get_text(" ")
    return texts


class Truth:
    """The pages of one language that hold a query, as the index cuts and folds text: a Han
    run in a row (folded to Simplified), an English word beginning a word."""

    def __init__(self, site, lang):
        config = index_config(site, lang)
        self.fold = str.maketrans(config["han_fold"])
        self.separator = re.compile(config["separator"])
        self.texts = built_texts(site, lang)
        self.han = {page: text.translate(self.fold) for page, text in self.texts.items()}
        self.words = {page: set(search_shards.terms(text, self.separator))
                      for page, text in self.texts.items()}

    def as_written(self, term):
        """A folded Han term as a page of this language writes it (folding keeps offsets)."""
        for page, text in self.han.items():
            if term in text:
                at = text.index(term)
                return self.texts[page][at:at + len(term)]
        return term

    def holding(self, query):
        runs = [run.translate(self.fold) for run in search_shards.HAN_RUN.findall(query)]
        words = [word for piece in search_shards.NOT_HAN.findall(query)
                 for word in search_shards.word_terms(piece, self.separator)]
        return {page for page, text in self.han.items()
                if all(run in text for run in runs)
                and all(any(w.startswith(word) for w in self.words[page]) for word in words)}

    def terms(self, lang, rng):
        """{"frequent": on most pages, "medium": on about 50, "rare": on 2 to 5} terms of
        lang: English words no other word begins with (so a prefix finds the word alone);
        Chinese runs of three characters (one index term) or four (whose trigrams the
        phrase check must put in a row), preferring those whose trigrams are also on pages
        without the phrase."""
        pages = sorted(self.han)
        if lang == "en":
            words = sorted({w for found in self.words.values() for w in found})
            alone = {w for w, after in zip(words, [*words[1:], ""], strict=True)
                     if ENGLISH_WORD.fullmatch(w) and not after.startswith(w)}
            counts = Counter(w for found in self.words.values() for w in found & alone)
        else:
            candidates = set()
            for page in rng.sample(pages, min(30, len(pages))):
                for run in search_shards.HAN_RUN.findall(self.han[page]):
                    candidates |= {*search_shards.ngrams(run, 3), *search_shards.ngrams(run, 4)}
            candidates = rng.sample(sorted(candidates), min(1500, len(candidates)))
            counts = {term: len(self.holding(term)) for term in candidates}
        loose = {term: self._loose(term) for term in counts} if lang != "en" else {}

        def pick(low, high):
            fitting = [t for t, n in counts.items() if low <= n <= high] or sorted(
                counts, key=lambda t: min(abs(counts[t] - low), abs(counts[t] - high)))[:1]
            return max(fitting, key=lambda t: (loose.get(t, 0) - counts[t], t))

        return {"frequent": max(counts, key=lambda t: (counts[t], t)),
                "medium": pick(len(pages) // 15, len(pages) // 6),
                "rare": pick(2, 5)}

    def _loose(self, run):
        """Pages holding every trigram of a run, in a row or not."""
        trigrams = search_shards.ngrams(run, 3)
        return sum(all(t in text for t in trigrams) for text in self.han.values())


def sample_phrases(texts, lang, count, seed):
    """Phrases from the pages: 1 to 6 Han characters, or 2 or 3 English words."""
    rng = random.Random(seed)
    pages = sorted(texts)
    phrases = []
    while len(phrases) < count:
        text = texts[rng.choice(pages)]
        if lang != "en":
            run = rng.choice(search_shards.HAN_RUN.findall(text))
            length = rng.randint(1, min(6, len(run)))
            start = rng.randrange(len(run) - length + 1)
            phrases.append(run[start:start + length])
        else:
            words = [re.sub(r"[^\w’'-]", "", word) for word in text.split()]
            start = rng.randrange(len(words) - 3)
            phrase = " ".join(words[start:start + rng.randint(2, 3)])
            if set(phrase.lower().split()) - search_shards.STOP_WORDS:
                phrases.append(phrase)
    return phrases
