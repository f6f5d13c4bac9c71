"""The validation toolkit every data loader of the course uses: one YAML reader that remembers line numbers,
one ``Problem`` (``file:line: item: field: message``), and one ``Collector`` that records every problem of a
file instead of stopping at the first, and counts the rows it had to set aside.

A loader reads its file with :func:`read_yaml`, walks it with a ``Collector`` (``text``, ``number``,
``identifier``, ``choice``…), keeps the rows that passed, and returns them with ``collector.problems``. Nothing
is dropped silently: a row that cannot be used leaves at least one problem, and ``collector.set_aside``
counts it per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kaart_course._markdown import parse_inline

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
URL_RE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Problem:
    """``file:line: item: field: message`` — where the reader must look, and what is wrong. ``item`` names the
    entry (a question id, a term, a row); it is left out of the message when the file has no entries."""

    path: Path
    line: int
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: "
        return where + (f"{self.item}: " if self.item else "") + f"{self.field}: {self.message}"


class DataError(ValueError):
    """Data that cannot be used as written; ``problems`` lists every reason, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def raise_for(problems: list[Problem], error: type[DataError] = DataError) -> None:
    if problems:
        raise error(problems)


# ---------------------------------------------------------------------------------------------------
# YAML with line numbers


class LineDict(dict):
    """A mapping from YAML with the line of the mapping (``line``) and of each key (``key_lines``)."""

    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    """A sequence from YAML with the line of the sequence (``line``) and of each item (``item_lines``)."""

    line: int = 1
    item_lines: list


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"clé {key!r} en double", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def _shift(value, offset: int):
    """Move every line number of a parsed value by ``offset`` (front matter starts below the page's top)."""
    if isinstance(value, (LineDict, LineList)):
        value.line += offset
        if isinstance(value, LineDict):
            value.key_lines = {key: line + offset for key, line in value.key_lines.items()}
        else:
            value.item_lines = [line + offset for line in value.item_lines]
        for child in value.values() if isinstance(value, dict) else value:
            _shift(child, offset)
    return value


def parse_yaml(text: str, path: Path, first_line: int = 1) -> tuple[object, list[Problem]]:
    """``text`` parsed (mappings as LineDict, sequences as LineList) and, when it is not YAML, the problem.

    ``first_line`` is the line of ``path`` where ``text`` starts, so that errors point into the real file.
    """
    try:
        return _shift(yaml.load(text, Loader=_Loader), first_line - 1), []  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        started = ""
        if error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
            started = f" ({error.context} ligne {error.context_mark.line + first_line})"
        return None, [Problem(Path(path), line, "", "yaml", f"YAML invalide : {error.problem or error}{started}")]
    except yaml.YAMLError as error:
        return None, [Problem(Path(path), first_line, "", "yaml", f"YAML invalide : {error}")]


def read_yaml(path: Path) -> tuple[object, list[Problem]]:
    """The YAML file at ``path`` parsed with line numbers, or None and the problem that stops it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(path, 1, "", "fichier", "fichier introuvable")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(path, 1, "", "fichier", f"fichier illisible : {error}")]
    return parse_yaml(text, path)


# ---------------------------------------------------------------------------------------------------
# The collector


@dataclass
class Collector:
    """Checks the values of one file and records every problem found in it (``problems``), with the number
    of rows set aside per kind of row (``set_aside``)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    set_aside: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.path = Path(self.path)

    def add(self, line: int, item: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, item, field_name, message))

    def mark(self) -> int:
        return len(self.problems)

    def failed_since(self, mark: int) -> bool:
        return len(self.problems) > mark

    def count_set_aside(self, what: str, read: int, kept: int) -> None:
        if read > kept:
            self.set_aside[what] = self.set_aside.get(what, 0) + read - kept

    # --- shapes -------------------------------------------------------------------------------------------

    def mapping(self, value, line: int, item: str, field_name: str, expected: str) -> bool:
        """Whether ``value`` is a mapping; if not, a problem « attendu <expected> »."""
        if isinstance(value, dict):
            return True
        self.add(getattr(value, "line", line), item, field_name, f"attendu {expected}")
        return False

    def items(self, value, item: str, field_name: str = "", allow_empty: bool = False) -> list[tuple[int, object]]:
        """The entries of a YAML list with their lines; a problem when it is not a (non-empty) list."""
        if isinstance(value, list) and (value or allow_empty):
            lines = getattr(value, "item_lines", None) or [getattr(value, "line", 1)] * len(value)
            return list(zip(lines, value))
        self.add(getattr(value, "line", 1), item, field_name or item,
                 "attendu une liste" + ("" if allow_empty else " non vide"))
        return []

    def unknown_keys(self, mapping: LineDict, allowed: Iterable[str], item: str) -> None:
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                self.add(mapping.line_of(key), item, str(key), f"champ inconnu (champs permis : {', '.join(allowed)})")

    # --- values -------------------------------------------------------------------------------------------

    def text(self, mapping: LineDict, key: str, item: str, required: bool = True, collapse: bool = False) -> str:
        """A non-empty text (numbers are read as text); "" when absent. ``collapse`` joins its lines."""
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(mapping.line_of(key), item, key, "vide ou absent")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add(mapping.line_of(key), item, key, "doit être un texte")
            return ""
        return " ".join(str(value).split()) if collapse else str(value).strip()

    def rich(self, mapping: LineDict, key: str, item: str, required: bool = True) -> list:
        """A text in the course's small Markdown subset, as an inline tree (see kaart_course._markdown)."""
        value = self.text(mapping, key, item, required, collapse=True)
        return parse_inline(value) if value else []

    def identifier(self, mapping: LineDict, item: str, seen: set, key: str = "id") -> str:
        """The entry's id (lower-case letters, digits, « - »), unique among ``seen``."""
        value = self.text(mapping, key, item)
        if not value:
            return ""
        if not ID_RE.match(value):
            self.add(mapping.line_of(key), value, key, "lettres minuscules, chiffres et « - » seulement")
        elif value in seen:
            self.add(mapping.line_of(key), value, key, "identifiant en double")
        seen.add(value)
        return value

    def number(self, mapping: LineDict, key: str, item: str, low: float, high: float, integer: bool = True,
               required: bool = True) -> float | None:
        value = mapping.get(key)
        if value is None and not required:
            return None
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            self.add(mapping.line_of(key), item, key, "attendu un nombre entier" if integer else "attendu un nombre")
            return None
        if not low <= value <= high:
            self.add(mapping.line_of(key), item, key, f"{value} hors des bornes [{low} ; {high}]")
            return None
        return value

    def boolean(self, mapping: LineDict, key: str, item: str, default: bool) -> bool:
        value = mapping.get(key, default)
        if not isinstance(value, bool):
            self.add(mapping.line_of(key), item, key, "attendu true ou false")
            return default
        return value

    def choice(self, mapping: LineDict, key: str, item: str, choices: Iterable[str], required: bool = True,
               default: str = "") -> str:
        choices = tuple(choices)
        value = mapping.get(key)
        if value is None and not required:
            return default
        if value not in choices:
            self.add(mapping.line_of(key), item, key, f"valeur inconnue {value!r} (attendu : {', '.join(choices)})")
            return default
        return value

    def strings(self, mapping: LineDict, key: str, item: str, required: bool = True,
                minimum: int = 1) -> tuple[str, ...]:
        """A list of non-empty texts (at least ``minimum``), each on one line."""
        value = mapping.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or len(value) < minimum:
            self.add(mapping.line_of(key), item, key, f"attendu une liste d'au moins {minimum} texte(s)")
            return ()
        result = []
        for line, entry in self.items(value, item, key, allow_empty=True):
            if not isinstance(entry, str) or not entry.strip():
                self.add(line, item, key, "attendu un texte non vide dans la liste")
                continue
            result.append(" ".join(entry.split()))
        return tuple(result)

    def date(self, mapping: LineDict, key: str, item: str, required: bool = True) -> str:
        """A date written AAAA, AAAA-MM or AAAA-MM-JJ (YAML dates are read as such)."""
        value = mapping.get(key)
        if hasattr(value, "isoformat"):  # YAML reads 2026-03-15 as a date
            value = value.isoformat()
        text = str(value).strip() if value is not None else ""
        if not text:
            if required:
                self.add(mapping.line_of(key), item, key, "vide ou absent")
            return ""
        if not DATE_RE.match(text):
            self.add(mapping.line_of(key), item, key, f"date {text!r} : attendu AAAA, AAAA-MM ou AAAA-MM-JJ")
            return ""
        return text

    def url(self, mapping: LineDict, key: str, item: str, required: bool = True) -> str:
        value = self.text(mapping, key, item, required)
        if value and not URL_RE.match(value):
            self.add(mapping.line_of(key), item, key, f"adresse http(s) attendue, pas {value!r}")
            return ""
        return value


def files_in(paths: Iterable[Path], pattern: str) -> list[Path]:
    """The files named, with each folder replaced by its files matching ``pattern`` (sorted)."""
    result: list[Path] = []
    for path in map(Path, paths):
        result.extend(sorted(path.glob(pattern)) if path.is_dir() else [path])
    return result


def read_mapping(path: Path, item: str, field_name: str, expected: str) -> tuple[LineDict | None, Collector]:
    """A data file whose top is a table, and the Collector that goes on checking it. None when the file cannot
    be read, is not YAML or is not a table (« attendu <expected> »): the collector holds the reason."""
    data, problems = read_yaml(Path(path))
    check = Collector(Path(path), list(problems))
    if problems or not check.mapping(data, 1, item, field_name, expected):
        return None, check
    return data, check
