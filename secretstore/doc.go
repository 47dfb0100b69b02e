// Package secretstore keeps a Cognito app client's credentials in a Secrets Manager secret
// (SecretsManagerSecretId) and rotates the client's secret without a new client
// (SecretSerial), over two small interfaces: ClientSecrets (Cognito's
// Add/List/DeleteUserPoolClientSecret) and SecretsManager (DescribeSecret, GetSecretValue,
// PutSecretValue, UpdateSecretVersionStage). *cognitoapi.Adapter implements ClientSecrets
// over the SDK; NewSecretsManager (and Load) adapt the Secrets Manager SDK client, every call
// in the retry loop given as Retry (the function gives cognitoapi.Retrier.Do, the Cognito
// calls' own loop). The contract is docs/secrets.md.
//
// Every stored version is the JSON object {"UserPoolId", "ClientId", "ClientSecret",
// "ClientSecretId"}, put without VersionStages, so Secrets Manager stages it AWSCURRENT and
// moves AWSPREVIOUS to the version that held AWSCURRENT. Values travel as Secret
// (cognitoapi.Secret), which logs, prints and marshals as REDACTED. Versions are read by
// version ID only, never by stage: the IDs come from DescribeSecret's VersionIdsToStages
// (moto answers a stage read with the last version put).
//
// # Two phases
//
// Store.Prepare reads and checks everything and writes nothing: the secret exists, is not
// scheduled for deletion, is in the function's region, has no rotation of its own, can be
// read, and its AWSCURRENT holds this client, the client a replacement or heal replaces
// (Target.Replaced), a client that no longer exists (ListUserPoolClientSecrets answers not
// found: a rolled-back first deploy's credentials are no one's), or nothing. It looks up this request's final version (its
// ClientRequestToken derives from the RequestId): when it exists, Pending.Done returns what
// it holds and the request must be answered from it with no Cognito write. It lists the
// client's secrets and chooses the one a rotation deletes; if AWSCURRENT names neither of two
// live secrets, it fails here. Then the lifecycle makes its Cognito write
// (CreateUserPoolClient or UpdateUserPoolClient), and Pending.Save (new client) or
// Pending.Apply (same client) makes the storage's writes. Whether the storage can be written
// (secretsmanager:PutSecretValue, kms:GenerateDataKey) is only known at the Put: a refused
// Put after AddUserPoolClientSecret deletes the added secret again, so Cognito and the
// storage agree.
//
// Release is the storage's part of a Delete, called before the client is deleted or
// released.
//
// # Decision table
//
// "plan" is userpoolclient.PlanUpdate(old, desired, PhysicalResourceId); "storage" means the
// desired properties carry SecretsManagerSecretId (old ones, for a Delete). Calls are in
// order; [x] is a call made only when needed; Prepare is DescribeSecret, GetSecretValue(final
// token), [GetSecretValue(AWSCURRENT)], and for a same-client Op ListUserPoolClientSecrets
// (Move adds DescribeSecret and up to two GetSecretValue of the old secret).
//
//	Create, no storage, not adopted    CreateUserPoolClient (unchanged: one Cognito call)
//	Create, no storage, adopted        DescribeUserPoolClient(ExistingClientId) → missing: FAILED naming
//	                                   ExistingClientId; Differences → any: FAILED, AdoptionError; SUCCESS with
//	                                   that ID, no write. [ListUserPoolClientSecrets when it has a secret: Data
//	                                   carries ClientSecret only with exactly one]
//	Create, storage, not adopted       Prepare(Target{ClientID: ""}, Op{New}) → Done: SUCCESS with Done's ClientId;
//	                                   CreateUserPoolClient; Save(id, secret) = ListUserPoolClientSecrets,
//	                                   PutSecretValue. Save fails: FAILED carrying the real ClientId (the
//	                                   rollback Delete removes it). Data: SecretArn = Pending.ARN(), no ClientSecret
//	Create, storage, adopted           DescribeUserPoolClient, Differences (as above); Prepare(Target{ClientID:
//	                                   ExistingClientId, Adopted}, Op{Attach}) (two secrets: FAILED naming both
//	                                   properties); Apply(described secret) = PutSecretValue
//	Update, plan refused               FAILED with the error (an adopted client would be replaced); nothing called
//	Update in place, storage none      [DescribeUserPoolClient when NameFromClient]; UpdateUserPoolClient (unchanged).
//	  or Keep with serial unchanged    Removing storage touches no secret; Data carries ClientSecret again only
//	                                   with exactly one active secret ([ListUserPoolClientSecrets], only for a
//	                                   client that had storage or is adopted). Keep: SecretArn is the property
//	                                   when it is an ARN, else one DescribeSecret
//	Update in place, storage and       Prepare(Target{ClientID: PhysicalResourceId, Adopted: desired adopts}, Op{
//	  Attach / Move / serial raised      MoveFrom: old id if StorageMove, Attach: StorageAttach, Rotate:
//	  / serial lowered                   plan.Rotates(), Restore: plan.RollsBack()}); Done: answer (UpdateUserPoolClient
//	                                   may be sent again, it is idempotent); [DescribeUserPoolClient when
//	                                   NameFromClient]; UpdateUserPoolClient; Apply(secret from its response) =
//	                                   copies (PutSecretValue AWSPREVIOUS's, then AWSCURRENT's), [attach Put],
//	                                   rotation ([DeleteUserPoolClientSecret of the secret AWSCURRENT does not
//	                                   name], AddUserPoolClientSecret, PutSecretValue; a refused Put:
//	                                   DeleteUserPoolClientSecret of the added one, FAILED), or restore
//	                                   ([UpdateSecretVersionStage AWSCURRENT → AWSPREVIOUS] when AWSPREVIOUS holds
//	                                   the client's other live secret and it is the older; never a delete)
//	Update in place, client gone       heal: desired.CheckReplaceable("the client no longer exists") → adopted:
//	                                   FAILED. Else as replacement with Target.Replaced = PhysicalResourceId
//	Update, plan ReplaceClient         no storage: as today. Storage: Prepare(Target{ClientID: "", Replaced:
//	                                   PhysicalResourceId}, Op{New}) → Done: answer with its ClientId;
//	                                   CreateUserPoolClient; Save. Save fails: delete the new client, FAILED with
//	                                   the old ID (docs/lifecycle.md). No rotation calls whatever the serial did
//	Update, plan AdoptOther            as Create adopted, with Target.Replaced = PhysicalResourceId; SUCCESS with
//	                                   the other ID; the cleanup Delete releases the previous client
//	Delete, marker ID or no pool       nothing (unchanged)
//	Delete, storage                    Release(SecretsManagerSecretId, PhysicalResourceId) = DescribeSecret,
//	                                   [GetSecretValue AWSCURRENT, AWSPREVIOUS, ListUserPoolClientSecrets of
//	                                   AWSPREVIOUS's client, UpdateSecretVersionStage]; an error: FAILED (the
//	                                   client is kept, a retry can finish); then as below
//	Delete, props.Releases(id)         log "releasing adopted client"; no DeleteUserPoolClient
//	Delete, otherwise                  DeleteUserPoolClient (unchanged)
//
// Calls per request on the happy path, with storage: Create 1 Cognito write + List, 2–3
// Secrets Manager reads, 1 Put; rotation UpdateUserPoolClient + List + [Delete] + Add, 2–3
// reads, 1 Put; lowered serial UpdateUserPoolClient + List, 2–4 reads, [1
// UpdateSecretVersionStage]. An Update that neither rotates nor changes the storage makes no
// storage write, and no storage call at all when SecretsManagerSecretId is an ARN (a name
// costs one DescribeSecret, for the answer's SecretArn). The lifecycle that carries this
// table out is provider's (lifecycle.go, storage.go, adopt.go).
package secretstore
