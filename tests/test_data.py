"""The validation toolkit every loader uses (kaart_course._data): YAML with line numbers, Problem, Collector."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaart_course._data import Collector, Problem, files_in, parse_yaml, read_mapping, read_yaml


def _yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lines_of_keys_and_items(tmp_path):
    data, problems = read_yaml(_yaml(tmp_path, "# commentaire\na: 1\nliste:\n  - un\n  - {b: 2}\n"))
    assert problems == []
    assert data.line_of("a") == 2 and data.line_of("liste") == 3
    assert data["liste"].item_lines == [4, 5]
    assert data["liste"][1].line == 5


def test_duplicate_key_is_a_problem_with_its_line(tmp_path):
    path = _yaml(tmp_path, "a: 1\nb: 2\na: 3\n")
    data, problems = read_yaml(path)
    assert data is None
    assert str(problems[0]).startswith(f"{path}:3: yaml: ") and "'a' en double" in problems[0].message


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = _yaml(tmp_path, 'a: 1\nb: "non fermé\nc: 2\n')
    _, problems = read_yaml(path)
    assert problems[0].field == "yaml" and "YAML invalide" in problems[0].message and problems[0].line >= 2


def test_unreadable_and_missing_files(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xff\xfe\x00a")
    assert "illisible" in read_yaml(path)[1][0].message
    assert read_yaml(tmp_path / "absent.yml")[1][0].message == "fichier introuvable"


@pytest.mark.parametrize(("text", "message"), [
    ("", "attendu une table"),              # an empty file is not silently « nothing to check »
    ("- a\n- b\n", "attendu une table"),
    ("a: [\n", "YAML invalide"),
])
def test_a_file_that_is_not_a_table_is_refused_with_the_reason(tmp_path, text, message):
    data, check = read_mapping(_yaml(tmp_path, text), "suivi", "fichier", "une table")
    assert data is None and len(check.problems) == 1 and message in check.problems[0].message


def test_a_table_comes_with_a_collector_for_the_same_file(tmp_path):
    path = _yaml(tmp_path, "a: 1\n")
    data, check = read_mapping(path, "suivi", "fichier", "une table")
    assert data == {"a": 1} and check.path == path and check.problems == []


def test_text_parsed_below_the_top_of_a_file_keeps_the_real_lines(tmp_path):
    data, _ = parse_yaml("kaart:\n  pdf: false\n", tmp_path / "page.md", first_line=2)
    assert data.line_of("kaart") == 2 and data["kaart"].line_of("pdf") == 3
    _, problems = parse_yaml("a: [\n", tmp_path / "page.md", first_line=5)
    assert problems[0].line >= 5


def test_problem_reads_file_line_item_field_message():
    assert str(Problem(Path("q.yml"), 4, "q-1", "answer", "absente")) == "q.yml:4: q-1: answer: absente"
    assert str(Problem(Path("p.md"), 7, "", "objectifs", "absent")) == "p.md:7: objectifs: absent"


def test_collector_reports_every_problem_of_a_row(tmp_path):
    data, _ = read_yaml(_yaml(tmp_path, "id: Pas Bon\nn: 500\nok: oui\nkind: x\nwhen: 2026-13\nurl: ftp://x\n"))
    check = Collector(tmp_path / "x.yml")
    check.identifier(data, "ligne", set())
    check.number(data, "n", "ligne", 0, 100)
    check.boolean(data, "ok", "ligne", default=False)
    check.choice(data, "kind", "ligne", ("a", "b"))
    check.date(data, "when", "ligne")
    check.url(data, "url", "ligne")
    check.text(data, "absent", "ligne")
    check.unknown_keys(data, ("id", "n"), "ligne")
    fields = [p.field for p in check.problems]
    assert fields[:7] == ["id", "n", "ok", "kind", "when", "url", "absent"]
    assert {"ok", "kind", "when", "url"} <= set(fields[7:])
    assert [p.line for p in check.problems[:6]] == [1, 2, 3, 4, 5, 6]


def test_collector_counts_rows_set_aside(tmp_path):
    check = Collector(tmp_path / "x.yml")
    check.count_set_aside("questions", read=5, kept=3)
    check.count_set_aside("questions", read=2, kept=2)
    assert check.set_aside == {"questions": 2}


def test_dates_written_by_yaml_are_read_as_text(tmp_path):
    data, _ = read_yaml(_yaml(tmp_path, "when: 2026-03-15\nmonth: 2024-08\n"))
    check = Collector(tmp_path / "x.yml")
    assert check.date(data, "when", "x") == "2026-03-15" and check.date(data, "month", "x") == "2024-08"
    assert check.problems == []


def test_folders_are_expanded_to_their_files(tmp_path):
    (tmp_path / "b.yml").write_text("a: 1\n")
    (tmp_path / "a.yml").write_text("a: 1\n")
    (tmp_path / "note.md").write_text("x\n")
    assert [p.name for p in files_in([tmp_path], "*.yml")] == ["a.yml", "b.yml"]
    assert files_in([tmp_path / "note.md"], "*.yml") == [tmp_path / "note.md"]
