"""What the quiz banks ask (data/quizzes/*.yml), read directly from the YAML: every question says which skill
it tests, and at least 60 % of each bank tests judgement (a situation to handle) rather than recall."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kaart_course.paths import DATA_DIR, REPO_ROOT

BANKS = sorted((DATA_DIR / "quizzes").glob("*.yml"))
SKILLS = ("jugement", "connaissance")
MIN_JUDGEMENT = 0.6


def _questions(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_question_names_its_skill(path: Path) -> None:
    untagged = [q["id"] for q in _questions(path) if q.get("skill") not in SKILLS]
    assert not untagged, f"{path.relative_to(REPO_ROOT)} : skill absent ou inconnu (attendu {SKILLS}) : {untagged}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_most_questions_test_judgement(path: Path) -> None:
    questions = _questions(path)
    judgement = [q["id"] for q in questions if q.get("skill") == "jugement"]
    share = len(judgement) / len(questions)
    assert share >= MIN_JUDGEMENT, (
        f"{path.relative_to(REPO_ROOT)} : {len(judgement)} questions de jugement sur {len(questions)} "
        f"({share:.0%}), il en faut au moins {MIN_JUDGEMENT:.0%}")


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_the_description_counts_the_questions(path: Path) -> None:
    numbers = {"Huit": 8, "Neuf": 9, "Dix": 10, "Onze": 11, "Douze": 12, "Treize": 13, "Quatorze": 14, "Quinze": 15}
    description = yaml.safe_load(path.read_text(encoding="utf-8")).get("description", "")
    said = [count for word, count in numbers.items() if description.startswith(word)]
    if said:
        assert said[0] == len(_questions(path)), f"{path.name} : la description annonce {said[0]} questions"
