# The two commands: `make run` (kiosk demo) and `make test` (ruff, mypy, import-linter, pytest).
# Both set up first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
LANGS := ja en zh ko pt es vi

.PHONY: appliance-test setup run test fuzz lint typecheck pytest translations translations-update voice screenshots certificates bench soak proof clean

setup:
	@scripts/setup.sh
	@$(MAKE) --no-print-directory translations
	@$(MAKE) --no-print-directory voice

translations:
	@for ts in resources/i18n/*.ts; do $(VENV)/bin/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; done

# Voice prompts are generated (about 10 s), not committed: remade when their texts or script change.
voice: resources/voice/.made
resources/voice/.made: resources/voice/prompts.toml scripts/make_voice.py kiosk_app/voice/prompts.py
	$(PY) scripts/make_voice.py
	@touch $@

translations-update:
	$(VENV)/bin/pyside6-lupdate -extensions py $$(git ls-files 'kiosk_app/*.py') \
		$(foreach l,$(LANGS),-ts resources/i18n/kiosk_$(l).ts)

run: setup
	$(VENV)/bin/shomei-kiosk --store-demo

# Tests never write tracked files: the run fails if it leaves `git status` other than it found it.
test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache --no-logo
	QT_QPA_PLATFORM=offscreen scripts/unchanged_tree.sh $(PY) -m pytest

# Every parser from random seeds: FUZZ_EXAMPLES each, at most FUZZ_SECONDS each; docs/fuzzing.md.
FUZZ_EXAMPLES ?= 100000
FUZZ_SECONDS ?= 600
fuzz: setup
	nice $(PY) -m tests.fuzz.run --examples $(FUZZ_EXAMPLES) --seconds $(FUZZ_SECONDS) --out docs/fuzzing.md

# Reports kept in docs/ are written by their own targets, stamped with the commit they come from.
bench: setup
	$(PY) bench/run_all.py

# The long soak (not in `make bench`): its section and RSS plot in docs/benchmarks.md
# (SOAK_ARGS="--max-seconds 3600" stops it at the first sample after an hour).
soak: setup
	nice $(PY) bench/soak_sessions.py --sessions 5000 --plot docs/soak-rss.png --into docs/benchmarks.md $(SOAK_ARGS)

# The fault matrix, docs/fault-matrix.md (`make test` runs the same cells and checks it is current).
proof: setup
	FAULT_MATRIX_REPORT=docs/fault-matrix.md QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/proof/test_fault_matrix.py

# Every screen in Japanese and English (docs/screens/) and the widget list (docs/automation.md).
screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py --out docs/screens --automation docs/automation.md

# Every sample certificate as PNG pages (docs/certificates/) and the anti-copy figures (docs/anti-copy.md).
certificates: setup
	$(PY) scripts/certificate_pages.py --out docs/certificates --figures docs/anti-copy.md

clean:
	rm -rf $(VENV) build dist *.egg-info resources/i18n/*.qm resources/voice/*/ resources/voice/.made

# The whole kiosk PC under QEMU (issue 17): a Debian image built by appliance/build-image.sh with
# packaging/install.sh (cached in ~/.cache/shomei-appliance, rebuilt when packaging or sources
# change), booted with USB devices served from the host; writes docs/appliance-test.md. Needs
# root (debootstrap, chroot) and takes many minutes under TCG: not part of `make test`, which
# boots the cached image to the home screen only (tests/appliance/test_boot.py, ~2 min here).
appliance-test: setup voice
	appliance/install-host-packages.sh
	nice $(PY) -m appliance.run --report docs/appliance-test.md
