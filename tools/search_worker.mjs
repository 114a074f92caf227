// Runs overrides/assets/javascripts/search-worker.js in Node against a built language's
// search/ folder, for tests/test_search_shards.py and tools/bench.py: the same script the browser runs, its
// files read from disk.
//   node tools/search_worker.mjs SEARCH_FOLDER < queries.json
// prints, for each query, the terms it looks up, every matching page (the page's location,
// best first; not only those a reader is shown) and the answer the bundle would get.
import { readFileSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"
import vm from "node:vm"

const folder = process.argv[2]
const worker = new URL("../overrides/assets/javascripts/search-worker.js", import.meta.url)
const manifest = JSON.parse(readFileSync(`${folder}/search_index.json`, "utf8"))

let answer
const context = vm.createContext({
  URL, console,
  fetch: async url => {
    const text = readFileSync(fileURLToPath(new URL(url).href.split("?")[0]), "utf8")
    return { ok: true, json: async () => JSON.parse(text) }
  },
  addEventListener: (type, listener) => { context.listener = listener },
  postMessage: message => { answer = message },
})
vm.runInContext(readFileSync(worker, "utf8"), context)
const send = data => context.listener({ data })
send({ type: 0, data: { ...manifest, base: pathToFileURL(`${folder}/`).href } })

const pageLocation = async page => (await context.fetchJson(`pages/${page}.json`))[0][0]
const results = []
for (const query of JSON.parse(readFileSync(0, "utf8"))) {
  const words = context.words(query)
  const ranked = words.length ? await context.rankPages(words) : []
  answer = undefined
  send({ type: 2, data: query })
  while (!answer)
    await new Promise(resolve => setTimeout(resolve, 1))
  results.push({
    query,
    terms: words.flatMap(word => word.clauses.map(clause => clause.term)),
    pages: await Promise.all(ranked.map(([page]) => pageLocation(page))),
    answer: answer.data,
  })
}
console.log(JSON.stringify(results))
