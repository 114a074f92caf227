"""The readable text of a Markdown page, for the content checks.

`prose(text)` returns the page with everything a reader does not see as text blanked
out, keeping every other character at its line and column:

- hidden (replaced by spaces): front matter, fenced code, code spans, HTML comments,
  URLs, reference-link and abbreviation definitions, snippet includes;
- markup (replaced by MARKUP): link targets `](…)`, `][label]`, brackets, HTML tags,
  attribute lists `{ … }`, emphasis `*` `_`, ordered-list markers `1.`. Checks look
  through markup, so in `**会员**:` the colon still counts as next to 员.
"""

import re

from site_pages import front_matter_span

MARKUP = "\x00"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Applied in this order, each on the result of the previous ones.
_HIDDEN = [
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"(`+)(?:(?!\1)(?:.|\n(?![ \t]*\n)))+?\1"),  # code span, within a paragraph
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


def prose(text: str) -> str:
    chars = list(text)

    def blank(start, end, fill):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = fill

    span = front_matter_span(text)
    if span is not None:
        blank(0, min(len(text), text.find("\n", span[1]) + 1 or len(text)), " ")
    _blank_fenced_code(text, blank)
    for patterns, fill in ((_HIDDEN, " "), (_MARKUP, MARKUP)):
        for pattern in patterns:
            current = "".join(chars)
            for match in pattern.finditer(current):
                blank(match.start(), match.end(), fill)
    return "".join(chars)


def _blank_fenced_code(text, blank):
    offset, fence = 0, None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence, start = match.group(1), offset
        elif fence is not None and match and match.group(1).startswith(fence[0] * len(fence)) \
                and not line.strip().lstrip(fence[0]):
            blank(start, offset + len(line), " ")
            fence = None
        offset += len(line)
    if fence is not None:
        blank(start, offset, " ")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
