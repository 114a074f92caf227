"""Every page that holds a query is counted and reachable, and no other: on a copy of the
site with 500 pages per language (tools/synthetic_site.py, a long-tailed vocabulary), for
a term on most pages, one on about fifty and one on a handful in each language (a Chinese
term of three or four characters, preferring one whose trigrams are also on pages without
it), the count Material shows is the number of pages holding the term
(tools/search_truth.py reads them from the built pages, folded as the index folds), and
scrolling the result list as a reader does (Material adds 4 results each time its end is
reached) lists exactly those pages, each with its text."""

import json
import random
import re
from urllib.parse import unquote, urlsplit

import pytest
from quality.browsing import LOCALES
from quality.pages import TABLE, home
from search_phone import PHONE
from search_truth import Truth

pytestmark = pytest.mark.browser

LANGUAGES = list(TABLE)


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request, large_site):
    site, _ = large_site
    truth = Truth(site, request.param)
    return request.param, truth, truth.terms(request.param, random.Random(27))


def listed(page, query):
    """(the count the dialog shows, [(page path, title)] of every result reached by scrolling)."""
    field = page.locator("input.md-search__input")
    field.fill("")
    page.keyboard.insert_text(query)
    first = page.locator(".md-search-result__item a").first
    page.wait_for_function("q => (document.querySelector('.md-search-result__item a')?.href"
                           " || '').includes(encodeURIComponent(q).replace(/%20/g, '+'))",
                           arg=query.split()[0])
    first.wait_for()
    count = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())[0])
    items = page.locator(".md-search-result__item")
    page.mouse.move(187, 500)
    still = 0
    while items.count() < count and still < 40:  # 2 s without a new result: stuck
        before = items.count()
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(50)
        still = still + 1 if items.count() == before else 0
    results = page.evaluate("""() => [...document.querySelectorAll(
        '.md-search-result__item > a:first-child')].map(a => [a.href, a.innerText.trim()])""")
    return count, [(urlsplit(unquote(href)).path, title) for href, title in results]


@pytest.mark.parametrize("kind", ["frequent", "medium", "rare"])
def test_the_count_and_the_results_are_the_pages_holding_the_term(browser, large_site,
                                                                 language, kind):
    lang, truth, terms = language
    query = truth.as_written(terms[kind])
    context = browser.new_context(**PHONE, locale=LOCALES[lang], service_workers="block")
    try:
        page = context.new_page()
        page.goto(large_site[1] + home(lang))
        page.keyboard.press("/")
        count, results = listed(page, query)
    finally:
        context.close()
    root = urlsplit(large_site[1] + TABLE[lang].path).path
    holding = {root + address for address in truth.holding(terms[kind])}
    reached = [path for path, _ in results]
    assert count == len(holding), f"{query!r}: the dialog says {count}, {len(holding)} hold it"
    assert len(reached) == len(set(reached)) == count, f"{query!r}: {len(reached)} reached"
    assert set(reached) == holding, (query, sorted(set(reached) ^ holding)[:5])
    assert all(title for _, title in results), f"{query!r}: a result without its text"


def test_the_results_below_the_first_screen_get_their_text_once_the_reader_stops(
        browser, large_site, language):
    """The first answer brings the text of the first six results; the others Material
    renders (10, or 14 when its list's end was in view) stay hidden until search.js
    fetches theirs, once the reader has stopped typing: a query the reader goes on from
    (the next word typed 150 ms after it, a reader's pace) costs only its first screen."""
    lang, truth, terms = language
    first, second = (truth.as_written(terms[kind]) for kind in ("frequent", "medium"))
    context = browser.new_context(**PHONE, locale=LOCALES[lang], service_workers="block")
    events = []  # the texts requested, and what the page reports (below)
    context.on("request", lambda request: "/search/pages/" in request.url
               and events.append(request.url))
    context.expose_function("report", lambda event: events.append(event))
    # As the first query's results render (a microtask of that render, before any timer
    # of search.js runs), report which are hidden; 150 ms after that query, type the next
    # word and report it
    context.add_init_script(f"window.nextWord = {json.dumps(second)}")
    context.add_init_script("""addEventListener("DOMContentLoaded", () => {
        let queried
        addEventListener("input", () => { queried ??= performance.now() }, true)
        const seen = new MutationObserver(() => {
            const items = [...document.querySelectorAll(".md-search-result__item")]
            if (!items[0]?.querySelector("a[href*='h=']"))
                return
            seen.disconnect()
            report(items.map(li => li.style.visibility === "hidden"))
            setTimeout(() => {
                const field = document.querySelector("input.md-search__input")
                field.value += " " + nextWord
                field.dispatchEvent(new Event("input", {bubbles: true}))
                report("typed")
            }, queried + 150 - performance.now())
        })
        seen.observe(document.body, {childList: true, subtree: true})
    })""")
    try:
        page = context.new_page()
        page.goto(large_site[1] + home(lang))
        page.keyboard.press("/")
        page.locator("input.md-search__input").wait_for()
        page.keyboard.insert_text(first)
        page.wait_for_function("""words => {
            const items = [...document.querySelectorAll('.md-search-result__item')]
            const h = new URL(items[0]?.querySelector('a')?.href || location).searchParams.get('h')
            return items.length && (h || '').includes(words) && items.every(li =>
                !li.style.visibility && li.querySelector('h1, h2')?.textContent.trim())
        }""", arg=second.split()[0].lower())
        [shown] = [i for i, event in enumerate(events) if isinstance(event, list)]
        typed = events.index("typed")
        hidden = events[shown]
        assert shown == 6, "the first answer fetched other texts than its first six"
        assert hidden[:6] == [False] * 6 and len(hidden) >= 10 and all(hidden[6:])
        assert typed == shown + 1, "texts of hidden results fetched while the reader typed"
        # The next query's: each once, those Material rendered, after the reader stopped
        texts = events[typed + 1:]
        assert texts and len(texts) == len(set(texts)) <= page.locator(
            ".md-search-result__item").count() + 4
    finally:
        context.close()
