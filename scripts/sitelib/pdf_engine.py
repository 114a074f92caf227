"""HTML to PDF with WeasyPrint (Pango lays out the text; no browser): tagged PDF/UA-1,
fonts embedded as subsets, nothing fetched but local files.

Two things a machine can lack stop the build with one line rather than a traceback or a
document in the wrong face: Pango (WeasyPrint's system library) and a font the PDF is set
in (fontconfig, which Pango asks, would quietly substitute another face: Droid Sans
Fallback, or the Japanese CJK face for Chinese). `make pack-deps` installs both.
"""

import functools
import shutil
import subprocess

VARIANT = "pdf/ua-1"  # tagged, with /Lang and the title shown; PDF 1.7 for older readers
# make pack-deps installs what is missing when run as root, else prints the apt-get line.
INSTALL = "run make pack-deps"


class PdfError(Exception):
    """A problem with the machine, not the pages: one line saying what to install."""


@functools.cache
def _weasyprint():
    try:
        import weasyprint
    except OSError as error:  # a missing shared library: Pango, GObject, HarfBuzz
        raise PdfError(f"the PDFs need Pango, which WeasyPrint could not load ({error}): "
                       f"{INSTALL}") from None
    return weasyprint


def check_engine() -> None:
    """A PdfError when WeasyPrint cannot load its system libraries."""
    _weasyprint()


@functools.cache
def installed_family(family: str) -> str | None:
    """The family fontconfig gives for a request of `family`: the same name when it is
    installed, another one (its fallback) when not; None without fontconfig."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "--format=%{family}", family],
                           capture_output=True, text=True, check=False).stdout
    return found.split(",")[0] if found else None


def check_fonts(families: dict[str, str]) -> None:
    """{font family: what needs it}: a PdfError naming every family not installed."""
    missing = [f'"{family}" ({needed_by})' for family, needed_by in families.items()
               if installed_family(family) != family]
    if missing:
        raise PdfError(f"the font{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                       f"{'are' if len(missing) > 1 else 'is'} not installed: {INSTALL}, or "
                       "name an installed font as print_font in mkdocs.yml")


def render(html: str, base_url: str) -> bytes:
    """The PDF of an HTML document; its relative addresses resolve against base_url (a
    file: URL). Only file: and data: addresses are read: the build uses no network."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        return document.write_pdf(pdf_variant=VARIANT)
    except weasyprint.urls.FatalURLFetchingError as error:  # a BaseException
        cause = error.__cause__
        raise PdfError(f"{error} ({cause}): an image or stylesheet the document names is "
                       "not there, or is not a local file") from None
