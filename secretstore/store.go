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

	// current and currentVersion are AWSCURRENT as Prepare read it (nil, "" when no version
	// carries it): what a roll back moves from, unless the request writes the storage first.
	current        *Credentials
	currentVersion string

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
// client (or the replaced one), a client that no longer exists, or nothing. It also looks up this request's final version:
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

	current, currentVersion, err := s.staged(ctx, t.SecretID, desc, Current)
	if err != nil {
		return nil, err
	}
	p.current, p.currentVersion = current, currentVersion
	if current != nil && !p.owns(current.ClientID) {
		// Credentials of a client that no longer exists belong to no one (a first deploy that
		// failed and was rolled back leaves them in a secret the template keeps): take over.
		_, err := s.Cognito.ListClientSecrets(ctx, current.UserPoolID, current.ClientID)
		if !errors.Is(err, ErrNotFound) {
			return nil, storageErr(nil, "%s holds the credentials of client %s in AWSCURRENT; another resource stores there: give this client a secret of its own", t.SecretID, current.ClientID)
		}
		s.log().InfoContext(ctx, "storage holds the credentials of a client that no longer exists; storing over them",
			"secretArn", p.arn, "previousClientId", current.ClientID)
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
