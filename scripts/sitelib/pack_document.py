"""The membership pack of one language as one printable HTML document: a cover, the
contents, then the pack's pages (`extra.pack.pages` in mkdocs.yml) as the build rendered
them, membership tables included (pack_templates/pack.html.j2 and pack.css; the PDF is
made from it by sitelib.pdf_engine).

The pages' anchors are renamed page by page (`membership--how-to-apply`), so that a link
from one page of the pack to another leads to the place in the document; a link to any
other page of the site leads to that page online. External addresses are printed after
their links, as the site's own print styles do (`data-address`).
"""

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from babel.lists import format_list
from bs4 import BeautifulSoup

from sitelib.interface_strings import long_date

TEMPLATES = Path(__file__).parent / "pack_templates"
EXTERNAL = ("http:", "https:", "mailto:")
# The start of a link to another site or an e-mail address, in a page's HTML as Markdown
# writes it (the printed address is the href, without "mailto:").
_EXTERNAL_LINK = re.compile(r'<a (?=[^>]*?\bhref="((?:https?:|mailto:)[^"]*)")')


@dataclass(frozen=True)
class PackPage:
    url: str  # in the built site: 'zh/membership.html'
    title: str
    html: str  # the page's content as the build rendered it
    lang: str  # BCP 47 tag of its text (an untranslated page is in English)

    @property
    def slug(self) -> str:
        return posixpath.basename(self.url).removesuffix(".html")


def printed_address(href: str) -> str:
    return href.removeprefix("mailto:")


def with_printed_addresses(html: str) -> str:
    """Every link to another site or an e-mail address gets `data-address`, what print
    styles show after the link text."""
    return _EXTERNAL_LINK.sub(lambda m: f'<a data-address="{printed_address(m[1])}" ', html)


def file_name(stem: str, language) -> str:
    """'asi-membership-pack-zh-Hant.pdf': the tag tells the files apart once downloaded."""
    return f"{stem}-{language.tag}.pdf"


def document(pages: list[PackPage], *, language, words: dict, site_name: str,
             description: str, site_url: str, contact: str, date, fonts: dict,
             css_url: str, logo_url: str | None) -> str:
    """The HTML of the pack: words are the language's `pack:` strings (locales/), date a
    datetime.date shown as the pages' dates are (interface_strings.long_date), fonts
    {BCP 47 tag: family} for every language the text may hold."""
    by_url = {page.url: page for page in pages}
    sections = [_section(page, by_url, site_url) for page in pages]
    return _ENV.get_template("pack.html.j2").render(
        language=language, t=words, site_name=site_name, description=description,
        title=words["document_title"].format(site_name=site_name, title=words["title"]),
        date_iso=date.isoformat(),
        date_text=long_date(date, language), fonts=fonts, css_url=css_url, logo_url=logo_url,
        online=site_url + language.path, contact=printed_address(contact), contact_href=contact,
        sections=sections)


def page_list(titles: list[str], words: dict, language) -> str:
    """'‘Join us’, ‘Certification commitments’ and ‘Working Groups’' in the language's
    list style (Babel) and quotes (`pack.quoted`)."""
    return format_list([words["quoted"].format(title=title) for title in titles],
                       locale=language.babel_locale)


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined)


def _section(page: PackPage, by_url: dict, site_url: str) -> dict:
    """{slug, lang, title, headings [(id, text)], html} of one page in the document."""
    soup = BeautifulSoup(page.html, "html.parser")
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    for element in soup.find_all(id=True):
        element["id"] = f"{page.slug}--{element['id']}"
    for link in soup.find_all("a", href=True):
        href = _target(link["href"], page, by_url, site_url)
        link["href"] = href
        if href.startswith(EXTERNAL) and not link.has_attr("data-address"):
            link["data-address"] = printed_address(href)
        if link.get("data-address") == link.get_text(strip=True):
            del link["data-address"]  # the text is the address already
        # The underline under the link's own words only, not the address printed after them.
        words = soup.new_tag("span", attrs={"class": "link-text"})
        words.extend(list(link.contents))
        link.append(words)
    headings = [(h["id"], h.get_text(" ", strip=True)) for h in soup.find_all("h2", id=True)]
    return {"slug": page.slug, "lang": page.lang, "title": page.title,
            "headings": headings, "html": str(soup)}


def _target(href: str, page: PackPage, by_url: dict, site_url: str) -> str:
    """Where a link of the page leads in the document: a place in it, or an address."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    if not parts.path:  # an anchor of the page itself
        return f"#{page.slug}--{parts.fragment}" if parts.fragment else f"#{page.slug}"
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), parts.path))
    target = by_url.get(path)
    if target is None:  # another page of the site: online
        return site_url + path + (f"#{parts.fragment}" if parts.fragment else "")
    return f"#{target.slug}--{parts.fragment}" if parts.fragment else f"#{target.slug}"
