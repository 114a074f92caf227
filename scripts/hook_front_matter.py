"""MkDocs hook: a page whose front matter has a mistake stops the build with
`file:line: what — fix` (MkDocs would publish it as text above the heading)."""

from sitelib import front_matter, i18n_plugin
from sitelib.build_errors import stop


def on_page_read_source(page, config):
    try:
        front_matter.split(i18n_plugin.source_text(page.file), f"docs/{page.file.src_uri}")
    except front_matter.FrontMatterError as error:
        raise stop(error.findings) from None
    return None  # MkDocs reads the page as usual
