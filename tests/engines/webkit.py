"""Drives WebKitGTK (Safari's engine) in a real Gtk.Window; run by the system Python
(PyGObject, gir1.2-webkit2-4.1) under xvfb-run. Speaks the engines protocol (see
driver.py): one JSON request per line on stdin, one JSON answer per line on stdout."""

import json
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gdk, GLib, Gtk, WebKit2  # noqa: E402

# WebKitGTK has no console event: a script run before the page's own reports errors,
# console.error/warn and unhandled rejections to a message handler.
REPORTER = """
(() => {
  const report = (text) => window.webkit.messageHandlers.engines.postMessage(String(text));
  for (const level of ["error", "warn"]) {
    const original = console[level];
    console[level] = (...args) => { report(level + ": " + args.join(" ")); original(...args); };
  }
  addEventListener("error", (event) => report("pageerror: " + event.message));
  addEventListener("unhandledrejection", (event) => report("pageerror: " + event.reason));
})();
"""


class IMContext(WebKit2.InputMethodContext):
    """An input method the driver controls: WebKit turns its preedit and commit signals
    into the page's composition and input events, as with a real pinyin input method."""

    preedit = ""

    def do_get_preedit(self):
        return self.preedit, [], len(self.preedit)

    def do_filter_key_event(self, event):
        return False

    def compose(self, letters, done):
        """Letters typed into the input method one by one, 30 ms apart (WebKit reads the
        preedit when it gets to it: a burst of changes would arrive as one), uncommitted."""
        self.emit("preedit-started")
        pending = list(range(1, len(letters) + 1))

        def next_letter():
            self.preedit = letters[:pending.pop(0)]
            self.emit("preedit-changed")
            if not pending:
                done()
            return bool(pending)
        GLib.timeout_add(30, next_letter)

    def commit(self, text):
        """A candidate chosen: the letters go, the text is inserted."""
        self.emit("committed", text)
        self.preedit = ""
        self.emit("preedit-changed")
        self.emit("preedit-finished")


class Driver:
    def __init__(self):
        self.problems = []
        self.pending = None  # callback for the end of the current load
        self.leaving = False  # a link was followed and the next page is not there yet
        context = WebKit2.WebContext.get_default()
        context.set_cache_model(WebKit2.CacheModel.DOCUMENT_VIEWER)
        self.context = context
        manager = WebKit2.UserContentManager()
        manager.register_script_message_handler("engines")
        manager.connect("script-message-received::engines", self._report)
        manager.add_script(WebKit2.UserScript.new(
            REPORTER, WebKit2.UserContentInjectedFrames.ALL_FRAMES,
            WebKit2.UserScriptInjectionTime.START, None, None))
        self.view = WebKit2.WebView(web_context=context, user_content_manager=manager)
        self.im = IMContext()
        self.view.set_input_method_context(self.im)
        self.view.connect("load-changed", self._load_changed)
        self.view.connect("load-failed", self._load_failed)
        self.view.connect("resource-load-started", self._resource)
        self.window = Gtk.Window()
        self.window.add(self.view)
        self.window.show_all()
        self.keyboard = Gdk.Display.get_default().get_default_seat().get_keyboard()

    def _report(self, _manager, result):
        # A page being left rejects its pending fetches (e.g. the search index) as it
        # goes; other engines say nothing of those, and no reader sees them.
        if not self.leaving:
            self.problems.append(result.get_js_value().to_string())

    def _resource(self, _view, resource, _request):
        resource.connect("failed", lambda res, error: error.matches(
            WebKit2.network_error_quark(), WebKit2.NetworkError.CANCELLED)
            or self.problems.append(f"failed: {res.get_uri()} {error.message}"))
        resource.connect("finished", lambda res: (
            res.get_response() and res.get_response().get_status_code() >= 400
            and self.problems.append(f"{res.get_response().get_status_code()}: {res.get_uri()}")))

    def _load_changed(self, _view, event):
        if event == WebKit2.LoadEvent.COMMITTED:
            self.leaving = False
        if event == WebKit2.LoadEvent.FINISHED and self.pending:
            done, self.pending = self.pending, None
            self._run("await document.fonts.ready; return location.href;", done)

    def _load_failed(self, _view, _event, uri, error):
        self.problems.append(f"failed: {uri} {error.message}")
        return False

    def _run(self, body, done):
        def finished(view, result):
            try:
                value = view.call_async_javascript_function_finish(result)
                done({"value": json.loads(value.to_json(0) or "null")})
            except GLib.Error as error:
                done({"error": error.message})
        self.view.call_async_javascript_function(body, -1, None, None, None, None, finished)

    # Operations: each calls done(answer) once.
    def open(self, done, url, width, height, lang):
        self.context.set_preferred_languages([lang])
        self.window.resize(width, height)
        self.problems = []
        self.pending = done
        # Let the new size reach the web process before the page lays out.
        GLib.timeout_add(50, lambda: self.view.load_uri(url) and False)

    def evaluate(self, done, script):
        self._run(f"return await ({script});", done)

    def follow(self, done, selector):
        self.pending = done
        self.leaving = True
        self._run(f"document.querySelector({json.dumps(selector)}).click();", lambda _a: None)

    def type(self, done, selector, text):
        """Key presses and releases, one key per character, as from a keyboard; paced,
        since WebKit drops key events that arrive while it still handles earlier ones."""
        keys = list(text)

        def press():
            for kind in (Gdk.EventType.KEY_PRESS, Gdk.EventType.KEY_RELEASE):
                event = Gdk.Event.new(kind)
                event.key.window = self.view.get_window()
                event.key.keyval = Gdk.unicode_to_keyval(ord(keys[0]))
                event.set_device(self.keyboard)
                self.view.event(event)
            keys.pop(0)
            if not keys:  # the keys reach the page in their own time: give them 2 s
                self._run(f"""const field = document.activeElement;
                    for (let i = 0; i < 40 && field.value !== {json.dumps(text)}; i++)
                        await new Promise((resolve) => setTimeout(resolve, 50));
                    return field.value;""", done)
            return bool(keys)

        def start(_answer):
            self.view.grab_focus()
            GLib.timeout_add(30, press)
        self._run(f"document.querySelector({json.dumps(selector)}).focus();", start)

    def compose(self, done, selector, letters):
        self._run(f"document.querySelector({json.dumps(selector)}).focus();",
                  lambda answer: self.im.compose(letters, lambda: done(answer)))

    def commit(self, done, text):
        self.im.commit(text)
        done({"value": None})

    def screenshot(self, done, path):
        def finished(view, result):
            view.get_snapshot_finish(result).write_to_png(path)
            done({"value": None})
        self.view.get_snapshot(WebKit2.SnapshotRegion.FULL_DOCUMENT,
                               WebKit2.SnapshotOptions.NONE, None, finished)

    def problems_(self, done):
        done({"value": self.problems})


def main():
    driver = Driver()
    ops = {"problems": driver.problems_}
    requests = iter(sys.stdin)  # read one request at a time: each answers asynchronously

    def next_request():
        line = next(requests, None)
        if line is None:
            Gtk.main_quit()
            return False
        request = json.loads(line)
        op = request.pop("op")
        try:
            (ops.get(op) or getattr(driver, op))(answer, **request)
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails
            answer({"error": f"{op}: {error}"})
        return False

    def answer(reply):
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
        GLib.idle_add(next_request)

    GLib.idle_add(next_request)
    Gtk.main()


if __name__ == "__main__":
    main()
