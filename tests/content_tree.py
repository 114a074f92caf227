"""Small project trees (mkdocs.yml, docs/, docs/zh/, data/) for testing the editors'
scripts, and a way to run those scripts as an editor does."""

import subprocess
import sys
from pathlib import Path

from sitelib import ROOT

SCRIPTS = ROOT / "scripts"

CONFIG = """\
# A comment that must survive edits.
site_name: Test site
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
nav:
{nav}
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          default: true
        - locale: zh
          name: 简体中文
          nav_translations:
{nav_translations}
"""


def make_tree(root: Path, pages: dict[str, str], nav=(), nav_translations=None,
              glossary: str | None = None) -> Path:
    """pages maps `docs/x.md` or `docs/zh/x.md` to its text; nav is (title, file) pairs."""
    nav_lines = [f"  - {title}: {file}" for title, file in nav] or ["  - index.md"]
    translated = [f"            {en}: {zh}" for en, zh in (nav_translations or {}).items()]
    (root / "mkdocs.yml").write_text(
        CONFIG.format(nav="\n".join(nav_lines), nav_translations="\n".join(translated)),
        encoding="utf-8")
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    (root / "docs" / "zh").mkdir(parents=True, exist_ok=True)
    if glossary is not None:
        (root / "data").mkdir(exist_ok=True)
        (root / "data" / "glossary.yml").write_text(glossary, encoding="utf-8")
    return root


def run_script(script: str, *args, root: Path | None = None) -> subprocess.CompletedProcess:
    """Run scripts/<script> with this Python, on the repository or on a test tree."""
    command = [sys.executable, str(SCRIPTS / script), *map(str, args)]
    if root is not None:
        command += ["--root", str(root)]
    return subprocess.run(command, cwd=root or ROOT, capture_output=True, text=True,
                          check=False)
