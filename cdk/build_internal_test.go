package cdk

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

// TestBuildFailureIsReported: when go build fails inside CDK's bundling, the panic names the
// construct and carries go's own message, not a bundling or Docker error.
func TestBuildFailureIsReported(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	stack := awscdk.NewStack(app, jsii.String("Test"), nil)
	b := &goBuild{pkg: FunctionPackage}
	code, err := b.code()
	if err != nil {
		t.Fatal(err)
	}
	b.pkg = "github.com/cognito-cfn/userpoolclient/nosuchpackage" // found, then gone by bundling time

	msg := func() (msg string) {
		defer func() {
			if r := recover(); r != nil {
				msg = fmt.Sprint(r)
			}
		}()
		newFunction(stack, &awslambda.FunctionProps{
			Runtime: awslambda.Runtime_PROVIDED_AL2023(), Handler: jsii.String("bootstrap"), Code: code,
		}, b)
		t.Fatal("want a panic, got none")
		return ""
	}()
	for _, want := range []string{"Test: build the provider function: go build github.com/cognito-cfn/userpoolclient/nosuchpackage", "nosuchpackage"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q\n does not contain %q", msg, want)
		}
	}
	if strings.Contains(strings.ToLower(msg), "docker") {
		t.Errorf("the error mentions Docker: %s", msg)
	}
}

func TestGoListNamesTheFix(t *testing.T) {
	_, err := (&goBuild{pkg: "github.com/cognito-cfn/userpoolclient/nosuchpackage"}).code()
	if err == nil || !strings.Contains(err.Error(), "find github.com/cognito-cfn/userpoolclient/nosuchpackage in ") {
		t.Errorf("err = %v", err)
	}
}
