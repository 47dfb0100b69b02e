package cdk_test

import (
	"bytes"
	"debug/elf"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/cdk/example/examplestack"
	"github.com/cognito-cfn/userpoolclient/cdk/example/nativestack"
)

// TestExampleApp synthesizes the example app's stack as `cdk synth` does, with the real
// synth-time go build, and lints the template.
func TestExampleApp(t *testing.T) {
	outdir := t.TempDir()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(outdir)})
	stack := examplestack.New(app, "Example", nil)
	tm := synth(stack)

	t.Run("resources", func(t *testing.T) {
		fn := tm.one(t, "AWS::Lambda::Function")
		jsonEqual(t, "runtime", fn.Properties["Runtime"], "provided.al2023")
		clients := tm.ofType("Custom::UserPoolClient")
		if len(clients) != 2 {
			t.Fatalf("want 2 clients, got %d", len(clients))
		}
		server := tm.one(t, "AWS::Cognito::UserPoolResourceServer")
		pool := tm.one(t, "AWS::Cognito::UserPool")
		byName := map[string]resource{}
		for _, c := range clients {
			byName[c.Properties["ClientName"].(string)] = c
			jsonEqual(t, "UserPoolId", c.Properties["UserPoolId"], ref(pool.ID))
			jsonEqual(t, "ServiceToken", c.Properties["ServiceToken"], getAtt(fn.ID, "Arn"))
		}
		web, machine := byName["web"], byName["machine"]
		jsonEqual(t, "web flows", web.Properties["AllowedOAuthFlows"], []string{"code"})
		jsonEqual(t, "web scopes", web.Properties["AllowedOAuthScopes"], []string{"openid", "email", "profile"})
		if _, ok := web.Properties["GenerateSecret"]; ok {
			t.Error("the web client has a secret")
		}
		for _, k := range []string{"CallbackURLs", "LogoutURLs"} {
			if l, _ := web.Properties[k].([]any); len(l) != 2 {
				t.Errorf("web %s: %v", k, web.Properties[k])
			}
		}
		jsonEqual(t, "machine flows", machine.Properties["AllowedOAuthFlows"], []string{"client_credentials"})
		// The scope names the server through its Ref, so CloudFormation creates it first.
		jsonEqual(t, "machine scopes", machine.Properties["AllowedOAuthScopes"],
			[]any{map[string]any{"Fn::Join": []any{"", []any{ref(server.ID), "/read"}}}})
		jsonEqual(t, "machine secret", machine.Properties["GenerateSecret"], true)
		jsonEqual(t, "resource server", server.Properties["Identifier"], examplestack.ResourceServerID)
		jsonEqual(t, "secret", tm.one(t, "AWS::SecretsManager::Secret").Properties["SecretString"], getAtt(machine.ID, "ClientSecret"))
	})

	t.Run("same clients as the native twin", func(t *testing.T) {
		native := nativestack.New(awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())}), "Example", nil)
		nt := synth(native)
		want := map[string]map[string]any{}
		for _, c := range nt.ofType("AWS::Cognito::UserPoolClient") {
			want[c.Properties["ClientName"].(string)] = c.Properties
		}
		for _, c := range tm.ofType("Custom::UserPoolClient") {
			got := maps.Clone(c.Properties)
			delete(got, "ServiceToken")
			delete(got, "ServiceTimeout")
			jsonEqual(t, c.Properties["ClientName"].(string), got, want[c.Properties["ClientName"].(string)])
		}
		if len(want) != 2 {
			t.Errorf("the native twin has %d clients", len(want))
		}
	})

	t.Run("cfn-lint", func(t *testing.T) {
		cfnLint(t, tm)
	})

	t.Run("bootstrap is linux/arm64", func(t *testing.T) {
		fn := tm.one(t, "AWS::Lambda::Function")
		key := fn.Properties["Code"].(map[string]any)["S3Key"].(string)
		bin := filepath.Join(outdir, "asset."+strings.TrimSuffix(key, ".zip"), "bootstrap")
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatalf("the asset of %s: %v", key, err)
		}
		defer f.Close()
		if f.Machine != elf.EM_AARCH64 || f.Type != elf.ET_EXEC {
			t.Errorf("bootstrap is %v %v, want an arm64 executable", f.Machine, f.Type)
		}
		if fi, _ := os.Stat(bin); fi.Mode()&0o111 == 0 {
			t.Errorf("bootstrap mode %v is not executable", fi.Mode())
		}
	})
}

// TestSynthTimeBuildIsReproducible: two synth-time builds give the same asset hash, so an
// unchanged function is not redeployed.
func TestSynthTimeBuildIsReproducible(t *testing.T) {
	var keys []string
	for range 2 {
		stack := newStack(t)
		cdk.ProviderFor(stack) // the default: built by go build
		code := synth(stack).one(t, "AWS::Lambda::Function").Properties["Code"].(map[string]any)
		keys = append(keys, code["S3Key"].(string))
	}
	if keys[0] != keys[1] {
		t.Errorf("asset keys differ between two builds: %v", keys)
	}
}

// cfnLint lints a synthesized template. W3005 (a DependsOn that a GetAtt already implies) is
// what CDK itself writes for every function and its role: the one check ignored.
func cfnLint(t *testing.T, tm template) {
	t.Helper()
	bin, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Fatal("cfn-lint is not on PATH; the template tests need it (pip install cfn-lint)")
	}
	file := filepath.Join(t.TempDir(), "template.json")
	if err := os.WriteFile(file, []byte(mustJSON(tm)), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "--ignore-checks", "W3005", "-t", file)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("cfn-lint: %v\n%s", err, out.String())
	}
}
