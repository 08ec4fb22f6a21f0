# Samspill: `make run` for the demo site, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in mails and calendar files point where `make run` actually serves.
SITE_URL ?= $(or $(SAMSPILL_SITE_URL),http://$(HOST):$(PORT))

.PHONY: run test release-checks lint format bench venv dev-deps system-deps messages makemessages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) .ci/deps.py > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed pyproject.toml
	$(PY) .ci/deps.py dev > $(VENV)/requirements-dev.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements-dev.txt
	touch $@

venv: $(VENV)/.installed
dev-deps: $(VENV)/.dev-installed

messages: venv
	$(PY) manage.py compilemessages_py

makemessages: venv
	$(PY) manage.py makemessages --locale nb --locale da --locale en --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --no-obsolete
	$(PY) manage.py makemessages -d djangojs --locale nb --locale da --locale en --ignore ".venv/*" --ignore "staticfiles/*" --no-obsolete

run: venv messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@# Retention (docs: README "Retention"): queue the daily run unless one already waits.
	$(PY) manage.py retention --schedule
	@echo "Samspill runs at $(SITE_URL)/  (stop with Ctrl+C)"
	@# The task worker (mail, digests, follow-ups) runs beside Daphne and stops with it.
	export SAMSPILL_SITE_URL=$(SITE_URL); \
	$(PY) manage.py db_worker --no-reload --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) community.asgi:application

system-deps:
	@bash .ci/system-deps.sh

lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: dev-deps system-deps messages lint
	DJANGO_SETTINGS_MODULE=community.settings.test $(PY) manage.py makemigrations --check --dry-run
	@# The two passes share no database, channel layer, port or folder, so they run at
	@# once, one per core (README "Tests"); the at-scale pass writes to .tmp/at-scale.log,
	@# shown when the embedded pass is done. Either failing fails the target.
	@mkdir -p .tmp
	@echo "== At scale: throwaway PostgreSQL and Redis (in the background, .tmp/at-scale.log)"
	@echo "== Embedded: SQLite and the in-memory channel layer"
	@# The results (passed or not) go into the approval pack: community/policies/release_checks.json.
	SAMSPILL_TEST_SERVICES=real $(PY) -m pytest --ds=community.settings.test -m "not e2e" \
		-p no:cacheprovider >.tmp/at-scale.log 2>&1 & real=$$!; \
	trap 'kill -TERM $$real 2>/dev/null; wait $$real' INT TERM; \
	$(PY) -m pytest --ds=community.settings.test --junitxml=.tmp/report.xml; status=$$?; \
	$(PY) manage.py record_release_checks .tmp/report.xml; \
	wait $$real; real_status=$$?; \
	echo "== At scale: throwaway PostgreSQL and Redis"; cat .tmp/at-scale.log; \
	echo "== Embedded pass: exit $$status; at-scale pass: exit $$real_status"; \
	[ $$status -eq 0 ] && [ $$real_status -eq 0 ]

# Only the security and accessibility suites (a quicker refresh of the approval pack's results).
release-checks: dev-deps messages
	$(PY) -m pytest --ds=community.settings.test --junitxml=.tmp/report.xml \
		$(addprefix tests/,$(RELEASE_CHECK_TESTS)); status=$$?; \
	$(PY) manage.py record_release_checks --partial .tmp/report.xml; exit $$status
RELEASE_CHECK_TESTS := community/test_access_matrix.py courses/test_access.py courses/test_files.py \
	community/test_content_policy.py community/test_privacy.py community/chat/test_privacy.py \
	community/test_accounts.py community/test_sockets.py community/test_settings.py e2e

# The HTTP bench runs on SQLite and again on throwaway PostgreSQL + Redis
# (BENCH_POSTGRES=0 skips the second).
BENCH_POSTGRES ?= 1
bench: dev-deps system-deps
	@bash .ci/bench-deps.sh
	BENCH_POSTGRES=$(BENCH_POSTGRES) $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache
