package secretstore

import (
	"context"
	"errors"

	"github.com/cognito-cfn/userpoolclient/cognitoapi"
)

// ClientSecrets is the part of Cognito that holds an app client's secrets (at most two).
// *cognitoapi.Adapter implements it over the SDK, in its retry loop; tests use an in-memory
// fake.
type ClientSecrets interface {
	// AddClientSecret makes Cognito generate a new secret for the client; the value is
	// returned this once.
	AddClientSecret(ctx context.Context, userPoolID, clientID string) (ClientSecret, error)
	// ListClientSecrets returns the client's active secrets, without values.
	ListClientSecrets(ctx context.Context, userPoolID, clientID string) ([]ClientSecret, error)
	DeleteClientSecret(ctx context.Context, userPoolID, clientID, secretID string) error
}

// ClientSecret is one of a client's secrets as Cognito describes it.
type ClientSecret = cognitoapi.ClientSecret

// SecretsManager is the part of Secrets Manager the storage uses. NewSecretsManager adapts
// the SDK client; tests use an in-memory fake that keeps staging labels as the service does.
type SecretsManager interface {
	DescribeSecret(ctx context.Context, secretID string) (Description, error)
	// GetSecretValue reads one version by its ID (never by stage: see doc.go).
	GetSecretValue(ctx context.Context, secretID, versionID string) (Secret, error)
	// PutSecretValue writes a version staged AWSCURRENT; token is its ClientRequestToken,
	// which becomes its version ID.
	PutSecretValue(ctx context.Context, secretID, token string, value Secret) error
	// UpdateSecretVersionStage moves stage from the version removeFrom to moveTo.
	UpdateSecretVersionStage(ctx context.Context, secretID, stage, moveTo, removeFrom string) error
}

// Description is what DescribeSecret says about the storage secret.
type Description struct {
	ARN, Name string
	// Deleted is true when the secret is scheduled for deletion.
	Deleted         bool
	RotationEnabled bool
	// Versions maps the IDs of the versions that carry staging labels to their labels.
	Versions map[string][]string
}

// The staging labels the storage uses.
const (
	Current  = "AWSCURRENT"
	Previous = "AWSPREVIOUS"
)

// versionWith returns the ID of the version that carries label, or "".
func (d Description) versionWith(label string) string {
	for id, labels := range d.Versions {
		for _, l := range labels {
			if l == label {
				return id
			}
		}
	}
	return ""
}

// Errors the adapters return, matched with errors.Is.
var (
	// ErrNotFound: the secret, version, client or pool does not exist. It is Cognito's
	// (cognitoapi.ErrNotFound), so that one test serves both services.
	ErrNotFound = cognitoapi.ErrNotFound
	// ErrTokenConflict: a version with this ClientRequestToken exists with another value.
	ErrTokenConflict = errors.New("client request token already used for another value")
	// ErrAccessDenied: IAM or the KMS key refuses the call.
	ErrAccessDenied = errors.New("access denied")
)
