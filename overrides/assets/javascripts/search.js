/*
 * Search on demand, Chinese phrases, and a query that hears every way text arrives.
 *
 * Runs before Material's bundle (overrides/main.html) and changes three things it does:
 * 1. Loading. Over http(s) the bundle requests search/search_index.json (XMLHttpRequest)
 *    and starts its search worker as each page loads. Here the request waits until the
 *    visitor opens search (the field gets focus: a click on it or on the search icon, or
 *    the "/", "s" or "f" shortcut), or arrives with ?q= or ?h= (a search link, a result
 *    to highlight); the worker starts with the first message the bundle sends it, which
 *    needs the index. Until then a page loads nothing that grows with the site (nor
 *    the sitemaps the bundle would request, see below).
 * 2. Chinese queries. Each run of Han characters becomes its character bigrams, all
 *    required, as scripts/hook_search.py indexes them (a lone character: a prefix);
 *    Latin joined to Han (ASI会员) becomes a required prefix. Chinese words apart
 *    (工作组 会议) are alternatives, each asked of the worker in turn. Results name the
 *    Han runs typed, so a result's link highlights them whole on the target page. Han
 *    characters are first folded to Simplified with the index's table (config.han_fold),
 *    as the indexed bigrams are: 會員 and 会员 find the same pages on either Chinese site.
 * 3. Input. The bundle reads the query on keyup. Text committed by an input method,
 *    pasted, inserted or cleared arrives without one: on `input` and `compositionend`
 *    the field's value is handed over as a keyup would. While a composition is in
 *    progress its keys reach neither the query nor the search shortcuts (Enter that
 *    picks a candidate opens no result).
 * tests/test_search.py fails when the bundle behaviour this relies on changes.
 */
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base, location)
  const indexUrl = new URL("search/search_index.json", base).href
  const workerUrl = new URL(config.search, location).href
  let composing = false  // an input method is composing in the page
  const SETUP = 0, QUERY = 2, RESULT = 3  // Material's SearchMessageType
  const JOINER = "\u00b7"  // joins the two characters of an indexed bigram
  const HAN = /\p{sc=Han}/u
  const PIECES = /\p{sc=Han}+|\P{sc=Han}+/gu
  const WORD = /[\p{L}\p{N}]/u

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

  /* 2. Chinese queries: the same split as scripts/hook_search.py */
  function grams(run) {
    const chars = [...run]  // characters, not UTF-16 units: rare ones take two
    if (chars.length === 1)
      return [`+${run}*`]
    return chars.slice(1).map((char, i) => `+${chars[i]}${JOINER}${char}`)
  }

  // Either Chinese script: Han characters folded to Simplified with the index's table
  // (config.han_fold, scripts/hook_search.py), as the indexed bigrams are.
  const folded = (text, fold) => [...text].map(char => fold[char] || char).join("")

  function toIndexTerms(query, separator, fold = {}) {
    return query.split(/\s+/).map(part => {
      if (!HAN.test(part))
        return part
      return part.match(PIECES).flatMap(piece => HAN.test(piece)
        ? grams(folded(piece, fold))
        : piece.split(separator).filter(word => WORD.test(word)).map(word => `+${word}*`)
      ).join(" ")
    }).join(" ")
  }

  /* Words apart are alternatives, as in English, but a query's required terms must all be
     in one section: a query with several Chinese words asks the worker once per word */
  function alternatives(query) {
    const words = query.trim().split(/\s+/)
    const chinese = words.filter(word => HAN.test(word))
    const others = words.filter(word => !HAN.test(word))
    return chinese.length > 1 ? chinese.map(word => [word, ...others].join(" ")) : [query]
  }

  function union(results) {
    if (results.length === 1)
      return results[0]
    const pages = new Map()
    for (const group of results.flatMap(result => result.items)) {
      const page = group[0].location.split("#")[0]
      const items = new Map((pages.get(page) || []).map(item => [item.location, item]))
      for (const item of group)
        if (!items.has(item.location) || items.get(item.location).score < item.score)
          items.set(item.location, item)
      pages.set(page, [...items.values()].sort((a, b) => b.score - a.score))
    }
    return { items: [...pages.values()].sort((a, b) => b[0].score - a[0].score) }
  }

  /* The Han runs of the query stand for their bigrams; mark them in the result text,
     in either script */
  function nameRuns(result, query, fold = {}) {
    const runs = query.match(/\p{sc=Han}+/gu)
    if (!runs)
      return result
    const forms = {}  // Simplified character -> every form of it in the index
    for (const [traditional, simplified] of Object.entries(fold))
      forms[simplified] = (forms[simplified] || simplified) + traditional
    const anyForm = char => {
      const all = forms[folded(char, fold)]
      return all ? `[${all}]` : char
    }
    const marks = new RegExp(`(${runs.map(run => [...run].map(anyForm).join("\u200b?")).join("|")})`, "g")
    for (const item of result.items.flat()) {
      // Name every run, on the page's entry too: its link highlights them on the page
      const terms = Object.entries(item.terms).filter(([term]) => !HAN.test(term))
      item.terms = Object.fromEntries([...terms, ...runs.map(run => [run, true])])
      for (const field of ["title", "text"])
        if (typeof item[field] === "string")
          item[field] = item[field].replace(marks, "<mark data-md-highlight>$1</mark>")
    }
    return result
  }

  /* The bundle's search worker, started by its first message, with queries translated */
  class SearchWorker extends EventTarget {
    constructor(url) {
      super()
      this.url = url
      this.queries = []
    }

    postMessage(message) {
      if (!this.worker) {
        this.worker = new NativeWorker(this.url)
        this.worker.addEventListener("message", ev => this.receive(ev.data))
        this.worker.addEventListener("error", ev => this.dispatchEvent(new ev.constructor(ev.type, ev)))
      }
      if (message.type === SETUP) {
        this.separator = new RegExp(message.data.config.separator)
        this.fold = message.data.config.han_fold || {}
      }
      if (message.type !== QUERY)
        return this.worker.postMessage(message)
      if (composing)  // read on focus or when the index is ready: letters, not words
        return
      const queries = alternatives(message.data)
      this.queries.push({ query: message.data, awaited: queries.length, results: [] })
      for (const query of queries)
        this.worker.postMessage({ ...message, data: toIndexTerms(query, this.separator, this.fold) })
    }

    receive(data) {
      if (data.type === RESULT) {
        const query = this.queries[0]
        query.results.push(data.data)
        if (query.results.length < query.awaited)
          return
        this.queries.shift()
        data = { ...data, data: nameRuns(union(query.results), query.query, this.fold) }
      }
      this.dispatchEvent(new MessageEvent("message", { data }))
    }

    terminate() {
      this.worker?.terminate()
    }
  }

  const NativeWorker = window.Worker
  window.Worker = new Proxy(NativeWorker, {
    construct(target, [url, options]) {
      return new URL(url, location).href === workerUrl
        ? new SearchWorker(url)
        : new target(url, options)
    }
  })

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
