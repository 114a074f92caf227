"""Search as readers use it, in a real Chromium against the site served under /asi/:
every phrase of every page found (queries sampled from the built site itself), text from an
input method, a paste or an insertion searched, nothing search-related loaded before search
is opened; and the Material behaviour that overrides/assets/javascripts/search.js relies on.
The index's shards themselves: tests/test_search_shards.py."""

import json
import random
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jieba
import pytest
from backrefs import bre
from conftest import html_pages
from quality.browsing import visit
from quality.pages import TABLE, language

MATERIAL = Path(jieba.__file__).parent.parent / "material"
BUNDLE = next((MATERIAL / "templates/assets/javascripts").glob("bundle.*.min.js"))
SEARCH_REQUEST = re.compile(
    r"/search/|/workers/search\.|/lunr/|/javascripts/search-worker\.js")
SITEMAP = re.compile(r"/sitemap\.xml$")
HAN_RUN = bre.compile(r"\p{script: Han}+")
# Latin joined to Han, the Latin a whole word as the index splits words: not the C of
# 1.5°C (one term, 1.5°c), which no reader types alone.
LATIN_HAN = bre.compile(r"(?<![A-Za-z0-9.°])[A-Za-z0-9]+\p{script: Han}{1,3}"
                        r"|\p{script: Han}{1,3}[A-Za-z0-9]+(?![A-Za-z0-9.°])")
CHUNKS = bre.compile(r"\p{script: Han}+|\P{script: Han}+")
SEED = 12
PER_PAGE = {"zh": 24, "en": 12}  # sampled phrases per page


# --- The Material behaviour search.js depends on -------------------------------------------

def test_material_bundle_still_loads_search_as_search_js_expects():
    bundle = BUNDLE.read_text(encoding="utf-8")
    # The index: an XMLHttpRequest for search/search_index.json beside `base` (held back).
    assert 'new URL("search/search_index.json",' in bundle
    assert "new XMLHttpRequest" in bundle
    # The worker: `new Worker(config.search)` (search.js starts search-worker.js instead),
    # sent SETUP=0 with the index's config (which holds the shard manifest), answering
    # READY=1 and RESULT=3, sent QUERY=2 with the field's value read on keyup.
    assert "=new Worker(e)" in bundle
    assert "next({type:0,data:{config:o,docs:n," in bundle
    assert "e.type===1}" in bundle and "e.type===3}" in bundle
    assert re.search(r'h\(e,"keyup"\),o\)\.pipe\(m\(\(\)=>e\.value\)', bundle)
    assert "t.next({type:2,data:i})" in bundle
    # Results link with ?h= and the terms of each result (search-worker.js names them),
    # the page's own entry found as the one whose location has no "#".
    assert 's.searchParams.set("h",Object.entries(e.terms)' in bundle
    page_entry = r'findIndex\((\w)=>!`\$\{new URL\(\1\.location,\w\.base\)\}`\.includes\("#"\)'
    assert re.search(page_entry, bundle)
    assert re.search(r"(\w)=(\w)\[0\]\.score,.{0,200}findIndex\((\w)=>\3\.score<\1\)", bundle)
    # It counts the results it is handed, renders 10, then 4 more each time the list's
    # end is reached: its scroll container within 16 px of its end, read on the element's
    # and the window's scroll events (search.js fills results in place ahead of that and
    # holds those events until the next 4 have their text).
    assert re.search(r"default:let (\w)=\w+\((\w)\.length\);\w\.textContent=\w+\("
                     r'"search\.result\.other",\1\)', bundle)
    assert re.search(r"\$\(\.\.\.(\w)\.slice\(0,10\)\),\$\(\.\.\.\1\.slice\(10\)\)"
                     r"\.pipe\(\w+\(4\),\w+\((\w)\)", bundle)
    assert re.search(r"(\w)=\w+\((\w)\.parentElement\)\.pipe\(\w\(Boolean\)\)", bundle)
    assert re.search(r"function \w+\(e,t=16\)\{return \w+\(e\)\.pipe\(\w\(\(\{y:r\}\)=>"
                     r"\{let o=\w+\(e\),n=\w+\(e\);return r>=n\.height-o\.height-t\}\)", bundle)
    assert re.search(r'L\(h\(e,"scroll"\),h\(window,"scroll"\),h\(window,"resize"\)\)', bundle)
    # The shortcuts open search by focusing the field, which search.js listens for.
    assert 'case"f":case"s":case"/":i.focus()' in bundle


def test_base_template_still_configures_worker_and_base():
    base = (MATERIAL / "templates/base.html").read_text(encoding="utf-8")
    assert '"base": base_url' in base
    assert '"search": "assets/javascripts/workers/search.' in base


# --- Queries sampled from the built site ---------------------------------------------------

def page_texts(page, base_url, site, lang):
    """The article text of every page of one language, as a reader's browser renders it."""
    texts = {}
    for path in html_pages(site):
        if path == "404.html" or language(path) != lang:
            continue
        page.goto(base_url + path)
        # "Last updated" is about the page, not in it: the search index leaves it out.
        page.evaluate("document.querySelectorAll('article .md-source-file')"
                      ".forEach(fact => fact.remove())")
        texts[path] = page.locator("article").inner_text()
    return texts


def chinese_phrases(text, rng):
    """1 to 6 Han characters at random places, phrases that cross jieba word boundaries,
    Latin joined to Han (ASI会员), and two of these apart (工作组 会议)."""
    runs = HAN_RUN.findall(text)
    phrases = []
    for _ in range(PER_PAGE["zh"] // 2):
        run = rng.choice(runs)
        length = rng.randint(1, min(6, len(run)))
        start = rng.randrange(len(run) - length + 1)
        phrases.append(run[start:start + length])
    long_runs = [run for run in runs if len(run) >= 4]
    for _ in range(PER_PAGE["zh"] // 2 - 2):
        run = rng.choice(long_runs)
        words = list(jieba.cut(run))
        cuts = [sum(map(len, words[:i])) for i in range(1, len(words))]
        if cuts:  # from inside the word before a boundary to inside the next
            cut = rng.choice(cuts)
            phrases.append(run[max(0, cut - rng.randint(1, 3)):cut + rng.randint(1, 3)])
    pairs = LATIN_HAN.findall(text)
    phrases += rng.sample(pairs, min(2, len(pairs)))
    # Words apart: found on every page that has them all.
    phrases += [" ".join(rng.sample(phrases, 2)) for _ in range(2)]
    return phrases


def stop_words():
    """lunr's English stop words, which Material leaves out of the index."""
    worker = next((MATERIAL / "templates/assets/javascripts/workers").glob("search.*.min.js"))
    words = re.search(r'generateStopWordFilter\((\[[^]]+\])', worker.read_text(encoding="utf-8"))
    return set(json.loads(words.group(1)))


def english_phrases(text, rng):
    """Two or three consecutive words, not all stop words (no index holds those)."""
    words = [line.split() for line in text.splitlines() if len(line.split()) >= 3]
    phrases = []
    for _ in range(PER_PAGE["en"]):
        line = rng.choice(words)
        length = rng.randint(2, 3)
        start = rng.randrange(len(line) - length + 1)
        phrase = " ".join(re.sub(r"[^\w’'-]", "", w) for w in line[start:start + length])
        if set(normalize(phrase).split()) - STOP_WORDS:
            phrases.append(phrase.strip())
    return phrases


def normalize(text):
    return re.sub(r"\s+", " ", text).lower()


STOP_WORDS = stop_words()


def contains(text, query, lang):
    """An English phrase as typed; Chinese words apart each anywhere on the page."""
    parts = query.split() if lang != "en" else [query]
    return all(normalize(part) in normalize(text) for part in parts)


def type_as_a_reader(page, cdp, text):
    """Latin with key events, Chinese through an input method: letters composed, then the
    candidate committed without a key event."""
    for chunk in CHUNKS.findall(text):
        if HAN_RUN.fullmatch(chunk):
            cdp.send("Input.imeSetComposition",
                     {"text": "pinyin", "selectionStart": 6, "selectionEnd": 6})
            cdp.send("Input.insertText", {"text": chunk})
        else:
            page.keyboard.type(chunk)


# Records, below search.js, what the page sends the search worker and how many results came
# back, so a test reads the results of the whole query, not of a prefix typed on the way.
RECORD_WORKER = """
    window.searchLog = {queries: [], results: 0}
    const post = Worker.prototype.postMessage
    Worker.prototype.postMessage = function (message) {
        if (message.type === 2) searchLog.queries.push(message.data)
        return post.call(this, message)
    }
    const listen = Worker.prototype.addEventListener
    Worker.prototype.addEventListener = function (type, listener, ...options) {
        const counted = ev => {
            listener(ev)
            searchLog.ready = true
            if (ev.data.type === 3) searchLog.results++
        }
        return listen.call(this, type, type === "message" ? counted : listener, ...options)
    }
"""
ANSWERED = "searchLog.queries.length > %d && searchLog.results === searchLog.queries.length"
FRAME = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def open_recorded(page, url):
    page.add_init_script(RECORD_WORKER)
    page.goto(url)
    page.keyboard.press("/")
    return page.context.new_cdp_session(page)


def results_for(page, cdp, query):
    """Pages (paths) in the results for query, typed into the open search field."""
    page.locator("input.md-search__input").fill("")
    sent = page.evaluate("searchLog.queries.length")
    page.wait_for_function(ANSWERED % (sent - 1))
    sent = page.evaluate("searchLog.queries.length")
    type_as_a_reader(page, cdp, query)
    page.wait_for_function(ANSWERED % sent)
    page.evaluate(FRAME)
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    return {urlsplit(unquote(h)).path for h in hrefs}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "zh-Hant", "en"])
def test_every_page_containing_a_phrase_is_found(browser, base_url, site, lang):
    rng = random.Random(SEED)
    home = base_url + TABLE[lang].path + "index.html"
    with visit(browser, home) as record:
        page = record.page
        texts = page_texts(page, base_url, site, lang)
        sample = chinese_phrases if lang != "en" else english_phrases
        queries = sorted({q for text in texts.values() for q in sample(text, rng)})
        cdp = open_recorded(page, home)
        found = expected = 0
        missed = []
        for query in queries:
            pages = {"/asi/" + path for path, text in texts.items() if contains(text, query, lang)}
            got = results_for(page, cdp, query)
            expected += len(pages)
            found += len(pages & got)
            missed += [(query, path) for path in sorted(pages - got)]
            assert all(language(p.removeprefix("/asi/")) == lang for p in got), (query, got)
    print(f"\n{lang}: {len(queries)} queries, recall {found}/{expected} = {found / expected:.1%}")
    assert expected >= len(queries)
    assert missed == []


# --- Input methods, insertion and paste ------------------------------------------------------

def result_count(page):
    return page.locator(".md-search-result__item").count()


def open_search_field(page):
    """Open search as a phone reader does: tap the search icon."""
    page.locator("label.md-header__button[for=__search]:visible, .md-search__input:visible") \
        .first.click()
    return page.locator("input.md-search__input")


@pytest.mark.browser
def test_text_from_an_input_method_is_searched_when_committed(browser, base_url):
    with visit(browser, base_url + "zh/index.html", "mobile", locale="zh-CN") as record:
        page = record.page
        page.add_init_script(RECORD_WORKER)
        page.reload()
        open_search_field(page)
        cdp = page.context.new_cdp_session(page)
        # Composing, while search loads: the letters and the keys an input method sends
        # are not searched.
        cdp.send("Input.imeSetComposition", {"text": "gongzuozu", "selectionStart": 9,
                                             "selectionEnd": 9})
        for key_type in ("keyDown", "keyUp"):
            cdp.send("Input.dispatchKeyEvent", {"type": key_type, "key": "u", "code": "KeyU",
                                                "windowsVirtualKeyCode": 229})
        page.wait_for_function("searchLog.ready")
        page.wait_for_timeout(500)
        # (The bundle may send the empty field once search is ready, before the composition.)
        assert page.evaluate("searchLog.queries.filter(Boolean)") == []
        assert result_count(page) == 0
        # A candidate committed, with no key event: results within 2 s.
        cdp.send("Input.insertText", {"text": "工作组"})
        page.locator(".md-search-result__item").first.wait_for(timeout=2000)
        assert page.locator("input.md-search__input").input_value() == "工作组"
        # Enter that confirms a candidate does not open a result.
        url = page.url
        cdp.send("Input.imeSetComposition", {"text": "huiyi", "selectionStart": 5,
                                             "selectionEnd": 5})
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
        assert page.url == url
    assert record.console == []


@pytest.mark.browser
@pytest.mark.parametrize("how", ["insert_text", "paste"])
def test_inserted_and_pasted_text_is_searched(browser, base_url, how):
    with visit(browser, base_url + "zh/index.html", "mobile", locale="zh-CN") as record:
        page = record.page
        field = open_search_field(page)
        if how == "insert_text":
            page.keyboard.insert_text("工作组")
        else:  # a paste from the context menu: text arrives with an input event, no key
            field.evaluate("el => document.execCommand('insertText', false, '工作组')")
        page.locator(".md-search-result__item").first.wait_for(timeout=2000)
        assert "工作组" in page.locator(".md-search-result__list").inner_text()
    assert record.console == []


# --- Nothing loaded before search is opened --------------------------------------------------

def search_requests(record):
    return [url for url in record.requests if SEARCH_REQUEST.search(url)]


OPENERS = {
    "slash key": lambda page: page.keyboard.press("/"),
    "s key": lambda page: page.keyboard.press("s"),
    "click on the field": lambda page: page.locator(".md-search__input").click(),
}


@pytest.mark.browser
@pytest.mark.parametrize("start", ["index.html", "zh/working-groups.html"])
@pytest.mark.parametrize("opener", OPENERS)
def test_search_loads_only_when_opened(browser, base_url, start, opener):
    with visit(browser, base_url + start) as record:
        page = record.page
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(800)
        assert search_requests(record) == []
        OPENERS[opener](page)
        query = "工作组" if start.startswith("zh/") else "working groups"
        page.keyboard.insert_text(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    loaded = search_requests(record)
    lang = "zh/" if start.startswith("zh/") else ""
    assert any(url.endswith(f"/asi/{lang}search/search_index.json") for url in loaded), loaded
    assert any("/javascripts/search-worker.js" in url for url in loaded), loaded
    assert any(f"/asi/{lang}search/shards/" in url for url in loaded), loaded
    # The index is prebuilt: neither the bundle's worker nor lunr is loaded.
    assert not any(re.search(r"/workers/search\.|/lunr/", url) for url in loaded), loaded
    # Nor the sitemaps the bundle requests for its language redirects: they grow with the site.
    assert not any(SITEMAP.search(url) for url in record.requests)
    assert record.failures == [] and record.console == []


@pytest.mark.browser
def test_search_icon_on_a_phone_loads_search(browser, base_url):
    with visit(browser, base_url + "zh/index.html", "mobile") as record:
        assert search_requests(record) == []
        open_search_field(record.page)
        record.page.keyboard.insert_text("铝")
        record.page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    assert search_requests(record)


# --- Highlighting on the page a result leads to ----------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("home, query, written", [
    ("zh/index.html", "可持续发展", "可持续发展"), ("zh/index.html", "会员类别", "会员类别"),
    ("zh-Hant/index.html", "会员", "會員"), ("zh/index.html", "會員", "会员")],
    ids=["zh", "zh-class", "simplified-on-zh-Hant", "traditional-on-zh"])
def test_a_result_highlights_the_chinese_phrase_on_its_page(browser, base_url, home, query,
                                                            written):
    """Marked in the results and on the page the result opens, as that page writes it,
    whichever script was typed."""
    with visit(browser, base_url + home) as record:
        page = record.page
        page.keyboard.press("/")
        page.keyboard.insert_text(query)
        result = page.locator(".md-search-result__item a").first
        result.wait_for()
        # In the result, around jieba's zero-width spaces; on the page, whole.
        snippets = page.locator(".md-search-result__list mark").all_inner_texts()
        assert written in [mark.replace("\u200b", "") for mark in snippets]
        result.click()
        page.wait_for_load_state("networkidle")
        marks = page.locator("article mark[data-md-highlight]")
        marks.first.wait_for(timeout=5000)
        assert written in marks.all_inner_texts()
