package cognitoapi

import (
	"errors"
	"log/slog"
	"time"
)

// Client is a user pool client as the lifecycle and its answers need it.
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
