"""Every page on a phone (390 px): nothing the reader cannot reach, nothing floating over an exercise.

- No element and no text ends beyond the right edge of the screen unless it sits in an area that scrolls
  sideways, fits the screen, can be reached with the keyboard and is named (a wide table's scroll area).
  Content clipped on purpose (text for screen readers only, an off-screen menu) is not content to reach;
  spaces hanging at the end of a wrapped line draw nothing.
- On the pages with widgets, read from top to bottom and back up (which calls the theme's « Haut de page »
  button), no element fixed to the screen overlaps a widget.
- Tables: a table with a header row is read as one card per row, each value under its column's header.
"""

from __future__ import annotations

import pytest

from conftest import OfflinePage

pytestmark = [pytest.mark.book, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}

# Returns a list of « what: why » lines, empty when everything can be reached.
UNREACHABLE = """() => {
  const width = document.documentElement.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  // Not drawn, or drawn off the screen on purpose (closed dialog, off-canvas menu).
  const hidden = (el) => {
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden' || (a.tagName === 'DIALOG' && !a.open)) return true;
      if (s.position === 'fixed') {
        const box = a.getBoundingClientRect();
        return box.left >= width || box.right <= 0;
      }
    }
    return false;
  };
  // The nearest element around (and, for a text, including its own element) that clips or scrolls sideways.
  const container = (el, self) => {
    for (let a = self ? el : el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (/(auto|scroll)/.test(s.overflowX)) return { area: a, scrolls: a.scrollWidth > a.clientWidth };
      if (/(hidden|clip)/.test(s.overflowX) || s.clip !== 'auto' || s.clipPath !== 'none') return { area: a, clips: true };
    }
    return null;
  };
  const problems = [];
  const check = (el, right, text = false) => {
    if (right <= width + 1 || hidden(el)) return;
    const found = container(el, text);
    if (!found || (!found.scrolls && !found.clips)) {
      problems.push(`${describe(el)}: ends at ${Math.round(right)} px and cannot be scrolled into view`);
    } else if (found.area.getBoundingClientRect().right > width + 1) {
      problems.push(`${describe(found.area)}: this ${found.clips ? 'clipping' : 'scroll'} area is wider than the screen`);
    } else if (found.scrolls && (found.area.tabIndex < 0
               || !(found.area.getAttribute('aria-label') || found.area.getAttribute('aria-labelledby')))) {
      problems.push(`${describe(found.area)}: scrolls sideways but cannot be reached with the keyboard or has no name`);
    }
  };
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 1 && box.height > 1) check(el, box.right);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right <= width + 1) continue;
    // Only the characters that draw something: white space hanging past a wrapped line's end does not.
    let right = 0;
    for (let i = 0; i < node.length; i++) {
      if (/\\s/.test(node.textContent[i])) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      right = Math.max(right, range.getBoundingClientRect().right);
    }
    check(node.parentElement, right, true);
  }
  return [...new Set(problems)].slice(0, 10);
}"""

# Fixed elements that are drawn and overlap a widget, as « fixed element over widget ».
COVERED = """() => {
  const drawn = (el) => {
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0 && box.width > 0 && box.height > 0
      && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  };
  const fixed = [...document.querySelectorAll('body *')].filter((el) => getComputedStyle(el).position === 'fixed' && drawn(el));
  const widgets = [...document.querySelectorAll('.kaart-widget')];
  const hits = [];
  for (const el of fixed) {
    const a = el.getBoundingClientRect();
    for (const widget of widgets) {
      const b = widget.getBoundingClientRect();
      if (a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top) {
        hits.push(`${el.id || el.className} over ${widget.id || widget.dataset.kaartWidget}`);
      }
    }
  }
  return hits;
}"""


def test_everything_can_be_reached_on_a_phone(offline_page: OfflinePage, book_page: str) -> None:
    offline_page.page.set_viewport_size(PHONE)
    offline_page.open(book_page)
    problems = offline_page.page.evaluate(UNREACHABLE)
    assert problems == [], f"{book_page} at 390 px:\n  " + "\n  ".join(problems)


def test_search_results_fit_a_phone(offline_page: OfflinePage) -> None:
    offline_page.page.set_viewport_size(PHONE)
    offline_page.open("search.html?q=cahier")
    offline_page.page.locator("#search-results ul.search li").first.wait_for(timeout=15_000)
    offline_page.page.wait_for_function("() => document.querySelector('.search-summary')?.textContent.trim()")
    problems = offline_page.page.evaluate(UNREACHABLE)
    assert problems == [], "search results at 390 px:\n  " + "\n  ".join(problems)


def test_no_fixed_element_covers_a_widget(offline_page: OfflinePage, built_book) -> None:
    pages = sorted(
        path.relative_to(built_book.html_dir).as_posix()
        for path in built_book.html_dir.rglob("*.html")
        if "data-kaart-widget=" in path.read_text(encoding="utf-8")
    )
    assert pages, "no page with a widget in the built book"
    page = offline_page.page
    page.set_viewport_size(PHONE)
    covered: list[str] = []
    for path in pages:
        offline_page.open(path)
        height = page.evaluate("() => document.documentElement.scrollHeight")
        # Down the page, then back up a little at each step: the theme shows « Haut de page » on the way up.
        for y in range(0, height, PHONE["height"] // 2):
            page.mouse.wheel(0, PHONE["height"] // 2 + 200)
            page.wait_for_timeout(50)
            page.mouse.wheel(0, -200)
            page.wait_for_timeout(120)
            covered += [f"{path} at {y} px: {hit}" for hit in page.evaluate(COVERED)]
    assert covered == [], "\n".join(covered[:20])


def test_the_theme_back_to_top_button_shows_away_from_widgets(offline_page: OfflinePage) -> None:
    """The guard hides the button only while a widget is under it: on a page without one, it still shows."""
    page = offline_page.page
    page.set_viewport_size(PHONE)
    offline_page.open("modules/02-territoires/04-littoral.html")
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(100)
    page.mouse.wheel(0, -300)
    page.locator("#pst-back-to-top").wait_for(state="visible", timeout=5_000)


def test_a_table_reads_as_cards_on_a_phone(offline_page: OfflinePage) -> None:
    page = offline_page.page
    page.set_viewport_size(PHONE)
    offline_page.open("modules/01-comprendre/04-lire-un-cahier.html")
    table = page.locator("table.kaart-reflow").first
    cell = table.locator("tbody tr").first.locator("td").nth(1)
    header = table.locator("thead th").nth(1).inner_text()
    assert cell.get_attribute("data-label") == header
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert label == f'"{header}"'
    # One card per row: the row's cells are stacked, each as wide as the row.
    widths = table.locator("tbody tr").first.locator("td").evaluate_all(
        "(cells) => cells.map((td) => Math.round(td.getBoundingClientRect().width))")
    assert len(set(widths)) == 1 and widths[0] > 300
    assert table.locator("thead th").first.get_attribute("role") == "columnheader"
    # On a computer it is a table again.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert table.locator("tbody tr").first.locator("td").first.evaluate("(td) => getComputedStyle(td).display") == "table-cell"
