package cognitoapi

import (
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// Client is a user pool client as the lifecycle and its answers need it.
type Client struct {
	ID         string
	Name       string
	UserPoolID string
	Secret     Secret
	// Created is when Cognito made the client; zero when not reported (moto).
	Created time.Time
	// Described is the client as Cognito describes it (adoption compares it with the template),
	// its ClientSecret replaced by HasSecret; nil when the call returned no description.
	Described *types.UserPoolClientType
}

// ClientSecret is one of a client's secrets as Cognito describes it: Cognito keeps at most
// two active secrets per client.
type ClientSecret struct {
	ID      string
	Created time.Time // zero when not reported
	Value   Secret    // only from AddClientSecret
}

// Secret is a client secret, or a value that holds one (a stored version of package
// secretstore). It logs, prints and marshals as REDACTED; Reveal gives the value. It is the
// one secret-bearing type of the function: provider and secretstore name it too.
type Secret string

// LogValue keeps the secret out of every log line.
func (Secret) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// String keeps the secret out of fmt output.
func (Secret) String() string { return "REDACTED" }

// GoString keeps the secret out of %#v.
func (Secret) GoString() string { return `"REDACTED"` }

// MarshalJSON keeps the secret out of any JSON made of a value that holds it.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"REDACTED"`), nil }

// Reveal returns the secret itself, for the response's Data and for Secrets Manager only.
func (s Secret) Reveal() string { return string(s) }

// ErrNotFound is returned when the client or its pool does not exist.
var ErrNotFound = errors.New("not found")
