// Command bootstrap is the Lambda function serving Custom::UserPoolClient and
// Custom::UserPoolClientLookup. It only wires: logger, Cognito over the SDK (cognitoapi) and
// Secrets Manager over the SDK (secretstore, in the same retry loop), each loaded inside the
// first invocation that needs it so that a configuration failure is answered FAILED, the
// response sender, the handler. The request's
// path through the handler starts at provider.Handler.Invoke; provider's doc.go maps it.
package main

import (
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/provider"
)

func main() {
	log := lambdacontext.NewLogger()
	// aws-lambda-go reports a handler error through the standard logger; route it to JSON too.
	slog.SetDefault(log)
	cfg := provider.SDKConfig() // loaded once, inside the first invocation that needs it
	lambda.Start(provider.New(provider.Config{
		Cognito:        provider.SDKCognito(log, provider.DefaultRetryPolicy, cfg),
		SecretsManager: provider.SDKSecretsManager(log, provider.DefaultRetryPolicy, cfg),
		Sender:         &cfnresponse.Sender{Logger: log, AttemptTimeout: 2 * time.Second},
		Logger:         log,
	}))
}
