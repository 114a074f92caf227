"""MkDocs hook: addresses hosted elsewhere, defined once in mkdocs.yml.

`extra.links` maps a name to an address. Every page gets those names as Markdown
reference-link definitions, so an editor writes `[Terms of Reference][terms-of-reference]`
and the address is kept in one place. The repository behind "Edit this page" comes from
REPO_URL; without it there is no edit button.
"""

from mkdocs.exceptions import PluginError


def on_config(config):
    if not config.repo_url:  # edit_uri alone would be a relative, broken address
        config.edit_uri = None
    return config


def on_page_markdown(markdown, page, config, files):
    links = config.extra.get("links") or {}
    if not isinstance(links, dict):
        raise PluginError("mkdocs.yml: extra.links must map a name to an address")
    definitions = "\n".join(f"[{name}]: <{url}>" for name, url in links.items())
    return f"{markdown}\n\n{definitions}\n"
