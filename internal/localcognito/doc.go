// Package localcognito is a local Cognito user pools API that behaves as Cognito documents
// where moto's server does not. It is a layer in front of moto (moto stays the store): each
// request it does not need to change is forwarded as it came, and each behaviour it adds names
// the Cognito or Secrets Manager document it follows. It lives with the test tooling, never in
// the Lambda; localrun starts it in front of every moto it starts.
//
// One endpoint serves every service moto serves (requests are routed by X-Amz-Target), so an
// SDK pointed at it through AWS_ENDPOINT_URL reaches Cognito and Secrets Manager alike.
//
// What it adds, and where each behaviour comes from:
//
//   - Client secrets (secrets.go): AddUserPoolClientSecret, ListUserPoolClientSecrets and
//     DeleteUserPoolClientSecret, which moto answers with HTTP 500. At most two secrets per
//     client, the last one cannot be deleted, an ID <client-id>--<epoch-create-time>, the value
//     returned only by Add and only when Cognito generated it; CreateUserPoolClient's
//     caller-chosen ClientSecret; DescribeUserPoolClient's ClientSecret kept consistent with the
//     active secrets. https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
//   - Full-state updates (clients.go): UpdateUserPoolClient resets every field it omits to
//     Cognito's default, where moto merges; a new client's PreventUserExistenceErrors is LEGACY.
//     https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
//   - Constraints (clients.go): the request constraints of CreateUserPoolClient and
//     UpdateUserPoolClient and the rules their documentation states in words, answered with
//     Cognito's exceptions (InvalidParameterException, InvalidOAuthFlowException,
//     ScopeDoesNotExistException, LimitExceededException at 1,000 clients per pool); see
//     docs/rules.md for the source of each.
//   - ListUserPoolClients items carry no ClientSecret (UserPoolClientDescription has none).
//   - LastRequest: the last request of each operation on each pool, for tests that assert what
//     a process they cannot instrument (the bootstrap) sent.
//   - Secrets Manager's staging labels after PutSecretValue (secretsmanager.go): moto 5.2.1
//     leaves AWSCURRENT on two versions after an UpdateSecretVersionStage; Secrets Manager
//     moves it to the new version and AWSPREVIOUS to the one that held it.
//     https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
//
// A request to /moto-api/reset also clears what the layer itself holds.
package localcognito
