// Suggests the other language when the browser prefers it. Never redirects: the
// visitor chooses, and a dismissal (or a switch) is remembered in localStorage.
(function () {
  "use strict";
  var KEY = "asi-language-suggestion";
  // By site language: its words from locales/<language>.yml and its BCP 47 tag (the
  // language table in mkdocs.yml), written into the page by main.html.
  var source = document.getElementById("__language-suggestion");
  if (!source) return;
  var TEXT = JSON.parse(source.textContent);

  // The site language a browser or page tag belongs to: its tag, or the same language.
  function siteLanguage(tag) {
    tag = (tag || "").toLowerCase();
    var codes = Object.keys(TEXT), i;
    for (i = 0; i < codes.length; i++) {
      if (TEXT[codes[i]].tag.toLowerCase() === tag) return codes[i];
    }
    for (i = 0; i < codes.length; i++) {
      if (tag.split("-")[0] === TEXT[codes[i]].tag.toLowerCase().split("-")[0]) return codes[i];
    }
    return null;
  }

  function preferredLanguage() {
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < tags.length; i++) {
      var lang = siteLanguage(tags[i]);
      if (lang) return lang;
    }
    return null;
  }

  function remembered() {
    try { return localStorage.getItem(KEY) !== null; } catch (e) { return true; }
  }

  function remember(value) {
    try { localStorage.setItem(KEY, value); } catch (e) { /* private mode: ask again next time */ }
  }

  var current = siteLanguage(document.documentElement.lang);
  var wanted = preferredLanguage();
  if (!current || !wanted || wanted === current || remembered()) return;
  // The header's language switcher already links to this page in the other language.
  var target = document.querySelector('.md-select__link[hreflang="' + wanted + '"]');
  if (!target) return;

  var text = TEXT[wanted];
  var box = document.createElement("aside");
  box.className = "language-suggestion";
  box.lang = text.tag;
  box.setAttribute("aria-label", text.label);
  var prompt = document.createElement("span");
  prompt.textContent = text.prompt;
  var link = document.createElement("a");
  link.href = target.href;
  link.hreflang = wanted;
  link.textContent = text.link;
  link.addEventListener("click", function () { remember("switched"); });
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = text.dismiss;
  button.addEventListener("click", function () {
    remember("dismissed");
    box.remove();
  });
  box.append(prompt, link, button);
  document.body.append(box);
})();
