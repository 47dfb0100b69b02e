// Package cdk is the AWS CDK construct library of Custom::UserPoolClient, a Go module of its own
// (github.com/cognito-cfn/userpoolclient/cdk) that imports the resource's model and CDK, and
// nothing of the Lambda function.
//
// [NewCognitoUserPoolClient] is the drop-in for awscognito.NewUserPoolClient: the same
// arguments, the native construct's defaults and CloudFormation properties, served as
// Custom::UserPoolClient. Switching is renaming the function:
//
//	web := cdk.NewCognitoUserPoolClient(stack, jsii.String("Web"), &awscognito.UserPoolClientProps{
//		UserPool: pool,
//		OAuth: &awscognito.OAuthSettings{
//			Flows:        &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
//			CallbackUrls: jsii.Strings("https://example.com/callback"),
//		},
//	})
//
// [NewUserPoolClient] takes the model the Lambda decodes (userpoolclient.Properties) instead.
// Both return a [UserPoolClient], which is an awscognito.IUserPoolClient. [UserPoolClientLookup]
// reads an existing client. Props that break a rule (the native construct's or the resource's
// own) are the construct's validation errors: app.Synth fails once, naming every broken
// construct by its path and every prop by its path; [Synth] returns that report as an error.
//
// A client can store its credentials in a Secrets Manager secret instead of returning its
// secret to CloudFormation: give the secret as an awssecretsmanager.ISecret
// (ExtraProps.SecretsManagerSecret, or UserPoolClientProps.SecretsManagerSecret), made empty by
// [NewStorageSecret]. The provider function is granted userpoolclient.SecretsManagerIAMActions
// on that one secret (and [StorageKMSActions] on its KMS key), the resource depends on the
// grant, and [UserPoolClient.Secret] returns the secret for consumers; ClientSecret on such a
// client is a validation error. ExtraProps also carries SecretSerial (raise it to rotate) and
// ExistingClientId (adopt a client); docs/cdk.md has the details.
//
// Every resource is served by a [Provider]: the Lambda function of the root module, built at
// synth time by a local `go build` for linux/arm64 (no Docker) inside that module, one per stack
// ([ProviderFor]) however many clients the stack has; or by a function deployed elsewhere
// ([ImportServiceToken]).
//
// The resource it synthesizes:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-customresource.html
package cdk
