# The two commands: `make run` (kiosk demo) and `make test` (ruff, mypy, pytest). Both set up first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
LANGS := ja en zh ko pt es vi

.PHONY: appliance-test setup run test lint typecheck pytest translations translations-update voice screenshots bench clean

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
	$(VENV)/bin/shomei-kiosk --demo

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: setup
	$(PY) bench/run_all.py

# Every screen in Japanese and English (docs/screens/) and the widget list (docs/automation.md).
screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py --out docs/screens --automation docs/automation.md

clean:
	rm -rf $(VENV) build dist *.egg-info resources/i18n/*.qm resources/voice/*/ resources/voice/.made

# The whole kiosk PC under QEMU (issue 17): a Debian image built by appliance/build-image.sh with
# packaging/install.sh (cached in ~/.cache/shomei-appliance, rebuilt when packaging or sources
# change), booted with USB devices served from the host; writes docs/appliance-test.md. Needs
# root (debootstrap, chroot) and takes many minutes under TCG: not part of `make test`.
appliance-test: setup
	appliance/install-host-packages.sh
	nice $(PY) -m appliance.run --report docs/appliance-test.md
