package integration

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/secretstore"
)

// oneSecret is a client that holds one secret; moto serves no client-secret API (the local
// Cognito of the test rig will), and the Create path only lists.
type oneSecret struct{ id string }

func (o oneSecret) ListClientSecrets(context.Context, string, string) ([]secretstore.ClientSecret, error) {
	return []secretstore.ClientSecret{{ID: o.id}}, nil
}

func (oneSecret) AddClientSecret(context.Context, string, string) (secretstore.ClientSecret, error) {
	return secretstore.ClientSecret{}, errors.New("not expected")
}

func (oneSecret) DeleteClientSecret(context.Context, string, string, string) error {
	return errors.New("not expected")
}

// The Secrets Manager adapter against moto's Secrets Manager, through the real SDK: the
// checks before a Create, the stored version read back, a duplicate delivery answered from
// it, and the refusals that name SecretsManagerSecretId.
func TestSecretStoreOnMotoSecretsManager(t *testing.T) {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	require.NoError(t, err)
	api := sm.NewFromConfig(cfg, func(o *sm.Options) { o.BaseEndpoint = aws.String(moto.URL()) })
	name := "userpoolclient/it-" + strings.ReplaceAll(time.Now().Format("150405.000000000"), ".", "")
	_, err = api.CreateSecret(ctx, &sm.CreateSecretInput{Name: aws.String(name)}) // empty, as templates make it
	require.NoError(t, err)

	store := &secretstore.Store{Cognito: oneSecret{"client1--1"}, Secrets: secretstore.NewSecretsManager(api, nil), Region: localrun.Region}
	target := secretstore.Target{SecretID: name, RequestID: "7a9e4b2c-1d3f-4e6a-b8c0-2f4d6e8a0b1c", UserPoolID: "us-east-1_aBcDeFgHi"}
	p, err := store.Prepare(ctx, target, secretstore.Op{New: true})
	require.NoError(t, err)
	assert.Contains(t, p.ARN(), ":secretsmanager:"+localrun.Region+":")
	c, err := p.Save(ctx, "client1", "s3cr3t-value")
	require.NoError(t, err)

	// Read by stage: only one version exists, so moto's stage read is right here.
	out, err := api.GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: aws.String(name), VersionStage: aws.String("AWSCURRENT")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"UserPoolId":"us-east-1_aBcDeFgHi","ClientId":"client1","ClientSecret":"s3cr3t-value","ClientSecretId":"client1--1"}`, aws.ToString(out.SecretString))

	// The same request again: answered from the stored version.
	p, err = store.Prepare(ctx, target, secretstore.Op{New: true})
	require.NoError(t, err)
	done, ok := p.Done()
	require.True(t, ok)
	assert.Equal(t, c, done)

	// Another request for another client: the storage holds client1.
	other := target
	other.RequestID = "8b0f5c3d-2e4a-4f7b-9c1d-3a5e7f9b1c2d"
	_, err = store.Prepare(ctx, other, secretstore.Op{New: true})
	assert.ErrorContains(t, err, "SecretsManagerSecretId: "+name+" holds the credentials of client client1")

	// A missing secret, and one scheduled for deletion.
	missing := target
	missing.SecretID = name + "-missing"
	_, err = store.Prepare(ctx, missing, secretstore.Op{New: true})
	assert.ErrorContains(t, err, "does not exist")
	_, err = api.DeleteSecret(ctx, &sm.DeleteSecretInput{SecretId: aws.String(name), RecoveryWindowInDays: aws.Int64(7)})
	require.NoError(t, err)
	_, err = store.Prepare(ctx, other, secretstore.Op{New: true})
	assert.ErrorContains(t, err, "scheduled for deletion")
}
