"""The question types of the quiz banks, one table entry each: how a question of that type is validated, how it
prints on paper and how its right answer reads in the answer key. Adding a type is one entry here and one in
``static/kaart-quiz-types.js`` (how the browser asks it and grades it).

A question's type-specific fields are validated into a plain dict (``details``) that goes as is into the
browser state, next to the common fields (id, prompt, explanation…); the paper form and the answer key are
computed from that same state, so a notebook's widget prints exactly like a page's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from kaart_course._data import Collector, LineDict
from kaart_course._french import format_number
from kaart_course._markdown import plain_text

BOX = "☐"
_PERCENT_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")


@dataclass(frozen=True)
class Paper:
    """How a question prints: an instruction, choices each after a marker, or a line to write on."""

    instruction: str = ""
    choices: tuple[list, ...] = ()
    marker: str = ""
    line: str = ""


@dataclass(frozen=True)
class QuestionType:
    label: str  # shown after the prompt: « (une seule réponse) »
    fields: tuple[str, ...]  # the type's own fields in a bank, besides those of every question
    read: Callable[[Collector, LineDict, str], dict]
    paper: Callable[[dict], Paper]
    correct_text: Callable[[dict], str]


# --- validation helpers ---------------------------------------------------------------------------------


def _choices(check: Collector, q: LineDict, key: str, qid: str, with_feedback: bool) -> list[dict]:
    raw = q.get(key)
    if not isinstance(raw, list) or len(raw) < 2:
        check.add(q.line_of(key), qid, key, "au moins deux éléments attendus")
        return []
    choices, seen = [], set()
    for index, (line, entry) in enumerate(check.items(raw, qid, key)):
        if not isinstance(entry, dict):
            check.add(line, qid, f"{key}[{index + 1}]", "attendu {id, text" + (", feedback}" if with_feedback else "}"))
            continue
        cid = str(entry.get("id", "")).strip()
        if not cid:
            check.add(line, qid, f"{key}[{index + 1}].id", "vide ou absent")
            continue
        if cid in seen:
            check.add(entry.line_of("id"), qid, f"{key}.{cid}", "identifiant en double")
        seen.add(cid)
        choices.append({"id": cid, "text": check.rich(entry, "text", qid),
                        "feedback": check.rich(entry, "feedback", qid, required=with_feedback)})
    return choices


def _pair_feedback(check: Collector, q: LineDict, qid: str) -> dict:
    raw = q.get("feedback")
    if not isinstance(raw, dict):
        check.add(q.line_of("feedback"), qid, "feedback", "attendu {correct: …, incorrect: …}")
        return {}
    return {k: check.rich(raw, k, qid) for k in ("correct", "incorrect")}


def _tolerance(check: Collector, q: LineDict, qid: str) -> dict | None:
    raw = q.get("tolerance", 0)
    line = q.line_of("tolerance")
    if isinstance(raw, bool):
        check.add(line, qid, "tolerance", "doit être un nombre ou un pourcentage")
        return None
    if isinstance(raw, (int, float)):
        if raw < 0:
            check.add(line, qid, "tolerance", "ne peut pas être négative")
            return None
        return {"kind": "absolute", "value": raw}
    match = _PERCENT_RE.match(str(raw))
    if not match:
        check.add(line, qid, "tolerance", f"{raw!r} : attendu un nombre ≥ 0 ou un pourcentage comme \"5%\"")
        return None
    percent = float(match.group(1).replace(",", "."))
    if percent > 100:
        check.add(line, qid, "tolerance", "pourcentage supérieur à 100 %")
        return None
    return {"kind": "relative", "value": percent / 100}


# --- the types --------------------------------------------------------------------------------------------


def _read_single(check: Collector, q: LineDict, qid: str) -> dict:
    options = _choices(check, q, "options", qid, with_feedback=True)
    answer = q.get("answer")
    if answer is None:
        check.add(q.line_of("answer"), qid, "answer", "bonne réponse absente")
    elif not isinstance(answer, (str, int)) or isinstance(answer, bool):
        check.add(q.line_of("answer"), qid, "answer", "attendu l'identifiant d'une option")
    elif str(answer) not in {o["id"] for o in options}:
        check.add(q.line_of("answer"), qid, "answer", f"l'option {answer!r} n'existe pas")
    return {"options": options, "answer": None if answer is None else str(answer)}


def _read_multiple(check: Collector, q: LineDict, qid: str) -> dict:
    options = _choices(check, q, "options", qid, with_feedback=True)
    answer = q.get("answer")
    if answer is None:
        check.add(q.line_of("answer"), qid, "answer", "bonne réponse absente")
        answer = []
    elif not isinstance(answer, list) or not answer:
        check.add(q.line_of("answer"), qid, "answer", "attendu une liste non vide d'identifiants d'options")
        answer = []
    answer = [str(a) for a in answer]
    for missing in [a for a in answer if a not in {o["id"] for o in options}]:
        check.add(q.line_of("answer"), qid, "answer", f"l'option {missing!r} n'existe pas")
    return {"options": options, "answer": answer}


def _read_true_false(check: Collector, q: LineDict, qid: str) -> dict:
    answer = q.get("answer")
    if not isinstance(answer, bool):
        check.add(q.line_of("answer"), qid, "answer", "attendu true ou false")
    return {"answer": answer, "feedback": _pair_feedback(check, q, qid)}


def _read_numeric(check: Collector, q: LineDict, qid: str) -> dict:
    answer = q.get("answer")
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        check.add(q.line_of("answer"), qid, "answer", "attendu un nombre")
    return {"answer": answer, "tolerance": _tolerance(check, q, qid),
            "unit": check.text(q, "unit", qid, required=False), "feedback": _pair_feedback(check, q, qid)}


def _read_ordering(check: Collector, q: LineDict, qid: str) -> dict:
    return {"items": _choices(check, q, "items", qid, with_feedback=False), "feedback": _pair_feedback(check, q, qid)}


def _scrambled(question_id: str, choices: list) -> tuple:
    """Items to put in order never print in the right order: a fixed scramble per question."""
    keyed = sorted(range(len(choices)), key=lambda i: hashlib.sha256(f"{question_id}:{i}".encode()).hexdigest())
    if keyed == sorted(keyed):
        keyed = keyed[1:] + keyed[:1]
    return tuple(choices[i] for i in keyed)


def _option_texts(q: dict, ids) -> list[str]:
    return [plain_text(o["text"]) for o in q["options"] if o["id"] in ids]


TYPES: dict[str, QuestionType] = {
    "single": QuestionType(
        "une seule réponse", ("options", "answer"), _read_single,
        lambda q: Paper(choices=tuple(o["text"] for o in q["options"]), marker=BOX),
        lambda q: _option_texts(q, {q["answer"]})[0]),
    "multiple": QuestionType(
        "plusieurs réponses possibles", ("options", "answer"), _read_multiple,
        lambda q: Paper(choices=tuple(o["text"] for o in q["options"]), marker=BOX),
        lambda q: " ; ".join(_option_texts(q, set(q["answer"])))),
    "true-false": QuestionType(
        "vrai ou faux", ("answer", "feedback"), _read_true_false,
        lambda q: Paper(line=f"{BOX} Vrai    {BOX} Faux"),
        lambda q: "Vrai" if q["answer"] else "Faux"),
    "numeric": QuestionType(
        "réponse chiffrée", ("answer", "tolerance", "unit", "feedback"), _read_numeric,
        lambda q: Paper(line=f"Votre réponse : ____________ {q['unit']}".rstrip()),
        lambda q: f"{format_number(q['answer'])} {q['unit']}".strip()),
    "ordering": QuestionType(
        "remettre dans l'ordre", ("items", "feedback"), _read_ordering,
        lambda q: Paper(instruction="Numérotez les étapes dans l'ordre :", marker="___",
                        choices=_scrambled(q["id"], [i["text"] for i in q["items"]])),
        lambda q: " → ".join(plain_text(i["text"]) for i in q["items"])),
}
