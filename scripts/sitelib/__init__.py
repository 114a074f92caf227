"""The site's own library: every rule the hooks (scripts/hook_*.py), the editors' commands
(scripts/*.py) and the developer tools (tools/) share. It imports nothing from them.

The hooks import it at their top: MkDocs puts a hook's own folder on sys.path only while
it imports the hook, so this package, beside them, needs no install step.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project folder: mkdocs.yml, docs/, data/
