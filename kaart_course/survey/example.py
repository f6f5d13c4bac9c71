"""Fictitious answers for demonstrations and tests: seeded, on real INSEE and SIREN codes, marked « fictif ».

:func:`example_rows` returns the rows of the site form's CSV export with a ``fictif`` column set to « oui »
on every row; the report built from them says so in its title and in a banner. The answers are drawn at
random with a few plausible tendencies (coastal risks on the coast, cyclones overseas…): they illustrate the
report and must never be read as results.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence

from kaart_course.survey import reading
from kaart_course.survey.questionnaire import Question, Questionnaire
from kaart_course.survey.territory import TerritoryLookup, place

META_COLUMNS = (*reading.META_COLUMNS, "fictif")
FIRST_MEETING = dt.date(2026, 4, 7)  # the councils elected in March 2026 are in place
LAST_MEETING = dt.date(2026, 11, 27)
NEEDS = ("Un diagnostic de vulnérabilité partagé avec les communes voisines.",
         "Un appui technique pour monter les dossiers de financement de l'adaptation.",
         "Des données locales sur la ressource en eau, à jour et lisibles par les élus.",
         "Former les agents des services techniques à l'adaptation des bâtiments publics.")
MESSAGES = ("Le territoire a déjà connu deux épisodes de sécheresse sévère : l'eau est la priorité.",
            "Les habitants sont prêts à s'impliquer si on leur propose des actions concrètes.",
            "Nous dépendons beaucoup du tourisme d'hiver et cherchons à diversifier l'économie.",
            "La coopération avec l'intercommunalité est la clé pour avancer sur ces sujets.")
# Tendencies of the fictitious answers, by the collectivité's type (one of the six cahiers).
LEANINGS = {"littoral": {"risques": ("littoral", "tempetes")}, "montagne": {"risques": ("neige", "sols", "feux")},
            "outre-mer": {"risques": ("tempetes", "littoral")}, "grandes-villes": {"risques": ("chaleur",)}}


def _pick(rng: random.Random, question: Question, lean: Sequence[str] = ()) -> list[str]:
    plain = [c.id for c in question.choices if not c.exclusive]
    if rng.random() < 0.06 and len(plain) < len(question.choices):
        return [next(c.id for c in question.choices if c.exclusive)]
    count = min(question.max_choices or 4, rng.choice((1, 2, 2, 3, 3, 4)))
    weights = [3.0 if c in lean else 1.0 for c in plain]
    chosen: list[str] = []
    while len(chosen) < count:
        choice = rng.choices(plain, weights)[0]
        if choice not in chosen:
            chosen.append(choice)
    return chosen


def example_rows(questionnaire: Questionnaire, lookup: TerritoryLookup, communes: Sequence[str],
                 epcis: Sequence[str], n: int, seed: int) -> tuple[list[str], list[list[str]]]:
    """``n`` fictitious answers (header, rows) drawn with ``seed`` from the INSEE codes ``communes`` and the
    SIREN numbers ``epcis``."""
    rng = random.Random(seed)
    header = [*META_COLUMNS, *(q.id for q in questionnaire.questions)]
    rows = []
    days = (LAST_MEETING - FIRST_MEETING).days
    for _ in range(n):
        answer: dict[str, str] = {}
        is_epci = bool(epcis) and rng.random() < 0.15
        kind = "epci" if is_epci else "commune"
        code = rng.choice(epcis if is_epci else communes)
        where = place(lookup, kind, code)
        geography = _geography(rng, lookup, kind, code)
        if geography:
            where = place(lookup, kind, code, geography)
        lean = LEANINGS.get(where.territory_type if where else "", {})
        meeting = FIRST_MEETING + dt.timedelta(days=rng.randrange(days + 1))
        started = dt.datetime.combine(meeting, dt.time(rng.randrange(9, 18), rng.randrange(60)))
        ended = started + dt.timedelta(minutes=rng.randrange(8, 16))
        synthesis = rng.random() < 0.92
        typed: dict = {}  # the answers so far as the relevance conditions read them
        for question in questionnaire.questions:
            if not questionnaire.is_relevant(question, typed):
                continue
            value = (" ".join(geography) or "aucun") if question.role == "geography" else _value(
                rng, question, kind, code, meeting, synthesis, lean, is_epci)
            answer[question.id] = value
            if value:
                typed[question.id] = (frozenset(value.split()) if question.type == "multiple" else
                                      float(value) if question.type in ("scale", "number") else value)
        rows.append([str(uuid.UUID(int=rng.getrandbits(128), version=4)), ended.isoformat(), started.isoformat(),
                     ended.isoformat(), "oui", *(answer.get(q.id, "") for q in questionnaire.questions)])
    return header, rows


def _geography(rng: random.Random, lookup: TerritoryLookup, kind: str, code: str) -> list[str]:
    """The answer to the geography question: the littoral or montagne cahiers the lookup already knows (the
    tests' fake does), else drawn at random — about one commune in ten on the coast, one in six in the
    mountains, as a plausible order of magnitude for fictitious data, not a figure."""
    known = [m.cahier_id for m in lookup.cahiers(code) if m.cahier_id in ("littoral", "montagne")] \
        if kind == "commune" else []
    if known:
        return known
    drawn = rng.random()
    return ["littoral"] if drawn < 0.1 else ["montagne"] if drawn < 0.27 else []


def _value(rng: random.Random, question: Question, kind: str, code: str, meeting: dt.date, synthesis: bool,
           lean: dict, is_epci: bool) -> str:
    if question.type == "date":
        return meeting.isoformat()
    if question.role == "identification" and question.type == "single":
        return kind
    if question.type in ("insee", "siren"):
        return code
    if question.consent == "synthesis":
        return "oui" if synthesis else "non"
    if question.consent == "recontact":
        return "oui" if rng.random() < 0.35 else "non"
    if question.type == "single":
        roles = [c.id for c in question.choices]
        epci_roles = [r for r in roles if "epci" in r or "communautaire" in r or r == "agent"]
        commune_roles = [r for r in roles if r not in epci_roles or r == "agent"]
        return rng.choice(epci_roles if is_epci else commune_roles)
    if question.type == "multiple":
        return " ".join(_pick(rng, question, lean.get(question.id, ())))
    if question.type == "scale":
        return str(min(question.high, max(question.low, round(rng.gauss((question.low + question.high) / 2, 1)))))
    if question.type == "number":
        return str(min(question.high, int(rng.expovariate(1 / 4))))
    if question.type == "text":
        return rng.choice(NEEDS if "besoin" in question.id else MESSAGES) if rng.random() < 0.4 else ""
    return ""
