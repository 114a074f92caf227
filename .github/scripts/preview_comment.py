"""The one comment a pull request gets about its preview, from the files the untrusted
build wrote (`make changed-pages` and `translations.py --json` output). Those files are
data: every value is checked against what it may be and escaped before it is shown, so
a pull request cannot put links, mentions or markup of its own into the comment.

    python .github/scripts/preview_comment.py --number 12 --preview URL --live URL \
        --changes changes.json [--translations translations.json]
"""

import argparse
import json
import re
import sys
from pathlib import Path

MARK = "<!-- asi-site-preview -->"  # finds the comment again, to update it
PAGE = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*\.md")
STATUSES = {"up to date": "✅ up to date", "outdated by this change": "⚠️ outdated by this change",
            "outdated (before this change too)": "⚠️ outdated (before this change too)",
            "missing": "— no Chinese page", "deleted": "deleted"}
MAX_PAGES = 50


def text(value, limit=200) -> str:
    """Plain text: no Markdown, HTML, mentions or line breaks survive."""
    value = re.sub(r"\s+", " ", str(value))[:limit]
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~@&])", r"\\\1", value)


def page_rows(changes, preview: str, live: str) -> list[str]:
    rows = ["| Page | Preview | Live site | Chinese page |", "| --- | --- | --- | --- |"]
    for entry in changes[:MAX_PAGES]:
        page = entry.get("page", "")
        if not isinstance(page, str) or not PAGE.fullmatch(page):
            continue  # not a page name: never shown
        address = page.removesuffix(".md") + ".html"
        status = STATUSES.get(entry.get("chinese_status"), "delete the Chinese page too")
        reasons = "; ".join(text(r, 80) for r in entry.get("reasons", [])[:5]
                            if isinstance(r, str))
        exists = entry.get("english") is not None
        new = any(r in ("new page",) or str(r).startswith("renamed from")
                  for r in entry.get("reasons", []))
        shown = (f"[English]({preview}{address}) · [中文]({preview}zh/{address})"
                 if exists else "deleted")
        published = ("not yet" if new else
                     f"[English]({live}{address}) · [中文]({live}zh/{address})")
        rows.append(f"| `{page}`<br>{reasons} | {shown} | {published} | {status} |")
    if len(changes) > MAX_PAGES:
        rows.append(f"| … and {len(changes) - MAX_PAGES} more | | | |")
    return rows


def translation_diffs(rows, pages: set[str]) -> list[str]:
    """For each outdated page of this change: what changed in English, as the
    translators' report shows it (old and new sentence, words marked)."""
    out = []
    for row in rows:
        page = row.get("page")
        if page not in pages or not row.get("changes"):
            continue
        lines = []
        for change in row["changes"][:40]:
            number = change.get("number")
            number = f"{number:>4}" if isinstance(number, int) else "   -"
            old, new = change.get("old"), change.get("new")
            if old is not None and new is not None:
                lines += [f"{number} | was: {old}", f"     | now: {new}"]
            elif new is not None:
                lines.append(f"{number} | added: {new}")
            elif old is not None:
                lines.append(f"{number} | deleted: {old}")
        body = "\n".join(re.sub(r"[\x00-\x08\x0b-\x1f]", "", line)[:500] for line in lines)
        fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", body)), default=0))
        out += ["", f"<details><summary>What changed in English: {text(page)}</summary>", "",
                f"{fence}text", body, fence, "", "</details>"]
    return out


def comment(number: int, preview: str, live: str, changes, translations=()) -> str:
    lines = [MARK, f"### Preview of pull request {number}", "",
             f"The whole site as it will look: [English]({preview}) · [中文]({preview}zh/). "
             "Updated on every push; removed when the pull request is closed.", ""]
    if changes:
        lines += ["**Pages this change touches**", "", *page_rows(changes, preview, live)]
        outdated = {c["page"] for c in changes if isinstance(c, dict)
                    and str(c.get("chinese_status", "")).startswith("outdated")}
        lines += translation_diffs(translations, outdated)
    else:
        lines.append("This change touches no page.")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--number", type=int, required=True)
    parser.add_argument("--preview", required=True)
    parser.add_argument("--live", required=True)
    parser.add_argument("--changes", type=Path, required=True)
    parser.add_argument("--translations", type=Path)
    args = parser.parse_args(argv)
    for url in (args.preview, args.live):
        if not re.fullmatch(r"https://[\w.-]+(/[\w./-]*)?/", url):
            print(f"not a site address: {url!r}", file=sys.stderr)
            return 2

    def load(path):
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else []
        except (OSError, ValueError):
            return []
        return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
    print(comment(args.number, args.preview, args.live, load(args.changes),
                  load(args.translations)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
