package provider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// run decides what the request means and does it. Each request type first decodes and
// validates its properties (userpoolclient.Decode; a Delete reads them leniently, for it must
// not fail on properties a later version rejects), then decides (create, update in place,
// replace, heal, delete, or nothing) and acts through Cognito. The outcome names the client
// the answer carries, or none (answer.go chooses the PhysicalResourceId).
func (h *Handler) run(ctx context.Context, e Event, log *slog.Logger) outcome {
	if e.ResourceType == LookupResourceType {
		return h.lookup(ctx, e, log)
	}
	switch e.RequestType {
	case Create:
		return h.create(ctx, e, log)
	case Update:
		return h.update(ctx, e, log)
	case Delete:
		return h.delete(ctx, e, log)
	}
	return failure(fmt.Sprintf("unsupported request type %q: expected Create, Update or Delete", e.RequestType))
}

// name is the client's name: ClientName, or one made from the stack and logical ID.
func name(p userpoolclient.Properties, e Event) string {
	if p.ClientName != "" {
		return p.ClientName
	}
	return userpoolclient.DefaultClientName(e.StackID, e.LogicalResourceID)
}

func (h *Handler) create(ctx context.Context, e Event, log *slog.Logger) outcome {
	p, err := userpoolclient.Decode(e.ResourceProperties)
	if err != nil {
		log.WarnContext(ctx, "invalid properties", "error", err)
		return failure("invalid properties: " + err.Error())
	}
	if p.ExistingClientId != "" {
		return h.adopt(ctx, e, p, "", log)
	}
	return h.replace(ctx, e, p, name(p, e), "", log)
}

// cognito is the configured Cognito, its failure worded for the answer.
func (h *Handler) cognito(ctx context.Context) (Cognito, error) {
	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		return nil, fmt.Errorf("cognito client configuration: %w", err)
	}
	return cog, nil
}

func (h *Handler) createClient(ctx context.Context, p userpoolclient.Properties, name string, log *slog.Logger) (Client, error) {
	cog, err := h.cognito(ctx)
	if err != nil {
		return Client{}, err
	}
	log.InfoContext(ctx, "creating client", "userPoolId", p.UserPoolId, "clientName", name)
	c, err := cog.Create(ctx, p, name)
	if err != nil {
		log.ErrorContext(ctx, "create failed", "userPoolId", p.UserPoolId, "error", err)
		return Client{}, fmt.Errorf("create user pool client in %s: %w", p.UserPoolId, err)
	}
	log.InfoContext(ctx, "created client", "userPoolId", c.UserPoolID, "clientId", c.ID)
	return c, nil
}

// update carries out userpoolclient.PlanUpdate: adopt another client, replace, or update in
// place (which heals a client that is gone).
func (h *Handler) update(ctx context.Context, e Event, log *slog.Logger) outcome {
	p, err := userpoolclient.Decode(e.ResourceProperties)
	if err != nil {
		log.WarnContext(ctx, "invalid properties", "error", err)
		return failure("invalid properties: " + err.Error())
	}
	old := userpoolclient.DecodeLenient(e.OldResourceProperties)
	plan, err := userpoolclient.PlanUpdate(old, p, e.PhysicalResourceID)
	if err != nil {
		log.WarnContext(ctx, "update refused", "error", err)
		return failure("update refused, nothing was changed: " + err.Error())
	}
	switch plan.Action {
	case userpoolclient.AdoptOther:
		log.InfoContext(ctx, "adopting another client", "reason", plan.Reason, "changed", plan.Changed)
		return h.adopt(ctx, e, p, e.PhysicalResourceID, log)
	case userpoolclient.ReplaceClient:
		log.InfoContext(ctx, "replacing client", "reason", plan.Reason, "changed", plan.Changed)
		return h.replace(ctx, e, p, name(p, e), e.PhysicalResourceID, log)
	}
	return h.updateInPlace(ctx, e, old, p, plan, log)
}

// updateInPlace sends the whole desired configuration to the same client, with the storage's
// part of the plan around it: checked before (Prepare), carried out after (Apply).
func (h *Handler) updateInPlace(ctx context.Context, e Event, old, p userpoolclient.Properties, plan userpoolclient.UpdatePlan, log *slog.Logger) outcome {
	id := e.PhysicalResourceID
	cog, err := h.cognito(ctx)
	if err != nil {
		return failure(err.Error())
	}
	n := name(p, e)
	if p.NameFromClient() {
		// An adopted client keeps its own name when the template gives none.
		c, err := cog.Describe(ctx, p.UserPoolId, id)
		if errors.Is(err, ErrNotFound) {
			return h.heal(ctx, e, p, n, log)
		}
		if err != nil {
			return failure(fmt.Sprintf("describe user pool client %s: %v", id, err))
		}
		n = c.Name
	}
	pending, err := h.prepareInPlace(ctx, cog, e, old, p, plan, log)
	if clientGone(err) {
		return h.heal(ctx, e, p, n, log)
	}
	if err != nil {
		return failure(err.Error())
	}
	log.InfoContext(ctx, "updating client", "userPoolId", p.UserPoolId, "clientId", id, "changed", plan.Changed,
		"storage", plan.Storage.String(), "serial", plan.Serial.String(), "handOver", plan.HandOver)
	c, err := cog.Update(ctx, id, p, n)
	if errors.Is(err, ErrNotFound) {
		return h.heal(ctx, e, p, n, log)
	}
	if err != nil {
		log.ErrorContext(ctx, "update failed", "clientId", id, "error", err)
		return failure(fmt.Sprintf("update user pool client %s: %v", id, err))
	}
	if plan.HandOver {
		log.InfoContext(ctx, "the stack now owns the adopted client; a delete will delete it", "clientId", id)
	}
	switch {
	case pending != nil:
		if _, err := pending.Apply(ctx, c.Secret); err != nil {
			log.ErrorContext(ctx, "storage update failed", "clientId", id, "error", err)
			return failure(fmt.Sprintf("update the storage of client %s: %v", id, err))
		}
		return stored(c, false, pending.ARN())
	case p.SecretsManagerSecretId != "":
		arn, err := h.storageARN(ctx, cog, p.SecretsManagerSecretId, log)
		if err != nil {
			return failure(err.Error())
		}
		return stored(c, false, arn)
	case c.Secret != "" && mayHoldTwo(old, p):
		if c, err = withOneSecret(ctx, cog, c); err != nil {
			return failure(err.Error())
		}
	}
	return success(c, false)
}

// heal answers an in-place Update of a client that is gone: a new client with the desired
// configuration and a new ID, never for an adopted client.
func (h *Handler) heal(ctx context.Context, e Event, p userpoolclient.Properties, n string, log *slog.Logger) outcome {
	if err := p.CheckReplaceable("the client no longer exists"); err != nil {
		log.ErrorContext(ctx, "adopted client is gone; not replacing it", "userPoolId", p.UserPoolId, "clientId", e.PhysicalResourceID)
		return failure("update refused, nothing was changed: " + err.Error())
	}
	log.WarnContext(ctx, "client no longer exists; creating a replacement with the desired configuration",
		"userPoolId", p.UserPoolId, "clientId", e.PhysicalResourceID)
	return h.replace(ctx, e, p, n, e.PhysicalResourceID, log)
}

// replace makes a new client for a Create, a replacement or a heal (replaced names the
// client it replaces, or nothing for a Create), storing its secret when the properties ask.
func (h *Handler) replace(ctx context.Context, e Event, p userpoolclient.Properties, n, replaced string, log *slog.Logger) outcome {
	if p.SecretsManagerSecretId != "" {
		return h.newStoredClient(ctx, e, p, n, replaced, log)
	}
	return h.newClient(ctx, p, n, log)
}

// newClient makes a client and answers with its ID; on failure the answer names no client
// (physicalID keeps the failed-Create marker, or the old client's ID for a replacement). A
// replacement never touches the old client: CloudFormation deletes it after the stack update
// succeeds.
func (h *Handler) newClient(ctx context.Context, p userpoolclient.Properties, name string, log *slog.Logger) outcome {
	since := time.Now()
	c, err := h.createClient(ctx, p, name, log)
	if err != nil {
		return cutCreate(failure(err.Error()), err, p, name, since)
	}
	return success(c, true)
}

// delete deletes the client, or releases it when the properties adopt it; with storage, the
// storage's part (secretstore's Release) comes first, so that a failure keeps the client and
// a retry can finish.
func (h *Handler) delete(ctx context.Context, e Event, log *slog.Logger) outcome {
	id := e.PhysicalResourceID
	if !userpoolclient.IsClientID(id) {
		log.InfoContext(ctx, "nothing to delete: the physical id is not a client id")
		return nothing()
	}
	p := userpoolclient.DecodeLenient(e.ResourceProperties)
	if !userpoolclient.IsUserPoolID(p.UserPoolId) {
		log.InfoContext(ctx, "nothing to delete: the properties name no valid user pool", "userPoolId", p.UserPoolId)
		return nothing()
	}
	cog, err := h.cognito(ctx)
	if err != nil {
		return failure(err.Error())
	}
	if p.SecretsManagerSecretId != "" {
		if err := h.release(ctx, cog, p.SecretsManagerSecretId, id, log); err != nil {
			return failure(err.Error())
		}
	}
	if p.Releases(id) {
		log.InfoContext(ctx, "releasing adopted client; it is not deleted", "userPoolId", p.UserPoolId, "clientId", id)
		return nothing()
	}
	log.InfoContext(ctx, "deleting client", "userPoolId", p.UserPoolId, "clientId", id)
	err = cog.Delete(ctx, p.UserPoolId, id)
	if errors.Is(err, ErrNotFound) {
		log.InfoContext(ctx, "client or pool already gone", "userPoolId", p.UserPoolId, "clientId", id)
		return nothing()
	}
	if err != nil {
		log.ErrorContext(ctx, "delete failed", "clientId", id, "error", err)
		return failure(fmt.Sprintf("delete user pool client %s: %v", id, err))
	}
	return nothing()
}
