"""`make bench`: build times and page weights, as a table and as JSON for comparing commits.

- the real site: `mkdocs build --strict`, median of --runs builds;
- a synthetic site of --pages pages per language, generated into a temporary folder,
  built with our configuration and with a stock mkdocs-static-i18n configuration (same
  theme, languages and Markdown extensions; none of our hooks, overrides or search
  settings): the ratio is what our additions cost;
- the first-load weight of every page of the real site (gzip bytes, as the tests count).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from quality.pages import PAGES  # noqa: E402
from quality.weight import budgeted, first_load, table  # noqa: E402
from sitebuild import CHROMIUM_ARGS, SUBPATH, build, chromium_path, free_port, serve  # noqa: E402

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
    hooks = ["hook_links.py", "hook_i18n.py", "hook_membership_tables.py"]
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


def page_weights():
    port = free_port()
    playwright_api = __import__("playwright.sync_api", fromlist=["sync_playwright"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        result = build(site, f"http://127.0.0.1:{port}/{SUBPATH}/")
        if result.returncode:
            sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
        with serve(site.parent, port) as base_url, playwright_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            weights = {page: first_load(browser, base_url + page)[0] for page in PAGES}
            browser.close()
    return weights


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
    print("Measuring first-load page weights...", flush=True)
    weights = page_weights()

    print(f"\nBuild time (median of {args.runs}, seconds)")
    print(f"  {'real site':44} {real:7.2f}")
    print(f"  {f'synthetic, {args.pages} pages per language, ours':44} {synthetic:7.2f}")
    print(f"  {f'synthetic, {args.pages} pages per language, stock i18n':44} {baseline:7.2f}")
    print(f"  {'ratio ours / stock':44} {synthetic / baseline:7.2f}")
    print("\nFirst-load page weight\n" + table(weights))

    figures = {
        "commit": commit(), "runs": args.runs, "pages_per_language": args.pages,
        "build_seconds": {"real": real, "synthetic_ours": synthetic,
                          "synthetic_stock": baseline, "ratio": synthetic / baseline},
        "page_weight_bytes": {page: {"budgeted": budgeted(sizes), **sizes}
                              for page, sizes in weights.items()},
    }
    out = args.json or ROOT / "bench-results" / f"bench-{figures['commit']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nFigures written to {out}")


if __name__ == "__main__":
    main()
