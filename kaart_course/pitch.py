"""Pitch studio: the volunteer's scene, pitch writer, rehearsal timer, objection role-play and
self-assessment grid, built from ``data/pitch/*.yml`` and the glossary's plain-French alternatives.

Python validates the data (``kaart_course._pitch_data``) and hands the browser a plain description. The
analysis rules (matching, word count, speaking time, flags) are applied only by the browser module
``static/kaart-pitch.js``: they are written once, as data, and never re-implemented here.
"""

from __future__ import annotations

from pathlib import Path

import traitlets

from kaart_course._pitch_data import (
    FILES, PARTS, PitchData, PitchDataError, Problem, read_data,
)
from kaart_course._data import files_in
from kaart_course._widget import StaticWidget
from kaart_course.paths import DATA_DIR

__all__ = ["FILES", "PARTS", "PitchData", "PitchDataError", "PitchStudio", "Problem", "anchor", "check",
           "load_data", "read_data", "studio"]


def load_data(data_dir: Path = DATA_DIR, overrides: dict[str, Path] | None = None) -> PitchData:
    """The pitch data of ``data_dir`` (the course's ``data/``), some files possibly replaced (see read_data);
    PitchDataError if any file has a problem."""
    data, problems = read_data(data_dir / "pitch", data_dir / "glossaire.yml", overrides=overrides)
    if problems:
        raise PitchDataError(problems)
    return data


def check(paths: list[Path] | None = None, data_dir: Path = DATA_DIR) -> tuple[list[Problem], dict]:
    """Problems of the course's pitch data, each given file replacing the course file of the same name;
    and how many rows each file had to set aside."""
    overrides = {path.stem: path for path in files_in(paths or [], "*.yml")}
    unknown = [p for stem, p in overrides.items() if stem not in (*FILES, "glossaire")]
    if unknown:
        names = ", ".join(f"{name}.yml" for name in (*FILES, "glossaire"))
        return [Problem(p, 1, p.stem, "fichier", f"fichier inconnu du studio (attendu : {names})")
                for p in unknown], {}
    data, problems = read_data(data_dir / "pitch", data_dir / "glossaire.yml", overrides=overrides)
    return problems, data.set_aside


# ---------------------------------------------------------------------------------------------------
# The widget


class PitchStudio(StaticWidget):
    """The pitch studio as a widget: the same browser module runs in Jupyter and on the static book.

    In live Jupyter, the volunteer's work is readable from Python: ``draft`` (the pitch text), ``scene``
    (situation, duration, territory, profile), ``answers`` (objection answers and self-checks) and
    ``ratings`` (the self-assessment grid).
    """

    _module = "pitch"
    draft = traitlets.Unicode("").tag(sync=True)
    scene = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    ratings = traitlets.Dict().tag(sync=True)

    def element_id(self) -> str:
        return anchor(self.state.get("part", "all"))


def anchor(part: str) -> str:
    """The id of a studio's element on its page, so that other pages can link to it."""
    return f"pitch-{part}"


def studio(part: str = "all") -> PitchStudio:
    """The pitch studio, or one part of it (``writer``, ``timer``, ``objections``, ``grid``)."""
    if part not in PARTS:
        raise ValueError(f"partie inconnue {part!r} (attendu : {', '.join(PARTS)})")
    return PitchStudio(state=load_data().to_state(part))
