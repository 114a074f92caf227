// Drives Firefox ESR (Gecko) over WebDriver BiDi with puppeteer-core, which downloads
// nothing. Speaks the engines protocol (see driver.py): one JSON request per line on
// stdin, one JSON answer per line on stdout. Usage: node firefox.mjs /usr/bin/firefox-esr
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.argv[2],
  headless: true,
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
  },
  async commit({ text }) {
    // An input method's commit without its composition: WebDriver BiDi has no composition
    // events, so the text is inserted (execCommand insertText), one character at a time,
    // into the focused field, with no key event.
    for (const char of text) await page.keyboard.sendCharacter(char);
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
