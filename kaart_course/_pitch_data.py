"""Pitch studio data (``data/pitch/*.yml``, the glossary's plain alternatives, the speaking-rate source in
``references.bib``): frozen dataclasses and a validating reader that reports every problem as
``file:line: item: field: message`` and sets unusable rows aside, counted.

Only validation lives here: the rules are applied by the browser module ``static/kaart-pitch.js``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import PybtexError, parse_file

from kaart_course._data import Collector, DataError, LineDict, Problem, read_yaml
from kaart_course._french import format_date, format_seconds_range
from kaart_course._markdown import parse_inline
from kaart_course.glossary import GLOSSARY_PATH, GlossaryEntry, is_acronym, read_glossary
from kaart_course.paths import DATA_DIR, REPO_ROOT

PITCH_DIR = DATA_DIR / "pitch"
BIB_PATH = REPO_ROOT / "references.bib"
FILES = ("scenes", "territories", "profiles", "structure", "wording", "objections", "grid")
PARTS = ("all", "writer", "timer", "objections", "grid")
# Which sections of the studio each part shows (the scene picker comes with every part that needs a scene).
PART_SECTIONS = {
    "all": ("scene", "writer", "timer", "objections", "grid"),
    "writer": ("scene", "writer", "timer"),
    "timer": ("scene", "timer"),
    "objections": ("scene", "objections"),
    "grid": ("grid",),
}
RULE_KINDS = ("alarmist", "guilt", "partisan")
ALL = "all"
# The three moves of an answer to an objection, in the order they are made (the studio and the worksheet).
MOVES = (("acknowledge", "Reconnaître"), ("reframe", "Recadrer"), ("territory", "Ramener au territoire"))
ADVICE_MOVES = tuple(move for move, _ in MOVES)
_KEYWORD_RE = re.compile(r"^[\w\s'’\-*%.,]+$")


class PitchDataError(DataError):
    """Pitch data that cannot be used as written; ``problems`` lists every reason."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    date: str


@dataclass(frozen=True)
class SpeakingRate:
    words_per_minute: int
    usual_range: tuple[int, int]
    source: Source
    note: str


@dataclass(frozen=True)
class Situation:
    id: str
    label: str
    min_seconds: int
    max_seconds: int
    description: str


@dataclass(frozen=True)
class CustomDuration:
    label: str
    min_seconds: int
    max_seconds: int
    default_seconds: int


@dataclass(frozen=True)
class Territory:
    id: str
    label: str


@dataclass(frozen=True)
class Profile:
    id: str
    label: str
    territories: tuple[str, ...]
    concerns: tuple[str, ...]
    competences: tuple[str, ...]
    constraints: tuple[str, ...]
    keywords: tuple[str, ...]
    # Proposed for the reader's commune (the first listed profile of its territory type) only in this range.
    population_min: int | None = None
    population_max: int | None = None


@dataclass(frozen=True)
class Group:
    label: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Examples:
    match: tuple[str, ...]
    no_match: tuple[str, ...]


@dataclass(frozen=True)
class StructureItem:
    """A step of the one pitch structure the course teaches (data/pitch/structure.yml), in order."""

    id: str
    label: str
    says: str
    example: str
    seconds: dict  # situation id -> seconds of this step (0: skipped in that situation)
    looks_for: str
    groups: tuple[Group, ...]
    profile_keywords: str  # label of the group made of the chosen élu's keywords, or ""
    missing: str
    examples: Examples


@dataclass(frozen=True)
class WordingRule:
    id: str
    kind: str
    label: str
    patterns: tuple[str, ...]
    suggestion: str
    examples: Examples


@dataclass(frozen=True)
class Wording:
    long_sentence_words: int
    long_sentence_label: str
    long_sentence_suggestion: str
    jargon_label: str
    jargon_suggestion: str
    jargon_allowed: tuple[str, ...]
    acronym_label: str
    acronym_suggestion: str
    acronym_allowed: tuple[str, ...]
    rules: tuple[WordingRule, ...]


@dataclass(frozen=True)
class Objection:
    id: str
    objection: str
    profiles: tuple[str, ...]
    territories: tuple[str, ...]
    behind: list
    advice: dict
    elements: tuple[list, ...]
    example: list


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str


@dataclass(frozen=True)
class GridSection:
    id: str
    title: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Grid:
    title: str
    intro: str
    scale: tuple[str, ...]
    sections: tuple[GridSection, ...]


@dataclass(frozen=True)
class PitchData:
    rate: SpeakingRate | None
    margin: dict
    situations: tuple[Situation, ...]
    custom: CustomDuration | None
    territories: tuple[Territory, ...]
    profiles: tuple[Profile, ...]
    structure: tuple[StructureItem, ...]
    wording: Wording | None
    glossary: tuple[GlossaryEntry, ...]
    objections: tuple[Objection, ...]
    grid: Grid | None
    paths: tuple[Path, ...] = ()
    set_aside: dict = field(default_factory=dict)

    def to_state(self, part: str = "all", examples: bool = False) -> dict:
        """The plain description handed to the browser module; ``part`` chooses the sections shown.

        Every part carries all the data: whichever part offers the download, the volunteer's sheet holds the
        scene, the text and its feedback, the objection answers and the grid.
        """
        state: dict = {
            "part": part,
            "sections": list(PART_SECTIONS[part]),
            "situations": [_situation_state(s, self.rate) for s in self.situations],
            "custom": vars(self.custom) if self.custom else None,
            "territories": [vars(t) for t in self.territories],
            "profiles": [_profile_state(p) for p in self.profiles],
            "margin": dict(self.margin),
            "rate": _rate_state(self.rate) if self.rate else None,
            "structure": [_structure_state(item, examples) for item in self.structure],
            "wording": _wording_state(self.wording, examples) if self.wording else None,
            "glossary": [{"term": t.term, "expansion": t.expansion, "plain": t.plain, "aliases": list(t.aliases),
                          "acronym": is_acronym(t.term)} for t in self.glossary],
            "objections": [_objection_state(o) for o in self.objections],
            "moves": [{"id": move, "label": label} for move, label in MOVES],
        }
        if self.grid:
            state["grid"] = {
                "title": self.grid.title,
                "intro": self.grid.intro,
                "scale": list(self.grid.scale),
                "sections": [{"id": s.id, "title": s.title, "criteria": [vars(c) for c in s.criteria]}
                             for s in self.grid.sections],
            }
        return state


def words_for(seconds: float, words_per_minute: int) -> int:
    """How many words fit in ``seconds`` at a speaking rate (the browser computes the reverse)."""
    return round(seconds * words_per_minute / 60)


def _situation_state(s: Situation, rate: SpeakingRate | None) -> dict:
    wpm = rate.words_per_minute if rate else 0
    return {**vars(s), "budgetText": format_seconds_range(s.min_seconds, s.max_seconds),
            "words": [words_for(s.min_seconds, wpm), words_for(s.max_seconds, wpm)]}


def _rate_state(rate: SpeakingRate) -> dict:
    return {"wordsPerMinute": rate.words_per_minute, "usualRange": list(rate.usual_range), "note": rate.note,
            "source": {"title": rate.source.title, "url": rate.source.url, "date": rate.source.date,
                       "dateText": format_date(rate.source.date)}}


def _profile_state(p: Profile) -> dict:
    return {"id": p.id, "label": p.label, "territories": list(p.territories), "concerns": list(p.concerns),
            "competences": list(p.competences), "constraints": list(p.constraints), "keywords": list(p.keywords),
            "populationMin": p.population_min, "populationMax": p.population_max}


def _examples_state(examples: Examples) -> dict:
    return {"match": list(examples.match), "noMatch": list(examples.no_match)}


def _structure_state(item: StructureItem, examples: bool) -> dict:
    state = {"id": item.id, "label": item.label, "says": item.says, "example": item.example, "looksFor": item.looks_for,
             "missing": item.missing, "profileKeywords": item.profile_keywords, "seconds": dict(item.seconds),
             "groups": [{"label": g.label, "patterns": list(g.patterns)} for g in item.groups]}
    if examples:
        state["examples"] = _examples_state(item.examples)
    return state


def _wording_state(w: Wording, examples: bool) -> dict:
    rules = []
    for rule in w.rules:
        entry = {"id": rule.id, "kind": rule.kind, "label": rule.label, "patterns": list(rule.patterns),
                 "suggestion": rule.suggestion}
        if examples:
            entry["examples"] = _examples_state(rule.examples)
        rules.append(entry)
    return {
        "longSentence": {"maxWords": w.long_sentence_words, "label": w.long_sentence_label,
                         "suggestion": w.long_sentence_suggestion},
        "jargon": {"label": w.jargon_label, "suggestion": w.jargon_suggestion},
        "acronyms": {"label": w.acronym_label, "suggestion": w.acronym_suggestion,
                     "allowed": list(w.acronym_allowed)},
        "rules": rules,
    }


def _objection_state(o: Objection) -> dict:
    return {"id": o.id, "objection": o.objection, "profiles": list(o.profiles), "territories": list(o.territories),
            "behind": o.behind, "advice": o.advice, "elements": list(o.elements), "example": o.example}


# ---------------------------------------------------------------------------------------------------
# Validation


def _patterns(check: Collector, mapping: LineDict, key: str, item: str) -> tuple[str, ...]:
    result = check.strings(mapping, key, item)
    for pattern in result:
        problem = pattern_problem(pattern)
        if problem:
            check.add(mapping.line_of(key), item, key, f"motif {pattern!r} : {problem}")
    return result


def _examples(check: Collector, mapping: LineDict, item: str) -> Examples:
    raw = mapping.get("examples")
    if not isinstance(raw, dict):
        check.add(mapping.line_of("examples"), item, "examples",
                  "attendu {match: [...], no_match: [...]} : chaque règle porte ses exemples")
        return Examples((), ())
    return Examples(check.strings(raw, "match", item), check.strings(raw, "no_match", item, required=False))


def pattern_problem(pattern: str) -> str:
    """Why a structure or wording pattern is unusable, or "" (its matching is done in the browser)."""
    if pattern.startswith("re:"):
        body = pattern[3:]
        if not body:
            return "expression régulière vide"
        try:
            # Python's re has no \p{…} classes; the browser does. Only the syntax is checked here.
            re.compile(re.sub(r"\\[pP]\{\w+\}", r"\\w", body))
        except re.error as error:
            return f"expression régulière invalide ({error})"
        return ""
    if not _KEYWORD_RE.match(pattern) or not re.search(r"\w", pattern.replace("*", "")):
        return "lettres, chiffres, espaces, apostrophes, « - » et « * » seulement (ou « re: » + expression)"
    return ""


def _items(check: Collector, raw, what: str) -> list[tuple[int, object]]:
    return check.items(raw, what, what)


def _load_file(path: Path, problems: list[Problem]):
    raw, found = read_yaml(path)
    problems.extend(Problem(p.path, p.line, path.stem, p.field, p.message) for p in found)
    return raw


def _bib_source(v: Collector, raw: LineDict, bib_path: Path) -> Source | None:
    key = v.text(raw, "source", "speaking_rate")
    if not key:
        return None
    try:
        entries = parse_file(str(bib_path)).entries
    except (OSError, PybtexError) as error:
        v.add(raw.line_of("source"), "speaking_rate", "source", f"{bib_path.name} illisible : {error}")
        return None
    entry = entries.get(key)
    if entry is None:
        v.add(raw.line_of("source"), "speaking_rate", "source", f"clé {key!r} absente de {bib_path.name}")
        return None
    fields = {k.lower(): str(value).replace("{", "").replace("}", "") for k, value in entry.fields.items()}
    missing = [name for name in ("title", "url", "urldate") if not fields.get(name)]
    if missing:
        v.add(raw.line_of("source"), "speaking_rate", "source",
              f"l'entrée {key!r} de {bib_path.name} n'a pas : {', '.join(missing)}")
        return None
    return Source(key, fields["title"], fields["url"], fields["urldate"])


def _read_scenes(path: Path, problems: list[Problem], counts: dict, bib_path: Path):
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if not v.mapping(raw, 1, "scenes", "scenes", "une table speaking_rate, budget_margin, situations, custom"):
        return None, {}, (), None
    rate = None
    speaking = raw.get("speaking_rate")
    if v.mapping(speaking, raw.line_of("speaking_rate"), "speaking_rate", "speaking_rate",
                 "{words_per_minute, usual_range, source, note}"):
        mark = v.mark()
        wpm = v.number(speaking, "words_per_minute", "speaking_rate", 60, 250)
        usual = speaking.get("usual_range")
        if not (isinstance(usual, list) and len(usual) == 2 and all(isinstance(x, int) for x in usual)
                and usual[0] <= usual[1]):
            v.add(speaking.line_of("usual_range"), "speaking_rate", "usual_range", "attendu [minimum, maximum]")
        elif wpm is not None and not usual[0] <= wpm <= usual[1]:
            v.add(speaking.line_of("words_per_minute"), "speaking_rate", "words_per_minute",
                  f"{wpm} hors de la fourchette usuelle {usual}")
        source = _bib_source(v, speaking, bib_path)
        note = v.text(speaking, "note", "speaking_rate")
        if not v.failed_since(mark):
            rate = SpeakingRate(wpm, (usual[0], usual[1]), source, note)

    margin = {}
    raw_margin = raw.get("budget_margin")
    if v.mapping(raw_margin, raw.line_of("budget_margin"), "budget_margin", "budget_margin", "{under, over}"):
        for key in ("under", "over"):
            value = v.number(raw_margin, key, "budget_margin", 0, 0.9, integer=False)
            if value is not None:
                margin[key] = value

    situations, seen = [], set()
    entries = _items(v, raw.get("situations"), "situations")
    for line, entry in entries:
        if not v.mapping(entry, line, "situations", "situation", "une table {id, label, seconds, description}"):
            continue
        mark = v.mark()
        sid = v.identifier(entry, "situation", seen) or "situation"
        label = v.text(entry, "label", sid)
        description = v.text(entry, "description", sid)
        if "seconds" in entry:
            low = high = v.number(entry, "seconds", sid, 5, 3600)
        else:
            low = v.number(entry, "min_seconds", sid, 5, 3600)
            high = v.number(entry, "max_seconds", sid, 5, 3600)
            if low is not None and high is not None and low > high:
                v.add(entry.line_of("max_seconds"), sid, "max_seconds", "plus court que min_seconds")
        if not v.failed_since(mark):
            situations.append(Situation(sid, label, low, high, description))
    counts["scenes.yml"] = len(entries) - len(situations)

    custom = None
    raw_custom = raw.get("custom")
    if v.mapping(raw_custom, raw.line_of("custom"), "custom", "custom",
                 "{label, min_seconds, max_seconds, default_seconds}"):
        mark = v.mark()
        label = v.text(raw_custom, "label", "custom")
        low, high, default = (v.number(raw_custom, k, "custom", 5, 3600)
                              for k in ("min_seconds", "max_seconds", "default_seconds"))
        if None not in (low, high, default) and not low <= default <= high:
            v.add(raw_custom.line_of("default_seconds"), "custom", "default_seconds",
                  "doit être entre min_seconds et max_seconds")
        if not v.failed_since(mark):
            custom = CustomDuration(label, low, high, default)
    return rate, margin, tuple(situations), custom


def _read_territories(path: Path, problems: list[Problem], counts: dict) -> tuple[Territory, ...]:
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if raw is None:
        return ()
    territories, seen = [], set()
    entries = _items(v, raw, "territoires")
    for line, entry in entries:
        if not v.mapping(entry, line, "territoire", "territoire", "une table {id, label}"):
            continue
        mark = v.mark()
        tid = v.identifier(entry, "territoire", seen)
        label = v.text(entry, "label", tid or "territoire")
        if not v.failed_since(mark):
            territories.append(Territory(tid, label))
    counts["territories.yml"] = len(entries) - len(territories)
    return tuple(territories)


def _known(v: Collector, entry: LineDict, key: str, item: str, known: set, allow_all: bool) -> tuple:
    values = v.strings(entry, key, item)
    for value in values:
        if value == ALL and allow_all:
            continue
        if value not in known:
            v.add(entry.line_of(key), item, key, f"identifiant inconnu {value!r}")
    if allow_all and ALL in values and len(values) > 1:
        v.add(entry.line_of(key), item, key, f"« {ALL} » s'emploie seul")
    return values


def _read_profiles(path: Path, problems: list[Problem], counts: dict, territory_ids: set) -> tuple[Profile, ...]:
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if raw is None:
        return ()
    profiles, seen = [], set()
    entries = _items(v, raw, "profils")
    for line, entry in entries:
        if not v.mapping(entry, line, "profil", "profil", "une table {id, label, territories, …}"):
            continue
        mark = v.mark()
        pid = v.identifier(entry, "profil", seen) or "profil"
        label = v.text(entry, "label", pid)
        territories = _known(v, entry, "territories", pid, territory_ids, allow_all=False)
        briefing = [v.strings(entry, key, pid, minimum=2) for key in ("concerns", "competences", "constraints")]
        keywords = _patterns(v, entry, "keywords", pid)
        bounds = [v.number(entry, key, pid, 0, 10_000_000, required=False) for key in ("population_min", "population_max")]
        if None not in bounds and bounds[0] > bounds[1]:
            v.add(entry.line_of("population_max"), pid, "population_max", "inférieure à population_min")
        if not v.failed_since(mark):
            profiles.append(Profile(pid, label, territories, *briefing, keywords, *bounds))
    counts["profiles.yml"] = len(entries) - len(profiles)
    return tuple(profiles)


STRUCTURE_FIELDS = ("id", "label", "says", "example", "seconds", "looks_for", "groups", "profile_keywords", "missing",
                    "examples")


def _step_seconds(v: Collector, entry: LineDict, iid: str, situations: tuple[Situation, ...]) -> dict:
    raw = entry.get("seconds")
    if not v.mapping(raw, entry.line_of("seconds"), iid, "seconds", "une table situation → secondes"):
        return {}
    known = {s.id for s in situations}
    for name in raw:
        if name not in known:
            v.add(raw.line_of(name), iid, "seconds", f"situation inconnue {name!r} (attendu : {', '.join(sorted(known))})")
    return {s.id: v.number(raw, s.id, iid, 0, 3600, required=False) or 0 for s in situations}


def _read_structure(path: Path, problems: list[Problem], counts: dict,
                    situations: tuple[Situation, ...]) -> tuple[StructureItem, ...]:
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if raw is None:
        return ()
    items, seen = [], set()
    entries = _items(v, raw, "structure")
    for line, entry in entries:
        if not v.mapping(entry, line, "étape", "étape", "une table {id, label, says, seconds, groups, …}"):
            continue
        mark = v.mark()
        iid = v.identifier(entry, "étape", seen) or "étape"
        v.unknown_keys(entry, STRUCTURE_FIELDS, iid)
        label, says, example, looks_for, missing = (v.text(entry, k, iid, collapse=True)
                                                     for k in ("label", "says", "example", "looks_for", "missing"))
        seconds = _step_seconds(v, entry, iid, situations)
        groups = []
        for group_line, group in _items(v, entry.get("groups"), f"{iid}.groups") if "groups" in entry else []:
            if v.mapping(group, group_line, iid, "groups", "une table {label, patterns}"):
                groups.append(Group(v.text(group, "label", iid), _patterns(v, group, "patterns", iid)))
        if "groups" not in entry:
            v.add(entry.line, iid, "groups", "au moins un groupe de motifs attendu")
        profile_keywords = v.text(entry, "profile_keywords", iid, required=False)
        examples = _examples(v, entry, iid)
        if not v.failed_since(mark):
            items.append(StructureItem(iid, label, says, example, seconds, looks_for, tuple(groups), profile_keywords,
                                       missing, examples))
    counts["structure.yml"] = len(entries) - len(items)
    # The steps of a situation fill its time: the page, the studio and the worksheet show these durations.
    if len(items) == len(entries):
        for situation in situations:
            total = sum(item.seconds.get(situation.id, 0) for item in items)
            if total != situation.max_seconds:
                v.add(raw.line, "structure", "seconds", f"les étapes de « {situation.label} » durent {total} s, "
                      f"pas les {situation.max_seconds} s de la situation (scenes.yml)")
    return tuple(items)


def _read_wording(path: Path, problems: list[Problem], counts: dict, glossary_terms: set) -> Wording | None:
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if not v.mapping(raw, 1, "wording", "wording", "une table long_sentence, jargon, acronyms, rules"):
        return None
    mark = v.mark()
    long_sentence = raw.get("long_sentence")
    jargon = raw.get("jargon")
    acronyms = raw.get("acronyms")
    values: dict = {}
    if v.mapping(long_sentence, raw.line_of("long_sentence"), "long_sentence", "long_sentence",
                 "{max_words, label, suggestion}"):
        values["long_sentence_words"] = v.number(long_sentence, "max_words", "long_sentence", 8, 80)
        values["long_sentence_label"] = v.text(long_sentence, "label", "long_sentence")
        values["long_sentence_suggestion"] = v.text(long_sentence, "suggestion", "long_sentence")
    if v.mapping(jargon, raw.line_of("jargon"), "jargon", "jargon", "{label, suggestion, allowed}"):
        values["jargon_label"] = v.text(jargon, "label", "jargon")
        values["jargon_suggestion"] = v.text(jargon, "suggestion", "jargon")
        if values["jargon_suggestion"] and "{plain}" not in values["jargon_suggestion"]:
            v.add(jargon.line_of("suggestion"), "jargon", "suggestion", "doit contenir {plain}")
        values["jargon_allowed"] = v.strings(jargon, "allowed", "jargon", required=False)
    if v.mapping(acronyms, raw.line_of("acronyms"), "acronyms", "acronyms", "{label, suggestion, allowed}"):
        values["acronym_label"] = v.text(acronyms, "label", "acronyms")
        values["acronym_suggestion"] = v.text(acronyms, "suggestion", "acronyms")
        values["acronym_allowed"] = v.strings(acronyms, "allowed", "acronyms", required=False)
    settings_ok = not v.failed_since(mark)
    # An allowed term the glossary does not have is reported, and simply has no effect.
    for term in values.get("jargon_allowed", ()):
        if term.casefold() not in glossary_terms:
            v.add(jargon.line_of("allowed"), "jargon", "allowed", f"{term!r} n'est pas un terme du glossaire")

    rules, seen = [], set()
    entries = _items(v, raw.get("rules"), "rules")
    for line, entry in entries:
        if not v.mapping(entry, line, "règle", "règle", "une table {id, kind, label, patterns, suggestion}"):
            continue
        rule_mark = v.mark()
        rid = v.identifier(entry, "règle", seen) or "règle"
        kind = entry.get("kind")
        if kind not in RULE_KINDS:
            v.add(entry.line_of("kind"), rid, "kind", f"genre inconnu {kind!r} (attendu : {', '.join(RULE_KINDS)})")
        label, suggestion = v.text(entry, "label", rid), v.text(entry, "suggestion", rid)
        patterns = _patterns(v, entry, "patterns", rid)
        examples = _examples(v, entry, rid)
        if not v.failed_since(rule_mark):
            rules.append(WordingRule(rid, kind, label, patterns, suggestion, examples))
    counts["wording.yml"] = len(entries) - len(rules)
    if not settings_ok:
        return None
    return Wording(rules=tuple(rules), **values)


def _read_glossary(path: Path, problems: list[Problem], counts: dict) -> tuple[tuple[GlossaryEntry, ...], set]:
    """Glossary entries that offer a plain alternative, and every term (casefolded) of the glossary."""
    glossary, found = read_glossary(path)
    problems.extend(found)
    counts["glossaire.yml"] = glossary.set_aside
    return (tuple(entry for entry in glossary.entries if entry.plain),
            {name.casefold() for name in glossary.names()})


def _read_objections(path: Path, problems: list[Problem], counts: dict, profile_ids: set,
                     territory_ids: set) -> tuple[Objection, ...]:
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if raw is None:
        return ()
    objections, seen = [], set()
    entries = _items(v, raw, "objections")
    for line, entry in entries:
        if not v.mapping(entry, line, "objection", "objection", "une table {id, objection, profiles, …}"):
            continue
        mark = v.mark()
        oid = v.identifier(entry, "objection", seen) or "objection"
        text = v.text(entry, "objection", oid)
        profiles = _known(v, entry, "profiles", oid, profile_ids, allow_all=True)
        territories = _known(v, entry, "territories", oid, territory_ids, allow_all=True)
        behind = v.rich(entry, "behind", oid)
        advice = {}
        raw_advice = entry.get("advice")
        if v.mapping(raw_advice, entry.line_of("advice"), oid, "advice", "{acknowledge, reframe, territory}"):
            advice = {move: v.rich(raw_advice, move, oid) for move in ADVICE_MOVES}
        elements = v.strings(entry, "elements", oid, minimum=2)
        example = v.rich(entry, "example", oid)
        if not v.failed_since(mark):
            objections.append(Objection(oid, text, profiles, territories, behind, advice,
                                        tuple(parse_inline(e) for e in elements), example))
    counts["objections.yml"] = len(entries) - len(objections)
    return tuple(objections)


def _read_grid(path: Path, problems: list[Problem], counts: dict) -> Grid | None:
    v = Collector(path, problems)
    raw = _load_file(path, problems)
    if not v.mapping(raw, 1, "grille", "grille", "une table title, intro, scale, sections"):
        return None
    mark = v.mark()
    title, intro = v.text(raw, "title", "grille"), v.text(raw, "intro", "grille")
    scale = v.strings(raw, "scale", "grille", minimum=2)
    header_ok = not v.failed_since(mark)
    sections, section_ids, criterion_ids, total, kept = [], set(), set(), 0, 0
    for line, section in _items(v, raw.get("sections"), "sections"):
        if not v.mapping(section, line, "section", "section", "une table {id, title, criteria}"):
            continue
        sid = v.identifier(section, "section", section_ids) or "section"
        section_title = v.text(section, "title", sid)
        criteria = []
        for c_line, criterion in _items(v, section.get("criteria"), f"{sid}.criteria"):
            total += 1
            if not v.mapping(criterion, c_line, sid, "criteria", "une table {id, text}"):
                continue
            c_mark = v.mark()
            cid = v.identifier(criterion, "critère", criterion_ids) or "critère"
            text = v.text(criterion, "text", cid)
            if not v.failed_since(c_mark):
                criteria.append(Criterion(cid, text))
        kept += len(criteria)
        if criteria and section_title:
            sections.append(GridSection(sid, section_title, tuple(criteria)))
    counts["grid.yml"] = total - kept
    return Grid(title, intro, scale, tuple(sections)) if header_ok and sections else None


def read_data(pitch_dir: Path = PITCH_DIR, glossary_path: Path = GLOSSARY_PATH, bib_path: Path = BIB_PATH,
              overrides: dict[str, Path] | None = None) -> tuple[PitchData, list[Problem]]:
    """Every usable row of the pitch data, and every problem found (nothing is dropped silently).

    ``overrides`` maps a file stem (``"objections"``, ``"glossaire"``…) to another file to read instead,
    so that one file can be checked against the rest of the course's data.
    """
    overrides = overrides or {}
    path_of = {name: Path(overrides.get(name, Path(pitch_dir) / f"{name}.yml")) for name in FILES}
    glossary_path = Path(overrides.get("glossaire", glossary_path))
    problems: list[Problem] = []
    counts: dict = {}
    for name, path in [*path_of.items(), ("glossaire", glossary_path)]:
        if not path.exists():
            problems.append(Problem(path, 1, name, "fichier", "fichier introuvable"))
    exists = {name: path.exists() for name, path in path_of.items()}

    rate, margin, situations, custom = (
        _read_scenes(path_of["scenes"], problems, counts, bib_path) if exists["scenes"] else (None, {}, (), None))
    territories = _read_territories(path_of["territories"], problems, counts) if exists["territories"] else ()
    territory_ids = {t.id for t in territories}
    profiles = _read_profiles(path_of["profiles"], problems, counts, territory_ids) if exists["profiles"] else ()
    structure = _read_structure(path_of["structure"], problems, counts, situations) if exists["structure"] else ()
    glossary, glossary_terms = (_read_glossary(glossary_path, problems, counts)
                                if glossary_path.exists() else ((), set()))
    wording = _read_wording(path_of["wording"], problems, counts, glossary_terms) if exists["wording"] else None
    if wording:
        allowed = {t.casefold() for t in wording.jargon_allowed}
        glossary = tuple(t for t in glossary if t.term.casefold() not in allowed)
    objections = (_read_objections(path_of["objections"], problems, counts, {p.id for p in profiles}, territory_ids)
                  if exists["objections"] else ())
    grid = _read_grid(path_of["grid"], problems, counts) if exists["grid"] else None
    data = PitchData(rate, margin, situations, custom, territories, profiles, structure, wording, glossary,
                     objections, grid, paths=(*path_of.values(), glossary_path),
                     set_aside={name: n for name, n in counts.items() if n})
    return data, problems
