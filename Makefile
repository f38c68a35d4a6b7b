# The two commands of the README: `make serve` and `make test`. Both set up .venv first.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build check test tools bench schemas strings clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PY) >/dev/null || { echo "needs Python 3.11 ($(PY))"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# iiif-prezi3 caps Pillow at 12.0.0 for helpers that read image files, which the museum does not use
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps iiif-prezi3==3.1.1
	touch $(STAMP)

# Test tooling from the npm registry, exactly as tools/package-lock.json pins it: the Nu HTML checker
# (vnu.jar, run with the machine's Java by tests/test_html_valid.py), Lighthouse and the Mirador IIIF
# viewer (browser tests). --ignore-scripts: vnu's postinstall would download a Java runtime. Without npm
# those tests are skipped here (and fail in CI).
VNU := tools/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU): tools/package.json tools/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(CURDIR)/$(VNU); \
	else echo "npm not found: the HTML validity test will be skipped"; fi

tools: $(VNU)

serve: $(STAMP)
	$(BIN)/python build.py serve

build: $(STAMP)
	$(BIN)/python build.py build

check: $(STAMP)
	$(BIN)/python build.py check

test: $(STAMP) $(VNU)
	$(BIN)/lint-imports --no-cache  # data flows one way: the layers contract in pyproject.toml
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py --markdown docs/benchmarks.md

schemas: $(STAMP)
	$(BIN)/python build.py schemas

# The catalogue of interface strings: new strings from the sources into locale/en/…/museum.po (with an
# empty English, which tests/test_i18n.py then asks for), strings no longer used marked obsolete.
LOCALE := plugins/museum/locale
strings: $(STAMP)
	$(BIN)/pybabel --quiet extract -F $(LOCALE)/babel.cfg -k N_ --no-location --sort-output -o $(LOCALE)/museum.pot .
	$(BIN)/pybabel --quiet update -D museum -i $(LOCALE)/museum.pot -d $(LOCALE) -l en --no-fuzzy-matching --ignore-obsolete
	rm $(LOCALE)/museum.pot

clean:
	rm -rf site .cache
