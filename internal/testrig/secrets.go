package testrig

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/stretchr/testify/require"
)

// StoredVersion is one stored version's SecretString: the credentials the function keeps in
// the storage secret.
type StoredVersion struct{ UserPoolId, ClientId, ClientSecret, ClientSecretId string }

// NewStorage makes an empty storage secret, as a template makes it, named prefix followed by
// the time of day, and returns its ARN.
func NewStorage(t testing.TB, api *sm.Client, prefix string) string {
	t.Helper()
	name := prefix + strings.ReplaceAll(time.Now().Format("150405.000000000"), ".", "")
	out, err := api.CreateSecret(context.Background(), &sm.CreateSecretInput{Name: aws.String(name)})
	require.NoError(t, err)
	return aws.ToString(out.ARN)
}

// Staged reads the version of secret carrying stage; nil when no version carries it. It reads
// by VersionStage, never without: moto answers a read without one with the last version put,
// even after AWSCURRENT moved; real Secrets Manager answers AWSCURRENT.
func Staged(t testing.TB, api *sm.Client, secret, stage string) *StoredVersion {
	t.Helper()
	out, err := api.GetSecretValue(context.Background(), &sm.GetSecretValueInput{SecretId: &secret, VersionStage: &stage})
	var nf *smtypes.ResourceNotFoundException
	if errors.As(err, &nf) {
		return nil
	}
	require.NoError(t, err)
	var v StoredVersion
	require.NoError(t, json.Unmarshal([]byte(aws.ToString(out.SecretString)), &v))
	return &v
}

// LiveSecrets lists the IDs of the client secrets Cognito holds for client id of pool.
func LiveSecrets(t testing.TB, api *cip.Client, pool, id string) []string {
	t.Helper()
	out, err := api.ListUserPoolClientSecrets(context.Background(), &cip.ListUserPoolClientSecretsInput{UserPoolId: &pool, ClientId: &id})
	require.NoError(t, err)
	var ids []string
	for _, d := range out.ClientSecrets {
		ids = append(ids, aws.ToString(d.ClientSecretId))
	}
	return ids
}
