package provider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/cognito-cfn/userpoolclient/secretstore"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The storage's part of the lifecycle (SecretsManagerSecretId, SecretSerial), carried out in
// the order secretstore's doc.go gives: Prepare reads and checks everything before any
// Cognito write, then the Cognito write, then Save (a new client) or Apply (the same client).

// store is the storage of one request, over the request's Cognito.
func (h *Handler) store(ctx context.Context, cog Cognito, log *slog.Logger) (*secretstore.Store, error) {
	if h.cfg.SecretsManager == nil {
		return nil, errors.New("SecretsManagerSecretId: this function has no Secrets Manager client configured")
	}
	sm, region, err := h.cfg.SecretsManager(ctx)
	if err != nil {
		return nil, fmt.Errorf("secrets manager client configuration: %w", err)
	}
	return &secretstore.Store{Cognito: cog, Secrets: sm, Region: region, Log: log}, nil
}

// target names the storage and the client of a request.
func target(e Event, p userpoolclient.Properties, clientID, replaced string) secretstore.Target {
	return secretstore.Target{SecretID: p.SecretsManagerSecretId, RequestID: e.RequestID, UserPoolID: p.UserPoolId,
		ClientID: clientID, Replaced: replaced, Adopted: p.ExistingClientId != ""}
}

// newStoredClient makes a client whose secret goes to the storage: the storage is checked
// first (nothing is made when it cannot take the credentials), and a request already carried
// out by an earlier delivery is answered from what that delivery stored. When the secret
// cannot be stored, a Create answers FAILED carrying the new client (the rollback Delete
// removes it) and a replacement or heal answers FAILED with the old ID (afterAnswer removes
// the new client).
func (h *Handler) newStoredClient(ctx context.Context, e Event, p userpoolclient.Properties, n, replaced string, log *slog.Logger) outcome {
	cog, err := h.cognito(ctx)
	if err != nil {
		return failure(err.Error())
	}
	store, err := h.store(ctx, cog, log)
	if err != nil {
		return failure(err.Error())
	}
	pending, err := store.Prepare(ctx, target(e, p, "", replaced), secretstore.Op{New: true})
	if err != nil {
		log.WarnContext(ctx, "storage cannot take the credentials; no client made", "error", err)
		return failure(err.Error())
	}
	if done, ok := pending.Done(); ok {
		return stored(Client{ID: done.ClientID, Name: n, UserPoolID: done.UserPoolID}, false, pending.ARN())
	}
	since := time.Now()
	c, err := h.createClient(ctx, p, n, log)
	if err != nil {
		return cutCreate(failure(err.Error()), err, p, n, since)
	}
	if _, err := pending.Save(ctx, c.ID, c.Secret); err != nil {
		log.ErrorContext(ctx, "could not store the new client's secret", "clientId", c.ID, "error", err)
		o := failure(fmt.Sprintf("store the secret of the new client %s: %v", c.ID, err))
		o.created = &c
		if e.RequestType == Create {
			o.client = &c
		}
		return o
	}
	return stored(c, true, pending.ARN())
}

// prepareInPlace checks the storage of an in-place Update and decides its writes; nil when
// the plan writes nothing to the storage.
func (h *Handler) prepareInPlace(ctx context.Context, cog Cognito, e Event, old, p userpoolclient.Properties, plan userpoolclient.UpdatePlan, log *slog.Logger) (*secretstore.Pending, error) {
	if p.SecretsManagerSecretId == "" {
		return nil, nil
	}
	op := secretstore.Op{Rotate: plan.Rotates(), Restore: plan.RollsBack()}
	switch plan.Storage {
	case userpoolclient.StorageAttach:
		op.Attach = true
	case userpoolclient.StorageMove:
		op.MoveFrom = old.SecretsManagerSecretId
	}
	if op == (secretstore.Op{}) {
		return nil, nil
	}
	store, err := h.store(ctx, cog, log)
	if err != nil {
		return nil, err
	}
	return store.Prepare(ctx, target(e, p, e.PhysicalResourceID, ""), op)
}

// clientGone reports whether err says the client itself is gone, as opposed to a refusal of
// the storage.
func clientGone(err error) bool {
	var se *secretstore.Error
	return errors.Is(err, ErrNotFound) && !errors.As(err, &se)
}

// storageARN is the ARN the answer's SecretArn carries when the storage is not written: the
// property itself when it is an ARN, else the secret's ARN as Secrets Manager describes it
// (one read).
func (h *Handler) storageARN(ctx context.Context, cog Cognito, secretID string, log *slog.Logger) (string, error) {
	if strings.HasPrefix(secretID, "arn:") {
		return secretID, nil
	}
	store, err := h.store(ctx, cog, log)
	if err != nil {
		return "", err
	}
	d, err := store.Secrets.DescribeSecret(ctx, secretID)
	if err != nil {
		return "", fmt.Errorf("SecretsManagerSecretId: describe %s: %w", secretID, err)
	}
	return d.ARN, nil
}

// release is the storage's part of a Delete: AWSCURRENT moves back to the client the deleted
// one replaced, when that one is live (secretstore's Release). It never deletes the storage.
func (h *Handler) release(ctx context.Context, cog Cognito, secretID, clientID string, log *slog.Logger) error {
	store, err := h.store(ctx, cog, log)
	if err != nil {
		return err
	}
	if _, err := store.Release(ctx, secretID, clientID); err != nil {
		log.ErrorContext(ctx, "could not release the storage; the client is kept", "clientId", clientID, "error", err)
		return fmt.Errorf("release the storage of client %s (the client is kept; a retry can finish): %w", clientID, err)
	}
	return nil
}

// mayHoldTwo reports whether a client without storage may hold two secrets: it had storage
// (rotations keep two) or it is, or was, adopted. Other clients have the one Cognito made.
func mayHoldTwo(old, p userpoolclient.Properties) bool {
	return old.SecretsManagerSecretId != "" || old.ExistingClientId != "" || p.ExistingClientId != ""
}

// withOneSecret keeps c's secret only when it is the client's one active secret: which of two
// DescribeUserPoolClient shows is undocumented, so none is returned then.
func withOneSecret(ctx context.Context, cog Cognito, c Client) (Client, error) {
	live, err := cog.ListClientSecrets(ctx, c.UserPoolID, c.ID)
	if err != nil {
		return Client{}, fmt.Errorf("list the secrets of client %s: %w", c.ID, err)
	}
	if len(live) != 1 {
		c.Secret = ""
	}
	return c, nil
}
