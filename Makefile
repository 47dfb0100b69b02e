# Custom::UserPoolClient — build, run locally, test.
# Quick start: `make demo`, then `make test`. Everything else is below.

SHELL        := /bin/bash
GO           ?= go
GOFLAGS_BUILD = -trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc
DIST         := dist
HOSTBIN      := build/host/bootstrap
EVENT        ?= events/create.json
SOURCE_DATE  := 202001010000

export CGO_ENABLED = 0
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = 20

.PHONY: all build build-host zip demo invoke test test-unit test-integration test-e2e test-cdk \
        lint lint-templates bench fuzz package clean tools check-tools

all: build

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
	$(GO) build $(GOFLAGS_BUILD) -o $(HOSTBIN) ./lambda

## build-UserPoolClientFunction: the target `sam build` calls (BuildMethod: makefile)
build-UserPoolClientFunction:
	GOOS=linux GOARCH=arm64 $(GO) build $(GOFLAGS_BUILD) -o $(ARTIFACTS_DIR)/bootstrap ./lambda

check-tools:
	@command -v moto_server >/dev/null || { echo "moto_server not found (pip install 'moto[server]')"; exit 1; }
	@command -v cfn-lint >/dev/null || { echo "cfn-lint not found (pip install cfn-lint)"; exit 1; }
	@command -v zip >/dev/null || { echo "zip not found (apt-get install zip)"; exit 1; }

## demo: Create -> Update -> Delete through the real bootstrap under the Lambda emulator, against moto
demo: check-tools build-host
	$(GO) run ./cmd/localinvoke -demo -bootstrap $(HOSTBIN)

## invoke: one event through the real bootstrap (our `sam local invoke`): make invoke EVENT=events/update.json
invoke: check-tools build-host
	$(GO) run ./cmd/localinvoke -event $(EVENT) -bootstrap $(HOSTBIN)

## test: everything — unit, integration (moto), end to end (emulator), templates (cfn-lint), CDK
test: check-tools
	$(GO) vet ./...
	$(GO) test -count=1 ./...

clean:
	rm -rf $(DIST) build

# ---- templates: package, lint-templates (appended by the templates work; see template.yaml) ----

STACK ?= userpoolclient-provider
RULES := build/cfn-lint-rules.txt

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

## lint-templates: cfn-lint template.yaml and templates/*.yaml with the rules generated from the model
lint-templates:
	@command -v cfn-lint >/dev/null || { echo "cfn-lint not found (pip install cfn-lint)"; exit 1; }
	@mkdir -p $(dir $(RULES))
	$(GO) run ./cmd/cfnlintrules > $(RULES)
	cfn-lint -z $(RULES) -- template.yaml templates/*.yaml

# ---- end of templates block ----

# ---- bench and fuzz: benchmarks and fuzz targets (appended by the benchmarks work; see BENCHMARKS.md) ----

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
bench:
	@command -v moto_server >/dev/null || { echo "moto_server not found (pip install 'moto[server]')"; exit 1; }
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
	for f in $$(grep -rl --include='*_test.go' --exclude-dir=.git --exclude-dir=node_modules --exclude-dir=testdata '^func Fuzz' . | sort); do \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    if [ -n "$(FUZZ)" ] && [ "$$t" != "$(FUZZ)" ]; then continue; fi; \
	    found=1; echo "== $$t ($$(dirname $$f)) for $(FUZZTIME)"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $(FUZZFLAGS) $$(dirname $$f) || exit 1; \
	  done; \
	done; \
	[ $$found = 1 ] || { echo "no fuzz target$(if $(FUZZ), named $(FUZZ),) found"; exit 1; }

# ---- end of bench and fuzz block ----
