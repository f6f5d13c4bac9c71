"""The figures' data files and the plots drawn from them (kaart_course.figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from kaart_course import figures


def _fixture(fixtures: Path, tmp_path: Path, stem: str, name: str = "tete-engagement") -> Path:
    """Copy fixture ``stem`` under a registered figure name, so the loader applies that figure's schema."""
    for suffix in (".csv", ".yml"):
        source = fixtures / "figures" / f"{stem}{suffix}"
        if source.exists():
            shutil.copy(source, tmp_path / f"{name}{suffix}")
    return tmp_path


@pytest.mark.parametrize("name", figures.figure_names())
def test_every_data_file_loads_and_plots(name: str) -> None:
    data = figures.load_figure(name)
    assert data.meta.alt and data.meta.source.url.startswith("https://")
    fig = figures.plot(data)
    assert isinstance(fig, Figure)
    for ax in fig.axes:
        assert ax.get_xlabel(), f"{name}: axe des x sans titre"
        assert [tick.get_text() for tick in ax.get_yticklabels()], f"{name}: axe des y sans étiquettes"


def test_every_registered_plot_has_its_data() -> None:
    assert sorted(figures.PLOTS) == figures.figure_names()


def test_a_good_file_loads(fixtures: Path, tmp_path: Path) -> None:
    data = figures.load_figure("tete-engagement", _fixture(fixtures, tmp_path, "good"))
    assert data.numbers("part_engagee_pct") == [10.0, 20.5]
    assert data.meta.source.date == "2024-08"


@pytest.mark.parametrize(("stem", "where", "message"), [
    ("bad-number", "tete-engagement.csv:5:", "ligne 5: part_engagee_pct: nombre attendu"),
    ("missing-column", "tete-engagement.csv:1:", "colonnes: colonne(s) absente(s) : part_engagee_pct"),
    ("no-url", "tete-engagement.yml:4:", "source: url: vide ou absent"),
    ("bad-date", "tete-engagement.yml:6:", "source: date: date 'août 2024' : attendu AAAA"),
    ("empty-alt", "tete-engagement.yml:2:", "tete-engagement: alt: vide ou absent"),
    ("no-yml", "tete-engagement.yml:1:", "fichier: fichier introuvable"),
])
def test_errors_name_file_line_and_field(fixtures: Path, tmp_path: Path, stem: str, where: str,
                                         message: str) -> None:
    with pytest.raises(figures.FigureDataError) as error:
        figures.load_figure("tete-engagement", _fixture(fixtures, tmp_path, stem))
    assert where in str(error.value)
    assert message in str(error.value)


def test_an_unknown_figure_is_refused() -> None:
    with pytest.raises(figures.FigureDataError, match="figure inconnue"):
        figures.load_figure("nope")


def test_every_problem_of_both_files_is_reported(fixtures: Path, tmp_path: Path) -> None:
    directory = _fixture(fixtures, tmp_path, "bad-number")
    (directory / "tete-engagement.yml").write_text('title: ""\nalt: ""\nlicence: x\n', encoding="utf-8")
    with pytest.raises(figures.FigureDataError) as error:
        figures.load_figure("tete-engagement", directory)
    fields = [problem.field for problem in error.value.problems]
    assert fields == ["title", "alt", "source", "part_engagee_pct"]


def test_check_accepts_files_and_folders(fixtures: Path, tmp_path: Path) -> None:
    assert figures.check_figures() == []
    directory = _fixture(fixtures, tmp_path, "bad-number")
    assert len(figures.check_figures([directory])) == 1
    assert len(figures.check_figures([directory / "tete-engagement.csv"])) == 1


def test_render_writes_svg_and_png_once(tmp_path: Path) -> None:
    from kaart_course.sphinxext.figures import render

    data = figures.load_figure("tracc")
    sources = [figures.FIGURES_DIR / "tracc.csv", figures.FIGURES_DIR / "tracc.yml"]
    stem = render(data, tmp_path, sources)
    svg, png = stem.with_suffix(".svg"), stem.with_suffix(".png")
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    before = svg.stat().st_mtime_ns
    render(data, tmp_path, sources)
    assert svg.stat().st_mtime_ns == before  # up to date: not drawn again


@pytest.mark.parametrize(("date", "french"), [("2026", "2026"), ("2024-08", "août 2024"),
                                              ("2026-01-25", "25 janvier 2026"), ("2024-08-01", "1er août 2024")])
def test_source_dates_read_in_french(date: str, french: str) -> None:
    assert figures.Source("t", "https://x.org", date).date_fr == french
