"""The printable guides the course offers: which parts each keeps and the file it is written to. Read by the
site (its download links) and by the PDF builder (kaart_course.pdf), which alone needs WeasyPrint."""

from __future__ import annotations

from dataclasses import dataclass

from kaart_course.course_plan import PlannedPage

TRAINER_PART = "Guide du formateur"
# A link of this class gets a QR code beside it in the printed guides (the cahiers' addresses…).
QR_LINK_CLASS = "kaart-qr-link"
# Where each printable of the trainer's guide is also written alone (formation/emargement.pdf…).
PRINTABLES_FOLDER = "formation"


@dataclass(frozen=True)
class Edition:
    """One printable guide: its file name, its title on the cover, and which parts it keeps."""

    slug: str
    subtitle: str
    trainer: bool

    @property
    def filename(self) -> str:
        return f"kaart-guide-{self.slug}.pdf"

    def keeps(self, page: PlannedPage) -> bool:
        return (page.part == TRAINER_PART) == self.trainer


LEARNER = Edition("apprenant", "Guide d'autoformation", trainer=False)
TRAINER = Edition("formateur", "Guide du formateur", trainer=True)
EDITIONS = (LEARNER, TRAINER)
