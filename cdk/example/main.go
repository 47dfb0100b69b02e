// Command example is a CDK app with a Cognito user pool, a web client and a machine client
// served by Custom::UserPoolClient. `cdk synth` (cdk.json runs `go run .`) or `go run .`
// alone synthesizes it offline into cdk.out.
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/cdk/example/examplestack"
)

func main() {
	app := awscdk.NewApp(nil)
	examplestack.New(app, "UserPoolClientExample", nil)
	_, err := cdk.Synth(app, nil) // an invalid prop fails here, with every construct's errors
	jsii.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
