# The two commands a new machine needs:
#   make editions   set up, then convert every article in input/ into dist/
#   make test       set up with the test tools, then run the tests
.PHONY: editions test bench clean

editions:
	scripts/setup
	.venv/bin/article-convert

test:
	scripts/setup --dev
	.venv/bin/python -m pytest

bench:
	scripts/setup --dev
	.venv/bin/python bench/run.py

clean:
	rm -rf dist .venv node_modules .pytest_cache
