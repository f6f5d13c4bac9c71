"""Shared helpers of the survey tests: a small fake of the territory data, and answer files written in every
shape they really arrive in, built from the questionnaire itself."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from kaart_course.survey.questionnaire import Questionnaire


@dataclass(frozen=True)
class FakeCommune:
    insee: str
    name: str
    population: int
    departement: str
    zone: str = "metropole"


@dataclass(frozen=True)
class FakeEpci:
    siren: str
    name: str
    type: str
    population: int
    communes: tuple[str, ...]


@dataclass(frozen=True)
class FakeMatch:
    cahier_id: str
    reasons: tuple[str, ...] = ()


@dataclass
class FakeTerritories:
    """The TerritoryLookup protocol over a handful of real communes and EPCI (public facts only)."""

    communes: dict = field(default_factory=dict)
    epcis: dict = field(default_factory=dict)
    matches: dict = field(default_factory=dict)

    def commune(self, insee):
        return self.communes.get(insee)

    def epci(self, siren):
        return self.epcis.get(siren)

    def cahiers(self, insee):
        return tuple(FakeMatch(c) for c in self.matches.get(insee, ()))

    def add(self, insee, name, population, departement, *cahiers):
        zone = "drom" if departement.startswith("97") else "metropole"
        self.communes[insee] = FakeCommune(insee, name, population, departement, zone)
        self.matches[insee] = cahiers
        return self


def fake_territories() -> FakeTerritories:
    lookup = FakeTerritories()
    lookup.add("35238", "Rennes", 227_830, "35", "grandes-villes")
    lookup.add("01001", "L'Abergement-Clémenciat", 860, "01", "petites-villes")
    lookup.add("2A004", "Ajaccio", 73_000, "2A", "villes-moyennes", "littoral")
    lookup.add("97411", "Saint-Denis", 153_000, "974", "outre-mer")
    lookup.add("74042", "Bonneville", 13_320, "74", "petites-villes", "montagne")
    lookup.add("29019", "Brest", 139_000, "29", "littoral", "grandes-villes")
    lookup.epcis["200000172"] = FakeEpci("200000172", "CC Faucigny - Glières", "CC", 28_363, ("74042",))
    return lookup


def valid_answer(uuid: str, code: str = "35238", **values) -> dict[str, str]:
    """A complete answer of a commune, as the site form's CSV writes it; ``values`` replace some cells."""
    answer = {
        "_uuid": uuid, "_submission_time": "2026-11-30T14:12:40", "start": "2026-11-30T14:02:11",
        "end": "2026-11-30T14:12:40", "date-rencontre": "2026-11-30", "type-collectivite": "commune",
        "code-insee": code, "siren-epci": "", "fonction": "maire", "consentement-synthese": "oui",
        "risques": "chaleur secheresse", "dependances": "energie", "preparation": "2", "demarches": "pcaet pcs",
        "personnes-ressources": "3", "priorites": "eau energie", "besoins": "ingenierie financement",
        "besoin-precis": "Un appui pour le diagnostic.", "cahiers": "grandes-villes", "cahier-utile": "4",
        "suite": "documents", "message": "L'eau d'abord.", "consentement-recontact": "oui",
    }
    answer.update(values)
    return answer


def uuid_of(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def columns(questionnaire: Questionnaire) -> list[str]:
    return ["_uuid", "_submission_time", "start", "end", *(q.id for q in questionnaire.questions)]


def csv_bytes(rows: list[dict], header: list[str], delimiter: str = ",", encoding: str = "utf-8",
              newline: str = "\n", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def kobo_header(questionnaire: Questionnaire, separator: str = "/") -> tuple[list[str], dict[str, str]]:
    """KoboToolbox's export header with group names: its columns, and question id -> column name. A multiple
    question also gets one 0/1 column per choice, and KoboToolbox's own columns close the row."""
    header, names = ["start", "end"], {"start": "start", "end": "end"}
    for group in questionnaire.groups:
        for question in group.questions:
            name = f"{group.id}{separator}{question.id}"
            header.append(name)
            names[question.id] = name
            if question.type == "multiple":
                header.extend(f"{name}/{choice.id}" for choice in question.choices)
    header += ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
               "__version__", "_tags", "_index"]
    return header, names


def kobo_row(answer: dict, questionnaire: Questionnaire, names: dict, index: int) -> dict:
    row = {"_id": str(1000 + index), "_index": str(index), "_status": "submitted_via_web", "_tags": "",
           "__version__": "vX", "_uuid": answer["_uuid"], "_submission_time": answer["_submission_time"]}
    for question in questionnaire.questions:
        value = answer.get(question.id, "")
        row[names[question.id]] = value
        if question.type == "multiple":
            for choice in question.choices:
                row[f"{names[question.id]}/{choice.id}"] = "1" if choice.id in value.split() else ("0" if value else "")
    row["start"], row["end"] = answer["start"], answer["end"]
    return row


def json_export(answers: list[dict], questionnaire: Questionnaire) -> bytes:
    items = []
    for answer in answers:
        values = {}
        for question in questionnaire.questions:
            value = answer.get(question.id, "")
            if value == "":
                continue
            if question.type == "multiple":
                values[question.id] = value.split()
            elif question.type in ("scale", "number"):
                values[question.id] = int(value)
            else:
                values[question.id] = value
        items.append({"uuid": answer["_uuid"], "started": answer["start"], "ended": answer["end"],
                      "submitted": answer["_submission_time"], "values": values})
    return json.dumps({"format": "kaart-enquete", "version": 1, "questionnaire": questionnaire.id,
                       "questionnaire_version": questionnaire.version, "exported_at": "2026-12-01T10:00:00Z",
                       "answers": items}, ensure_ascii=False, indent=1).encode("utf-8")
