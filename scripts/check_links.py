"""Check every address on another website that the built site links to, in every language,
and say for each one that needs an editor where it is written (file and line).

    python scripts/check_links.py [--site site] [--new-since REV] [--json report.json]
    (make check-links; make check-links NEW_SINCE=main checks only what a change adds)

Dead addresses (the page is not there) fail the check; a permanent redirect is a line to
update; a timeout, a 429 or a refusal is tried again next week. --json writes the report
that .github/scripts/links_issue.py turns into the editors' issue.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from sitelib import ROOT
from sitelib.external_links import UnknownBase, in_site, locate, new_since, site_address
from sitelib.findings import Finding, annotate
from sitelib.link_status import DEAD, LATER, MOVED, CheckerFailed, check

HEADINGS = {
    DEAD: "Not working — replace or remove these links",
    MOVED: "Moved — they still lead there, but update the address",
    LATER: "Not checked this time — tried again next week, nothing to do yet",
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--site-url", help="default: the home page's canonical address")
    parser.add_argument("--new-since", metavar="REV", default="")
    parser.add_argument("--json", type=Path, help="write the report here")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per request")
    parser.add_argument("--retries", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} has no built site: run make build first", file=sys.stderr)
        return 2
    site_url = args.site_url or site_address(args.site)
    own = tuple(url for url in (site_url, os.environ.get("REPO_URL", "")) if url)
    found = in_site(args.site, own)
    try:
        urls = (new_since(args.root, args.new_since, found) if args.new_since else set(found))
        outcomes = check(sorted(urls), args.timeout, args.retries)
    except (UnknownBase, CheckerFailed) as error:
        print(f"The link check could not run: {error}", file=sys.stderr)
        return 2
    addresses = locate(args.root, urls)
    for address in addresses:
        address.pages = found[address.url]
    report = [{"url": a.url, **vars(outcomes[a.url]), "names": a.names,
               "pages": sorted(a.pages), "places": [vars(p) for p in a.places]}
              for a in addresses]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"new_since": args.new_since or None,
                                         "addresses": report}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    scope = "added since " + args.new_since if args.new_since else "on other websites"
    count = f"{len(report)} address{'' if len(report) == 1 else 'es'}"
    print(f"Checked {count} {scope}, linked from the built pages of every language.")
    for status, heading in HEADINGS.items():
        listed = [entry for entry in report if entry["status"] == status]
        if listed:
            print(f"\n{heading} ({len(listed)}):")
            for entry in listed:
                print(*describe(entry), sep="\n")
    annotate(findings(report))
    dead = sum(entry["status"] == DEAD for entry in report)
    if not dead:
        print("\nNo address is dead.")
    return 1 if dead else 0


def describe(entry) -> list[str]:
    """An address and where to change it, in an editor's words."""
    lines = [f"  {entry['url']}: {entry['detail']}"]
    if entry.get("new_url"):
        lines.append(f"    New address: {entry['new_url']}")
    for place in entry["places"]:
        text = place["text"] if len(place["text"]) <= 120 else place["text"][:119] + "…"
        if place["file"] == "mkdocs.yml" and entry["names"]:
            lines.append(f"    Set in mkdocs.yml, line {place['line']} ({text}): change it there "
                         "and every page that links with that name follows.")
        else:
            lines.append(f"    {place['file']}, line {place['line']}: {text}")
    if not entry["places"]:
        lines.append("    Not written in any page or in mkdocs.yml (it comes from the theme): "
                     "tell the maintainers. Pages: " + ", ".join(entry["pages"][:5]))
    return lines


def findings(report) -> list[Finding]:
    """Dead and moved addresses as annotations on the lines that have them."""
    out = []
    for entry in report:
        if entry["status"] not in (DEAD, MOVED):
            continue
        if entry["status"] == DEAD:
            message = f"{entry['url']} no longer works: {entry['detail']}"
            fix = "open it in a browser, then link the page that replaced it or remove the link"
        else:
            message = f"{entry['url']} has moved to {entry['new_url']}"
            fix = "replace the address with the new one"
        severity = "error" if entry["status"] == DEAD else "warning"
        out += [Finding(p["file"], p["line"], None, message, fix, severity)
                for p in entry["places"]]
    return out


if __name__ == "__main__":
    sys.exit(main())
