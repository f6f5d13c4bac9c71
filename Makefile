# KAART — two commands on a fresh Debian/Ubuntu machine with Python >= 3.11:
#   make book   build the site, the PDF guides and the site archive (kaart-site.zip) into _build/html
#   make test   run the whole test suite (installs what the tests need)
# Other targets: make lab (the exercises in JupyterLab), make bench (make bench-pitch, make bench-lighthouse
# for one part), make check, make territoires, make lock, make clean, make release SITE_URL=https://… (a
# published edition in _build/release).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JB_FLAGS := -W -n --keep-going

UV := uv==0.13.9

.PHONY: book html pdf archive release lab test bench bench-pitch bench-lighthouse check lock clean system-deps book-system-deps territoires

# requirements.txt is the lock: every package pinned, generated from requirements.in by `make lock`.
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "KAART needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

# Pin again after editing requirements.in or the dependencies in pyproject.toml (versions already pinned are
# kept unless a new bound excludes them; `make lock UPGRADE=--upgrade` takes the newest allowed).
lock: $(VENV)/.installed
	$(BIN)/pip install --quiet $(UV)
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11.7 --quiet $(UPGRADE)
	grep -v '^-e ' requirements.txt > $(VENV)/lock-constraints.txt
	$(BIN)/uv pip compile requirements-lab.in -c $(VENV)/lock-constraints.txt -o requirements-lab.txt \
	  --python-version 3.11.7 --quiet $(UPGRADE)

# JupyterLab, Notebook 7 and jupyterlab-myst (the `lab` extra), pinned in requirements-lab.txt: for `make lab`
# and for the tests that run the exercises in a live JupyterLab.
$(VENV)/.lab-installed: $(VENV)/.installed requirements-lab.txt
	$(BIN)/pip install --quiet -r requirements-lab.txt
	touch $@

# Open the exercises in JupyterLab (MyST text rendered, widgets live), offline, on this machine only: notebooks
# written once into _build/jupyter/ (a learner's work there is kept).
lab: $(VENV)/.lab-installed node_modules/.installed
	$(BIN)/python scripts/lab_notebooks.py _build/jupyter
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $$([ "$$(id -u)" = 0 ] && echo --allow-root) _build/jupyter

book: html pdf archive

# Once the site and the guides are built: their sizes beside the download links, then the whole site as
# _build/html/kaart-site.zip. Warns when the site's address is still the working copy's placeholder.
archive: $(VENV)/.installed
	$(BIN)/python -m kaart_course archive _build/html

# A published edition: the book built with its real address, packaged with checksums into _build/release/.
# Refuses a missing or placeholder address before building anything.
release: $(VENV)/.installed
	$(BIN)/python -m kaart_course release --check-only --site-url "$(SITE_URL)"
	KAART_SITE_URL="$(SITE_URL)" $(MAKE) book
	KAART_SITE_URL="$(SITE_URL)" $(BIN)/python -m kaart_course release --site-url "$(SITE_URL)" _build/html _build/release

html: $(VENV)/.installed node_modules/.installed territoires
	$(BIN)/python -m kaart_course check
	$(BIN)/jupyter-book build . $(JB_FLAGS)

# The PDF guides: the single-page build, assembled and printed by WeasyPrint into the site.
pdf: $(VENV)/.installed book-system-deps
	$(BIN)/jupyter-book build . --builder custom --custom-builder singlehtml $(JB_FLAGS)
	$(BIN)/python -m kaart_course pdf _build/singlehtml _build/html

check: $(VENV)/.installed
	$(BIN)/python -m kaart_course check

system-deps:
	bash scripts/ensure-system-deps.sh test

book-system-deps:
	bash scripts/ensure-system-deps.sh book

# JavaScript tools (esbuild, the official list of communes, axe-core), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	bash scripts/ensure-system-deps.sh node
	npm ci --no-audit --no-fund --silent
	touch $@

# The site's commune data (search data and card facts) derived from the Etalab package, in _build/territoires/.
territoires: $(VENV)/.installed node_modules/.installed
	$(BIN)/python scripts/build_territories.py

test: $(VENV)/.installed $(VENV)/.lab-installed system-deps node_modules/.installed
	$(BIN)/python -m pytest

bench: $(VENV)/.installed bench-pitch node_modules/.installed
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_survey.py
	$(BIN)/python scripts/bench_territories.py
	$(MAKE) bench-lighthouse

# Lighthouse scores (mobile) and transferred bytes of each page type, the site served compressed.
bench-lighthouse: html book-system-deps
	bash scripts/ensure-system-deps.sh test
	$(BIN)/python scripts/bench_lighthouse.py

# The pitch studio's feedback time per keystroke on a 1,000-word text (analysis in Node, render in Chromium).
bench-pitch: $(VENV)/.installed
	KAART_PYTHON=$(BIN)/python node scripts/bench_pitch.mjs

clean:
	rm -rf _build
