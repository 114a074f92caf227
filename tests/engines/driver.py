"""One browser process per engine, driven alike. Chromium runs in-process through
Playwright; WebKitGTK (webkit.py, system Python under xvfb-run) and Firefox ESR
(firefox.mjs, puppeteer-core over WebDriver BiDi) run as child processes speaking JSON
lines: a request {"op": ..., args} per line, an answer {"value": ...} or {"error": ...}.

Operations:
- open(url, width, height, lang) -> the final URL, once the page and its fonts are loaded;
- evaluate(script) -> the JSON value of a JavaScript expression (promises awaited);
- follow(selector) clicks a link, waits for the next page -> its URL;
- type(selector, text) sends key presses and releases, one key per character -> the
  field's value;
- compose(selector, letters) leaves letters in an input method's preedit, and commit(text)
  commits text, with composition and input events and no key event, through each engine's
  input-method interface (Chromium: DevTools Input.imeSetComposition and insertText;
  WebKit: a WebKitInputMethodContext; Firefox: nsITextInputProcessor);
- problems() -> console errors and warnings, page errors and failed requests since open;
- screenshot(path) writes the whole page as PNG."""

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from sitebuild import CHROMIUM_ARGS, ROOT, chromium_path

HERE = Path(__file__).resolve().parent
# The Node that requirements-dev.txt locks, linked into the venv by `make test`.
NODE = Path(sys.prefix, "node", "node")
MEASURE = (HERE / "measure.js").read_text(encoding="utf-8")
TIMEOUT = 60  # seconds for one operation; a page load is about one second


class EngineError(Exception):
    pass


def measure(engine, check, arg=None):
    """Run one of measure.js's checks in the engine's current page."""
    return engine.evaluate(script=f"({MEASURE})({json.dumps(check)}, {json.dumps(arg)})")


class ChildEngine:
    """A driver in a child process, one request at a time."""

    def __init__(self, argv, env=None):
        self.process = subprocess.Popen(
            argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        self.answers = queue.Queue()
        self.stderr = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.answers.put),
                         daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.stderr.append),
                         daemon=True).start()

    @staticmethod
    def _read(stream, sink):
        for line in stream:
            sink(line)
        sink(None)

    def call(self, op, **args):
        try:
            self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
            self.process.stdin.flush()
            line = self.answers.get(timeout=TIMEOUT)
        except (BrokenPipeError, queue.Empty):
            line = None
        if line is None:
            log = "".join(filter(None, self.stderr))
            raise EngineError(f"{op}: the driver stopped or timed out:\n{log}")
        answer = json.loads(line)
        if "error" in answer:
            raise EngineError(answer["error"])
        return answer["value"]

    def __getattr__(self, op):
        return lambda **args: self.call(op, **args)

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class ChromiumEngine:
    """Debian's Chromium through Playwright; composition through the DevTools protocol."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS)
        self.context = self.page = None
        self.settings = None
        self.recorded = []

    def open(self, url, width, height, lang):
        if self.settings != (width, lang):  # a locale belongs to a context
            if self.context:
                self.context.close()
            self.settings = (width, lang)
            self.context = self.browser.new_context(
                viewport={"width": width, "height": height}, locale=lang,
                is_mobile=width < 600, has_touch=width < 600, service_workers="block")
            self.page = self.context.new_page()
            self.page.on("console", lambda message: message.type in ("error", "warning") and
                         self.recorded.append(f"{message.type}: {message.text}"))
            self.page.on("pageerror", lambda error: self.recorded.append(f"pageerror: {error}"))
            self.page.on("requestfailed", lambda request: self.recorded.append(
                f"failed: {request.url} {request.failure}"))
            self.page.on("response", lambda response: response.status >= 400 and
                         self.recorded.append(f"{response.status}: {response.url}"))
            self.cdp = self.context.new_cdp_session(self.page)
        self.recorded = []
        self.page.goto(url, wait_until="networkidle")
        return self.evaluate("document.fonts.ready.then(() => location.href)")

    def evaluate(self, script):
        return self.page.evaluate(script)

    def follow(self, selector):
        with self.page.expect_navigation(wait_until="networkidle"):
            self.page.eval_on_selector(selector, "link => link.click()")
        return self.evaluate("document.fonts.ready.then(() => location.href)")

    def type(self, selector, text):
        # Playwright types characters outside its US layout with no key event; a
        # keyboard with a Chinese layout sends keydown/keyup with the character.
        self.page.focus(selector)
        for char in text:
            if char.isascii():
                self.page.keyboard.type(char)
            else:
                self.cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char,
                                                         "text": char})
                self.cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
        return self.page.eval_on_selector(selector, "field => field.value")

    def compose(self, selector, letters):
        self.page.focus(selector)
        for end in range(1, len(letters) + 1):
            self.cdp.send("Input.imeSetComposition", {
                "text": letters[:end], "selectionStart": end, "selectionEnd": end})

    def commit(self, text):
        self.cdp.send("Input.insertText", {"text": text})

    def problems(self):
        return list(self.recorded)

    def screenshot(self, path):
        self.page.screenshot(path=path, full_page=True)

    def close(self):
        self.browser.close()
        self.playwright.stop()


def _missing(what, install):
    raise EngineError(f"{what} is missing: run `make test` as root, or `{install}`")


def webkit():
    """WebKitGTK in a Gtk.Window on a virtual X display."""
    for command, package in (("xvfb-run", "xvfb"), ("/usr/bin/python3", "python3")):
        if not shutil.which(command):
            _missing(command, f"sudo apt-get install {package}")
    probe = subprocess.run(
        ["/usr/bin/python3", "-c", "import gi, gi.repository.cairo; gi.require_version("
         "'WebKit2', '4.1'); from gi.repository import WebKit2"],
        capture_output=True, text=True, check=False)
    if probe.returncode:
        _missing("WebKitGTK for the system Python",
                 "sudo apt-get install gir1.2-webkit2-4.1 python3-gi python3-gi-cairo")
    return ChildEngine(["xvfb-run", "--auto-servernum", "--server-args=-screen 0 1400x1000x24",
                        "/usr/bin/python3", str(HERE / "webkit.py")])


def firefox():
    """Firefox ESR over WebDriver BiDi; composition through Firefox's nsITextInputProcessor."""
    path = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox")
    if not path:
        _missing("Firefox", "sudo apt-get install firefox-esr")
    if not (NODE.exists() and (ROOT / "node_modules" / "puppeteer-core").is_dir()):
        _missing("Node or puppeteer-core", "make node-deps")
    return ChildEngine([str(NODE), str(HERE / "firefox.mjs"), path],
                       env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})


ENGINES = {"chromium": ChromiumEngine, "webkit": webkit, "firefox": firefox}
