"""data/glossary.yml: the Chinese term required for each English term.

    terms:
      - en: Working Group
        zh: 工作组
        avoid: [工作小组]    # optional: wrong renderings, flagged by the glossary check
        document: true      # optional: a document title, written in 《…》 on Chinese pages
        note: ...           # optional: advice for translators

`load(path)` returns the terms or raises GlossaryError with its findings
(`file:line: what — fix`).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitelib import yaml_hints
from sitelib.findings import Finding, Findings

PATH = Path("data/glossary.yml")
FIELDS = {"en", "zh", "avoid", "document", "note"}


class GlossaryError(Findings):
    pass


def _error(name, line, message, fix=None):
    return GlossaryError([Finding(name, line, None, message, fix)])


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    line: int
    avoid: tuple[str, ...] = ()
    document: bool = False

    @property
    def pattern(self) -> re.Pattern:
        """The English term as whole words, any case, plural "s" allowed."""
        words = r"\s+".join(re.escape(word) for word in self.en.split())
        return re.compile(rf"(?<![\w-]){words}s?(?![\w-])", re.IGNORECASE)


def load(path: Path, name: str | None = None) -> list[Term]:
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as error:
        raise _error(name, 0, f"cannot be read ({error.strerror})") from None
    except yaml.MarkedYAMLError as error:
        line, hint = yaml_hints.explain(text, error)
        raise _error(name, line, "the layout is broken here", hint) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise _error(name, 0, f"not readable as YAML ({error})",
                     "save it as UTF-8 text without control characters") from None
    entries = _entries(root, name)
    terms, problems, first = [], [], {}
    for line, entry in entries:
        problem = _entry_problem(entry)
        if problem:
            problems.append(Finding(name, line, None, *problem))
            continue
        term = Term(entry["en"].strip(), entry["zh"].strip(), line,
                    tuple(entry.get("avoid") or ()), bool(entry.get("document")))
        key = term.en.lower()
        if key in first:
            earlier = first[key]
            same = "repeats" if earlier.zh == term.zh else f"contradicts ({earlier.zh})"
            problems.append(Finding(name, line, None, f'"{term.en}" {same} the entry on '
                                    f"line {earlier.line}", "keep one entry per English term"))
            continue
        if term.zh in term.avoid:
            problems.append(Finding(name, line, None, f"{term.zh} is both the term and in "
                                    "its avoid list", "remove it from avoid"))
            continue
        first[key] = term
        terms.append(term)
    if problems:
        raise GlossaryError(problems)
    if not terms:
        raise _error(name, 1, "no terms", "the file must start with `terms:` and list entries "
                     "such as `- en: Working Group` / `zh: 工作组`")
    return terms


def _entries(root, name):
    """[(line, plain dict)] for each item under `terms:`."""
    terms = None
    if isinstance(root, yaml.MappingNode):
        terms = next((value for key, value in root.value if key.value == "terms"), None)
    if not isinstance(terms, yaml.SequenceNode):
        line = terms.start_mark.line + 1 if terms is not None else 1
        raise _error(name, line, "`terms:` must be a list of entries, each starting with "
                     "`- en:`")
    loader = yaml.SafeLoader("")
    try:
        return [(item.start_mark.line + 1, loader.construct_document(item)) for item in terms.value]
    finally:
        loader.dispose()


def _entry_problem(entry):
    """(what is wrong, the fix) for an entry that is not a term, else None."""
    if not isinstance(entry, dict):
        return ("each entry needs `en:` and `zh:` lines",)
    unknown = sorted(set(map(str, entry)) - FIELDS)
    if unknown:
        return f'unknown field "{unknown[0]}"', f'allowed: {", ".join(sorted(FIELDS))}'
    for key, language in (("en", "English"), ("zh", "Chinese")):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            return f"`{key}:` is missing or empty", f"write the {language} term"
    avoid = entry.get("avoid", [])
    if not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip() for a in avoid):
        return ("`avoid:` must be a list of Chinese texts, such as [工作小组]",)
    if not isinstance(entry.get("document", False), bool):
        return ("`document:` must be true or false",)
    return None
