"""The territory finder's widget state and print sheet (kaart_course/finder.py, sphinxext/territoire.py), the
message templates to fill in (kaart_course/modeles.py), and the express path with its computed times
(kaart_course/express.py). The search and the card are tested in tests/js/territoires.test.mjs on the real
data; the derivation, the council sizes and the cahier rule in tests/test_territories.py."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from docutils import nodes

from kaart_course import _territories_compact, express, finder, modeles
from kaart_course.course_plan import course_plan
from kaart_course.paths import REPO_ROOT
from kaart_course.sphinxext import modele as modele_ext
from kaart_course.sphinxext import parcours as parcours_ext
from kaart_course.sphinxext import territoire as territoire_ext
from kaart_course.territories import _council_rules, cahier_rules

FIXTURES = Path(__file__).parent / "fixtures"


def _text(node_list) -> str:
    return " ".join(node.astext() for node in node_list)


# --- the finder ---------------------------------------------------------------------------------------------


def test_finder_state_names_the_site_files_and_existing_pages():
    state = finder.finder_state()
    assert state["files"] == {"search": list(_territories_compact.SEARCH), "fiches": list(_territories_compact.FICHES)}
    docnames = {page.docname for page in course_plan()}
    assert {link["page"] for link in state["pages"].values()} <= docnames
    assert {c.page for c in cahier_rules().cahiers} <= docnames
    assert state["siteUrl"].startswith("https://") and state["siteUrl"].endswith("/")
    assert len(json.dumps(state)) < 20_000, "the commune data is loaded on first use, not carried in the page"


def test_finder_says_when_a_commune_was_already_met(monkeypatch, tmp_path):
    from kaart_course.survey import tracking

    fixture = FIXTURES / "enquete" / "suivi-communes.json"
    monkeypatch.setattr(tracking, "TRACKING_PATH", fixture)
    state = finder.finder_state()
    assert state["met"]["05023"] == "en juin 2026, enquête remplie"
    assert state["met"]["35047"] == "en octobre 2026, sans enquête"
    assert state["met"]["242010056"].startswith("en septembre 2026")
    assert "fictif" in state["metNote"]
    monkeypatch.setattr(tracking, "TRACKING_PATH", tmp_path / "absent.json")
    assert finder.finder_state()["met"] == {}


def test_the_paper_sheet_gives_the_rule_for_each_cahier_and_the_council_table():
    state = finder.finder_state()
    printed = territoire_ext.print_form(state)
    text = _text(printed)
    assert "Trouver son territoire" in text
    rule = next(printed[0].findall(lambda n: isinstance(n, nodes.table) and "kaart-territoire-print-rule" in n["classes"]))
    rows = [row.astext() for row in rule.findall(nodes.row)][1:]
    assert len(rows) == len(cahier_rules().cahiers) == 6
    assert "une communauté de communes" in rows[2] and "moins de 20\u202f000 habitants" in rows[2]
    assert "Votre commune est-elle soumise à la loi Littoral ?" in rows[3]
    assert "outre-mer" in rows[5]
    council = next(printed[0].findall(lambda n: isinstance(n, nodes.table) and "kaart-territoire-print-council" in n["classes"]))
    cells = [[entry.astext() for entry in row.findall(nodes.entry)] for row in council.findall(nodes.row)][1:]
    # Printed in two halves side by side: read down the left pair of columns, then down the right one.
    rows = [row[:2] for row in cells] + [row[2:] for row in cells if row[2]]
    brackets = _council_rules().brackets
    assert len(rows) == len(brackets)
    assert rows[0] == ["de 0 à 99", "7"] and rows[1] == ["de 100 à 499", "11"]
    assert rows[-1] == ["300\u202f000 et plus", "69"]
    assert [int(members) for _, members in rows] == [members for _, members in brackets]


# --- the message templates ------------------------------------------------------------------------------------


def test_template_state_has_one_field_per_placeholder_with_choices_and_prefills():
    state = modeles.template_state("demande-rdv-maire", "Courriel au maire")
    text = (modeles.TEMPLATES_DIR / "demande-rdv-maire.txt").read_text(encoding="utf-8")
    names = [f["name"] for f in state["fields"]]
    assert names == list(dict.fromkeys(re.findall(r"\[([^\[\]\n]+)\]", text)))
    by_name = {f["name"]: f for f in state["fields"]}
    assert by_name["Madame la Maire / Monsieur le Maire"]["options"] == ["Madame la Maire", "Monsieur le Maire"]
    assert by_name["Nom de la commune"]["prefill"] == "commune"
    assert by_name["Titre du cahier"]["prefill"] == "cahier" and by_name["Prénom Nom"]["prefill"] is None
    assert state["text"] == text and state["file"] == "demande-rdv-maire.txt"
    assert set(state["cahiers"]) == {c.id for c in cahier_rules().cahiers}


def test_template_print_form_is_the_template_itself():
    state = modeles.template_state("demande-rdv-president-intercommunalite", "Courriel")
    printed = modele_ext.print_form(state)
    assert isinstance(printed[0], nodes.literal_block) and printed[0].astext() == state["text"]


def test_an_unknown_template_is_an_error():
    with pytest.raises(Exception, match="modèle illisible"):
        modeles.template_state("nulle-part", "x")


# --- the express path -----------------------------------------------------------------------------------------


def test_express_path_times_are_computed_from_the_pages():
    path = express.load_path()
    state = express.path_state(path)
    assert len(state["steps"]) == 6 and state["total"] <= state["budget"] == 45
    assert state["total"] == sum(s["minutes"] for s in state["steps"])
    first = state["steps"][0]
    words = express.section_words("exercises/02-mon-territoire", ("1. Chercher votre commune", "2. Lire la fiche"))
    assert first["words"] == words > 100
    assert first["readMinutes"] == math.ceil(words / 230) and first["minutes"] == first["readMinutes"] + 2
    territory = state["steps"][1]
    pages = [f"modules/02-territoires/0{i}-{n}" for i, n in enumerate(
        ["grandes-villes-metropoles", "villes-moyennes", "petites-villes", "littoral", "montagne", "outre-mer"], 1)]
    assert territory["words"] == max(express.section_words(p, ("Portrait", "Vulnérabilités")) for p in pages)
    assert [s["href"] for s in state["steps"]][0] == "exercises/02-mon-territoire.html#mon-territoire"


def test_section_words_count_the_words_of_the_section_only(tmp_path):
    (tmp_path / "page.md").write_text("# Titre\n\nUn deux trois.\n\n## A\n\nQuatre cinq, l'élu six.\n\n- sept huit\n\n"
                                      "## B\n\nneuf dix\n", encoding="utf-8")
    assert express.section_words("page", ("A",), tmp_path) == 6  # « l'élu » is one word
    assert express.section_words("page", ("A", "B"), tmp_path) == 8
    assert express.section_words("page", ("C",), tmp_path) is None


def test_a_broken_path_names_file_line_step_and_field():
    _, problems = express.read_path(FIXTURES / "parcours" / "broken.yml")
    found = {(p.line, p.item, p.field) for p in problems}
    assert (12, "territoire", "read") in found, problems
    assert (16, "perdue", "doc") in found, problems
    assert any(p.field == "exercise_minutes" and p.item == "perdue" for p in problems), problems


def test_a_path_over_its_budget_fails():
    path, problems = express.read_path(FIXTURES / "parcours" / "too-long.yml")
    assert path is None
    assert len(problems) == 1 and problems[0].field == "budget_minutes" and "plus que les 10 min" in problems[0].message


def test_express_print_form_lists_the_steps_with_boxes_and_the_total():
    state = express.path_state(express.load_path())
    printed = parcours_ext.print_form(state)
    text = _text(printed)
    assert text.count("☐") == 6 and f"Total : {state['total']} minutes" in text
    references = [n["refuri"] for n in printed[0].findall(nodes.reference)]
    assert references[0] == "exercises/02-mon-territoire.html#mon-territoire"


def test_every_page_of_the_course_is_reachable_from_the_express_path_data():
    docnames = {page.docname for page in course_plan()}
    for step in express.load_path().steps:
        assert step.doc in docnames, step.doc
        assert (REPO_ROOT / f"{step.doc}.md").is_file()
