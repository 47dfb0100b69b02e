package cdk_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// notInAnApp are packages a CDK app using the constructs must not compile: the function's
// runtime (handler, response sender, main, the Lambda library) and the SDK's config chain.
var notInAnApp = []string{
	"github.com/cognito-cfn/userpoolclient/provider",
	"github.com/cognito-cfn/userpoolclient/cfnresponse",
	"github.com/cognito-cfn/userpoolclient/lambda",
	"github.com/aws/aws-lambda-go/",
	"github.com/aws/aws-sdk-go-v2/config",
	"github.com/aws/aws-sdk-go-v2/credentials",
}

// TestFreshModule is what a user does: a new module whose main is docs/cdk.md's marked example,
// the construct module and the root module replaced by this clone (as `go get` of a release
// would bring them), `go mod tidy` with no network, then `go run .` synthesizes. The app's
// package graph holds neither the function's runtime nor the SDK's config chain, and its go.mod
// no emulator or test tooling.
func TestFreshModule(t *testing.T) {
	clone, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(clone, "docs", "cdk.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- The block below is compiled and run by cdk's TestFreshModule[^\n]*\n```go\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("docs/cdk.md has no marked CDK example")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.go", string(m[1]))
	write("go.mod", "module example.com/freshapp\n\ngo 1.26.6\n\n"+
		"replace github.com/cognito-cfn/userpoolclient/cdk => "+filepath.Join(clone, "cdk")+"\n\n"+
		"replace github.com/cognito-cfn/userpoolclient => "+clone+"\n")
	// The checksums a `go get` would fetch from the checksum database (not reachable here):
	// those both modules recorded, verified when they were added.
	var sums []byte
	for _, f := range []string{filepath.Join(clone, "go.sum"), filepath.Join(clone, "cdk", "go.sum")} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, b...)
	}
	write("go.sum", string(sums))
	outdir := filepath.Join(dir, "cdk.out")
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "CDK_OUTDIR="+outdir)
	goCmd := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("go %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}

	goCmd("mod", "tidy")
	goCmd("mod", "tidy", "-diff")
	gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	for _, unwanted := range []string{"aws-lambda-runtime-interface-emulator", "testify", "aws-lambda-go", "aws-sdk-go-v2/config"} {
		if strings.Contains(string(gomod), unwanted) {
			t.Errorf("the app's go.mod requires %s:\n%s", unwanted, gomod)
		}
	}
	deps := strings.Fields(goCmd("list", "-deps", "."))
	for _, pkg := range deps {
		for _, bad := range notInAnApp {
			if pkg == bad || strings.HasPrefix(pkg, bad) && strings.HasSuffix(bad, "/") || strings.HasPrefix(pkg, bad+"/") {
				t.Errorf("the app compiles %s", pkg)
			}
		}
	}
	if !slices.Contains(deps, "github.com/cognito-cfn/userpoolclient/cdk") {
		t.Fatalf("the app does not use the construct module: %v", deps)
	}
	if all := goCmd("list", "-m", "all"); strings.Contains(all, "aws-lambda-runtime-interface-emulator") {
		// Not compiled, not in the app's go.mod: listed only while the root go.mod still
		// carries the emulator as a tool.
		t.Log("the module graph (go list -m all) still lists the emulator through the root go.mod")
	}

	goCmd("run", ".")
	raw, err := os.ReadFile(filepath.Join(outdir, "Auth.template.json"))
	if err != nil {
		t.Fatalf("no template: %v", err)
	}
	var tm template
	if err := json.Unmarshal(raw, &tm); err != nil {
		t.Fatal(err)
	}
	if n := len(tm.ofType("Custom::UserPoolClient")); n != 2 {
		t.Errorf("docs/cdk.md's app has %d clients, want 2", n)
	}
	fn := tm.one(t, "AWS::Lambda::Function")
	key := fn.Properties["Code"].(map[string]any)["S3Key"].(string)
	if _, err := os.Stat(filepath.Join(outdir, "asset."+strings.TrimSuffix(key, ".zip"), "bootstrap")); err != nil {
		t.Errorf("the function was not built: %v", err)
	}
}

// TestNativeTwinIsPlainCDK: the control of the synth benchmark compiles none of this project.
func TestNativeTwinIsPlainCDK(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./example/native").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/cognito-cfn/userpoolclient/") && !strings.HasPrefix(pkg, "github.com/cognito-cfn/userpoolclient/cdk/example/") {
			t.Errorf("example/native compiles %s", pkg)
		}
	}
}
