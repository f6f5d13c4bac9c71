"""French spelling of every page in the book: hunspell with the Debian French dictionary.

Unknown words fail the test, listed with their file. Legitimate words the dictionary lacks (proper nouns,
acronyms, technical terms) go in a project word list: every ``tests/spelling/*.txt`` file, one word a line.
A misspelling is fixed in the page, never added to a list.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kaart_course.course_plan import page_paths
from kaart_course.paths import REPO_ROOT
from kaart_course.prose import prose_blocks

WORD_LISTS = sorted((Path(__file__).parent / "spelling").glob("*.txt"))
# Tokens that are not words: numbers, figures with units, ordinals (1er, 3e), single letters.
_NOT_A_WORD = re.compile(r"^(?:[\d\W_]+|\d+(?:er|re|e|es|ème|h|min)|\w)$")
# hunspell leaves the elision on a word it does not know ("l'ADEME"): the list holds the bare word.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)

pytestmark = pytest.mark.skipif(
    shutil.which("hunspell") is None or not Path("/usr/share/hunspell/fr_FR.dic").exists(),
    reason="hunspell et hunspell-fr sont nécessaires (make system-deps)",
)


def project_words() -> set[str]:
    words = set()
    for path in WORD_LISTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.add(line.strip())
    return words


def unknown_words(text: str, allowed: set[str]) -> list[str]:
    """Words of ``text`` that neither the French dictionary nor the project lists know, in order."""
    result = subprocess.run(["hunspell", "-d", "fr_FR", "-i", "utf-8", "-l"], input=text, text=True,
                            capture_output=True, check=True, encoding="utf-8")
    words = []
    for word in result.stdout.split():
        word = word.rstrip(".")  # hunspell counts "." as a word character (abbreviations): "KAART."
        word = _ELISION.sub("", word)
        if word in allowed or _NOT_A_WORD.match(word) or word in words:
            continue
        words.append(word)
    return words


def test_word_lists_are_sorted_and_without_duplicates() -> None:
    for path in WORD_LISTS:
        words = [line for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
        assert words == sorted(set(words), key=lambda w: (w.casefold(), w)), f"{path.name} : triez et dédoublonnez"


def test_a_misspelling_is_caught() -> None:
    assert unknown_words("Le territoir est résilient.", project_words()) == ["territoir"]


@pytest.mark.parametrize("page", page_paths(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_page_spelling(page: Path) -> None:
    text = "\n".join(block.text for block in prose_blocks(page.read_text(encoding="utf-8")))
    unknown = unknown_words(text, project_words())
    assert not unknown, f"{page.relative_to(REPO_ROOT)} : mots inconnus : {', '.join(unknown)}"
