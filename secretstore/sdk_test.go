package secretstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	var actions []string
	retry := func(ctx context.Context, action string, call func(context.Context) error) error {
		tries++
		actions = append(actions, action)
		return call(ctx)
	}
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
	assert.Equal(t, SecretsManagerIAMActions, actions, "each call named by its IAM action")

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
