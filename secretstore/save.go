package secretstore

import (
	"context"
	"fmt"
)

// Save stores the secret of a client made after Prepare (Create, replacement, heal): its
// ID comes from ListClientSecrets. A failure leaves the client to the caller, who answers
// FAILED with it (Create) or deletes it (replacement).
func (p *Pending) Save(ctx context.Context, clientID string, value Secret) (Credentials, error) {
	if c, ok := p.Done(); ok {
		return c, nil
	}
	s, t := p.s, p.t
	if value == "" {
		return Credentials{}, storageErr(nil, "client %s has no secret to store", clientID)
	}
	live, err := s.Cognito.ListClientSecrets(ctx, t.UserPoolID, clientID)
	if err != nil {
		return Credentials{}, fmt.Errorf("list client secrets of %s: %w", clientID, err)
	}
	if len(live) != 1 {
		return Credentials{}, storageErr(nil, "the new client %s has %d active secrets, expected 1", clientID, len(live))
	}
	c := Credentials{UserPoolID: t.UserPoolID, ClientID: clientID, ClientSecret: value, ClientSecretID: live[0].ID}
	if err := s.Secrets.PutSecretValue(ctx, t.SecretID, token(t.RequestID, finalStep), c.encode()); err != nil {
		return Credentials{}, writeErr(t.SecretID, err)
	}
	s.log().InfoContext(ctx, "stored the new client's secret", "secretArn", p.arn, "clientId", clientID, "clientSecretId", c.ClientSecretID)
	return c, nil
}
