package provider

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// Cognito is what the lifecycle needs from Cognito, in the model's terms. The SDK adapter
// (NewCognito) implements it with retries; unit tests implement it in memory.
type Cognito interface {
	Create(ctx context.Context, p userpoolclient.Properties, name string) (Client, error)
	Update(ctx context.Context, clientID string, p userpoolclient.Properties, name string) (Client, error)
	Delete(ctx context.Context, userPoolID, clientID string) error
	Describe(ctx context.Context, userPoolID, clientID string) (Client, error)
	// FindByName returns the IDs of the clients of a pool that carry name.
	FindByName(ctx context.Context, userPoolID, name string) ([]string, error)
}

// Client is a user pool client as the responses need it.
type Client struct {
	ID         string
	Name       string
	UserPoolID string
	Secret     Secret
	// Created is when Cognito made the client; zero when not reported (moto).
	Created time.Time
}

// Secret is a client secret. It logs and prints as REDACTED; Reveal gives the value.
type Secret string

// LogValue keeps the secret out of every log line.
func (Secret) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// String keeps the secret out of fmt output.
func (Secret) String() string { return "REDACTED" }

// GoString keeps the secret out of %#v.
func (Secret) GoString() string { return `"REDACTED"` }

// MarshalJSON keeps the secret out of any JSON made of a value that holds it.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"REDACTED"`), nil }

// Reveal returns the secret itself, for the response's Data only.
func (s Secret) Reveal() string { return string(s) }

// ErrNotFound is returned when the client or its pool does not exist.
var ErrNotFound = errors.New("not found")
