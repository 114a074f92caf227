"""Plain-words explanations of YAML syntax errors, for editors.

A YAML parser reports where it gave up, which is often lines after the mistake (an
unclosed quote is reported at the end of the file). `explain(text, error)` looks for the
everyday mistakes at or before that point and returns (line, message) for the first one
it finds, or the parser's own line with a general hint.
"""

import re

import yaml

# (what is wrong, the fix): shared with the front matter check, so both say the same.
FULL_WIDTH_COLON = ("the colon after the field name is the full-width ：",
                    "type the half-width : followed by a space")
# (pattern of a line holding the mistake, what to tell the editor), most specific first.
MISTAKES = [
    (re.compile(r"^[ \t]*(?:- )?[\w-]+[ \t]*："), "; ".join(FULL_WIDTH_COLON)),
    (re.compile(r"^\t| \t"), "a tab is used for indentation; use spaces"),
    (re.compile(r"^[ \t]*(?:- )?[\w-]+:[ \t]*[“”‘’]|^[ \t]*- [“”‘’]"),
     "curly quotes “ ” are not YAML quotes; use straight double quotes \" \""),
    (re.compile(r"^[ \t]*(?:- )?[\w-]+:[^\s/]"),
     "there is no space after the colon; write `key: value`"),
    (re.compile(r"^[^#\"']*?:[ \t]+\"(?:[^\"\\]|\\.)*$"),
     "this text opens a double quote that is never closed; add the closing \""),
    (re.compile(r"^[^#\"']*?:[ \t]+'(?:[^']|'')*$"),
     "this text opens a single quote that is never closed; add the closing '"),
]
GENERAL = ("check the indentation on this line and the line above, and put text that "
           "contains ': ' or ' #' or starts with a special character in double quotes")


def explain(text: str, error: yaml.YAMLError) -> tuple[int, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    last = mark.line + 1 if mark else len(text.splitlines()) or 1
    for number, line in enumerate(text.splitlines()[:last], start=1):
        for pattern, message in MISTAKES:
            if pattern.search(line):
                return number, message
    return last, GENERAL
