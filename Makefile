# The two commands of the README, and a few helpers.
.PHONY: run test build e2e size bench bench-assembly lighthouse memory clean

run:            ## set up, build, seed demo data and serve at http://127.0.0.1:3000
	scripts/run.sh

test:           ## set up and run every test; the last line sums them
	scripts/test.sh

build:          ## release build of the server and the WebAssembly
	scripts/setup.sh && . scripts/env.sh && cargo leptos build --release --split

e2e:            ## browser tests against the current release build
	scripts/e2e.sh

size:           ## initial JS + WASM + CSS bytes of the home page vs a minimal Leptos page
	scripts/size.sh

bench:          ## the directory under load (10 000 organisations) next to a static file
	scripts/bench-directory.sh

bench-assembly: ## 10 000 voters casting ballots while 1 000 live screens watch, on both databases
	scripts/bench-assembly.sh

lighthouse:     ## Lighthouse scores of the public pages (mobile) against the release build
	scripts/lighthouse.sh

memory:         ## the server's memory at idle, at the peak of a hostile burst and a minute after
	scripts/setup.sh --test >/dev/null && . scripts/env.sh && cargo leptos build --release --split && scripts/memory.py

clean:
	rm -rf target data
