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
- Vocabulary rules (data/conversion.yml `vocabulary:`): Taiwan's word for a Simplified
  phrase (永續發展 for 可持续发展), which cannot convert back; applied like the rules,
  optionally only on some pages (`pages:`) or only inside longer phrases (`context:`,
  通过 as "by means of" but not "pass"). Checked against the glossary here, against the
  Simplified text by sitelib.vocabulary_check. A glossary term's `zh_hant:` may use a
  vocabulary rule's wording (永續發展優先事項): it converts back once that wording is
  turned back into its Simplified phrase.

`converter().convert(text, page)`; `fold_table(chars)` for search (Traditional → Simplified).
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
CONTEXT_MARK = "\U0010fffd"  # stands for a vocabulary phrase inside its context (Area-B)
APOSTROPHE = re.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])")


class ConversionError(Findings):
    pass


@dataclass(frozen=True)
class Rule:
    zh: str
    zh_hant: str
    file: str
    line: int
    pages: tuple[str, ...] = ()  # vocabulary: only on these pages (docs/zh/ paths)
    context: tuple[str, ...] = ()  # vocabulary: only inside these Simplified phrases

    def applies_to(self, page: str | None) -> bool:
        return not self.pages or page in self.pages


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
        self._tables = {}  # page -> (pattern, {phrase: (Traditional, rule)})

    def _table(self, page):
        """The phrases set aside on a page: the rules, the vocabulary that applies there,
        and each context phrase of a context rule in its converted form."""
        if page not in self._tables:
            active = [rule for rule in self.vocabulary if rule.applies_to(page)]
            plain = [*self.rules, *(rule for rule in active if not rule.context)]
            forms = {rule.zh: (rule.zh_hant, rule) for rule in plain}
            self._tables[page] = _pattern(forms), forms
            for rule in active:
                for phrase in rule.context:
                    marked = self._convert(phrase.replace(rule.zh, CONTEXT_MARK), page)
                    forms.setdefault(phrase, (marked.replace(CONTEXT_MARK, rule.zh_hant), rule))
            self._tables[page] = _pattern(forms), forms
        return self._tables[page]

    def matches(self, text: str, page: str | None = None):
        """(start, end, Traditional form, rule) of each phrase set aside in `text`."""
        pattern, forms = self._table(page)
        for match in pattern.finditer(text) if pattern else ():
            yield match.start(), match.end(), *forms[match[0]]

    def convert(self, text: str, page: str | None = None) -> str:
        """`text` in Traditional characters; `page` (its path under docs/zh/) decides which
        page-limited vocabulary applies."""
        return self._convert(text, page)

    def _convert(self, text, page):
        pattern, forms = self._table(page)
        kept = []

        def keep(match):
            kept.append(forms[match[0]][0])
            return chr(PLACEHOLDER + len(kept) - 1)

        hidden = pattern.sub(keep, text) if pattern else text
        apostrophes = APOSTROPHE.sub("\ufff9", hidden)  # not a quote: kept out of the table
        converted = _opencc(CONFIG).convert(apostrophes).translate(str.maketrans(self.quotes))
        converted = converted.replace("\ufff9", "’")
        return re.sub("[\U000f0000-\U000fffff]", lambda m: kept[ord(m[0]) - PLACEHOLDER],
                      converted)

    def convert_tree(self, value, page: str | None = None):
        """Every string in nested dicts and lists converted (interface strings, metadata)."""
        if isinstance(value, str):
            return self.convert(value, page)
        if isinstance(value, dict):
            return {key: self.convert_tree(item, page) for key, item in value.items()}
        if isinstance(value, list):
            return [self.convert_tree(item, page) for item in value]
        return value


def _pattern(forms):
    """Longest first, so that a longer phrase wins over the shorter ones it contains."""
    phrases = sorted(forms, key=lambda phrase: -len(phrase))
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


def suggestion(zh: str) -> str:
    """What plain OpenCC makes of a Simplified text (offered in messages)."""
    return _opencc(CONFIG).convert(zh)


def round_trips(rule: Rule, vocabulary=()) -> bool:
    """Its Traditional text converts back to its Simplified, once the vocabulary's
    wordings in it are turned back into their Simplified phrases (longest first)."""
    text = rule.zh_hant
    for word in sorted(vocabulary, key=lambda word: -len(word.zh_hant)):
        if not word.context:
            text = text.replace(word.zh_hant, word.zh)
    return any(_opencc(config).convert(text) == rule.zh for config in BACK)


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
    problems += [_back_problem(rule) for rule in term_rules + wording
                 if not round_trips(rule, vocabulary)]
    problems += _glossary_conflicts(wording, term_rules)
    problems += _vocabulary_conflicts(vocabulary, term_rules, terms)
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
                problems.append(_loses_term(rule, term))
    return problems


def _loses_term(rule, term) -> Finding:
    """A rule holding a glossary term whose wording drops the term's Traditional form."""
    return Finding(rule.file, rule.line, None,
                   f"{rule.zh_hant} does not contain the glossary's {term.zh_hant} for "
                   f"{term.zh} ({term.file}:{term.line})",
                   f"write {term.zh_hant} inside it, or change the glossary")


def _vocabulary_conflicts(vocabulary, term_rules, terms):
    """A vocabulary rule changes a glossary term only where the glossary says so: the
    term's `zh_hant:` is the rule's wording, or holds it."""
    english = {term.line: term.en for term in terms}
    problems = []
    for rule in vocabulary:
        for term in term_rules:
            where = f"“{english[term.line]}” ({term.file}:{term.line})"
            if term.zh == rule.zh and term.zh_hant != rule.zh_hant:
                problems.append(Finding(
                    rule.file, rule.line, None,
                    f"{rule.zh} is the glossary's term for {where}, which writes it "
                    f"{term.zh_hant}",
                    f"to write {rule.zh_hant} for it, set `zh_hant: {rule.zh_hant}` there "
                    "too; otherwise remove this rule"))
            elif (rule.zh in term.zh and rule.zh != term.zh and not rule.context
                  and rule.applies_to(None) and rule.zh_hant not in term.zh_hant):
                form = term.zh.replace(rule.zh, CONTEXT_MARK)
                form = suggestion(form).replace(CONTEXT_MARK, rule.zh_hant)
                problems.append(Finding(
                    rule.file, rule.line, None,
                    f"{rule.zh} is part of the glossary's term {term.zh} for {where}, "
                    f"which its Traditional form {term.zh_hant} does not follow",
                    f"write it with {rule.zh_hant} there (such as `zh_hant: {form}`), or "
                    "limit this rule with `context:`"))
            elif term.zh in rule.zh and term.zh != rule.zh and term.zh_hant not in rule.zh_hant:
                problems.append(_loses_term(rule, term))
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
                rule = _rule(entry, section, name, line, problems)
                if rule is not None:
                    found.append(rule)
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


FIELDS = ("zh", "zh_hant", "why")
LIMITS = ("pages", "context")  # a vocabulary rule's optional fields


def _rule(entry, section, name, line, problems) -> Rule | None:
    """The rule of one entry under `rules:` or `vocabulary:`; None, with findings, when
    it cannot be read."""
    if not (isinstance(entry, dict) and all(
            isinstance(entry.get(key), str) and entry[key].strip() for key in FIELDS)):
        problems.append(Finding(name, line, None, "each rule needs `zh:`, `zh_hant:` and "
                                "`why:`", "see the example at the top of the file"))
        return None
    known = FIELDS + (LIMITS if section == "vocabulary" else ())
    unknown = [key for key in entry if key not in known]
    if unknown:
        problems.append(Finding(name, line, None, f"`{unknown[0]}:` is not a field of a rule "
                                f"under `{section}:`", f"the fields are {', '.join(known)}"))
        return None
    limits = {key: _phrases(entry, key, name, line, problems) for key in LIMITS}
    if None in limits.values():
        return None
    rule = Rule(entry["zh"].strip(), entry["zh_hant"].strip(), name, line,
                tuple(page.removeprefix("docs/zh/") for page in limits["pages"]),
                tuple(limits["context"]))
    for phrase in rule.context:
        if rule.zh not in phrase:
            problems.append(Finding(name, line, None,
                                    f"the context {phrase} does not contain {rule.zh}",
                                    f"write each context as a longer phrase holding {rule.zh}"))
            return None
    return rule


def _phrases(entry, key, name, line, problems):
    """The texts under `pages:` or `context:` ([] when absent); None, with a finding, when
    it is not a list of texts."""
    value = entry.get(key, [])
    value = [value] if isinstance(value, str) else value
    if isinstance(value, list) and all(isinstance(item, str) and item.strip()
                                       for item in value):
        return [item.strip() for item in value]
    example = "[membership.md]" if key == "pages" else "[通过参与, 通过标准化]"
    problems.append(Finding(name, line, None, f"`{key}:` must be a list of texts",
                            f"such as `{key}: {example}`"))
    return None


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
