// Package userpoolclient is the one model of the Custom::UserPoolClient resource: its
// properties (named exactly as those of AWS::Cognito::UserPoolClient), the strict decoder for
// what CloudFormation sends, the validator that checks every rule before any Cognito call,
// and the single mapping to the Cognito SDK's Create and Update inputs.
//
// The Lambda handler, the CDK construct (synth-time validation), the cfn-lint rules and the
// reference documentation all derive from this package, so a property is added in one place.
//
// The native resource it mirrors:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html
// The API it drives:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
package userpoolclient
