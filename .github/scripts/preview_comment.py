"""The one comment a pull request gets about its preview, from the files the untrusted
build wrote (`changed_pages.py --json` and `translations.py --json` output). Those files
are data: each is checked against the shape it must have (a wrong one stops the job with
one line, before anything is published) and every value is escaped before it is shown,
so a pull request cannot put links, mentions or markup of its own into the comment.

    python .github/scripts/preview_comment.py body --number 12 --preview URL --live URL \
        --changes changes.json [--translations translations.json] > comment.md
    python .github/scripts/preview_comment.py post --number 12 comment.md
    python .github/scripts/preview_comment.py removed --number 12

`body` fits GitHub's limit on a comment (65,536 characters): past BUDGET it lists the pages
that matter most first (translations this change makes outdated, new and deleted pages,
edited pages, then pages touched through shared files), says how many more there are, and
writes them all to the job summary ($GITHUB_STEP_SUMMARY), which the comment links.
`post` writes the comment or updates the one there is (found by MARK); `removed` says in
that comment that the preview is gone. Both use the `gh` command.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

MARK = "<!-- asi-site-preview -->"  # finds the comment again, to update it
BUDGET = 60_000  # characters; GitHub refuses a comment over 65,536
MAX_FILE = 5_000_000  # bytes of an artifact file
PAGE = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*\.md")
ADDRESS = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.html")
STATUSES = {"up to date": "✅ up to date", "outdated by this change": "⚠️ outdated by this change",
            "outdated (before this change too)": "⚠️ outdated (before this change too)",
            "missing": "— no translation", "deleted": "deleted"}


class BadArtifact(Exception):
    """The artifact is not what the build writes: one line, for the job summary."""


def optional(kind):
    return lambda value: value is None or kind(value)


def string(limit):
    return lambda value: isinstance(value, str) and len(value) <= limit


def strings(limit, count):
    return lambda value: (isinstance(value, list) and len(value) <= count
                          and all(string(limit)(item) for item in value))


def records(shape, count):
    return lambda value: (isinstance(value, list) and len(value) <= count
                          and all(isinstance(item, dict) and not problem(item, shape)
                                  for item in value))


def problem(entry: dict, shape: dict) -> str | None:
    unknown = sorted(set(entry) - set(shape))
    if unknown:
        return f"unknown key {unknown[0]!r}"
    for key, fits in shape.items():
        if not fits(entry.get(key)):
            return f"{key!r} is {json.dumps(entry.get(key), ensure_ascii=False)[:60]}"
    return None


LINK = {"language": string(40), "path": lambda v: isinstance(v, str) and bool(ADDRESS.fullmatch(v))}
CHANGE = {"page": lambda v: isinstance(v, str) and bool(PAGE.fullmatch(v)),
          "english": optional(string(300)), "chinese": optional(string(300)),
          "reasons": strings(200, 500), "chinese_status": lambda v: v in STATUSES,
          "converted": lambda v: isinstance(v, dict) and len(v) <= 10 and all(
              string(20)(key) and string(300)(value) for key, value in v.items()),
          "address": lambda v: isinstance(v, str) and bool(ADDRESS.fullmatch(v)),
          "links": records(LINK, 10)}
LINE = {"number": optional(lambda v: isinstance(v, int) and not isinstance(v, bool)),
        "old": optional(string(2000)), "new": optional(string(2000))}
TRANSLATION = {"page": string(300), "status": string(40), "file": string(300),
               "detail": string(1000), "line": LINE["number"],
               "changes": records(LINE, 2000), "changes_unavailable": optional(string(1000))}


def load(path: Path | None, shape: dict) -> list[dict]:
    """The artifact file's entries, or BadArtifact naming the file and what is wrong."""
    if path is None:
        return []
    try:
        if path.stat().st_size > MAX_FILE:
            raise BadArtifact(f"{path.name} is over {MAX_FILE:,} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadArtifact(f"{path.name} is missing from the build's artifact") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BadArtifact(f"{path.name} is not JSON ({error})") from None
    if not isinstance(data, list):
        raise BadArtifact(f"{path.name} is not a list")
    for number, entry in enumerate(data, 1):
        found = problem(entry, shape) if isinstance(entry, dict) else "not an object"
        if found:
            raise BadArtifact(f"{path.name}, entry {number}: {found}")
    return data


def text(value, limit=200) -> str:
    """Plain text: no Markdown, HTML, mentions or line breaks survive."""
    value = re.sub(r"\s+", " ", str(value))[:limit]
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~@&])", r"\\\1", value)


def importance(entry: dict) -> tuple:
    """Pages a translator must act on first, then pages added, renamed or deleted, then
    pages edited, then pages touched only through a shared file (menu, templates)."""
    reasons = entry["reasons"]
    new = any(r == "new page" or r.startswith("renamed from") for r in reasons)
    if str(entry["chinese_status"]).startswith("outdated by"):
        rank = 0
    elif new or entry["english"] is None:
        rank = 1
    elif any(r.endswith(" edited") for r in reasons):
        rank = 2
    else:
        rank = 3
    return rank, entry["page"]


def links(entry: dict, base: str) -> str:
    return " · ".join(f"[{text(link['language'], 40)}]({base}{link['path']})"
                      for link in entry["links"])


def page_row(entry: dict, preview: str, live: str) -> str:
    reasons = "; ".join(text(r, 80) for r in entry["reasons"][:5])
    new = any(r == "new page" or r.startswith("renamed from") for r in entry["reasons"])
    shown = links(entry, preview) if entry["english"] is not None else "deleted"
    published = "not yet" if new else links(entry, live)
    return (f"| `{entry['page']}`<br>{reasons} | {shown} | {published} | "
            f"{STATUSES[entry['chinese_status']]} |")


HEADER = ["| Page | Preview | Live site | Translation |", "| --- | --- | --- | --- |"]


def translation_diff(row: dict) -> list[str]:
    """What changed in English on an outdated page, as the translators' report shows it
    (old and new sentence, words marked)."""
    lines = []
    for change in row["changes"][:40]:
        number = change.get("number")
        number = f"{number:>4}" if number is not None else "   -"
        old, new = change.get("old"), change.get("new")
        if old is not None and new is not None:
            lines += [f"{number} | was: {old}", f"     | now: {new}"]
        elif new is not None:
            lines.append(f"{number} | added: {new}")
        elif old is not None:
            lines.append(f"{number} | deleted: {old}")
    body = "\n".join(re.sub(r"[\x00-\x08\x0b-\x1f]", "", line)[:500] for line in lines)
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", body)), default=0))
    return ["", f"<details><summary>What changed in English: {text(row['page'])}</summary>", "",
            f"{fence}text", body, fence, "", "</details>"]


def summary_url() -> str | None:
    keys = ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    if all(os.environ.get(key) for key in keys):
        server, repository, run = (os.environ[key] for key in keys)
        return f"{server}/{repository}/actions/runs/{run}"
    return None


def comment(number: int, preview: str, live: str, changes, translations=(),
            budget=BUDGET) -> tuple[str, list[str]]:
    """(the comment, every page row): the rows that fit the budget, most important first."""
    head = [MARK, f"### Preview of pull request {number}", ""]
    if not changes:
        return "\n".join([*head, f"[The whole site as it will look]({preview}); this change "
                          "touches no page."]) + "\n", []
    homes = " · ".join(  # each language's home: a page's path without the page
        f"[{text(link['language'], 40)}]({preview}"
        f"{link['path'].removesuffix(changes[0]['address'])})" for link in changes[0]["links"])
    head += [f"The whole site as it will look: {homes}. Updated on every push; removed when "
             "the pull request is closed.", ""]
    ordered = sorted(changes, key=importance)
    rows = [page_row(entry, preview, live) for entry in ordered]
    outdated = {c["page"] for c in ordered if c["chinese_status"].startswith("outdated")}
    diffs = [line for row in translations if row["page"] in outdated and row["changes"]
             for line in translation_diff(row)]
    lines = [*head, "**Pages this change touches**", "", *HEADER]
    size = sum(len(line) + 1 for line in lines) + 400  # room for the closing line
    shown = 0
    for row in rows:
        if size + len(row) + 1 > budget:
            break
        lines.append(row)
        size += len(row) + 1
        shown += 1
    if shown < len(rows):
        where = summary_url()
        lines += ["", f"… and {len(rows) - shown} more pages, listed in "
                  + (f"[this run's summary]({where})." if where else "the job summary.")]
    elif size + sum(len(line) + 1 for line in diffs) <= budget:
        lines += diffs
    return "\n".join(lines) + "\n", rows


def gh(*args: str) -> str:
    result = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"gh {args[0]} {args[-1] if len(args) > 1 else ''} failed: "
                           f"{result.stderr.strip()}")
    return result.stdout


def existing_comment(number: int) -> str | None:
    repository = os.environ["GITHUB_REPOSITORY"]
    found = gh("api", f"repos/{repository}/issues/{number}/comments", "--paginate", "--jq",
               '[.[] | select(.user.login == "github-actions[bot]" and '
               f'(.body | startswith("{MARK}")))][0].id // empty').strip()
    return found or None


def post(number: int, body_file: Path) -> str:
    repository = os.environ["GITHUB_REPOSITORY"]
    existing = existing_comment(number)
    if existing:
        gh("api", "--method", "PATCH", f"repos/{repository}/issues/comments/{existing}",
           "-F", f"body=@{body_file}")
        return f"Updated the preview comment on pull request {number}"
    gh("api", "--method", "POST", f"repos/{repository}/issues/{number}/comments",
       "-F", f"body=@{body_file}")
    return f"Commented on pull request {number}"


def removed(number: int, folder: Path) -> str:
    if not existing_comment(number):
        return f"Pull request {number} has no preview comment"
    body = folder / "removed.md"
    body.write_text(f"{MARK}\n### Preview of pull request {number}\n\nThe preview was "
                    "removed: the pull request is closed.\n", encoding="utf-8")
    return post(number, body)


def to_summary(lines: list[str]) -> None:
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    body = commands.add_parser("body")
    body.add_argument("--preview", required=True)
    body.add_argument("--live", required=True)
    body.add_argument("--changes", type=Path, required=True)
    body.add_argument("--translations", type=Path)
    posting = commands.add_parser("post")
    posting.add_argument("file", type=Path)
    commands.add_parser("removed")
    for command in (body, posting, commands.choices["removed"]):
        command.add_argument("--number", type=int, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "post":
            print(post(args.number, args.file))
        elif args.command == "removed":
            print(removed(args.number, Path(os.environ.get("RUNNER_TEMP", "."))))
        else:
            for url in (args.preview, args.live):
                if not re.fullmatch(r"https://[\w.-]+(/[\w.~-]+)*/", url):
                    raise BadArtifact(f"not a site address: {url!r}")
            body_text, rows = comment(args.number, args.preview, args.live,
                                      load(args.changes, CHANGE),
                                      load(args.translations, TRANSLATION))
            if rows:
                to_summary(["## Pages this change touches", "", *HEADER, *rows])
            print(body_text, end="")
    except BadArtifact as error:
        line = f"No preview: {error}. Nothing was published."
        to_summary([line])
        print(f"::error::{line}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"::error::{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
