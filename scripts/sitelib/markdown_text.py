"""The readable text of a Markdown page, for the content checks and the link check.

`without_code(text)` blanks fenced code blocks and code spans (the one rule for what is
code: a fence closes with a line of at least as many of the same character).

`prose(text)` returns the page with everything a reader does not see as text blanked
out, keeping every other character at its line and column:

- hidden (replaced by spaces): front matter, fenced code, code spans, HTML comments,
  URLs, reference-link and abbreviation definitions, snippet includes;
- markup (replaced by MARKUP): link targets `](…)`, `][label]`, brackets, HTML tags,
  attribute lists `{ … }`, emphasis `*` `_`, ordered-list markers `1.`. Checks look
  through markup, so in `**会员**:` the colon still counts as next to 员.
"""

import re

from sitelib import front_matter

MARKUP = "\x00"
# A reference link, [text][name] or [name][]: the name is the label, or the text.
REFERENCE = re.compile(r"\[([^\]\n]+)\]\[([^\]\n]*)\]")

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1)(?:.|\n(?![ \t]*\n)))+?\1")  # within a paragraph
# Applied in this order, each on the result of the previous ones.
_HIDDEN = [
    re.compile(r"<!--.*?-->", re.DOTALL),
    _CODE_SPAN,
    re.compile(r"^[ \t]{0,3}\*?\[[^\]\n]+\]:.*$", re.MULTILINE),  # [ref]: url, *[ABBR]:
    re.compile(r"^[ \t]*-{2,}8<-{2,}.*$", re.MULTILINE),  # --8<-- "snippet"
    re.compile(r"<(?:https?://|mailto:)[^>\s]*>"),
    re.compile(r"\b(?:https?://|mailto:|www\.)[^\s<>()\[\]]*"),
]
_MARKUP = [
    re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)"),  # ](target "title")
    re.compile(r"\]\[[^\]\n]*\]"),  # ][label]
    re.compile(r"</?[A-Za-z][^<>]*>"),  # HTML tag
    re.compile(r"\{:?[ \t]*[#.\w][^{}\n]*\}"),  # attribute list
    re.compile(r"!(?=\[)|[\[\]*_]"),
    re.compile(r"^[ \t]*\d{1,9}[.)](?=[ \t])", re.MULTILINE),  # ordered-list marker "1."
]


class _Blanked:
    """A page's characters, blanked piece by piece; line breaks always stay."""

    def __init__(self, text: str):
        self.text = text
        self.chars = list(text)

    def blank(self, start: int, end: int, fill: str = " ") -> None:
        for i in range(start, end):
            if self.chars[i] != "\n":
                self.chars[i] = fill

    def blank_matches(self, pattern: re.Pattern, fill: str = " ") -> None:
        for match in pattern.finditer(str(self)):
            self.blank(match.start(), match.end(), fill)

    def blank_fenced_code(self) -> None:
        offset, fence = 0, None
        for line in self.text.splitlines(keepends=True):
            match = _FENCE.match(line)
            if fence is None and match:
                fence, start = match.group(1), offset
            elif fence is not None and match and match.group(1).startswith(
                    fence[0] * len(fence)) and not line.strip().lstrip(fence[0]):
                self.blank(start, offset + len(line))
                fence = None
            offset += len(line)
        if fence is not None:
            self.blank(start, offset)

    def __str__(self):
        return "".join(self.chars)


def prose(text: str) -> str:
    page = _Blanked(text)
    span = front_matter.span(text)
    if span is not None:
        page.blank(0, min(len(text), text.find("\n", span[1]) + 1 or len(text)))
    page.blank_fenced_code()
    for patterns, fill in ((_HIDDEN, " "), (_MARKUP, MARKUP)):
        for pattern in patterns:
            page.blank_matches(pattern, fill)
    return str(page)


def without_code(text: str) -> str:
    """The text with fenced code and code spans replaced by spaces, lines kept."""
    page = _Blanked(text)
    page.blank_fenced_code()
    page.blank_matches(_CODE_SPAN)
    return str(page)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
