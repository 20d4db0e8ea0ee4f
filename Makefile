# rex: two commands set everything up (README.md).
#   make run   installs what is missing, builds release, opens the REPL (local context)
#   make test  installs what is missing, starts a private PostgreSQL, runs every test

.PHONY: run test deps build release clean

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

release: deps
	swift build -c release --product rex

run: release
	@./.build/release/rex

test: deps
	@bash scripts/test.sh

clean:
	rm -rf .build
