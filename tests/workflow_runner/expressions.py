"""GitHub Actions expressions (`${{ … }}`), as the runner evaluates them: contexts with
dotted and indexed access (a missing property is null), literals, ! == != < <= > >= && ||
(which return an operand, as in JavaScript), and the functions the workflows use.
Strings compare without regard to case, as GitHub's do."""

import json
import re

TOKEN = re.compile(r"""\s*(?:
    (?P<number>-?\d+(?:\.\d+)?)
  | '(?P<string>(?:[^']|'')*)'
  | (?P<op>==|!=|<=|>=|&&|\|\||[!<>().,\[\]*])
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
)""", re.X)
INTERPOLATION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


class ExpressionError(ValueError):
    pass


def tokens(source: str):
    found, at = [], 0
    while at < len(source):
        if not source[at:].strip():
            break
        match = TOKEN.match(source, at)
        if not match:
            raise ExpressionError(f"cannot read {source[at:]!r} in {source!r}")
        kind = match.lastgroup
        value = match[kind]
        found.append((kind, value.replace("''", "'") if kind == "string" else value))
        at = match.end()
    return found


def truthy(value) -> bool:
    return value not in (None, False, 0, "") and value == value  # NaN is falsy


def number(value):
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        try:
            return float(value) if value.strip() else 0
        except ValueError:
            return float("nan")
    return float("nan")


def equal(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b):
        return a == b
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return a is b
    return number(a) == number(b)


def text(value) -> str:
    """A value as `${{ }}` puts it into a string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


class Parser:
    def __init__(self, source: str, contexts: dict, functions: dict):
        self.items, self.at = tokens(source), 0
        self.contexts, self.functions, self.source = contexts, functions, source

    def peek(self):
        return self.items[self.at] if self.at < len(self.items) else (None, None)

    def take(self, value=None):
        kind, got = self.peek()
        if value is not None and got != value:
            raise ExpressionError(f"expected {value!r} in {self.source!r}, found {got!r}")
        self.at += 1
        return kind, got

    def parse(self):
        value = self.either()
        if self.at != len(self.items):
            raise ExpressionError(f"unexpected {self.peek()[1]!r} in {self.source!r}")
        return value

    def either(self):
        return self.chain("||", self.both, lambda left, right: left if truthy(left) else right)

    def both(self):
        return self.chain("&&", self.compare, lambda left, right: right if truthy(left) else left)

    def chain(self, op, operand, pick):
        """operand (op operand)*, each pair reduced by pick: || and && return an operand."""
        value = operand()
        while self.peek()[1] == op:
            self.take()
            value = pick(value, operand())
        return value

    def compare(self):
        value = self.unary()
        op = self.peek()[1]
        if op in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            other = self.unary()
            if op in ("==", "!="):
                return equal(value, other) == (op == "==")
            a, b = number(value), number(other)
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        return value

    def unary(self):
        if self.peek()[1] == "!":
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "number":
            return float(value) if "." in value else int(value)
        if kind == "string":
            return value
        if value == "(":
            inner = self.either()
            self.take(")")
            return self.access(inner)
        if kind != "name":
            raise ExpressionError(f"unexpected {value!r} in {self.source!r}")
        if value in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[value]
        if self.peek()[1] == "(":
            self.take()
            args = []
            while self.peek()[1] != ")":
                args.append(self.either())
                if self.peek()[1] == ",":
                    self.take()
            self.take(")")
            if value not in self.functions:
                raise ExpressionError(f"unknown function {value}() in {self.source!r}")
            return self.access(self.functions[value](*args))
        if value not in self.contexts:
            raise ExpressionError(f"unknown context {value!r} in {self.source!r}")
        return self.access(self.contexts[value])

    def access(self, value):
        while self.peek()[1] in (".", "["):
            if self.take()[1] == ".":
                key = self.take()[1]
            else:
                key = self.either()
                self.take("]")
            if isinstance(value, dict):
                value = next((v for k, v in value.items() if str(k).lower() == str(key).lower()),
                             None)
            elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
                value = value[key]
            else:
                value = None
        return value


def _format(template, *args):
    return re.sub(r"\{(\d+)\}", lambda m: text(args[int(m[1])]),
                  template.replace("{{", "\0").replace("}}", "\1")).replace(
                      "\0", "{").replace("\1", "}")


def _contains(haystack, needle):
    if isinstance(haystack, list):
        return any(equal(item, needle) for item in haystack)
    return text(needle).lower() in text(haystack).lower()


FUNCTIONS = {
    "format": _format,
    "contains": _contains,
    "startsWith": lambda a, b: text(a).lower().startswith(text(b).lower()),
    "endsWith": lambda a, b: text(a).lower().endswith(text(b).lower()),
    "toJSON": lambda value: json.dumps(value, indent=2),
    "fromJSON": json.loads,
}


def evaluate(source: str, contexts: dict, status: dict | None = None):
    """The value of one expression (without `${{ }}`); status gives success() and the
    other status functions."""
    status = status or {}
    functions = {**FUNCTIONS, **{name: (lambda v=v: v) for name, v in status.items()}}
    return Parser(source, contexts, functions).parse()


def interpolate(value, contexts: dict):
    """Every `${{ }}` in a string (or in the strings of a dict or list) replaced."""
    if isinstance(value, str):
        return INTERPOLATION.sub(lambda m: text(evaluate(m[1], contexts)), value)
    if isinstance(value, dict):
        return {key: interpolate(item, contexts) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, contexts) for item in value]
    return text(value) if isinstance(value, bool) else value


def condition(source, contexts: dict, status: dict) -> bool:
    """A job's or step's `if:`: success() unless it names a status function."""
    if source is None or source == "":
        source = "success()"
    source = str(source).strip()
    if source.startswith("${{") and source.endswith("}}") and source.count("${{") == 1:
        source = source[3:-2]
    if not re.search(r"\b(success|failure|always|cancelled)\(", source):
        source = f"success() && ({source})"
    status = {"always": True, "cancelled": False,
              "failure": not status.get("success", True), **status}
    return truthy(evaluate(source, contexts, status))
