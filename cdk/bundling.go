package cdk

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/jsii-runtime-go"

	// The synth-time build compiles FunctionPackage in the CDK app's own module. Importing a
	// package of aws-lambda-go here keeps that module in the app's go.sum (go mod tidy adds
	// it), which the build needs; lambdacontext has no side effects.
	_ "github.com/aws/aws-lambda-go/lambdacontext"
)

// FunctionPackage is the Go package of the provider function, built at synth time.
const FunctionPackage = "github.com/cognito-cfn/userpoolclient/lambda"

// goBuildFlags make the build reproducible: the same sources and toolchain give the same
// bytes, hence the same asset hash, and no redeployment of an unchanged function.
var goBuildFlags = []string{"-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-tags=lambda.norpc"}

// goBuild bundles a Go main package into an executable named bootstrap for linux/arm64, with
// the go command of the machine that synthesizes: no Docker. It is the asset's local bundler
// (awscdk.ILocalBundling): CDK calls TryBundle while it stages the asset, and skips it for
// stacks that are not being synthesized for deployment (the bundlingStacks context).
type goBuild struct {
	pkg string
	err error
}

// code returns the function's code: an asset whose source is the package's directory and
// whose content is the output of TryBundle, hashed by output (AssetHashType OUTPUT), so that
// a change anywhere in the package's dependencies changes the hash, and nothing else does.
func (b *goBuild) code() (awslambda.Code, error) {
	dir, err := goList(b.pkg)
	if err != nil {
		return nil, err
	}
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
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		os.Remove(out)
		return fmt.Errorf("go build %s: %v: %s", b.pkg, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// goList finds a package's directory, and checks on the way that the current module can
// build it (a dependency missing from go.sum shows here, not halfway through the synth).
func goList(pkg string) (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("go command not found (%v): install Go, or give ProviderProps.AssetDir or Code", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(goCmd, "list", "-e", "-f",
		"{{.Dir}}\n{{with .Error}}{{.}}\n{{end}}{{range .DepsErrors}}{{.}}\n{{end}}", pkg)
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	dir, problems, _ := strings.Cut(stdout.String(), "\n")
	if problems = strings.TrimSpace(problems + "\n" + stderr.String()); err != nil || problems != "" || dir == "" {
		if problems == "" && err != nil {
			problems = err.Error()
		}
		return "", fmt.Errorf("find %s: %s (run `go get %s` in the CDK app's module)", pkg, problems, pkg)
	}
	return dir, nil
}
