package secretstore

import "github.com/cognito-cfn/userpoolclient/userpoolclient"

// SecretsManagerIAMActions are the secretsmanager actions NewSecretsManager's adapter calls
// (its Cognito calls go through cognitoapi and are in userpoolclient.IAMActions).
// template.yaml grants them only on storage secrets: those named under a prefix, or tagged
// StorageTagKey=StorageTagValue. A secret encrypted with a customer managed KMS key also needs
// that key's policy to allow the function's role kms:Decrypt and kms:GenerateDataKey. The list
// lives in the model, for the CDK construct.
var SecretsManagerIAMActions = userpoolclient.SecretsManagerIAMActions

// The tag that opens a secret to the function in template.yaml's policy.
const (
	StorageTagKey   = "userpoolclient:storage"
	StorageTagValue = "true"
)
