package secretstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"
)

// Retry runs call, retrying what it judges transient (throttling) within ctx. The lifecycle
// passes its own loop, bounded by the Lambda deadline; nil calls once.
type Retry func(ctx context.Context, call func(context.Context) error) error

func (r Retry) do(ctx context.Context, call func(context.Context) error) error {
	if r == nil {
		return call(ctx)
	}
	return r(ctx, call)
}

// CognitoAPI is the part of *cognitoidentityprovider.Client the adapter calls.
type CognitoAPI interface {
	AddUserPoolClientSecret(context.Context, *cip.AddUserPoolClientSecretInput, ...func(*cip.Options)) (*cip.AddUserPoolClientSecretOutput, error)
	ListUserPoolClientSecrets(context.Context, *cip.ListUserPoolClientSecretsInput, ...func(*cip.Options)) (*cip.ListUserPoolClientSecretsOutput, error)
	DeleteUserPoolClientSecret(context.Context, *cip.DeleteUserPoolClientSecretInput, ...func(*cip.Options)) (*cip.DeleteUserPoolClientSecretOutput, error)
}

// SecretsManagerAPI is the part of *secretsmanager.Client the adapter calls.
type SecretsManagerAPI interface {
	DescribeSecret(context.Context, *sm.DescribeSecretInput, ...func(*sm.Options)) (*sm.DescribeSecretOutput, error)
	GetSecretValue(context.Context, *sm.GetSecretValueInput, ...func(*sm.Options)) (*sm.GetSecretValueOutput, error)
	PutSecretValue(context.Context, *sm.PutSecretValueInput, ...func(*sm.Options)) (*sm.PutSecretValueOutput, error)
	UpdateSecretVersionStage(context.Context, *sm.UpdateSecretVersionStageInput, ...func(*sm.Options)) (*sm.UpdateSecretVersionStageOutput, error)
}

// NewClientSecrets adapts the Cognito SDK client to ClientSecrets.
func NewClientSecrets(api CognitoAPI, retry Retry) ClientSecrets { return cognitoAdapter{api, retry} }

// NewSecretsManager adapts the Secrets Manager SDK client to SecretsManager.
func NewSecretsManager(api SecretsManagerAPI, retry Retry) SecretsManager {
	return secretsAdapter{api, retry}
}

type cognitoAdapter struct {
	api   CognitoAPI
	retry Retry
}

func (a cognitoAdapter) AddClientSecret(ctx context.Context, pool, client string) (ClientSecret, error) {
	var out *cip.AddUserPoolClientSecretOutput
	err := a.retry.do(ctx, func(ctx context.Context) (err error) {
		out, err = a.api.AddUserPoolClientSecret(ctx, &cip.AddUserPoolClientSecretInput{UserPoolId: &pool, ClientId: &client})
		return err
	})
	if err != nil {
		return ClientSecret{}, mapErr(err)
	}
	d := out.ClientSecretDescriptor
	if d == nil || aws.ToString(d.ClientSecretId) == "" || aws.ToString(d.ClientSecretValue) == "" {
		return ClientSecret{}, errors.New("AddUserPoolClientSecret answered without the new secret")
	}
	return ClientSecret{ID: *d.ClientSecretId, Created: aws.ToTime(d.ClientSecretCreateDate), Value: Secret(*d.ClientSecretValue)}, nil
}

func (a cognitoAdapter) ListClientSecrets(ctx context.Context, pool, client string) ([]ClientSecret, error) {
	var all []ClientSecret
	var next *string
	for {
		var out *cip.ListUserPoolClientSecretsOutput
		err := a.retry.do(ctx, func(ctx context.Context) (err error) {
			out, err = a.api.ListUserPoolClientSecrets(ctx, &cip.ListUserPoolClientSecretsInput{UserPoolId: &pool, ClientId: &client, NextToken: next})
			return err
		})
		if err != nil {
			return nil, mapErr(err)
		}
		for _, d := range out.ClientSecrets {
			all = append(all, ClientSecret{ID: aws.ToString(d.ClientSecretId), Created: aws.ToTime(d.ClientSecretCreateDate)})
		}
		if aws.ToString(out.NextToken) == "" {
			return all, nil
		}
		next = out.NextToken
	}
}

func (a cognitoAdapter) DeleteClientSecret(ctx context.Context, pool, client, id string) error {
	err := a.retry.do(ctx, func(ctx context.Context) error {
		_, err := a.api.DeleteUserPoolClientSecret(ctx, &cip.DeleteUserPoolClientSecretInput{UserPoolId: &pool, ClientId: &client, ClientSecretId: &id})
		return err
	})
	return mapErr(err)
}

type secretsAdapter struct {
	api   SecretsManagerAPI
	retry Retry
}

func (a secretsAdapter) DescribeSecret(ctx context.Context, id string) (Description, error) {
	var out *sm.DescribeSecretOutput
	err := a.retry.do(ctx, func(ctx context.Context) (err error) {
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
	err := a.retry.do(ctx, func(ctx context.Context) (err error) {
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
	err := a.retry.do(ctx, func(ctx context.Context) error {
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
	err := a.retry.do(ctx, func(ctx context.Context) error {
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
