// Command example is a CDK app with a Cognito user pool, a web client and a machine client
// served by Custom::UserPoolClient. `cdk synth` (cdk.json runs `go run .`) or `go run .`
// alone synthesizes it offline into cdk.out.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk/example/examplestack"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	examplestack.New(app, "UserPoolClientExample", nil)
	app.Synth(nil)
}
