# The inner loop. `make fast` while working (under a minute), `make test` before a commit
# that touches pages or the database, `make lint types` before every commit (pre-commit runs
# ruff by itself). Everything runs from the project's own virtualenv:
#   python3 -m venv .venv && .venv/bin/pip install -e '.[test]'

BIN := .venv/bin
# PostgreSQL: VOLUNTEER_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/DB make test
PYTEST_ARGS ?=
# The benchmarks' database: sqlite or postgresql (tests/bench/RESULTS.md).
BENCH_DB ?= sqlite
# The HTTP benchmark's options: a quick run by default; the README's table with
#   make bench BENCH=http BENCH_HTTP_ARGS="--db both --size both --keep"
BENCH_HTTP_ARGS ?= --size demo --rounds 2 --duration 4
# Which benchmarks `make bench` runs: all, http, or scripts (matching, stats, reports).
BENCH ?= all

.PHONY: test fast lint format types bench

## The whole suite: browser tests, slow tests, and PostgreSQL when the variable above is set;
## two workers, one test file each at a time (PostgreSQL: a database per worker, tests/conftest.py).
test:
	$(BIN)/pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

## No browser, no PostgreSQL, nothing marked slow; two workers, one test file each at a time
## (module fixtures such as the seeded demo stay shared), bytecode and rewritten tests cached.
fast:
	env -u VOLUNTEER_TEST_DATABASE_URL -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q \
		-m "not browser and not slow" -n 2 --dist loadfile $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Fix what ruff can fix, and format.
format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## mypy with the configuration in pyproject.toml ([tool.mypy]).
types:
	$(BIN)/mypy --config-file pyproject.toml

## The benchmark scripts (not tests: they build large synthetic districts; minutes each).
bench:
ifneq ($(BENCH),scripts)
	$(BIN)/python -m tests.bench.http --db $(BENCH_DB) $(BENCH_HTTP_ARGS)
endif
ifneq ($(BENCH),http)
	$(BIN)/python -m tests.bench.bench_matching --db $(BENCH_DB)
	$(BIN)/python -m tests.bench.bench_stats --db $(BENCH_DB)
	$(BIN)/python -m tests.bench.bench_reports --db $(BENCH_DB)
endif
