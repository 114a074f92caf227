// Drives Firefox ESR (Gecko) over WebDriver BiDi with puppeteer-core, which downloads
// nothing. Speaks the engines protocol (see driver.py): one JSON request per line on
// stdin, one JSON answer per line on stdout. Usage: node firefox.mjs /usr/bin/firefox-esr
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.argv[2],
  headless: true,
  // Lets the driver reach the browser window's own scripts, where Firefox's input-method
  // interface for tests (nsITextInputProcessor) lives: WebDriver has no composition.
  args: ["--remote-allow-system-access"],
  // Headless Firefox otherwise reserves 12 px for a classic scrollbar, which phones don't.
  extraPrefsFirefox: { "ui.useOverlayScrollbars": 1 },
});
const page = await browser.newPage();
let problems = [];
page.on("console", (message) => {
  if (["error", "warn", "warning"].includes(message.type())) {
    problems.push(`${message.type()}: ${message.text()}`);
  }
});
page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
page.on("response", (response) => {
  if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
});

// Runs body in the browser window with tip, an input method (nsITextInputProcessor) that
// sends composition and input events to the focused field, as a pinyin input method does.
async function inputMethod(body, args) {
  const { result } = await browser.connection.send("browsingContext.getTree", {
    "moz:scope": "chrome",
  });
  const window = result.contexts.find((context) => context.url.endsWith("browser.xhtml"));
  const { result: answer } = await browser.connection.send("script.evaluate", {
    target: { context: window.context },
    awaitPromise: false,
    expression: `(() => {
      const tip = window.enginesInputMethod ??= Cc["@mozilla.org/text-input-processor;1"]
        .createInstance(Ci.nsITextInputProcessor);
      const { ${Object.keys(args)} } = ${JSON.stringify(args)};
      ${body}
    })()`,
  });
  if (answer.type === "exception") throw new Error(answer.exceptionDetails.text);
}

const settled = () => page.evaluate("document.fonts.ready.then(() => location.href)");

const ops = {
  async open({ url, width, height, lang }) {
    await page.setViewport({ width, height });
    await page.emulateLocale(lang);
    await page.setExtraHTTPHeaders({ "Accept-Language": lang });
    problems = [];
    await page.goto(url, { waitUntil: "networkidle0" });
    return settled();
  },
  evaluate: ({ script }) => page.evaluate(script),
  async follow({ selector }) {
    await Promise.all([
      page.waitForNavigation({ waitUntil: "networkidle0" }),
      page.$eval(selector, (link) => link.click()),
    ]);
    return settled();
  },
  async type({ selector, text }) {
    // Real key events, one key per character (BiDi input.performActions).
    await page.focus(selector);
    await page.keyboard.type(text);
    return page.$eval(selector, (field) => field.value);
  },
  async compose({ selector, letters }) {
    await page.focus(selector);
    await inputMethod(`tip.beginInputTransactionForTests(window);
      for (let end = 1; end <= letters.length; end++) {  // the letters arrive one by one
        tip.setPendingCompositionString(letters.slice(0, end));
        tip.appendClauseToPendingComposition(end, tip.ATTR_RAW_CLAUSE);
        tip.flushPendingComposition();
      }`, { letters });
  },
  async commit({ text }) {
    await inputMethod(`tip.beginInputTransactionForTests(window);
      tip.commitCompositionWith(text);`, { text });
  },
  problems: () => problems,
  async screenshot({ path }) {
    await page.screenshot({ path, fullPage: true });
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const { op, ...args } = JSON.parse(line);
  let answer;
  try {
    answer = { value: (await ops[op](args)) ?? null };
  } catch (error) {
    answer = { error: `${op}: ${error.message}` };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
await browser.close();
