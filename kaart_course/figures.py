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
import yaml  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from kaart_course.paths import DATA_DIR  # noqa: E402

FIGURES_DIR = DATA_DIR / "figures"
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL_RE = re.compile(r"^https?://\S+$")

# Black-and-white friendly palette: dark to light greys with the course green for emphasis.
_INK = "#1a1a1a"
_GREEN = "#1f5f4a"
_GREYS = ("#1a1a1a", "#555555", "#8c8c8c", "#c4c4c4")
_HATCHES = ("", "//", "..", "xx", "\\\\")
_MARKERS = ("o", "s", "^", "D", "v")
FIGURE_WIDTH = 5.0  # inches: about half an A4 text width in print, a full phone width on screen


class FigureDataError(ValueError):
    """A data or metadata file of a figure is missing, malformed or incomplete."""


_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str  # AAAA, AAAA-MM or AAAA-MM-JJ

    @property
    def date_fr(self) -> str:
        """The date as a French reader writes it: « 2026 », « août 2024 », « 25 janvier 2026 »."""
        parts = [int(part) for part in self.date.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        month = _MONTHS[parts[1] - 1]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        day = "1er" if parts[2] == 1 else str(parts[2])
        return f"{day} {month} {parts[0]}"


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


def _error(path: Path, line: int, message: str) -> FigureDataError:
    return FigureDataError(f"{path}:{line}: {message}")


def _mapping_lines(node: yaml.MappingNode) -> dict[str, tuple[int, yaml.Node]]:
    return {key.value: (key.start_mark.line + 1, value) for key, value in node.value}


def _text_field(path: Path, fields: dict, parent_line: int, key: str, prefix: str = "") -> tuple[str, int]:
    if key not in fields:
        raise _error(path, parent_line, f"{prefix}{key}: champ obligatoire absent")
    line, node = fields[key]
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str) or not value.strip():
        raise _error(path, line, f"{prefix}{key}: texte non vide attendu")
    return value.strip(), line


def _read_meta(path: Path) -> FigureMeta:
    if not path.exists():
        raise _error(path, 1, "fichier de métadonnées absent")
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 1
        raise _error(path, line, f"YAML illisible : {error}") from error
    if not isinstance(root, yaml.MappingNode):
        raise _error(path, 1, "un dictionnaire est attendu (title, alt, source, licence)")
    fields = _mapping_lines(root)
    title, _ = _text_field(path, fields, 1, "title")
    alt, _ = _text_field(path, fields, 1, "alt")
    licence, _ = _text_field(path, fields, 1, "licence")
    if "source" not in fields:
        raise _error(path, 1, "source: champ obligatoire absent")
    source_line, source_node = fields["source"]
    if not isinstance(source_node, yaml.MappingNode):
        raise _error(path, source_line, "source: dictionnaire attendu (title, url, date)")
    source_fields = _mapping_lines(source_node)
    source_title, _ = _text_field(path, source_fields, source_line, "title", "source.")
    url, url_line = _text_field(path, source_fields, source_line, "url", "source.")
    if not _URL_RE.match(url):
        raise _error(path, url_line, f"source.url: adresse http(s) attendue, pas {url!r}")
    date, date_line = _text_field(path, source_fields, source_line, "date", "source.")
    if not _DATE_RE.match(date):
        raise _error(path, date_line, f"source.date: AAAA, AAAA-MM ou AAAA-MM-JJ attendu, pas {date!r}")
    return FigureMeta(title, alt, Source(source_title, url, date), licence)


def _read_rows(path: Path, columns: dict[str, type]) -> tuple[dict[str, str], ...]:
    if not path.exists():
        raise _error(path, 1, "fichier de données absent")
    # Lines starting with "#" document the file (what each column means); they are not data.
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)]
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if not line.startswith("#")]
    if not numbered:
        raise _error(path, 1, "fichier vide")
    reader = csv.DictReader(line for _, line in numbered)
    header = reader.fieldnames or []
    header_line = numbered[0][0]
    missing = [name for name in columns if name not in header]
    if missing:
        raise _error(path, header_line, f"colonne(s) absente(s) : {', '.join(missing)}")
    rows = []
    for (line_number, _), row in zip(numbered[1:], reader):
        for name, kind in columns.items():
            value = (row.get(name) or "").strip()
            if not value:
                raise _error(path, line_number, f"{name}: valeur vide")
            if kind is float:
                try:
                    float(value)
                except ValueError:
                    raise _error(path, line_number, f"{name}: nombre attendu, pas {value!r}") from None
            row[name] = value
        rows.append(row)
    if not rows:
        raise _error(path, header_line, "aucune ligne de données")
    return tuple(rows)


def load_figure(name: str, directory: Path = FIGURES_DIR) -> FigureData:
    """Read and validate ``<name>.csv`` and ``<name>.yml``; FigureDataError names file, line and field."""
    if name not in PLOTS:
        raise FigureDataError(f"figure inconnue {name!r} (connues : {', '.join(sorted(PLOTS))})")
    meta = _read_meta(directory / f"{name}.yml")
    rows = _read_rows(directory / f"{name}.csv", PLOTS[name].columns)
    return FigureData(name, meta, rows)


def plot(data: FigureData) -> Figure:
    """The figure of ``data``, drawn by the plot function registered for its name."""
    return PLOTS[data.name].plot(data)


# --- plots ------------------------------------------------------------------------------------------


def _style() -> dict:
    # Large type on a narrow figure: the image is scaled to ~340 px wide on a phone, where 14 pt still
    # reads at about 13 px.
    return {
        "font.size": 14,
        "axes.labelsize": 14,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 13,
        "axes.edgecolor": _INK,
        "axes.labelcolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "hatch.linewidth": 0.8,
        "svg.hashsalt": "kaart",  # stable SVG ids: rebuilding an unchanged figure gives the same file
    }


def _new_figure(height: float) -> tuple[Figure, plt.Axes]:
    with plt.rc_context(_style()):
        fig = Figure(figsize=(FIGURE_WIDTH, height), layout="constrained")
        ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _fr(value: float, decimals: int = 1) -> str:
    """A number written the French way: decimal comma, narrow no-break space for thousands."""
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


def _wrap(label: str) -> str:
    """Long category names on two lines, so the plot keeps its width on a phone."""
    return label.replace("Communautés ", "Communautés\n", 1)


def plot_tracc(data: FigureData) -> Figure:
    """Warming of the reference trajectory per territory: one row per territory, one marker per horizon."""
    with plt.rc_context(_style()):
        fig, ax = _new_figure(4.2)
        zones = list(dict.fromkeys(data.column("territoire")))
        horizons = list(dict.fromkeys(data.column("horizon")))
        values = {(r["territoire"], r["horizon"]): float(r["rechauffement_c"]) for r in data.rows}
        rows = range(len(zones))[::-1]  # first zone on top
        for y, zone in zip(rows, zones):
            xs = [values[(zone, h)] for h in horizons if (zone, h) in values]
            ax.plot(xs, [y] * len(xs), color=_GREYS[2], linewidth=2, zorder=1)
        for index, horizon in enumerate(horizons):
            xs = [values[(zone, horizon)] for zone in zones]
            ax.scatter(xs, list(rows), marker=_MARKERS[index], s=90, zorder=2, label=horizon,
                       facecolor=("white", _GREYS[1], _INK)[index % 3], edgecolor=_INK, linewidth=1.4)
        ax.set_yticks(list(rows), zones)
        ax.set_xlabel("Réchauffement (°C)\npar rapport à 1850-1900")
        ax.set_xlim(1, 4.4)
        ax.set_xticks([1, 2, 3, 4])
        ax.xaxis.set_major_formatter(lambda x, _pos: _fr(x))
        ax.grid(axis="x", color=_GREYS[3], linewidth=0.6)
        ax.set_axisbelow(True)
        fig.legend(title="Horizon", loc="outside upper center", ncols=3, frameon=False)
    return fig


def plot_epci_par_type(data: FigureData) -> Figure:
    """Each category's share of the intercommunalités, of their communes and of their inhabitants."""
    measures = (("epci", "des intercommunalités"), ("communes", "des communes"),
                ("population_municipale", "des habitants"))
    with plt.rc_context(_style()):
        fig, ax = _new_figure(5.6)
        labels = data.column("libelle")
        height = 0.26
        for index, (column, legend) in enumerate(measures):
            values = data.numbers(column)
            shares = [100 * value / sum(values) for value in values]
            ys = [row + (index - 1) * height for row in range(len(labels))]
            bars = ax.barh(ys, shares, height=height, color=("white", _GREYS[2], _INK)[index],
                           edgecolor=_INK, hatch=("//", "", "")[index], label=f"Part {legend}")
            for bar, share in zip(bars, shares):
                ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{_fr(share, 0)} %",
                        va="center", fontsize=12, color=_INK)
        ax.set_yticks(range(len(labels)), [_wrap(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel("Part du total national (%)")
        ax.set_xlim(0, 100)
        fig.legend(loc="outside upper center", ncols=1, frameon=False)
    return fig


def plot_exposition_risques(data: FigureData) -> Figure:
    """Share of communes strongly or very strongly exposed to climate-related natural hazards."""
    with plt.rc_context(_style()):
        fig, ax = _new_figure(3.4)
        labels = data.column("territoire")[::-1]
        shares = data.numbers("part_communes_pct")[::-1]
        colours = [_GREYS[2] if "métropol" in label.lower() else _INK for label in labels]
        bars = ax.barh(labels, shares, color=colours, edgecolor=_INK)
        for bar, share in zip(bars, shares):
            ax.text(bar.get_width() + 1.5, bar.get_y() + bar.get_height() / 2, f"{_fr(share, 0)} %",
                    va="center", color=_INK)
        ax.set_xlabel("Part des communes (%)")
        ax.set_xlim(0, 115)
        ax.set_xticks([0, 25, 50, 75, 100])
    return fig


def plot_tete_engagement(data: FigureData) -> Figure:
    """Share of intercommunalités of each category engaged in ADEME's Territoire Engagé programme."""
    with plt.rc_context(_style()):
        fig, ax = _new_figure(3.8)
        labels = [_wrap(label) for label in data.column("categorie")[::-1]]
        shares = data.numbers("part_engagee_pct")[::-1]
        bars = ax.barh(labels, [100] * len(shares), color="white", edgecolor=_GREYS[2], linewidth=0.8)
        engaged = ax.barh(labels, shares, color=_GREEN, edgecolor=_INK, hatch="//")
        del bars
        for bar, share in zip(engaged, shares):
            ax.text(101.5, bar.get_y() + bar.get_height() / 2, f"{_fr(share, 0)} %", va="center", color=_INK)
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
