"""The printable guides: the book's single-page build turned into an A4 PDF with WeasyPrint.

The learner guide holds every learner part in course order; the trainer guide holds the « Guide du
formateur » part once it exists. Each guide gets a cover, a table of contents with page numbers, running
headers, French typography, and a QR code with its short address next to every online exercise and listed
resource. Widgets print as their print forms (questionnaires, worksheets), never as empty boxes.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import segno
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from kaart_course._data import DataError, read_yaml
from kaart_course.conventions import page_options
from kaart_course.course_plan import PlannedPage, course_plan
from kaart_course.guides import (  # noqa: F401 - re-exported
    EDITIONS, LEARNER, PRINTABLES_FOLDER, QR_LINK_CLASS, TRAINER, TRAINER_PART, Edition,
)
from kaart_course.paths import REPO_ROOT, STATIC_DIR
from kaart_course.release import book_author, book_title, edition_line, release_number, site_url
from kaart_course._french import format_date
from kaart_course.sphinxext.medium import PAPER as PAPER_ONLY, WEB as WEB_ONLY  # noqa: F401 - PAPER_ONLY for tests

PDF_CSS = STATIC_DIR / "kaart-pdf.css"
WEB_ONLY_PHRASES = REPO_ROOT / "data" / "impression.yml"
# Links that name a page or a section (not a glossary term): on paper they read « (voir p. N) ».
PAGE_REFERENCE = "kaart-pageref"
NO_TYPOGRAPHY = {"pre", "code", "script", "style", "kbd", "samp"}
# A link the page asks to print with a QR code even without ``kaart: {qr: liens}`` (the cahier box).


def _print_options(page: PlannedPage, root: Path) -> dict:
    return page_options(root / f"{page.docname}.md")[0]


def in_print(page: PlannedPage, root: Path = REPO_ROOT) -> bool:
    """Pages can stay out of print with ``kaart: {pdf: false}`` (e.g. « Ma progression »)."""
    return _print_options(page, root).get("pdf", True)


def qr_for_every_link(page: PlannedPage, root: Path = REPO_ROOT) -> bool:
    """A list of resources asks, with ``kaart: {qr: liens}``, for a QR code beside each web address."""
    return _print_options(page, root).get("qr") == "liens"


def qr_svg_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


def short_url(url: str) -> str:
    parsed = urlparse(url)
    return (parsed.netloc + parsed.path + (f"#{parsed.fragment}" if parsed.fragment else "")).rstrip("/")


def printed_address(url: str) -> str:
    """The short form printed under a QR code, to type by hand: no scheme, no anchor, no « index.html »
    (the page it opens is the same)."""
    parsed = urlparse(url)
    path = parsed.path.removesuffix("index.html")
    return (parsed.netloc + path + (f"?{parsed.query}" if parsed.query else "")).rstrip("/")


def page_url(base: str, docname: str, anchor: str = "") -> str:
    return urljoin(base, f"{docname}.html") + (f"#{anchor}" if anchor else "")


def _qr_box(soup: BeautifulSoup, url: str, label: str) -> Tag:
    box = soup.new_tag("div", attrs={"class": "kaart-qr", "data-kaart-qr": url})
    image = soup.new_tag("img", attrs={"src": qr_svg_uri(url), "alt": f"QR code vers {short_url(url)}"})
    text = soup.new_tag("p")
    text.append(soup.new_string(label + " "))
    link = soup.new_tag("a", href=url, attrs={"class": "kaart-url"})
    link.string = printed_address(url)
    text.append(link)
    box.append(image)
    box.append(text)
    return box


# ---------------------------------------------------------------------------------------------------
# French typography


_BEFORE_HIGH_PUNCT = re.compile(r"[ \u00a0]+([;:!?»])")
_AFTER_OPEN_QUOTE = re.compile(r"«[ \u00a0]+")
_NUMBER_GROUPS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def french_typography(text: str) -> str:
    """Non-breaking spaces where French typography wants them (« ; : ! ? » and thousands), curly apostrophes."""
    text = _BEFORE_HIGH_PUNCT.sub(lambda m: ("\u00a0" if m.group(1) in ":»" else "\u202f") + m.group(1), text)
    text = _AFTER_OPEN_QUOTE.sub("«\u00a0", text)
    text = _APOSTROPHE.sub("’", text)
    return _NUMBER_GROUPS.sub("\u202f", text)


_ORDINAL = re.compile(r"\b(1)(er|re)\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def _apply_typography(element: Tag) -> None:
    for node in list(element.descendants):
        if isinstance(node, NavigableString) and not any(p.name in NO_TYPOGRAPHY for p in node.parents):
            fixed = french_typography(str(node))
            # A date written for machines (« 2026-11-27 ») reads « 27 novembre 2026 »; not inside a link.
            if node.find_parent("a") is None:
                fixed = _ISO_DATE.sub(lambda m: format_date(m.group(0)), fixed)
            if fixed != str(node):
                node = node.replace_with(fixed) or node
    _superscript_ordinals(element)


def _superscript_ordinals(element: Tag) -> None:
    """« 1er », « 1re » with their letters raised, as French typography writes them."""
    for node in list(element.find_all(string=_ORDINAL)):
        if any(p.name in NO_TYPOGRAPHY or p.name == "sup" for p in node.parents):
            continue
        pieces: list = []
        last = 0
        text = str(node)
        for match in _ORDINAL.finditer(text):
            pieces.append(NavigableString(text[last:match.start()] + match.group(1)))
            sup = Tag(name="sup", attrs={"class": "kaart-ordinal"})
            sup.string = match.group(2)
            pieces.append(sup)
            last = match.end()
        pieces.append(NavigableString(text[last:]))
        for piece in pieces:
            node.insert_before(piece)
        node.extract()


def _readable_addresses(body: Tag) -> None:
    """A link whose text is its address prints it decoded (« Kit_d’Alerte », not « Kit_d%E2%80%99Alerte »)."""
    for link in body.select('a[href^="http"]'):
        text = link.get_text()
        if link.find(True) is None and _PERCENT.search(text):
            link.string = unquote(text)
        if link.get_text().startswith(("http://", "https://")):
            link["class"] = [*link.get("class", []), "kaart-url"]


_LIST_LINE = re.compile(r"^\s*([-•*]|\d+[.)]|\[[ xX]?\]|☐)\s")
WRAPPED_LINE = 70  # a line this long was cut to fit a text file's width, not ended by its writer


SHORT_SOURCES = "kaart-sources-short"
SHORT_SOURCES_CHARS = 400  # about five printed lines


def _short_sources(body: Tag) -> None:
    """A short box of sources goes to the next page with the end of the block before it (kaart-pdf.css),
    never alone at the top of a page; a long one may start at the foot of a page and run on."""
    for box in body.select(".admonition.kaart-sources"):
        if len(" ".join(box.get_text(" ").split())) < SHORT_SOURCES_CHARS:
            box["class"] = [*box.get("class", []), SHORT_SOURCES]


def _letters(body: Tag) -> None:
    """Message templates (text files shown in a code block) print as letters: curly apostrophes, and lines
    joined where the file only wrapped them, so that the printed line ends where the page's width does."""
    for block in body.select("div.highlight-text"):
        pre = block.find("pre")
        if pre is None:
            continue
        letter = Tag(name="div", attrs={"class": "kaart-letter"})
        for chunk in re.split(r"\n\s*\n", pre.get_text().strip("\n")):
            lines = chunk.split("\n")
            paragraph = Tag(name="p")
            for number, line in enumerate(lines):
                if number:
                    joined = len(lines[number - 1]) >= WRAPPED_LINE and not _LIST_LINE.match(line)
                    paragraph.append(NavigableString(" ") if joined else Tag(name="br"))
                paragraph.append(NavigableString(line.strip() if number else line.rstrip()))
            letter.append(paragraph)
        block.replace_with(letter)


_BLANK_RUN = re.compile(r"…{3,}|\.{5,}|_{4,}")


def _ruled_blanks(body: Tag) -> None:
    """Dotted blanks of a sheet (« Collectivité : ……… ») become ruled lines to write on; a blank that ends its
    line runs to the end of the line."""
    for blank in body.select("p > span.kaart-write, li > span.kaart-write"):
        _blank_to_line_end(blank.parent)
    for node in list(body.find_all(string=_BLANK_RUN)):
        if any(p.name in NO_TYPOGRAPHY for p in node.parents):
            continue
        text = str(node)
        pieces: list = []
        last = 0
        for match in _BLANK_RUN.finditer(text):
            pieces.append(NavigableString(text[last:match.start()]))
            width = min(max(len(match.group(0)) * 2.4, 20), 150)
            pieces.append(Tag(name="span", attrs={"class": "kaart-write", "style": f"width: {width:.0f}mm"}))
            last = match.end()
        pieces.append(NavigableString(text[last:]))
        parent = node.parent
        for piece in pieces:
            node.insert_before(piece)
        node.extract()
        block = parent if parent.name in ("p", "li") else parent.find_parent(["p", "li"])
        if block is not None:
            _blank_to_line_end(block)


SHORT_LABEL = 55  # a label this long or shorter shares its line with the ruled line


def _blank_to_line_end(block: Tag) -> None:
    """A blank that ends its paragraph or item runs to the end of the line (or takes a line of its own
    under a long label): laid out as a two-cell table row, which every printer engine lays out alike."""
    blanks = block.select("span.kaart-write")
    if not blanks or block.find(class_=["kaart-write-label", "kaart-write-below"]) is not None:
        return
    last = blanks[-1]
    tail = "".join(str(t) for t in last.next_siblings if isinstance(t, NavigableString))
    if any(isinstance(t, Tag) for t in last.next_siblings) or tail.strip(" .:\u00a0"):
        return
    del last["style"]
    for text in list(last.next_siblings):
        text.extract()
    label_text = " ".join(block.get_text().split())
    if len(label_text) > SHORT_LABEL:
        last["class"] = ["kaart-write", "kaart-write-below"]
        return
    row = Tag(name="span", attrs={"class": "kaart-write-row"})
    label = Tag(name="span", attrs={"class": "kaart-write-label"})
    for child in list(block.children):
        if child is not last:
            label.append(child.extract())
    last["class"] = ["kaart-write", "kaart-write-end"]
    row.append(label)
    row.append(last.extract())
    block.append(row)


def _glossary_entries(body: Tag) -> None:
    """Each glossary term with its definition, in one block that a page break cannot cut."""
    for glossary in body.select("dl.glossary"):
        for term in glossary.find_all("dt", recursive=False):
            entry = Tag(name="div", attrs={"class": "kaart-glossary-entry"})
            term.insert_before(entry)
            following = []
            sibling = term.find_next_sibling()
            while sibling is not None and sibling.name == "dd":
                following.append(sibling)
                sibling = sibling.find_next_sibling()
            entry.append(term.extract())
            for definition in following:
                entry.append(definition.extract())


# ---------------------------------------------------------------------------------------------------
# Assembling the printable document


def split_documents(article: Tag, root_doc: str) -> dict[str, Tag]:
    """The single-page build's article cut back into one section per document."""
    documents: dict[str, Tag] = {}
    for marker in article.select("span[id^=document-]"):
        section = marker.find_next_sibling("section")
        if section is not None:
            documents[marker["id"].removeprefix("document-")] = section.extract()
    for wrapper in article.select("div.toctree-wrapper"):
        wrapper.decompose()
    root = article.find("section")
    if root is not None:
        documents[root_doc] = root.extract()
    return documents


def _clean(section: Tag, edition: Edition) -> None:
    for selector in ("a.headerlink", "script", "button", ".kaart-widget", "nav", ".toggle-details__summary",
                     f".{WEB_ONLY}", ".sd-summary-state-marker", ".sd-tab-set > input"):
        for node in section.select(selector):
            node.decompose()
    if not edition.trainer:
        for node in section.select(".kaart-formateur"):
            node.decompose()
    _unfold(section)


def _unfold(section: Tag) -> None:
    """What the site folds or puts behind tabs is all there on paper: a dropdown becomes a titled block,
    a tab set one labelled block per tab (its label a heading, never run into the next label)."""
    for details in section.select("details"):
        details.name = "div"
        details.attrs = {"class": ["kaart-unfolded", *details.get("class", [])]}
        summary = details.find("summary")
        if summary is not None:
            summary.name = "p"
            summary.attrs = {"class": ["kaart-unfolded-title"]}
    for tab_set in section.select(".sd-tab-set"):
        tab_set["class"] = ["kaart-tabs"]
        for label in tab_set.find_all("label", recursive=False):
            content = label.find_next_sibling(class_="sd-tab-content")
            wrapper = Tag(name="div", attrs={"class": "kaart-tab"})
            label.insert_before(wrapper)
            text = " ".join(label.get_text().split())
            label.name = "p"
            label.attrs = {"class": ["kaart-tab-title"]}
            label.string = text
            wrapper.append(label.extract())
            if content is not None:
                content["class"] = ["kaart-tab-content"]
                wrapper.append(content.extract())


def _add_qr_codes(soup: BeautifulSoup, section: Tag, docname: str, base: str, every_link: bool) -> None:
    # The print forms of a page's widgets: one QR code to the live exercise, on the first of them; a print
    # form may name what its own QR code opens (« Projeter la séance : »…) and then carries its own.
    forms = section.select(".kaart-print-form")
    for form in forms:
        own_label = form.select_one(".kaart-qr-label")
        if own_label is None:
            continue
        widget = form.find_previous(class_="kaart-widget")
        label = own_label.get_text(" ", strip=True)
        own_label.decompose()
        form.insert(0, _qr_box(soup, page_url(base, docname, widget.get("id", "") if widget else ""), label))
    forms = [form for form in forms if not form.select_one(".kaart-qr")]
    seen: set[str] = set()
    if forms:
        widget = forms[0].find_previous(class_="kaart-widget")
        url = page_url(base, docname, widget.get("id", "") if widget else "")
        forms[0].insert(0, _qr_box(soup, url, "À faire en ligne :"))
        seen.add(page_url(base, docname))
    # References to an exercise page or a listed resource: a QR code after the paragraph that cites them.
    for link in section.select("a[href]"):
        href = link["href"]
        if href.startswith("#document-exercises/"):
            url = page_url(base, href.removeprefix("#document-"))
            label = "Exercice en ligne :"
        elif (every_link or QR_LINK_CLASS in link.get("class", [])) and href.startswith(("http://", "https://")) \
                and not link.find_parent(class_="kaart-sources"):
            url, label = href, "Ressource :"
        else:
            continue
        holder = link.find_parent(["p", "li"]) or link
        if url in seen or holder.find_parent(class_="kaart-qr") is not None:
            continue
        seen.add(url)
        holder.insert_after(_qr_box(soup, url, label))


def _printables_last(section: Tag) -> None:
    """Printables (A4 sheets of the trainer's guide) follow the page they belong to, after its « À retenir »
    and sources, so that no text of the page shares a sheet's paper; a section holding only sheets moves
    with them, without its heading."""
    moved: list[Tag] = []
    for sheet in section.select(".kaart-printable"):
        holder = sheet.parent
        others = [child for child in holder.find_all(recursive=False)
                  if child.name not in ("h1", "h2", "h3", "h4") and "kaart-printable" not in child.get("class", [])]
        target = holder if holder.name == "section" and holder is not section and not others else sheet
        if target not in moved:
            moved.append(target)
    for target in moved:
        if target.name == "section":
            # Each sheet has its own title: the section's heading would stand alone at the foot of a page.
            for heading in target.find_all(["h1", "h2", "h3", "h4"], recursive=False):
                heading.decompose()
        section.append(target.extract())


def _scope_ids(section: Tag, prefix: str, first_holder: dict[str, str]) -> None:
    """Ids are unique per web page, not across the guide (footnotes « id1 »…): prefix them per page. A link
    from another page (a glossary term) goes to the first page that holds the id (``first_holder``)."""
    renamed = {}
    for node in section.select("[id]"):
        renamed[node["id"]] = f"{prefix}--{node['id']}"
        first_holder.setdefault(node["id"], renamed[node["id"]])
        node["id"] = renamed[node["id"]]
    for link in section.select('a[href^="#"]'):
        target = link["href"][1:]
        if target in renamed:
            link["href"] = f"#{renamed[target]}"


def _resolve_links(body: Tag, first_holder: dict[str, str], root_doc: str, base: str) -> None:
    """Every link of the guide goes inside the guide or to the published site, never to a file of the machine
    that built it: the single page's own anchors and glossary terms inside, downloads and other files of the
    site to their published address. A link to a page that is not printed in this guide (« Ma progression »)
    stays as its title, in quotation marks."""
    ids = {node["id"] for node in body.select("[id]")}
    for link in body.select("a[href]"):
        parsed = urlparse(link["href"])
        if parsed.scheme not in ("", "file"):
            continue
        path = parsed.path.removeprefix("./")
        if parsed.scheme == "file" or path.startswith("/"):
            path = path.rsplit("/_build/singlehtml/", 1)[-1].lstrip("/")
        if path in ("", f"{root_doc}.html"):
            target = parsed.fragment if parsed.fragment in ids else first_holder.get(parsed.fragment)
            if target in ids:
                link["href"] = f"#{target}"
            else:
                if link.select_one(".doc, .std-ref") is not None:
                    # a page printed in the other guide, or not at all: its title, quoted, reads as one
                    link.insert_before("«\u00a0")
                    link.insert_after("\u00a0»")
                link.unwrap()
        else:
            link["href"] = urljoin(base, path) + (f"#{parsed.fragment}" if parsed.fragment else "")


_TITLE_PREFIX = re.compile(r"^([^:]{3,40}?)\s*:\s+(.+)$")


def _mark_page_references(body: Tag) -> None:
    """A link to a page or a section reads « (voir p. N) » on paper (kaart-pdf.css); a title repeating the
    word just before it (« la fiche pratique Fiche pratique : … ») loses its prefix."""
    for link in body.select('a.reference.internal[href^="#"]'):
        if link.find_parent(class_=["kaart-toc", "kaart-qr", "kaart-print-elsewhere"]) is not None \
                or link.select_one(".std-term") is not None or "sd-stretched-link" in link.get("class", []):
            continue
        if link.select_one(".doc, .std-ref, .std-numref") is None and not link["href"].startswith("#document-"):
            continue
        link["class"] = [*link.get("class", []), PAGE_REFERENCE]
        before = link.previous_sibling
        if isinstance(before, NavigableString) and re.search(r"(\bvoir\s*|\(voir\b[^()]*)$", str(before), re.I):
            # « (voir Les documents publics, p. 97) », not « (voir Les documents publics (voir p. 97)) »
            link["class"].append(f"{PAGE_REFERENCE}-after-voir")
        match = _TITLE_PREFIX.match(link.get_text().strip())
        if not match or not isinstance(before, NavigableString):
            continue
        prefix, rest = match.groups()
        said = str(before).rstrip()
        if said.lower().endswith(prefix.lower()):
            text = f"«\u00a0{rest}\u00a0»"
        elif said.lower().endswith(" " + prefix.split()[0].lower()):
            said = said[: -len(prefix.split()[0])].rstrip()
            text = f"{prefix[0].lower()}{prefix[1:]} «\u00a0{rest}\u00a0»"
        else:
            continue
        before.replace_with(said + " ")
        holder = link.select_one(".doc, .std-ref") or link
        holder.string = text


def _print_once(soup: BeautifulSoup, body: Tag) -> None:
    """A block marked ``kaart-print-once`` (a worksheet, a set of cards) is printed once, on an exercise page if
    one holds it, else where it first appears; every other copy becomes a reference to that page."""
    blocks: dict[str, list[Tag]] = {}
    for block in body.select(".kaart-print-once"):
        key = next((c.removeprefix("kaart-print-key-") for c in block["class"] if c.startswith("kaart-print-key-")),
                   None)
        if key:
            blocks.setdefault(key, []).append(block)
    for key, copies in blocks.items():
        def on_exercise(block: Tag) -> bool:
            document = block.find_parent(class_="kaart-document")
            heading = document.find(id=re.compile("^document-")) if document else None
            return heading is not None and heading["id"].startswith("document-exercises/")

        home = next((block for block in copies if on_exercise(block)), copies[0])
        home["id"] = f"imprime-{key}"
        title_node = home.select_one(".rubric, h3, h4, p")
        title = " ".join(title_node.get_text().split()) if title_node else key
        for block in copies:
            if block is home:
                continue
            reference = soup.new_tag("p", attrs={"class": "kaart-print-elsewhere"})
            reference.append("Sur papier : ")
            link = soup.new_tag("a", attrs={"class": f"reference internal {PAGE_REFERENCE}",
                                            "href": f"#imprime-{key}"})
            link.string = title
            reference.append(link)
            reference.append(".")
            block.replace_with(reference)


def _normalize_headings(section: Tag) -> None:
    """The page's title becomes an h2 and its sections h3, h4…, whatever depth the single page gave them: the
    guide's outline (kaart-pdf.css) is parts (h1), pages (h2), sections (h3)."""
    headings = section.find_all(re.compile("^h[1-6]$"))
    if not headings:
        return
    shift = 2 - min(int(h.name[1]) for h in headings)
    for heading in headings:
        heading.name = f"h{min(6, int(heading.name[1]) + shift)}"


def web_only_phrases(path: Path = WEB_ONLY_PHRASES) -> list[str]:
    """The phrases that must never be printed (data/impression.yml)."""
    data, problems = read_yaml(path)
    if problems:
        raise DataError(problems)
    return [str(phrase) for phrase in (data or {}).get("web_seulement", [])]


def _comparable(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").lower().split())


def printed_web_phrases(text: str, phrases: list[str]) -> list[str]:
    """The web-only phrases found in printed ``text`` (case, apostrophes and spacing ignored)."""
    comparable = _comparable(text)
    return [phrase for phrase in phrases
            if re.search(rf"(?<!\w){re.escape(_comparable(phrase))}(?!\w)", comparable)]


def _paragraphs(soup: BeautifulSoup, parent: Tag, lines: list) -> None:
    for line in lines:
        paragraph = soup.new_tag("p")
        for piece in line if isinstance(line, list) else [line]:
            paragraph.append(piece if isinstance(piece, Tag) else soup.new_string(piece))
        parent.append(paragraph)


def _site_link(soup: BeautifulSoup, url: str) -> Tag:
    link = soup.new_tag("a", href=url, attrs={"class": "kaart-url"})
    link.string = short_url(url)
    return link


def _month(today: _dt.date) -> str:
    return format_date(today.isoformat()[:7])


def _cover(soup: BeautifulSoup, edition: Edition, title: str, today: _dt.date, release: str, base: str) -> Tag:
    cover = soup.new_tag("section", attrs={"class": "kaart-cover"})
    main, _, subtitle = title.partition(" — ")
    for tag, text, cls in (("p", "KAART", "kaart-cover-brand"), ("h1", main, "kaart-cover-title"),
                           ("p", subtitle, "kaart-cover-subtitle"), ("p", edition.subtitle, "kaart-cover-edition")):
        node = soup.new_tag(tag, attrs={"class": cls})
        node.string = text
        cover.append(node)
    meta = soup.new_tag("div", attrs={"class": "kaart-cover-meta"})
    _paragraphs(soup, meta, [release, ["Le cours en ligne : ", _site_link(soup, base)],
                             "Un cours ouvert et non partisan pour dialoguer avec ses élus locaux."])
    cover.append(meta)
    return cover


def _colophon(soup: BeautifulSoup, edition: Edition, title: str, author: str, today: _dt.date, release: str,
              base: str) -> Tag:
    """The back of the cover: who made the guide, its licences, its edition, where to find the course."""
    colophon = soup.new_tag("section", attrs={"class": "kaart-colophon"})
    heading = soup.new_tag("h2")
    heading.string = "À propos de ce guide"
    colophon.append(heading)
    qr = _qr_box(soup, base, "Le cours en ligne, avec ses exercices et la dernière version de ce guide :")
    _paragraphs(soup, colophon, [
        [soup.new_tag("strong")],
        f"{edition.subtitle}, version {release}, {_month(today)}. Guide imprimé le {format_date(today)}.",
        f"Autrices et auteurs : {author}.",
        "Textes, quiz et figures sous licence Creative Commons Attribution – Partage dans les mêmes conditions 4.0 "
        "International (CC BY-SA 4.0) : vous pouvez copier, adapter et redistribuer ce guide, y compris pour une "
        "formation, en citant KAART et en partageant vos adaptations sous la même licence.",
        ["Texte de la licence : ", _site_link(soup, "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"), "."],
        "Code du site et des exercices sous licence MIT. Données des communes et des intercommunalités : Etalab, "
        "d’après l’Insee, la DGCL et La Poste, sous Licence Ouverte.",
        "Ce cours s’appuie sur les cahiers « Villes et territoires résilients » de The Shift Project (octobre 2022). "
        "Il est indépendant de The Shift Project et de tout parti politique.",
        ["Contact, erreur à signaler, idée d’amélioration : par le site du cours, ", _site_link(soup, base),
         ", ou auprès des animateurs de votre réseau."],
    ])
    colophon.find("strong").string = title
    colophon.append(qr)
    return colophon


def _back_cover(soup: BeautifulSoup, release: str, today: _dt.date, base: str) -> Tag:
    back = soup.new_tag("section", attrs={"class": "kaart-back"})
    _paragraphs(soup, back, [
        "KAART prépare des bénévoles à rencontrer leurs élus locaux pour parler de la résilience de leur "
        "territoire : comprendre les enjeux, présenter le cahier de The Shift Project qui lui correspond, écouter, "
        "proposer une courte enquête dont les réponses sont mises en commun.",
        "Ce guide reprend tout le cours, avec ses fiches à remplir, ses quiz et leurs corrigés. Les exercices "
        "interactifs sont sur le site, sans rien installer et même hors connexion.",
    ])
    back.append(_qr_box(soup, base, "Le cours en ligne :"))
    _paragraphs(soup, back, [f"Version {release} — {_month(today)} — contenu sous licence CC BY-SA 4.0, code sous "
                             "licence MIT."])
    return back


def _metadata(soup: BeautifulSoup, edition: Edition, author: str, today: _dt.date) -> None:
    """What a PDF reader shows in the document's properties (WeasyPrint reads these meta elements)."""
    stamp = _dt.datetime.combine(today, _dt.time(12, 0), tzinfo=_dt.timezone.utc).isoformat()
    for name, content in (
        ("author", author),
        ("description", f"{edition.subtitle} de KAART : se préparer à rencontrer ses élus locaux pour parler de la "
                        "résilience de son territoire, avec les cahiers « Villes et territoires résilients » de The "
                        "Shift Project."),
        ("keywords", "résilience, territoires, élus locaux, collectivités, adaptation, bénévolat, The Shift Project"),
        ("generator", "KAART (Jupyter Book, WeasyPrint)"),
        ("dcterms.created", stamp),
        ("dcterms.modified", stamp),
    ):
        soup.head.append(soup.new_tag("meta", attrs={"name": name, "content": content}))


def _toc(soup: BeautifulSoup, entries: list[tuple[str, str, str]]) -> Tag:
    toc = soup.new_tag("nav", attrs={"class": "kaart-toc"})
    heading = soup.new_tag("h1")
    heading.string = "Sommaire"
    toc.append(heading)
    listing = soup.new_tag("ul")
    for kind, anchor, text in entries:
        item = soup.new_tag("li", attrs={"class": f"kaart-toc-{kind}"})
        link = soup.new_tag("a", href=f"#{anchor}")
        link.string = text
        item.append(link)
        listing.append(item)
    toc.append(listing)
    return toc


def assemble(singlehtml: Path, edition: Edition, root: Path = REPO_ROOT,
             today: _dt.date | None = None) -> BeautifulSoup | None:
    """The printable HTML of an edition, or None when the book has no page for it."""
    plan = [page for page in course_plan(root) if edition.keeps(page) and in_print(page, root)]
    if not plan:
        return None
    toc_yaml = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    source = BeautifulSoup((singlehtml / f"{toc_yaml['root']}.html").read_text(encoding="utf-8"), "html.parser")
    article = source.select_one("article.bd-article")
    documents = split_documents(article, toc_yaml["root"])
    base = site_url(root)

    soup = BeautifulSoup('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>',
                         "html.parser")
    head, body = soup.head, soup.body
    title = soup.new_tag("title")
    title.string = f"KAART — {edition.subtitle}"
    head.append(title)
    for css in ("_static/pygments.css", "_static/sphinx-design.min.css"):
        head.append(soup.new_tag("link", rel="stylesheet", href=css))
    style = soup.new_tag("style")
    style.string = PDF_CSS.read_text(encoding="utf-8")
    head.append(style)

    today = today or _dt.date.today()
    author, release = book_author(root), release_number(root)
    _metadata(soup, edition, author, today)
    body.append(_cover(soup, edition, book_title(root), today, edition_line(root, today), base))
    body.append(_colophon(soup, edition, book_title(root), author, today, release, base))
    entries: list[tuple[str, str, str]] = []
    toc_position = len(body.contents)
    current_part = None
    first_holder: dict[str, str] = {}
    for number, page in enumerate(plan):
        if page.part != current_part:
            current_part = page.part
            part = soup.new_tag("section", attrs={"class": "kaart-part", "id": f"partie-{number}"})
            heading = soup.new_tag("h1", attrs={"class": "kaart-part-title"})
            heading.string = page.part
            part.append(heading)
            body.append(part)
            entries.append(("part", f"partie-{number}", page.part))
        section = documents.get(page.docname)
        if section is None:
            raise ValueError(f"{page.docname} : page absente de la construction en page unique")
        # Pages flow one after the other (no page left nearly empty by a short end); a reference page (the
        # practical sheets, the glossary, the bibliography…) starts on a page of its own.
        options = _print_options(page, root)
        own_page = ["kaart-document-own-page"] if options.get("page") == "reference" else []
        if options.get("impression") == "fiche":
            own_page.append("kaart-sheet")
        section["class"] = [*section.get("class", []), "kaart-document", *own_page]
        _add_qr_codes(soup, section, page.docname, base, qr_for_every_link(page, root))
        _clean(section, edition)
        _printables_last(section)
        _scope_ids(section, f"p{number}", first_holder)
        _normalize_headings(section)
        heading = section.find("h2")
        anchor = f"document-{page.docname}"
        if heading is not None:
            heading["id"] = anchor
            entries.append(("page", anchor, page.title))
        body.append(section)
    body.insert(toc_position, _toc(soup, entries))
    body.append(_back_cover(soup, release, today, base))
    _resolve_links(body, first_holder, toc_yaml["root"], base)
    _print_once(soup, body)
    _mark_page_references(body)
    _letters(body)
    _short_sources(body)
    _ruled_blanks(body)
    _glossary_entries(body)
    _readable_addresses(body)
    _apply_typography(body)
    phrases = web_only_phrases(root / "data" / "impression.yml")
    printed = [f"{page.docname} : « {phrase} »" for page in plan if (section := body.find(id=f"document-{page.docname}"))
               for phrase in printed_web_phrases(section.parent.get_text(" "), phrases)]
    if printed:
        raise ValueError(f"{edition.filename} : texte réservé au site, imprimé : {' ; '.join(printed)}. Écrivez-le "
                         "dans {web}`…`, avec son équivalent pour le papier dans {papier}`…` (data/impression.yml)")
    return soup


def printable_name(element: Tag) -> str:
    """The file name of a printable of the trainer's guide: ``emargement.pdf``, ``feuille-de-route-3.pdf``."""
    return element["id"].rpartition("--")[2].removeprefix("imprimable-") + ".pdf"


def split_printables(soup: BeautifulSoup) -> dict[str, BeautifulSoup]:
    """Each printable of an assembled guide (``.kaart-printable``) as a document of its own, same style."""
    documents = {}
    for element in soup.select(".kaart-printable[id]"):
        single = BeautifulSoup(f"<!DOCTYPE html><html lang=\"fr\">{soup.head}<body></body></html>", "html.parser")
        copy = BeautifulSoup(str(element), "html.parser")
        single.body.append(copy)
        for node in single.select(".kaart-printable"):
            node["class"] = [*node.get("class", []), "kaart-printable-alone"]
        documents[printable_name(element)] = single
    return documents


def build(singlehtml: Path, outdir: Path, root: Path = REPO_ROOT) -> list[Path]:
    """Write every edition that has pages into ``outdir``, and each printable of the trainer's guide alone
    into ``outdir/formation/``; the paths written."""
    from weasyprint import HTML  # imported here: only the PDF build needs it

    written = []
    base_url = str(singlehtml.resolve()) + "/"
    for edition in EDITIONS:
        soup = assemble(singlehtml, edition, root)
        if soup is None:
            continue
        target = outdir / edition.filename
        outdir.mkdir(parents=True, exist_ok=True)
        # The single page writes its asset paths (_static/, _images/) from the build's root folder.
        # Tagged (headings, lists, tables, figures with their text alternatives) for screen readers.
        HTML(string=str(soup), base_url=base_url).write_pdf(target, pdf_tags=True)
        written.append(target)
        if edition.trainer:
            for name, single in split_printables(soup).items():
                alone = outdir / PRINTABLES_FOLDER / name
                alone.parent.mkdir(parents=True, exist_ok=True)
                HTML(string=str(single), base_url=base_url).write_pdf(alone)
                written.append(alone)
    return written
