"""The vocabulary rules (data/conversion.yml `vocabulary:`) checked against the Simplified
text they replace: the pages the Traditional site is converted from (docs/zh/), their
interface strings (locales/zh.yml) and the Chinese of the membership data.

- each rule's phrase, or each of its context phrases, occurs where the rule applies (a
  rule that matches nothing is misspelt, or outdated);
- each page under `pages:` exists;
- where a rule applies it never cuts a glossary term or a membership class name in two,
  nor changes one that it holds (a phrase holding 工业用户 keeps 工業用戶).

`check(converter, root, docs, source, data)` gives file:line findings on the rules (the
build and `make check-content` run it).
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitelib import glossary
from sitelib.findings import Finding


def check(converter, root: Path, docs: Path, source: str, data: Path) -> list[Finding]:
    """The vocabulary of `converter` against the Simplified text of the project at `root`:
    the pages of the language `source` under `docs`, its locales file and the membership
    data file `data`."""
    def name(path):
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    texts = sources(docs / source, root / "locales" / f"{source}.yml", data, name)
    terms = glossary.load(root / glossary.PATH)
    return findings(converter, texts, protected(terms, class_names(data), converter))


@dataclass(frozen=True)
class Source:
    file: str  # as the editor sees it: docs/zh/membership.md
    page: str | None  # its path under docs/zh/ (None: interface strings, data)
    pieces: tuple[tuple[int, str], ...]  # (first line, text)


def sources(docs: Path, locale: Path, data: Path, name) -> list[Source]:
    """The Simplified pages under `docs` (docs/zh/), the texts of the interface strings
    file and the `zh:` texts of the membership data; `name(path)` as messages show it.
    A file that cannot be read is left out: its own check names the problem."""
    found = [Source(name(path), path.relative_to(docs).as_posix(),
                    ((1, path.read_text(encoding="utf-8")),))
             for path in sorted(docs.rglob("*.md"))]
    for path, only_zh in ((locale, False), (data, True)):
        node = _yaml(path)
        if node is not None:
            found.append(Source(name(path), None, tuple(_texts(node, not only_zh))))
    return found


def class_names(data: Path) -> list[str]:
    """The Chinese names of the membership classes (data/membership_classes.yml)."""
    node = _yaml(data)
    classes = _value(node, "classes")
    return [name.value for item in getattr(classes, "value", [])
            if isinstance(name := _value(_value(item, "name"), "zh"), yaml.ScalarNode)]


def _yaml(path):
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _value(node, key):
    if isinstance(node, yaml.MappingNode):
        return next((value for name, value in node.value if name.value == key), None)
    return None


def _texts(node, inside):
    """(line, text) of the scalars of a YAML node; with inside=False only those under a
    `zh:` key."""
    if isinstance(node, yaml.ScalarNode):
        if inside:
            yield node.start_mark.line + 1, node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _texts(item, inside)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _texts(value, inside or key.value == "zh")


def protected(terms, class_names, converter) -> dict[str, str]:
    """{Simplified name: its Traditional form} of the glossary terms and class names (a
    class name's as the rules and terms make it, without the vocabulary)."""
    without = type(converter)(converter.rules, converter.quotes)
    names = {name: without.convert(name) for name in class_names}
    return names | {term.zh: term.zh_hant or term.zh for term in terms}


def findings(converter, texts: list[Source], names: dict[str, str]) -> list[Finding]:
    problems = []
    vocabulary = set(converter.vocabulary)
    applied = set()
    for source in texts:
        for first, text in source.pieces:
            for start, end, form, rule in converter.matches(text, source.page):
                # A rule is applied where its phrase becomes its wording, within a longer
                # phrase too (可持续发展 inside 可持续发展优先事项, 永續發展優先事項).
                applied |= {word for word in vocabulary if word.zh_hant in form and any(
                    phrase in text[start:end] for phrase in word.context or (word.zh,))}
                if rule in vocabulary:
                    problems += _names_changed(rule, text[start:end], form, start, text,
                                               names, f"{source.file}:"
                                               f"{first + text.count(chr(10), 0, start)}")
    pages = {source.page for source in texts if source.page}
    for rule in converter.vocabulary:
        for page in rule.pages:
            if page not in pages:
                problems.append(_finding(rule, f"there is no page docs/zh/{page}",
                                         "write the page's path under docs/zh/, such as "
                                         "membership.md"))
        if rule not in applied:
            problems.append(_unapplied(converter, rule, texts))
    return list(dict.fromkeys(problems))


def _unapplied(converter, rule, texts):
    """Why a rule changes nothing: its phrase is nowhere, or always inside another's."""
    where = [(source, text) for source in texts if rule.applies_to(source.page)
             for _, text in source.pieces]
    for phrase in rule.context or (rule.zh,):
        for source, text in where:
            at = text.find(phrase)
            if at == -1:
                continue
            other = next((match for match in converter.matches(text, source.page)
                          if match[0] < at + len(phrase) and match[1] > at), None)
            if other is None:
                continue
            whole = text[min(other[0], at):max(other[1], at + len(phrase))]
            return _finding(rule, f"{phrase} is never changed: it stands in "
                            f"{text[other[0]:other[1]]}, which another rule or term changes "
                            f"({source.file})",
                            f"write a rule for the whole phrase {whole}, or remove this one")
    limit = f" of {', '.join(f'docs/zh/{page}' for page in rule.pages)}" if rule.pages else (
        " (docs/zh/, locales, membership data)")
    phrases = "、".join(rule.context or (rule.zh,))
    return _finding(rule, f"{phrases} does not occur in the Simplified text{limit}",
                    "write it exactly as the Simplified page has it, or remove the rule")


def _names_changed(rule, phrase, form, start, text, names, where):
    """Findings for the names that the phrase at `start` of `text` cuts or changes."""
    problems = []
    end = start + len(phrase)
    for name, name_form in names.items():
        at = text.find(name, max(0, start - len(name) + 1))
        while at != -1 and at < end:
            if at + len(name) > start:
                if at < start or at + len(name) > end:
                    problems.append(_finding(
                        rule, f"{phrase} cuts {name} in two ({where})",
                        f"{name} is a glossary term or a class name: make the phrase hold "
                        "all of it, or none"))
                elif name_form not in form:
                    problems.append(_finding(
                        rule, f"{phrase} becomes {form}, which changes {name} ({where}) "
                        f"from {name_form}",
                        f"write {name_form} inside it, or change the glossary"))
            at = text.find(name, at + 1)
    return problems


def _finding(rule, message, fix):
    return Finding(rule.file, rule.line, None, message, fix)
