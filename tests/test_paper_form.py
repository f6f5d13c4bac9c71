"""The paper form of a text template: sections, hints, ruled lines and boxes, from the file itself."""

from kaart_course.paths import DATA_DIR
from kaart_course.sphinxext.paper_form import form_nodes


def _rows(form):
    return [(child.get("classes", []), child.astext()) for child in form.children]


def test_a_template_becomes_a_form_with_lines_to_write_on():
    form = form_nodes("COMPTE RENDU\n(à remplir vite)\n\n1. LA RENCONTRE\nDate : [Date]            Lieu : [Lieu]\n"
                      "Bénévoles : [Prénom Nom], [Prénom Nom]\nDurée : ____ minutes\n- ____\n"
                      "Recontacter ?      Oui / Non / Pas demandé\n")
    rows = _rows(form)
    assert rows[0][1] == "COMPTE RENDU" and rows[1] == (["kaart-paper-form-hint"], "(à remplir vite)")
    assert rows[2] == (["kaart-paper-form-section"], "1. La rencontre")
    assert rows[3][1] == "Date :   Lieu :", "deux champs sur une ligne, sans les [repères]"
    assert rows[4][1] == "Bénévoles :", "pas de virgule orpheline"
    assert rows[5][1] == "Durée : minutes"
    assert rows[6][1] == "" and form.children[6].children[0]["classes"] == ["kaart-write"]
    assert rows[7] == (["kaart-paper-form-choice"], "Recontacter ?  ☐ Oui   ☐ Non   ☐ Pas demandé")
    lines = [n for n in form.findall() if "kaart-write" in getattr(n, "get", lambda *_: [])("classes", [])]
    assert len(lines) == 5


def test_the_meeting_report_keeps_every_section_of_its_template():
    text = (DATA_DIR / "modeles" / "compte-rendu-rencontre.txt").read_text(encoding="utf-8")
    sections = [row for classes, row in _rows(form_nodes(text)) if "kaart-paper-form-section" in classes]
    assert [row.split(".")[0] for row in sections] == [str(n) for n in range(1, 9)]
    assert "[" not in form_nodes(text).astext() and "____" not in form_nodes(text).astext()
