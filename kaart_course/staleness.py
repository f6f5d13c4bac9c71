"""Deadlines and futures the calendar has overtaken: « d'ici 2025 », « avant le 30 avril 2026 »…

A sentence that announces a date as a deadline or as something to come is *stale* once that date is past:
« les communautés ont jusqu'au 31 mars 2021 pour… » read in 2026 misleads a volunteer. The detector reads
the course's prose clause by clause and flags a date when

- a deadline word governs it (« d'ici », « jusqu'en », « avant », « au plus tard », « à l'horizon »,
  « date limite », « objectif », « vise »…): stale once the *end* of the period is past (« d'ici 2025 » is
  stale from 1 January 2026; « avant fin 2026 » from 1 January 2027);
- a start word governs it (« à partir de », « à compter du », « dès »): stale once the period has begun —
  write « depuis » for a start that is past;
- a verb in the future or of obligation (« sera », « devront », « votera », « doit ») stands next to it:
  stale once the period has ended.

A clause written in a past tense (« ont eu jusqu'au 31 mars 2021 », « devait être voté », « s'est fixé dès
2005 ») is a past fact, never stale; so is a date introduced by « depuis ». A sentence that must keep its
wording (a quotation, a dated decision) is marked as historical, and then never flagged:

- in Markdown, an HTML comment at the end of the sentence, which renders nothing:
  ``… jusqu'au 31 mars 2021. <!-- historique -->``
- in YAML, a comment on the line where the value starts: ``prompt: "…"  # historique``
  or ``explanation: >-  # historique`` (the whole value is then historical).

The functions are pure: the caller gives the build date (``datetime.date.today()`` in the test).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kaart_course.prose import plain_text, prose_blocks

HISTORICAL_HTML_RE = re.compile(r"\s*<!--\s*historique\s*-->")
HISTORICAL_YAML_RE = re.compile(r"(?:^|\s)#\s*historique\b")
_HISTORICAL = "\ue000"  # stands for the Markdown marker inside the prose while sentences are split

_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH = "|".join(_MONTHS)
_YEAR = r"(?:19|20|21)\d{2}"
_SPACE = r"[ \u00a0\u202f]+"
# « 30 avril 2026 », « 1er juillet 2021 », « avril 2024 », « 2026 », « fin 2026 », « mi-2026 »,
# « 30 avril en 2026 », « 2026-2032 ». Not a year: « les années 2000 », « 2000 habitants », « n° 2021-1310 ».
_DATE_RE = re.compile(
    rf"(?<![\w/-])(?<!n° )(?<!n°\u00a0)(?<!années )"
    rf"(?:(?P<qualifier>fin|début|debut|mi)(?:-|{_SPACE}(?:de{_SPACE}|d'|d’)?(?:l'année{_SPACE})?))?"
    rf"(?:(?P<day>1er|[0-3]?\d){_SPACE})?"
    rf"(?:(?P<month>{_MONTH}){_SPACE}(?:en{_SPACE}|de{_SPACE}l'année{_SPACE})?)?"
    rf"(?P<year>{_YEAR})(?:(?:{_SPACE})?[-–](?:{_SPACE})?(?P<year2>{_YEAR}))?"
    rf"(?![\w-])(?!{_SPACE}(?:habitants|km|m|€|euros|mots|logements|communes|ha|hectares|tonnes)\b|(?:{_SPACE})?%)",
    re.IGNORECASE,
)

# Words that make the next date a deadline or a target, or the start of something.
_DEADLINE_RE = re.compile(
    r"\b(?:d['’]ici|jusqu['’](?:à|au|aux|en)|avant|au plus tard|à l['’]horizon|à l['’]échéance|date limite|"
    r"échéance|objectifs?|vise|visent|viser|prévue?s?|programmée?s?)\b",
    re.IGNORECASE,
)
_START_RE = re.compile(r"\b(?:à partir (?:de|du|d['’])|à compter (?:de|du|d['’])|dès)", re.IGNORECASE)
_SINCE_RE = re.compile(r"\bdepuis\b", re.IGNORECASE)
# A date that names a text or an edition (« la loi du 11 avril 2025 », « le rapport de 2023 ») is not a deadline.
_NAMED_RE = re.compile(
    r"\b(?:loi|lois|décret|arrêté|ordonnance|circulaire|rapport|délibération|publication|cahiers?|édition|"
    r"recensement|données|bilan|plan|programme|stratégie)(?:\s+[\w'’«»°-]+){0,5}?\s+(?:de|du|d['’])\s*$",
    re.IGNORECASE,
)

# Futures and obligations; « a/ont + participle », the imperfect and reflexive pasts.
_FUTURE_WORDS = ("sera seront serons serez aura auront devra devront pourra pourront faudra ira iront fera feront "
                 "viendra viendront prendra prendront tiendra tiendront verra verront").split()
# A present obligation (« doit être voté avant le… ») reads as a deadline, but not in a clause told in the past.
_OBLIGATION_RE = re.compile(r"\b(?:doit|doivent)\b", re.IGNORECASE)
_LETTERS = "[a-zàâçéèêëîïôûù]"
_FUTURE_RE = re.compile(
    rf"\b(?:{'|'.join(_FUTURE_WORDS)})\b"
    rf"|\b{_LETTERS}{{2,}}(?:eront|iront|dront)\b"
    rf"|\b{_LETTERS}{{3,}}(?:era|ira|dra)\b"
    rf"|\b(?:va|vont)\s+{_LETTERS}+(?:er|ir|re)\b",
    re.IGNORECASE,
)
_NOT_FUTURE = frozenset({"opéra", "caméra", "véra", "chimera", "cadra", "extra", "contra", "vidéra"})
_PARTICIPLE = r"[a-zàâçéèêëîïôûù]+(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|û|it|ite|its|ites|ert|erte|ort|orte|int|inte)"
_PAST_RE = re.compile(
    rf"\b(?:a|ont|avait|avaient|eut|eurent)\s+(?:(?:été|déjà|bien|pas|aussi|encore|même|alors|ensuite)\s+)*"
    rf"(?P<participle>{_PARTICIPLE})\b"
    r"|\b(?:s['’]|se\s+|m['’]|me\s+|t['’]|te\s+|nous\s+|vous\s+)(?:est|sont|était|étaient|suis|sommes|êtes)\s+\w+"
    r"|\b(?P<imperfect>[a-zàâçéèêëîïôûù]{2,}(?:ait|aient))\b"
    r"|\b(?:fut|furent)\b",
    re.IGNORECASE,
)
_NOT_PARTICIPLES = frozenset({"lieu", "trait", "droit", "besoin", "cours", "tout", "tous", "plus", "peu", "vu"})
_NOT_IMPERFECT_ENDINGS = ("fait", "trait", "lait", "hait")

_CLAUSE_SPLIT_RE = re.compile(r"[;:,()]")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])(\ue000?)\s+(?=[«\"“(\[A-ZÀ-ÖØ-Þ0-9*])")


@dataclass(frozen=True)
class Period:
    """A date as written, and the first and last days it covers."""

    text: str
    start: _dt.date
    end: _dt.date
    position: int  # offset in the clause


@dataclass(frozen=True)
class StaleStatement:
    line: int
    sentence: str
    date: str
    reason: str

    def __str__(self) -> str:
        return f"{self.line}: « {self.date} » est passé ({self.reason}) : {self.sentence[:160]}"


def _period(match: re.Match, offset: int = 0) -> Period:
    year = int(match["year"])
    last_year = int(match["year2"]) if match["year2"] else year
    month = _MONTHS[match["month"].lower()] if match["month"] else None
    qualifier = (match["qualifier"] or "").lower()
    if month and match["day"]:
        day = 1 if match["day"] == "1er" else int(match["day"])
        day = min(day, calendar.monthrange(year, month)[1])
        start = end = _dt.date(year, month, day)
    elif month:
        start = _dt.date(year, month, 1)
        end = _dt.date(year, month, calendar.monthrange(year, month)[1])
    elif qualifier == "fin":
        start, end = _dt.date(last_year, 10, 1), _dt.date(last_year, 12, 31)
    elif qualifier in ("début", "debut"):
        start, end = _dt.date(year, 1, 1), _dt.date(year, 3, 31)
    elif qualifier == "mi":
        start, end = _dt.date(year, 6, 1), _dt.date(year, 7, 31)
    else:
        start, end = _dt.date(year, 1, 1), _dt.date(last_year, 12, 31)
    return Period(match.group(0), start, end, offset + match.start())


def find_periods(text: str) -> list[Period]:
    """Every date of ``text`` that names a year, in order: « 30 avril 2026 », « fin 2026 », « 2026-2032 »."""
    return [_period(match) for match in _DATE_RE.finditer(text)]


def is_past_tense(clause: str) -> bool:
    """True when the clause has a verb in a past tense (passé composé, imperfect, reflexive past)."""
    for match in _PAST_RE.finditer(clause):
        if match["participle"] and match["participle"].lower() in _NOT_PARTICIPLES:
            continue
        if match["imperfect"] and match["imperfect"].lower().endswith(_NOT_IMPERFECT_ENDINGS):
            continue
        return True
    return False


def _futures(clause: str) -> list[re.Match]:
    return [match for match in _FUTURE_RE.finditer(clause) if match.group(0).lower() not in _NOT_FUTURE]


def _first_after(periods: list[Period], position: int) -> Period | None:
    return next((period for period in periods if period.position >= position), None)


def stale_dates(clause: str, today: _dt.date) -> list[tuple[Period, str]]:
    """The dates of one clause that announce a deadline or a future now past, each with the reason.

    Dates after « depuis » and dates that name a text (« la loi du 11 avril 2025 ») are never stale.
    """
    periods = find_periods(clause)
    if not periods:
        return []
    exempt = {id(p) for m in _SINCE_RE.finditer(clause) if (p := _first_after(periods, m.end()))}
    exempt |= {id(p) for p in periods if _NAMED_RE.search(clause[:p.position])}
    candidates = [p for p in periods if id(p) not in exempt]
    found: dict[int, tuple[Period, str]] = {}
    futures = _futures(clause)
    past = is_past_tense(clause)
    if not past:
        futures += list(_OBLIGATION_RE.finditer(clause))
    if not past or futures:
        for match in _DEADLINE_RE.finditer(clause):
            period = _first_after(candidates, match.end())
            if period and period.end < today:
                found.setdefault(id(period), (period, f"échéance « {match.group(0)} »"))
        for match in _START_RE.finditer(clause):
            period = _first_after(candidates, match.end())
            if period and period.start <= today:
                found.setdefault(id(period), (period, f"début « {match.group(0)} » : écrire « depuis »"))
    for match in futures:
        period = min(periods, key=lambda p: abs(p.position - match.start()))
        if id(period) not in exempt and period.end < today:
            found.setdefault(id(period), (period, f"futur « {match.group(0)} »"))
    return sorted(found.values(), key=lambda item: item[0].position)


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text; a historical marker stays with the sentence it ends."""
    sentences, start = [], 0
    for match in _SENTENCE_END_RE.finditer(text):
        sentences.append(text[start:match.end(1)])
        start = match.end()
    sentences.append(text[start:])
    return [sentence for sentence in sentences if sentence.strip()]


def stale_in_text(text: str, today: _dt.date, line: int = 1, historical: bool = False) -> list[StaleStatement]:
    """Stale statements of a plain text (sentences ending with the historical marker are skipped)."""
    problems = []
    for sentence in split_sentences(text):
        if historical or _HISTORICAL in sentence:
            continue
        sentence = " ".join(sentence.split())
        for clause in _CLAUSE_SPLIT_RE.split(sentence):
            for period, reason in stale_dates(clause, today):
                problems.append(StaleStatement(line, sentence, period.text, reason))
    return problems


def stale_in_markdown(markdown: str, today: _dt.date) -> list[StaleStatement]:
    """Stale statements in the prose of a MyST page (headings, paragraphs, list items, table rows)."""
    problems = []
    for block in prose_blocks(markdown):
        source = HISTORICAL_HTML_RE.sub(_HISTORICAL, block.source)
        problems.extend(stale_in_text(plain_text(source), today, block.line))
    return problems


def _scalars(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _scalars(value)


def stale_in_yaml(text: str, today: _dt.date) -> list[StaleStatement]:
    """Stale statements in the text values of a YAML file (mapping keys are not read)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return []
    lines = text.splitlines()
    problems = []
    for node in _scalars(root):
        if node.tag != "tag:yaml.org,2002:str" or not node.value.strip():
            continue
        first_line = lines[node.start_mark.line] if node.start_mark.line < len(lines) else ""
        historical = bool(HISTORICAL_YAML_RE.search(first_line[node.start_mark.column:]))
        problems.extend(stale_in_text(plain_text(node.value), today, node.start_mark.line + 1, historical))
    return problems


def stale_in_file(path: Path, today: _dt.date) -> list[StaleStatement]:
    """Stale statements of a course file: a MyST page (.md), a data file (.yml) or a plain text (.txt)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yml", ".yaml"):
        return stale_in_yaml(text, today)
    if path.suffix == ".md":
        return stale_in_markdown(text, today)
    return stale_in_text(text, today)
