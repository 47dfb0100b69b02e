// Package faultproxy is a reverse proxy on loopback, in front of a Cognito user pools API
// stand-in (moto's server), that makes Cognito misbehave on purpose: it answers chosen
// operations with the errors the real service returns (throttling, concurrent modification,
// internal errors, quotas, missing scopes or identity providers, denials, invalid
// parameters), adds latency, hangs, resets connections, and can forward a request first and
// fail only afterwards, which is the ambiguous failure of a Create that did happen.
//
// Operations are recognised by the X-Amz-Target header of the JSON 1.1 protocol
// (AWSCognitoIdentityProviderService.<Operation>, and secretsmanager.<Operation> for Secrets
// Manager, served by the same endpoint) and pools by the UserPoolId of the request body (for
// Secrets Manager, the SecretId, as the request names the secret), so that tests sharing one
// proxy stay apart by using a pool and a secret each. A per-pool token
// bucket answers TooManyRequestsException when a pool is called faster than its limit, as
// Cognito's per-account, per-operation quotas do.
//
// Errors are shaped as the service shapes them (HTTP 400, or 500 for InternalErrorException;
// Content-Type application/x-amz-json-1.1; x-amzn-ErrorType; a body with __type and message),
// so the AWS SDK for Go v2 turns them into its typed errors
// (*types.TooManyRequestsException and so on). The error list is that of the Cognito API
// reference:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#API_CreateUserPoolClient_Errors
package faultproxy
