package secretstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// describe runs the checks that need only DescribeSecret.
func (s *Store) describe(ctx context.Context, secretID string) (Description, error) {
	if r := arnRegion(secretID); r != "" && s.Region != "" && r != s.Region {
		return Description{}, storageErr(nil, "%s is in %s; the function runs in %s and stores only in its own region", secretID, r, s.Region)
	}
	d, err := s.Secrets.DescribeSecret(ctx, secretID)
	switch {
	case errors.Is(err, ErrNotFound):
		return Description{}, storageErr(nil, "secret %s does not exist in %s", secretID, s.Region)
	case errors.Is(err, ErrAccessDenied):
		return Description{}, storageErr(err, "the function may not describe %s: grant secretsmanager:DescribeSecret (template.yaml scopes it by tag or name prefix)", secretID)
	case err != nil:
		return Description{}, fmt.Errorf("describe secret %s: %w", secretID, err)
	}
	if d.Deleted {
		return Description{}, storageErr(nil, "%s is scheduled for deletion: restore it (RestoreSecret) or name another secret", secretID)
	}
	if r := arnRegion(d.ARN); r != "" && s.Region != "" && r != s.Region {
		return Description{}, storageErr(nil, "%s is in %s; the function runs in %s and stores only in its own region", secretID, r, s.Region)
	}
	if d.RotationEnabled {
		return Description{}, storageErr(nil, "%s has rotation of its own turned on; turn it off (SecretSerial rotates the client secret)", secretID)
	}
	return d, nil
}

// staged reads and decodes the version carrying label; nil when no version carries it.
func (s *Store) staged(ctx context.Context, secretID string, d Description, label string) (*Credentials, string, error) {
	v := d.versionWith(label)
	if v == "" {
		return nil, "", nil
	}
	raw, err := s.Secrets.GetSecretValue(ctx, secretID, v)
	if err != nil {
		return nil, "", readErr(secretID, err)
	}
	c, err := decode(raw)
	if err != nil {
		return nil, "", storageErr(err, "%s holds, in %s, something other than the credentials this resource stores: name an empty secret (no SecretString, no GenerateSecretString)", secretID, label)
	}
	return &c, v, nil
}

func readErr(secretID string, err error) *Error {
	if errors.Is(err, ErrAccessDenied) {
		return storageErr(err, "the function may not read %s: grant secretsmanager:GetSecretValue, and kms:Decrypt on its key if it uses a customer managed key", secretID)
	}
	return storageErr(err, "read %s", secretID)
}

func writeErr(secretID string, err error) *Error {
	switch {
	case errors.Is(err, ErrAccessDenied):
		return storageErr(err, "the function may not write %s: grant secretsmanager:PutSecretValue, and kms:GenerateDataKey on its key if it uses a customer managed key", secretID)
	case errors.Is(err, ErrTokenConflict):
		return storageErr(err, "%s already holds another value under this request's version", secretID)
	}
	return storageErr(err, "write %s", secretID)
}

// arnRegion is the region of an ARN, or "" for a name.
func arnRegion(s string) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[3]
}
