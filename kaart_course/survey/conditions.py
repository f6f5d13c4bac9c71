"""Relevance conditions of the questionnaire: parsed, checked against earlier questions by the loader,
translated to XLSForm (``${}`` references), evaluated by the importer, described for the browser form.

The syntax is XLSForm's without ``${}``: ``type-collectivite = 'commune'``, ``selected(besoins, 'aucun')``,
``not(…)``, ``and``, ``or``, parentheses, and ``= != < <= > >=`` against a quoted choice or a number.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Compare:
    question: str
    op: str
    value: str | float


@dataclass(frozen=True)
class Selected:
    question: str
    choice: str


@dataclass(frozen=True)
class Not:
    operand: Condition


@dataclass(frozen=True)
class Both:
    operands: tuple[Condition, ...]


@dataclass(frozen=True)
class Either:
    operands: tuple[Condition, ...]


Condition = Compare | Selected | Not | Both | Either

_TOKEN_RE = re.compile(r"\s*(?:(?P<str>'[^']*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op><=|>=|!=|=|<|>)"
                       r"|(?P<punct>[(),])|(?P<name>[a-z0-9][a-z0-9-]*))")


class ConditionSyntaxError(ValueError):
    pass


def _tokens(text: str) -> list[tuple[str, str]]:
    result, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if not match or match.end() == position:
            raise ConditionSyntaxError(f"caractère inattendu {text[position:].strip()[:1]!r}")
        kind = match.lastgroup
        result.append((kind, match.group(kind)))
        position = match.end()
    return result


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, kind: str, value: str | None = None) -> str:
        token = self.peek()
        if token is None or token[0] != kind or (value is not None and token[1] != value):
            found = f"{token[1]!r}" if token else "la fin"
            raise ConditionSyntaxError(f"attendu {value or kind!r}, trouvé {found}")
        self.index += 1
        return token[1]

    def parse(self) -> Condition:
        condition = self.either()
        if self.peek() is not None:
            raise ConditionSyntaxError(f"texte en trop à partir de {self.peek()[1]!r}")
        return condition

    def either(self) -> Condition:
        operands = [self.both()]
        while self.peek() == ("name", "or"):
            self.index += 1
            operands.append(self.both())
        return operands[0] if len(operands) == 1 else Either(tuple(operands))

    def both(self) -> Condition:
        operands = [self.atom()]
        while self.peek() == ("name", "and"):
            self.index += 1
            operands.append(self.atom())
        return operands[0] if len(operands) == 1 else Both(tuple(operands))

    def atom(self) -> Condition:
        token = self.peek()
        if token == ("punct", "("):
            self.index += 1
            inner = self.either()
            self.take("punct", ")")
            return inner
        name = self.take("name")
        if name in ("not", "selected") and self.peek() == ("punct", "("):
            self.index += 1
            if name == "not":
                inner = self.either()
                self.take("punct", ")")
                return Not(inner)
            question = self.take("name")
            self.take("punct", ",")
            choice = self.take("str")[1:-1]
            self.take("punct", ")")
            return Selected(question, choice)
        op = self.take("op")
        token = self.peek()
        if token and token[0] == "num":
            self.index += 1
            return Compare(name, op, float(token[1]))
        return Compare(name, op, self.take("str")[1:-1])


def parse_condition(text: str) -> Condition:
    """The condition written in ``text``; ConditionSyntaxError (in French) when it cannot be read."""
    return _Parser(text).parse()


def condition_questions(condition: Condition) -> list[Condition]:
    """The comparisons and selections of a condition, in reading order."""
    if isinstance(condition, (Compare, Selected)):
        return [condition]
    if isinstance(condition, Not):
        return condition_questions(condition.operand)
    return [leaf for operand in condition.operands for leaf in condition_questions(operand)]


def to_xlsform(condition: Condition) -> str:
    """The condition in XLSForm syntax (``${question}`` references)."""
    if isinstance(condition, Compare):
        value = (f"{condition.value:g}" if isinstance(condition.value, float) else f"'{condition.value}'")
        return f"${{{condition.question}}} {condition.op} {value}"
    if isinstance(condition, Selected):
        return f"selected(${{{condition.question}}}, '{condition.choice}')"
    if isinstance(condition, Not):
        return f"not({to_xlsform(condition.operand)})"
    joined = (" and " if isinstance(condition, Both) else " or ").join(
        f"({to_xlsform(o)})" if isinstance(o, (Both, Either)) else to_xlsform(o) for o in condition.operands)
    return joined


_COMPARE = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
            ">=": operator.ge}


def evaluate(condition: Condition, answers: dict) -> bool:
    """Whether ``condition`` holds for ``answers`` (question id -> str, float or frozenset; absent = None),
    with XLSForm's meaning: a comparison with an unanswered question is false."""
    if isinstance(condition, Compare):
        value = answers.get(condition.question)
        if value is None or isinstance(value, frozenset):
            return False
        if isinstance(condition.value, float):
            if not isinstance(value, (int, float)):
                return False
            left, right = float(value), condition.value
        else:
            left, right = str(value), condition.value
        return _COMPARE[condition.op](left, right)
    if isinstance(condition, Selected):
        value = answers.get(condition.question)
        if isinstance(value, frozenset):
            return condition.choice in value
        return value == condition.choice
    if isinstance(condition, Not):
        return not evaluate(condition.operand, answers)
    if isinstance(condition, Both):
        return all(evaluate(o, answers) for o in condition.operands)
    return any(evaluate(o, answers) for o in condition.operands)


def condition_to_dict(condition: Condition) -> dict:
    """A plain description of the condition, for the browser form."""
    if isinstance(condition, Compare):
        return {"op": condition.op, "question": condition.question, "value": condition.value}
    if isinstance(condition, Selected):
        return {"op": "selected", "question": condition.question, "value": condition.choice}
    if isinstance(condition, Not):
        return {"op": "not", "operand": condition_to_dict(condition.operand)}
    return {"op": "and" if isinstance(condition, Both) else "or",
            "operands": [condition_to_dict(o) for o in condition.operands]}
