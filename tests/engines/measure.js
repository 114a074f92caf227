// The reader checks, written once and run in every engine: driver.py evaluates
// `(this function)(check, arg)` in the page and gets JSON back.
(async function measure(check, arg) {
  const article = document.querySelector("article") || document.body;
  const describe = (element) =>
    element.tagName.toLowerCase() +
    (element.id ? `#${element.id}` : "") +
    [...element.classList].map((name) => `.${name}`).join("");

  // Running text: text in paragraphs, list items, table cells and definitions of the
  // article, not headings, code, buttons or the permalink marks.
  const RUNNING = "p, li, td, th, dd, blockquote, figcaption";
  const EXCLUDED = "h1, h2, h3, h4, h5, h6, code, pre, kbd, .md-button, .headerlink";
  function runningTextNodes() {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent.closest(RUNNING) && !parent.closest(EXCLUDED)) nodes.push(node);
    }
    return nodes;
  }

  // Rendered width, in em of its own font size, of each visible occurrence of chars.
  function glyphWidths(chars, nodes) {
    const widths = [];
    for (const node of nodes) {
      const fontSize = parseFloat(getComputedStyle(node.parentElement).fontSize);
      for (let i = 0; i < node.data.length; i++) {
        if (!chars.includes(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (rects.length === 1 && rects[0].width > 0) widths.push(rects[0].width / fontSize);
      }
    }
    return widths;
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };

  // fn() until it returns something but null, or null after arg milliseconds.
  async function poll(fn) {
    const deadline = performance.now() + arg;
    for (;;) {
      const value = fn();
      if (value !== null || performance.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const checks = {
    // What scrolls sideways: the document, and every element of the article whose
    // content is wider than its box.
    layout() {
      const root = document.documentElement;
      return {
        viewport: innerWidth,
        document: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth },
        overflowing: [...article.querySelectorAll("*")]
          .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${describe(el)} (${el.scrollWidth} > ${el.clientWidth} px)`),
      };
    },

    typography() {
      const nodes = runningTextNodes();
      const sample = nodes.length ? nodes[0].parentElement : article;
      const punctuation = glyphWidths("，、：；。", nodes);
      let quotes = glyphWidths("\u201c", nodes);
      let quoteSource = "running text";
      if (!quotes.length && nodes.length) {
        // No opening quote on this page: set one in its first paragraph of running text,
        // between two ideographs (after other CJK punctuation, clreq squeezes it to half
        // width on purpose), where it takes that paragraph's fonts; measure, take it out.
        const probe = document.createTextNode("\u4e2d\u201c\u4e2d");
        sample.append(probe);
        quotes = glyphWidths("\u201c", [probe]);
        probe.remove();
        quoteSource = "probe in running text";
      }
      return {
        lang: document.documentElement.lang,
        fontFamily: getComputedStyle(sample).fontFamily,
        punctuation: { count: punctuation.length, median: punctuation.length ? median(punctuation) : null },
        quote: { count: quotes.length, median: quotes.length ? median(quotes) : null, source: quoteSource },
      };
    },

    // The same page in the other language, as the header's language switcher links it.
    languageLink() {
      const link = document.querySelector(`.md-select__link[hreflang="${arg}"]`);
      return link && link.href;
    },

    page() {
      return { url: location.href, lang: document.documentElement.lang };
    },

    // Opens search as a reader does (the search button), focuses the query field.
    openSearch() {
      document.querySelector('label[for="__search"]').click();
      document.querySelector("input.md-search__input").focus();
      return document.activeElement.matches("input.md-search__input");
    },

    // Whether search is ready for a query within arg milliseconds: once its index has
    // loaded, the result line changes from "Initializing search" to Material's
    // placeholder, "Type to start searching" (search.result.placeholder in __config).
    searchReady() {
      const { translations } = JSON.parse(document.getElementById("__config").textContent);
      const ready = translations["search.result.placeholder"];
      return poll(() => checks.searchMeta() === ready || null).then(Boolean);
    },

    // What the result line says: "Type to start searching" until a query has run.
    searchMeta: () => document.querySelector(".md-search-result__meta")?.textContent.trim(),

    // Empties the search field as a reader's delete does: an input event, no key.
    clearSearch() {
      const field = document.querySelector("input.md-search__input");
      field.value = "";
      field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "deleteContentBackward" }));
      return field.value;
    },

    // The result links once those of a query are shown (arg.words: what each result's
    // link carries in ?h=, which Material's highlighting reads), or [] after arg.wait ms.
    async searchResultsFor() {
      const { words, wait } = arg;
      const whole = (link) => {
        const h = (new URL(link.href).searchParams.get("h") || "").toLowerCase();
        return words.every((word) => h.split(" ").includes(word));
      };
      const deadline = performance.now() + wait;
      for (;;) {
        const links = [...document.querySelectorAll(".md-search-result__item a")];
        if ((links.length && whole(links[0])) || performance.now() > deadline)
          return links.length && whole(links[0]) ? links.map((a) => a.href) : [];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    // The result links, once some are shown, or [] after arg milliseconds.
    searchResults: () => poll(() => {
      const links = [...document.querySelectorAll(".md-search-result__item a")];
      return links.length ? links.map((a) => a.href) : null;
    }).then((links) => links || []),
  };
  return checks[check]();
})
