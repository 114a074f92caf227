// Runs overrides/assets/javascripts/search-worker.js in Node against a built language's
// search/ folder, for tests/test_search_shards.py and tools/bench.py: the same script the browser runs, its
// files read from disk.
//   node tools/search_worker.mjs SEARCH_FOLDER < queries.json
// prints, for each query, the terms it looks up, the answer the bundle gets (RESULT: the
// first results and `total`), `pages`: the page of every result a reader can reach, in
// the order listed (the first answer's, then those asked for with MORE as search.js does),
// and `fetched`: the files read for its first answer. A query given as a list is typed
// fast: each sent KEY_MS after the one before, the answer being the last one's.
import { readFileSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"
import vm from "node:vm"

const folder = process.argv[2]
const KEY_MS = 50  // a fast typist's keys (tools/search_phone.py FAST_KEY_MS)
const worker = new URL("../overrides/assets/javascripts/search-worker.js", import.meta.url)
const manifest = JSON.parse(readFileSync(`${folder}/search_index.json`, "utf8"))

const answers = []
let fetched = []
const context = vm.createContext({
  URL, console, AbortController, performance, setTimeout,
  fetch: async url => {
    const path = fileURLToPath(new URL(url).href.split("?")[0])
    fetched.push(path.slice(folder.length).replace(/^\//, ""))
    const text = readFileSync(path, "utf8")
    return { ok: true, json: async () => JSON.parse(text) }
  },
  addEventListener: (type, listener) => { context.listener = listener },
  postMessage: message => { answers.push(message) },
})
vm.runInContext(readFileSync(worker, "utf8"), context)
const send = data => context.listener({ data })
send({ type: 0, data: { ...manifest, base: pathToFileURL(`${folder}/`).href } })

const next = async type => {
  for (;;) {
    const found = answers.findIndex(message => message.type === type)
    if (found >= 0)
      return answers.splice(found, 1)[0].data
    await new Promise(resolve => setTimeout(resolve, 1))
  }
}

const results = []
for (const typed of JSON.parse(readFileSync(0, "utf8"))) {
  const burst = [typed].flat(), query = burst.at(-1)
  const words = context.words(query)
  fetched = []
  for (const [i, prefix] of burst.entries()) {
    if (i)
      await new Promise(resolve => setTimeout(resolve, KEY_MS))
    send({ type: 2, data: prefix })
  }
  let answer
  for (const _ of burst)  // every query of the burst is answered, the newest's answer
    answer = await next(3)
  const reads = [...fetched]
  const items = [...answer.items]
  if (answer.total > items.length) {
    send({ type: 4, data: { id: answer.id, from: items.length, to: answer.total } })
    items.push(...(await next(4)).items)
  }
  results.push({
    query,
    terms: words.flatMap(word => word.wordings.flat().map(clause => clause.term)),
    pages: items.map(group => group.find(item => !item.location.includes("#")).location),
    answer,
    fetched: reads,
  })
}
console.log(JSON.stringify(results))
