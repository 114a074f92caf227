"""`make bench`: build times and page weights, as a table and as JSON for comparing commits.

- the real site: `mkdocs build --strict`, median of --runs builds;
- a synthetic site of --pages pages per language, generated into a temporary folder,
  built with our configuration and with a stock mkdocs-static-i18n configuration (same
  theme, languages and Markdown extensions; none of our hooks, overrides or search
  settings): the ratio is what our additions cost;
- the first-load weight of every page of the real site (gzip bytes, as the tests count);
- search, on the real site and on the synthetic one (ours): the home pages' first-load
  bytes and requests (which must not grow with the site), each language's search index
  (raw and gzip), and on the synthetic site the time from the first keystroke in the search
  field to the first results, search not loaded before (median of --runs).
"""

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quality.browsing import visit
from quality.pages import PAGES
from quality.weight import KIB, budgeted, first_load, gzipped_size, table
from sitebuild import CHROMIUM_ARGS, SUBPATH, build, chromium_path, free_port, serve

from sitelib import ROOT

SECTION_SIZE = 50
# The membership tables hook finds its data beside the configuration file by default.
ENV = {"MEMBERSHIP_DATA": str(ROOT / "data" / "membership_classes.yml")}
TEXT = {
    "en": ("Members commit to responsible production, sourcing and stewardship of aluminium "
           "across the value chain, and report on their progress every year."),
    "zh": "会员承诺在整个价值链中负责任地生产、采购和管理铝，并每年报告其进展。",
}


def timed_build(config, runs):
    """Median wall-clock seconds of `runs` strict builds with config."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            result = build(Path(tmp) / SUBPATH, "http://127.0.0.1:8000/", config, ENV)
            times.append(time.perf_counter() - start)
            if result.returncode:
                sys.exit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    return statistics.median(times)


def _page(lang, number, pages):
    nxt, prev = (number + 1) % pages, (number - 1) % pages
    table = "<!-- table: membership-classes -->\n\n" if number % SECTION_SIZE == 0 else ""
    return f"""---
description: Synthetic page {number} for the build benchmark.
---
# Page {number}

{TEXT[lang]} [Terms of Reference][terms-of-reference].

## Overview

{TEXT[lang] * 3}

- [Next page](../s{nxt // SECTION_SIZE:02d}/page-{nxt:03d}.md#details)
- [Previous page](../s{prev // SECTION_SIZE:02d}/page-{prev:03d}.md)

## Details

| Class | Fee | Votes |
|-------|-----|-------|
| Production | 10,000 | 1 |
| Civil society | 0 | 1 |

{table}!!! note
    {TEXT[lang]}
"""


def synthetic_site(folder, pages):
    """Docs for `pages` pages per language, and two configurations: (ours, stock)."""
    docs = folder / "docs"
    nav = [{"Home": "index.md"}]
    for lang, root in (("en", docs), ("zh", docs / "zh")):
        root.mkdir(parents=True, exist_ok=True)
        (root / "index.md").write_text(f"# Home\n\n{TEXT[lang]}\n", encoding="utf-8")
        for number in range(pages):
            path = root / f"s{number // SECTION_SIZE:02d}" / f"page-{number:03d}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(_page(lang, number, pages), encoding="utf-8")
    for section in range(0, pages, SECTION_SIZE):
        numbers = range(section, min(section + SECTION_SIZE, pages))
        nav.append({f"Section {section // SECTION_SIZE}":
                    [f"s{section // SECTION_SIZE:02d}/page-{n:03d}.md" for n in numbers]})

    (folder / "empty-overrides").mkdir()
    common = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(docs), "nav": nav}
    hooks = ["hook_links.py", "hook_i18n.py", "hook_search.py", "hook_membership_tables.py"]
    ours = {**common, "hooks": [str(ROOT / "scripts" / hook) for hook in hooks],
            "theme": {"custom_dir": str(ROOT / "overrides")}}
    stock = {**common, "hooks": [], "theme": {"custom_dir": str(folder / "empty-overrides")},
             "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": [
                 {"locale": "en", "name": "English", "default": True, "build": True},
                 {"locale": "zh", "name": "简体中文", "build": True}]}}]}
    configs = []
    for name, config in (("ours", ours), ("stock", stock)):
        path = folder / f"mkdocs-{name}.yml"
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        configs.append(path)
    return configs


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


HOMES = {"en": "index.html", "zh": "zh/index.html"}
QUERIES = {"en": "members", "zh": "会员"}
# The first keystroke in the search field, and the first result shown, on the page's clock.
STOPWATCH = """
    window.stopwatch = {}
    for (const type of ["keydown", "beforeinput"])  // Chinese arrives as text, no key event
        addEventListener(type, ev => {
            if (ev.target.matches?.("input.md-search__input")) stopwatch.start ??= performance.now()
        }, true)
    addEventListener("DOMContentLoaded", () => new MutationObserver(() => {
        if (document.querySelector(".md-search-result__item")) stopwatch.end ??= performance.now()
    }).observe(document.body, {childList: true, subtree: true}))
"""


def first_results_ms(browser, url, query):
    """Milliseconds from the first key typed into the search field, opened with "/" at
    once (nothing loaded before), to the first result; a fresh context, empty cache."""
    with visit(browser, url) as record:
        page = record.page
        page.add_init_script(STOPWATCH)
        page.reload(wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function("stopwatch.end", timeout=60000)
        return page.evaluate("stopwatch.end - stopwatch.start")


def search_figures(site, base_url, browser, runs=0):
    """Home pages' first load, index sizes and (runs > 0) time to first results."""
    figures = {}
    for lang, home in HOMES.items():
        sizes, files = first_load(browser, base_url + home)
        index = (site / home).parent / "search" / "search_index.json"
        body = index.read_bytes()
        figures[lang] = {"first_load_bytes": sum(sizes.values()), "first_load_requests": len(files),
                         "index_bytes": len(body), "index_gzip_bytes": gzipped_size(body)}
        if runs:
            times = [first_results_ms(browser, base_url + home, QUERIES[lang])
                     for _ in range(runs)]
            figures[lang]["first_results_ms"] = statistics.median(times)
    return figures


def page_weights():
    with served() as (site, base_url, browser):
        weights = {page: first_load(browser, base_url + page)[0] for page in PAGES}
        return weights, search_figures(site, base_url, browser)


def search_table(real, synthetic, pages):
    lines = [f"{'':24} {'first load KiB':>14} {'requests':>8} {'index KiB':>10} "
             f"{'index gzip':>10} {'1st results ms':>14}"]
    for name, figures in (("real", real), (f"synthetic {pages}/lang", synthetic)):
        for lang, f in figures.items():
            ms = f"{f['first_results_ms']:14.0f}" if "first_results_ms" in f else f"{'':>14}"
            lines.append(f"{name + ' ' + lang:24} {f['first_load_bytes'] / KIB:14.1f} "
                         f"{f['first_load_requests']:8} {f['index_bytes'] / KIB:10.1f} "
                         f"{f['index_gzip_bytes'] / KIB:10.1f} {ms}")
    drift = max(abs(real[lang]["first_load_bytes"] - synthetic[lang]["first_load_bytes"])
                for lang in real)
    lines.append(f"home first load, synthetic minus real: at most {drift} bytes "
                 f"({'within' if drift <= KIB else 'OVER'} 1 KiB)")
    return "\n".join(lines)


def commit():
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per configuration")
    parser.add_argument("--pages", type=int, default=500, help="synthetic pages per language")
    parser.add_argument("--json", type=Path, help="where to write the figures "
                        "(default: bench-results/bench-COMMIT.json)")
    args = parser.parse_args()

    print(f"Building the real site {args.runs} times...", flush=True)
    real = timed_build(ROOT / "mkdocs.yml", args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock = synthetic_site(Path(tmp), args.pages)
        print(f"Building {args.pages} synthetic pages per language, ours and stock, "
              f"{args.runs} times each...", flush=True)
        synthetic = timed_build(ours, args.runs)
        baseline = timed_build(stock, args.runs)
        print("Measuring search on the synthetic site...", flush=True)
        with served(ours) as (site, base_url, browser):
            synthetic_search = search_figures(site, base_url, browser, args.runs)
    print("Measuring first-load page weights...", flush=True)
    weights, real_search = page_weights()

    print(f"\nBuild time (median of {args.runs}, seconds)")
    print(f"  {'real site':44} {real:7.2f}")
    print(f"  {f'synthetic, {args.pages} pages per language, ours':44} {synthetic:7.2f}")
    print(f"  {f'synthetic, {args.pages} pages per language, stock i18n':44} {baseline:7.2f}")
    print(f"  {'ratio ours / stock':44} {synthetic / baseline:7.2f}")
    print("\nFirst-load page weight\n" + table(weights))
    print("\nSearch (home pages; first load counts every byte, gzip)\n"
          + search_table(real_search, synthetic_search, args.pages))

    figures = {
        "commit": commit(), "runs": args.runs, "pages_per_language": args.pages,
        "build_seconds": {"real": real, "synthetic_ours": synthetic,
                          "synthetic_stock": baseline, "ratio": synthetic / baseline},
        "page_weight_bytes": {page: {"budgeted": budgeted(sizes), **sizes}
                              for page, sizes in weights.items()},
        "search": {"real": real_search, "synthetic": synthetic_search},
    }
    out = args.json or ROOT / "bench-results" / f"bench-{figures['commit']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nFigures written to {out}")


if __name__ == "__main__":
    main()
