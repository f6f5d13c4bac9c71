"""The command line (kaart_course.cli), called through run(argv) as a test would, without a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaart_course.cli import run

PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check"]) == 0
    out, err = capsys.readouterr()
    assert "tout est valide" in out
    assert err == ""


def test_check_covers_every_kind_of_data() -> None:
    from kaart_course.checks import CHECKS

    assert {"pages", "quiz", "pitch", "glossaire", "figures"} <= set(CHECKS)


def test_a_broken_glossary_or_figure_fails_its_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import shutil

    fixtures = Path(__file__).parent / "fixtures"
    assert run(["glossaire", "check", str(fixtures / "glossary" / "doublon.yml")]) == 1
    assert "déjà défini" in capsys.readouterr().err
    for suffix in (".csv", ".yml"):  # a figure's files carry its name, which says how to read them
        shutil.copy(fixtures / "figures" / f"bad-number{suffix}", tmp_path / f"tete-engagement{suffix}")
    assert run(["figures", "check", str(tmp_path)]) == 1
    assert "nombre attendu" in capsys.readouterr().err


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["quiz", "check", "nulle-part.yml"])
    assert exit_info.value.code == 2 and "introuvable" in capsys.readouterr().err


def test_pages_check_passes_on_all_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["pages", "check"]) == 0
    assert "Pages : tout est valide." in capsys.readouterr().out


def test_pages_check_passes_on_a_good_page() -> None:
    assert run(["pages", "check", str(PAGES / "good.md")]) == 0


def test_broken_page_fails_and_names_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    broken = PAGES / "objectifs-after-section.md"
    assert run(["pages", "check", str(PAGES / "good.md"), str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:7: objectifs: le bloc doit précéder la première section" in err
    assert "Pages : 1 problème(s)." in err


def test_every_problem_of_every_page_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    broken = [PAGES / "missing-duree.md", PAGES / "a-retenir-after-sources.md"]
    assert run(["pages", "check", *map(str, broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken[0]}:3: " in err
    assert err.count(f"{broken[1]}:16: ") == 2
    assert "Pages : 3 problème(s)." in err


def test_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run([])
    assert exit_info.value.code == 2
    assert "usage: kaart" in capsys.readouterr().err
