package secretstore

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"
	"github.com/cognito-cfn/userpoolclient/cognitoapi"
)

// Retry runs call, retrying what it judges transient (throttling) within ctx; action is the
// IAM action of the call ("secretsmanager:PutSecretValue"), for its errors. The function
// passes the Cognito adapter's loop (cognitoapi.Retrier.Do), bounded by the Lambda deadline;
// nil calls once.
type Retry func(ctx context.Context, action string, call func(context.Context) error) error

func (r Retry) do(ctx context.Context, action string, call func(context.Context) error) error {
	if r == nil {
		return call(ctx)
	}
	return r(ctx, action, call)
}

// SecretsManagerAPI is the part of *secretsmanager.Client the adapter calls.
type SecretsManagerAPI interface {
	DescribeSecret(context.Context, *sm.DescribeSecretInput, ...func(*sm.Options)) (*sm.DescribeSecretOutput, error)
	GetSecretValue(context.Context, *sm.GetSecretValueInput, ...func(*sm.Options)) (*sm.GetSecretValueOutput, error)
	PutSecretValue(context.Context, *sm.PutSecretValueInput, ...func(*sm.Options)) (*sm.PutSecretValueOutput, error)
	UpdateSecretVersionStage(context.Context, *sm.UpdateSecretVersionStageInput, ...func(*sm.Options)) (*sm.UpdateSecretVersionStageOutput, error)
}

// Load returns a function that makes the adapter from the configuration cfg gives (the one the
// Cognito adapter is made from: cognitoapi.LoadConfig, whose standard chain reads
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_SECRETS_MANAGER for local endpoints, with the SDK's own
// retryer off: retry is the one loop), once cfg has one, and keeps it, with its region, for
// the warm instance. Until then it returns cfg's error, which the invocation answers FAILED.
func Load(retry Retry, cfg cognitoapi.ConfigLoader) func(context.Context) (SecretsManager, string, error) {
	var once sync.Once
	var s SecretsManager
	return func(ctx context.Context) (SecretsManager, string, error) {
		c, err := cfg(ctx)
		if err != nil {
			return nil, "", err
		}
		once.Do(func() { s = NewSecretsManager(sm.NewFromConfig(c), retry) })
		return s, c.Region, nil
	}
}

// NewSecretsManager adapts the Secrets Manager SDK client to SecretsManager.
func NewSecretsManager(api SecretsManagerAPI, retry Retry) SecretsManager {
	return secretsAdapter{api, retry}
}

type secretsAdapter struct {
	api   SecretsManagerAPI
	retry Retry
}

func (a secretsAdapter) DescribeSecret(ctx context.Context, id string) (Description, error) {
	var out *sm.DescribeSecretOutput
	err := a.retry.do(ctx, "secretsmanager:DescribeSecret", func(ctx context.Context) (err error) {
		out, err = a.api.DescribeSecret(ctx, &sm.DescribeSecretInput{SecretId: &id})
		return err
	})
	if err != nil {
		return Description{}, mapErr(err)
	}
	return Description{ARN: aws.ToString(out.ARN), Name: aws.ToString(out.Name), Deleted: out.DeletedDate != nil,
		RotationEnabled: aws.ToBool(out.RotationEnabled), Versions: out.VersionIdsToStages}, nil
}

func (a secretsAdapter) GetSecretValue(ctx context.Context, id, version string) (Secret, error) {
	var out *sm.GetSecretValueOutput
	err := a.retry.do(ctx, "secretsmanager:GetSecretValue", func(ctx context.Context) (err error) {
		out, err = a.api.GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: &id, VersionId: &version})
		return err
	})
	if err != nil {
		return "", mapErr(err)
	}
	return Secret(aws.ToString(out.SecretString)), nil
}

func (a secretsAdapter) PutSecretValue(ctx context.Context, id, token string, value Secret) error {
	s := value.Reveal()
	err := a.retry.do(ctx, "secretsmanager:PutSecretValue", func(ctx context.Context) error {
		_, err := a.api.PutSecretValue(ctx, &sm.PutSecretValueInput{SecretId: &id, ClientRequestToken: &token, SecretString: &s})
		return err
	})
	return mapErr(err)
}

func (a secretsAdapter) UpdateSecretVersionStage(ctx context.Context, id, stage, moveTo, removeFrom string) error {
	in := &sm.UpdateSecretVersionStageInput{SecretId: &id, VersionStage: &stage, MoveToVersionId: &moveTo}
	if removeFrom != "" {
		in.RemoveFromVersionId = &removeFrom
	}
	err := a.retry.do(ctx, "secretsmanager:UpdateSecretVersionStage", func(ctx context.Context) error {
		_, err := a.api.UpdateSecretVersionStage(ctx, in)
		return err
	})
	return mapErr(err)
}

// mapErr turns the services' error codes into the package's errors, keeping the original.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "ResourceNotFoundException":
			return fmt.Errorf("%w: %w", ErrNotFound, err)
		case "ResourceExistsException":
			return fmt.Errorf("%w: %w", ErrTokenConflict, err)
		case "AccessDeniedException", "NotAuthorizedException", "DecryptionFailure", "EncryptionFailure",
			"KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException":
			return fmt.Errorf("%w: %w", ErrAccessDenied, err)
		}
	}
	return err
}
