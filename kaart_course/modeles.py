"""The message templates of ``data/modeles/`` as fill-in forms (widget ``modele``, ``static/modele/``): one
field per ``[Champ]`` of the template, the text filled as you type, wrapped, with a copy button and a ``.txt``
download whose paragraphs have no hard line breaks. The commune chosen in the finder (contract 1,
« kaart:territoire ») fills in the commune, its intercommunality, the territory type and the cahier. Nothing is
sent anywhere; what the reader types is kept on the device only (``kaart:modeles``), to be typed once.

In a page: ``{kaart-modele} demande-rdv-maire`` (see :mod:`kaart_course.sphinxext.modele`); in a notebook:
``modeles.show("demande-rdv-maire")``.

State (plain data)::

    {id, title, file, text, storageKey,
     fields: [{name, options: [text] (a « A / B » field is a choice), prefill: commune|epci|type|cahier|null}],
     cahiers: {cahier id: {title, shiftCahier}}, wrapFrom}
"""

from __future__ import annotations

import re
from pathlib import Path

from kaart_course._data import DataError, Problem
from kaart_course._widget import StaticWidget
from kaart_course.paths import DATA_DIR

TEMPLATES_DIR = DATA_DIR / "modeles"
STORAGE_KEY = "kaart:modeles"
FIELD = re.compile(r"\[([^\[\]\n]+)\]")
# A template line at least this long was wrapped by hand: in the download it is joined to the next line.
WRAP_FROM = 70
PREFILL = {"Nom de la commune": "commune", "Nom de l'intercommunalité": "epci", "Type de territoire": "type",
           "Titre du cahier": "cahier"}


def template_fields(text: str) -> list[str]:
    """The fields of a template, in order of first appearance."""
    return list(dict.fromkeys(FIELD.findall(text)))


def template_state(template_id: str, title: str, templates_dir: Path = TEMPLATES_DIR) -> dict:
    from kaart_course.territories import cahier_rules

    path = Path(templates_dir) / f"{template_id}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError([Problem(path, 1, template_id, "fichier", f"modèle illisible ({error.strerror})")]) from error
    fields = [{"name": name, "options": [o.strip() for o in name.split(" / ")] if " / " in name else [],
               "prefill": PREFILL.get(name)} for name in template_fields(text)]
    return {
        "id": template_id, "title": title, "file": path.name, "text": text, "storageKey": STORAGE_KEY,
        "fields": fields, "wrapFrom": WRAP_FROM,
        "cahiers": {c.id: {"title": c.title, "shiftCahier": c.shift_cahier} for c in cahier_rules().cahiers},
    }


class MessageTemplate(StaticWidget):
    """A template to fill in; ``values`` (the fields as typed) is readable from Python in Jupyter."""

    _module = "modele"

    def element_id(self) -> str:
        return f"modele-{self.state.get('id', '')}"


def show(template_id: str, title: str = "Modèle de message") -> MessageTemplate:
    return MessageTemplate(state=template_state(template_id, title))
