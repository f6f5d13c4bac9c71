"""Content tables on a phone (kaart_course/sphinxext/tables.py): labelled cells for the card layout, or a named
scroll area the keyboard can reach."""

from __future__ import annotations

from kaart_course.sphinxext.tables import phone_tables

HEADED = """<div class="pst-scrollable-table-container"><table class="table">
<thead>
<tr class="row-odd"><th class="head"><p>Type &amp; taille</p></th>
<th class="head"><p>Cahier « principal »</p></th>
</tr>
</thead>
<tbody>
<tr class="row-even"><td><p>Littoral</p></td>
<td><p>Littoral</p></td>
</tr>
<tr class="row-odd"><th class="stub"><p>Montagne</p></th>
<td><p>Montagne</p></td>
</tr>
</tbody>
</table>
</div>"""

HEADLESS = """<div class="pst-scrollable-table-container"><table class="table">
<caption><span class="caption-text">Les temps</span></caption>
<tbody>
<tr class="row-even"><td><p>a</p></td><td><p>b</p></td></tr>
</tbody>
</table>
</div>"""


def test_headed_table_gets_column_labels_and_roles() -> None:
    html = phone_tables(f"<p>avant</p>{HEADED}<p>après</p>")
    assert '<table role="table" class="kaart-reflow table">' in html
    assert html.count('data-label="Type &amp; taille"') == 2
    assert html.count('data-label="Cahier « principal »"') == 2
    assert '<th role="rowheader" data-label="Type &amp; taille" class="stub">' in html
    assert html.count('role="columnheader"') == 2 and html.count('<tr role="row"') == 3
    assert html.startswith("<p>avant</p>") and html.endswith("<p>après</p>")


def test_table_without_header_scrolls_in_a_named_focusable_area() -> None:
    html = phone_tables(HEADLESS)
    assert 'tabindex="0" role="region" aria-label="Tableau « Les temps », faites-le défiler"' in html
    assert "kaart-reflow" not in html


def test_merged_cells_are_not_reflowed() -> None:
    html = phone_tables(HEADED.replace("<td><p>Littoral</p></td>", '<td colspan="2"><p>Littoral</p></td>', 1))
    assert "kaart-reflow" not in html and 'role="region"' in html
