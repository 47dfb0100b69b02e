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
