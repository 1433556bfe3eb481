# Two commands for a new user: `make run` (the bot) and `make test` (every test).
# Everything else here is a step they depend on.
SHELL := /bin/bash
.DEFAULT_GOAL := run

BOT_PYTHON := $(shell scripts/find-python 3.11 2>/dev/null || scripts/find-python 3.12 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
NLU_VENV := nlu/.venv
LOCALES := bot/locales

.PHONY: run test chat check-content lint bot-env nlu-env model locales i18n-update browser clean ocr

## The bot's environment (Python >= 3.11)
$(VENV)/.installed: pyproject.toml
	@test -n "$(BOT_PYTHON)" || { echo "Python 3.11 or newer is needed: pyenv install 3.11 (or uv python install 3.11)"; exit 1; }
	$(BOT_PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@
bot-env: $(VENV)/.installed

## Tesseract OCR with Danish, for photos of letters (Debian/Ubuntu packages). Skipped when it is already there;
## sudo only when not root. Without apt the bot still runs and says it cannot read photos just now.
ocr:
	@tesseract --list-langs 2>/dev/null | grep -qx dan || \
		scripts/system-packages --optional "Tesseract OCR with Danish, to read photos of letters" tesseract-ocr tesseract-ocr-dan

## Rasa's environment (Python 3.10, pinned by nlu/constraints.txt)
$(NLU_VENV)/.installed: nlu/requirements.txt nlu/constraints.txt
	@py=$$(scripts/find-python 3.10) && rm -rf $(NLU_VENV) && $$py -m venv $(NLU_VENV)
	$(NLU_VENV)/bin/pip install --quiet --upgrade pip==26.3
	$(NLU_VENV)/bin/pip install --quiet -r nlu/requirements.txt -c nlu/constraints.txt
	touch $@
nlu-env: $(NLU_VENV)/.installed

## Interface translations: compiled from the committed .po catalogues (the .mo files are not committed)
CATALOGUES := $(wildcard $(LOCALES)/*/LC_MESSAGES/messages.po)
$(LOCALES)/%/LC_MESSAGES/messages.mo: $(LOCALES)/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics --use-fuzzy -d $(LOCALES) -l $* -i $< -o $@
locales: $(CATALOGUES:.po=.mo)

# For developers after changing interface strings: collect them and merge into every catalogue.
i18n-update: bot-env
	$(BIN)/pybabel extract --no-location --sort-output --add-comments=TRANSLATORS: --keyword=N_ -F babel.cfg -o $(LOCALES)/messages.pot bot
	$(BIN)/pybabel update --no-fuzzy-matching -i $(LOCALES)/messages.pot -d $(LOCALES)

## Headless Chromium for the review-pack tests (tests/workbench/), with fonts for Arabic and emoji: Debian packages
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-core fonts-noto-color-emoji
browser:
	@scripts/system-packages "headless Chromium and fonts for the review-pack tests" $(BROWSER_PACKAGES)

## The NLU model: trained only when content, NLU data or pipeline changed
model: bot-env nlu-env
	$(BIN)/sanad nlu train

run: bot-env nlu-env ocr locales model
	$(BIN)/sanad run

chat: bot-env nlu-env locales model
	$(BIN)/sanad chat

check-content: bot-env
	$(BIN)/sanad content check

lint: bot-env
	$(BIN)/ruff check bot tests nlu/components
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

test: bot-env nlu-env ocr locales model browser
	$(BIN)/ruff check bot tests nlu/components
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile
	$(BIN)/pytest

clean:
	rm -rf $(VENV) $(NLU_VENV) nlu/models nlu/.build .state
