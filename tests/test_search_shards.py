"""The sharded search index (scripts/sitelib/search_shards.py) and the worker that reads it
(overrides/assets/javascripts/search-worker.js, run in Node by tools/search_worker.mjs):
both sides cut text into the same terms, every term is in the shard the worker looks in,
and every page holding a phrase is matched, on an index of many shards. The browser side,
on the built site: tests/test_search.py."""

import json
import random
import re
import subprocess

import hook_search
import pytest
import synthetic_site
from mkdocs.exceptions import PluginError

from sitelib import ROOT, search_shards
from sitelib.search_shards import STOP_WORDS, han_terms, terms, utf16, write_index

# The search plugin's separator, as mkdocs.yml sets it.
SEPARATOR = re.search(r"separator: '(.+)'", (ROOT / "mkdocs.yml").read_text("utf-8")).group(1)
CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
HAN = re.compile(r"[\u4e00-\u9fff]+")


def test_a_han_run_gives_its_bigrams_trigrams_and_characters():
    assert han_terms("工作组") == ["工作", "作组", "工作组", "工", "作", "组"]
    assert han_terms("铝") == ["铝"]
    assert han_terms("𠀋铝") == ["𠀋铝", "𠀋", "铝"]  # U+2000B: one character, two UTF-16 units


def test_text_is_cut_as_the_search_plugin_cuts_it():
    separator = re.compile(SEPARATOR)
    assert terms("ASI会员\u200b类别 and the WorkingGroups, 1.5 °C", separator) == [
        "会员", "员类", "类别", "会员类", "员类别", "会", "员", "类", "别",
        "asi", "working", "groups", "1.5", "°c"]
    assert not set(terms("the of and", separator)) & STOP_WORDS


def test_shards_hold_every_term_once_in_javascript_order():
    index = {term: [(0, [1])] for term in ["b", "a", "𠀋", "ｚ", "aa", *map(str, range(300))]}
    shards = search_shards.shard(index, limit=200)
    assert len(shards) > 3
    flat = [term for part in shards for term in part]
    assert sorted(flat) == sorted(index) and len(flat) == len(set(flat))
    assert flat == sorted(flat, key=utf16)
    assert flat.index("𠀋") < flat.index("ｚ")  # U+2000B before U+FF5A, as JavaScript sorts


def docs_for(lang, pages):
    """The search plugin's documents for `pages` synthetic pages (a page and two sections)."""
    source = synthetic_site.source(lang)
    docs, texts = [], {}
    for number in range(pages):
        headings, parts = synthetic_site.page_text(lang, number, source)
        page = f"p{number}.html"
        docs.append({"location": page, "title": f"{headings[0]} {number}",
                     "text": f"<p>{parts[0]}</p>"})
        for n, (heading, part) in enumerate(zip(headings[1:], parts[1:], strict=True)):
            docs.append({"location": f"{page}#s{n}", "title": heading, "text": f"<p>{part}</p>"})
        texts[page] = f"{headings[0]} {number} " + " ".join(headings[1:] + parts)
    return docs, texts


def run_worker(folder, queries):
    result = subprocess.run(["node", str(ROOT / "tools" / "search_worker.mjs"), str(folder)],
                            input=json.dumps(queries), capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module", params=["zh", "en"])
def many_pages(request, tmp_path_factory):
    """A language's index of 300 synthetic pages, many shards."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"search-{lang}")
    docs, texts = docs_for(lang, 300)
    manifest = write_index(folder, CONFIG, docs)
    assert len(manifest["config"]["shards"]["first"]) > 10
    return lang, folder, texts


def sample(lang, texts, rng, count=40):
    phrases = []
    pages = sorted(texts)
    while len(phrases) < count:
        text = texts[rng.choice(pages)]
        if lang == "zh":
            run = rng.choice(HAN.findall(text))
            start = rng.randrange(len(run))
            phrases.append(run[start:start + rng.randint(1, 6)])
        else:
            words = [w.strip(".,;:()’'") for w in text.split()]
            start = rng.randrange(len(words) - 3)
            phrase = " ".join(words[start:start + rng.randint(1, 3)])
            if set(phrase.lower().split()) - STOP_WORDS and phrase.lower() in text.lower():
                phrases.append(phrase)
    return phrases


def test_the_worker_looks_up_the_terms_the_index_holds_for_a_phrase(many_pages):
    lang, folder, texts = many_pages
    separator = re.compile(SEPARATOR)
    phrases = sample(lang, texts, random.Random(3), 30) + ["ASI会员", "𠀋铝业", "加入ASI"]
    for answer in run_worker(folder, phrases):
        indexed = set(terms(answer["query"], separator))
        assert answer["terms"] and set(answer["terms"]) <= indexed, answer["query"]


def test_every_page_holding_a_phrase_is_matched(many_pages):
    lang, folder, texts = many_pages
    phrases = sample(lang, texts, random.Random(7))
    found = expected = 0
    for answer in run_worker(folder, phrases):
        # English words begin where a word begins; Chinese phrases are found anywhere
        start = "" if lang == "zh" else r"(?<!\w)"
        phrase = re.compile(start + re.escape(answer["query"].lower()))
        holding = {page for page, text in texts.items() if phrase.search(text.lower())}
        assert holding, answer["query"]
        expected += len(holding)
        found += len(holding & set(answer["pages"]))
        missed = holding - set(answer["pages"])
        assert not missed, (answer["query"], sorted(missed)[:5])
    print(f"\n{lang}: {len(phrases)} phrases, {found}/{expected} pages matched")


def test_the_answer_shows_the_best_pages_in_material_s_shape(many_pages):
    lang, folder, texts = many_pages
    query = "工作组" if lang == "zh" else "working groups"
    [answer] = run_worker(folder, [query])
    items = answer["answer"]["items"]
    # The first six results (a screen's worth; Material renders 10, search.js fills the
    # rest) come with their text; `total` counts every page that matches, each reachable.
    assert len(items) == min(6, answer["answer"]["total"])
    assert answer["answer"]["total"] == len(answer["pages"]) == len(set(answer["pages"])) > 10
    assert [group[0]["location"].split("#")[0] for group in items] == answer["pages"][:len(items)]
    for group in items:
        assert sum("#" not in item["location"] for item in group) == 1  # the page's own entry
        assert all(set(query.split()) <= set(item["terms"]) for item in group)
        assert any("<mark data-md-highlight>" in item["title"] + item["text"] for item in group)


def test_keys_typed_fast_fetch_only_what_the_first_and_the_final_query_need(many_pages):
    """Each key a query 50 ms after the one before (typed fast): the first starts, the rest
    wait and are superseded, so what is fetched is the first query's and the final one's,
    not the results of the prefixes between them."""
    lang, folder, _ = many_pages
    final = "会员类别" if lang == "zh" else "members"  # prefixes finding other pages
    burst = [final[:end] for end in range(1, len(final) + 1)]
    [typed], [alone], [first] = (run_worker(folder, [q]) for q in (burst, final, burst[0]))
    for key in ("items", "total"):
        assert typed["answer"][key] == alone["answer"][key]
    assert typed["pages"] == alone["pages"]
    assert set(typed["fetched"]) <= set(alone["fetched"]) | set(first["fetched"])
    # and no query between them asked for anything (each request counted, repeats too)
    assert len(typed["fetched"]) <= len(first["fetched"]) + len(alone["fetched"])


@pytest.mark.parametrize("many_pages", ["zh"], indirect=True)
def test_positions_are_fetched_only_for_a_phrase_longer_than_a_trigram(many_pages):
    _, folder, texts = many_pages
    long_run = next(run for run in HAN.findall(" ".join(texts.values())) if len(run) >= 5)
    short, long = run_worker(folder, ["工作组", long_run[:5]])
    assert not [path for path in short["fetched"] if path.startswith("positions")]
    assert "positions.json" in long["fetched"] and long["pages"]


def test_a_query_of_stop_words_only_finds_nothing(many_pages):
    _, folder, _ = many_pages
    [answer] = run_worker(folder, ["the of"])
    assert answer["terms"] == [] and answer["answer"]["items"] == []
    assert answer["answer"]["total"] == 0


def test_an_index_rewritten_drops_the_old_files(tmp_path):
    docs, _ = docs_for("en", 40)
    write_index(tmp_path, CONFIG, docs)
    (tmp_path / "pages" / "999.json").write_text("[]", encoding="utf-8")
    write_index(tmp_path, CONFIG, docs[:3])
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["0.json"]



def test_a_separator_python_cannot_read_stops_the_build(tmp_path):
    """A separator valid in JavaScript but not in Python (a variable-width lookbehind):
    the build stops with one line naming the setting, no traceback."""
    (tmp_path / "search").mkdir()
    index = {"config": {**CONFIG, "separator": r"(?<=a+)\s"}, "docs": []}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(PluginError, match=r"separator: .* is not a regular expression Python"):
        hook_search._split_search_index(tmp_path, i18n=None)


def pages_index(folder, pages, vocabulary=()):
    """An index of {location: text} pages (one document each), as the build writes it."""
    docs = [{"location": location, "title": location, "text": f"<p>{text}</p>"}
            for location, text in pages.items()]
    write_index(folder, hook_search.index_config(CONFIG, docs, vocabulary), docs)
    return folder


def test_a_phrase_lists_only_the_pages_holding_it(tmp_path):
    """了解认 in one place and 解认证 in another hold every trigram of 了解认证, not the
    phrase."""
    folder = pages_index(tmp_path, {"both.html": "我们了解认证的要求。",
                                    "apart.html": "了解认识自己，再理解认证。",
                                    "traditional.html": "會員了解認證流程。"})
    [answer] = run_worker(folder, ["了解认证"])
    assert sorted(answer["pages"]) == ["both.html", "traditional.html"]
    assert answer["answer"]["total"] == 2


VOCABULARY = [("可持续发展", "永續發展")]


@pytest.mark.parametrize("query", ["可持续发展", "可持續發展", "永續發展", "永续发展"])
def test_a_vocabulary_pair_is_the_same_words(tmp_path, query):
    """On the Traditional site (its pages hold Taiwan's wording), the Simplified phrase, its
    Traditional characters and Taiwan's wording each find every page holding either, and
    mark it in the results and in ?h= (what the opened page marks)."""
    folder = pages_index(tmp_path, {"taiwan.html": "推動永續發展的標準。",
                                    "hong-kong.html": "推動可持續發展的標準。",
                                    "other.html": "持續改進，發展會員。"}, VOCABULARY)
    [answer] = run_worker(folder, [query])
    assert sorted(answer["pages"]) == ["hong-kong.html", "taiwan.html"]
    for [item] in answer["answer"]["items"]:
        marked = re.findall(r"<mark data-md-highlight>(.*?)</mark>", item["text"])
        assert marked in (["永續發展"], ["可持續發展"]), item["text"]
        assert {"永續發展", "可持續發展", query} <= set(item["terms"])


def test_a_query_in_either_script_names_the_page_s_script_for_its_highlighting(tmp_path):
    folder = pages_index(tmp_path, {"hant.html": "成為會員。"})
    for query in ("会员", "會員"):
        [answer] = run_worker(folder, [query])
        [[item]] = answer["answer"]["items"]
        assert "會員" in item["terms"] and query in item["terms"]
