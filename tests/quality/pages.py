"""The pages the built site must have, known before it is built (so tests can be
parametrised by page): every docs/*.md in English and, as a translation or an English
fallback, under zh/; plus the bilingual 404 page."""

from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


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
    english = _sources(docs, exclude=docs / "zh")
    chinese = english | _sources(docs / "zh")  # fallback_to_default: English stands in
    pages = sorted(english) + sorted(f"zh/{name}" for name in chinese)
    return [*pages, "404.html"] if pages else []


def language(page: str) -> str:
    return page.split("/", 1)[0] if page.startswith("zh/") else DEFAULT_LANGUAGE


def slug(page: str) -> str:
    """'zh/membership.html' -> 'zh-membership', for file names and test ids."""
    name = page.removeprefix("zh/").removesuffix(".html").replace("/", "-")
    return f"{language(page)}-{name}"


def home(lang: str) -> str:
    return "index.html" if lang == DEFAULT_LANGUAGE else f"{lang}/index.html"


PAGES = expected_pages()
