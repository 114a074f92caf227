"""MkDocs hook: addresses hosted elsewhere, defined once in mkdocs.yml, and the links that
MkDocs itself does not check.

- `extra.links` maps a name to an address. Every page gets those names as Markdown
  reference-link definitions, so an editor writes `[Terms of Reference][terms-of-reference]`
  and the address is kept in one place. A name that is defined nowhere would be published
  as literal brackets: it stops the build instead.
- Links written as HTML (`<a href="zh/membership.html">`) are not checked by MkDocs: a
  page address that leads to no page stops the build.
- The repository behind "Edit this page" comes from REPO_URL; without it there is no edit
  button.
"""

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError

from sitelib import i18n_plugin
from sitelib.build_errors import stop
from sitelib.findings import Finding
from sitelib.markdown_text import REFERENCE, without_code

DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:", re.MULTILINE)
HTML_LINK = re.compile(r"<a\s[^>]*?\bhref\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)


def on_config(config):
    if not config.repo_url:  # edit_uri alone would be a relative, broken address
        config.edit_uri = None
    return config


def on_page_markdown(markdown, page, config, files):
    links = config.extra.get("links") or {}
    if not isinstance(links, dict):
        raise PluginError("mkdocs.yml: extra.links must map a name to an address")
    source = i18n_plugin.source_text(page.file)
    name = f"docs/{page.file.src_uri}"
    defined = {label.lower() for label in DEFINITION.findall(source)} | {n.lower() for n in links}
    problems = []
    for number, line in enumerate(without_code(source).splitlines(), start=1):
        for text, label in REFERENCE.findall(line):
            if (label or text).lower() not in defined:
                problems.append(Finding(
                    name, number, None, f"the link name [{label or text}] is defined nowhere",
                    f"use one of {', '.join(links)} (mkdocs.yml extra.links) or add it there"))
        for href in HTML_LINK.findall(line):
            if not _leads_to_a_page(href, page, config):
                problems.append(Finding(
                    name, number, None, f'the link "{href}" leads to no page of this site',
                    "check the file name (a page docs/x.md is x.html, its Chinese version "
                    "zh/x.html)"))
    if problems:
        raise stop(problems)
    definitions = "\n".join(f"[{link}]: <{url}>" for link, url in links.items())
    return f"{markdown}\n\n{definitions}\n"


def _leads_to_a_page(href, page, config):
    """Whether a relative page address in a page's HTML has a page behind it. Other
    hosts, anchors and non-page files are not this check's business."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return True
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.url),
                                               unquote(parts.path)))
    if target.endswith("/") or parts.path.endswith("/"):
        target = posixpath.join(target, "index.html")
    if not target.endswith(".html"):
        return True
    if target.startswith("../"):
        return False
    source = target.removesuffix(".html") + ".md"
    docs = Path(config.docs_dir)
    i18n = i18n_plugin.plugin(config)
    folder, _, rest = source.partition("/")
    if folder in i18n.build_languages and folder != i18n.default_language:
        # A page under a language folder: its translation, or the English page shown there.
        return (docs / source).is_file() or (docs / rest).is_file()
    return (docs / source).is_file()
