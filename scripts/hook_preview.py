"""MkDocs hook: the preview of a pull request (`make build PREVIEW=N`, with SITE_URL set
to the preview's own address, such as https://ORG.github.io/REPO/pr-preview/pr-N/).

Every page gets a banner in its own language ("Preview of pull request N — not
published", locales/*.yml `preview`) and `<meta name="robots" content="noindex">`
(overrides/main.html); the preview has no sitemap.xml and no robots.txt, so nothing
points search engines at it. Pages link to each other relatively and every absolute
address comes from SITE_URL, so every link stays inside the preview's folder. Without
PREVIEW the build is the published site, unchanged.
"""

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitelib import i18n_plugin

# Files that tell search engines about a site; a preview must not.
FOR_SEARCH_ENGINES = ("sitemap.xml", "sitemap.xml.gz", "robots.txt")


def number() -> int | None:
    value = os.environ.get("PREVIEW", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise PluginError(f'PREVIEW: "{value}" is not a pull request number — write '
                          "PREVIEW=12 for pull request 12, or leave PREVIEW out")
    return int(value)


def on_config(config):
    config.extra["preview"] = number()
    return config


@event_priority(-300)  # after hook_i18n has written the sitemaps and robots.txt
def on_post_build(config):
    if not config.extra.get("preview") or i18n_plugin.plugin(config).building:
        return
    for name in FOR_SEARCH_ENGINES:
        for path in Path(config.site_dir).rglob(name):
            path.unlink()
