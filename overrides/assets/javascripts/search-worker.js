/*
 * Material's search worker, answered from the shards scripts/sitelib/search_shards.py writes.
 *
 * Speaks the bundle's protocol: SETUP (the language's search_index.json, whose config
 * holds the shard manifest, and `base`, the URL of its search/ folder, added by
 * search.js) is answered READY; each QUERY is answered RESULT, {items: [[page, sections...],
 * ...], total, id}: the FIRST best pages with their text, `total` the number of pages that
 * match. search.js lists that many results in Material's dialog and asks, with MORE
 * {id, from, to}, for the text of those the reader scrolls to (answered MORE {id, from,
 * items}). Nothing is built here: a query fetches the shards of its terms (kept for the
 * next query) and the result text of the pages it shows; a newer query cancels an older
 * one's work and aborts the downloads no other query waits for (and whose answer has not
 * begun: one under way is kept for the next query); a query sent within SETTLE_MS of the
 * one before starts only if no newer one follows in that time.
 *
 * Terms are cut as scripts/sitelib/search_shards.py cuts them:
 * - a run of Han characters is a phrase: up to three characters, it asks for itself (the
 *   index holds every character, bigram and trigram); longer, for its trigrams, and a
 *   document matches when they stand in a row (the trigrams' positions, fetched only
 *   then), so any phrase on a page finds it, wherever jieba cut, and only such pages;
 *   the run is folded to Simplified (config.han_fold) as the index is, and searched in
 *   every wording config.han_vocabulary gives it (可持续发展 and 永續發展 alike);
 * - other text is split with the plugin's separator, lower-cased, stop words left out;
 *   each word is required and matches the terms it begins (a prefix) when those lie in
 *   at most PREFIX_SHARDS shards, else the term itself (a short prefix would fetch much).
 * Words apart are all required on a page, a Han run in one of its documents (its own text
 * or a section). A document scores weight × rarity (idf) of the terms it matches, a page's
 * own document double; a page, the best of each word. A result's `terms` (its link's ?h=,
 * which Material's highlighting reads on the page) name the query's words in every script
 * and wording, so the opened page marks them as it writes them. A small site's shards and
 * result texts are all fetched at SETUP (`prefetch`).
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType
const MORE = 4  // search.js: the text of further results
// Material renders 10 results, then 4 more each time the reader reaches the list's end;
// a screen shows about four. The first answer brings the text of six: one request on
// each of the six connections a browser opens to a host over HTTP/1.1, so one round
// trip on any host; search.js asks for the rest when the reader stops typing.
const FIRST = 6
// The shards a word's completions may fill and still be fetched: at 2,000 pages a
// language, the commonest words' first three letters (wor, gro, cer) lie in three.
const PREFIX_SHARDS = 3
// A query sooner than this after the one before waits this long before it starts: a
// reader's keys come about 180 ms apart, a fast typist's or a held key's under 100.
const SETTLE_MS = 100
const TRIGRAM = 3  // the longest Han term the index holds
const MAX_WORDINGS = 8  // of a Han run, from the vocabulary
const MAX_FORMS = 8  // script forms of a wording named in ?h=
const HAN = /\p{sc=Han}/u
const HAN_RUN = /\p{sc=Han}+/gu
const NOT_HAN = /\P{sc=Han}+/gu
const WORD_CHAR = "[\\p{L}\\p{N}]"

let index  // {base, shards (the manifest), starts (of pages), pageDocuments, fold, forms, vocabulary, separator, stopWords}
const files = new Map()  // URL -> {promise, controller, users (tickets), started}
const decoded = new Map()  // shard number + term -> [[document, weight, positions], ...]
const KEEP = { files: new Set(), cancelled: false }  // the prefetch's ticket: never cancelled
let pending = []  // tickets of the queries not yet answered, oldest first
let current  // the last answer: {id, ranked, found, ticket}
let sequence = 0
let lastQuery = -Infinity  // when the last QUERY came (performance.now())

class Cancelled extends Error {}

/* A file's JSON, fetched once and shared; `ticket` is the query that waits for it */
function fetchJson(path, ticket) {
  if (ticket.cancelled)
    return Promise.reject(new Cancelled())
  const url = new URL(`${path}?v=${index.shards.version}`, index.base).href
  let file = files.get(url)
  if (!file) {
    const controller = new AbortController()
    file = { controller, users: new Set(), started: false }
    file.promise = fetch(url, { signal: controller.signal }).then(response => {
      file.started = true
      if (!response.ok)
        throw new Error(`${response.status} ${url}`)
      return response.json()
    }).catch(error => {
      files.delete(url)  // ask again with the next query
      throw error
    })
    files.set(url, file)
  }
  file.users.add(ticket)
  ticket.files.add(url)
  return file.promise
}

/* A superseded query's downloads that no other query waits for and whose answer has not
   begun are aborted (one under way is kept for the next query: its bytes are spent) */
function release(ticket) {
  for (const url of ticket.files) {
    const file = files.get(url)
    if (!file)
      continue
    file.users.delete(ticket)
    if (!file.started && !file.users.size) {
      files.delete(url)
      file.controller.abort()
      file.promise.catch(() => {})
    }
  }
}

const fold = run => [...run].map(char => index.fold[char] || char).join("")

/* A folded Han run in each wording the vocabulary gives it, itself first */
function wordings(folded) {
  const found = new Set([folded])
  for (const wording of found)  // a Set's iteration sees what is added to it
    for (const [simplified, taiwan] of index.vocabulary)
      for (const [from, to] of [[simplified, taiwan], [taiwan, simplified]])
        if (wording.includes(from) && found.size < MAX_WORDINGS)
          found.add(wording.replaceAll(from, to))
  return [...found]
}

/* A folded wording in the scripts the index holds (会员, 會員), at most MAX_FORMS */
function scriptForms(wording) {
  let forms = [""]
  for (const char of wording) {
    const options = [...(index.forms.get(char) || char)]
    forms = forms.flatMap(form => options.map(option => form + option)).slice(0, MAX_FORMS)
  }
  return forms
}

/* The terms of a folded wording: itself up to three characters, else its trigrams, whose
   positions then say whether they stand in a row */
function runClauses(wording) {
  const chars = [...wording]
  if (chars.length <= TRIGRAM)
    return [{ term: wording, prefix: false }]
  return chars.slice(TRIGRAM - 1).map((_, i) => (
    { term: chars.slice(i, i + TRIGRAM).join(""), prefix: false, positions: true }))
}

/* The query's words, all required on a page: each {label, wordings, names}, a wording
   being clauses ({term, prefix}) all required in one document (a Han run's, in a row);
   names: what ?h= carries for the word */
function words(query) {
  const found = []
  for (const part of query.trim().split(/\s+/)) {
    for (const run of part.match(HAN_RUN) || []) {
      const all = wordings(fold(run))
      found.push({ label: run, wordings: all.map(runClauses), han: all,
                   names: [run, ...all.flatMap(scriptForms)] })
    }
    for (const piece of part.match(NOT_HAN) || [])
      for (const word of piece.split(index.separator)) {
        const term = word.toLowerCase()
        if (term && !index.stopWords.has(term))
          found.push({ label: term, wordings: [[{ term, prefix: true }]], names: [term] })
      }
  }
  return found
}

/* The shard holding term: the last whose first term is not after it */
function shardOf(term, first = index.shards.first) {
  let low = 0, high = first.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (first[middle] <= term) low = middle
    else high = middle - 1
  }
  return low
}

function shardsOf(clause) {
  const term = clause.term
  const start = shardOf(term)
  if (!clause.prefix)
    return [start]
  let end = start
  while (end + 1 < index.shards.first.length && index.shards.first[end + 1].startsWith(term))
    end++
  if (end - start + 1 > PREFIX_SHARDS) {
    clause.prefix = false
    return [start]
  }
  return Array.from({ length: end - start + 1 }, (_, i) => start + i)
}

/* A term's [[document, weight], ...] from its shard (`path`), or (`positional`) a
   trigram's [[document, Set of positions], ...] */
function postings(path, shard, term, positional = false) {
  const key = `${path} ${term}`
  if (!decoded.has(key)) {
    const flat = shard[term] || [], list = []
    for (let i = 0, doc = 0; i < flat.length;) {
      doc += flat[i++]
      if (!positional) {
        list.push([doc, flat[i++]])
        continue
      }
      const positions = new Set()
      for (let count = flat[i++], at = 0; count > 0; count--)
        positions.add(at += flat[i++])
      list.push([doc, positions])
    }
    decoded.set(key, list)
  }
  return decoded.get(key)
}

/* Map(document: Set of positions) of a trigram, from the positions' own shards */
async function positionsOf(trigram, ticket) {
  const { first } = await fetchJson("positions.json", ticket)
  const path = `positions/${shardOf(trigram, first)}.json`
  return new Map(postings(path, await fetchJson(path, ticket), trigram, true))
}

/* {document: [score, positions (a trigram's, when the clause asks)]} for one clause: its
   best matching term in each document */
async function match(clause, ticket) {
  const paths = shardsOf(clause).map(n => `shards/${n}.json`)
  const [shards, positions] = await Promise.all([
    Promise.all(paths.map(path => fetchJson(path, ticket))),
    clause.positions && positionsOf(clause.term, ticket)])
  const wanted = clause.term
  const scores = new Map()
  shards.forEach((shard, i) => {
    const terms = clause.prefix ? Object.keys(shard).filter(term => term.startsWith(wanted))
      : Object.hasOwn(shard, wanted) ? [wanted] : []
    for (const term of terms) {
      const list = postings(paths[i], shard, term)
      const rarity = Math.log(1 + index.shards.documents / list.length)
      for (const [doc, weight] of list)
        if (weight * rarity > (scores.get(doc)?.[0] || 0))
          scores.set(doc, [weight * rarity, positions && positions.get(doc)])
    }
  })
  return scores
}

/* Trigrams in a row: a position of the first with each next one a character further */
const inARow = positions => positions.every(Boolean)
  && [...positions[0]].some(p => positions.every((set, i) => set.has(p + i)))

/* {document: score} of the documents holding a wording: every clause, a phrase's in a row */
async function wordingDocuments(clauses, ticket) {
  const matches = await Promise.all(clauses.map(clause => match(clause, ticket)))
  const smallest = matches.reduce((a, b) => a.size <= b.size ? a : b)
  const scores = new Map()
  for (const doc of smallest.keys()) {
    const hits = matches.map(found => found.get(doc))
    if (hits.includes(undefined) || (hits.length > 1 && !inARow(hits.map(hit => hit[1]))))
      continue
    scores.set(doc, hits.reduce((sum, hit) => sum + hit[0], 0))
  }
  return scores
}

/* {document: score} of the documents holding a word in one of its wordings */
async function documents(word, ticket) {
  const scores = new Map()
  for (const found of await Promise.all(word.wordings.map(w => wordingDocuments(w, ticket))))
    for (const [doc, score] of found)
      scores.set(doc, Math.max(scores.get(doc) || 0, score))
  return scores
}

function pageOf(doc) {
  let low = 0, high = index.starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (index.starts[middle] <= doc) low = middle
    else high = middle - 1
  }
  return low
}

/* [[page, Map(document: score), page score], ...] of the pages holding every word, best first */
async function rankPages(found, ticket) {
  const pages = new Map()  // page -> [Map(document: score) for each word]
  const perWord = await Promise.all(found.map(word => documents(word, ticket)))
  perWord.forEach((scores, w) => {
    for (const [doc, score] of scores) {
      const page = pageOf(doc)
      if (!pages.has(page))
        pages.set(page, found.map(() => new Map()))
      pages.get(page)[w].set(doc, index.pageDocuments.has(doc) ? 2 * score : score)
    }
  })
  const ranked = []
  for (const [page, byWord] of pages) {
    if (byWord.some(scores => !scores.size))
      continue
    const docs = new Map()
    for (const scores of byWord)
      for (const [doc, score] of scores)
        docs.set(doc, (docs.get(doc) || 0) + score)
    ranked.push([page, docs, byWord.reduce((sum, scores) => sum + Math.max(...scores.values()), 0)])
  }
  // Best first; pages of equal score in the site's order, so the list is the same each time
  return ranked.sort((a, b) => b[2] - a[2] || a[0] - b[0])
}

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const escapeHtml = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/* A folded Han wording as a pattern matching it in either script: 会员 finds 會員 too */
const anyScript = wording => [...wording].map(char => {
  const forms = index.forms.get(char)
  return forms ? `[${forms}]` : escapeRegExp(char)
}).join("")

/* Marks what the query found in a title or excerpt (HTML), outside tags */
function highlighter(found) {
  const patterns = found.flatMap(word => word.han ? word.han.map(anyScript)
    : [`(?<!${WORD_CHAR})${escapeRegExp(escapeHtml(word.label))}${WORD_CHAR}*`])
    .sort((a, b) => b.length - a.length)
  const marks = new RegExp(patterns.join("|"), "giu")
  return html => html.split(/(<[^>]*>)/).map((part, i) => i % 2 ? part
    : part.replace(marks, "<mark data-md-highlight>$&</mark>")).join("")
}

/* Material's items for ranked pages: each page's entry, then its sections that match */
async function itemsOf(ranked, found, ticket) {
  const texts = await Promise.all(ranked.map(([page]) => fetchJson(`pages/${page}.json`, ticket)))
  const terms = Object.fromEntries(found.flatMap(word => word.names).map(name => [name, true]))
  const mark = highlighter(found)
  return ranked.map(([page, docs], i) => texts[i].map(([location, title, text], section) => {
    const score = docs.get(index.starts[page] + section)
    if (score === undefined && section)
      return null
    // The page's own entry always, its link too highlighting the words on the page
    return { location, title: mark(title), text: mark(text), score: score || 0, terms }
  }).filter(Boolean).sort((a, b) => b.score - a.score))
}

async function search(ticket) {
  const found = words(ticket.query)
  if (!found.length)
    return { items: [], total: 0, id: ticket.id }
  const ranked = await rankPages(found, ticket)
  const items = await itemsOf(ranked.slice(0, FIRST), found, ticket)
  if (!ticket.cancelled)
    current = { id: ticket.id, ranked, found, ticket }
  return { items, total: ranked.length, id: ticket.id }
}

async function more({ id, from, to }) {
  if (current?.id !== id)
    return
  const { ranked, found, ticket } = current
  const items = await itemsOf(ranked.slice(from, to), found, ticket)
  postMessage({ type: MORE, data: { id, from, items } })
}

function setup({ config, base }) {
  const shards = config.shards
  const starts = []
  shards.sections.reduce((start, count) => (starts.push(start), start + count), 0)
  const foldTable = config.han_fold || {}  // Traditional -> Simplified, scripts/hook_search.py
  const forms = new Map()  // Simplified -> every form of it in the index
  for (const [traditional, simplified] of Object.entries(foldTable))
    forms.set(simplified, (forms.get(simplified) || simplified) + traditional)
  index = { base, shards, starts, pageDocuments: new Set(starts), fold: foldTable, forms,
            separator: new RegExp(config.separator), stopWords: new Set(shards.stopWords) }
  index.vocabulary = (config.han_vocabulary || []).map(pair => pair.map(fold))
  if (shards.prefetch)  // a small site: all of it now, so no query waits for a request
    for (const path of [...shards.first.map((_, n) => `shards/${n}.json`),
                        ...shards.sections.map((_, n) => `pages/${n}.json`)])
      fetchJson(path, KEEP).catch(() => {})  // asked again by the query that needs it
}

const quietly = error => {
  if (!(error instanceof Cancelled) && error?.name !== "AbortError")
    console.warn(`Search: ${error.message}`)
}

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    setup(message.data)
    return postMessage({ type: READY })
  }
  if (message.type === MORE)
    return more(message.data).catch(quietly)
  if (message.type !== QUERY)
    return
  // Answers go in order and the newest wins: when a query's answer is ready, it answers
  // the older queries still waiting too (the bundle shows every answer it gets). The
  // newest query asks for its files first, so that those it shares are not aborted.
  const ticket = { query: message.data, id: ++sequence, files: new Set(), cancelled: false }
  const answer = data => {
    if (pending.at(-1) !== ticket)
      return
    for (const _ of pending)
      postMessage({ type: RESULT, data })
    pending = []
  }
  const older = [...pending, current?.ticket].filter(Boolean)
  older.forEach(superseded => { superseded.cancelled = true })  // it starts no more work
  pending.push(ticket)
  const start = () => ticket.cancelled || search(ticket).then(answer, error => {
    if (ticket.cancelled)
      return
    quietly(error)
    answer({ items: [], total: 0, id: ticket.id })
  })
  // A query hard on the heels of another is a key typed on the way: it waits to see
  // whether the next key follows (then it never downloads anything)
  const now = performance.now()
  if (now - lastQuery < SETTLE_MS) setTimeout(start, SETTLE_MS)
  else start()
  lastQuery = now
  older.forEach(release)  // after the newest asked for its files, unless it waits
})
