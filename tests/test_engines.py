"""The checks that matter to readers, in the three engines they read with: Chromium,
WebKit (Safari's engine, as WebKitGTK) and Gecko (Firefox ESR), at 375 px and 1280 px.
One browser process per engine serves every page; each page and width is loaded and
measured once (tests/engines/measure.js), and the tests read those measurements."""

import random
import re
from urllib.parse import urlsplit

import pytest
from backrefs import bre
from bs4 import BeautifulSoup
from engines.driver import ENGINES, measure
from quality.browsing import LOCALES, VIEWPORTS
from quality.pages import PAGES, TABLE, language, slug

from sitelib import ROOT, search_shards

pytestmark = pytest.mark.browser

WIDTHS = {name: (size["viewport"]["width"], size["viewport"]["height"])
          for name, size in VIEWPORTS.items()}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHINESE_PAGES = [page for page in PAGES if language(page) in ("zh", "zh-Hant")]
# Pages that keep “” (Traditional pages write 「」: tests/test_traditional.py).
QUOTED_CHINESE_PAGES = [page for page in PAGES if language(page) == "zh"]
ENGLISH_PAGES = [page for page in PAGES if page.endswith(".html") and language(page) == "en"
                 and page != "404.html"]
# Chinese fonts the stack must name, one per platform: macOS/iOS, Windows, Linux/Android;
# Traditional pages name the Traditional ones first.
CHINESE_FONTS = {"zh": ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"),
                 "zh-Hant": ("PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC")}
SEARCH_FIELD = "input.md-search__input"
HAN_RUN = bre.compile(r"\p{script: Han}+")
NOT_HAN = bre.compile(r"\P{script: Han}+")
SEPARATOR = re.compile(re.search(r"separator: '(.+)'",
                                 (ROOT / "mkdocs.yml").read_text("utf-8")).group(1))


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    engine = ENGINES[request.param]()
    engine.name = request.param
    engine.visits = {}
    yield engine
    engine.close()


def open_page(engine, base_url, page, width="mobile"):
    w, h = WIDTHS[width]
    return engine.open(url=base_url + page, width=w, height=h, lang=LOCALES[language(page)])


def visited(engine, base_url, page, width):
    """The page's layout, typography and console, measured once per engine and width."""
    key = (page, width)
    if key not in engine.visits:
        open_page(engine, base_url, page, width)
        engine.visits[key] = {
            "layout": measure(engine, "layout"),
            "typography": measure(engine, "typography"),
            "problems": engine.problems(),
        }
    return engine.visits[key]


every_page = pytest.mark.parametrize("page", PAGES, ids=map(slug, PAGES))
both_widths = pytest.mark.parametrize("width", WIDTHS)


@every_page
def test_nothing_scrolls_sideways_on_a_phone(engine, base_url, page):
    layout = visited(engine, base_url, page, "mobile")["layout"]
    assert layout["viewport"] == 375
    assert layout["document"]["scrollWidth"] <= 375, layout
    assert layout["overflowing"] == [], f"{page} in {engine.name}: {layout['overflowing']}"


@every_page
def test_page_does_not_scroll_sideways_on_a_desktop(engine, base_url, page):
    layout = visited(engine, base_url, page, "desktop")["layout"]
    assert layout["viewport"] == 1280
    assert layout["document"]["scrollWidth"] <= 1280, layout


@every_page
@both_widths
def test_no_console_error_or_failed_request(engine, base_url, page, width):
    assert visited(engine, base_url, page, width)["problems"] == []


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=map(slug, CHINESE_PAGES))
@both_widths
def test_chinese_text_names_the_site_chinese_fonts(engine, base_url, page, width):
    family = visited(engine, base_url, page, width)["typography"]["fontFamily"]
    fonts = CHINESE_FONTS[language(page)]
    missing = [font for font in fonts if font not in family]
    assert missing == [], f"{engine.name} renders running text in {family!r}"
    if language(page) == "zh-Hant":
        assert family.index("Noto Sans CJK TC") < family.index("Noto Sans CJK SC"), family


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=map(slug, CHINESE_PAGES))
@both_widths
def test_chinese_punctuation_is_full_width(engine, base_url, page, width):
    punctuation = visited(engine, base_url, page, width)["typography"]["punctuation"]
    assert punctuation["count"] > 0, f"no ，、：；。 measured on {page}"
    assert punctuation["median"] >= 0.9, f"{engine.name}: median ，、：；。 {punctuation}"


QUOTE_LIMITS = [*((page, ">= 0.9") for page in QUOTED_CHINESE_PAGES),
                *((page, "< 0.6") for page in ENGLISH_PAGES)]


@pytest.mark.parametrize("page, limit", QUOTE_LIMITS, ids=[slug(p) for p, _ in QUOTE_LIMITS])
@both_widths
def test_opening_quote_is_full_width_in_chinese_and_narrow_in_english(engine, base_url, page,
                                                                     limit, width):
    quote = visited(engine, base_url, page, width)["typography"]["quote"]
    assert quote["count"] > 0, f"no “ measured on {page}"
    wide = quote["median"] >= 0.9 if limit == ">= 0.9" else quote["median"] < 0.6
    assert wide, f"{engine.name}: “ is {quote['median']:.2f} em ({quote['source']}), not {limit}"


@pytest.mark.parametrize("start, target", [
    ("membership.html", "zh/membership.html"),
    ("zh/certification.html", "certification.html"),
    ("zh/working-groups.html", "working-groups.html"),
    ("membership.html", "zh-Hant/membership.html"),
    ("zh-Hant/working-groups.html", "zh/working-groups.html"),
    ("zh/certification.html", "zh-Hant/certification.html"),
], ids=["en-to-zh", "zh-to-en-certification", "zh-to-en-working-groups", "en-to-zh-Hant",
        "zh-Hant-to-zh", "zh-to-zh-Hant"])
def test_language_link_leads_to_the_same_page(engine, base_url, start, target):
    open_page(engine, base_url, start)
    other = language(target)
    selector = f'.md-select__link[hreflang="{other}"]'
    assert measure(engine, "languageLink", other) == base_url + target
    assert engine.follow(selector=selector) == base_url + target
    assert measure(engine, "page")["lang"] == TABLE[other].tag
    assert engine.problems() == []


def search_results(engine, wait_ms=5000):
    return [urlsplit(href).path for href in measure(engine, "searchResults", wait_ms)]


def open_search(engine, base_url, page, width):
    open_page(engine, base_url, page, width)
    assert measure(engine, "openSearch"), "the search field did not take the focus"
    # Material also runs the query it finds in the field once its index has loaded:
    # wait for that, so that only what the field hears afterwards can bring results.
    assert measure(engine, "searchReady", 10000), "search did not get ready in 10 s"


SEARCHES = {"zh": ("zh/index.html", "工作组", "gongzuozu", "/asi/zh/working-groups.html"),
            "zh-Hant": ("zh-Hant/index.html", "工作組", "gongzuozu",
                        "/asi/zh-Hant/working-groups.html"),
            "en": ("index.html", "working groups", "", "/asi/working-groups.html")}


@pytest.mark.parametrize("lang", SEARCHES)
@both_widths
def test_search_finds_typed_words(engine, base_url, lang, width):
    page, query, _, expected = SEARCHES[lang]
    open_search(engine, base_url, page, width)
    assert engine.type(selector=SEARCH_FIELD, text=query) == query
    results = search_results(engine)
    assert expected in results, f"{engine.name} found {results} for {query!r}"
    assert all(language(path.removeprefix("/asi/")) == lang for path in results), results
    assert engine.problems() == []


@pytest.mark.parametrize("lang", SEARCHES)
def test_search_hears_an_input_method(engine, base_url, lang):
    """Letters still composing are not searched; the committed text is, with no key
    event (Chinese: pinyin composed then a candidate committed; English: text inserted
    at once, as dictation or a paste does)."""
    page, query, letters, expected = SEARCHES[lang]
    open_search(engine, base_url, page, "mobile")
    if letters:
        waiting = measure(engine, "searchMeta")
        engine.compose(selector=SEARCH_FIELD, letters=letters)
        assert search_results(engine, 500) == [], "the uncommitted letters found pages"
        assert measure(engine, "searchMeta") == waiting, "the uncommitted letters were searched"
    engine.commit(text=query)
    results = search_results(engine, 2000)
    assert expected in results, f"{engine.name}: {query!r} committed, results {results}"
    assert engine.problems() == []


def labels(query):
    """What search-worker.js names a query's words by (its results' ?h=): Han runs whole,
    other words lower-cased, stop words left out."""
    found = HAN_RUN.findall(query)
    for piece in NOT_HAN.findall(query):
        found += [w for w in search_shards.terms(piece, SEPARATOR) if w not in found]
    return found


def article_texts(site, lang):
    """Each page's article text, as the built HTML holds it ("last updated" left out)."""
    texts = {}
    for page in (ENGLISH_PAGES if lang == "en" else
                 [page for page in CHINESE_PAGES if language(page) == lang]):
        article = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").article
        for fact in article.select(".md-source-file"):
            fact.decompose()
        texts[page] = " ".join(article.get_text(" ").split())
    return texts


def sample_phrases(texts, lang, count=6):
    """Phrases from the pages: 1 to 5 Han characters, or two English words."""
    rng = random.Random(f"engines-{lang}")
    phrases = []
    while len(phrases) < count:
        text = texts[rng.choice(sorted(texts))]
        if lang != "en":
            run = rng.choice([run for run in HAN_RUN.findall(text) if len(run) > 1])
            start = rng.randrange(len(run))
            phrase = run[start:start + rng.randint(1, 5)]
        else:
            words = text.split()
            start = rng.randrange(len(words) - 1)
            phrase = re.sub(r"[^\w’' -]", "", " ".join(words[start:start + 2])).strip()
        if labels(phrase) and phrase in text and phrase not in phrases:
            phrases.append(phrase)
    return phrases


@pytest.mark.parametrize("lang", SEARCHES)
@pytest.mark.parametrize("entry", ["keys", "input method"])
def test_every_page_holding_a_phrase_is_found(engine, base_url, site, lang, entry):
    """Phrases sampled from the built pages, typed key by key or committed at once by an
    input method (Chinese: after pinyin composed), each finding every page holding it."""
    texts = article_texts(site, lang)
    open_search(engine, base_url, SEARCHES[lang][0], "mobile")
    for phrase in sample_phrases(texts, lang):
        measure(engine, "clearSearch")
        if entry == "keys":
            engine.type(selector=SEARCH_FIELD, text=phrase)
        else:
            if lang != "en":
                engine.compose(selector=SEARCH_FIELD, letters="pinyin")
            engine.commit(text=phrase)
        found = {urlsplit(href).path for href in
                 measure(engine, "searchResultsFor", {"words": labels(phrase), "wait": 5000})}
        # English words begin where a word begins; Chinese phrases are found anywhere.
        pattern = re.compile(("" if lang != "en" else r"(?<!\w)") + re.escape(phrase.lower()))
        holding = {f"/asi/{page}" for page, text in texts.items() if pattern.search(text.lower())}
        assert holding and holding <= found, f"{engine.name}: {phrase!r} found {found}"
    assert engine.problems() == []


@pytest.mark.parametrize("page", ["membership.html", "zh/membership.html",
                                  "zh-Hant/membership.html"], ids=slug)
def test_membership_screenshot_on_a_phone(engine, base_url, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{engine.name}-{slug(page)}-mobile.png"
    path.unlink(missing_ok=True)
    open_page(engine, base_url, page, "mobile")
    engine.screenshot(path=str(path))
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") == 375, f"{path} is not 375 px wide"
