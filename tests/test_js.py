"""The browser modules' logic, tested with Node's own runner (node --test tests/js/)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parent / "js"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js absent")
def test_browser_module_logic():
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.mjs"))
    assert files, "aucun test JS trouvé"
    # The pitch tests read the course's rules through the running interpreter (the project's .venv).
    env = {**os.environ, "KAART_PYTHON": sys.executable}
    result = subprocess.run(["node", "--test", *files], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
