"""A language's search index, split so that a query downloads only what its terms need.

The browser side is overrides/assets/javascripts/search-worker.js; both sides cut text
into terms the same way (`terms`):
- Han text: every run of Han characters gives its characters, character bigrams and
  trigrams. A query's run of up to three characters asks for itself; a longer run for its
  trigrams, all required and in a row, so a phrase that starts or ends inside a word is
  found, and only where it stands whole.
- Other text: split with the search plugin's `separator` (mkdocs.yml), lower-cased,
  lunr's English stop words left out, as the plugin's pipeline (`stopWordFilter` only)
  does today. A query word matches the terms it begins (a prefix).

Files written into a language's `search/` folder:
- `search_index.json`, which Material's bundle fetches when search opens and hands to
  the worker: no `docs`, and in its `config` a `shards` manifest: the first term of each
  shard, in UTF-16 order (the order JavaScript compares strings in), so the browser finds
  the shard of a term, or the few shards of a prefix, by binary search;
- `shards/N.json`: {term: postings}, postings a flat list of (document number minus the
  previous one, weight) pairs, weight = occurrences in the text (at most 15) + 16 if the
  term is in the title;
- `positions.json` and `positions/N.json`: the same for each Han trigram's positions,
  (document number minus the previous one, how many, then each position minus the one
  before; the title's characters counted first, then one for the break, then the
  text's), so the worker confirms that a longer phrase's trigrams stand in a row. Apart,
  with their own manifest (`positions.json`: the first trigram of each), because most
  queries never need them and a frequent trigram's positions weigh ten times its
  postings: the worker fetches them for a phrase of four characters or more;
- `pages/N.json`: what a result shows of page N, [[location, title, excerpt], ...], the
  page first, then its sections: fetched only for the results shown.
A small site's shards and pages are all fetched as search opens (`prefetch`, see
PREFETCH_BYTES); its positions wait for a phrase that needs them.
"""

import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

from backrefs import bre

HAN_RUN = bre.compile(r"\p{script: Han}+")  # \p{sc=Han} in JavaScript
NOT_HAN = bre.compile(r"\P{script: Han}+")
TAG = re.compile(r"<[^>]+>")  # the plugin's text keeps block tags only (p, li...): words end there
ZERO_WIDTH_SPACE = "\u200b"  # jieba's word boundaries in the plugin's Chinese text
# lunr's English stop words, which the search plugin's pipeline leaves out of its index.
STOP_WORDS = frozenset((
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an",
    "and", "any", "are", "as", "at", "be", "because", "been", "but", "by", "can", "cannot",
    "could", "dear", "did", "do", "does", "either", "else", "ever", "every", "for", "from",
    "get", "got", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "however",
    "i", "if", "in", "into", "is", "it", "its", "just", "least", "let", "like", "likely",
    "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of", "off",
    "often", "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she",
    "should", "since", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "tis", "to", "too", "twas", "us", "wants", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "yet", "you", "your",
))
SHARD_BYTES = 12_000  # raw JSON per shard; about 4 KB gzip
# A site whose search files are this small (raw bytes) has them all fetched when search
# opens, so that its first results wait for no request (about 20 KB gzip).
PREFETCH_BYTES = 64_000
EXCERPT = 300  # characters of a result's text: more than Material's teaser shows
MAX_WEIGHT = 15
TITLE_WEIGHT = 16


def han_terms(run):
    """The terms of one run of Han characters: its bigrams, trigrams, then its characters."""
    return ngrams(run, 2) + ngrams(run, 3) + list(run)


def ngrams(run, n):
    """Every n characters in a row of run, in order."""
    return [run[i:i + n] for i in range(len(run) - n + 1)]


def word_terms(text, separator):
    """The terms of text without Han characters: as the search plugin's tokenizer cuts it."""
    words = (word.lower() for word in separator.split(text))
    return [word for word in words if word and word not in STOP_WORDS]


def terms(text, separator):
    """Every term (with repeats) of a field's plain text."""
    text = text.replace(ZERO_WIDTH_SPACE, "")  # Han runs are whole again; words split anyway
    found = [term for run in HAN_RUN.findall(text) for term in han_terms(run)]
    found += [term for piece in NOT_HAN.findall(text) for term in word_terms(piece, separator)]
    return found


def trigram_positions(text):
    """{trigram: [positions]} of a field's plain text: character offsets (code points, after
    jieba's zero-width spaces are taken out), the first character of the trigram."""
    text = text.replace(ZERO_WIDTH_SPACE, "")
    found = defaultdict(list)
    for run in HAN_RUN.finditer(text):
        for offset, trigram in enumerate(ngrams(run[0], 3)):
            found[trigram].append(run.start() + offset)
    return found


def plain(markup):
    """The text of a field of the plugin's index: no tags, entities decoded."""
    return html.unescape(TAG.sub(" ", markup))


def utf16(term):
    """Sort key: JavaScript compares strings by UTF-16 code units."""
    return term.encode("utf-16-be")


def excerpt(markup):
    """The first lines of a field as plain HTML text: what Material's teaser shows of it."""
    text = " ".join(plain(markup).replace(ZERO_WIDTH_SPACE, "").split())
    return html.escape(text[:EXCERPT] + ("…" if len(text) > EXCERPT else ""), quote=False)


def plain_title(doc):
    """A title as Material shows it (HTML), without jieba's zero-width spaces."""
    return doc["title"].replace(ZERO_WIDTH_SPACE, "")


def group_pages(docs):
    """The plugin's documents as pages: [[page document, its sections...], ...]."""
    pages = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    for page, group in pages.items():  # the page's own document first
        group.sort(key=lambda doc: doc["location"] != page)
    return list(pages.values())


def postings(pages, separator, fold=None):
    """({term: [(document number, [weight]), ...]}, {trigram: [(document number, [count,
    positions...]), ...]}) over the documents of pages, in order; Han characters folded
    with `fold` ({Traditional: Simplified}, the config's han_fold)."""
    folding = str.maketrans(fold or {})
    index, positions = defaultdict(list), defaultdict(list)
    number = 0
    for group in pages:
        for doc in group:
            text = plain(doc["text"]).translate(folding)
            title_text = plain(doc["title"]).translate(folding)
            counts = Counter(terms(text, separator))
            title = set(terms(title_text, separator))
            for term in counts.keys() | title:
                weight = min(counts[term], MAX_WEIGHT) + (TITLE_WEIGHT if term in title else 0)
                index[term].append((number, [weight]))
            # One position list per document: the title's, then the text's after a break.
            for trigram, at in trigram_positions(f"{title_text}\n{text}").items():
                positions[trigram].append((number, [len(at), *deltas(at)]))
            number += 1
    return index, positions


def deltas(numbers):
    """Each number minus the one before (the first as it is): small numbers gzip well."""
    return [b - a for a, b in pairwise([0, *numbers])]


def encode(entries):
    """Flat (document-number delta, values...) entries."""
    numbers = deltas([number for number, _ in entries])
    return [value for delta, (_, values) in zip(numbers, entries, strict=True)
            for value in (delta, *values)]


def shard(index, limit=SHARD_BYTES):
    """Consecutive runs of the sorted terms, each about `limit` bytes of JSON."""
    shards, current, size = [], {}, 0
    for term in sorted(index, key=utf16):
        entry = encode(index[term])
        cost = len(dumps({term: entry}))
        if current and size + cost > limit:
            shards.append(current)
            current, size = {}, 0
        current[term] = entry
        size += cost
    if current or not shards:
        shards.append(current)
    return shards


def first_terms(shards):
    """Each shard's first term, in sorted order: what the worker looks a term up in."""
    return [next(iter(part), "") for part in shards]


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_index(folder, config, docs):
    """Write one language's search files (see the module's docstring) into folder."""
    folder = Path(folder)
    separator = re.compile(config["separator"])
    pages = group_pages(docs)
    shards, positions = map(shard, postings(pages, separator, config.get("han_fold")))
    files = {f"{name}/{n}.json": dumps(part) for name, parts in (("shards", shards),
                                                                 ("positions", positions))
             for n, part in enumerate(parts)}
    files["positions.json"] = dumps({"first": first_terms(positions)})
    files.update({f"pages/{n}.json": dumps([[d["location"], plain_title(d), excerpt(d["text"])]
                                            for d in group])
                  for n, group in enumerate(pages)})
    version = hashlib.sha256("".join(files.values()).encode()).hexdigest()[:12]
    manifest = {  # Material's bundle hands `config` and `docs` to the search worker
        "config": {**config, "shards": {
            "version": version,
            "first": first_terms(shards),
            "sections": [len(group) for group in pages],  # documents per page, in order
            "documents": sum(map(len, pages)),
            "prefetch": sum(len(text.encode()) for name, text in files.items()
                            if not name.startswith("positions")) <= PREFETCH_BYTES,
            "stopWords": sorted(STOP_WORDS),
        }},
        "docs": [],
    }
    for name in ("shards", "positions", "pages"):
        if (folder / name).exists():
            for old in (folder / name).iterdir():
                old.unlink()
        (folder / name).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "search_index.json").write_text(dumps(manifest), encoding="utf-8")
    return manifest

