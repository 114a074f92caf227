"""Search as a reader on a phone meets it, for `make bench` and the search byte budget:
375 px, CPU ×4 (Emulation.setCPUThrottlingRate; it slows the page, not workers), 1 MB/s and
60 ms round trip (Network.emulateNetworkConditions), the site served with gzip. Search is
opened with the header's search icon and the query typed key by key at a person's pace; a
Chinese query is typed as pinyin into an input method and committed.

Figures: bytes for the first search (gzip bytes of every response after search opened,
until its results are shown and the network is quiet; a download aborted after its
response began counts whole), and milliseconds from the last key
(for Chinese, the commit) to the first results of the whole query (the results whose links
carry every word of it in ?h=, which Material's highlighting reads), on the page's clock.
`typing`: "reader" (as above), "fast" (every character a key at 50 ms, each prefix a
query that the next one supersedes) or "paste" (the whole query at once)."""

from urllib.parse import urlsplit

from quality.browsing import LOCALES
from quality.pages import home

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
NETWORK = {"offline": False, "latency": 60, "downloadThroughput": 1_000_000,
           "uploadThroughput": 1_000_000}
CPU_SLOWDOWN = 4
KEY_INTERVAL_MS = 180  # about 65 words a minute
FAST_KEY_MS = 50
# What a reader types in each language: the words, and for Chinese the pinyin composed
# before the commit.
QUERIES = {"en": ("working groups", None), "zh": ("工作组", "gongzuozu"),
           "zh-Hant": ("工作組", "gongzuozu")}

STOPWATCH = """
    window.stopwatch = {last: 0, shown: 0, words: []}
    for (const type of ["keydown", "beforeinput"])  // committed Chinese arrives with no key
        addEventListener(type, ev => {
            if (ev.target.matches?.("input.md-search__input")) {
                stopwatch.last = performance.now()
                stopwatch.shown = 0
            }
        }, true)
    const whole = link => {
        const h = (new URL(link.href).searchParams.get("h") || "").toLowerCase()
        return stopwatch.words.length && stopwatch.words.every(word => h.includes(word))
    }
    addEventListener("DOMContentLoaded", () => new MutationObserver(() => {
        const link = document.querySelector(".md-search-result__item a")
        if (link && !stopwatch.shown && whole(link)) stopwatch.shown = performance.now()
    }).observe(document.body, {childList: true, subtree: true}))
"""


def _type(page, cdp, query, pinyin, typing):
    if typing == "paste":
        page.keyboard.insert_text(query)
        return
    if pinyin is None or typing == "fast":
        for key in query:
            page.keyboard.type(key)
            page.wait_for_timeout(FAST_KEY_MS if typing == "fast" else KEY_INTERVAL_MS)
        return
    for end in range(1, len(pinyin) + 1):
        cdp.send("Input.imeSetComposition", {"text": pinyin[:end], "selectionStart": end,
                                             "selectionEnd": end})
        page.wait_for_timeout(KEY_INTERVAL_MS)
    cdp.send("Input.insertText", {"text": query})


def first_search(browser, base_url, lang, query=None, timeout_ms=60000, typing="reader"):
    """{"first_search_bytes", "last_key_ms", "requests"} for one reader's
    first search on the home page of lang, in a fresh browser context (empty cache)."""
    query, pinyin = (query, None) if query else QUERIES[lang]
    context = browser.new_context(**PHONE, locale=LOCALES[lang], service_workers="block")
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        responses = []
        context.on("response", lambda response: responses.append(response))
        page.add_init_script(STOPWATCH)
        page.goto(base_url + home(lang), wait_until="networkidle")
        before = len(responses)
        page.evaluate("words => { stopwatch.words = words }",
                      [word.lower() for word in query.split()])
        page.locator("label.md-header__button[for=__search]").click()
        page.wait_for_timeout(300)  # a reader finds the field
        _type(page, cdp, query, pinyin, typing)
        page.wait_for_function("stopwatch.shown > 0", timeout=timeout_ms)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        after = responses[before:]
        sizes = [int(r.headers.get("content-length") or len(r.body())) for r in after]
        return {
            "first_search_bytes": sum(sizes),
            "last_key_ms": page.evaluate("stopwatch.shown - stopwatch.last"),
            "requests": [f"{size} {urlsplit(r.url).path}" for size, r in zip(sizes, after,
                                                                                strict=True)],
        }
    finally:
        context.close()

