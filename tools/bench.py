"""`make bench`: build times, page weights and search on a phone, as a table and as JSON.

- the real site: `properdocs build --strict`, median of --runs builds;
- a synthetic site of --pages pages per language (tools/synthetic_site.py: text drawn from
  a long-tailed vocabulary), built with our configuration and with a stock
  mkdocs-static-i18n configuration (same theme, languages and Markdown extensions; none of
  our hooks, overrides or search settings; the converted language a copy of its source):
  the ratio is what our additions cost;
- the first-load weight of every page of the real site (gzip bytes, as the tests count);
- the membership pack: each language's PDF, the seconds the build spends making it
  (median of --runs builds, as scripts/hook_print.py logs it), its bytes and sheets;
- search, in this tree and in the --anchor commit (the lunr search it replaced), on the
  real site and the synthetic one (--large: also 2,000 pages per language), on a phone
  (tools/search_phone.py: 375 px, CPU x4, 1 MB/s, 60 ms, gzip), in every language: the
  home page's first load, the bytes of a first search, last key -> first results (median
  of --runs searches), the bytes of the query pasted (the final query alone), the same
  for a word on most pages (synthetic sites), the bytes of the query typed fast (a key
  every 50 ms) over those of the query pasted, the build time,
  and (this tree) on phrases sampled from the built pages: of the pages holding a phrase,
  the share the worker lists (recall), and the share of phrases listed exactly.
"""

import argparse
import contextlib
import functools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import search_phone
import search_truth
import synthetic_site
from quality.pages import PAGES, TABLE, home
from quality.pdf import info
from quality.weight import KIB, budgeted, first_load, table
from sitebuild import CHROMIUM_ARGS, SUBPATH, build, chromium_path, free_port, serve

from sitelib import ROOT, conversion, search_shards

# The last commit with Material's lunr search (one whole index per language, built in the
# browser), measured in the same run as the anchor.
ANCHOR = "198ddd5af93dd1dc43acd4280041a52923ded77b"
LARGE = 2000
PHRASES = 30  # sampled per language for recall


def timed_build(config, runs, site=None, site_url="http://127.0.0.1:8000/"):
    """Median wall-clock seconds of `runs` strict builds with config (the last kept in
    site, when given)."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            result = build(site or Path(tmp) / SUBPATH, site_url, config)
            times.append(time.perf_counter() - start)
            if result.returncode:
                sys.exit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    return statistics.median(times)


def anchor_copy(folder, commit):
    """What a build reads, as it was at commit, in folder."""
    archive = subprocess.run(["git", "archive", commit, "mkdocs.yml", "docs", "overrides",
                              "scripts", "data", "locales"], cwd=ROOT, capture_output=True,
                             check=True)
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def frequent_query(lang):
    """A word on most synthetic pages, as a reader of lang writes it."""
    words, _ = synthetic_site.source("en" if lang == "en" else "zh")
    if lang == "en":
        return next(w for w in words if len(w) > 3 and w not in search_shards.STOP_WORDS)
    word = next(w for w in words if len(w) == 2)
    return word if TABLE[lang].converted_from is None else conversion.converter().convert(word)


def recall(site, lang):
    """Over phrases sampled from the built pages of lang: of the pages holding each, the
    share the worker lists (recall), and the share of phrases whose list is exactly the
    pages holding all their words (exact; Chinese phrases in a row)."""
    truth = search_truth.Truth(site, lang)
    phrases = search_truth.sample_phrases(truth.texts, lang, PHRASES, f"recall-{lang}")
    folder = site / TABLE[lang].path / "search"
    answers = json.loads(subprocess.run(
        ["node", str(ROOT / "tools" / "search_worker.mjs"), str(folder)],
        input=json.dumps(phrases), capture_output=True, text=True, check=True).stdout)
    found = expected = exact = 0
    for answer in answers:
        listed = set(answer["pages"])
        # English: whole words, as sampled; Chinese phrases are found anywhere
        edge = r"(?<!\w)%s(?!\w)" if lang == "en" else "%s"
        phrase = re.compile(edge % re.escape(answer["query"].lower()))
        literal = {page for page, text in truth.texts.items()
                   if phrase.search(" ".join(text.split()).lower())}
        expected += len(literal)
        found += len(literal & listed)
        exact += listed == truth.holding(answer["query"]) and len(listed) == answer["answer"][
            "total"]
    return found / expected, exact / len(answers)


def measure_search(config, pages, runs, root):
    """Build config, serve it with gzip and measure search in every language on a phone."""
    port = free_port()
    playwright_api = __import__("playwright.sync_api", fromlist=["sync_playwright"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        seconds = timed_build(config, runs, site, f"http://127.0.0.1:{port}/{SUBPATH}/")
        figures = {"build_seconds": seconds}
        with serve(site.parent, port, compress=True) as base_url, \
                playwright_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in search_phone.QUERIES:
                if not (site / TABLE[lang].path / "search" / "search_index.json").is_file():
                    continue  # a language the anchor did not have
                search = functools.partial(search_phone.first_search, browser, base_url, lang)
                searches = [search() for _ in range(runs)]
                f = figures[lang] = {
                    "first_load_bytes": sum(first_load(browser, base_url + home(lang))[0].values()),
                    "first_search_bytes": searches[0]["first_search_bytes"],
                    "last_key_ms": statistics.median(s["last_key_ms"] for s in searches),
                    "first_search_requests": searches[0]["requests"],
                }
                # Typed fast, each key a query the next supersedes, against the final
                # query alone
                query = search_phone.QUERIES[lang][0]
                fast = search(query=query, typing="fast")["first_search_bytes"]
                f["pasted_bytes"] = search(query=query, typing="paste")["first_search_bytes"]
                f["fast_typing_ratio"] = fast / f["pasted_bytes"]
                if pages:
                    query = frequent_query(lang)
                    often = [search(query=query) for _ in range(runs)]
                    f["frequent"] = {
                        "query": query, "first_search_bytes": often[0]["first_search_bytes"],
                        "last_key_ms": statistics.median(s["last_key_ms"] for s in often)}
                if pages and root == ROOT:
                    f["recall"], f["exact"] = recall(site, lang)
            browser.close()
    return figures


def search_table(search):
    lines = [f"{'':26} {'pages/lang':>10} {'build s':>7}  {'lang':7} {'load KiB':>8} "
             f"{'search KiB':>10} {'ms':>5} {'pasted KiB':>10}  {'frequent KiB':>12} {'ms':>5}  "
             f"{'fast/paste':>10} {'recall':>7} {'exact':>6}"]
    for variant, sizes in search.items():
        for pages, figures in sizes.items():
            for lang in search_phone.QUERIES:
                if lang not in figures:
                    continue
                f = figures[lang]
                often = f.get("frequent")
                rate = f"{f['recall']:7.1%} {f['exact']:6.0%}" if "recall" in f else \
                    f"{'-':>7} {'-':>6}"
                frequent = (f"{often['first_search_bytes'] / KIB:12.1f} {often['last_key_ms']:5.0f}"
                            if often else f"{'-':>12} {'-':>5}")
                lines.append(
                    f"{variant:26} {pages or 'real':>10} {figures['build_seconds']:7.1f}  "
                    f"{lang:7} {f['first_load_bytes'] / KIB:8.1f} "
                    f"{f['first_search_bytes'] / KIB:10.1f} {f['last_key_ms']:5.0f} "
                    f"{f['pasted_bytes'] / KIB:10.1f}  {frequent}  "
                    f"{f['fast_typing_ratio']:10.2f} {rate}")
    return "\n".join(lines)


@contextlib.contextmanager
def served(config=ROOT / "mkdocs.yml"):
    """Build config once and serve it: yield (site folder, base URL, Chromium)."""
    port = free_port()
    playwright_api = __import__("playwright.sync_api", fromlist=["sync_playwright"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        result = build(site, f"http://127.0.0.1:{port}/{SUBPATH}/", config)
        if result.returncode:
            sys.exit(f"build of {config} failed:\n{result.stderr[-3000:]}")
        with serve(site.parent, port) as base_url, playwright_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            yield site, base_url, browser
            browser.close()


def page_weights():
    with served() as (site, base_url, browser):
        return {page: first_load(browser, base_url + page)[0] for page in PAGES}


PACK_MADE = re.compile(r"membership pack (\S+): (\d+) bytes in ([\d.]+) s")


def pack_figures(runs):
    """{PDF path in the site: {seconds (median), bytes, sheets}} of the membership pack."""
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        for _ in range(runs):
            result = build(site, "http://127.0.0.1:8000/")
            if result.returncode:
                sys.exit(f"build failed:\n{result.stderr[-3000:]}")
            for name, _size, taken in PACK_MADE.findall(result.stdout + result.stderr):
                seconds.setdefault(name, []).append(float(taken))
        return {name: {"seconds": statistics.median(taken),
                       "bytes": (site / name).stat().st_size,
                       "sheets": int(info(site / name)["Pages"])}
                for name, taken in seconds.items()}


def pack_table(pack):
    lines = [f"  {'PDF':48} {'seconds':>7} {'KiB':>7} {'sheets':>6}"]
    lines += [f"  {name:48} {f['seconds']:7.2f} {f['bytes'] / KIB:7.0f} {f['sheets']:6}"
              for name, f in pack.items()]
    return "\n".join(lines)


def commit():
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3,
                        help="builds per configuration, searches per language")
    parser.add_argument("--pages", type=int, default=500, help="synthetic pages per language")
    parser.add_argument("--large", action="store_true",
                        help=f"search also at {LARGE} pages per language (slow)")
    parser.add_argument("--anchor", default=ANCHOR, help="the commit to compare search with")
    parser.add_argument("--json", type=Path, help="where to write the figures "
                        "(default: bench-results/bench-COMMIT.json)")
    args = parser.parse_args()

    sizes = [0, args.pages] + ([LARGE] if args.large else [])
    ours_label = f"shards ({commit()})"
    search = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        roots = {f"lunr ({args.anchor[:7]})": anchor_copy(tmp / "anchor", args.anchor),
                 ours_label: ROOT}
        for pages in sizes:
            for number, (variant, root) in enumerate(roots.items()):
                if pages:
                    config, stock = synthetic_site.write(tmp / f"{number}-{pages}", pages, root)
                else:
                    config = root / "mkdocs.yml"
                print(f"Search: {variant}, {pages or 'the real site'} pages per language, "
                      f"{args.runs} builds and searches...", flush=True)
                figures = measure_search(config, pages, args.runs, root)
                search.setdefault(variant, {})[pages] = figures
                print(search_table({variant: {pages: figures}}).splitlines()[1:], flush=True)
            if pages == args.pages:
                print(f"Building the stock configuration {args.runs} times...", flush=True)
                baseline = timed_build(stock, args.runs)
    print("Measuring first-load page weights...", flush=True)
    weights = page_weights()
    print(f"Making the membership pack {args.runs} times...", flush=True)
    pack = pack_figures(args.runs)

    ours = search[ours_label]
    print(f"\nBuild time (median of {args.runs}, seconds)")
    print(f"  {'real site':44} {ours[0]['build_seconds']:7.2f}")
    print(f"  {f'synthetic, {args.pages} pages per language, ours':44} "
          f"{ours[args.pages]['build_seconds']:7.2f}")
    print(f"  {f'synthetic, {args.pages} pages per language, stock i18n':44} {baseline:7.2f}")
    print(f"  {'ratio ours / stock':44} {ours[args.pages]['build_seconds'] / baseline:7.2f}")
    print("\nFirst-load page weight\n" + table(weights))
    print(f"\nMembership pack (median of {args.runs} builds)\n" + pack_table(pack))
    print("\nSearch on a phone (375 px, CPU x4, 1 MB/s, 60 ms, gzip); home pages; KiB gzip\n"
          + search_table(search))

    figures = {
        "commit": commit(), "runs": args.runs, "pages_per_language": args.pages,
        "build_seconds": {"synthetic_stock": baseline},
        "page_weight_bytes": {page: {"budgeted": budgeted(sizes), **sizes}
                              for page, sizes in weights.items()},
        "search": search,
        "pack": pack,
    }
    out = args.json or ROOT / "bench-results" / f"bench-{figures['commit']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nFigures written to {out}")


if __name__ == "__main__":
    main()
