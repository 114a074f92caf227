"""The program that builds and serves the site: ProperDocs, the continuation of MkDocs 1.6
(MAINTAINERS.md says why). Every command, tool and test starts it from here."""

import sys
from pathlib import Path

from sitelib import ROOT

RUNNER = "properdocs"


def command(action: str, *args: str, runner: str = RUNNER, config: Path | None = None) -> list:
    """`python -m properdocs ACTION --config-file mkdocs.yml ARGS`, with this Python. The
    config file is named: ProperDocs looks for properdocs.yml first, and says it will drop
    the fallback to mkdocs.yml. `runner="mkdocs"` only for tools/same_site.py's comparison."""
    return [sys.executable, "-m", runner, action,
            "--config-file", str(config or ROOT / "mkdocs.yml"), *args]
