"""Pitch studio data: the course's files validate; broken files are reported with file, line, item, field,
and their unusable rows are set aside and counted; the widget, the directive and the printed worksheet."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest

from kaart_course import cli, pitch
from kaart_course._widget import MIME_TYPE
from kaart_course.sphinxext.pitch import print_form
from kaart_course.sphinxext.widgets import mount_html

FIXTURES = Path(__file__).parent / "fixtures" / "pitch"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def read_with(*fixtures: str):
    """The course's pitch data with some files replaced by fixtures (``case/file.yml``)."""
    paths = [FIXTURES / f for f in fixtures]
    return pitch.read_data(overrides={p.stem: p for p in paths})


def test_course_data_is_valid_and_complete():
    data, problems = pitch.read_data()
    assert [str(p) for p in problems] == []
    assert data.set_aside == {}
    assert len(data.territories) == 6
    assert len(data.profiles) >= 7
    assert [item.id for item in data.structure] == [
        "qui-je-suis", "accroche-locale", "deja-fait", "chiffre-source", "competences", "suite"]
    assert len(data.objections) >= 12
    assert {s.id for s in data.situations} >= {"rencontre-fortuite", "ouverture-rendez-vous", "reunion-publique"}
    assert data.rate.words_per_minute == 130 and data.rate.source.url.startswith("https://")
    assert {rule.kind for rule in data.wording.rules} == {"alarmist", "guilt", "partisan"}


def test_every_territory_and_profile_has_objections():
    data = pitch.load_data()
    for territory in data.territories:
        assert any("all" in o.territories or territory.id in o.territories for o in data.objections), territory.id
    for profile in data.profiles:
        assert sum(profile.id in o.profiles for o in data.objections) >= 1, profile.id


def test_glossary_terms_with_a_plain_alternative_feed_the_jargon_flags():
    data = pitch.load_data()
    terms = {t.term for t in data.glossary}
    assert {"PCAET", "SCoT", "PLU", "PLUi", "GEMAPI", "TRACC", "EPCI", "PAT", "AOM", "ZAN", "SRADDET", "CRTE",
            "PNACC", "DICRIM", "PCS"} <= terms
    assert "adjoint au maire" not in terms, "les termes autorisés par wording.yml ne sont pas du jargon"
    assert all(t.plain for t in data.glossary)


@pytest.mark.parametrize(
    ("fixture", "line", "item", "field", "message"),
    [
        ("unknown-ids/objections.yml", 16, "maire-de-paris", "profiles", "identifiant inconnu 'maire-de-paris'"),
        ("unknown-ids/objections.yml", 17, "maire-de-paris", "territories", "s'emploie seul"),
        ("bad-pattern/structure.yml", 6, "qui-je-suis", "patterns", "expression régulière invalide"),
        ("bad-pattern/structure.yml", 16, "sans-exemple", "patterns", "lettres, chiffres"),
        ("bad-pattern/structure.yml", 11, "sans-exemple", "examples", "chaque règle porte ses exemples"),
        ("unknown-kind/wording.yml", 21, "ironique", "kind", "genre inconnu 'irony'"),
        ("unknown-kind/wording.yml", 8, "jargon", "allowed", "n'est pas un terme du glossaire"),
        ("bad-rate/scenes.yml", 2, "speaking_rate", "words_per_minute", "hors des bornes"),
        ("bad-rate/scenes.yml", 4, "speaking_rate", "source", "absente de references.bib"),
        ("bad-rate/scenes.yml", 8, "budget_margin", "over", "hors des bornes"),
        ("bad-rate/scenes.yml", 17, "reunion-publique", "max_seconds", "plus court que min_seconds"),
        ("bad-rate/scenes.yml", 23, "custom", "default_seconds", "hors des bornes"),
        ("short-briefing/profiles.yml", 3, "maire-rural", "territories", "identifiant inconnu 'banlieue'"),
        ("short-briefing/profiles.yml", 4, "maire-rural", "concerns", "au moins 2"),
        ("glossary-duplicate/glossaire.yml", 5, "plu", "term", "« plu » déjà défini ligne 1"),
        ("glossary-duplicate/glossaire.yml", 12, "SCoT", "plain", "vide ou absent"),
        ("grid-duplicate/grid.yml", 10, "presentation", "id", "identifiant en double"),
        ("grid-duplicate/grid.yml", 12, "accroche", "text", "vide ou absent"),
        ("bad-yaml/objections.yml", 4, "objections", "yaml", "YAML invalide"),
    ],
)
def test_broken_file_is_reported_with_location(fixture, line, item, field, message):
    path = FIXTURES / fixture
    problems, _ = pitch.check([path])
    matching = [p for p in problems if (p.path, p.line, p.item, p.field) == (path, line, item, field)]
    assert matching, f"attendu {path}:{line}: {item}: {field}, obtenu : {[str(p) for p in problems]}"
    assert message in matching[0].message
    assert str(matching[0]).startswith(f"{path}:{line}: {item}: {field}: ")


@pytest.mark.parametrize(
    ("fixture", "file", "kept", "set_aside"),
    [
        ("unknown-ids/objections.yml", "objections.yml", 1, 1),
        ("bad-pattern/structure.yml", "structure.yml", 0, 2),
        ("unknown-kind/wording.yml", "wording.yml", 1, 1),
        ("grid-duplicate/grid.yml", "grid.yml", 1, 2),
        ("glossary-duplicate/glossaire.yml", "glossaire.yml", 1, 2),
    ],
)
def test_unusable_rows_are_set_aside_and_counted(fixture, file, kept, set_aside):
    data, problems = read_with(fixture)
    assert problems
    assert data.set_aside[file] == set_aside
    usable = {
        "objections.yml": lambda: data.objections,
        "structure.yml": lambda: data.structure,
        "wording.yml": lambda: data.wording.rules,
        "grid.yml": lambda: [c for s in data.grid.sections for c in s.criteria],
        "glossaire.yml": lambda: data.glossary,
    }[file]()
    assert len(usable) == kept


def test_a_set_aside_profile_takes_its_objections_with_it():
    data, problems = read_with("short-briefing/profiles.yml")
    assert data.set_aside["profiles.yml"] == 1
    assert any(p.path.name == "objections.yml" and "maire-commune-rurale" in p.message for p in problems)


def test_load_data_refuses_broken_data():
    with pytest.raises(pitch.PitchDataError) as raised:
        pitch.load_data(overrides={"objections": FIXTURES / "unknown-ids/objections.yml"})
    assert "maire-de-paris" in str(raised.value)


def test_cli_check_exits_non_zero_and_lists_problems(capsys):
    assert cli.run(["pitch", "check", str(FIXTURES / "unknown-ids/objections.yml"),
                    str(FIXTURES / "unknown-kind/wording.yml")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"unknown-ids/objections\.yml:16: maire-de-paris: profiles: ", err)
    assert re.search(r"unknown-kind/wording\.yml:21: ironique: kind: ", err)
    assert "objections.yml : 1 élément(s) écarté(s)" in err


def test_cli_check_accepts_the_folder_of_the_studio(capsys):
    from kaart_course.paths import DATA_DIR

    assert cli.run(["pitch", "check", str(DATA_DIR / "pitch")]) == 0


def test_cli_check_rejects_a_file_the_studio_does_not_know(tmp_path, capsys):
    stray = tmp_path / "divers.yml"
    stray.write_text("- a\n", encoding="utf-8")
    assert cli.run(["pitch", "check", str(stray)]) == 1
    assert "fichier inconnu du studio" in capsys.readouterr().err


@pytest.mark.parametrize("part", pitch.PARTS)
def test_each_part_names_its_sections_and_carries_the_whole_sheet(part):
    state = pitch.load_data().to_state(part)
    assert state["part"] == part
    assert state["sections"] == {
        "all": ["scene", "writer", "timer", "objections", "grid"],
        "writer": ["scene", "writer", "timer"],
        "timer": ["scene", "timer"],
        "objections": ["scene", "objections"],
        "grid": ["grid"],
    }[part]
    assert {"situations", "rate", "structure", "wording", "glossary", "objections", "grid"} <= set(state)
    assert "examples" not in json.dumps(state), "les exemples des règles ne servent qu'aux tests"


def test_hostile_text_cannot_become_markup():
    data, problems = read_with("hostile/objections.yml")
    assert problems == []
    page = mount_html("pitch", data.to_state("objections"), pitch.anchor("objections"))
    payload = re.search(r'<script type="application/json" class="kaart-state">(.*?)</script>', page, re.S).group(1)
    assert "<" not in payload and ">" not in payload
    state = json.loads(payload)
    objection = state["objections"][0]
    assert objection["objection"] == "</script><script>alert(1)</script>", "le texte reste lisible tel quel"
    assert not any(node.get("t") == "link" for node in objection["behind"]), "un lien javascript: n'est pas un lien"
    assert objection["advice"]["territory"][0] == {"t": "link", "href": "https://example.org",
                                                   "c": [{"t": "text", "v": "lien sûr"}]}
    assert page.count("<script") == 2, "the state, and the call that mounts it"


def test_studio_returns_a_widget_with_both_forms_and_readable_traits():
    widget = pitch.studio("writer")
    data, _ = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data[MIME_TYPE]["module"] == "pitch" and data[MIME_TYPE]["id"] == "pitch-writer"
    assert data[MIME_TYPE]["state"]["part"] == "writer"
    assert "exécutez cette cellule" in data["text/plain"]
    assert "export {" in widget._esm and "render" in widget._esm
    assert widget.draft == "" and widget.scene == {} and widget.answers == {} and widget.ratings == {}
    for trait in ("draft", "scene", "answers", "ratings"):
        assert widget.trait_metadata(trait, "sync")
    with pytest.raises(ValueError, match="partie inconnue"):
        pitch.studio("tout")


def test_printed_worksheet_has_grid_timing_cards_and_self_assessment():
    data = pitch.load_data()
    [form] = print_form(data.to_state("all"))
    assert "kaart-pitch-print" in form["classes"]
    text = form.astext()
    for item in data.structure:
        assert item.label in text
    assert "≈ 65 mots" in text, "30 s à 130 mots par minute"
    assert "≈ 390 à 650 mots" in text, "3 à 5 min"
    assert "≈ 650 mots" in text, "5 min"
    assert data.rate.source.title in text
    cards = [n for n in form.findall() if "kaart-pitch-print-card" in getattr(n, "get", lambda *_: [])("classes", [])]
    assert len(cards) == len(data.objections)
    assert all("Reconnaître" in card.astext() and "Recadrer" in card.astext() for card in cards)
    for criterion in (c for s in data.grid.sections for c in s.criteria):
        assert criterion.text in text
    assert text.count("☐") >= len(data.grid.scale) * sum(len(s.criteria) for s in data.grid.sections)


def test_printed_worksheet_follows_the_part():
    data = pitch.load_data()
    grid_only = print_form(data.to_state("grid"))[0].astext()
    assert data.grid.title in grid_only and "Cartes objections" not in grid_only and "Ma scène" not in grid_only
    objections = print_form(data.to_state("objections"))[0].astext()
    assert "Cartes objections" in objections and data.grid.title not in objections


def test_each_printed_block_is_marked_to_print_once():
    """The PDF guide prints the worksheet, the cards and the grid once, whichever pages hold the studio: each
    block carries its key (kaart_course.pdf), the same from every part that shows it."""
    data = pitch.load_data()

    def keys(part):
        [form] = print_form(data.to_state(part))
        return [c for n in form.children for c in n["classes"] if c.startswith("kaart-print-key-")]

    assert keys("all") == ["kaart-print-key-pitch-fiche", "kaart-print-key-pitch-cartes", "kaart-print-key-pitch-grille"]
    assert keys("objections")[-1] == "kaart-print-key-pitch-cartes"
    assert keys("writer") == ["kaart-print-key-pitch-fiche"]
    assert keys("grid") == ["kaart-print-key-pitch-grille"]


def _sphinx_build(tmp_path, source: str, data_dir: Path | None = None):
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["kaart_course.sphinxext.pitch"]\nlanguage = "fr"\n'
                                 f'kaart_data_dir = {str(data_dir or "")!r}\n', encoding="utf-8")
    (src / "index.rst").write_text(source, encoding="utf-8")
    warnings = StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=StringIO(), warning=warnings, freshenv=True)
    app.build()
    # Several Sphinx applications in one process re-register Sphinx's own nodes: that warning is not ours.
    lines = [_ANSI.sub("", line) for line in warnings.getvalue().splitlines()]
    return tmp_path / "out" / "index.html", "\n".join(line for line in lines if "is already registered" not in line)


def test_directive_mounts_the_part_and_its_worksheet(tmp_path):
    page, warnings = _sphinx_build(tmp_path, "Page\n====\n\n.. kaart-pitch::\n   :part: objections\n")
    html = page.read_text(encoding="utf-8")
    assert warnings == ""
    assert 'data-kaart-widget="pitch" id="pitch-objections"' in html
    assert "kaart-print-form" in html and "Cartes objections" in html


def test_directive_refuses_an_unknown_part(tmp_path):
    _, warnings = _sphinx_build(tmp_path, "Page\n====\n\n.. kaart-pitch::\n   :part: tout\n")
    assert "tout" in warnings and "ERROR" in warnings


def test_broken_data_fails_the_build(tmp_path):
    import shutil

    from kaart_course.paths import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "pitch", data / "pitch")
    shutil.copy(DATA_DIR / "glossaire.yml", data / "glossaire.yml")
    shutil.copy(FIXTURES / "unknown-ids/objections.yml", data / "pitch" / "objections.yml")
    _, warnings = _sphinx_build(tmp_path, "Page\n====\n\n.. kaart-pitch::\n", data)
    assert "données du studio de présentation invalides" in warnings
    assert re.search(r"objections\.yml:16: maire-de-paris: profiles: identifiant inconnu", warnings)


# --- One structure, read from one place ------------------------------------------------------------------


def _labels_in_order(text: str, labels: list[str]) -> bool:
    positions = [text.find(label) for label in labels]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def test_the_steps_are_the_same_in_the_studio_the_worksheet_and_the_quiz():
    from kaart_course import quiz

    data = pitch.load_data()
    labels = [item.label for item in data.structure]
    assert [item["label"] for item in data.to_state("writer")["structure"]] == labels
    worksheet = print_form(data.to_state("all"))[0].astext()
    assert _labels_in_order(worksheet, labels)
    trame = next(q for q in quiz.load_bank("04-preparer").questions if q.id == "q-trame")
    assert [item["id"] for item in trame.details["items"]] == [item.id for item in data.structure]
    assert [item["text"][0]["v"] for item in trame.details["items"]] == labels


def test_the_steps_fill_the_time_of_each_situation_and_a_wrong_plan_is_refused(tmp_path):
    data = pitch.load_data()
    for situation in data.situations:
        assert sum(item.seconds[situation.id] for item in data.structure) == situation.max_seconds
    broken = tmp_path / "structure.yml"
    from kaart_course.paths import DATA_DIR

    broken.write_text((DATA_DIR / "pitch" / "structure.yml").read_text(encoding="utf-8").replace(
        "ouverture-rendez-vous: 20,", "ouverture-rendez-vous: 25,", 1), encoding="utf-8")
    problems, _ = pitch.check([broken])
    assert any(p.field == "seconds" and "durent 305 s" in p.message for p in problems), [str(p) for p in problems]


def test_the_page_shows_the_steps_from_the_data(tmp_path):
    page, warnings = _sphinx_build(tmp_path, "Page\n====\n\n.. kaart-pitch-trame::\n\n.. kaart-pitch-trame::\n"
                                             "   :tableau: durees\n")
    html = page.read_text(encoding="utf-8")
    assert warnings == ""
    labels = [item.label for item in pitch.load_data().structure]
    assert _labels_in_order(html.replace("&#8217;", "'").replace("’", "'"), [label.replace("’", "'") for label in labels])
    assert "Présentation en rendez-vous" in html and "En tout" in html
