"""The synthesis as a report for partners: charts (matplotlib), a self-contained French HTML page and its PDF.

This is the outer layer: :mod:`kaart_course.survey.synthesis` computes, this module draws and writes. Every
chart has an alt text that gives its numbers; every text from the base is escaped; the page loads nothing
from anywhere (charts are inline SVG images, styles inline), so it opens offline and prints as it is.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from pathlib import Path

from matplotlib.figure import Figure

from kaart_course import figures
from kaart_course._french import format_date, format_number
from kaart_course.survey.synthesis import Count, QuestionSummary, Synthesis, Table, shown

REPORT_HTML = "rapport-enquete.html"
REPORT_PDF = "rapport-enquete.pdf"


# ---------------------------------------------------------------------------------------------------
# Charts


def plot_counts(labels: tuple[str, ...], counts: tuple[Count, ...], xlabel: str = "Collectivités") -> Figure:
    """Horizontal bars of counts of collectivités; a suppressed count has no bar and reads « < 5 »."""
    import matplotlib.pyplot as plt

    with plt.rc_context(figures.style()):
        fig, ax = figures.new_figure(1.2 + 0.48 * len(labels))
        positions = list(range(len(labels)))[::-1]
        values = [c or 0 for c in counts]
        bars = ax.barh(positions, values, color=figures.GREYS[2], edgecolor=figures.INK, hatch="//")
        top = max(values, default=0) or 1
        for bar, count in zip(bars, counts):
            ax.text(bar.get_width() + top * 0.02, bar.get_y() + bar.get_height() / 2, shown(count), va="center",
                    fontsize=12, color=figures.INK)
        ax.set_yticks(positions, [textwrap.fill(label, 26) for label in labels], fontsize=11)
        ax.set_xlim(0, top * 1.25)
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(lambda x, _pos: format_number(x, 0))
    return fig


def alt_text(title: str, labels: tuple[str, ...], counts: tuple[Count, ...]) -> str:
    """What the chart shows, in words: its title and every bar's value."""
    values = " ; ".join(f"{label} : {shown(count)}" for label, count in zip(labels, counts))
    return f"{title}. Diagramme en barres, nombre de collectivités : {values}."


def svg_data_uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def chart(title: str, labels: tuple[str, ...], counts: tuple[Count, ...]) -> tuple[str, str]:
    """An inline chart: its data URI and its alt text."""
    fig = plot_counts(labels, counts)
    return svg_data_uri(fig), alt_text(title, labels, counts)


# ---------------------------------------------------------------------------------------------------
# HTML


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _figure(title: str, labels, counts) -> str:
    uri, alt = chart(title, labels, counts)
    return (f'<figure><img src="{uri}" alt="{_e(alt)}">'
            f"<figcaption>{_e(title)}</figcaption></figure>")


def _table(table: Table, caption: str, totals_label: str = "Ensemble") -> str:
    head = "".join(f'<th scope="col">{_e(label)}</th>' for label in table.column_labels)
    body = []
    for label, cells, total in zip(table.line_labels, table.cells, table.line_totals):
        tds = "".join(f"<td>{_e(shown(c))}</td>" for c in cells)
        body.append(f'<tr><th scope="row">{_e(label)}</th>{tds}<td>{_e(shown(total))}</td></tr>')
    bases = "".join(f"<td>{_e(shown(c))}</td>" for c in table.column_bases)
    foot = f'<tfoot><tr><th scope="row">Collectivités ayant répondu</th>{bases}<td></td></tr></tfoot>' \
        if len(table.line_labels) > 1 else ""
    # Focusable: on a phone a wide table scrolls on its own, and the keyboard must reach it.
    return (f'<table tabindex="0"><caption>{_e(caption)}</caption><thead><tr><td></td>{head}<th scope="col">{_e(totals_label)}'
            f'</th></tr></thead><tbody>{"".join(body)}</tbody>{foot}</table>')


def _question(summary: QuestionSummary, number: int) -> str:
    question = summary.question
    several = " (plusieurs réponses possibles : les totaux dépassent le nombre de collectivités)" \
        if question.type == "multiple" else ""
    return (f'<section class="question"><h3>{number}. {_e(question.label)}</h3>'
            f"<p>Collectivités ayant répondu : {_e(shown(summary.respondents))}{_e(several)}.</p>"
            + _figure(question.label, summary.labels, summary.counts)
            + _table(summary.by_type, "Par type de territoire")
            + _table(summary.by_size, "Par taille de collectivité")
            + "</section>")


STYLE = """
@page { size: A4; margin: 18mm 16mm; @bottom-center { content: counter(page) " / " counter(pages);
  font: 8pt "Noto Sans", "DejaVu Sans", sans-serif; color: #555; } }
html { font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #111; line-height: 1.45; }
body { max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1f5f4a; }
h3 { font-size: 1.05rem; break-after: avoid; }
.fictif { border: 3px solid #111; padding: .6rem .9rem; font-weight: 700; background: #f2f2f2; }
.chiffres { display: flex; flex-wrap: wrap; gap: .6rem; padding: 0; list-style: none; }
.chiffres li { border: 1px solid #8c8c8c; padding: .4rem .7rem; }
.chiffres strong { display: block; font-size: 1.3rem; }
figure { margin: 1rem 0; break-inside: avoid; } figure img { width: 100%; max-width: 34rem; height: auto; }
@media print { figure img { width: 62%; } }
figcaption { font-size: .85rem; color: #333; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .8rem; width: 100%; }
tr { break-inside: avoid; }
/* On a phone a wide table scrolls on its own, the page never sideways. */
@media screen { table { display: block; overflow-x: auto; max-width: 100%; } }
caption { text-align: left; font-weight: 700; padding-bottom: .3rem; break-after: avoid; }
th, td { border: 1px solid #8c8c8c; padding: .2rem .35rem; text-align: right; vertical-align: top; }
th[scope=row], thead th { text-align: left; font-weight: 600; } tfoot th, tfoot td { font-style: italic; }
blockquote { border-left: 4px solid #1f5f4a; margin: .6rem 0; padding: .2rem .8rem; overflow-wrap: anywhere; }
.question { break-inside: auto; }
footer { max-width: 52rem; margin: 2rem auto 0; padding: .5rem 1rem; border-top: 1px solid #8c8c8c; font-size: .85rem; }
"""


def _month(iso: str) -> str:
    return format_date(iso[:7])


def method(synthesis: Synthesis, questionnaire_version: str) -> list[str]:
    """The paragraphs of « Méthode et limites »."""
    return [
        "Des bénévoles du réseau KAART ont rencontré des élus et des agents de collectivités et leur ont proposé un "
        f"questionnaire d'une dizaine de minutes (version {questionnaire_version}), sur papier, sur le site du "
        "cours ou dans KoboToolbox. Les réponses ont été rassemblées dans une base unique par les coordinateurs.",
        "L'unité de compte est la collectivité : quand une collectivité a répondu plusieurs fois, sa réponse la "
        "plus récente est retenue. Seules comptent les réponses dont l'élu a accepté l'usage dans la synthèse ; "
        f"{shown(synthesis.meetings_only) if synthesis.meetings_only >= 5 else 'moins de 5'} rencontre(s) sans "
        "cet accord ne sont pas exploitées.",
        "Les collectivités rencontrées ne forment pas un échantillon représentatif : ce sont celles que les "
        "bénévoles ont pu joindre. Les résultats décrivent ces collectivités, sans pondération, et ne se "
        "généralisent pas à la France. Les réponses sont des perceptions déclarées, pas des mesures.",
        "Le type de territoire vient des listes officielles (code INSEE de la commune, catégorie de "
        "l'intercommunalité, outre-mer) et, pour le littoral et la montagne, que ces listes ne donnent pas, de la "
        "réponse de l'élu. Une collectivité qui relève de plusieurs cahiers est comptée sous un seul type : "
        "outre-mer, puis littoral, puis montagne, sinon le plus grand type de taille qui lui correspond. La "
        "taille est la population municipale de la collectivité.",
        "Secret statistique : tout effectif de moins de 5 collectivités est remplacé par « < 5 », ainsi que "
        "d'autres cases choisies pour qu'aucun effectif masqué ne se retrouve par soustraction d'un total.",
        "Aucun nom de personne n'est recueilli. Les textes libres ne sont publiés que lorsqu'un coordinateur les a "
        "relus et validés.",
    ]


def report_html(synthesis: Synthesis, questionnaire_version: str = "", footer_html: str = "") -> str:
    """The whole report as one self-contained HTML page. ``footer_html`` is trusted markup for its footer (the
    course's licence notice, when the report is published with the course); it is never built from the base."""
    s = synthesis
    banner = ('<p class="fictif" role="note">Données fictives : ce rapport est un exemple construit à partir de '
              "réponses inventées. Ses chiffres ne décrivent aucun territoire réel.</p>") if s.fictitious else ""
    period = (f"de {_month(s.first_meeting)} à {_month(s.last_meeting)}" if s.first_meeting else "—")
    key = (f'<ul class="chiffres"><li><strong>{_e(shown(s.collectivites) if s.collectivites >= 5 else "< 5")}'
           f"</strong>collectivités</li><li><strong>{_e(shown(s.kinds.cells[0][0]))}</strong>communes</li>"
           f"<li><strong>{_e(shown(s.kinds.cells[0][1]))}</strong>intercommunalités</li>"
           f"<li><strong>{_e(shown(s.departements))}</strong>départements</li>"
           f"<li><strong>{_e(period)}</strong>période des rencontres</li></ul>")
    questions = "".join(_question(q, n) for n, q in enumerate(s.questions, start=1))
    if s.texts:
        quotes = "".join(f"<blockquote><p>{_e(text)}</p><footer>{_e(label)}</footer></blockquote>"
                         for label, text in s.texts)
    else:
        quotes = "<p>Aucun texte libre n'a été validé pour publication.</p>"
    paragraphs = "".join(f"<p>{_e(p)}</p>" for p in method(s, questionnaire_version))
    # For a search engine or a link preview; the icon is inline so that a standalone copy asks for nothing.
    respondents = shown(s.collectivites) if s.collectivites >= 5 else "moins de 5"
    description = (f"{s.title} : les réponses de {respondents} collectivités, question par question, avec la "
                   "méthode de l'enquête et ses limites.")
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(s.title)}</title><meta name="description" content="{_e(description)}">
<link rel="icon" href="data:,"><style>{STYLE}</style></head>
<body><main>
<h1>{_e(s.title)}</h1>
{banner}
<p>Rapport établi le {_e(format_date(s.generated.isoformat()))}.</p>
<h2>Qui a répondu</h2>
{key}
{_figure(s.by_type.title, s.by_type.column_labels, s.by_type.cells[0])}
{_table(s.by_type, s.by_type.title, "Total")}
{_figure(s.by_size.title, s.by_size.column_labels, s.by_size.cells[0])}
{_table(s.by_size, s.by_size.title, "Total")}
<h2>Les réponses</h2>
{questions}
<h2>Paroles d'élus</h2>
{quotes}
<h2>Méthode et limites</h2>
{paragraphs}
</main>{f'<footer class="bd-footer-content">{footer_html}</footer>' if footer_html else ""}</body></html>
"""


def write_report(synthesis: Synthesis, outdir: Path, questionnaire_version: str = "", pdf: bool = True,
                 footer_html: str = "") -> list[Path]:
    """Write the HTML report (and its PDF) into ``outdir``; the paths written (see report_html for the footer)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    page = report_html(synthesis, questionnaire_version, footer_html)
    written = [outdir / REPORT_HTML]
    written[0].write_text(page, encoding="utf-8")
    if pdf:
        from weasyprint import HTML  # only the PDF needs it

        HTML(string=page, base_url=str(outdir)).write_pdf(outdir / REPORT_PDF)
        written.append(outdir / REPORT_PDF)
    return written
