/*
 * Material's search worker, answered from the shards scripts/sitelib/search_shards.py writes.
 *
 * Speaks the bundle's protocol: SETUP (the language's search_index.json, whose config
 * holds the shard manifest, and `base`, the URL of its search/ folder, added by
 * search.js) is answered READY; each QUERY is answered RESULT, {items: [[page, sections...],
 * ...]} as the bundle renders them. Nothing is built here: a query fetches the shards of
 * its terms (kept for the next query) and the result text of the pages it shows.
 *
 * Terms are cut as scripts/sitelib/search_shards.py cuts them:
 * - a run of Han characters asks for its character bigrams, all required (a lone
 *   character for itself), so any phrase on a page finds it, wherever jieba cut;
 * - other text is split with the plugin's separator, lower-cased, stop words left out;
 *   each word is required and matches the terms it begins (a prefix) when those lie in
 *   at most PREFIX_SHARDS shards, else the term itself (a short prefix would fetch much).
 * Words apart are all required on a page, a Han run's bigrams in one of its documents
 * (its own text or a section). A document scores weight × rarity (idf) of the terms it
 * matches, a page's own document double; a page, the best of each word. The SHOWN best
 * pages are answered. A small site's files are all fetched at SETUP (`prefetch`).
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType
const SHOWN = 10  // pages answered; their text is fetched before the answer
const PREFIX_SHARDS = 2
const HAN = /\p{sc=Han}/u
const HAN_RUN = /\p{sc=Han}+/gu
const NOT_HAN = /\P{sc=Han}+/gu
const WORD_CHAR = "[\\p{L}\\p{N}]"

let index  // {base, shards (the manifest), starts (of pages), pageDocuments, fold, forms, separator, stopWords}
const files = new Map()  // URL -> Promise of its JSON
const decoded = new Map()  // shard number + term -> [[document, weight], ...]
let pending = []  // queries not yet answered, oldest first

function fetchJson(path) {
  const url = new URL(`${path}?v=${index.shards.version}`, index.base).href
  if (!files.has(url))
    files.set(url, fetch(url).then(response => {
      if (!response.ok)
        throw new Error(`${response.status} ${url}`)
      return response.json()
    }).catch(error => {
      files.delete(url)  // ask again with the next query
      throw error
    }))
  return files.get(url)
}

/* The query's words, all required on a page: each {label, clauses}, a clause being
   {term, prefix}; a word's clauses (a Han run's bigrams) are all required in one document */
function words(query) {
  const found = []
  for (const part of query.trim().split(/\s+/)) {
    for (const run of part.match(HAN_RUN) || []) {
      // Characters, not UTF-16 units (rare ones take two), folded to Simplified as indexed
      const chars = [...run].map(char => index.fold[char] || char)
      const terms = chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i] + c)
      found.push({ label: run, clauses: terms.map(term => ({ term, prefix: false })) })
    }
    for (const piece of part.match(NOT_HAN) || [])
      for (const word of piece.split(index.separator)) {
        const term = word.toLowerCase()
        if (term && !index.stopWords.has(term))
          found.push({ label: term, clauses: [{ term, prefix: true }] })
      }
  }
  return found
}

/* The shard holding term: the last whose first term is not after it */
function shardOf(term) {
  const first = index.shards.first
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

function postings(number, shard, term) {
  const key = `${number} ${term}`
  if (!decoded.has(key)) {
    const flat = shard[term], list = []
    for (let i = 0, doc = 0; i < flat.length; i += 2)
      list.push([doc += flat[i], flat[i + 1]])
    decoded.set(key, list)
  }
  return decoded.get(key)
}

/* {document: score} for one clause: its best matching term in each document */
async function match(clause) {
  const numbers = shardsOf(clause)
  const shards = await Promise.all(numbers.map(n => fetchJson(`shards/${n}.json`)))
  const wanted = clause.term
  const scores = new Map()
  shards.forEach((shard, i) => {
    const terms = clause.prefix ? Object.keys(shard).filter(term => term.startsWith(wanted))
      : Object.hasOwn(shard, wanted) ? [wanted] : []
    for (const term of terms) {
      const list = postings(numbers[i], shard, term)
      const rarity = Math.log(1 + index.shards.documents / list.length)
      for (const [doc, weight] of list)
        scores.set(doc, Math.max(scores.get(doc) || 0, weight * rarity))
    }
  })
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

const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const escapeHtml = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/* A Han run as a pattern matching it in either script: 会员 finds 會員 too */
const anyScript = run => [...run].map(char => {
  const forms = index.forms.get(index.fold[char] || char)
  return forms ? `[${forms}]` : escapeRegExp(char)
}).join("")

/* Marks what the query found in a title or excerpt (HTML), outside tags */
function highlighter(found) {
  const patterns = found.map(word => HAN.test(word.label) ? anyScript(word.label)
    : `(?<!${WORD_CHAR})${escapeRegExp(escapeHtml(word.label))}${WORD_CHAR}*`)
    .sort((a, b) => b.length - a.length)
  const marks = new RegExp(patterns.join("|"), "giu")
  return html => html.split(/(<[^>]*>)/).map((part, i) => i % 2 ? part
    : part.replace(marks, "<mark data-md-highlight>$&</mark>")).join("")
}

/* {document: score} of the documents holding every one of a word's clauses */
async function documents(word) {
  const matches = await Promise.all(word.clauses.map(match))
  matches.sort((a, b) => a.size - b.size)
  const scores = new Map()
  for (const [doc, score] of matches[0]) {
    const others = matches.slice(1).map(other => other.get(doc))
    if (!others.includes(undefined))
      scores.set(doc, others.reduce((sum, other) => sum + other, score))
  }
  return scores
}

/* [[page, Map(document: score), page score], ...] of the pages holding every word, best first */
async function rankPages(found) {
  const pages = new Map()  // page -> [Map(document: score) for each word]
  const perWord = await Promise.all(found.map(documents))
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
  return ranked.sort((a, b) => b[2] - a[2])
}

async function search(query) {
  const found = words(query)
  if (!found.length)
    return { items: [] }
  const best = (await rankPages(found)).slice(0, SHOWN)
  const texts = await Promise.all(best.map(([page]) => fetchJson(`pages/${page}.json`)))
  const terms = Object.fromEntries(found.map(word => [word.label, true]))
  const mark = highlighter(found)
  const items = best.map(([page, docs], i) => texts[i].map(([location, title, text], section) => {
    const score = docs.get(index.starts[page] + section)
    if (score === undefined && section)
      return null
    // The page's own entry always, its link too highlighting the words on the page
    return { location, title: mark(title), text: mark(text), score: score || 0, terms }
  }).filter(Boolean).sort((a, b) => b.score - a.score))
  return { items }
}

function setup({ config, base }) {
  const shards = config.shards
  const starts = []
  shards.sections.reduce((start, count) => (starts.push(start), start + count), 0)
  const fold = config.han_fold || {}  // Traditional -> Simplified, scripts/hook_search.py
  const forms = new Map()  // Simplified -> every form of it in the index
  for (const [traditional, simplified] of Object.entries(fold))
    forms.set(simplified, (forms.get(simplified) || simplified) + traditional)
  index = { base, shards, starts, pageDocuments: new Set(starts), fold, forms,
            separator: new RegExp(config.separator), stopWords: new Set(shards.stopWords) }
  if (shards.prefetch)  // a small site: all of it now, so no query waits for a request
    for (const path of [...shards.first.map((_, n) => `shards/${n}.json`),
                        ...shards.sections.map((_, n) => `pages/${n}.json`)])
      fetchJson(path).catch(() => {})  // asked again by the query that needs it
}

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    setup(message.data)
    return postMessage({ type: READY })
  }
  if (message.type !== QUERY)
    return
  // Answers go in order and the newest wins: when a query's answer is ready, it answers
  // the older queries still waiting too (the bundle shows every answer it gets).
  const query = message.data
  pending.push(query)
  const answer = data => {
    if (pending.at(-1) !== query)
      return
    for (const _ of pending)
      postMessage({ type: RESULT, data })
    pending = []
  }
  search(query).then(answer, error => {
    console.warn(`Search: ${error.message}`)
    answer({ items: [] })
  })
})
