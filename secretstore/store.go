package secretstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// Store keeps a client's credentials in a Secrets Manager secret and rotates its secret.
type Store struct {
	Cognito ClientSecrets
	Secrets SecretsManager
	// Region is the function's region; the storage secret must be in it. Empty skips that check.
	Region string
	// Log receives one line per decision (IDs only, never a value); nil discards.
	Log *slog.Logger
}

// Target names the storage and the client of one request.
type Target struct {
	// SecretID is SecretsManagerSecretId: the storage secret's ARN or name.
	SecretID string
	// RequestID is CloudFormation's RequestId; the versions' ClientRequestTokens derive from it.
	RequestID  string
	UserPoolID string
	// ClientID is the client; empty for a client that does not exist yet (Create,
	// replacement, heal).
	ClientID string
	// Replaced is the client a replacement or heal replaces: credentials of it in AWSCURRENT
	// count as this client's.
	Replaced string
	// Adopted is true when ExistingClientId names the client: errors about its secrets then
	// name that property too.
	Adopted bool
}

// Op says what one request does to the storage; see doc.go for the order of the calls.
type Op struct {
	// New: the client does not exist yet; Pending.Save stores its secret once it does.
	// Excludes the others.
	New bool
	// MoveFrom is the previous SecretsManagerSecretId, when it changed: its live versions are
	// copied, AWSPREVIOUS then AWSCURRENT. A previous secret that is gone or scheduled for
	// deletion is treated as Attach.
	MoveFrom string
	// Attach stores the client's one active secret (storage added, or an adopted client).
	Attach bool
	// Rotate: SecretSerial was raised.
	Rotate bool
	// Restore: SecretSerial was lowered.
	Restore bool
}

func (o Op) puts() bool { return o.New || o.MoveFrom != "" || o.Attach || o.Rotate }

// Pending is a checked request: Prepare has read and checked everything and written nothing.
type Pending struct {
	s    *Store
	t    Target
	op   Op
	arn  string
	desc Description
	done *Credentials

	live   []ClientSecret
	victim string        // rotation: the live secret to delete first
	moves  []Credentials // versions to copy, AWSPREVIOUS first
	attach bool          // attach still has something to store
}

// ARN is the storage secret's ARN, for the response's SecretArn.
func (p *Pending) ARN() string { return p.arn }

// Done returns what this request stored, when a delivery of the same request already
// carried it out: answer from it without writing again.
func (p *Pending) Done() (Credentials, bool) {
	if p.done == nil {
		return Credentials{}, false
	}
	return *p.done, true
}

func (s *Store) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return s.Log
}

// Prepare checks that the storage can safely take the credentials and decides every write,
// before any Cognito write: the secret exists, is not scheduled for deletion, is in the
// function's region, has no rotation of its own, can be read, and its AWSCURRENT holds this
// client (or the replaced one) or nothing. It also looks up this request's final version:
// when it exists, Done reports it and nothing else is decided.
func (s *Store) Prepare(ctx context.Context, t Target, op Op) (*Pending, error) {
	p := &Pending{s: s, t: t, op: op}
	desc, err := s.describe(ctx, t.SecretID)
	if err != nil {
		return nil, err
	}
	p.desc, p.arn = desc, desc.ARN

	if op.puts() {
		v, err := s.Secrets.GetSecretValue(ctx, t.SecretID, token(t.RequestID, finalStep))
		switch {
		case err == nil:
			c, derr := decode(v)
			if derr != nil {
				return nil, storageErr(derr, "version %s of %s (this request's) does not hold credentials", token(t.RequestID, finalStep), t.SecretID)
			}
			s.log().InfoContext(ctx, "request already carried out; answering from its stored version",
				"secretArn", p.arn, "clientId", c.ClientID, "clientSecretId", c.ClientSecretID)
			p.done = &c
			return p, nil
		case errors.Is(err, ErrNotFound):
		default:
			return nil, readErr(t.SecretID, err)
		}
	}

	current, _, err := s.staged(ctx, t.SecretID, desc, Current)
	if err != nil {
		return nil, err
	}
	if current != nil && !p.owns(current.ClientID) {
		return nil, storageErr(nil, "%s holds the credentials of client %s in AWSCURRENT; another resource stores there: give this client a secret of its own", t.SecretID, current.ClientID)
	}
	if op.New {
		return p, nil
	}
	if t.ClientID == "" {
		return nil, fmt.Errorf("secretstore: a client ID is needed for %+v", op)
	}
	if p.live, err = s.Cognito.ListClientSecrets(ctx, t.UserPoolID, t.ClientID); err != nil {
		return nil, fmt.Errorf("list client secrets of %s: %w", t.ClientID, err)
	}

	// effective is the ClientSecretId AWSCURRENT will name when the rotation starts.
	effective := ""
	if current != nil && current.ClientID == t.ClientID {
		effective = current.ClientSecretID
	}
	if op.MoveFrom != "" {
		moved, err := p.planMove(ctx)
		if err != nil {
			return nil, err
		}
		if moved {
			effective = p.moves[len(p.moves)-1].ClientSecretID
		} else {
			p.op.Attach = true
		}
	}
	if p.op.Attach {
		if current != nil && current.ClientID == t.ClientID && p.isLive(current.ClientSecretID) {
			s.log().InfoContext(ctx, "storage already holds a live secret of the client", "secretArn", p.arn, "clientId", t.ClientID)
		} else {
			if len(p.live) != 1 {
				return nil, p.countErr("the storage can only start from a client with exactly one active secret")
			}
			p.attach, effective = true, p.live[0].ID
		}
	}
	if op.Rotate {
		switch len(p.live) {
		case 0:
			return nil, p.countErr("a rotation needs a client with a secret")
		case 2:
			i := slices.IndexFunc(p.live, func(c ClientSecret) bool { return c.ID == effective })
			if i < 0 {
				return nil, &Error{Properties: []string{propSerial, propStorage}, Message: fmt.Sprintf(
					"AWSCURRENT of %s names neither of the client's two active secrets (%s); nothing was changed: delete the one no consumer uses (DeleteUserPoolClientSecret) and deploy again",
					t.SecretID, p.liveIDs())}
			}
			p.victim = p.live[1-i].ID
		}
	}
	return p, nil
}

func (p *Pending) owns(clientID string) bool {
	return clientID != "" && (clientID == p.t.ClientID || clientID == p.t.Replaced)
}

func (p *Pending) isLive(id string) bool {
	return slices.ContainsFunc(p.live, func(c ClientSecret) bool { return c.ID == id })
}

func (p *Pending) liveIDs() string {
	ids := make([]string, len(p.live))
	for i, c := range p.live {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func (p *Pending) countErr(what string) *Error {
	props := []string{propStorage}
	if p.t.Adopted {
		props = append(props, propExisting)
	}
	msg := fmt.Sprintf("%s; client %s has %d", what, p.t.ClientID, len(p.live))
	if len(p.live) > 0 {
		msg += " (" + p.liveIDs() + ")"
	}
	return &Error{Properties: props, Message: msg}
}

// planMove reads the previous storage and keeps its AWSPREVIOUS and AWSCURRENT versions
// that hold a live secret of this client. It reports false when there is nothing to copy.
func (p *Pending) planMove(ctx context.Context) (bool, error) {
	s, from := p.s, p.op.MoveFrom
	desc, err := s.Secrets.DescribeSecret(ctx, from)
	if errors.Is(err, ErrNotFound) || (err == nil && desc.Deleted) {
		s.log().WarnContext(ctx, "previous storage is gone; storing the client's secret afresh", "previousSecretId", from)
		return false, nil
	}
	if err != nil {
		return false, storageErr(err, "the previous secret %s cannot be described, so its versions cannot be copied", from)
	}
	for _, label := range []string{Previous, Current} {
		c, _, err := s.staged(ctx, from, desc, label)
		if errors.Is(err, errNotCredentials) {
			continue // not this resource's version: nothing to copy
		}
		if err != nil {
			return false, err
		}
		if c == nil || c.ClientID != p.t.ClientID || !p.isLive(c.ClientSecretID) {
			continue
		}
		if n := len(p.moves); n > 0 && p.moves[n-1].ClientSecretID == c.ClientSecretID {
			continue
		}
		p.moves = append(p.moves, *c)
	}
	return len(p.moves) > 0, nil
}

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
	desc := p.desc
	if len(p.moves) > 0 || p.attach {
		var err error
		if desc, err = s.describe(ctx, t.SecretID); err != nil {
			return Credentials{}, err
		}
	}
	cur, curV, err := s.staged(ctx, t.SecretID, desc, Current)
	if err != nil {
		return Credentials{}, err
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
