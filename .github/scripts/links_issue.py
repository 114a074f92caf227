"""The one issue that tells the editors which links to other websites no longer work, kept
in step with the weekly link check: opened the first time an address is dead, rewritten
on later runs, closed (with a comment) when every address works again. Standard library
and the `gh` CLI only (GH_TOKEN, GH_REPO); run from the default branch, never from a pull
request.

    python .github/scripts/links_issue.py links.json   # the report of scripts/check_links.py

An address dead last week that could not be checked this week stays on the list, marked
so. The report is data: every value is checked and escaped before it is shown.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from preview_comment import text

MARK = "<!-- asi-site-dead-links"  # finds the issue again; the addresses listed follow it
TITLE = "Links to other websites that no longer work"
URL = re.compile(r"https?://[^\s<>\"'`\\]+")
PLACE = re.compile(r"[\w./-]+\.(?:md|yml|html)")
MAX_ADDRESSES, MAX_PLACES = 50, 20


class GhFailed(RuntimeError):
    pass


def gh(*args: str) -> str:
    done = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    if done.returncode:
        why = done.stderr.strip() or done.stdout.strip()
        raise GhFailed(f"gh {' '.join(args[:2])} failed: {why}")
    return done.stdout


def the_issue():
    """The open issue this script keeps (number, addresses it lists), or None."""
    issues = json.loads(gh("issue", "list", "--state", "open", "--limit", "200",
                           "--json", "number,body") or "[]")
    for issue in issues:
        body = issue.get("body") or ""
        if body.startswith(MARK):
            listed = re.match(re.escape(MARK) + r" (\[.*?\]) -->", body)
            try:
                urls = json.loads(listed[1]) if listed else []
            except ValueError:
                urls = []
            return issue["number"], {u for u in urls if isinstance(u, str)}
    return None


def entries(report) -> list[dict]:
    """The report's addresses that are well formed; anything else is dropped."""
    good = []
    for entry in report.get("addresses", []) if isinstance(report, dict) else []:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str) \
                and URL.fullmatch(entry["url"]):
            good.append(entry)
    return good


def places(entry) -> list[str]:
    out = []
    for place in (entry.get("places") or [])[:MAX_PLACES]:
        file, line = place.get("file"), place.get("line")
        if not (isinstance(file, str) and PLACE.fullmatch(file) and isinstance(line, int)):
            continue
        if file == "mkdocs.yml" and entry.get("names"):
            out.append(f"  - `mkdocs.yml`, line {line}: the address is set here, under "
                       "`extra.links`; change it once and every page that links with that "
                       "name follows")
        else:
            out.append(f"  - `{file}`, line {line}: {text(place.get('text', ''), 160)}")
    return out or ["  - not written in any page (it comes from the theme): ask the maintainers"]


def body(listed: list[dict], unchecked: set[str], moved: list[dict], day: str) -> str:
    lines = [f"{MARK} {json.dumps(sorted(e['url'] for e in listed))} -->",
             f"The weekly link check ({day}) found links on the site that lead to a page that "
             "is no longer there. For each one: open it in a browser, find where the page "
             "went on that website, and put the new address where it says below (or take the "
             "link out). This issue closes itself once every address works again.", ""]
    for entry in listed[:MAX_ADDRESSES]:
        state = ("could not be checked this week; it did not work last time"
                 if entry["url"] in unchecked else text(entry.get("detail", ""), 120))
        lines += [f"- <{entry['url']}>: {state}", *places(entry)]
    if len(listed) > MAX_ADDRESSES:
        lines.append(f"- … and {len(listed) - MAX_ADDRESSES} more (`make check-links` lists all)")
    good_moves = [e for e in moved if isinstance(e.get("new_url"), str)
                  and URL.fullmatch(e["new_url"])]
    if good_moves:
        lines += ["", "These still work but have moved: when you are there, update them too.", ""]
        for entry in good_moves[:MAX_ADDRESSES]:
            lines += [f"- <{entry['url']}> now leads to <{entry['new_url']}>", *places(entry)]
    return "\n".join(lines) + "\n"


def sync(report, day: str) -> str:
    """Open, update or close the issue; say what was done."""
    found = entries(report)
    by_status = {status: [e for e in found if e.get("status") == status]
                 for status in ("dead", "later", "moved")}
    issue = the_issue()
    previous = issue[1] if issue else set()
    unchecked = {e["url"] for e in by_status["later"] if e["url"] in previous}
    listed = by_status["dead"] + [e for e in by_status["later"] if e["url"] in unchecked]
    if not listed:
        if not issue:
            return "No dead address, and no issue open."
        gh("issue", "close", str(issue[0]), "--comment",
           f"The link check of {day} found every address working again.")
        return f"Closed issue #{issue[0]}: every address works again."
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as out:
        out.write(body(listed, unchecked, by_status["moved"], day))
    try:
        if issue:
            gh("issue", "edit", str(issue[0]), "--body-file", out.name)
            return f"Updated issue #{issue[0]}: {len(listed)} address(es)."
        created = gh("issue", "create", "--title", TITLE, "--body-file", out.name)
        return f"Opened an issue for {len(listed)} address(es): {created.strip()}"
    finally:
        os.unlink(out.name)


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        report = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"cannot read the link report {args[0]}: {error}", file=sys.stderr)
        return 2
    try:
        done = sync(report, datetime.now(UTC).strftime("%Y-%m-%d"))
    except GhFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(done)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"{done}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
