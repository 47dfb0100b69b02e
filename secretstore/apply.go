package secretstore

import (
	"context"
	"errors"
	"fmt"
)

// Apply carries out the writes of an in-place Update, after UpdateUserPoolClient: copy the
// previous storage's versions, attach, rotate (delete the secret AWSCURRENT does not name,
// add one, store it), or move AWSCURRENT back. described is the client's secret as Cognito
// describes it, used only to attach. It returns what AWSCURRENT holds at the end, when known.
func (p *Pending) Apply(ctx context.Context, described Secret) (Credentials, error) {
	if c, ok := p.Done(); ok {
		return c, nil
	}
	if p.op.New {
		return Credentials{}, errors.New("secretstore: Apply on a new client; use Save")
	}
	s, t := p.s, p.t
	var puts []string
	for i := range p.moves {
		puts = append(puts, fmt.Sprintf("move-%d", i))
	}
	if p.attach {
		puts = append(puts, "attach")
	}
	if p.op.Rotate {
		puts = append(puts, "rotate")
	}
	tokenOf := func(step string) string {
		if step == puts[len(puts)-1] {
			return token(t.RequestID, finalStep)
		}
		return token(t.RequestID, step)
	}

	var last Credentials
	for i, c := range p.moves {
		if err := s.Secrets.PutSecretValue(ctx, t.SecretID, tokenOf(fmt.Sprintf("move-%d", i)), c.encode()); err != nil {
			return Credentials{}, writeErr(t.SecretID, err)
		}
		last = c
	}
	if len(p.moves) > 0 {
		s.log().InfoContext(ctx, "copied live versions from the previous storage", "previousSecretId", p.op.MoveFrom, "secretArn", p.arn, "versions", len(p.moves))
	}
	if p.attach {
		if described == "" {
			return Credentials{}, p.countErr("Cognito did not describe the client's secret")
		}
		c := Credentials{UserPoolID: t.UserPoolID, ClientID: t.ClientID, ClientSecret: described, ClientSecretID: p.live[0].ID}
		if err := s.Secrets.PutSecretValue(ctx, t.SecretID, tokenOf("attach"), c.encode()); err != nil {
			return Credentials{}, writeErr(t.SecretID, err)
		}
		s.log().InfoContext(ctx, "stored the client's secret", "secretArn", p.arn, "clientId", t.ClientID, "clientSecretId", c.ClientSecretID)
		last = c
	}
	if p.op.Rotate {
		return p.rotate(ctx, tokenOf("rotate"))
	}
	if p.op.Restore {
		return p.restore(ctx)
	}
	return last, nil
}

func (p *Pending) rotate(ctx context.Context, tok string) (Credentials, error) {
	s, t := p.s, p.t
	if p.victim != "" {
		s.log().InfoContext(ctx, "deleting the secret AWSCURRENT does not name", "clientId", t.ClientID, "clientSecretId", p.victim)
		if err := s.Cognito.DeleteClientSecret(ctx, t.UserPoolID, t.ClientID, p.victim); err != nil && !errors.Is(err, ErrNotFound) {
			return Credentials{}, fmt.Errorf("delete client secret %s of %s: %w", p.victim, t.ClientID, err)
		}
	}
	added, err := s.Cognito.AddClientSecret(ctx, t.UserPoolID, t.ClientID)
	if err != nil {
		return Credentials{}, fmt.Errorf("add client secret to %s: %w", t.ClientID, err)
	}
	c := Credentials{UserPoolID: t.UserPoolID, ClientID: t.ClientID, ClientSecret: added.Value, ClientSecretID: added.ID}
	if err := s.Secrets.PutSecretValue(ctx, t.SecretID, tok, c.encode()); err != nil {
		// Undo the Add, so that Cognito and the storage agree: AWSCURRENT still names a live
		// secret, and the client holds no secret nobody can read.
		werr := writeErr(t.SecretID, err)
		if derr := s.Cognito.DeleteClientSecret(ctx, t.UserPoolID, t.ClientID, added.ID); derr != nil && !errors.Is(derr, ErrNotFound) {
			s.log().ErrorContext(ctx, "could not delete the secret the storage refused", "clientId", t.ClientID, "clientSecretId", added.ID, "error", derr)
			werr.Message += fmt.Sprintf("; the new client secret %s could not be deleted (%v): delete it with DeleteUserPoolClientSecret", added.ID, derr)
		} else {
			werr.Message += fmt.Sprintf("; the new client secret %s was deleted again", added.ID)
		}
		return Credentials{}, werr
	}
	s.log().InfoContext(ctx, "rotated the client secret", "secretArn", p.arn, "clientId", t.ClientID, "clientSecretId", added.ID)
	return c, nil
}

// restore moves AWSCURRENT back to AWSPREVIOUS when AWSPREVIOUS holds the client's other
// live secret and that secret is the older one (so a second delivery changes nothing). It
// never deletes a secret.
func (p *Pending) restore(ctx context.Context) (Credentials, error) {
	s, t := p.s, p.t
	desc, cur, curV := p.desc, p.current, p.currentVersion
	if len(p.moves) > 0 || p.attach {
		// This request wrote the storage first: read the stages as they are now.
		var err error
		if desc, err = s.describe(ctx, t.SecretID); err != nil {
			return Credentials{}, err
		}
		if cur, curV, err = s.staged(ctx, t.SecretID, desc, Current); err != nil {
			return Credentials{}, err
		}
	}
	prev, prevV, err := s.staged(ctx, t.SecretID, desc, Previous)
	if err != nil {
		return Credentials{}, err
	}
	keep := func(why string) (Credentials, error) {
		s.log().InfoContext(ctx, "serial lowered; AWSCURRENT stays", "secretArn", p.arn, "clientId", t.ClientID, "reason", why)
		if cur == nil {
			return Credentials{}, nil
		}
		return *cur, nil
	}
	switch {
	case cur == nil || prev == nil:
		return keep("no previous version")
	case cur.ClientID != t.ClientID || prev.ClientID != t.ClientID:
		return keep("the versions are not all this client's")
	case cur.ClientSecretID == prev.ClientSecretID:
		return keep("AWSPREVIOUS holds the same secret")
	case !p.isLive(prev.ClientSecretID):
		return keep("AWSPREVIOUS names a secret that is no longer active")
	}
	curS, prevS := p.find(cur.ClientSecretID), p.find(prev.ClientSecretID)
	if !curS.Created.IsZero() && !prevS.Created.IsZero() && !prevS.Created.Before(curS.Created) {
		return keep("AWSCURRENT already names the older secret")
	}
	if err := s.Secrets.UpdateSecretVersionStage(ctx, t.SecretID, Current, prevV, curV); err != nil {
		return Credentials{}, writeErr(t.SecretID, err)
	}
	s.log().InfoContext(ctx, "moved AWSCURRENT back to the previous secret", "secretArn", p.arn, "clientId", t.ClientID, "clientSecretId", prev.ClientSecretID)
	return *prev, nil
}

func (p *Pending) find(id string) ClientSecret {
	for _, c := range p.live {
		if c.ID == id {
			return c
		}
	}
	return ClientSecret{}
}
