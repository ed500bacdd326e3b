"""troupe_servo: write a troupe servo (platform server) in Python.

A servo answers JSON-RPC 2.0 requests from the troupe runner on stdin/stdout and runs
the steps registered here with Cucumber Expressions or regular expressions::

    from troupe_servo import given, then, run

    @given("the buffer {string} has {int} slots")
    def create_buffer(ctx, name, slots):
        ctx.context["buffer"] = name
        ctx.log.info("created %s", name)

    if __name__ == "__main__":
        run()

Standard library only; Python 3.9+.
"""

import asyncio
import datetime
import decimal
import inspect
import io
import json
import os
import queue
import re
import sys
import threading
import time
import traceback

__all__ = [
    "given",
    "when",
    "then",
    "step",
    "initialize",
    "before_cleanup",
    "cleanup",
    "define_parameter_type",
    "run",
    "log",
    "StepContext",
    "DataTable",
    "DocString",
    "StepLogger",
    "CucumberExpression",
    "RegularExpression",
    "CucumberExpressionError",
    "UndefinedParameterTypeError",
    "ParameterType",
    "ParameterTypeRegistry",
    "tokenize_expression",
    "parse_expression",
    "Registry",
    "Servo",
]

# ---------------------------------------------------------------------------
# Cucumber Expressions (tokenizer, parser, transformation to regex, matching)
# ---------------------------------------------------------------------------


class CucumberExpressionError(Exception):
    """A Cucumber Expression (or parameter type) that cannot be used."""


class UndefinedParameterTypeError(CucumberExpressionError):
    def __init__(self, name, message):
        super().__init__(message)
        self.undefined_parameter_type_name = name


# Same set as JavaScript's \s, so both SDKs split expressions identically.
_WHITESPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)

START_OF_LINE = "START_OF_LINE"
END_OF_LINE = "END_OF_LINE"
WHITE_SPACE = "WHITE_SPACE"
BEGIN_OPTIONAL = "BEGIN_OPTIONAL"
END_OPTIONAL = "END_OPTIONAL"
BEGIN_PARAMETER = "BEGIN_PARAMETER"
END_PARAMETER = "END_PARAMETER"
ALTERNATION = "ALTERNATION"
TEXT = "TEXT"

EXPRESSION_NODE = "EXPRESSION_NODE"
TEXT_NODE = "TEXT_NODE"
OPTIONAL_NODE = "OPTIONAL_NODE"
ALTERNATION_NODE = "ALTERNATION_NODE"
ALTERNATIVE_NODE = "ALTERNATIVE_NODE"
PARAMETER_NODE = "PARAMETER_NODE"

_SYMBOL_TOKENS = {
    "(": BEGIN_OPTIONAL,
    ")": END_OPTIONAL,
    "{": BEGIN_PARAMETER,
    "}": END_PARAMETER,
    "/": ALTERNATION,
}


class Token:
    __slots__ = ("type", "text", "start", "end")

    def __init__(self, token_type, text, start, end):
        self.type = token_type
        self.text = text
        self.start = start
        self.end = end

    def to_json(self):
        return {"type": self.type, "start": self.start, "end": self.end, "text": self.text}


class Node:
    """One AST node; text nodes carry `token`, the others carry `nodes`."""

    __slots__ = ("type", "nodes", "token", "start", "end")

    def __init__(self, node_type, nodes, token, start, end):
        self.type = node_type
        self.nodes = nodes
        self.token = token
        self.start = start
        self.end = end

    def text(self):
        if self.nodes:
            return "".join(n.text() for n in self.nodes)
        return self.token or ""

    def to_json(self):
        out = {"type": self.type, "start": self.start, "end": self.end}
        if self.nodes is not None:
            out["nodes"] = [n.to_json() for n in self.nodes]
        if self.token is not None:
            out["token"] = self.token
        return out


def _message(index, expression, pointer, problem, solution):
    return "This Cucumber Expression has a problem at column %d:\n\n%s\n%s\n%s.\n%s" % (
        index + 1,
        expression,
        pointer,
        problem,
        solution,
    )


def _point_at(index):
    return " " * index + "^"


def _point_at_located(start, end):
    pointer = _point_at(start)
    if start + 1 < end:
        pointer += "-" * (end - start - 2) + "^"
    return pointer


def _error_at(located, expression, problem, solution):
    return CucumberExpressionError(
        _message(located.start, expression, _point_at_located(located.start, located.end), problem, solution)
    )


def _token_type_of(char):
    if char in _WHITESPACE:
        return WHITE_SPACE
    return _SYMBOL_TOKENS.get(char, TEXT)


def _can_escape(char):
    return char in _WHITESPACE or char in "\\/(){}"


def tokenize_expression(expression):
    """Splits a Cucumber Expression into tokens (positions count code points)."""
    tokens = []
    buffer = []
    state = {"previous": START_OF_LINE, "escaped": 0, "start": 0}

    def convert_buffer(token_type):
        escape_tokens = 0
        if token_type == TEXT:
            escape_tokens = state["escaped"]
            state["escaped"] = 0
        consumed = state["start"] + len(buffer) + escape_tokens
        token = Token(token_type, "".join(buffer), state["start"], consumed)
        del buffer[:]
        state["start"] = consumed
        return token

    if not expression:
        tokens.append(Token(START_OF_LINE, "", 0, 0))
    treat_as_text = False
    for char in expression:
        if not treat_as_text and char == "\\":
            state["escaped"] += 1
            treat_as_text = True
            continue
        if treat_as_text:
            if not _can_escape(char):
                index = state["start"] + len(buffer) + state["escaped"]
                raise CucumberExpressionError(
                    _message(
                        index,
                        expression,
                        _point_at(index),
                        "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped",
                        "If you did mean to use an '\\' you can use '\\\\' to escape it",
                    )
                )
            current = TEXT
        else:
            current = _token_type_of(char)
        treat_as_text = False
        previous = state["previous"]
        if current != previous or current not in (WHITE_SPACE, TEXT):
            tokens.append(convert_buffer(previous))
        state["previous"] = current
        buffer.append(char)
    if buffer:
        tokens.append(convert_buffer(state["previous"]))
    if treat_as_text:
        index = len(expression) - 1
        raise CucumberExpressionError(
            _message(
                index,
                expression,
                _point_at(index),
                "The end of line can not be escaped",
                "You can use '\\\\' to escape the '\\'",
            )
        )
    tokens.append(Token(END_OF_LINE, "", len(expression), len(expression)))
    return tokens


def _looking_at(tokens, at, token_type):
    if at < 0:
        return token_type == START_OF_LINE
    if at >= len(tokens):
        return token_type == END_OF_LINE
    return tokens[at].type == token_type


def _looking_at_any(tokens, at, token_types):
    return any(_looking_at(tokens, at, t) for t in token_types)


def _parse_text(expression, tokens, current):
    token = tokens[current]
    if token.type in (WHITE_SPACE, TEXT, END_PARAMETER, END_OPTIONAL):
        return 1, [Node(TEXT_NODE, None, token.text, token.start, token.end)]
    if token.type == ALTERNATION:
        raise _error_at(
            token,
            expression,
            "An alternation can not be used inside an optional",
            "If you did not mean to use an alternation you can use '\\/' to escape the '/'. "
            "Otherwise rephrase your expression or consider using a regular expression instead.",
        )
    return 0, []


def _parse_name(expression, tokens, current):
    token = tokens[current]
    if token.type in (WHITE_SPACE, TEXT):
        return 1, [Node(TEXT_NODE, None, token.text, token.start, token.end)]
    if token.type in (BEGIN_OPTIONAL, END_OPTIONAL, BEGIN_PARAMETER, END_PARAMETER, ALTERNATION):
        raise _error_at(
            token,
            expression,
            "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'",
            "Did you mean to use a regular expression?",
        )
    return 0, []


_SYMBOLS = {BEGIN_OPTIONAL: "(", END_OPTIONAL: ")", BEGIN_PARAMETER: "{", END_PARAMETER: "}"}
_PURPOSES = {BEGIN_OPTIONAL: "optional text", BEGIN_PARAMETER: "a parameter"}


def _parse_between(node_type, begin_token, end_token, parsers):
    def parse(expression, tokens, current):
        if not _looking_at(tokens, current, begin_token):
            return 0, []
        sub_current = current + 1
        consumed, ast = _parse_tokens_until(expression, parsers, tokens, sub_current, (end_token, END_OF_LINE))
        sub_current += consumed
        if not _looking_at(tokens, sub_current, end_token):
            begin_symbol = _SYMBOLS.get(begin_token, "")
            purpose = _PURPOSES.get(begin_token, "")
            raise _error_at(
                tokens[current],
                expression,
                "The '%s' does not have a matching '%s'" % (begin_symbol, _SYMBOLS.get(end_token, "")),
                "If you did not intend to use %s you can use '\\%s' to escape the %s" % (purpose, begin_symbol, purpose),
            )
        start = tokens[current].start
        end = tokens[sub_current].end
        return sub_current + 1 - current, [Node(node_type, ast, None, start, end)]

    return parse


_parse_parameter = _parse_between(PARAMETER_NODE, BEGIN_PARAMETER, END_PARAMETER, [_parse_name])
_optional_parsers = []
_parse_optional = _parse_between(OPTIONAL_NODE, BEGIN_OPTIONAL, END_OPTIONAL, _optional_parsers)
_optional_parsers.extend([_parse_optional, _parse_parameter, _parse_text])


def _parse_alternative_separator(expression, tokens, current):
    if not _looking_at(tokens, current, ALTERNATION):
        return 0, []
    token = tokens[current]
    return 1, [Node(ALTERNATIVE_NODE, None, token.text, token.start, token.end)]


_alternative_parsers = [_parse_alternative_separator, _parse_optional, _parse_parameter, _parse_text]


def _parse_alternation(expression, tokens, current):
    # An alternation starts after whitespace, '}' or the start of the line.
    if not _looking_at_any(tokens, current - 1, (START_OF_LINE, WHITE_SPACE, END_PARAMETER)):
        return 0, []
    consumed, ast = _parse_tokens_until(
        expression, _alternative_parsers, tokens, current, (WHITE_SPACE, END_OF_LINE, BEGIN_PARAMETER)
    )
    if not any(n.type == ALTERNATIVE_NODE for n in ast):
        return 0, []
    start = tokens[current].start
    end = tokens[current + consumed].start
    return consumed, [Node(ALTERNATION_NODE, _split_alternatives(start, end, ast), None, start, end)]


def _split_alternatives(start, end, alternation):
    separators = []
    alternatives = []
    alternative = []
    for node in alternation:
        if node.type == ALTERNATIVE_NODE:
            separators.append(node)
            alternatives.append(alternative)
            alternative = []
        else:
            alternative.append(node)
    alternatives.append(alternative)
    nodes = []
    for i, alt in enumerate(alternatives):
        if i == 0:
            nodes.append(Node(ALTERNATIVE_NODE, alt, None, start, separators[0].start))
        elif i == len(alternatives) - 1:
            nodes.append(Node(ALTERNATIVE_NODE, alt, None, separators[i - 1].end, end))
        else:
            nodes.append(Node(ALTERNATIVE_NODE, alt, None, separators[i - 1].end, separators[i].start))
    return nodes


def _parse_tokens_until(expression, parsers, tokens, start_at, end_tokens):
    current = start_at
    ast = []
    while current < len(tokens):
        if _looking_at_any(tokens, current, end_tokens):
            break
        for parser in parsers:
            consumed, nodes = parser(expression, tokens, current)
            if consumed:
                break
        else:
            raise CucumberExpressionError("No eligible parsers for token at %d" % tokens[current].start)
        current += consumed
        ast.extend(nodes)
    return current - start_at, ast


_parse_expression = _parse_between(
    EXPRESSION_NODE, START_OF_LINE, END_OF_LINE, [_parse_alternation, _parse_optional, _parse_parameter, _parse_text]
)


def parse_expression(expression):
    """Parses a Cucumber Expression into its AST (a Node; `.to_json()` gives the reference shape)."""
    tokens = tokenize_expression(expression)
    return _parse_expression(expression, tokens, 0)[1][0]


class ParameterType:
    """A named type usable as {name} in Cucumber Expressions."""

    def __init__(self, name, regexps, transformer=None, use_for_snippets=True, prefer_for_regexp_match=False):
        if name is not None and re.search(r"[{}()\\/]", name):
            raise CucumberExpressionError(
                "Illegal character in parameter name {%s}. Parameter names may not contain '{', '}', '(', ')', '\\' or '/'"
                % name
            )
        if isinstance(regexps, (str, re.Pattern)):
            regexps = [regexps]
        self.name = name
        self.regexps = [r.pattern if isinstance(r, re.Pattern) else r for r in regexps]
        self.transformer = transformer
        self.use_for_snippets = use_for_snippets
        self.prefer_for_regexp_match = prefer_for_regexp_match

    def transform(self, values):
        if self.transformer is None:
            return values[0] if values else None
        return self.transformer(*values)


def _to_int(value=None, *_):
    return None if value is None else int(value)


def _to_float(value=None, *_):
    return None if value is None else float(value)


def _to_decimal(value=None, *_):
    return None if value is None else decimal.Decimal(value)


def _identity(value=None, *_):
    return value


def _unquote_string(double_quoted=None, single_quoted=None, *_):
    text = double_quoted or single_quoted or ""
    return text.replace('\\"', '"').replace("\\'", "'")


_INTEGER_REGEXPS = [r"-?\d+", r"\d+"]
_FLOAT_REGEXP = r"(?=.*\d.*)[-+]?\d*(?:\.(?=\d.*))?\d*(?:\d+[E][+-]?\d+)?"
_STRING_REGEXP = r""""([^"\\]*(\\.[^"\\]*)*)"|'([^'\\]*(\\.[^'\\]*)*)'"""


class ParameterTypeRegistry:
    def __init__(self):
        self._by_name = {}
        self._by_regexp = {}
        self.define(ParameterType("int", _INTEGER_REGEXPS, _to_int, True, True))
        self.define(ParameterType("float", _FLOAT_REGEXP, _to_float, True, False))
        self.define(ParameterType("word", r"[^\s]+", _identity, False, False))
        self.define(ParameterType("string", _STRING_REGEXP, _unquote_string, True, False))
        self.define(ParameterType("", r".*", _identity, False, True))
        self.define(ParameterType("double", _FLOAT_REGEXP, _to_float, False, False))
        self.define(ParameterType("bigdecimal", _FLOAT_REGEXP, _to_decimal, False, False))
        for name in ("byte", "short", "long", "biginteger"):
            self.define(ParameterType(name, _INTEGER_REGEXPS, _to_int, False, False))

    def lookup_by_name(self, name):
        return self._by_name.get(name)

    def lookup_by_regexp(self, source):
        # Unlike the reference, an ambiguous regexp picks the first type instead of failing.
        types = self._by_regexp.get(source)
        return types[0] if types else None

    def parameter_types(self):
        return list(self._by_name.values())

    def define(self, parameter_type):
        if parameter_type.name in self._by_name:
            if parameter_type.name == "":
                raise CucumberExpressionError("The anonymous parameter type has already been defined")
            raise CucumberExpressionError("There is already a parameter type with name %s" % parameter_type.name)
        self._by_name[parameter_type.name] = parameter_type
        for source in parameter_type.regexps:
            types = self._by_regexp.setdefault(source, [])
            if types and types[0].prefer_for_regexp_match and parameter_type.prefer_for_regexp_match:
                raise CucumberExpressionError(
                    "There can only be one preferential parameter type per regexp. The regexp /%s/ is used for two "
                    "preferential parameter types, {%s} and {%s}" % (source, types[0].name, parameter_type.name)
                )
            types.append(parameter_type)
            types.sort(key=lambda t: (not t.prefer_for_regexp_match, t.name))


class _GroupNode:
    __slots__ = ("number", "source", "children")

    def __init__(self, number):
        self.number = number
        self.source = None
        self.children = []


def _is_non_capturing(source, i):
    if source[i + 1 : i + 2] != "?":
        return False
    if source[i + 2 : i + 3] == "P":
        return source[i + 3 : i + 4] != "<"  # (?P<name>...) captures, (?P=name) does not
    if source[i + 2 : i + 3] != "<":
        return True
    return source[i + 3 : i + 4] in ("=", "!")


def _group_tree(source):
    """The capturing groups of a regex as a tree: nested groups are children."""
    stack = [_GroupNode(0)]
    starts = []
    escaping = False
    char_class = False
    count = 0
    for i, c in enumerate(source):
        if c == "[" and not escaping:
            char_class = True
        elif c == "]" and not escaping:
            char_class = False
        elif c == "(" and not escaping and not char_class:
            starts.append(i)
            if _is_non_capturing(source, i):
                stack.append(_GroupNode(None))
            else:
                count += 1
                stack.append(_GroupNode(count))
        elif c == ")" and not escaping and not char_class and len(stack) > 1:
            group = stack.pop()
            start = starts.pop()
            if group.number is not None:
                group.source = source[start + 1 : i]
                stack[-1].children.append(group)
            else:
                stack[-1].children.extend(group.children)
        escaping = c == "\\" and not escaping
    return stack[0]


def _group_values(match, group):
    members = group.children or [group]
    return [match.group(g.number) for g in members]


class CucumberExpression:
    def __init__(self, expression, registry=None):
        self.source = expression
        self._registry = registry or _default_parameter_types
        self._parameter_types = []
        self.ast = parse_expression(expression)
        self.regexp = self._rewrite(self.ast)
        # `$` would also match before a trailing newline in Python; JavaScript's does not.
        self._compiled = re.compile(self.regexp[:-1] + r"\Z")
        self._tree = _group_tree(self.regexp)

    def _rewrite(self, node):
        if node.type == TEXT_NODE:
            return re.sub(r"([\\^\[({$.|?*+})\]])", r"\\\1", node.text())
        if node.type == OPTIONAL_NODE:
            return self._rewrite_optional(node)
        if node.type == ALTERNATION_NODE:
            for alternative in node.nodes:
                if not alternative.nodes:
                    raise _error_at(
                        alternative,
                        self.source,
                        "Alternative may not be empty",
                        "If you did not mean to use an alternative you can use '\\/' to escape the '/'",
                    )
                if not any(n.type == TEXT_NODE for n in alternative.nodes):
                    raise _error_at(
                        alternative,
                        self.source,
                        "An alternative may not exclusively contain optionals",
                        "If you did not mean to use an optional you can use '\\(' to escape the '('",
                    )
            return "(?:%s)" % "|".join(self._rewrite(n) for n in node.nodes)
        if node.type == ALTERNATIVE_NODE:
            return "".join(self._rewrite(n) for n in node.nodes)
        if node.type == PARAMETER_NODE:
            name = node.text()
            parameter_type = self._registry.lookup_by_name(name)
            if parameter_type is None:
                raise UndefinedParameterTypeError(
                    name,
                    _message(
                        node.start,
                        self.source,
                        _point_at_located(node.start, node.end),
                        "Undefined parameter type '%s'" % name,
                        "Please register a ParameterType for '%s'" % name,
                    ),
                )
            self._parameter_types.append(parameter_type)
            if len(parameter_type.regexps) == 1:
                return "(%s)" % parameter_type.regexps[0]
            return "((?:%s))" % ")|(?:".join(parameter_type.regexps)
        return "^%s$" % "".join(self._rewrite(n) for n in node.nodes)

    def _rewrite_optional(self, node):
        for n in node.nodes:
            if n.type == PARAMETER_NODE:
                raise _error_at(
                    n,
                    self.source,
                    "An optional may not contain a parameter type",
                    "If you did not mean to use an parameter type you can use '\\{' to escape the '{'",
                )
        for n in node.nodes:
            if n.type == OPTIONAL_NODE:
                raise _error_at(
                    n,
                    self.source,
                    "An optional may not contain an other optional",
                    "If you did not mean to use an optional type you can use '\\(' to escape the '('. "
                    "For more complicated expressions consider using a regular expression instead.",
                )
        if not any(n.type == TEXT_NODE for n in node.nodes):
            raise _error_at(
                node,
                self.source,
                "An optional must contain some text",
                "If you did not mean to use an optional you can use '\\(' to escape the '('",
            )
        return "(?:%s)?" % "".join(self._rewrite(n) for n in node.nodes)

    def match(self, text):
        """The converted arguments when `text` matches, else None."""
        match = self._compiled.search(text)
        if match is None:
            return None
        return [t.transform(_group_values(match, g)) for g, t in zip(self._tree.children, self._parameter_types)]

    def display(self):
        return self.source


class RegularExpression:
    def __init__(self, pattern, registry=None):
        self._compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        self.source = self._compiled.pattern
        self.regexp = self.source
        self._registry = registry or _default_parameter_types
        self._tree = _group_tree(self.source)

    def match(self, text):
        match = self._compiled.search(text)
        if match is None:
            return None
        args = []
        for group in self._tree.children:
            parameter_type = self._registry.lookup_by_regexp(group.source)
            values = _group_values(match, group)
            args.append(parameter_type.transform(values) if parameter_type else (values[0] if values else None))
        return args

    def display(self):
        return "/%s/" % self.source


_default_parameter_types = ParameterTypeRegistry()


def define_parameter_type(name, regexp, transformer=None, use_for_snippets=True, prefer_for_regexp_match=False):
    """Registers {name} for Cucumber Expressions; `transformer` receives the captured group(s)."""
    _default_parameter_types.define(
        ParameterType(name, regexp, transformer, use_for_snippets, prefer_for_regexp_match)
    )


# ---------------------------------------------------------------------------
# What a step sees: data table, doc string, logger, context
# ---------------------------------------------------------------------------

LOG_LEVELS = ("trace", "debug", "info", "warning", "error", "critical")


def _timestamp():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)


def _format(message, args):
    text = str(message)
    if args:
        try:
            text = text % args
        except (TypeError, ValueError):
            text = " ".join([text] + [str(a) for a in args])
    return text


class _LevelMethods:
    """logger.info(...), logger.error(...) etc., each calling self.log(level, ...)."""

    def trace(self, message, *args):
        self.log("trace", message, *args)

    def debug(self, message, *args):
        self.log("debug", message, *args)

    def info(self, message, *args):
        self.log("info", message, *args)

    def warning(self, message, *args):
        self.log("warning", message, *args)

    warn = warning

    def error(self, message, *args):
        self.log("error", message, *args)

    def critical(self, message, *args):
        self.log("critical", message, *args)


class StepLogger(_LevelMethods):
    """Collects log entries {timestamp, level, message} returned with the step's reply."""

    def __init__(self):
        self.entries = []
        self._lock = threading.Lock()

    def log(self, level, message, *args):
        if level not in LOG_LEVELS:
            level = "info"
        text = _format(message, args)
        with self._lock:
            self.entries.append({"timestamp": _timestamp(), "level": level, "message": text})

    def take(self):
        with self._lock:
            entries, self.entries = self.entries, []
        return entries


class _ActiveLog(_LevelMethods):
    """Module-level `log`: writes to the logger of the step (or hook) now running."""

    def __init__(self):
        self.current = None
        self.owner = None  # the worker thread running the current step

    def active(self):
        """The running step's logger, unless called from an abandoned (timed out) step's thread."""
        thread = threading.current_thread()
        if getattr(thread, "troupe_worker", False) and thread is not self.owner:
            return None
        return self.current

    def log(self, level, message, *args):
        logger = self.active()
        if logger is not None:
            logger.log(level, message, *args)
        else:
            sys.stderr.write("[%s] %s\n" % (level, _format(message, args)))


log = _ActiveLog()


class _PrintCapture(io.TextIOBase):
    """Replaces sys.stdout: printed lines become `info` logs of the running step, else go to stderr."""

    def __init__(self, fallback):
        super().__init__()
        self._fallback = fallback
        self._partial = ""
        self._lock = threading.Lock()

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def fileno(self):
        return self._fallback.fileno()

    def isatty(self):
        return False

    def write(self, text):
        text = str(text)
        logger = log.active()
        if logger is None:
            self._fallback.write(text)
            return len(text)
        with self._lock:
            lines = (self._partial + text).split("\n")
            self._partial = lines.pop()
        for line in lines:
            logger.info(line)
        return len(text)

    def flush(self):
        with self._lock:
            rest, self._partial = self._partial, ""
        logger = log.active()
        if rest and logger is not None:
            logger.info(rest)
        elif rest:
            self._fallback.write(rest)
        self._fallback.flush()


class DataTable:
    """A step's data table: `headers` and `rows` (dicts keyed by header)."""

    def __init__(self, headers, rows):
        self.headers = [str(h) for h in headers]
        self.rows = [dict(r) for r in rows]

    @classmethod
    def from_json(cls, value):
        if not isinstance(value, dict):
            return None
        headers = value.get("headers") or []
        rows = [r for r in (value.get("rows") or []) if isinstance(r, dict)]
        return cls(headers, rows)

    def hashes(self):
        return [dict(r) for r in self.rows]

    def raw(self):
        return [list(self.headers)] + [[r.get(h, "") for h in self.headers] for r in self.rows]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __repr__(self):
        return "DataTable(headers=%r, rows=%r)" % (self.headers, self.rows)


class DocString(str):
    """A step's doc string: a str (its content) with a `media_type`."""

    def __new__(cls, content, media_type=None):
        instance = super().__new__(cls, content)
        instance.media_type = media_type
        return instance

    @property
    def content(self):
        return str(self)


class StepContext:
    """Passed as the first argument to every step and hook."""

    def __init__(self, session, params, logger):
        self.role = session.get("role")
        self.platform = session.get("platform")
        self.test_run_id = session.get("testRunId")
        self.scenario = session.get("scenario")
        self.feature = session.get("feature")
        self.feature_id = session.get("featureId")
        self.host_pid = session.get("hostPid")
        self.tags = session.get("tags") or []
        self.process = params.get("process")
        self.step_type = params.get("stepType")
        self.step = params.get("step")
        self.original_step = params.get("originalStep")
        self.parameters = params.get("parameters") or {}
        self.is_broadcast = bool(params.get("isBroadcast"))
        self.timeout_ms = params.get("timeoutMs")
        context = params.get("context")
        self.context = context if isinstance(context, dict) else {}
        self.table = DataTable.from_json(params.get("table"))
        doc = params.get("docString")
        self.doc_string = DocString(str(doc.get("content", "")), doc.get("mediaType")) if isinstance(doc, dict) else None
        self.log = logger


# ---------------------------------------------------------------------------
# Step registry, snippets
# ---------------------------------------------------------------------------


class StepDefinition:
    def __init__(self, step_type, expression, fn, location):
        self.type = step_type
        self.expression = expression
        self.fn = fn
        self.location = location

    def to_json(self):
        kind = "regex" if isinstance(self.expression, RegularExpression) else "cucumber-expression"
        return {"type": self.type, "pattern": self.expression.source, "kind": kind, "location": self.location}


def _location_of(fn):
    try:
        code = fn.__code__
        return "%s:%d" % (code.co_filename, code.co_firstlineno)
    except AttributeError:
        return "<unknown>"


class Registry:
    """Step definitions and hooks; the module-level decorators fill `default_registry`."""

    def __init__(self, parameter_types=None):
        self.parameter_types = parameter_types or _default_parameter_types
        self.steps = []
        self.hooks = {"initialize": [], "before_cleanup": [], "cleanup": []}

    def add_step(self, step_type, pattern, fn):
        if isinstance(pattern, re.Pattern):
            expression = RegularExpression(pattern, self.parameter_types)
        elif isinstance(pattern, str):
            expression = CucumberExpression(pattern, self.parameter_types)
        else:
            raise TypeError("a step pattern must be a str (Cucumber Expression) or re.Pattern, not %r" % (pattern,))
        self.steps.append(StepDefinition(step_type, expression, fn, _location_of(fn)))
        return fn

    def find(self, text):
        """[(definition, args)] for every definition matching `text`."""
        found = []
        for definition in self.steps:
            args = definition.expression.match(text)
            if args is not None:
                found.append((definition, args))
        return found


default_registry = Registry()


def _step_decorator(step_type):
    def decorator_factory(pattern):
        def register(fn):
            return default_registry.add_step(step_type, pattern, fn)

        return register

    decorator_factory.__name__ = step_type
    decorator_factory.__doc__ = "Registers a %s step: a Cucumber Expression string or an re.Pattern." % step_type
    return decorator_factory


given = _step_decorator("given")
when = _step_decorator("when")
then = _step_decorator("then")
step = _step_decorator("any")


def initialize(fn):
    """Hook run on `initialize` with the StepContext (role, platform, test_run_id known)."""
    default_registry.hooks["initialize"].append(fn)
    return fn


def before_cleanup(fn):
    """Hook run first on `cleanup`, before the `cleanup` hooks."""
    default_registry.hooks["before_cleanup"].append(fn)
    return fn


def cleanup(fn):
    """Hook run on `cleanup` (end of a test case): release what the steps acquired."""
    default_registry.hooks["cleanup"].append(fn)
    return fn


_SNIPPET_TOKEN = re.compile(
    r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'|(?<![\w.])-?\d*\.\d+(?![\w.])|(?<![\w.])-?\d+(?![\w.])"""
)


def _escape_expression_text(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace("{", "\\{").replace("/", "\\/")


def generate_expression(text):
    """A Cucumber Expression for `text` plus parameter names, as snippets use."""
    parts = []
    names = []
    counts = {}
    position = 0
    for m in _SNIPPET_TOKEN.finditer(text):
        token = m.group(0)
        kind = "string" if token[0] in "\"'" else ("float" if "." in token else "int")
        parts.append(_escape_expression_text(text[position : m.start()]))
        parts.append("{%s}" % kind)
        counts[kind] = counts.get(kind, 0) + 1
        names.append(kind if counts[kind] == 1 else "%s%d" % (kind, counts[kind]))
        position = m.end()
    parts.append(_escape_expression_text(text[position:]))
    return "".join(parts), names


def snippet_for(text, step_type):
    expression, names = generate_expression(text)
    decorator = step_type if step_type in ("given", "when", "then") else "step"
    return '@%s(%s)\ndef step_impl(%s):\n    raise NotImplementedError("TODO: implement this step")\n' % (
        decorator,
        json.dumps(expression, ensure_ascii=False),
        ", ".join(["ctx"] + names),
    )


# ---------------------------------------------------------------------------
# Framing: content-length (LSP style) and ndjson
# ---------------------------------------------------------------------------

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024
FRAMINGS = ("content-length", "ndjson")


class FramingError(Exception):
    """Input that is not a frame; `fatal` when the stream cannot be resynchronised."""

    def __init__(self, message, fatal):
        super().__init__(message)
        self.fatal = fatal


class FrameReader:
    def __init__(self, stream, framing):
        self._stream = stream
        self._framing = framing

    def read(self):
        """One message body (bytes), or None at end of input."""
        if self._framing == "ndjson":
            return self._read_line()
        return self._read_content_length()

    def _read_line(self):
        while True:
            line = self._stream.readline(MAX_MESSAGE_BYTES + 1)
            if not line:
                return None
            if len(line) > MAX_MESSAGE_BYTES and not line.endswith(b"\n"):
                raise FramingError("ndjson line longer than %d bytes" % MAX_MESSAGE_BYTES, True)
            if line.strip():
                return line

    def _read_content_length(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self._stream.read(1)
            if not byte:
                if header.strip():
                    raise FramingError("end of input inside a message header", True)
                return None
            header += byte
            if header in (b"\r\n", b"\n"):
                header = b""  # tolerate blank lines between messages
            if len(header) > MAX_HEADER_BYTES:
                raise FramingError("message header longer than %d bytes" % MAX_HEADER_BYTES, True)
        length = None
        for line in header.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                value = value.strip()
                if not value.isdigit():
                    raise FramingError("invalid Content-Length '%s'" % value, True)
                length = int(value)
        if length is None:
            raise FramingError("message header without Content-Length: '%s'" % header.decode("latin-1")[:-4], True)
        if length > MAX_MESSAGE_BYTES:
            raise FramingError("Content-Length %d exceeds the limit of %d bytes" % (length, MAX_MESSAGE_BYTES), True)
        body = b""
        while len(body) < length:
            chunk = self._stream.read(length - len(body))
            if not chunk:
                raise FramingError("end of input after %d of %d body bytes" % (len(body), length), True)
            body += chunk
        return body


def _json_fallback(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if isinstance(value, DataTable):
        return {"headers": value.headers, "rows": value.rows}
    return repr(value)


class FrameWriter:
    def __init__(self, fd, framing):
        self._fd = fd
        self._framing = framing
        self._lock = threading.Lock()

    def write(self, message):
        body = json.dumps(message, ensure_ascii=False, separators=(",", ":"), default=_json_fallback).encode("utf-8")
        if self._framing == "ndjson":
            data = body + b"\n"
        else:
            data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self._lock:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]


# ---------------------------------------------------------------------------
# The servo: JSON-RPC dispatch, step execution with timeouts
# ---------------------------------------------------------------------------

DEFAULT_TIMEOUT_MS = 30000
STEP_TYPES = {0: "given", 1: "when", 2: "then"}


def _camel_case_params(params):
    """Accepts `{...}` or Harmony's `[{...}]`, with camelCase or PascalCase keys."""
    if isinstance(params, list) and len(params) == 1:
        params = params[0]
    if not isinstance(params, dict):
        return {}
    return {(k[:1].lower() + k[1:] if isinstance(k, str) else k): v for k, v in params.items()}


def _step_type_of(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return STEP_TYPES.get(value, "any")
    if isinstance(value, str) and value.lower() in ("given", "when", "then"):
        return value.lower()
    return "any"


def _failure(error, error_type, logs, **extra):
    result = {"success": False, "error": error, "errorType": error_type, "logs": logs}
    result.update(extra)
    return result


def _user_traceback(exc):
    """The traceback without this module's frames: the user's code is what matters."""
    tb = exc.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) == os.path.abspath(__file__):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb)).rstrip()


def _exception_failure(exc, logger):
    message = str(exc) or type(exc).__name__
    # At debug level: the runner quotes error-level logs in the failure, the message is already there.
    logger.debug(_user_traceback(exc))
    return _failure(message, type(exc).__name__, logger.take())


class _Worker:
    """A thread that runs user code, so the main thread can answer at a deadline."""

    def __init__(self, events):
        self._jobs = queue.Queue()
        self._events = events
        thread = threading.Thread(target=self._loop, name="troupe-step", daemon=True)
        thread.troupe_worker = True
        thread.start()

    def submit(self, token, job):
        self._jobs.put((token, job))

    def _loop(self):
        while True:
            token, job = self._jobs.get()
            try:
                outcome = job()
            except BaseException as exc:  # a step must never kill the servo
                outcome = {"success": False, "error": str(exc) or type(exc).__name__, "errorType": type(exc).__name__}
            self._events.put(("done", token, outcome))


def _call_user(fn, ctx, args):
    result = fn(ctx, *args)
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    return result


def _json_copy(value):
    return json.loads(json.dumps(value, default=_json_fallback))


class Servo:
    def __init__(self, registry, reader, writer):
        self._registry = registry
        self._reader = reader
        self._writer = writer
        self._events = queue.Queue()
        self._worker = _Worker(self._events)
        self._pending = []
        self._token = 0
        self._session = {
            "role": os.environ.get("TROUPE_ROLE"),
            "platform": os.environ.get("TROUPE_PLATFORM"),
            "testRunId": os.environ.get("TROUPE_RUN_ID"),
        }
        self._needs_cleanup = False

    # -- input ------------------------------------------------------------

    def _read_loop(self):
        while True:
            try:
                body = self._reader.read()
            except FramingError as exc:
                self._events.put(("bad", str(exc), exc.fatal))
                if exc.fatal:
                    self._events.put(("eof",))
                    return
                continue
            except (OSError, ValueError) as exc:
                self._events.put(("bad", "cannot read stdin: %s" % exc, True))
                self._events.put(("eof",))
                return
            if body is None:
                self._events.put(("eof",))
                return
            self._events.put(("message", body))

    def serve(self):
        threading.Thread(target=self._read_loop, name="troupe-stdin", daemon=True).start()
        while True:
            event = self._pending.pop(0) if self._pending else self._events.get()
            kind = event[0]
            if kind == "eof":
                self._on_eof()
                return 0
            if kind == "bad":
                sys.stderr.write("troupe_servo: protocol error: %s\n" % event[1])
                self._reply_error(None, -32700, "Parse error: %s" % event[1])
            elif kind == "message":
                self._on_message(event[1])
            # a late "done" of an abandoned step is dropped

    def _on_eof(self):
        # The runner is gone (or finished): release resources once, bounded in time.
        if self._needs_cleanup:
            self._run_hooks(("before_cleanup", "cleanup"), {}, 5000, wait_for_eof=False)
        sys.stderr.flush()

    # -- output -----------------------------------------------------------

    def _reply(self, request_id, result):
        self._writer.write({"jsonrpc": "2.0", "id": request_id, "result": result})

    def _reply_error(self, request_id, code, message):
        self._writer.write({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}})

    # -- dispatch ---------------------------------------------------------

    def _on_message(self, body):
        try:
            message = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            sys.stderr.write("troupe_servo: invalid JSON: %s\n" % exc)
            self._reply_error(None, -32700, "Parse error: %s" % exc)
            return
        if not isinstance(message, dict):
            self._reply_error(None, -32600, "Invalid Request: expected a JSON object")
            return
        if "method" not in message:
            if "result" in message or "error" in message:
                sys.stderr.write("troupe_servo: ignoring a response sent to the servo\n")
                return
            self._reply_error(message.get("id"), -32600, "Invalid Request: no method")
            return
        method = message.get("method")
        request_id = message.get("id")
        is_notification = "id" not in message
        if not isinstance(method, str):
            self._reply_error(request_id, -32600, "Invalid Request: method must be a string")
            return
        handler = {
            "health": self._health,
            "initialize": self._initialize,
            "discover": self._discover,
            "executeStep": self._execute_step,
            "cleanup": self._cleanup,
            "shutdown": self._shutdown,
        }.get(method)
        if handler is None:
            if not is_notification:
                self._reply_error(request_id, -32601, "Method not found: %s" % method)
            return
        try:
            result = handler(_camel_case_params(message.get("params")))
        except _InvalidParams as exc:
            if not is_notification:
                self._reply_error(request_id, -32602, "Invalid params: %s" % exc)
            return
        except Exception as exc:  # a bug here must cost one request, not the servo
            sys.stderr.write("troupe_servo: %s failed:\n%s" % (method, traceback.format_exc()))
            if not is_notification:
                self._reply_error(request_id, -32603, "Internal error: %s: %s" % (type(exc).__name__, exc))
            return
        if is_notification:
            return
        try:
            self._reply(request_id, result)
        except (TypeError, ValueError) as exc:
            self._reply_error(request_id, -32603, "Internal error: the result is not JSON: %s" % exc)

    def _health(self, params):
        return {"healthy": True}

    def _initialize(self, params):
        self._session = dict(self._session)
        for key in ("role", "platform", "scenario", "feature", "testRunId", "hostPid", "featureId", "tags"):
            if key in params:
                self._session[key] = params[key]
        self._needs_cleanup = True
        return self._run_hooks(("initialize",), params, params.get("timeoutMs"))

    def _discover(self, params):
        return {"steps": [d.to_json() for d in self._registry.steps]}

    def _cleanup(self, params):
        self._needs_cleanup = False
        return self._run_hooks(("before_cleanup", "cleanup"), params, params.get("timeoutMs"))

    def _shutdown(self, params):
        return {"success": True}

    def _execute_step(self, params):
        text = params.get("step")
        if not isinstance(text, str):
            raise _InvalidParams("executeStep needs 'step' (the step text) as a string")
        step_type = _step_type_of(params.get("stepType"))
        params = dict(params, stepType=step_type)
        logger = StepLogger()
        matches = self._registry.find(text)
        original = params.get("originalStep")
        if not matches and isinstance(original, str) and original != text:
            matches = self._registry.find(original)
        if not matches:
            snippet = snippet_for(text, step_type)
            return _failure(
                "undefined step: %s\nYou can implement it with:\n%s" % (text, snippet),
                "UndefinedStepError",
                logger.take(),
                snippet=snippet,
            )
        if len(matches) > 1:
            lines = ["  %s (%s)" % (d.expression.display(), d.location) for d, _ in matches]
            return _failure(
                "ambiguous step: %s matches %d step definitions:\n%s" % (text, len(matches), "\n".join(lines)),
                "AmbiguousStepError",
                logger.take(),
            )
        definition, args = matches[0]
        ctx = StepContext(self._session, params, logger)

        def job():
            log.current = logger
            log.owner = threading.current_thread()
            try:
                before = _json_copy(ctx.context)
                data = _call_user(definition.fn, ctx, args)
            except BaseException as exc:
                return _exception_failure(exc, logger)
            finally:
                sys.stdout.flush()
                if log.current is logger:
                    log.current = None
            result = {"success": True}
            if data is not None:
                result["data"] = data
            try:
                after = _json_copy(ctx.context)
            except (TypeError, ValueError) as exc:
                return _exception_failure(exc, logger)
            changed = {k: v for k, v in after.items() if k not in before or before[k] != v}
            if changed:
                result["context"] = changed
            result["logs"] = logger.take()
            return result

        timeout_ms = params.get("timeoutMs")
        return self._run_job(job, timeout_ms, logger, lambda ms: "step timed out after %d ms: %s" % (ms, text))

    def _run_hooks(self, names, params, timeout_ms, wait_for_eof=True):
        logger = StepLogger()
        ctx = StepContext(self._session, params, logger)
        hooks = [h for name in names for h in self._registry.hooks[name]]

        def job():
            log.current = logger
            log.owner = threading.current_thread()
            try:
                for hook in hooks:
                    _call_user(hook, ctx, ())
            except BaseException as exc:
                return _exception_failure(exc, logger)
            finally:
                sys.stdout.flush()
                if log.current is logger:
                    log.current = None
            return {"success": True, "logs": logger.take()}

        if not hooks:
            return {"success": True}
        return self._run_job(job, timeout_ms, logger, lambda ms: "hook timed out after %d ms" % ms, wait_for_eof)

    def _run_job(self, job, timeout_ms, logger, timeout_message, wait_for_eof=True):
        """Runs `job` on the worker; answers a timeout failure at the deadline."""
        if not isinstance(timeout_ms, (int, float)) or isinstance(timeout_ms, bool) or timeout_ms <= 0:
            timeout_ms = DEFAULT_TIMEOUT_MS
        self._token += 1
        token = self._token
        deadline = time.monotonic() + timeout_ms / 1000.0
        self._worker.submit(token, job)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                # The stuck thread cannot be stopped; later work gets a fresh one.
                self._worker = _Worker(self._events)
                if log.current is logger:
                    log.current = None
                return _failure(timeout_message(int(timeout_ms)), "TimeoutError", logger.take())
            try:
                event = self._events.get(timeout=remaining)
            except queue.Empty:
                continue
            if event[0] == "done" and event[1] == token:
                return event[2]
            if event[0] == "eof" and wait_for_eof and not self._pending:
                sys.stderr.flush()
                os._exit(0)  # the runner is gone while user code runs, nothing queued: nobody wants the answer
            if event[0] in ("message", "bad", "eof"):
                self._pending.append(event)


class _InvalidParams(Exception):
    pass


def _framing_from(argv, framing):
    if framing is None:
        for i, arg in enumerate(argv):
            if arg == "--framing" and i + 1 < len(argv):
                framing = argv[i + 1]
            elif arg.startswith("--framing="):
                framing = arg.split("=", 1)[1]
    if framing is None:
        framing = os.environ.get("TROUPE_FRAMING") or "content-length"
    return framing


def run(argv=None, framing=None, registry=None):
    """Serves the registered steps over stdin/stdout until stdin closes; exits the process."""
    argv = sys.argv[1:] if argv is None else argv
    framing = _framing_from(argv, framing)
    if framing not in FRAMINGS:
        sys.stderr.write("troupe_servo: unknown framing %r (expected content-length or ndjson)\n" % framing)
        sys.exit(2)
    # Keep the real stdout for the protocol only; fd 1 and sys.stdout now lead to stderr or the logs.
    sys.stdout.flush()
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = _PrintCapture(sys.stderr)
    reader = FrameReader(sys.stdin.buffer, framing)
    writer = FrameWriter(protocol_fd, framing)
    servo = Servo(registry or default_registry, reader, writer)
    code = servo.serve()
    sys.stderr.flush()
    os._exit(code)  # user threads must not keep a servo alive after stdin closed
