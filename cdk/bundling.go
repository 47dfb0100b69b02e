package cdk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/jsii-runtime-go"
)

// FunctionModule is the Go module holding the provider function; FunctionPackage is the
// function's main package in it, built at synth time.
const (
	FunctionModule  = "github.com/cognito-cfn/userpoolclient"
	FunctionPackage = FunctionModule + "/lambda"
)

// goBuildFlags make the build reproducible: the same sources and toolchain give the same
// bytes, hence the same asset hash, and no redeployment of an unchanged function.
var goBuildFlags = []string{"-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-tags=lambda.norpc"}

// goBuild bundles a Go main package into an executable named bootstrap for linux/arm64, with
// the go command of the machine that synthesizes: no Docker. It builds inside the function's
// own module (the version of FunctionModule the CDK app's module requires, in the module
// cache), with that module's go.mod and go.sum: the function is built from the dependency
// versions this project released and tested, and the CDK app's module needs none of the
// function's dependencies (the Lambda runtime, the SDK's config chain) in its go.mod or go.sum. It is the asset's local bundler
// (awscdk.ILocalBundling): CDK calls TryBundle while it stages the asset, and skips it for
// stacks that are not being synthesized for deployment (the bundlingStacks context).
type goBuild struct {
	pkg       string
	moduleDir string // the directory of FunctionModule, where the build runs
	err       error
}

// code returns the function's code: an asset whose source is the package's directory and
// whose content is the output of TryBundle, hashed by output (AssetHashType OUTPUT), so that
// a change anywhere in the package's dependencies changes the hash, and nothing else does.
func (b *goBuild) code() (awslambda.Code, error) {
	moduleDir, dir, err := goList(b.pkg)
	if err != nil {
		return nil, err
	}
	b.moduleDir = moduleDir
	return awslambda.Code_FromAsset(jsii.String(dir), &awss3assets.AssetOptions{
		AssetHashType: awscdk.AssetHashType_OUTPUT,
		Bundling: &awscdk.BundlingOptions{
			// Never used: TryBundle always answers true, so CDK never falls back to Docker.
			Image:      awscdk.DockerImage_FromRegistry(jsii.String("none")),
			Local:      b,
			OutputType: awscdk.BundlingOutput_NOT_ARCHIVED,
		},
	}), nil
}

// TryBundle implements awscdk.ILocalBundling. It returns true even when the build fails:
// false would make CDK try Docker with an image that does not exist. On failure it writes
// nothing, so CDK fails the asset ("Bundling did not produce any output"), and the caller
// reports Err instead.
func (b *goBuild) TryBundle(outputDir *string, _ *awscdk.BundlingOptions) *bool {
	b.err = b.build(filepath.Join(*outputDir, "bootstrap"))
	return jsii.Bool(true)
}

// Err is the error of the last build, if any.
func (b *goBuild) Err() error { return b.err }

func (b *goBuild) build(out string) error {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("go command not found (%v): install Go, or give ProviderProps.AssetDir or Code", err)
	}
	args := append([]string{"build"}, goBuildFlags...)
	args = append(args, "-o", out, b.pkg)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = b.moduleDir
	cmd.Env = buildEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		os.Remove(out)
		return fmt.Errorf("go build %s: %v: %s", b.pkg, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// buildEnv is the environment of the go commands run inside FunctionModule: its own
// go.mod and go.sum decide, whatever workspace or flags the CDK app uses.
func buildEnv() []string {
	return append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=-mod=readonly")
}

// goList finds the directory of FunctionModule as the CDK app's module resolves it (the
// version it requires, or its replacement), then the package's directory inside that module,
// and checks on the way that the module can build it.
func goList(pkg string) (moduleDir, pkgDir string, err error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", "", fmt.Errorf("go command not found (%v): install Go, or give ProviderProps.AssetDir or Code", err)
	}
	run := func(dir string, env []string, args ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(goCmd, args...)
		cmd.Dir, cmd.Env = dir, env
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if msg := strings.TrimSpace(stderr.String()); err != nil && msg != "" {
			err = fmt.Errorf("%s", msg)
		}
		return strings.TrimRight(stdout.String(), "\n"), err
	}
	// In the CDK app's module: `go mod download` fetches the module if it is not in the cache
	// yet and prints where it is (for a replacement by a directory, go list -m knows it).
	if moduleDir, err = run("", nil, "list", "-m", "-f", "{{.Dir}}", FunctionModule); err == nil && moduleDir == "" {
		var out string
		if out, err = run("", nil, "mod", "download", "-json", FunctionModule); err == nil {
			var m struct{ Dir string }
			if err = json.Unmarshal([]byte(out), &m); err == nil {
				moduleDir = m.Dir
			}
		}
	}
	if err != nil || moduleDir == "" {
		if err == nil {
			err = fmt.Errorf("the module has no directory")
		}
		return "", "", fmt.Errorf("find %s: %v (the CDK app's module requires it through %s/cdk; run `go mod tidy`)", FunctionModule, err, FunctionModule)
	}
	out, err := run(moduleDir, buildEnv(), "list", "-e", "-f",
		"{{.Dir}}\n{{with .Error}}{{.}}\n{{end}}{{range .DepsErrors}}{{.}}\n{{end}}", pkg)
	dir, problems, _ := strings.Cut(out, "\n")
	if problems = strings.TrimSpace(problems); err != nil || problems != "" || dir == "" {
		if problems == "" && err != nil {
			problems = err.Error()
		}
		return "", "", fmt.Errorf("find %s in %s: %s", pkg, moduleDir, problems)
	}
	return moduleDir, dir, nil
}
