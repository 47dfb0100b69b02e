package userpoolclient

// IAMActions are the cognito-idp actions the provider function calls to serve
// Custom::UserPoolClient and Custom::UserPoolClientLookup: what its IAM policy grants, no
// more. They live in the model rather than beside the Cognito adapter that calls them, so
// that the CDK construct and the templates can grant them without compiling the function's
// runtime packages; the provider package checks that its adapter calls exactly these.
//
// Treat it as read-only; copy it before sorting or appending.
var IAMActions = []string{
	"cognito-idp:CreateUserPoolClient",
	"cognito-idp:DeleteUserPoolClient",
	"cognito-idp:DescribeUserPoolClient",
	"cognito-idp:ListUserPoolClients",
	"cognito-idp:UpdateUserPoolClient",
}
