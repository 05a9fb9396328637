# concurrencylab: run `make help` for the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO      ?= go
GOBIN   := $(shell $(GO) env GOBIN)
ifeq ($(GOBIN),)
GOBIN   := $(shell $(GO) env GOPATH)/bin
endif
# The GoNB kernel runs go, goimports and gopls: Jupyter must find them.
export PATH := $(GOBIN):$(dir $(shell command -v $(GO))):$(PATH)

GOPLS_VERSION := v0.23.0
JUPYTER_APT   := jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client
# Where `jupyter lab` is missing, `make lab` builds the course's own JupyterLab
# (.jupyterlab/lab) and serves it with Debian's jupyterlab_server.
LAB           := .jupyterlab/lab
LAB_APT       := python3-jupyterlab-server
NOTEBOOKS     := $(sort $(wildcard notebooks/*.ipynb))
# Seconds a cell may run in `make notebooks` and `make html` (full mode).
CELL_TIMEOUT  ?= 900

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: setup
setup: ## Install what this machine lacks (Go tools, Jupyter) and register the GoNB kernel. Idempotent.
	@$(GO) install tool
	@test -x "$(GOBIN)/gopls" || { echo "setup: installing gopls $(GOPLS_VERSION)"; $(GO) install golang.org/x/tools/gopls@$(GOPLS_VERSION); }
	@if ! command -v jupyter >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "setup: installing Jupyter from Debian packages: $(JUPYTER_APT)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(JUPYTER_APT) >/dev/null; \
	  elif python3 -m pip --version >/dev/null 2>&1; then \
	    echo "setup: installing JupyterLab with: python3 -m pip install --user jupyterlab"; \
	    python3 -m pip install --user jupyterlab; \
	  else \
	    echo "setup: Jupyter is missing and cannot be installed from here."; \
	    echo "       Install JupyterLab (https://jupyter.org/install) or, on Debian/Ubuntu as root:"; \
	    echo "       apt-get install $(JUPYTER_APT)"; \
	    exit 1; \
	  fi; \
	fi
	@command -v jupyter >/dev/null || { echo "setup: jupyter is still not on PATH (pip --user puts it in ~/.local/bin)"; exit 1; }
	@if ! jupyter lab --version >/dev/null 2>&1 && command -v npm >/dev/null && command -v apt-get >/dev/null && \
	   [ "$$(id -u)" = 0 ] && ! /usr/bin/python3 -c 'import jupyterlab_server' 2>/dev/null; then \
	  echo "setup: installing Debian's jupyterlab_server, which serves the course's JupyterLab (make lab): $(LAB_APT)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(LAB_APT) >/dev/null; } || \
	    echo "setup: could not install $(LAB_APT); make lab will extract it into its cache instead"; \
	fi
	@"$(GOBIN)/gonb" --install --logtostderr=false >/dev/null 2>&1 || "$(GOBIN)/gonb" --install

.PHONY: lab
lab: setup ## Read the course in JupyterLab (built once from npm if not installed), on localhost with a token.
	@root=$$([ "$$(id -u)" = 0 ] && echo yes || true); \
	if jupyter lab --version >/dev/null 2>&1; then \
	  cd notebooks && exec jupyter lab --ip=127.0.0.1 --no-browser $${root:+--allow-root}; \
	fi; \
	if $(LAB) check 2>/dev/null; then :; \
	elif ! command -v npm >/dev/null; then why="jupyter lab is not installed, and node/npm, needed to build it, are missing"; \
	elif ! $(LAB) build; then why="jupyter lab is not installed, and building it failed (see above)"; fi; \
	if [ -z "$${why:-}" ]; then \
	  exec $(LAB) serve --ServerApp.ip=127.0.0.1 --ServerApp.open_browser=False \
	    --ServerApp.root_dir="$(CURDIR)/notebooks" $${root:+--ServerApp.allow_root=True}; \
	fi; \
	echo "lab: $$why; opening the classic Notebook instead."; \
	cd notebooks && exec jupyter notebook --ip=127.0.0.1 --no-browser $${root:+--allow-root}

.PHONY: notebooks
notebooks: setup ## Run every notebook in place (full mode): the committed notebooks carry real outputs and their Run All time.
	@env -u CONCURRENCYLAB_QUICK $(GO) run ./kernel-helpers/tooling/site/mksite -inplace -timeout $(CELL_TIMEOUT)s $(NOTEBOOKS)

.PHONY: notebook
notebook: ## Add a notebook: make notebook NAME=07-pipelines TITLE="Pipelines" SUMMARY="One sentence."
	@test -n "$(NAME)" -a -n "$(TITLE)" -a -n "$(SUMMARY)" || { echo 'usage: make notebook NAME=07-pipelines TITLE="Pipelines" SUMMARY="One sentence."'; exit 2; }
	@$(GO) run ./kernel-helpers/tooling/scaffold/newnotebook -name "$(NAME)" -title "$(TITLE)" -summary "$(SUMMARY)"

.PHONY: html
html: setup ## Run the whole course and build the HTML site in site/ (start at site/index.html); SOLUTIONS=1 adds the solutions.
	@env -u CONCURRENCYLAB_QUICK $(GO) run ./kernel-helpers/tooling/site/mksite -out site -timeout $(CELL_TIMEOUT)s \
	  $(if $(SOLUTIONS),-solutions notebooks/solutions) $(NOTEBOOKS)

.PHONY: test
# -ldflags=-w: test binaries without DWARF, which no test reads, link faster.
test: setup ## Vet, then run all tests with the race detector, notebooks included (quick mode, Jupyter required).
	$(GO) vet ./...
	REQUIRE_NOTEBOOKS=1 GOFLAGS="-ldflags=-w $${GOFLAGS:-}" $(GO) test -race -timeout 40m ./...

.PHONY: stress
STRESS_PKGS ?= ./...
stress: setup ## The race detector under load: every test three times (-count=3) with two CPU hogs beside it; STRESS_PKGS=./kernel-helpers/... for a part.
	@hogs=""; for i in 1 2; do (while :; do :; done) & hogs="$$hogs $$!"; done; \
	trap 'kill $$hogs' EXIT; \
	echo "two CPU hogs running:$$hogs"; \
	REQUIRE_NOTEBOOKS=1 $(GO) test -race -count=3 -timeout 120m $(STRESS_PKGS)

.PHONY: bench
bench: ## Run the Go benchmarks, one package at a time (derived figures such as speedup and us/task).
	$(GO) test -p 1 -run '^$$' -bench . -benchtime 3x ./...

.PHONY: tidy-lint
tidy-lint: ## Check that go.mod and go.sum are tidy.
	$(GO) mod tidy
	git diff --exit-code -- go.mod go.sum

.PHONY: clean
clean: ## Remove the built site.
	rm -rf site

# --- Teaching a class: the course served by JupyterHub on one machine (.hub/).
# The address learners connect to: loopback by default; HUB_IP=0.0.0.0 serves
# the room's network.
HUB_IP   ?= 127.0.0.1
HUB_PORT ?= 8000
HUB_UI   ?= auto
ROSTER   ?= .hub/roster.txt
HUB_ENV  := HUB_IP=$(HUB_IP) HUB_PORT=$(HUB_PORT) HUB_UI=$(HUB_UI)
# Learners the load test logs in at once, and its time limit.
LOADTEST_USERS ?= 10
LOADTEST_TIME  ?= 15m

.PHONY: hub
hub: setup ## Serve the course to a class with JupyterHub (as root): make hub [HUB_IP=0.0.0.0 HUB_PORT=8000].
	@$(HUB_ENV) .hub/hub up

.PHONY: hub-users
hub-users: ## Make a local account for each learner of a roster (as root): make hub-users ROSTER=.hub/roster.txt.
	@.hub/hub users "$(ROSTER)"

.PHONY: hub-stop
hub-stop: ## Stop the hub and every learner's server; checks that none is left.
	@$(HUB_ENV) .hub/hub stop

.PHONY: hub-loadtest
hub-loadtest: setup ## Load test (as root, loopback, throwaway accounts): LOADTEST_USERS learners run 00-overview at once.
	@$(HUB_ENV) .hub/hub install
	@.hub/hub system
	$(GO) run ./kernel-helpers/tooling/hub/loadtest -users $(LOADTEST_USERS) -timeout $(LOADTEST_TIME)
