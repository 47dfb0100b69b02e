package localcognito_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (r *rig) client(t *testing.T, pool string, generate bool) *cip.CreateUserPoolClientOutput {
	t.Helper()
	out, err := r.idp.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(pool), ClientName: aws.String("app"), GenerateSecret: generate,
	})
	require.NoError(t, err)
	return out
}

func (r *rig) describeSecret(t *testing.T, pool, id string) string {
	t.Helper()
	out, err := r.idp.DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	require.NoError(t, err)
	return aws.ToString(out.UserPoolClient.ClientSecret)
}

func (r *rig) secretIDs(t *testing.T, pool, id string) []string {
	t.Helper()
	out, err := r.idp.ListUserPoolClientSecrets(context.Background(), &cip.ListUserPoolClientSecretsInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	require.NoError(t, err)
	var ids []string
	for _, d := range out.ClientSecrets {
		assert.Nil(t, d.ClientSecretValue, "List never reveals a value")
		ids = append(ids, aws.ToString(d.ClientSecretId))
	}
	return ids
}

// The rotation Cognito documents: a confidential client starts with one secret, Add makes a
// second (value returned because Cognito generated it), a third is refused, a secret other
// than the last can be deleted, the last cannot.
func TestClientSecretRotation(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	pool := r.pool(t)
	created := r.client(t, pool, true)
	id := aws.ToString(created.UserPoolClient.ClientId)
	first := aws.ToString(created.UserPoolClient.ClientSecret)
	require.NotEmpty(t, first)
	t0 := r.clock.now()
	firstID := id + "--" + strconv.FormatInt(t0.UnixMilli(), 10)

	assert.Equal(t, first, r.describeSecret(t, pool, id))
	assert.Equal(t, []string{firstID}, r.secretIDs(t, pool, id), "the ID is <client-id>--<epoch-create-time>")

	r.clock.advance(90 * time.Second)
	added, err := r.idp.AddUserPoolClientSecret(ctx, &cip.AddUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	require.NoError(t, err)
	second := aws.ToString(added.ClientSecretDescriptor.ClientSecretValue)
	secondID := aws.ToString(added.ClientSecretDescriptor.ClientSecretId)
	assert.Regexp(t, `^[\w+]{24,64}$`, second)
	assert.NotEqual(t, first, second)
	assert.Equal(t, id+"--"+strconv.FormatInt(t0.Add(90*time.Second).UnixMilli(), 10), secondID)
	assert.True(t, added.ClientSecretDescriptor.ClientSecretCreateDate.Equal(t0.Add(90*time.Second)))
	assert.Equal(t, []string{firstID, secondID}, r.secretIDs(t, pool, id))

	_, err = r.idp.AddUserPoolClientSecret(ctx, &cip.AddUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	assert.Equal(t, "LimitExceededException", apiCode(t, err), "at most two secrets")

	_, err = r.idp.DeleteUserPoolClientSecret(ctx, &cip.DeleteUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(id), ClientSecretId: aws.String(id + "--1")})
	assert.Equal(t, "ResourceNotFoundException", apiCode(t, err))

	_, err = r.idp.DeleteUserPoolClientSecret(ctx, &cip.DeleteUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(id), ClientSecretId: aws.String(firstID)})
	require.NoError(t, err)
	assert.Equal(t, []string{secondID}, r.secretIDs(t, pool, id))
	assert.Equal(t, second, r.describeSecret(t, pool, id), "Describe never shows a deleted secret")

	_, err = r.idp.DeleteUserPoolClientSecret(ctx, &cip.DeleteUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(id), ClientSecretId: aws.String(secondID)})
	assert.Equal(t, "InvalidParameterException", apiCode(t, err), "the last secret cannot be deleted")
	assert.Equal(t, []string{secondID}, r.secretIDs(t, pool, id))

	// Deleting the client takes its secrets along.
	_, err = r.idp.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	require.NoError(t, err)
	_, err = r.idp.ListUserPoolClientSecrets(ctx, &cip.ListUserPoolClientSecretsInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	assert.Equal(t, "ResourceNotFoundException", apiCode(t, err))
}

// Two secrets: Describe shows the older one (which one Cognito shows is undocumented).
func TestDescribeWithTwoSecretsShowsTheOldest(t *testing.T) {
	r := newRig(t)
	pool := r.pool(t)
	created := r.client(t, pool, true)
	id := aws.ToString(created.UserPoolClient.ClientId)
	r.clock.advance(time.Second)
	_, err := r.idp.AddUserPoolClientSecret(context.Background(), &cip.AddUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(created.UserPoolClient.ClientSecret), r.describeSecret(t, pool, id))
}

// A secret the caller chooses is never echoed back by Add; two Adds in the same millisecond
// still get distinct IDs.
func TestAddChosenSecret(t *testing.T) {
	r := newRig(t)
	pool := r.pool(t)
	id := aws.ToString(r.client(t, pool, true).UserPoolClient.ClientId)
	chosen := "chosen_secret_value_0123456789"
	added, err := r.idp.AddUserPoolClientSecret(context.Background(), &cip.AddUserPoolClientSecretInput{
		UserPoolId: aws.String(pool), ClientId: aws.String(id), ClientSecret: aws.String(chosen)})
	require.NoError(t, err)
	assert.Nil(t, added.ClientSecretDescriptor.ClientSecretValue, "the value is returned only when Cognito generated it")
	ids := r.secretIDs(t, pool, id)
	require.Len(t, ids, 2)
	assert.NotEqual(t, ids[0], ids[1])

	for name, bad := range map[string]string{"short": "abc", "long": string(make([]byte, 65)), "pattern": "has a space in it 0123456789"} {
		_, err := r.idp.AddUserPoolClientSecret(context.Background(), &cip.AddUserPoolClientSecretInput{
			UserPoolId: aws.String(pool), ClientId: aws.String(id), ClientSecret: aws.String(bad)})
		assert.Equal(t, "InvalidParameterException", apiCode(t, err), name)
	}
}

func TestSecretOperationsRefusals(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	pool := r.pool(t)
	public := aws.ToString(r.client(t, pool, false).UserPoolClient.ClientId)
	_, err := r.idp.AddUserPoolClientSecret(ctx, &cip.AddUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(public)})
	assert.Equal(t, "InvalidParameterException", apiCode(t, err), "only a confidential client gets secrets")
	assert.Empty(t, r.secretIDs(t, pool, public))
	assert.Empty(t, r.describeSecret(t, pool, public))

	_, err = r.idp.AddUserPoolClientSecret(ctx, &cip.AddUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String("nosuchclient")})
	assert.Equal(t, "ResourceNotFoundException", apiCode(t, err))
	_, err = r.idp.ListUserPoolClientSecrets(ctx, &cip.ListUserPoolClientSecretsInput{UserPoolId: aws.String("us-east-1_nosuchpool"), ClientId: aws.String(public)})
	assert.Equal(t, "ResourceNotFoundException", apiCode(t, err))
}

// CreateUserPoolClient takes a caller-chosen ClientSecret (24–64, [\w+]+), not together with
// GenerateSecret true; the client is then confidential with that secret.
func TestCreateWithChosenSecret(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	pool := r.pool(t)
	chosen := "my_own_secret_0123456789abcdef"
	out, err := r.idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(pool), ClientName: aws.String("chosen"), ClientSecret: aws.String(chosen)})
	require.NoError(t, err)
	id := aws.ToString(out.UserPoolClient.ClientId)
	assert.Equal(t, chosen, aws.ToString(out.UserPoolClient.ClientSecret))
	assert.Equal(t, chosen, r.describeSecret(t, pool, id))
	assert.Len(t, r.secretIDs(t, pool, id), 1)

	_, err = r.idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(pool), ClientName: aws.String("both"), ClientSecret: aws.String(chosen), GenerateSecret: true})
	assert.Equal(t, "InvalidParameterException", apiCode(t, err))
	_, err = r.idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(pool), ClientName: aws.String("short"), ClientSecret: aws.String("short")})
	assert.Equal(t, "InvalidParameterException", apiCode(t, err))

	list, err := r.idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: aws.String(pool)})
	require.NoError(t, err)
	assert.Len(t, list.UserPoolClients, 1, "refused Creates make no client")
}
