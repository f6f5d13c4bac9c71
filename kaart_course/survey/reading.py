"""Reading the files answers arrive in, as plain tables: a header and numbered rows of text.

- CSV from the site form, from KoboToolbox (``,`` or ``;``) or saved again from French Excel: UTF-8 with or
  without BOM, UTF-16, or a legacy 8-bit encoding (Windows-1252 in practice) found by charset-normalizer;
  any line ending. The delimiter is the one that splits the header into the most known column names, so
  that commas inside answers or decimal commas never fool it (``csv.Sniffer`` guesses from character counts
  and does get fooled; see tests/test_survey_reading.py).
- XLSX from KoboToolbox or Excel: the first sheet. Formulas are read as their text, never evaluated.
- JSON from the site form, see :data:`JSON_CONTRACT`.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first answer row 2. In JSON, the n-th
answer of the list is row n.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

DELIMITERS = (",", ";", "\t", "|")
# French Excel writes Windows-1252; the others are the plausible legacy encodings of a French file.
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "mac_roman", "cp850"]

JSON_CONTRACT = """\
The site form's JSON export (written by the browser form, read by the importer):

    {
      "format": "kaart-enquete",              # constant
      "version": 1,                           # of this contract
      "questionnaire": "enquete-elus",        # id of data/enquete/questionnaire.yml
      "questionnaire_version": "2026-12",     # its version
      "exported_at": "2026-12-02T10:15:00Z",  # ISO 8601
      "answers": [
        {
          "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e",  # RFC 4122, made once when the answer is started
          "started": "2026-11-30T14:02:11+01:00",          # ISO 8601 (XLSForm « start »)
          "ended": "2026-11-30T14:12:40+01:00",            # ISO 8601 (XLSForm « end »)
          "submitted": "2026-11-30T14:12:40+01:00",        # when the volunteer marked it finished
          "values": {                                      # question id -> value; unanswered: absent or null
            "date-rencontre": "2026-11-30",                # date: AAAA-MM-JJ
            "type-collectivite": "commune",                # single / scale: the choice id, or the number
            "code-insee": "35238",                         # insee, siren, text: a string
            "risques": ["chaleur", "secheresse"],          # multiple: a list of choice ids
            "personnes-ressources": 3,                     # number: a number
            ...
          }
        }
      ]
    }

A bare list of answers (the « answers » array alone) is read too. Only the answers a volunteer saved
(validated) are exported, and only the values of questions asked (relevant).

The CSV export of the same form has one row per answer with the columns ``_uuid``, ``_submission_time``,
``start``, ``end`` (:data:`META_COLUMNS`) and one column per question id, in the questionnaire's order; a
multiple answer is its choice ids separated by spaces, as KoboToolbox writes them. It is written as French
Excel reads it: UTF-8 with a byte-order mark, « ; » between cells, CRLF line ends, RFC 4180 quotes, and a
cell that would run as a formula behind an apostrophe (``spreadsheetFormula`` in static/common/rules.json).
"""
JSON_FORMAT = "kaart-enquete"
JSON_VERSION = 1
META_COLUMNS = ("_uuid", "_submission_time", "start", "end")
SITE_CSV_SEPARATOR = ";"


class ReadError(ValueError):
    """A file that cannot be read as a table at all (its rows cannot even be counted)."""


@dataclass(frozen=True)
class Table:
    path: Path
    description: str  # e.g. « CSV ; Windows-1252 », shown to the coordinator
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells), cells as text


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "UTF-8 avec BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    encoding = best.encoding if best is not None else "cp1252"
    names = {"cp1252": "Windows-1252", "iso8859_15": "ISO-8859-15", "mac_roman": "Mac Roman", "cp850": "CP850"}
    return data.decode(encoding, errors="replace"), names.get(encoding, encoding)


def _first_record(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return []


def detect_delimiter(text: str, known: Callable[[str], bool]) -> str:
    """The delimiter that splits the header into the most columns ``known`` recognises; among equals, the one
    whose first rows have the header's number of fields most often."""
    def score(delimiter: str) -> tuple[int, int, int]:
        header = _first_record(text, delimiter)
        recognised = sum(known(name.strip()) for name in header)
        try:
            rows = [row for _, row in zip(range(50), csv.reader(io.StringIO(text), delimiter=delimiter))]
        except csv.Error:
            rows = []
        consistent = sum(len(row) == len(header) for row in rows[1:]) if len(header) > 1 else 0
        return recognised, consistent, len(header)
    return max(DELIMITERS, key=score)


def read_csv(path: Path, known: Callable[[str], bool]) -> Table:
    text, encoding = decode(Path(path).read_bytes())
    if not text.strip():
        raise ReadError("fichier vide")
    delimiter = detect_delimiter(text, known)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ReadError(f"CSV illisible : {error}") from error
    header = tuple(cell.strip() for cell in records[0])
    rows = tuple((number, tuple(record)) for number, record in enumerate(records[1:], start=2)
                 if any(cell.strip() for cell in record))
    name = {",": "virgule", ";": "point-virgule", "\t": "tabulation", "|": "barre verticale"}[delimiter]
    return Table(Path(path), f"CSV ({encoding}, séparateur {name})", header, rows)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # only this format needs it

    try:
        # data_only=False: a formula comes back as its text ("=…"), which is stored as text, never computed.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise ReadError(f"classeur XLSX illisible : {error}") from error
    try:
        sheet = workbook.worksheets[0]
        records = [tuple(_cell_text(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not records:
        raise ReadError("classeur vide")
    header = tuple(cell.strip() for cell in records[0])
    rows = tuple((number, record) for number, record in enumerate(records[1:], start=2)
                 if any(cell.strip() for cell in record))
    return Table(Path(path), f"XLSX (feuille « {sheet.title} »)", header, rows)


def _json_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_json_value(v) for v in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def read_json(path: Path) -> Table:
    text, _ = decode(Path(path).read_bytes())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError(f"JSON illisible, ligne {error.lineno} : {error.msg}") from error
    answers = data.get("answers") if isinstance(data, dict) else data
    if not isinstance(answers, list):
        raise ReadError("JSON : attendu une liste de réponses (« answers »)")
    header: dict[str, None] = dict.fromkeys(META_COLUMNS)
    flat = []
    for answer in answers:
        if not isinstance(answer, dict):
            flat.append({"_uuid": "", "__invalid__": "réponse qui n'est pas un objet JSON"})
            continue
        values = answer.get("values") if isinstance(answer.get("values"), dict) else {}
        row = {"_uuid": _json_value(answer.get("uuid")), "_submission_time": _json_value(answer.get("submitted")),
               "start": _json_value(answer.get("started")), "end": _json_value(answer.get("ended"))}
        if "fictif" in answer:
            row["fictif"] = _json_value(answer["fictif"])
        row |= {str(k): _json_value(v) for k, v in values.items()}
        header.update(dict.fromkeys(row))
        flat.append(row)
    names = tuple(header)
    rows = tuple((number, tuple(row.get(name, "") for name in names)) for number, row in enumerate(flat, start=1))
    return Table(Path(path), "JSON du formulaire du site", names, rows)


def read_table(path: Path, known: Callable[[str], bool]) -> Table:
    """The table in ``path`` (CSV, XLSX or JSON, told by its content); ReadError when it is none of them."""
    path = Path(path)
    try:
        head = path.read_bytes()[:4]
    except OSError as error:
        raise ReadError(f"fichier illisible : {error.strerror or error}") from error
    if head.startswith(b"PK"):
        return read_xlsx(path)
    if path.suffix.lower() == ".json" or head.lstrip(codecs.BOM_UTF8)[:1] in (b"[", b"{"):
        return read_json(path)
    return read_csv(path, known)
