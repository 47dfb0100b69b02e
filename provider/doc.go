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
//	              (userpoolclient.PlanUpdate), adopt, release             adopt.go
//	storage       check before any Cognito write, write after it          storage.go, secretstore
//	act           the Cognito interface; the SDK adapter retries          cognito.go, cognitoapi
//	answer        outcome -> response -> PUT to the ResponseURL           answer.go, cfnresponse
//	after-answer  remove the clients no stack will own                    orphans.go
//
// Each rule lives in one place:
//   - the PhysicalResourceId of every answer: physicalID, answer.go;
//   - the answer's Data (ClientId, Name, UserPoolId, and SecretArn with storage or else
//     ClientSecret) and NoEcho: outcome.response, answer.go;
//   - ClientSecret only when the client has exactly one active secret (a client that had
//     storage or is adopted is listed; others hold the one Cognito made): withOneSecret and
//     mayHoldTwo, storage.go;
//   - the client's name when ClientName is not given: name, lifecycle.go;
//   - what an Update does (adopt another client, replace, in place; the storage step and the
//     serial change): userpoolclient.PlanUpdate, carried out by update, lifecycle.go;
//   - an adopted client is never replaced or healed: userpoolclient.PlanUpdate and
//     CheckReplaceable, applied in update and heal, lifecycle.go;
//   - an Update of a client that is gone creates one (heal): heal, lifecycle.go;
//   - adoption (ExistingClientId) writes nothing and fails listing every difference
//     (userpoolclient.Differences): adopt, adopt.go; an absent ClientName is the adopted
//     client's own name: updateInPlace, lifecycle.go (userpoolclient.NameFromClient);
//   - a Delete releases an adopted client instead of deleting it (userpoolclient.Releases),
//     and with storage first lets secretstore.Release move AWSCURRENT back: delete, lifecycle.go;
//   - the storage (SecretsManagerSecretId, SecretSerial) is checked before any Cognito write and
//     written after it, in the order secretstore's doc.go gives: newStoredClient (Create,
//     replacement, heal), prepareInPlace then Pending.Apply (rotation, roll back, attach,
//     move), storage.go; a request an earlier delivery carried out is answered from what it
//     stored (Pending.Done); a Create whose secret cannot be stored answers FAILED with the new
//     ClientId, a replacement with the old one (and afterAnswer removes the new client);
//   - SecretArn of an unchanged storage: the property when it is an ARN, else one
//     DescribeSecret: storageARN, storage.go;
//   - a Delete of a client or pool that is gone, or of an ID that is no client's, succeeds: delete, lifecycle.go;
//   - a lookup by name needs exactly one match: lookup.go;
//   - the margin kept to answer (DefaultMargin) and the least time worth working (minWork): handler.go;
//   - a request is answered once per warm instance: redelivery.go;
//   - the orphan policy, with its one query and clock-skew constant
//     (cognitoapi.MadeSince, cognitoapi.ClockSkew): orphans.go;
//   - which Cognito and Secrets Manager errors are retried, and for how long: cognitoapi
//     (classify.go, retry.go; Secrets Manager's calls run in cognitoapi.Retrier.Do, wired by
//     SDKSecretsManager, cognito.go);
//   - the retry delay of both retry loops: internal/backoff;
//   - the response's 4096-byte cap and its PUT retries: cfnresponse;
//   - secrets and ResponseURL queries never logged: cognitoapi.Secret (the one redacting type;
//     provider.Secret and secretstore.Secret name it), cfnresponse.Redact.
//
// To add a Cognito operation: add a method to the Cognito interface (cognito.go), implement it
// on cognitoapi.Adapter with its SDK call in cognitoapi.API and its action in
// cognitoapi.IAMActions, and to the in-memory Cognito of the unit tests
// (internal/fixture/fakecognito). A Secrets Manager operation goes to secretstore's
// SecretsManager (with its action in secretstore.SecretsManagerIAMActions) and to
// internal/fixture/fakesecrets.
//
// The request and response it implements:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
package provider
