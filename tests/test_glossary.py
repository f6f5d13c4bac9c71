"""The glossary loader, the acronym extractor, and the course-wide rule: every acronym a page uses is in the
glossary and is expanded at least once in the course (or linked to the glossary with ``{term}``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kaart_course.course_plan import course_plan
from kaart_course.glossary import (
    GlossaryError,
    extract_acronyms,
    is_acronym,
    load_glossary,
    normalise,
    prose_text,
    term_target,
    unlinked_first_uses,
)
from kaart_course.conventions import is_reference_page, read_page
from kaart_course.paths import REPO_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


# --- Loader ---------------------------------------------------------------------------------------------

def test_valid_fixture_loads_into_frozen_entries():
    glossary = load_glossary(FIXTURES / "valide.yml")
    assert [entry.term for entry in glossary.entries] == ["PLUi", "Insee", "délibération"]
    assert glossary.lookup("INSEE").term == "Insee"
    assert glossary.lookup("PLUi").plain == "le plan d'urbanisme de l'intercommunalité"
    assert glossary.lookup("PLUi").line == 2
    with pytest.raises(AttributeError):
        glossary.entries[0].term = "PLU"  # type: ignore[misc]


def test_entries_sort_the_french_way():
    glossary = load_glossary(FIXTURES / "valide.yml")
    assert [entry.term for entry in glossary.sorted_entries()] == ["délibération", "Insee", "PLUi"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("sigle-sans-plain.yml", r"sigle-sans-plain\.yml:1: SCoT: plain: champ absent"),
        ("doublon.yml", r"doublon\.yml:9: PLU: term: « PLU » déjà défini ligne 1"),
        ("champ-inconnu.yml", r"champ-inconnu\.yml:3: ZAN: definiton: champ inconnu"),
        ("champ-inconnu.yml", r"champ-inconnu\.yml:1: ZAN: definition: vide ou absent"),
        ("source-invalide.yml", r"source-invalide\.yml:5: CNIL: source: adresse http\(s\) attendue"),
        ("pas-une-liste.yml", r"pas-une-liste\.yml:1: glossaire: attendu une liste"),
        ("yaml-casse.yml", r"yaml-casse\.yml:\d+: yaml: YAML invalide"),
    ],
)
def test_broken_fixtures_name_file_line_term_and_field(fixture, expected):
    with pytest.raises(GlossaryError) as error:
        load_glossary(FIXTURES / fixture)
    problems = [str(problem) for problem in error.value.problems]
    assert any(re.search(expected, problem) for problem in problems), problems


def test_definition_of_more_than_two_sentences_is_refused(tmp_path):
    long_text = "Une phrase assez longue pour remplir la définition. " * 10
    path = tmp_path / "glossaire.yml"
    path.write_text(f"- term: délibération\n  definition: {long_text}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="definition: trop longue"):
        load_glossary(path)


def test_course_glossary_is_valid_and_covers_the_common_acronyms():
    glossary = load_glossary()
    names = glossary.names()
    for acronym in ("CC", "CA", "CU", "EPCI", "EPCI-FP", "PLU", "PLUi", "SCoT", "SRADDET", "PCAET", "GEMAPI",
                    "PAT", "AOM", "LOM", "TRACC", "PNACC", "GIEC", "ADEME", "Cerema", "DGCL", "INSEE", "Insee",
                    "DROM", "COM", "CGCT", "DOB", "ROB", "CADA", "RGPD", "CNIL", "TETE", "ZAN", "CRTE", "SDAGE",
                    "SAGE", "PPRI", "PPRN", "DICRIM", "PCS", "ZFE", "LTECV", "ALUR", "NOTRe", "3DS", "HCC", "SRT"):
        assert acronym in names, acronym
    for entry in glossary.entries:
        if is_acronym(entry.term):
            assert entry.plain and entry.expansion, entry.term


# --- Extractor ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["EPCI", "PLUi", "SCoT", "3DS", "EPCI-FP", "NOTRe", "CO2", "PNACC-3", "EnR"])
def test_acronyms_are_recognised(token):
    assert is_acronym(token)


@pytest.mark.parametrize("token", ["Shift", "McDonald", "XXIe", "IV", "OK", "PDF", "A4", "Cerema", "Mme", "L2121-26"])
def test_words_numerals_and_ignored_tokens_are_not_acronyms(token):
    assert not is_acronym(token)


def test_extractor_reads_only_the_prose_of_a_page():
    text, linked = prose_text((FIXTURES / "prose.md").read_text(encoding="utf-8"))
    assert extract_acronyms(text) == ["PCAET", "PLU", "CC", "CC", "3DS", "SCoT", "EPCI-FP", "PNACC-3", "CADA"]
    assert linked == ["PCAET", "PLUi"]
    assert "communauté de communes (cc)" in normalise(text)


def test_licence_names_are_not_taken_for_acronyms():
    assert extract_acronyms("Contenu sous licence CC BY-SA 4.0, code sous licence MIT ; la CC vote.") == ["CC"]


def test_term_target_reads_both_role_forms():
    assert term_target("PCAET") == "PCAET"
    assert term_target("le plan climat <PCAET>") == "PCAET"


# --- The whole course -----------------------------------------------------------------------------------

def _course_prose() -> list[tuple[str, str, list[str]]]:
    pages = []
    for page in course_plan():
        path = next(REPO_ROOT.glob(f"{page.docname}.*"))
        text, linked = prose_text(path.read_text(encoding="utf-8"))
        pages.append((page.docname, text, linked))
    return pages


def _covered_by(token: str, names: frozenset[str]) -> list[str]:
    """The glossary names that cover ``token``: PNACC-3 is covered by PNACC, DROM-COM by DROM and COM."""
    if token in names:
        return [token]
    base = re.sub(r"-\d+$", "", token)
    if base in names:
        return [base]
    parts = token.split("-")
    if len(parts) > 1 and all(part in names for part in parts):
        return parts
    return []


def test_every_acronym_used_in_the_course_is_in_the_glossary():
    names = load_glossary().names()
    missing = sorted({f"{docname}: {token}" for docname, text, _ in _course_prose()
                      for token in extract_acronyms(text) if not _covered_by(token, names)})
    assert not missing, "sigles absents de data/glossaire.yml :\n" + "\n".join(missing)


def test_every_acronym_used_is_expanded_once_or_linked_to_the_glossary():
    glossary = load_glossary()
    names = glossary.names()
    pages = _course_prose()
    all_prose = normalise("\n".join(text for _, text, _ in pages))
    linked = {name for _, _, terms in pages for name in terms}
    used: dict[str, str] = {}
    for docname, text, _ in pages:
        for token in extract_acronyms(text):
            for name in _covered_by(token, names):
                used.setdefault(name, docname)
    problems = []
    for name, docname in sorted(used.items()):
        entry = glossary.lookup(name)
        if any(n in linked for n in entry.names) or normalise(entry.expansion) in all_prose:
            continue
        problems.append(f"{name} (vu dans {docname}) : écrire « {entry.expansion} » une fois, ou {{term}}`{name}`")
    assert not problems, "sigles jamais développés dans le cours :\n" + "\n".join(problems)


def test_term_roles_point_to_glossary_entries():
    names = load_glossary().names()
    unknown = sorted({f"{docname}: {term}" for docname, _, terms in _course_prose() for term in terms
                      if term not in names})
    assert not unknown, "{term} vers un terme absent du glossaire :\n" + "\n".join(unknown)


# --- The rendered glossary ------------------------------------------------------------------------------

@pytest.mark.book
def test_built_glossary_page_defines_every_term_and_term_links_resolve(built_book):
    html_dir = built_book.html_dir
    glossary_html = html_dir / "modules" / "09-annexes" / "glossaire.html"
    html = glossary_html.read_text(encoding="utf-8")
    glossary = load_glossary()
    ids = set(re.findall(r'id="(term-[^"]+)"', html))
    assert len(ids) >= len(glossary.names())
    for entry in glossary.entries:
        assert entry.definition.split()[0] in html, entry.term
        if entry.plain:
            assert "Pour le dire simplement" in html
    assert 'class="kaart-glossaire-lettres' in html
    for page in html_dir.rglob("*.html"):
        for target in re.findall(r'glossaire\.html#(term-[^"]+)"', page.read_text(encoding="utf-8")):
            assert target in ids, f"{page.relative_to(html_dir)}: lien vers un terme absent : {target}"


# --- Every glossary term is linked where a page first uses it --------------------------------------------

def test_first_uses_without_a_link_are_reported_once_each(tmp_path):
    path = tmp_path / "glossaire.yml"
    path.write_text((FIXTURES / "valide.yml").read_text(encoding="utf-8") + """
- term: PCAET
  expansion: plan climat-air-énergie territorial
  definition: Plan climat de l'intercommunalité.
  plain: le plan climat
- term: EPCI
  expansion: établissement public de coopération intercommunale
  definition: Regroupement de communes.
  plain: l'intercommunalité
- term: CC
  expansion: communauté de communes
  definition: Intercommunalité des zones rurales.
  plain: la communauté de communes
- term: maire
  definition: Élu qui dirige la commune.
- term: CNIL
  expansion: Commission nationale de l'informatique et des libertés
  definition: Autorité de protection des données.
  plain: l'autorité de protection des données
""", encoding="utf-8")
    glossary = load_glossary(path)
    problems = unlinked_first_uses((FIXTURES / "premier-emploi.md").read_text(encoding="utf-8"), glossary)
    assert [(p.term, p.written) for p in problems] == [("PCAET", "PCAET"), ("EPCI", "EPCI"), ("maire", "Maire"),
                                                      ("CC", "CC")]
    assert str(problems[2]).endswith("écrire {term}`Maire <maire>`")


def _content_pages() -> list[tuple[str, str]]:
    pages = []
    for page in course_plan():
        path = next(REPO_ROOT.glob(f"{page.docname}.*"))
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md" and not is_reference_page(read_page(text)[0]):
            pages.append((page.docname, text))
    return pages


@pytest.mark.parametrize(("docname", "text"), _content_pages(), ids=lambda value: value if "/" in value else "")
def test_every_glossary_term_is_linked_at_its_first_use(docname, text):
    problems = unlinked_first_uses(text, load_glossary())
    assert not problems, f"{docname} : lien au glossaire manquant à la première occurrence :\n" + "\n".join(
        str(problem) for problem in problems)
