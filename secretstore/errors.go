package secretstore

import (
	"fmt"
	"strings"
)

// Error is a refusal or failure of the storage, naming the property the user can act on.
type Error struct {
	// Properties are the property paths concerned, first the one to change.
	Properties []string
	Message    string
	Err        error
}

func (e *Error) Error() string {
	s := strings.Join(e.Properties, ", ") + ": " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

const (
	propStorage  = "SecretsManagerSecretId"
	propSerial   = "SecretSerial"
	propExisting = "ExistingClientId"
)

func storageErr(err error, format string, args ...any) *Error {
	return &Error{Properties: []string{propStorage}, Message: fmt.Sprintf(format, args...), Err: err}
}
