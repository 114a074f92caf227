"""`make bench`: build times, page weights and search on a phone, as a table and as JSON.

- the real site: `properdocs build --strict`, median of --runs builds;
- a synthetic site of --pages pages per language (tools/synthetic_site.py: text varied per
  page, drawn from the real pages), built with our configuration and with a stock
  mkdocs-static-i18n configuration (same theme, languages and Markdown extensions; none of
  our hooks, overrides or search settings): the ratio is what our additions cost;
- the first-load weight of every page of the real site (gzip bytes, as the tests count);
- the membership pack: each language's PDF, the seconds the build spends making it
  (median of --runs builds, as scripts/hook_print.py logs it), its bytes and sheets;
- search, in this tree and in the --anchor commit (the lunr search it replaced), on the
  real site and the synthetic one (--large: also 2,000 pages per language), on a phone
  (tools/search_phone.py: 375 px, CPU x4, 1 MB/s, 60 ms, gzip), per language: the home
  page's first load, the bytes of a first search, last key -> first results (median of
  --runs searches), the build time, and (this tree) recall on phrases sampled from the
  synthetic pages: of the pages holding a phrase, the share the search worker matches.
"""

import argparse
import contextlib
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import search_phone
import synthetic_site
from quality.pages import PAGES
from quality.pdf import info
from quality.weight import KIB, budgeted, first_load, table
from sitebuild import CHROMIUM_ARGS, SUBPATH, build, chromium_path, free_port, serve

from sitelib import ROOT, search_shards

# The last commit with Material's lunr search (one whole index per language, built in the
# browser), measured in the same run as the anchor.
ANCHOR = "198ddd5af93dd1dc43acd4280041a52923ded77b"
LARGE = 2000
PHRASES = 30  # sampled per language for recall
# The membership tables hook finds its data beside the configuration file by default.
ENV = {"MEMBERSHIP_DATA": str(ROOT / "data" / "membership_classes.yml")}


def timed_build(config, runs, site=None, site_url="http://127.0.0.1:8000/"):
    """Median wall-clock seconds of `runs` strict builds with config (the last kept in
    site, when given)."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            result = build(site or Path(tmp) / SUBPATH, site_url, config, ENV)
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


def sample_phrases(lang, pages, rng):
    """Phrases from the synthetic pages: 1 to 6 Han characters, or 2 or 3 English words."""
    source = synthetic_site.source(lang)
    phrases = []
    while len(phrases) < PHRASES:
        headings, parts = synthetic_site.page_text(lang, rng.randrange(pages), source)
        text = rng.choice(parts)
        if lang == "zh":
            run = rng.choice(re.findall(r"[\u4e00-\u9fff]+", text))
            length = rng.randint(1, min(6, len(run)))
            start = rng.randrange(len(run) - length + 1)
            phrases.append(run[start:start + length])
        else:
            words = [re.sub(r"[^\w’'-]", "", word) for word in text.split()]
            start = rng.randrange(len(words) - 3)
            phrase = " ".join(words[start:start + rng.randint(2, 3)])
            if set(phrase.lower().split()) - search_shards.STOP_WORDS:
                phrases.append(phrase)
    return phrases


def recall(site, lang, pages):
    """Of the synthetic pages holding each sampled phrase, the share the worker matches."""
    source = synthetic_site.source(lang)
    texts = {}
    for number in range(pages):
        headings, parts = synthetic_site.page_text(lang, number, source)
        texts[f"s{number // synthetic_site.SECTION_SIZE:02d}/page-{number:03d}.html"] = \
            " ".join(headings + parts).lower()
    phrases = sample_phrases(lang, pages, random.Random(f"recall-{lang}"))
    folder = site / ("zh" if lang == "zh" else "") / "search"
    answers = json.loads(subprocess.run(
        ["node", str(ROOT / "tools" / "search_worker.mjs"), str(folder)],
        input=json.dumps(phrases), capture_output=True, text=True, check=True).stdout)
    found = expected = 0
    for answer in answers:
        holding = {page for page, text in texts.items() if answer["query"].lower() in text}
        expected += len(holding)
        found += len(holding & set(answer["pages"]))
    return found / expected


def measure_search(config, pages, runs, root):
    """Build config, serve it with gzip and measure search in both languages on a phone."""
    port = free_port()
    playwright_api = __import__("playwright.sync_api", fromlist=["sync_playwright"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        seconds = timed_build(config, runs, site, f"http://127.0.0.1:{port}/{SUBPATH}/")
        figures = {"build_seconds": seconds}
        with serve(site.parent, port, compress=True) as base_url, \
                playwright_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang, home in search_phone.HOMES.items():
                searches = [search_phone.first_search(browser, base_url, lang)
                            for _ in range(runs)]
                figures[lang] = {
                    "first_load_bytes": sum(first_load(browser, base_url + home)[0].values()),
                    "first_search_bytes": searches[0]["first_search_bytes"],
                    "last_key_ms": statistics.median(s["last_key_ms"] for s in searches),
                    "first_search_requests": searches[0]["requests"],
                }
                if pages and root == ROOT:
                    figures[lang]["recall"] = recall(site, lang, pages)
            browser.close()
    return figures


def search_table(search):
    lines = [f"{'':26} {'pages/lang':>10} {'build s':>7}  lang {'first load KiB':>14} "
             f"{'1st search KiB':>14} {'last key->results ms':>20} {'recall':>7}"]
    for variant, sizes in search.items():
        for pages, figures in sizes.items():
            for lang in search_phone.HOMES:
                f = figures[lang]
                rate = f"{f['recall']:7.1%}" if "recall" in f else f"{'-':>7}"
                lines.append(
                    f"{variant:26} {pages or 'real':>10} {figures['build_seconds']:7.1f}  "
                    f"{lang:4} {f['first_load_bytes'] / KIB:14.1f} "
                    f"{f['first_search_bytes'] / KIB:14.1f} {f['last_key_ms']:20.0f} {rate}")
    return "\n".join(lines)


@contextlib.contextmanager
def served(config=ROOT / "mkdocs.yml"):
    """Build config once and serve it: yield (site folder, base URL, Chromium)."""
    port = free_port()
    playwright_api = __import__("playwright.sync_api", fromlist=["sync_playwright"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        result = build(site, f"http://127.0.0.1:{port}/{SUBPATH}/", config, ENV)
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
            result = build(site, "http://127.0.0.1:8000/", extra_env=ENV)
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
