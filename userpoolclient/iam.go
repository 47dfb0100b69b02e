package userpoolclient

// IAMActions are the cognito-idp actions the provider function calls to serve
// Custom::UserPoolClient and Custom::UserPoolClientLookup, client secrets included: what its
// IAM policy grants on the user pools, no more. SecretsManagerIAMActions are what it calls on
// a storage secret (SecretsManagerSecretId). They live in the model rather than beside the
// adapters that call them, so that the CDK construct and the templates can grant them without
// compiling the function's runtime packages; each adapter's tests check that it calls exactly
// these.
//
// Treat both as read-only; copy them before sorting or appending.
var (
	IAMActions = []string{
		"cognito-idp:AddUserPoolClientSecret",
		"cognito-idp:CreateUserPoolClient",
		"cognito-idp:DeleteUserPoolClient",
		"cognito-idp:DeleteUserPoolClientSecret",
		"cognito-idp:DescribeUserPoolClient",
		"cognito-idp:ListUserPoolClientSecrets",
		"cognito-idp:ListUserPoolClients",
		"cognito-idp:UpdateUserPoolClient",
	}
	SecretsManagerIAMActions = []string{
		"secretsmanager:DescribeSecret",
		"secretsmanager:GetSecretValue",
		"secretsmanager:PutSecretValue",
		"secretsmanager:UpdateSecretVersionStage",
	}
)
