# syntax=docker/dockerfile:1
#
# Two images, run together by compose.yaml:
#   docker build --target bot -t sanad-bot .   the bot (`sanad run`), Python 3.11
#   docker build --target nlu -t sanad-nlu .   the Rasa NLU server, Python 3.10, with the model trained at build time
#
# The layout inside both is the repository's (/app/bot, /app/content, /app/nlu), so the defaults in
# bot/settings.py and the commands are the same as in a checkout: `sanad nlu train` trains, Rasa is started as
# bot/nlu/rasa_process.py starts it (PYTHONPATH=/app:/app/nlu, `python -m rasa run --enable-api`), and the bot
# runs `sanad run`. Both run as the unprivileged user `sanad` (uid 10001).

ARG BOT_PYTHON=3.11
ARG NLU_PYTHON=3.10
ARG DEBIAN=bookworm

# ---------------------------------------------------------------------------------------------- the bot's environment
FROM python:${BOT_PYTHON}-slim-${DEBIAN} AS bot-env
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Dependencies first (pinned in pyproject.toml), so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install pip==26.3 \
 && /opt/venv/bin/python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && /opt/venv/bin/pip install -r /tmp/requirements.txt
COPY bot ./bot
COPY content ./content
# Editable, as `make` installs it: the settings find content/ and nlu/ next to bot/. The interface translations are
# compiled from the committed catalogues, as `make locales` does.
RUN /opt/venv/bin/pip install --no-deps -e . \
 && /opt/venv/bin/pybabel compile --use-fuzzy -d bot/locales -D messages
ENV PATH=/opt/venv/bin:$PATH

# ---------------------------------------------------------------------------------------------- Rasa's environment
FROM python:${NLU_PYTHON}-slim-${DEBIAN} AS nlu-env
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app/nlu
COPY nlu/requirements.txt nlu/constraints.txt ./
# python3.10 by its full name: the virtual environment then points at /usr/local/bin/python3.10, which the model
# stage below also has.
RUN python3.10 -m venv .venv \
 && .venv/bin/pip install pip==26.3 \
 && .venv/bin/pip install -r requirements.txt -c constraints.txt

# ---------------------------------------------------------------------------------------------- the model
# `sanad nlu train` needs both environments: the bot's (3.11) builds the training data from content/, Rasa's (3.10)
# trains. Rasa's interpreter is copied from the image above (same Debian release, same shared libraries).
FROM bot-env AS model
COPY --from=nlu-env /usr/local/bin/python3.10 /usr/local/bin/python3.10
COPY --from=nlu-env /usr/local/lib/python3.10 /usr/local/lib/python3.10
COPY --from=nlu-env /usr/local/lib/libpython3.10.so.1.0 /usr/local/lib/libpython3.10.so.1.0
RUN ldconfig
COPY --from=nlu-env /app/nlu/.venv /app/nlu/.venv
COPY nlu/config.yml nlu/constraints.txt nlu/requirements.txt ./nlu/
COPY nlu/components ./nlu/components
COPY nlu/data ./nlu/data
RUN sanad nlu train

# ---------------------------------------------------------------------------------------------- target: nlu
FROM nlu-env AS nlu
RUN useradd --system --uid 10001 --create-home --home-dir /home/sanad sanad
# The Arabic normaliser is the bot's (bot/text/arabic.py, standard library only); the pipeline imports it.
COPY bot/__init__.py /app/bot/__init__.py
COPY bot/text /app/bot/text
COPY nlu/config.yml ./
COPY nlu/components ./components
# Trained at build time; to use another model, mount a folder holding it over /app/nlu/models
# (Rasa loads the newest model in the folder).
COPY --from=model /app/nlu/models ./models
RUN mkdir -p .rasa && chown sanad .rasa
ENV PYTHONPATH=/app:/app/nlu RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 LOG_LEVEL=WARNING HOME=/home/sanad
# `sanad` by number: a host or an orchestrator checking that the image does not run as root needs no passwd file
USER 10001
EXPOSE 5005
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["/app/nlu/.venv/bin/python", "-c", "import json, urllib.request; json.load(urllib.request.urlopen('http://127.0.0.1:5005/status', timeout=4))['model_file']"]
CMD ["/app/nlu/.venv/bin/python", "-m", "rasa", "run", "--enable-api", "--model", "models", "--port", "5005", "--interface", "0.0.0.0"]

# ---------------------------------------------------------------------------------------------- target: bot
FROM python:${BOT_PYTHON}-slim-${DEBIAN} AS bot
# Tesseract with Danish: the letter reader's OCR for photos of letters. Not pinned to a version: the packages
# follow the base image's Debian release and its security updates (pinning would break the build at each update).
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-dan \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --create-home --home-dir /home/sanad sanad \
 && mkdir -p /var/lib/sanad && chown sanad /var/lib/sanad
COPY --from=bot-env /opt/venv /opt/venv
COPY --from=bot-env /app /app
WORKDIR /app
# NLU_URL and REDIS_URL come from compose.yaml; without REDIS_URL the embedded Redis keeps its file in STATE_DIR.
# TELEGRAM_LISTEN_HOST: the web server (webhook, /healthz, /metrics) must be reachable from outside the container.
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 STATE_DIR=/var/lib/sanad \
    TELEGRAM_LISTEN_HOST=0.0.0.0 TELEGRAM_LISTEN_PORT=8080
# `sanad` by number: a host or an orchestrator checking that the image does not run as root needs no passwd file
USER 10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
# `sanad run` stops cleanly on SIGTERM (docker stop): no new updates, the ones in flight are finished.
CMD ["sanad", "run"]
