# rex: two commands set everything up (README.md).
#   make run   installs what is missing, builds release, opens the REPL (local context)
#   make test  installs what is missing, starts a private PostgreSQL, runs every test

.PHONY: run test deps build release clean fuzz

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

# Fuzz the front end and the PNG reader under AddressSanitizer, SECONDS each (scripts/fuzz.sh).
SECONDS ?= 60
fuzz: deps
	@bash scripts/fuzz.sh $(SECONDS)

clean:
	rm -rf .build
