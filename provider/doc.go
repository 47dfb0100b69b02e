// Package provider serves the CloudFormation custom resources Custom::UserPoolClient and
// Custom::UserPoolClientLookup: it decides what each request means for a Cognito user pool
// client, acts through a small Cognito interface, and answers CloudFormation exactly once,
// before the deadline, whatever happens.
//
// The data path, in the order Handler.Invoke (handler.go) runs it:
//
//	event         parseEvent reads the request leniently                  event.go
//	              a second delivery gets the first answer again           redelivery.go
//	deadline      the work must end the margin before Lambda's deadline   handler.go (handle)
//	decode        userpoolclient.Decode, strict; Delete reads leniently    lifecycle.go, lookup.go
//	validate      the model's validator, inside Decode                    userpoolclient
//	decide        create, update in place, replace, heal, delete, lookup  lifecycle.go, lookup.go
//	act           the Cognito interface; the SDK adapter retries          cognito.go, cognitoapi
//	answer        outcome -> response -> PUT to the ResponseURL           answer.go, cfnresponse
//	after-answer  remove the clients no stack will own                    orphans.go
//
// Each rule lives in one place:
//   - the PhysicalResourceId of every answer: physicalID, answer.go;
//   - the answer's Data (ClientId, Name, UserPoolId, ClientSecret) and NoEcho: outcome.response, answer.go;
//   - the client's name when ClientName is not given: name, lifecycle.go;
//   - what needs a replacement: userpoolclient.RequiresReplacement, applied in update, lifecycle.go;
//   - an Update of a client that is gone creates one (heal): update, lifecycle.go;
//   - a Delete of a client or pool that is gone, or of an ID that is no client's, succeeds: delete, lifecycle.go;
//   - a lookup by name needs exactly one match: lookup.go;
//   - the margin kept to answer (DefaultMargin) and the least time worth working (minWork): handler.go;
//   - a request is answered once per warm instance: redelivery.go;
//   - the orphan policy, with its one query and clock-skew constant
//     (cognitoapi.MadeSince, cognitoapi.ClockSkew): orphans.go;
//   - which Cognito errors are retried, and for how long: cognitoapi (classify.go, retry.go);
//   - the retry delay of both retry loops: internal/backoff;
//   - the response's 4096-byte cap and its PUT retries: cfnresponse;
//   - secrets and ResponseURL queries never logged: cognitoapi.Secret, cfnresponse.Redact.
//
// To add a Cognito operation (AddUserPoolClientSecret, say): add a method to the Cognito
// interface (cognito.go), implement it on cognitoapi.Adapter with its SDK call in
// cognitoapi.API and its action in cognitoapi.IAMActions, and to the in-memory Cognito of the
// unit tests (internal/fixture/fakecognito).
//
// The request and response it implements:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
package provider
