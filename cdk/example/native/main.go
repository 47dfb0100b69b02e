// Command native is the example app with the native awscognito.UserPoolClient: the control of
// the synth benchmark (make bench). It synthesizes into cdk.out like ../ does.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk/example/nativestack"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	nativestack.New(app, "UserPoolClientExample", nil)
	app.Synth(nil)
}
