"""Open a page of the served site in a fresh browser context, recording what it loads
and what it logs, at the viewports the gates use."""

import contextlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sitelib import ROOT
from sitelib.site_pages import Site

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "mobile": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
}
# Browser locales by site language.
LOCALES = {code: lang.browser_locale for code, lang in Site(ROOT).languages.items()}


@dataclass
class Visit:
    page: object  # playwright.sync_api.Page
    requests: list = field(default_factory=list)  # every URL requested, workers included
    failures: list = field(default_factory=list)  # "status URL" for 4xx/5xx or failed loads
    console: list = field(default_factory=list)  # "type: text" of console errors/warnings
    responses: list = field(default_factory=list)  # Playwright Response objects

    def foreign_requests(self):
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob")
                and urlsplit(url).hostname != "127.0.0.1"]


@contextlib.contextmanager
def visit(browser, url, viewport="desktop", locale="en-GB", javascript=True):
    """Load url (until the network is idle) in a new context; yield a Visit."""
    context = browser.new_context(
        **VIEWPORTS[viewport], locale=locale, java_script_enabled=javascript,
        service_workers="block",
    )
    page = context.new_page()
    record = Visit(page)
    context.on("request", lambda request: record.requests.append(request.url))
    context.on("requestfailed", lambda request: record.failures.append(
        f"{request.failure} {request.url}"))
    context.on("response", lambda response: record.responses.append(response))
    context.on("response", lambda response: response.status >= 400 and record.failures.append(
        f"{response.status} {response.url}"))
    page.on("console", lambda message: message.type in ("error", "warning") and
            record.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: record.console.append(f"pageerror: {error}"))
    try:
        page.goto(url, wait_until="networkidle")
        yield record
    finally:
        context.close()
