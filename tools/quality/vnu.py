"""The Nu Html Checker (vnu.jar from the npm package vnu-jar), run once over many files."""

import json
import re
import subprocess
from pathlib import Path

from sitelib import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors we cannot fix at their source, as (pattern of the message, why). Keep it empty
# unless a message comes from something outside this repository's control.
ALLOWED = []


def _allowed(message):
    return any(re.search(pattern, message) for pattern, _why in ALLOWED)


def check(site: Path) -> dict[str, list[str]]:
    """{page relative to site: ['line N: message', ...]} for every error vnu reports."""
    if not VNU_JAR.is_file():
        raise RuntimeError(f"{VNU_JAR} is missing: run `npm ci` (make node-deps)")
    files = sorted(site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
         *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 1):  # 1 means "errors found"
        raise RuntimeError(f"vnu failed ({result.returncode}):\n{result.stderr}")
    errors = {f.relative_to(site).as_posix(): [] for f in files}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "info" or _allowed(message["message"]):
            continue
        page = Path(message["url"].removeprefix("file:")).resolve().relative_to(site.resolve())
        line = message.get("lastLine", "?")
        errors[page.as_posix()].append(f"line {line}: {message['message']}")
    return errors
