"""Keep executed notebooks honest.

jupyter-cache keys a notebook on its own text only, so a change in the helper package or in ``data/``
would leave stale outputs (even stale errors) in the book. The cache is cleared when those inputs change,
notebooks are re-read when they change, and any error output left in a page fails the strict build.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from kaart_course.paths import DATA_DIR, REPO_ROOT

logger = logging.getLogger(__name__)
PACKAGE_DIR = REPO_ROOT / "kaart_course"
STAMP_NAME = "kaart-inputs.sha256"


def notebook_inputs() -> list[Path]:
    """Files whose change can change what a notebook outputs."""
    files = [*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.rglob("*.js"), *PACKAGE_DIR.rglob("*.css")]
    files += [p for p in DATA_DIR.rglob("*") if p.is_file()]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for path in notebook_inputs():
        digest.update(str(path.relative_to(REPO_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _clear_stale_cache(app: Sphinx, config: Config) -> None:
    cache = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    stamp = cache.parent / STAMP_NAME
    digest = inputs_digest()
    if cache.exists() and (not stamp.exists() or stamp.read_text() != digest):
        logger.info("kaart : paquet ou données modifiés, cache d'exécution des notebooks vidé")
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


def _track_inputs(app: Sphinx, docname: str, source: list[str]) -> None:
    if "kernelspec:" in source[0][:2000]:
        for path in notebook_inputs():
            app.env.note_dependency(str(path))


def _reject_error_outputs(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(nodes.Element):
        if "traceback" in node.get("classes", []):
            logger.warning("une cellule de notebook a échoué (sortie d'erreur dans la page)",
                           location=node, type="kaart", subtype="execution")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _clear_stale_cache)
    app.connect("source-read", _track_inputs)
    app.connect("doctree-read", _reject_error_outputs)
