# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

.PHONY: run test bench bench-tools backup restore chromium lock clean

run: $(VENV)/.installed-run
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  Selfcare is starting at http://127.0.0.1:8000"
	@echo "  Log in as: demo   password: selfcare-demo"
	@echo "  (stop with Ctrl+C)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-test chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark suite, outside the test run: pages, load, Lighthouse, a weak phone, memory, on SQLite
# and (when DATABASE_URL names one) PostgreSQL. Reports in benchmarks/results/ (see README, Measuring).
bench: $(VENV)/.installed-test chromium bench-tools
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# wrk (the load runs) and nginx (HTTPS in front, as production runs) from Debian, as root like
# Chromium above; Lighthouse from npm, as locked in benchmarks/package-lock.json. Debian starts
# the nginx it installs (on port 80): the benchmark runs its own, so that one is stopped again.
bench-tools: benchmarks/node_modules/.installed
	@missing=""; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null 2>&1 || missing="$$missing nginx-light"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing what the benchmark needs (apt-get install$$missing)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		case "$$missing" in *nginx*) systemctl disable --now nginx >/dev/null 2>&1 || true;; esac; \
	else \
		echo "make bench needs:$$missing (sudo apt-get install$$missing)"; exit 1; \
	fi
	@if [ -w /proc/sys/net/ipv4/tcp_migrate_req ] && [ "$$(cat /proc/sys/net/ipv4/tcp_migrate_req)" != 1 ]; then \
		echo "Setting net.ipv4.tcp_migrate_req=1, as docs/deploy.md sets up production (for gunicorn's REUSE_PORT=1)"; \
		echo 1 > /proc/sys/net/ipv4/tcp_migrate_req; \
	fi

benchmarks/node_modules/.installed: benchmarks/package.json benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# A dated copy of the database in backups/ (SQLite's online backup, or pg_dump for PostgreSQL).
backup: $(VENV)/.installed-run
	$(BIN)/python manage.py backup

# Everything back as it was in FILE (what is there now is kept beside it first).
restore:
	@if [ -z "$(FILE)" ]; then echo "Which backup? make restore FILE=backups/selfcare-....sqlite3"; exit 1; fi
	$(MAKE) -s $(VENV)/.installed-run
	$(BIN)/python manage.py restore "$(FILE)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Selfcare needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	@touch $@

# The test set includes the run set, so it counts as installed for `make run` too.
$(VENV)/.installed-test: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	@touch $@ $(VENV)/.installed-run

# The browser tests drive Debian's Chromium (Playwright cannot download its own here).
chromium:
	@if [ -x "$(CHROMIUM_PATH)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium for the browser tests (apt-get install chromium)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM_PATH)."; \
		echo "Install it with: sudo apt-get install chromium  (or set CHROMIUM_PATH=/path/to/chromium)"; \
		exit 1; \
	fi

# Regenerate the pinned lock files from pyproject.toml (needs pip-tools).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --allow-unsafe --output-file requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --allow-unsafe --extra test --output-file requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles test-results benchmarks/node_modules benchmarks/cache
