"""Read and check data/membership_classes.yml.

`load()` returns the data, or raises `DataError` listing every problem at once as
`file:line: field: what is wrong — what to do`, in words an editor can act on.
The rules are in data/membership_classes.schema.json (JSON Schema 2020-12), which
VS Code also uses; this module adds the line numbers and the checks a schema cannot
make: duplicate keys, duplicate ids, a commitment for a class that cannot certify.
"""

import datetime
import json
import os
import re
from pathlib import Path

import jsonschema
import yaml

from sitelib import ROOT, yaml_hints
from sitelib.findings import Finding, Findings, plural

DATA_FILE = ROOT / "data" / "membership_classes.yml"
SCHEMA_FILE = ROOT / "data" / "membership_classes.schema.json"

LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
# How a missing field is named in a message: "add the Chinese name".
FIELD_NAMES = {"name": "name", "description": "description", "examples": "examples",
               "fees": "fee text"}
TYPE_NAMES = {"string": "text", "array": "a list (lines starting with '- ')",
              "object": "a group of fields", "boolean": "yes or no",
              "integer": "a whole number"}


def _problem(line, file, path, message):
    """A finding about the field at `path` (classes[2].name.zh), on `line` (0: the file)."""
    return Finding(file, line, None, f"{path}: {message}" if path else message)


class DataError(Findings):
    def __init__(self, problems):
        problems = sorted(set(problems), key=lambda p: (p.line, p.file, p.message))
        super().__init__(problems, f"{plural(len(problems), 'problem')} in the membership "
                                   "data, nothing changed:")


def data_file(config_dir: Path) -> Path:
    """The data a build reads: data/membership_classes.yml beside mkdocs.yml, or the file
    named by MEMBERSHIP_DATA (the tests build from other data)."""
    override = os.environ.get("MEMBERSHIP_DATA")
    return Path(override) if override else Path(config_dir) / "data" / "membership_classes.yml"


def display_name(path):
    """The file as messages show it: relative to the repository when inside it."""
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def load(path=DATA_FILE):
    """The checked data of `path`; raises DataError."""
    name = display_name(path)
    node, data = _parse(Path(path), name)
    lines, problems = _index(node, name)
    problems += _schema_problems(data, lines, name)
    problems += _rule_problems(data, lines, name)
    if problems:
        raise DataError([_named_by_id(problem, data) for problem in problems])
    return data


def _named_by_id(problem, data):
    """classes[2].name.zh -> classes[civil-society].name.zh: editors know classes by id
    (the index stays where the id itself is wrong or used twice)."""
    classes = data.get("classes") if isinstance(data, dict) else None
    classes = classes if isinstance(classes, list) else []
    ids = [item.get("id") if isinstance(item, dict) else None for item in classes]

    def by_id(match):
        index = int(match[1])
        class_id = ids[index] if index < len(ids) else None
        usable = (isinstance(class_id, str) and ID.fullmatch(class_id)
                  and ids.count(class_id) == 1)
        return f"classes[{class_id}]" if usable else match[0]

    return Finding(problem.file, problem.line, None,
                   re.sub(r"^classes\[(\d+)\]", by_id, problem.message))


# The data file needs no anchors or aliases, and no deep nesting: refusing them keeps a
# hostile file (billion laughs, recursive aliases, thousands of brackets) cheap to reject.
MAX_DEPTH = 20
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _parse(path, name):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([_problem(0, name, "", "the file does not exist")]) from None
    except UnicodeDecodeError:
        raise DataError([_problem(0, name, "", "the file is not UTF-8 text — save it as UTF-8")]) \
            from None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise DataError([_problem(line, name, "", f"this line contains the invisible character "
                                 f"{control.group()!r} — delete it and type the text again")])
    try:
        _check_shape(text, name)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) if node is not None else None
    except yaml.MarkedYAMLError as error:
        line, hint = yaml_hints.explain(text, error)
        raise DataError([_problem(line, name, "", f"the layout is broken here — {hint}")]) \
            from None
    except yaml.YAMLError as error:
        raise DataError([_problem(0, name, "", f"not readable as YAML ({error})")]) from None
    if node is None:
        raise DataError([_problem(0, name, "", "the file is empty — it must start with classes:")])
    return node, data


def _check_shape(text, name):
    """Refuse anchors, aliases and deep nesting before building anything from the text."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            raise DataError([_problem(token.start_mark.line + 1, name, "",
                                     "anchors and aliases (& and *) are not used in this file "
                                     "— write the text out in full")])
        if isinstance(token, yaml.BlockMappingStartToken | yaml.BlockSequenceStartToken
                      | yaml.FlowMappingStartToken | yaml.FlowSequenceStartToken):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError([_problem(token.start_mark.line + 1, name, "",
                                         "the data is nested far deeper than this file needs "
                                         "— check the brackets and the indentation")])
        elif isinstance(token, yaml.BlockEndToken | yaml.FlowMappingEndToken
                        | yaml.FlowSequenceEndToken):
            depth -= 1


def _index(node, name, path=(), lines=None, problems=None):
    """Map each field's path to the line of its key (or list item); find duplicate keys."""
    lines = {(): node.start_mark.line + 1} if lines is None else lines
    problems = [] if problems is None else problems
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            line = key_node.start_mark.line + 1
            if child in lines:
                problems.append(_problem(line, name, format_path(child),
                                        f"appears twice (first on line {lines[child]}) "
                                        "— keep only one"))
                continue
            lines[child] = line
            _index(value_node, name, child, lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _index(item, name, (*path, index), lines, problems)
    return lines, problems


def format_path(path):
    """('classes', 2, 'name') -> 'classes[2].name'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _line(lines, path):
    while path not in lines:
        path = path[:-1]
    return lines[path]


def _schema_problems(data, lines, name):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        for field, message in _explain(error):
            problems.append(_problem(_line(lines, (*path, *field)), name,
                                    format_path((*path, *field)) or "(top of the file)", message))
    return problems


def _explain(error):
    """[(extra path, message)] for one schema error, in plain words."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        return [((key,), _missing(key, error.absolute_path)) for key in value
                if key not in instance]
    if kind == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        return [((key,), f'unknown field "{key}" — check the spelling; allowed here: {allowed}')
                for key in instance if key not in error.schema.get("properties", {})]
    if kind == "type":
        return [((), _wrong_type(value, instance))]
    if kind == "enum":
        choices = ", ".join(map(str, value))
        return [((), f'"{instance}" is not allowed here — use one of: {choices}')]
    if kind == "minItems":
        return [((), "this list is empty — add at least one entry")]
    if kind == "minimum":
        return [((), f"must be {value} or more")]
    if kind == "maximum":
        return [((), f"must be {value} or less")]
    if "errorMessage" in error.schema:
        return [((), error.schema["errorMessage"])]
    return [((), error.message)]


def _missing(key, parent):
    parent = [p for p in parent if isinstance(p, str)]
    if key in LANGUAGE_NAMES and parent and parent[-1] in FIELD_NAMES:
        return f"this text is missing — add the {LANGUAGE_NAMES[key]} {FIELD_NAMES[parent[-1]]}"
    return f'this field is missing — add "{key}:" (see the other classes for an example)'


def _wrong_type(expected, instance):
    wanted = TYPE_NAMES.get(expected, expected)
    if instance is None:
        return f"is empty — write {wanted} after the colon"
    if expected == "string":
        if isinstance(instance, bool):
            return (f"should be {wanted}, but reads as {'yes' if instance else 'no'} "
                    "— put the text in double quotes")
        if isinstance(instance, int | float | datetime.date):
            return f"should be {wanted}, but reads as a number or date — put it in double quotes"
    return f"should be {wanted}"


def _rule_problems(data, lines, name):
    classes = data.get("classes") if isinstance(data, dict) else None
    if not isinstance(classes, list):
        return []
    problems, first_line = [], {}
    for index, item in enumerate(classes):
        if not isinstance(item, dict):
            continue
        class_id = item.get("id")
        if isinstance(class_id, str):
            path = ("classes", index, "id")
            if class_id in first_line:
                problems.append(_problem(
                    lines[path], name, format_path(path),
                    f'"{class_id}" is used twice (first on line {first_line[class_id]}) '
                    "— every class needs its own id"))
            else:
                first_line[class_id] = lines[path]
        certification = item.get("certification")
        if (isinstance(certification, dict) and certification.get("can_seek") is False
                and "commitment" in certification):
            path = ("classes", index, "certification", "commitment")
            problems.append(_problem(
                lines[path], name, format_path(path),
                "a class that cannot seek certification has no certification commitment "
                "— remove the commitment or set can_seek: yes"))
    return problems
