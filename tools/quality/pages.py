"""The pages the built site must have, known before it is built (so tests can be
parametrised by page): every docs/*.md in English and, as a translation or an English
fallback, under each other language's folder (zh/); plus the bilingual 404 page."""

from pathlib import Path

from sitelib import ROOT
from sitelib.languages import default
from sitelib.site_pages import Site

DOCS = ROOT / "docs"
TABLE = Site(ROOT).languages
LANGUAGES = tuple(TABLE)
DEFAULT_LANGUAGE = default(TABLE).code


def _html_name(md: Path) -> str:
    stem = "index" if md.stem.lower() in ("index", "readme") else md.stem
    return md.with_name(stem + ".html").as_posix()


def _sources(root: Path, exclude: Path | None = None):
    return {
        _html_name(md.relative_to(root))
        for md in root.rglob("*.md")
        if exclude is None or exclude not in md.parents
    }


def expected_pages(docs: Path = DOCS) -> list[str]:
    """Every HTML page of the site, relative to its root: 'index.html', 'zh/index.html'..."""
    others = [lang for lang in TABLE.values() if not lang.default]
    english = _sources(docs)
    for lang in others:
        english -= {f"{lang.code}/{name}" for name in _sources(docs / lang.code)}
    pages = sorted(english)
    for lang in others:  # fallback_to_default: English stands in for a missing translation
        own = _sources(docs / (lang.converted_from or lang.code))
        pages += sorted(f"{lang.path}{name}" for name in english | own)
    return [*pages, "404.html"] if pages else []


def language(page: str) -> str:
    first = page.split("/", 1)[0]
    return first if "/" in page and first in TABLE else DEFAULT_LANGUAGE


def slug(page: str) -> str:
    """'zh/membership.html' -> 'zh-membership', for file names and test ids."""
    lang = language(page)
    name = page.removeprefix(TABLE[lang].path).removesuffix(".html").replace("/", "-")
    return f"{lang}-{name}"


def home(lang: str) -> str:
    return "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"


PAGES = expected_pages()
