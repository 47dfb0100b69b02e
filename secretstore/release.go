package secretstore

import (
	"context"
	"errors"
)

// Release is the storage's part of a Delete of the client (or of its release, for an
// adopted one): when AWSCURRENT names this client and AWSPREVIOUS another client that is
// still live (the rollback of a replacement or heal), AWSCURRENT moves back to AWSPREVIOUS.
// Otherwise the storage is left as it is; it is never deleted (the template owns it). It
// reports whether it moved AWSCURRENT. Call it before deleting the client.
func (s *Store) Release(ctx context.Context, secretID, clientID string) (bool, error) {
	d, err := s.Secrets.DescribeSecret(ctx, secretID)
	if errors.Is(err, ErrNotFound) || (err == nil && d.Deleted) {
		return false, nil
	}
	if err != nil {
		return false, storageErr(err, "describe %s", secretID)
	}
	cur, curV, err := s.staged(ctx, secretID, d, Current)
	if err != nil || cur == nil || cur.ClientID != clientID {
		return false, nilIfForeign(err)
	}
	prev, prevV, err := s.staged(ctx, secretID, d, Previous)
	if err != nil || prev == nil || prev.ClientID == clientID {
		return false, nilIfForeign(err)
	}
	live, err := s.Cognito.ListClientSecrets(ctx, prev.UserPoolID, prev.ClientID)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	found := false
	for _, c := range live {
		found = found || c.ID == prev.ClientSecretID
	}
	if !found {
		return false, nil
	}
	if err := s.Secrets.UpdateSecretVersionStage(ctx, secretID, Current, prevV, curV); err != nil {
		return false, writeErr(secretID, err)
	}
	s.log().InfoContext(ctx, "moved AWSCURRENT back to the client the deleted one replaced",
		"secretArn", d.ARN, "clientId", clientID, "previousClientId", prev.ClientID)
	return true, nil
}

// nilIfForeign drops the error of a version that does not hold credentials: such storage is
// not this resource's to mend on a Delete.
func nilIfForeign(err error) error {
	if errors.Is(err, errNotCredentials) {
		return nil
	}
	return err
}
