"""The ``{kaart-figure}`` directive: a course figure drawn at build time from its data in ``data/figures/``.

Usage in a page (the optional content becomes the start of the caption)::

    :::{kaart-figure} tracc
    Ce que la figure montre, en une phrase.
    :::

The figure is rendered as SVG (for the web) and PNG at twice the resolution (for other builders) into
``<build dir>/kaart-figures/``, outside the sources and the git tree; the image node points there with a
``name.*`` path so each builder picks the format it supports. Alt text comes from the metadata file and the
caption ends with « Source : … (date) ». A data change re-renders the figure and rebuilds the page.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kaart_course import figures

OUTPUT_FOLDER = "kaart-figures"
PNG_DPI = 200  # about twice the SVG's nominal 100 dpi: sharp in print and on high-density screens


def output_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir).parent / OUTPUT_FOLDER


def render(data: figures.FigureData, directory: Path, sources: list[Path]) -> Path:
    """Write ``<name>.svg`` and ``<name>.png`` unless they are newer than every source; return the stem."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / data.name
    newest_source = max(path.stat().st_mtime for path in sources)
    outputs = [stem.with_suffix(".svg"), stem.with_suffix(".png")]
    if all(path.exists() and path.stat().st_mtime >= newest_source for path in outputs):
        return stem
    figure = figures.plot(data)
    # No creation date in the files: an unchanged figure rebuilds byte for byte.
    figure.savefig(outputs[0], format="svg", metadata={"Date": None})
    figure.savefig(outputs[1], format="png", dpi=PNG_DPI, metadata={"Software": None})
    return stem


def _source_files(name: str) -> list[Path]:
    return [figures.FIGURES_DIR / f"{name}.csv", figures.FIGURES_DIR / f"{name}.yml",
            Path(figures.__file__)]


class KaartFigure(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        try:
            data = figures.load_figure(name)
        except figures.FigureDataError as error:
            raise self.error(f"{{kaart-figure}} : {error}") from error
        sources = _source_files(name)
        for path in sources:
            self.env.note_dependency(str(path))
        stem = render(data, output_dir(self.env.app), sources)

        # Sphinx reads an image path starting with "/" from the source directory.
        relative = os.path.relpath(stem, self.env.srcdir).replace(os.sep, "/")
        image = nodes.image(uri=f"/{relative}.*", alt=data.meta.alt, classes=["kaart-figure-image"])
        figure = nodes.figure(classes=["kaart-figure"], ids=[f"figure-{name}"])
        figure += image

        caption = nodes.caption()
        if self.content:
            for paragraph in self.parse_text_to_nodes("\n".join(self.content)):
                caption.extend(paragraph.children if isinstance(paragraph, nodes.paragraph) else [paragraph])
            caption += nodes.Text(" ")
        source = data.meta.source
        caption += nodes.Text("Source : ")
        caption += nodes.reference("", source.title, refuri=source.url)
        caption += nodes.Text(f" ({source.date_fr}).")
        self.set_source_info(caption)
        figure += caption
        self.set_source_info(figure)
        return [figure]


def setup(app: Sphinx) -> None:
    app.add_directive("kaart-figure", KaartFigure)
