// Package cdk is the AWS CDK construct library of Custom::UserPoolClient.
//
// [UserPoolClient] is a Cognito user pool app client whose props are the model the Lambda
// decodes (userpoolclient.Properties), checked at synth time by the same validator, so a
// broken rule fails `cdk synth` with the construct's path and the property's path instead of
// a stack rollback. [UserPoolClientLookup] reads an existing client. Both are served by a
// [Provider]: the Lambda function of this module, built at synth time by a local `go build`
// for linux/arm64 (no Docker), one per stack ([ProviderFor]) however many clients the stack
// has; or by a function deployed elsewhere ([ImportServiceToken]).
//
//	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
//	web := cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{
//		Properties: userpoolclient.Properties{
//			UserPoolId:                      *pool.UserPoolId(),
//			ClientName:                      "web",
//			AllowedOAuthFlowsUserPoolClient: true,
//			AllowedOAuthFlows:               []userpoolclient.OAuthFlow{userpoolclient.OAuthCode},
//			AllowedOAuthScopes:              []string{"openid", "email", "profile"},
//			CallbackURLs:                    []string{"https://example.com/callback"},
//		},
//	})
//	awscdk.NewCfnOutput(stack, jsii.String("WebClientId"), &awscdk.CfnOutputProps{Value: web.ClientId()})
//
// The resource it synthesizes:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-customresource.html
package cdk
