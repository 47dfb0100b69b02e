package cdk_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
)

// Every CDK test of the module lives in this package: one test binary, one jsii (Node)
// process, closed once here.
func TestMain(m *testing.M) {
	if _, ok := os.LookupEnv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"); !ok {
		os.Setenv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
		// jsii prepared its Node process, environment included, when the CDK packages
		// registered their types at init, before TestMain. That process has not started yet:
		// closing it makes the first construct start one that sees the variable.
		jsii.Close()
	}
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// testPool is a literal user pool ID, valid for the model.
const testPool = "us-east-1_aBcDeFgHi"

// newStack returns a stack named "Test" in an app that writes its assembly to a temporary
// directory.
func newStack(t *testing.T) awscdk.Stack {
	t.Helper()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	return awscdk.NewStack(app, jsii.String("Test"), nil)
}

// prebuilt is a directory with a stand-in bootstrap, for tests that are not about the build.
func prebuilt(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bootstrap"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// withSharedProvider creates the stack's shared provider from a prebuilt asset, so that
// ProviderFor finds it and no test but the build tests runs go build.
func withSharedProvider(t *testing.T, stack awscdk.Stack) *cdk.Provider {
	t.Helper()
	return cdk.NewProvider(stack, cdk.ProviderID, &cdk.ProviderProps{AssetDir: prebuilt(t)})
}

// template is a synthesized template, decoded as plain JSON.
type template map[string]any

func synth(stack awscdk.Stack) template {
	return template(*assertions.Template_FromStack(stack, nil).ToJSON())
}

// resource is one resource of a template.
type resource struct {
	ID         string
	Type       string
	Properties map[string]any
	Raw        map[string]any
}

// ofType returns the resources of a type, found by type, never by their hashed logical IDs.
func (tm template) ofType(typ string) []resource {
	var out []resource
	resources, _ := tm["Resources"].(map[string]any)
	for id, r := range resources {
		m := r.(map[string]any)
		if m["Type"] != typ {
			continue
		}
		props, _ := m["Properties"].(map[string]any)
		out = append(out, resource{ID: id, Type: typ, Properties: props, Raw: m})
	}
	return out
}

// one returns the single resource of a type.
func (tm template) one(t *testing.T, typ string) resource {
	t.Helper()
	rs := tm.ofType(typ)
	if len(rs) != 1 {
		t.Fatalf("want exactly one %s, got %d", typ, len(rs))
	}
	return rs[0]
}

func (r resource) dependsOn() []string {
	var out []string
	switch d := r.Raw["DependsOn"].(type) {
	case string:
		out = append(out, d)
	case []any:
		for _, v := range d {
			out = append(out, v.(string))
		}
	}
	return out
}

// jsonEqual compares two values through their JSON forms.
func jsonEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got  %s\n want %s", what, g, w)
	}
}

// ref and getAtt are intrinsic functions as they appear in a template.
func ref(id string) map[string]any { return map[string]any{"Ref": id} }
func getAtt(id, attr string) map[string]any {
	return map[string]any{"Fn::GetAtt": []any{id, attr}}
}

// propsPanic runs f and returns the *cdk.PropsError it panics with.
func propsPanic(t *testing.T, f func()) (pe *cdk.PropsError) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("want a panic with a *cdk.PropsError, got none")
		}
		err, ok := r.(error)
		if !ok || !errors.As(err, &pe) {
			t.Fatalf("want a *cdk.PropsError, got %T: %v", r, r)
		}
	}()
	f()
	return nil
}

// synthFails synthesizes the stack's app and returns the report of the failure it must end in.
func synthFails(t *testing.T, stack awscdk.Stack) string {
	t.Helper()
	app := stack.Node().Root().(awscdk.App)
	_, err := cdk.Synth(app, nil)
	var se *cdk.SynthError
	if !errors.As(err, &se) {
		t.Fatalf("want synth to fail with a *cdk.SynthError, got %v", err)
	}
	return se.Report
}

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%q\n does not contain %q", s, sub)
		}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
