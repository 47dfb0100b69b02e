package secretstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ctypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type sdkCognito struct {
	pages [][]ctypes.ClientSecretDescriptorType
	added *ctypes.ClientSecretDescriptorType
	err   error
	in    []any
}

func (s *sdkCognito) AddUserPoolClientSecret(_ context.Context, in *cip.AddUserPoolClientSecretInput, _ ...func(*cip.Options)) (*cip.AddUserPoolClientSecretOutput, error) {
	s.in = append(s.in, in)
	return &cip.AddUserPoolClientSecretOutput{ClientSecretDescriptor: s.added}, s.err
}

func (s *sdkCognito) ListUserPoolClientSecrets(_ context.Context, in *cip.ListUserPoolClientSecretsInput, _ ...func(*cip.Options)) (*cip.ListUserPoolClientSecretsOutput, error) {
	s.in = append(s.in, in)
	if s.err != nil {
		return nil, s.err
	}
	i := 0
	if in.NextToken != nil {
		i = int((*in.NextToken)[0] - '0')
	}
	out := &cip.ListUserPoolClientSecretsOutput{ClientSecrets: s.pages[i]}
	if i+1 < len(s.pages) {
		out.NextToken = aws.String(string(rune('0' + i + 1)))
	}
	return out, nil
}

func (s *sdkCognito) DeleteUserPoolClientSecret(_ context.Context, in *cip.DeleteUserPoolClientSecretInput, _ ...func(*cip.Options)) (*cip.DeleteUserPoolClientSecretOutput, error) {
	s.in = append(s.in, in)
	return &cip.DeleteUserPoolClientSecretOutput{}, s.err
}

func TestCognitoAdapter(t *testing.T) {
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	api := &sdkCognito{
		pages: [][]ctypes.ClientSecretDescriptorType{{{ClientSecretId: aws.String("a"), ClientSecretCreateDate: &when}}, {{ClientSecretId: aws.String("b")}}},
		added: &ctypes.ClientSecretDescriptorType{ClientSecretId: aws.String("c"), ClientSecretValue: aws.String("v")},
	}
	a := NewClientSecrets(api, nil)
	live, err := a.ListClientSecrets(context.Background(), pool, client)
	require.NoError(t, err)
	assert.Equal(t, []ClientSecret{{ID: "a", Created: when}, {ID: "b"}}, live, "every page is read")
	added, err := a.AddClientSecret(context.Background(), pool, client)
	require.NoError(t, err)
	assert.Equal(t, ClientSecret{ID: "c", Value: "v"}, added)
	require.NoError(t, a.DeleteClientSecret(context.Background(), pool, client, "a"))
	assert.Equal(t, &cip.DeleteUserPoolClientSecretInput{UserPoolId: aws.String(pool), ClientId: aws.String(client), ClientSecretId: aws.String("a")}, api.in[len(api.in)-1])

	api.added = &ctypes.ClientSecretDescriptorType{ClientSecretId: aws.String("d")}
	_, err = a.AddClientSecret(context.Background(), pool, client)
	assert.ErrorContains(t, err, "without the new secret")

	api.err = &ctypes.ResourceNotFoundException{Message: aws.String("no client")}
	_, err = a.ListClientSecrets(context.Background(), pool, client)
	assert.ErrorIs(t, err, ErrNotFound)
	var nf *ctypes.ResourceNotFoundException
	assert.ErrorAs(t, err, &nf, "the SDK's error stays reachable")
}

type sdkSecrets struct {
	err   error
	calls []any
}

func (s *sdkSecrets) DescribeSecret(_ context.Context, in *sm.DescribeSecretInput, _ ...func(*sm.Options)) (*sm.DescribeSecretOutput, error) {
	s.calls = append(s.calls, in)
	if s.err != nil {
		return nil, s.err
	}
	return &sm.DescribeSecretOutput{ARN: aws.String("arn:x"), Name: in.SecretId, DeletedDate: aws.Time(time.Now()),
		RotationEnabled: aws.Bool(true), VersionIdsToStages: map[string][]string{"v1": {Current}}}, nil
}

func (s *sdkSecrets) GetSecretValue(_ context.Context, in *sm.GetSecretValueInput, _ ...func(*sm.Options)) (*sm.GetSecretValueOutput, error) {
	s.calls = append(s.calls, in)
	return &sm.GetSecretValueOutput{SecretString: aws.String("s")}, s.err
}

func (s *sdkSecrets) PutSecretValue(_ context.Context, in *sm.PutSecretValueInput, _ ...func(*sm.Options)) (*sm.PutSecretValueOutput, error) {
	s.calls = append(s.calls, in)
	return &sm.PutSecretValueOutput{}, s.err
}

func (s *sdkSecrets) UpdateSecretVersionStage(_ context.Context, in *sm.UpdateSecretVersionStageInput, _ ...func(*sm.Options)) (*sm.UpdateSecretVersionStageOutput, error) {
	s.calls = append(s.calls, in)
	return &sm.UpdateSecretVersionStageOutput{}, s.err
}

func TestSecretsManagerAdapter(t *testing.T) {
	api := &sdkSecrets{}
	tries := 0
	retry := func(ctx context.Context, call func(context.Context) error) error { tries++; return call(ctx) }
	a := NewSecretsManager(api, retry)
	ctx := context.Background()

	d, err := a.DescribeSecret(ctx, "app/x")
	require.NoError(t, err)
	assert.Equal(t, Description{ARN: "arn:x", Name: "app/x", Deleted: true, RotationEnabled: true, Versions: map[string][]string{"v1": {Current}}}, d)
	v, err := a.GetSecretValue(ctx, "app/x", "v1")
	require.NoError(t, err)
	assert.Equal(t, Secret("s"), v)
	assert.Equal(t, &sm.GetSecretValueInput{SecretId: aws.String("app/x"), VersionId: aws.String("v1")}, api.calls[1], "read by version, never by stage")
	require.NoError(t, a.PutSecretValue(ctx, "app/x", "tok", "value"))
	assert.Equal(t, &sm.PutSecretValueInput{SecretId: aws.String("app/x"), ClientRequestToken: aws.String("tok"), SecretString: aws.String("value")}, api.calls[2],
		"no VersionStages: Secrets Manager stages AWSCURRENT and moves AWSPREVIOUS itself")
	require.NoError(t, a.UpdateSecretVersionStage(ctx, "app/x", Current, "v1", "v2"))
	assert.Equal(t, &sm.UpdateSecretVersionStageInput{SecretId: aws.String("app/x"), VersionStage: aws.String(Current),
		MoveToVersionId: aws.String("v1"), RemoveFromVersionId: aws.String("v2")}, api.calls[3])
	assert.Equal(t, 4, tries, "every call goes through the retry loop")

	for code, want := range map[error]error{
		&smtypes.ResourceNotFoundException{}: ErrNotFound,
		&smtypes.ResourceExistsException{}:   ErrTokenConflict,
		&smtypes.DecryptionFailure{}:         ErrAccessDenied,
	} {
		api.err = code
		_, err := a.GetSecretValue(ctx, "app/x", "v1")
		assert.ErrorIs(t, err, want)
	}
	api.err = errors.New("network")
	_, err = a.DescribeSecret(ctx, "app/x")
	assert.EqualError(t, err, "network")
}
