"""MkDocs hook: a page whose front matter has a mistake stops the build with
`file:line: what — fix` (MkDocs would publish it as text above the heading)."""

from pathlib import Path

import front_matter
from mkdocs.exceptions import PluginError


def on_page_read_source(page, config):
    text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    try:
        front_matter.split(text, f"docs/{page.file.src_uri}")
    except front_matter.FrontMatterError as error:
        raise PluginError(str(error)) from None
    return None  # MkDocs reads the page as usual
