"""The site as readers take it away: the downloadable copy ``kaart-site.zip``, the sizes shown beside the
download links, and a release (site, PDF guides, archive and their checksums) for a real published address.

``make book`` ends with :func:`finish_site` (``kaart archive _build/html``): it writes the guides' sizes into
the pages, zips the site, then writes the archive's own size. ``make release SITE_URL=…`` builds the book
with that address and packages it with :func:`release` (``kaart release …``), which refuses a missing or
placeholder address.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

from kaart_course import release as edition
from kaart_course._french import format_number

ARCHIVE = "kaart-site.zip"
ARCHIVE_FOLDER = "kaart"  # the archive unpacks into one folder, which opens at index.html
CHECKSUMS = "SHA256SUMS"
# Build leftovers a reader has no use for.
_LEFT_OUT = {".buildinfo", ARCHIVE}
_SIZE = re.compile(r'(<span data-kaart-size-of="([^"]+)">)[^<]*(</span>)')
# The archive block of « Utiliser le site » (kaart_course.sphinxext.guide_link): on the site, a download link;
# in the copy, which does not hold itself, a note saying it is one.
_ON_SITE = re.compile(r'<div class="kaart-site-archive" data-kaart-archive="site">.*?</div>', re.S)
_IN_COPY = '<div class="kaart-site-archive" data-kaart-archive="copy" hidden>'
README_TEXT = """KAART — Kit d'Alerte et d'Action pour la Résilience des Territoires
{version}

Pour lire le cours, ouvrez le fichier index.html de ce dossier dans votre navigateur
(double-clic). Tout fonctionne sans connexion : pages, recherche, quiz, studio de
présentation, formulaire de l'enquête et guide PDF. Vos réponses restent dans votre
navigateur, sur cet appareil.

Site publié : {url}
"""


class ReleaseError(ValueError):
    """A release cannot be made as asked; the message says why, in French and in English."""


def format_size(size: int) -> str:
    """« 850 ko », « 4,2 Mo », « 14 Mo » (1 Mo = 1 000 000 octets, as a file manager shows it)."""
    if size < 1_000_000:
        return f"{format_number(max(1, round(size / 1000)))}\u00a0ko"
    megabytes = size / 1_000_000
    return f"{format_number(megabytes, 1 if megabytes < 10 else 0)}\u00a0Mo"


def fill_sizes(html_dir: Path) -> list[str]:
    """Write the size of each file of the site named by a ``data-kaart-size-of`` mark into every page that
    has one; a file that does not exist leaves the mark empty. Returns the files whose size was written."""
    shown: set[str] = set()

    def size_of(match: re.Match) -> str:
        target = html_dir / match.group(2)
        if not target.is_file():
            return match.group(1) + match.group(3)
        shown.add(match.group(2))
        return f"{match.group(1)}, {format_size(target.stat().st_size)}{match.group(3)}"

    for page in html_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "data-kaart-size-of" in text:
            filled = _SIZE.sub(size_of, text)
            if filled != text:
                page.write_text(filled, encoding="utf-8")
    return sorted(shown)


def _as_in_copy(text: str) -> str:
    return _ON_SITE.sub("", text).replace(_IN_COPY, _IN_COPY.removesuffix(" hidden>") + ">")


def build_archive(html_dir: Path, root: Path | None = None) -> Path:
    """Zip the built site into ``html_dir/kaart-site.zip``: one folder ``kaart/`` that opens at index.html,
    with a short LISEZ-MOI.txt; the pages say they are a copy instead of offering to download it."""
    root = root or edition.REPO_ROOT
    target = html_dir / ARCHIVE
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(f"{ARCHIVE_FOLDER}/LISEZ-MOI.txt",
                         README_TEXT.format(version=edition.edition_line(root), url=edition.site_url(root)))
        for path in sorted(html_dir.rglob("*")):
            relative = path.relative_to(html_dir)
            if not path.is_file() or path.name in _LEFT_OUT or path == partial:
                continue
            name = f"{ARCHIVE_FOLDER}/{relative.as_posix()}"
            if path.suffix == ".html":
                archive.writestr(name, _as_in_copy(path.read_text(encoding="utf-8")))
            else:
                archive.write(path, name)
    partial.replace(target)
    return target


def finish_site(html_dir: Path, root: Path | None = None) -> Path:
    """What ``make book`` does once the site and the guides are built: sizes, archive, the archive's size."""
    (html_dir / ARCHIVE).unlink(missing_ok=True)
    fill_sizes(html_dir)
    archive = build_archive(html_dir, root)
    fill_sizes(html_dir)
    return archive


# --- Release ------------------------------------------------------------------------------------------------


def check_address(url: str | None) -> str:
    """The published address of a release, ending with « / »; raises ReleaseError when it is missing, not
    an https address, or the placeholder of a working copy."""
    url = (url or "").strip()
    if not url:
        raise ReleaseError(
            "Adresse du site publié manquante : lancez « make release SITE_URL=https://… » avec l'adresse où le "
            "site sera publié (les QR codes du guide y mènent).\n"
            "Missing published address: run `make release SITE_URL=https://…` with the address the site will be "
            "published at (the printed guide's QR codes lead there).")
    if not re.match(r"^https://[^/\s]+\.[^/\s]+(/\S*)?$", url):
        raise ReleaseError(
            f"Adresse invalide : « {url} » ; il faut une adresse complète en https://, par exemple "
            "https://association.github.io/kaart/.\n"
            f"Invalid address: {url!r}; give a full https:// address, e.g. https://association.github.io/kaart/.")
    if edition.is_placeholder(url):
        raise ReleaseError(
            f"« {url} » est l'adresse d'exemple d'une copie de travail, pas celle d'un site publié : une version "
            "publiée ne peut pas l'utiliser.\n"
            f"{url!r} is the example address of a working copy, not a published site's: a release cannot use it.")
    return url if url.endswith("/") else url + "/"


def _pdf_links(path: Path) -> list[str]:
    """Every web address a PDF links to (its link annotations: the QR codes' and the text's links)."""
    from pypdf import PdfReader  # pinned with the test tools in requirements.txt, which `make` installs

    links = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                links.append(str(action["/URI"]))
    return links


def _placeholder_uses(html_dir: Path) -> list[str]:
    """Files of the build that still point to the working copy's placeholder address."""
    found = []
    for path in sorted(html_dir.rglob("*")):
        if not path.is_file() or path.name == ARCHIVE:
            continue
        if path.suffix in {".html", ".js", ".json", ".txt", ".ipynb", ".csv", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            addresses = re.findall(r"https?://[^\s\"'<>)]+", text)
        elif path.suffix == ".pdf":
            addresses = _pdf_links(path)
        else:
            continue
        if any(edition.is_placeholder(address) for address in addresses):
            found.append(path.relative_to(html_dir).as_posix())
    return found


def release(html_dir: Path, out_dir: Path, url: str | None, root: Path | None = None) -> list[Path]:
    """Package a finished build of the site made with the published address ``url`` into ``out_dir``: the
    site archive, the PDF guides and ``SHA256SUMS``. Refuses a missing or placeholder address, and a build
    that still points to the placeholder (built without that address)."""
    url = check_address(url)
    root = root or edition.REPO_ROOT
    if edition.site_url(root) != url:
        raise ReleaseError(
            f"La construction n'utilise pas l'adresse {url} (elle lit {edition.site_url(root)}) : lancez "
            f"« make release SITE_URL={url} », qui construit le site avec elle.\n"
            f"The build does not use {url} (it reads {edition.site_url(root)}): run `make release SITE_URL={url}`, "
            "which builds the site with it.")
    stale = _placeholder_uses(html_dir)
    if stale:
        raise ReleaseError(
            "Ces fichiers du site mènent encore à l'adresse d'exemple ; reconstruisez avec « make release "
            f"SITE_URL={url} » :\nThese files still point to the example address; rebuild with "
            f"`make release SITE_URL={url}`:\n  " + "\n  ".join(stale))
    guides = sorted(html_dir.glob("kaart-guide-*.pdf"))
    if not guides:
        raise ReleaseError(f"Aucun guide PDF dans {html_dir} : lancez « make book ».\n"
                           f"No PDF guide in {html_dir}: run `make book`.")
    archive = finish_site(html_dir, root)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    files = [Path(shutil.copy2(path, out_dir / path.name)) for path in [archive, *guides]]
    sums = out_dir / CHECKSUMS
    sums.write_text("".join(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in files),
                    encoding="utf-8")
    return [*files, sums]
