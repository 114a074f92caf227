"""Traditional Chinese from Simplified: OpenCC's `s2tw` plus the reviewed rules.

- `s2tw` converts characters to Taiwan's standard forms and leaves the vocabulary alone.
  On this site's text it gets every one-to-many character right (后→後, 制造→製造,
  准会员→準會員, 尽可能→儘可能) and converts back with `tw2s`. Its neighbours do not fit:
  `s2twp` adds a Taiwan phrase table that changes class names and glossary terms
  (工业用户→工業使用者, 循环性→迴圈性), `s2t` writes OpenCC's own standard (爲, 啓),
  `s2hk` Hong Kong glyphs that Taiwan readers find odd.
- The rules: every glossary term in its `zh_hant:` form (data/glossary.yml), the wording
  in data/conversion.yml, and its quotation marks. A rule's text is set aside (a
  private-use placeholder) before OpenCC runs and put back after, so it is never converted
  again; longer rules win over the shorter ones they contain.
- A rule must convert back to its Simplified text (tw2s, or tw2sp for a Taiwan wording
  that OpenCC's phrase table knows: 資訊→信息), and a rule must not contradict the glossary;
  otherwise `load` raises ConversionError with file:line findings.

`converter().convert(text)`; `fold_table(chars)` for search (Traditional → Simplified).
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import opencc
import yaml

from sitelib import ROOT, glossary, yaml_hints
from sitelib.findings import Finding, Findings

CONFIG = "s2tw"
BACK = ("tw2s", "tw2sp")  # a rule converts back with one of these
RULES = ROOT / "data" / "conversion.yml"
GLOSSARY = ROOT / "data" / "glossary.yml"
PLACEHOLDER = 0xF0000  # Supplementary Private Use Area-A: never in the pages, never converted
APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")


class ConversionError(Findings):
    pass


@dataclass(frozen=True)
class Rule:
    zh: str
    zh_hant: str
    file: str
    line: int


@functools.cache
def _opencc(config: str):
    return opencc.OpenCC(config)


class Converter:
    def __init__(self, rules: list[Rule], quotes: dict[str, str], vocabulary=()):
        # Taiwan wording for a Simplified phrase (data/conversion.yml `vocabulary:`), which
        # search treats as the same words in either script.
        self.vocabulary = list(vocabulary)
        self.rules = sorted(rules, key=lambda rule: -len(rule.zh))
        self.quotes = quotes
        self._pattern = (re.compile("|".join(re.escape(rule.zh) for rule in self.rules))
                         if self.rules else None)
        self._forms = {rule.zh: rule.zh_hant for rule in self.rules}

    def convert(self, text: str) -> str:
        kept = []

        def keep(match):
            kept.append(self._forms[match[0]])
            return chr(PLACEHOLDER + len(kept) - 1)

        hidden = self._pattern.sub(keep, text) if self._pattern else text
        apostrophes = APOSTROPHE.sub("\ufff9", hidden)  # not a quote: kept out of the table
        converted = _opencc(CONFIG).convert(apostrophes).translate(str.maketrans(self.quotes))
        converted = converted.replace("\ufff9", "’")
        return re.sub("[\U000f0000-\U000fffff]", lambda m: kept[ord(m[0]) - PLACEHOLDER],
                      converted)

    def convert_tree(self, value):
        """Every string in nested dicts and lists converted (interface strings, metadata)."""
        if isinstance(value, str):
            return self.convert(value)
        if isinstance(value, dict):
            return {key: self.convert_tree(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.convert_tree(item) for item in value]
        return value


def suggestion(zh: str) -> str:
    """What plain OpenCC makes of a Simplified text (offered in messages)."""
    return _opencc(CONFIG).convert(zh)


def round_trips(rule: Rule) -> bool:
    return any(_opencc(config).convert(rule.zh_hant) == rule.zh for config in BACK)


def converter() -> Converter:
    """The site's converter; raises ConversionError (file:line findings) for bad rules.
    Loaded again when a rules file changes (make serve)."""
    try:
        stamps = tuple(path.stat().st_mtime_ns for path in (GLOSSARY, RULES))
    except OSError:
        return load(GLOSSARY, RULES)  # says which file cannot be read
    return _loaded(stamps)


@functools.cache
def _loaded(_stamps) -> Converter:
    return load(GLOSSARY, RULES)


def load(glossary_path: Path, rules_path: Path) -> Converter:
    glossary_name, rules_name = _name(glossary_path), _name(rules_path)
    try:
        terms = glossary.load(glossary_path, glossary_name)
    except glossary.GlossaryError as error:
        raise ConversionError(error.findings) from None
    problems = []
    term_rules = []
    for term in terms:
        if term.zh_hant is None and suggestion(term.zh) != term.zh:
            problems.append(Finding(
                glossary_name, term.line, None,
                f"{term.zh} has no Traditional form",
                f"add `zh_hant: {suggestion(term.zh)}` under it (OpenCC's suggestion: check it)"))
            continue
        term_rules.append(Rule(term.zh, term.zh_hant or term.zh, glossary_name, term.line))
    wording, quotes, vocabulary = _read_rules(rules_path, rules_name)
    problems += [_back_problem(rule) for rule in term_rules + wording if not round_trips(rule)]
    problems += _glossary_conflicts(wording, term_rules)
    if problems:
        raise ConversionError(problems)
    return Converter(term_rules + wording, quotes, vocabulary)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def _back_problem(rule):
    back = _opencc("tw2s").convert(rule.zh_hant)
    return Finding(rule.file, rule.line, None,
                   f"{rule.zh_hant} does not convert back to {rule.zh} (it gives {back}), so "
                   "it would change the meaning rather than the script",
                   f"use a Traditional form that converts back (OpenCC's own is "
                   f"{suggestion(rule.zh)}), or change `zh:` to the Simplified text it stands for")


def _glossary_conflicts(wording, term_rules):
    """A wording rule that restates a glossary term, or renders one another way."""
    problems = []
    for rule in wording:
        for term in term_rules:
            if term.zh not in rule.zh:
                continue
            if rule.zh == term.zh:
                problems.append(Finding(
                    rule.file, rule.line, None,
                    f"{rule.zh} is a glossary term ({term.file}:{term.line})",
                    f"remove this rule and set its `zh_hant:` in {term.file}"))
            elif term.zh_hant not in rule.zh_hant:
                problems.append(Finding(
                    rule.file, rule.line, None,
                    f"{rule.zh_hant} does not contain the glossary's {term.zh_hant} for "
                    f"{term.zh} ({term.file}:{term.line})",
                    f"write {term.zh_hant} inside it, or change the glossary"))
    return problems


def _read_rules(path: Path, name: str):
    """([Rule], {quote: Traditional quote}, [vocabulary Rule]) from data/conversion.yml."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as error:
        raise ConversionError([Finding(name, 0, None, f"cannot be read ({error.strerror})")]
                              ) from None
    except yaml.MarkedYAMLError as error:
        line, hint = yaml_hints.explain(text, error)
        raise ConversionError([Finding(name, line, None, "the layout is broken here", hint)]
                              ) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConversionError([Finding(name, 0, None, f"not readable as YAML ({error})",
                                       "save it as UTF-8 text")]) from None
    sections = dict((key.value, value) for key, value in root.value) if isinstance(
        root, yaml.MappingNode) else {}
    loader = yaml.SafeLoader("")
    try:
        problems = []
        lists = {"rules": [], "vocabulary": []}
        for section, found in lists.items():
            items = sections.get(section)
            for item in items.value if isinstance(items, yaml.SequenceNode) else []:
                line, entry = item.start_mark.line + 1, loader.construct_document(item)
                if not (isinstance(entry, dict) and all(
                        isinstance(entry.get(key), str) and entry[key].strip()
                        for key in ("zh", "zh_hant", "why"))):
                    problems.append(Finding(name, line, None, "each rule needs `zh:`, "
                                            "`zh_hant:` and `why:`",
                                            "see the example at the top of the file"))
                    continue
                found.append(Rule(entry["zh"].strip(), entry["zh_hant"].strip(), name, line))
        quotes_node = sections.get("quotes")
        quotes = loader.construct_document(quotes_node) if quotes_node is not None else {}
        if not (isinstance(quotes, dict) and all(
                isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
                for k, v in quotes.items())):
            line = quotes_node.start_mark.line + 1 if quotes_node is not None else 0
            problems.append(Finding(name, line, None, "`quotes:` must map one mark to one mark",
                                    'such as "“": 「'))
            quotes = {}
    finally:
        loader.dispose()
    if problems:
        raise ConversionError(problems)
    return lists["rules"], quotes, lists["vocabulary"]


def fold_table(chars) -> dict[str, str]:
    """{Traditional character: Simplified character} for those of `chars` that differ:
    a query folded with it finds a page in either script (search). A Simplified character
    is never folded (OpenCC's tw2s reads 么 as a variant of 幺, but 麼 folds to 么), so
    folding twice changes nothing."""
    table = {}
    for char in sorted(set(chars)):
        simplified = _opencc("tw2s").convert(char)
        if (simplified != char and len(simplified) == 1
                and _opencc(CONFIG).convert(char) == char):  # not itself Simplified
            table[char] = simplified
    return table
