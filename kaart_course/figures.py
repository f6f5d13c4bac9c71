"""The course's figures: sourced data files in ``data/figures/`` and the plots drawn from them.

Each figure ``<name>`` is two files: ``<name>.csv`` (the numbers) and ``<name>.yml`` (title, alt text,
source with its URL and date, licence). :func:`load_figure` reads and validates both, with errors that name
the file, the line and the field; ``plot_<name>(data)`` functions return a matplotlib Figure and never show
or save it. Plots read in black and white (hatching, markers, greys) and are sized for a phone and for A4.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # figures are drawn at build time, never on screen

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from kaart_course._data import Collector, DataError, Problem, read_mapping  # noqa: E402
from kaart_course._french import format_date, format_number  # noqa: E402
from kaart_course.paths import DATA_DIR  # noqa: E402

FIGURES_DIR = DATA_DIR / "figures"

# The figure style, public so that every chart of the course (here and the survey report) looks alike.
# Black-and-white friendly palette: dark to light greys with the course green for emphasis.
INK = "#1a1a1a"
GREEN = "#1f5f4a"
GREYS = ("#1a1a1a", "#555555", "#8c8c8c", "#c4c4c4")
_HATCHES = ("", "//", "..", "xx", "\\\\")
_MARKERS = ("o", "s", "^", "D", "v")
FIGURE_WIDTH = 5.0  # inches: about half an A4 text width in print, a full phone width on screen


class FigureDataError(DataError):
    """A data or metadata file of a figure is missing, malformed or incomplete; ``problems`` lists why."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str  # AAAA, AAAA-MM or AAAA-MM-JJ

    @property
    def date_fr(self) -> str:
        """The date as a French reader writes it: « 2026 », « août 2024 », « 25 janvier 2026 »."""
        return format_date(self.date)


@dataclass(frozen=True)
class FigureMeta:
    title: str
    alt: str
    source: Source
    licence: str


@dataclass(frozen=True)
class FigureData:
    name: str
    meta: FigureMeta
    rows: tuple[dict[str, str], ...]

    def column(self, name: str) -> list[str]:
        return [row[name] for row in self.rows]

    def numbers(self, name: str) -> list[float]:
        return [float(value) for value in self.column(name)]


@dataclass(frozen=True)
class _Spec:
    plot: Callable[[FigureData], Figure]
    columns: dict[str, type]  # column name -> str or float


# --- loading ----------------------------------------------------------------------------------------


def _read_meta(path: Path, name: str) -> tuple[FigureMeta | None, list[Problem]]:
    raw, check = read_mapping(path, name, "métadonnées", "une table (title, alt, source, licence)")
    if raw is None:
        return None, check.problems
    title, alt, licence = (check.text(raw, key, name) for key in ("title", "alt", "licence"))
    source = raw.get("source")
    if check.mapping(source, raw.line_of("source"), name, "source", "une table (title, url, date)"):
        source = Source(check.text(source, "title", "source"), check.url(source, "url", "source"),
                        check.date(source, "date", "source"))
    if check.problems:
        return None, check.problems
    return FigureMeta(title, alt, source, licence), []


def _read_rows(path: Path, columns: dict[str, type]) -> tuple[tuple[dict[str, str], ...], list[Problem]]:
    check = Collector(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        return (), [Problem(path, 1, "", "fichier", "fichier de données introuvable")]
    except (OSError, UnicodeDecodeError) as error:
        return (), [Problem(path, 1, "", "fichier", f"fichier illisible : {error}")]
    # Lines starting with "#" document the file (what each column means); they are not data.
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if not line.startswith("#")]
    if not numbered:
        return (), [Problem(path, 1, "", "fichier", "fichier vide")]
    reader = csv.DictReader(line for _, line in numbered)
    header_line = numbered[0][0]
    missing = [name for name in columns if name not in (reader.fieldnames or [])]
    if missing:
        return (), [Problem(path, header_line, "", "colonnes", f"colonne(s) absente(s) : {', '.join(missing)}")]
    rows = []
    for (line_number, _), row in zip(numbered[1:], reader):
        mark = check.mark()
        for name, kind in columns.items():
            value = row[name] = (row.get(name) or "").strip()
            if not value:
                check.add(line_number, f"ligne {line_number}", name, "valeur vide")
            elif kind is float and not re.fullmatch(r"-?\d+(\.\d+)?", value):
                check.add(line_number, f"ligne {line_number}", name, f"nombre attendu, pas {value!r}")
        if not check.failed_since(mark):
            rows.append(row)
    check.count_set_aside("lignes", len(numbered) - 1, len(rows))
    if len(numbered) == 1:
        check.add(header_line, "", "lignes", "aucune ligne de données")
    return tuple(rows), check.problems


def read_figure(name: str, directory: Path = FIGURES_DIR) -> tuple[FigureData | None, list[Problem]]:
    """The figure's data and metadata, and every problem of its two files."""
    if name not in PLOTS:
        return None, [Problem(directory / f"{name}.csv", 1, name, "figure",
                              f"figure inconnue (connues : {', '.join(sorted(PLOTS))})")]
    meta, problems = _read_meta(directory / f"{name}.yml", name)
    rows, row_problems = _read_rows(directory / f"{name}.csv", PLOTS[name].columns)
    problems += row_problems
    return (FigureData(name, meta, rows) if not problems else None), problems


def load_figure(name: str, directory: Path = FIGURES_DIR) -> FigureData:
    """Read and validate ``<name>.csv`` and ``<name>.yml``; FigureDataError lists every problem."""
    data, problems = read_figure(name, directory)
    if problems:
        raise FigureDataError(problems)
    return data


def check_figures(paths: list[Path] | None = None) -> list[Problem]:
    """Every problem of the figures named by their files (``.csv`` or ``.yml``) or folders (all by default)."""
    names: dict[tuple[Path, str], None] = {}
    for path in map(Path, paths or [FIGURES_DIR]):
        for file in sorted(path.glob("*.csv")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]:
            names[(file.parent, file.stem)] = None
    return [problem for directory, name in names for problem in read_figure(name, directory)[1]]


def plot(data: FigureData) -> Figure:
    """The figure of ``data``, drawn by the plot function registered for its name."""
    return PLOTS[data.name].plot(data)


# --- style and plots --------------------------------------------------------------------------------


def style() -> dict:
    """The course's matplotlib settings, for ``plt.rc_context(style())`` around the drawing of a figure."""
    # Large type on a narrow figure: the image is scaled to ~340 px wide on a phone, where 14 pt still
    # reads at about 13 px.
    return {
        "font.size": 14,
        "axes.labelsize": 14,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 13,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "hatch.linewidth": 0.8,
        "svg.hashsalt": "kaart",  # stable SVG ids: rebuilding an unchanged figure gives the same file
    }


def new_figure(height: float) -> tuple[Figure, plt.Axes]:
    """A figure of the course's width and ``height`` inches, with one axes whose top and right spines are off."""
    with plt.rc_context(style()):
        fig = Figure(figsize=(FIGURE_WIDTH, height), layout="constrained")
        ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _wrap(label: str) -> str:
    """Long category names on two lines, so the plot keeps its width on a phone."""
    return label.replace("Communautés ", "Communautés\n", 1)


def plot_tracc(data: FigureData) -> Figure:
    """Warming of the reference trajectory per territory: one row per territory, one marker per horizon."""
    with plt.rc_context(style()):
        fig, ax = new_figure(4.2)
        zones = list(dict.fromkeys(data.column("territoire")))
        horizons = list(dict.fromkeys(data.column("horizon")))
        values = {(r["territoire"], r["horizon"]): float(r["rechauffement_c"]) for r in data.rows}
        rows = range(len(zones))[::-1]  # first zone on top
        for y, zone in zip(rows, zones):
            xs = [values[(zone, h)] for h in horizons if (zone, h) in values]
            ax.plot(xs, [y] * len(xs), color=GREYS[2], linewidth=2, zorder=1)
        for index, horizon in enumerate(horizons):
            xs = [values[(zone, horizon)] for zone in zones]
            ax.scatter(xs, list(rows), marker=_MARKERS[index], s=90, zorder=2, label=horizon,
                       facecolor=("white", GREYS[1], INK)[index % 3], edgecolor=INK, linewidth=1.4)
        ax.set_yticks(list(rows), zones)
        ax.set_xlabel("Réchauffement (°C)\npar rapport à 1850-1900")
        ax.set_xlim(1, 4.4)
        ax.set_xticks([1, 2, 3, 4])
        ax.xaxis.set_major_formatter(lambda x, _pos: format_number(x, 1))
        ax.grid(axis="x", color=GREYS[3], linewidth=0.6)
        ax.set_axisbelow(True)
        fig.legend(title="Horizon", loc="outside upper center", ncols=3, frameon=False)
    return fig


def plot_epci_par_type(data: FigureData) -> Figure:
    """Each category's share of the intercommunalités, of their communes and of their inhabitants."""
    measures = (("epci", "des intercommunalités"), ("communes", "des communes"),
                ("population_municipale", "des habitants"))
    with plt.rc_context(style()):
        fig, ax = new_figure(5.6)
        labels = data.column("libelle")
        height = 0.26
        for index, (column, legend) in enumerate(measures):
            values = data.numbers(column)
            shares = [100 * value / sum(values) for value in values]
            ys = [row + (index - 1) * height for row in range(len(labels))]
            bars = ax.barh(ys, shares, height=height, color=("white", GREYS[2], INK)[index],
                           edgecolor=INK, hatch=("//", "", "")[index], label=f"Part {legend}")
            for bar, share in zip(bars, shares):
                ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{format_number(share, 0)} %",
                        va="center", fontsize=12, color=INK)
        ax.set_yticks(range(len(labels)), [_wrap(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel("Part du total national (%)")
        ax.set_xlim(0, 100)
        fig.legend(loc="outside upper center", ncols=1, frameon=False)
    return fig


def plot_exposition_risques(data: FigureData) -> Figure:
    """Share of communes strongly or very strongly exposed to climate-related natural hazards."""
    with plt.rc_context(style()):
        fig, ax = new_figure(3.4)
        labels = data.column("territoire")[::-1]
        shares = data.numbers("part_communes_pct")[::-1]
        colours = [GREYS[2] if "métropol" in label.lower() else INK for label in labels]
        bars = ax.barh(labels, shares, color=colours, edgecolor=INK)
        for bar, share in zip(bars, shares):
            ax.text(bar.get_width() + 1.5, bar.get_y() + bar.get_height() / 2, f"{format_number(share, 0)} %",
                    va="center", color=INK)
        ax.set_xlabel("Part des communes (%)")
        ax.set_xlim(0, 115)
        ax.set_xticks([0, 25, 50, 75, 100])
    return fig


def plot_tete_engagement(data: FigureData) -> Figure:
    """Share of intercommunalités of each category engaged in ADEME's Territoire Engagé programme."""
    with plt.rc_context(style()):
        fig, ax = new_figure(3.8)
        labels = [_wrap(label) for label in data.column("categorie")[::-1]]
        shares = data.numbers("part_engagee_pct")[::-1]
        bars = ax.barh(labels, [100] * len(shares), color="white", edgecolor=GREYS[2], linewidth=0.8)
        engaged = ax.barh(labels, shares, color=GREEN, edgecolor=INK, hatch="//")
        del bars
        for bar, share in zip(engaged, shares):
            ax.text(101.5, bar.get_y() + bar.get_height() / 2, f"{format_number(share, 0)} %", va="center", color=INK)
        ax.set_xlabel("Part engagée (%)")
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 25, 50, 75, 100])
    return fig


PLOTS: dict[str, _Spec] = {
    "tracc": _Spec(plot_tracc, {"territoire": str, "horizon": str, "rechauffement_c": float}),
    "epci-par-type": _Spec(plot_epci_par_type, {"type": str, "libelle": str, "epci": float, "communes": float,
                                                "population_municipale": float}),
    "exposition-risques": _Spec(plot_exposition_risques, {"territoire": str, "part_communes_pct": float}),
    "tete-engagement": _Spec(plot_tete_engagement, {"categorie": str, "part_engagee_pct": float}),
}


def figure_names(directory: Path = FIGURES_DIR) -> list[str]:
    """Names of every figure whose data file sits in ``directory``."""
    return sorted(path.stem for path in directory.glob("*.csv"))
