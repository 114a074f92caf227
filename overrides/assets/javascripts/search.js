/*
 * Search on demand, answered from a sharded index, and a query that hears every way
 * text arrives.
 *
 * Runs before Material's bundle (overrides/main.html) and changes three things it does:
 * 1. Loading. Over http(s) the bundle requests search/search_index.json (XMLHttpRequest)
 *    and starts its search worker as each page loads. Here the request waits until the
 *    visitor opens search (the field gets focus: a click on it or on the search icon, or
 *    the "/", "s" or "f" shortcut), or arrives with ?q= or ?h= (a search link, a result
 *    to highlight). Until then a page loads nothing that grows with the site (nor the
 *    sitemaps the bundle would request, see below).
 * 2. The worker. The bundle's worker (lunr, which builds its index from the whole
 *    search_index.json on every page view) is replaced by search-worker.js, which speaks
 *    the same messages and fetches only the shards a query's terms need; search_index.json
 *    holds their manifest (scripts/sitelib/search_shards.py). It starts with the first message
 *    the bundle sends it, which needs the index.
 * 2b. Every result. The worker answers with the text of the first results (a screen's
 *    worth) and the number of pages that match (`total`); the bundle is handed that many
 *    results, so it says how many match and renders them as it does (10, then 4 each
 *    time the reader reaches the end of the list). Rendered results without text are
 *    hidden and, once the reader has stopped typing (PAUSE_MS after the query with no
 *    key since), fetched (MORE) and the answer handed over again; a query typed on the
 *    way fetches only the text its first screen shows. Further results are filled in
 *    place as the reader scrolls to within a screen of the list's end, and the list's end
 *    is held back from the bundle (its scroll event stopped) until the next 4 have text.
 * 3. Input. The bundle reads the query on keyup. Text committed by an input method,
 *    pasted, inserted or cleared arrives without one: on `input` and `compositionend`
 *    the field's value is handed over as a keyup would. While a composition is in
 *    progress its keys reach neither the query nor the search shortcuts (Enter that
 *    picks a candidate opens no result), nor are its letters searched.
 * What this relies on in Material's bundle (tests/test_search.py fails when it changes):
 * - it fetches search/search_index.json beside config.base with XMLHttpRequest, and hands
 *   its `config` (here holding the shard manifest) and `docs` to the worker in SETUP=0;
 * - it starts the worker with `new Worker(config.search)`, waits for READY=1, sends
 *   QUERY=2 with the field's value on keyup, and renders each RESULT=3, {items: [[page,
 *   sections...], ...]}, items {location (from config.base), title, text (HTML), score,
 *   terms}: the page's entry is the one whose location has no "#"; sections scoring
 *   below the first item are folded under "more on this page"; it counts the items, shows
 *   10, then 4 more when the scroll position of .md-search__scrollwrap is within 16 px of
 *   its end (on its or the window's scroll event; at once when 10 do not fill it),
 *   reading each item when it renders it, into .md-search-result__list;
 * - a result's link carries the found terms in ?h=, which its highlighting reads on the
 *   page the link opens (with config.separator);
 * - its shortcuts open search by focusing the field.
 */
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base, location)
  const indexUrl = new URL("search/search_index.json", base).href
  const workerUrl = new URL(config.search, location).href  // the bundle's, never started
  const searchWorkerUrl = new URL("search-worker.js", document.currentScript.src).href
  let composing = false  // an input method is composing in the page
  const SETUP = 0, QUERY = 2, RESULT = 3  // Material's SearchMessageType
  const MORE = 4  // search-worker.js: the text of further results
  const BATCH = 4  // results the bundle adds when the list's end is reached
  const END = 64  // px from the list's end where the bundle may add results (it uses 16)
  // A reader's keys come about 180 ms apart (on a slow phone, up to 250): a query with
  // no key this long after it is the one the reader stopped at.
  const PAUSE_MS = 250

  /* 1. Loading */
  let open
  const opened = new Promise(resolve => { open = resolve })
  const params = new URLSearchParams(location.search)
  if (params.has("q") || params.has("h"))
    open()
  document.addEventListener("focusin", ev => {
    if (ev.target.matches("[data-md-component=search-query]"))
      open()
  })
  document.addEventListener("change", ev => {  // the search icon toggles #__search
    if (ev.target.id === "__search" && ev.target.checked)
      open()
  })

  // The bundle also requests sitemap.xml beside each hreflang link, to redirect clicks on
  // links into the other language; the language selector already links each page's
  // translation, and a sitemap grows with the site: it is never requested.
  const never = new Promise(() => {})
  const heldUntil = url => url.href === indexUrl ? opened
    : url.origin === location.origin && url.pathname.endsWith("/sitemap.xml") ? never
    : undefined

  const { open: xhrOpen, send: xhrSend } = XMLHttpRequest.prototype
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.heldUntil = heldUntil(new URL(url, location))
    return xhrOpen.call(this, method, url, ...rest)
  }
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.heldUntil)
      return xhrSend.apply(this, args)
    this.heldUntil.then(() => xhrSend.apply(this, args))
  }

  /* 2. The worker: the bundle's messages, to search-worker.js */
  let answer  // the results the bundle was handed: {id, items, filled (has text), asked, ...}
  let queried = 0  // when the last query went to the worker (performance.now())
  let searchWorker
  class SearchWorker extends EventTarget {
    constructor() {
      super()
      searchWorker = this
    }

    received(data) {
      if (data.type === RESULT) {
        const { items, total, id } = data.data
        // A result not yet filled is the page's entry alone, with no text
        const waiting = Array.from({ length: total - items.length },
                                   () => [{ location: "", title: "", text: "", score: 0, terms: {} }])
        clearTimeout(answer?.filling)
        answer = { id, items: [...items, ...waiting], asked: items.length,
                   filled: Array.from({ length: total }, (_, i) => i < items.length) }
        this.handOver()
      } else if (data.type === MORE && data.data.id === answer?.id) {
        data.data.items.forEach((item, i) => {
          answer.items[data.data.from + i].splice(0, 1, ...item)
          answer.filled[data.data.from + i] = true
        })
        if (answer.early && !answer.filled.slice(0, answer.early).includes(false))
          this.handOver()  // rendered again, now with their text
        else
          scrollwrap()?.dispatchEvent(new Event("scroll"))  // what was held back
      } else if (data.type !== MORE) {
        this.dispatchEvent(new MessageEvent("message", { data }))
      }
    }

    /* The answer to the bundle. The results it renders without their text are hidden
       until they have it (asked for once the reader stops typing), then rendered again. */
    handOver() {
      const data = { type: RESULT, data: { items: answer.items } }
      this.dispatchEvent(new MessageEvent("message", { data }))
      const rendered = [...document.querySelectorAll(".md-search-result__list > li")]
      const unfilled = answer.filled.indexOf(false)
      answer.early = unfilled >= 0 && rendered.length > unfilled ? rendered.length : 0
      if (answer.early) {
        rendered.slice(unfilled).forEach(li => { li.style.visibility = "hidden" })
        answer.filling = setTimeout(() => this.more(answer.early),
                                    queried + PAUSE_MS - performance.now())
      }
    }

    /* Ask for the text of the results up to `to` */
    more(to) {
      to = Math.min(to, answer.items.length)
      if (to > answer.asked) {
        this.worker.postMessage({ type: MORE, data: { id: answer.id, from: answer.asked, to } })
        answer.asked = to
      }
    }

    postMessage(message) {
      if (!this.worker) {
        this.worker = new NativeWorker(searchWorkerUrl)
        this.worker.addEventListener("message", ev => this.received(ev.data))
        this.worker.addEventListener("error", ev => this.dispatchEvent(new ev.constructor(ev.type, ev)))
      }
      if (message.type === SETUP)  // where the shards are
        message = { ...message, data: { ...message.data, base: new URL("search/", base).href } }
      if (message.type === QUERY && composing)  // read on focus or when the index is ready: letters, not words
        return
      if (message.type === QUERY) {  // a key: what the last answer's hidden results wait for
        queried = performance.now()
        clearTimeout(answer?.filling)
      }
      this.worker.postMessage(message)
    }

    terminate() {
      this.worker?.terminate()
    }
  }

  const NativeWorker = window.Worker
  window.Worker = new Proxy(NativeWorker, {
    construct(target, [url, options]) {
      return new URL(url, location).href === workerUrl
        ? new SearchWorker()
        : new target(url, options)
    }
  })

  /* 2b. Every result: texts fetched ahead of the reader, the list's end held until there */
  const scrollwrap = () => document.querySelector(".md-search__scrollwrap")
  addEventListener("scroll", ev => {  // the bundle reads the window's scroll events too
    const el = scrollwrap()
    if (!answer || ![el, document].includes(ev.target))
      return
    const rendered = document.querySelector(".md-search-result__list")?.children.length || 0
    const below = el.scrollHeight - el.scrollTop - el.offsetHeight  // px of list below the view
    if (below < el.offsetHeight)  // the reader is a screen from the end: the next two groups
      searchWorker.more(rendered + 2 * BATCH)
    if (answer.filled.slice(rendered, rendered + BATCH).includes(false) && below <= END)
      ev.stopImmediatePropagation()  // the bundle would render results without text
  }, true)

  /* 3. Input */
  const isQuery = el => el instanceof HTMLInputElement && el.matches("[data-md-component=search-query]")
  const handOver = el => el.dispatchEvent(new KeyboardEvent("keyup"))
  addEventListener("compositionstart", () => { composing = true }, true)
  addEventListener("compositionend", ev => {
    composing = false
    if (isQuery(ev.target))
      handOver(ev.target)
  }, true)
  addEventListener("input", ev => {
    if (isQuery(ev.target) && !ev.isComposing && !composing)
      handOver(ev.target)
  }, true)
  for (const type of ["keydown", "keyup"])
    addEventListener(type, ev => {
      // Safari sends the Enter that picks a candidate after compositionend, as key 229
      if (composing || ev.isComposing || ev.keyCode === 229) {
        ev.stopImmediatePropagation()
        if (ev.key === "Enter" && isQuery(ev.target))
          ev.preventDefault()  // nor submits the search form
      }
    }, true)
})()
