"""The condition language of checklist definitions (`show_when` and check `rule`).

Conditions are parsed with a small LALR grammar, never `eval`, and checked against the items
they name, so a typo fails when the definition loads rather than in court. One meaning, three
evaluators: `Condition.evaluate` for one set of answers, `evaluate_on_frame` (in
`condition_frames`) for statistics, and `monitor/static/js/conditions.js` in the browser, which
receives `Condition.to_json()`.

The JSON form is nested lists whose first element says what the node is:

    ["or", a, b, ...]   ["and", a, b, ...]   ["not", a]
    ["answered", ["item", key]]                 `x is not answered` is ["not", ["answered", ...]]
    [op, left, right]                           op is one of = != < <= > >=
    ["in", ["item", key], ["value", [v, ...]]]
    ["has", ["item", key], ["value", answer_key]]

where each side is ["item", key] or ["value", number-or-string]. `a and b and c` is one "and"
node with three operands.

Meaning: unanswered is None, NaN, "" or an empty list, and any comparison (=, !=, <, <=, >, >=,
in, has) with an unanswered side is false, so `not (x = no)` is true when `x` is unanswered.
Dates compare as dates (answers and literals written '2025-03-31'; any other writing is not a
date and compares like an unanswered item); times compare as 'HH:MM' strings.
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Mapping

if TYPE_CHECKING:  # lark itself is imported when a condition is parsed: a start with compiled
    from lark import Token, Tree  # definitions (monitor.checklists.compiled) parses none
    from lark.exceptions import UnexpectedInput

from monitor.checklists import vocabulary
from monitor.checklists.dates import iso_date

ITEM_TYPES = frozenset(vocabulary.ITEM_TYPES)
YESNO_ANSWERS = frozenset(vocabulary.YESNO_ANSWERS)
#: Types whose answers have an order, so that <, <=, > and >= mean something.
ORDERED_TYPES = frozenset({"integer", "date", "time"})
#: Types whose answers are keys from a fixed list, so a literal must be one of them.
KEYED_TYPES = frozenset({"yesno", "choice", "multichoice"})

COMPARATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

_ISO_TIME = re.compile(r"\d{2}:\d{2}")

_GRAMMAR = r"""
?start: disjunction
?disjunction: conjunction (_OR conjunction)*
?conjunction: negation (_AND negation)*
?negation: _NOT negation -> negated
         | atom
?atom: comparison | membership | contains | answered | unanswered
     | _LPAR disjunction _RPAR
comparison: operand COMPARATOR operand
membership: operand _IN _LSQB operand (_COMMA operand)* _RSQB
contains: operand _HAS operand
answered: operand _IS _ANSWERED
unanswered: operand _IS _NOT _ANSWERED
?operand: NUMBER | STRING | WORD

COMPARATOR: "<=" | ">=" | "!=" | "=" | "<" | ">"
NUMBER: /-?\d+(\.\d+)?(?![A-Za-z0-9_])/
STRING: /'[^']*'|"[^"]*"/
WORD: /(?!\d+(\.\d+)?\b)[A-Za-z0-9_]+/
_OR: "or"
_AND: "and"
_NOT: "not"
_IN: "in"
_HAS: "has"
_IS: "is"
_ANSWERED: "answered"
_LPAR: "("
_RPAR: ")"
_LSQB: "["
_RSQB: "]"
_COMMA: ","
%ignore /\s+/
"""


@functools.cache
def _parser():
    from lark import Lark

    return Lark(_GRAMMAR, parser="lalr", lexer="basic")  # basic: keywords are never words


#: How a syntax error names what the parser expected, in the order the words are listed.
_EXPECTED_WORDS = {
    "WORD": "an item or value",
    "NUMBER": "an item or value",
    "STRING": "an item or value",
    "COMPARATOR": "a comparison (=, !=, <, <=, >, >=)",
    "_IN": "'in'",
    "_HAS": "'has'",
    "_IS": "'is'",
    "_NOT": "'not'",
    "_ANSWERED": "'answered'",
    "_AND": "'and'",
    "_OR": "'or'",
    "_LPAR": "'('",
    "_RPAR": "')'",
    "_LSQB": "'['",
    "_RSQB": "']'",
    "_COMMA": "','",
    "$END": "the end of the condition",
}


class ConditionError(ValueError):
    """A condition that cannot be parsed or does not fit the items it names; says where."""


@dataclass(frozen=True)
class ItemRef:
    """What the parser needs to know about an item to check a condition that names it."""

    type: str
    answer_keys: frozenset[str] = frozenset()

    def __post_init__(self):
        if self.type not in ITEM_TYPES:
            raise ValueError(f"unknown item type {self.type!r}")
        object.__setattr__(self, "answer_keys", frozenset(self.answer_keys))

    @property
    def answers(self) -> frozenset[str]:
        """The answers a literal may name; yes/no answers are fixed, so they need not be passed."""
        if self.type == "yesno" and not self.answer_keys:
            return YESNO_ANSWERS
        return self.answer_keys


@dataclass(frozen=True)
class Condition:
    """A parsed, checked condition; build it with `parse_condition`."""

    source: str
    names: frozenset[str]
    ast: tuple = field(repr=False)
    #: Item key -> type, for the frame evaluator to read each column the right way.
    item_types: Mapping[str, str] = field(repr=False, compare=False, default_factory=dict)

    def evaluate(self, value_of: Callable[[str], object]) -> bool:
        """Whether the answers satisfy the condition; `value_of(key)` is None when unanswered."""
        return self._test(value_of)

    @functools.cached_property
    def _test(self) -> Callable[[Callable[[str], object]], bool]:
        return _compile(self.ast, self.item_types)

    def to_json(self) -> list:
        """The AST as nested lists (shape in the module docstring) for the browser evaluator."""
        return _as_lists(self.ast)


def parse_condition(text: str, items: Mapping[str, ItemRef]) -> Condition:
    """Parse `text` and check it against the items it may name (key -> ItemRef)."""
    if text is None or not text.strip():
        raise ConditionError("empty condition")
    from lark.exceptions import UnexpectedInput

    try:
        tree = _parser().parse(text)
    except UnexpectedInput as error:
        raise ConditionError(_describe_syntax_error(error, text)) from None
    resolver = _Resolver(items)
    ast = resolver.node(tree)
    return Condition(
        source=text,
        names=frozenset(resolver.names),
        ast=ast,
        item_types={key: items[key].type for key in resolver.names},
    )


def normalise_answer(value: object) -> object:
    """The answer as the evaluators compare it: None when unanswered, dates as ISO strings."""
    if value is None or value == "":
        return None
    if isinstance(value, (float, datetime.date)) and value != value:  # NaN, and pandas' NaT
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value) or None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return value


def multichoice_keys(value: object) -> list:
    """The keys of a multichoice answer, which may be a list or a pipe-delimited string."""
    return value.split("|") if isinstance(value, str) else list(value)


# --- parsing ------------------------------------------------------------------------------------


def _column(token: Token) -> int:
    """1-based position in the whole text, so multi-line YAML conditions still point right."""
    return token.start_pos + 1


def _describe_syntax_error(error: UnexpectedInput, text: str) -> str:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(error, UnexpectedCharacters):
        return f"unexpected character {text[error.pos_in_stream]!r} at column {error.pos_in_stream + 1}"
    if isinstance(error, UnexpectedToken):
        acceptable = error.accepts or error.expected  # accepts: tried, not just LALR lookahead
        words = [word for name, word in _EXPECTED_WORDS.items() if name in acceptable]
        expected = ", ".join(dict.fromkeys(words)) or "something else"
        expected = " or ".join(expected.rsplit(", ", 1))
        if error.token.type == "$END":
            return f"expected {expected} at column {len(text.rstrip()) + 1}, found the end of the condition"
        return f"expected {expected} at column {_column(error.token)}, found '{error.token}'"
    return f"cannot read the condition: {error}"


class _Resolver:
    """Turns the parse tree into the AST: resolves bare words and checks types against items."""

    def __init__(self, items: Mapping[str, ItemRef]):
        self.items = items
        self.names: set[str] = set()

    def node(self, tree: Tree) -> tuple:
        kind = tree.data
        children = tree.children
        if kind == "disjunction":
            return ("or", *(self.node(child) for child in children))
        if kind == "conjunction":
            return ("and", *(self.node(child) for child in children))
        if kind == "negated":
            return ("not", self.node(children[0]))
        if kind == "answered":
            return ("answered", self.item(children[0]))
        if kind == "unanswered":
            return ("not", ("answered", self.item(children[0])))
        if kind == "comparison":
            return self.comparison(*children)
        if kind == "membership":
            return self.membership(children[0], children[1:])
        if kind == "contains":
            return self.contains(*children)
        raise AssertionError(f"grammar rule {kind!r} has no meaning")

    def item(self, token: Token) -> tuple:
        """An operand that must name an item (left of in, has, is answered)."""
        if token.type != "WORD":
            raise ConditionError(f"expected an item at column {_column(token)}, found {token}")
        if token not in self.items:
            raise ConditionError(f"unknown item '{token}' at column {_column(token)}")
        self.names.add(str(token))
        return ("item", str(token))

    def operand(self, token: Token, other: Token) -> tuple:
        """An item, or a literal; a bare word that is no item must be an answer of `other`."""
        if token.type == "NUMBER":
            return ("value", float(token) if "." in token else int(token))
        if token.type == "STRING":
            if len(token) == 2:
                raise ConditionError(f"empty text at column {_column(token)}: use 'is not answered'")
            return ("value", token[1:-1])
        if token in self.items:
            return self.item(token)
        if other.type == "WORD" and other in self.items and token in self.items[other].answers:
            return ("value", str(token))
        raise ConditionError(f"unknown item or answer '{token}' at column {_column(token)}")

    def comparison(self, left_token: Token, op: Token, right_token: Token) -> tuple:
        left = self.operand(left_token, right_token)
        right = self.operand(right_token, left_token)
        if left[0] != "item" and right[0] != "item":
            raise ConditionError(f"'{op}' at column {_column(op)} compares two values: name an item")
        for side in (left, right):
            if side[0] == "item":
                self.check_operator(str(op), side[1], op)
        if left[0] == "item" and right[0] == "item":
            self.check_same_type(left[1], right[1], op)
        elif left[0] == "item":
            self.check_value(left[1], right[1], right_token)
        else:
            self.check_value(right[1], left[1], left_token)
        return (str(op), left, right)

    def membership(self, item_token: Token, value_tokens: list[Token]) -> tuple:
        item = self.item(item_token)
        self.check_operator("in", item[1], item_token)
        values = []
        for token in value_tokens:
            value = self.operand(token, item_token)
            if value[0] == "item":
                raise ConditionError(
                    f"expected an answer of '{item_token}' at column {_column(token)}, found item '{token}'"
                )
            self.check_value(item[1], value[1], token)
            values.append(value[1])
        return ("in", item, ("value", tuple(values)))

    def contains(self, item_token: Token, value_token: Token) -> tuple:
        item = self.item(item_token)
        item_type = self.items[item[1]].type
        if item_type != "multichoice":
            raise ConditionError(
                f"'has' needs a multichoice item, but '{item_token}' at column {_column(item_token)} is {item_type}"
            )
        value = self.operand(value_token, item_token)
        if value[0] == "item":
            raise ConditionError(
                f"expected an answer of '{item_token}' at column {_column(value_token)}, found item '{value_token}'"
            )
        self.check_value(item[1], value[1], value_token)
        return ("has", item, value)

    def check_same_type(self, left: str, right: str, op_token: Token) -> None:
        left_type, right_type = self.items[left].type, self.items[right].type
        if left_type != right_type:
            raise ConditionError(
                f"cannot compare {left_type} item '{left}' with {right_type} item '{right}' at column {_column(op_token)}"
            )

    def check_operator(self, op: str, key: str, token: Token) -> None:
        """Refuse an operator that means nothing for the item's type."""
        item_type = self.items[key].type
        if item_type == "multichoice" and op != "has":
            raise ConditionError(f"use 'has' to test multichoice item '{key}' at column {_column(token)}")
        if op in ("<", "<=", ">", ">=") and item_type not in ORDERED_TYPES:
            raise ConditionError(
                f"'{op}' at column {_column(token)} needs a number, date or time item, but '{key}' is {item_type}"
            )

    def check_value(self, key: str, value: object, token: Token) -> None:
        """Refuse a literal that no answer of the item could ever equal."""
        item = self.items[key]
        where = f"at column {_column(token)}"
        if item.type == "integer":
            if not isinstance(value, (int, float)):
                raise ConditionError(f"integer item '{key}' must be compared with a number, not '{value}' {where}")
            return
        if not isinstance(value, str):
            raise ConditionError(f"{item.type} item '{key}' cannot be compared with the number {value} {where}")
        if item.type in KEYED_TYPES and value not in item.answers:
            raise ConditionError(f"'{value}' is not an answer of '{key}' {where}")
        if item.type == "date" and iso_date(value) is None:
            raise ConditionError(f"date item '{key}' must be compared with a date like '2025-03-31', not '{value}' {where}")
        if item.type == "time" and not _ISO_TIME.fullmatch(value):
            raise ConditionError(f"time item '{key}' must be compared with a time like '14:30', not '{value}' {where}")


def _as_lists(node: object) -> object:
    return [_as_lists(part) for part in node] if isinstance(node, tuple) else node


# --- evaluating one set of answers --------------------------------------------------------------


def _compile(node: tuple, item_types: Mapping[str, str]) -> Callable[[Callable[[str], object]], bool]:
    """The node as a Python function of `value_of`: built once per condition, since a checklist
    evaluates its conditions a few hundred times each time it is saved."""
    op = node[0]
    if op in ("and", "or"):
        parts = tuple(_compile(part, item_types) for part in node[1:])
        combine = all if op == "and" else any
        return lambda value_of: combine(part(value_of) for part in parts)
    if op == "not":
        inner = _compile(node[1], item_types)
        return lambda value_of: not inner(value_of)
    if op == "answered":
        key = node[1][1]
        return lambda value_of: normalise_answer(value_of(key)) is not None
    as_dates = op in COMPARATORS and any(side[0] == "item" and item_types.get(side[1]) == "date" for side in node[1:])
    left, right = (_compile_side(side, as_dates) for side in node[1:])
    if op == "in":
        compare = lambda answer, values: answer in values  # noqa: E731
    elif op == "has":
        compare = lambda answer, key: key in multichoice_keys(answer)  # noqa: E731
    else:
        compare = COMPARATORS[op]

    def test(value_of) -> bool:
        left_value, right_value = left(value_of), right(value_of)
        if left_value is None or right_value is None:
            return False
        try:
            return compare(left_value, right_value)
        except TypeError:  # a malformed answer (text where a number belongs) satisfies nothing
            return False

    return test


def _compile_side(side: tuple, as_dates: bool) -> Callable[[Callable[[str], object]], object]:
    """One side of a comparison; next to a date item both sides are read as dates (None if not one)."""
    if side[0] == "item":
        key = side[1]
        if as_dates:
            return lambda value_of: iso_date(normalise_answer(value_of(key)))
        return lambda value_of: normalise_answer(value_of(key))
    value = iso_date(side[1]) if as_dates else side[1]
    return lambda value_of: value
