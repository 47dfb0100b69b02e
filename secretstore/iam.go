package secretstore

// CognitoIAMActions are the cognito-idp actions the storage calls through ClientSecrets
// (cognitoapi.Adapter, whose IAMActions list them too); the function's policy grants them on
// the same user pools as its other Cognito actions.
var CognitoIAMActions = []string{
	"cognito-idp:AddUserPoolClientSecret",
	"cognito-idp:DeleteUserPoolClientSecret",
	"cognito-idp:ListUserPoolClientSecrets",
}

// SecretsManagerIAMActions are the secretsmanager actions NewSecretsManager's adapter calls.
// template.yaml grants them only on storage secrets: those named under a prefix, or tagged
// StorageTagKey=StorageTagValue. A secret encrypted with a customer managed KMS key also needs
// that key's policy to allow the function's role kms:Decrypt and kms:GenerateDataKey.
var SecretsManagerIAMActions = []string{
	"secretsmanager:DescribeSecret",
	"secretsmanager:GetSecretValue",
	"secretsmanager:PutSecretValue",
	"secretsmanager:UpdateSecretVersionStage",
}

// The tag that opens a secret to the function in template.yaml's policy.
const (
	StorageTagKey   = "userpoolclient:storage"
	StorageTagValue = "true"
)
