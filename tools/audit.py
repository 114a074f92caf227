"""`make audit`: Lighthouse, mobile profile, on the home, membership and working-groups
pages in both languages. Prints the four category scores (median of --runs runs) and
every audit that cost points; exits 1 if a score is below --target.

The real site is built and served gzip-compressed on 127.0.0.1 under its sub-path, as on
GitHub Pages; Lighthouse drives the same Chromium as the tests (CHROME_PATH)."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from sitebuild import CHROMIUM_ARGS, SUBPATH, build, chromium_path, free_port, serve

from sitelib import ROOT

PAGES = ["index.html", "membership.html", "working-groups.html",
         "zh/index.html", "zh/membership.html", "zh/working-groups.html"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"


def lighthouse(url, report_base):
    """Run Lighthouse once; return its JSON report (an HTML copy is kept beside it)."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output=html",
         f"--output-path={report_base}", f"--only-categories={','.join(CATEGORIES)}",
         f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": chromium_path()}, check=True,
    )
    return json.loads(Path(f"{report_base}.report.json").read_text(encoding="utf-8"))


def scores(report):
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def findings(report):
    """'category: audit title (value)' for every weighted audit that scored below 1."""
    found = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append(f"{category}: {audit['title']}{value}")
    return found


def audit(base_url, runs):
    REPORTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for page in PAGES:
        name = page.removesuffix(".html").replace("/", "-")
        reports = [lighthouse(base_url + page, REPORTS / f"{name}-{run}") for run in range(runs)]
        medians = {c: statistics.median(scores(r)[c] for r in reports) for c in CATEGORIES}
        notes = sorted({note for report in reports for note in findings(report)})
        results[page] = {"scores": medians, "findings": notes}
        print(f"  {page:24} " + "  ".join(f"{medians[c]:>5g}" for c in CATEGORIES), flush=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--target", type=int, default=100, help="lowest acceptable score")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make node-deps`")

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUBPATH
        result = build(site, f"http://127.0.0.1:{port}/{SUBPATH}/")
        if result.returncode:
            sys.exit(f"the build failed:\n{result.stderr}")
        print(f"Lighthouse, mobile, median of {args.runs} run(s); reports in {REPORTS}")
        print(f"  {'page':24} " + "  ".join(f"{c[:5]:>5}" for c in CATEGORIES))
        with serve(site.parent, port, compress=True) as base_url:
            results = audit(base_url, args.runs)

    (REPORTS / "summary.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    below = {page: r for page, r in results.items() if min(r["scores"].values()) < args.target}
    for page, r in below.items():
        print(f"\n{page}: below {args.target}:\n  " + "\n  ".join(r["findings"]))
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
