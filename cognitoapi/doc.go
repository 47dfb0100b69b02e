// Package cognitoapi is the Cognito user pools API as the Custom::UserPoolClient lifecycle
// needs it: an [Adapter] over the AWS SDK client whose methods each run one Cognito operation
// in one retry loop that knows Cognito's errors and the deadline, and return the lifecycle's
// types ([Client], [Secret], [ErrNotFound]).
//
// Files: adapter.go (the operations), classify.go, retry.go, madesince.go, client.go (the
// types), sdk.go (loading the SDK configuration). A new operation is a method on [Adapter]
// whose SDK call is added to [API] and whose action is added to [IAMActions].
//
// What it adds to the SDK's own retryer, which it turns off ([Load] sets aws.NopRetryer):
//   - errors classified once (classify.go) for the one retry loop (retry.go): throttling and
//     ConcurrentModification are retried until the deadline, 5xx and network failures a
//     bounded number of times, a scope or identity provider not yet visible for a propagation
//     window; LimitExceeded (the permanent 1,000-clients quota), NotFound and access denied
//     are final;
//   - a Create whose call failed ambiguously (5xx, network) is first looked for: the client
//     it made is adopted rather than a second made (madesince.go: [MadeSince], [ClockSkew]);
//   - a retry is not started when its wait would pass the deadline, so that the caller still
//     has time to answer, and the error names what was being retried.
//
// The delays are the full-jitter exponential backoff of internal/backoff, which the
// response sender (cfnresponse) uses too.
//
// The API: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
// and its neighbours; the errors: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
package cognitoapi
