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
from urllib.parse import urljoin, urlparse

import segno
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from kaart_course.conventions import page_options
from kaart_course.course_plan import PlannedPage, course_plan
from kaart_course.guides import EDITIONS, LEARNER, QR_LINK_CLASS, TRAINER, TRAINER_PART, Edition  # noqa: F401 - re-exported
from kaart_course.paths import REPO_ROOT, STATIC_DIR
from kaart_course.release import book_title, edition_line, site_url

PDF_CSS = STATIC_DIR / "kaart-pdf.css"
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


def page_url(base: str, docname: str, anchor: str = "") -> str:
    return urljoin(base, f"{docname}.html") + (f"#{anchor}" if anchor else "")


def _qr_box(soup: BeautifulSoup, url: str, label: str) -> Tag:
    box = soup.new_tag("div", attrs={"class": "kaart-qr", "data-kaart-qr": url})
    image = soup.new_tag("img", attrs={"src": qr_svg_uri(url), "alt": f"QR code vers {short_url(url)}"})
    text = soup.new_tag("p")
    text.append(soup.new_string(label + " "))
    link = soup.new_tag("a", href=url)
    link.string = short_url(url)
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


def _apply_typography(element: Tag) -> None:
    for node in list(element.descendants):
        if isinstance(node, NavigableString) and not any(p.name in NO_TYPOGRAPHY for p in node.parents):
            fixed = french_typography(str(node))
            if fixed != str(node):
                node.replace_with(fixed)


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
    for selector in ("a.headerlink", "script", "button", ".kaart-widget", "nav", ".toggle-details__summary"):
        for node in section.select(selector):
            node.decompose()
    if not edition.trainer:
        for node in section.select(".kaart-formateur"):
            node.decompose()


def _add_qr_codes(soup: BeautifulSoup, section: Tag, docname: str, base: str, every_link: bool) -> None:
    # The print form of a widget: point to the live exercise on its page.
    for form in section.select(".kaart-print-form"):
        widget = form.find_previous(class_="kaart-widget")
        url = page_url(base, docname, widget.get("id", "") if widget else "")
        form.insert(0, _qr_box(soup, url, "À faire en ligne, dans le navigateur :"))
    # References to an exercise page or a listed resource: a QR code after the paragraph that cites them.
    seen: set[str] = set()
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


def _scope_ids(section: Tag, prefix: str) -> None:
    """Ids are unique per web page, not across the guide (footnotes « id1 »…): prefix them per page."""
    renamed = {}
    for node in section.select("[id]"):
        renamed[node["id"]] = f"{prefix}--{node['id']}"
        node["id"] = renamed[node["id"]]
    for link in section.select('a[href^="#"]'):
        target = link["href"][1:]
        if target in renamed:
            link["href"] = f"#{renamed[target]}"


def _unlink_missing_targets(body: Tag) -> None:
    # A link to a page that is not printed (« Ma progression ») stays as plain text.
    ids = {node["id"] for node in body.select("[id]")}
    for link in body.select('a[href^="#"]'):
        if link["href"][1:] not in ids:
            link.unwrap()


def _cover(soup: BeautifulSoup, edition: Edition, title: str, today: _dt.date, release: str) -> Tag:
    cover = soup.new_tag("section", attrs={"class": "kaart-cover"})
    main, _, subtitle = title.partition(" — ")
    for tag, text, cls in (("p", "KAART", "kaart-cover-brand"), ("h1", main, "kaart-cover-title"),
                           ("p", subtitle, "kaart-cover-subtitle"), ("p", edition.subtitle, "kaart-cover-edition")):
        node = soup.new_tag(tag, attrs={"class": cls})
        node.string = text
        cover.append(node)
    meta = soup.new_tag("div", attrs={"class": "kaart-cover-meta"})
    for line in (release,
                 "Contenu sous licence Creative Commons BY-SA 4.0 ; code sous licence MIT.",
                 "Un cours ouvert et non partisan pour dialoguer avec ses élus locaux."):
        paragraph = soup.new_tag("p")
        paragraph.string = line
        meta.append(paragraph)
    cover.append(meta)
    return cover


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

    body.append(_cover(soup, edition, book_title(root), today or _dt.date.today(), edition_line(root, today)))
    entries: list[tuple[str, str, str]] = []
    toc_position = len(body.contents)
    current_part = None
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
        section["class"] = [*section.get("class", []), "kaart-document"]
        _add_qr_codes(soup, section, page.docname, base, qr_for_every_link(page, root))
        _clean(section, edition)
        _scope_ids(section, f"p{number}")
        heading = section.find(["h1", "h2"])
        anchor = f"document-{page.docname}"
        if heading is not None:
            heading["id"] = anchor
            entries.append(("page", anchor, page.title))
        body.append(section)
    body.insert(toc_position, _toc(soup, entries))
    _unlink_missing_targets(body)
    _apply_typography(body)
    return soup


def build(singlehtml: Path, outdir: Path, root: Path = REPO_ROOT) -> list[Path]:
    """Write every edition that has pages into ``outdir``; the paths written."""
    from weasyprint import HTML  # imported here: only the PDF build needs it

    written = []
    for edition in EDITIONS:
        soup = assemble(singlehtml, edition, root)
        if soup is None:
            continue
        target = outdir / edition.filename
        outdir.mkdir(parents=True, exist_ok=True)
        # The single page writes its asset paths (_static/, _images/) from the build's root folder.
        HTML(string=str(soup), base_url=str(singlehtml.resolve()) + "/").write_pdf(target)
        written.append(target)
    return written
