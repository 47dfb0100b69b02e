package provider

import (
	"context"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/cognito-cfn/userpoolclient/cognitoapi"
	"github.com/cognito-cfn/userpoolclient/secretstore"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// Cognito is what the lifecycle needs from Cognito, in the model's terms. *cognitoapi.Adapter
// implements it over the SDK, with the retry loop and error classification; unit tests
// implement it in memory (internal/fixture/fakecognito). A new Cognito operation is added here,
// to cognitoapi.Adapter (with its IAM action in cognitoapi.IAMActions) and to the fake.
type Cognito interface {
	// Create makes a client.
	Create(ctx context.Context, p userpoolclient.Properties, name string) (Client, error)
	Update(ctx context.Context, clientID string, p userpoolclient.Properties, name string) (Client, error)
	// Delete returns an error wrapping ErrNotFound when the client or its pool is gone.
	Delete(ctx context.Context, userPoolID, clientID string) error
	Describe(ctx context.Context, userPoolID, clientID string) (Client, error)
	// FindByName returns the IDs of the clients of a pool that carry name.
	FindByName(ctx context.Context, userPoolID, name string) ([]string, error)
	// The client's secrets (Add/List/DeleteUserPoolClientSecret), which the storage
	// (secretstore) rotates.
	secretstore.ClientSecrets
}

// The Cognito types the lifecycle speaks in, defined by the adapter package: named here so
// that code wiring a Handler needs only this package.
type (
	// Client is a user pool client as the answers need it.
	Client = cognitoapi.Client
	// Secret is a client secret that redacts itself in logs, fmt and JSON.
	Secret = cognitoapi.Secret
	// ClientSecret is one of a client's secrets (at most two are active).
	ClientSecret = cognitoapi.ClientSecret
	// RetryPolicy bounds how Cognito and Secrets Manager calls are retried.
	RetryPolicy = cognitoapi.RetryPolicy
	// SecretsManager is what the storage needs from Secrets Manager.
	SecretsManager = secretstore.SecretsManager
)

// ErrNotFound is returned by a Cognito when the client or its pool does not exist.
var ErrNotFound = cognitoapi.ErrNotFound

// DefaultRetryPolicy is the retry policy of the deployed function.
var DefaultRetryPolicy = cognitoapi.DefaultRetryPolicy

// IAMActions are the cognito-idp actions the function calls: what its policy grants. The
// storage's secretsmanager actions are secretstore.SecretsManagerIAMActions.
var IAMActions = cognitoapi.IAMActions

// SDKConfig is the AWS SDK configuration the function's clients are made from, loaded inside
// the first invocation that needs it, so that a failure is answered FAILED, and kept for the
// warm instance (see cognitoapi.LoadConfig). Give SDKCognito and SDKSecretsManager the same
// one: the configuration and its credentials are then loaded once.
func SDKConfig(opts ...func(*config.LoadOptions) error) cognitoapi.ConfigLoader {
	return cognitoapi.LoadConfig(opts...)
}

// SDKCognito returns a Config.Cognito over the AWS SDK (see cognitoapi.Load), made from cfg.
func SDKCognito(log *slog.Logger, policy RetryPolicy, cfg cognitoapi.ConfigLoader) func(context.Context) (Cognito, error) {
	load := cognitoapi.Load(log, policy, cfg)
	return func(ctx context.Context) (Cognito, error) {
		a, err := load(ctx)
		if err != nil {
			return nil, err
		}
		return a, nil
	}
}

// SDKSecretsManager returns a Config.SecretsManager over the AWS SDK (see secretstore.Load),
// made from cfg inside the first invocation that has storage, with every call in the same
// retry loop as Cognito's (cognitoapi.Retrier), bounded by the deadline.
func SDKSecretsManager(log *slog.Logger, policy RetryPolicy, cfg cognitoapi.ConfigLoader) func(context.Context) (SecretsManager, string, error) {
	return secretstore.Load(cognitoapi.NewRetrier(log, policy).Do, cfg)
}
