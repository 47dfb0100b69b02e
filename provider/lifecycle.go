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
	return h.newClient(ctx, p, name(p, e), log)
}

func (h *Handler) createClient(ctx context.Context, p userpoolclient.Properties, name string, log *slog.Logger) (Client, error) {
	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		return Client{}, fmt.Errorf("cognito client configuration: %w", err)
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

func (h *Handler) update(ctx context.Context, e Event, log *slog.Logger) outcome {
	p, err := userpoolclient.Decode(e.ResourceProperties)
	if err != nil {
		log.WarnContext(ctx, "invalid properties", "error", err)
		return failure("invalid properties: " + err.Error())
	}
	old := userpoolclient.DecodeLenient(e.OldResourceProperties)
	changed := userpoolclient.Diff(old, p)
	n := name(p, e)

	replace := ""
	switch {
	case !userpoolclient.IsClientID(e.PhysicalResourceID):
		replace = "the resource has no client yet"
	case userpoolclient.RequiresReplacement(old, p):
		replace = "UserPoolId or GenerateSecret changed"
	}
	if replace != "" {
		log.InfoContext(ctx, "replacing client", "reason", replace, "changed", changed)
		return h.newClient(ctx, p, n, log)
	}

	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		return failure(fmt.Sprintf("cognito client configuration: %v", err))
	}
	log.InfoContext(ctx, "updating client", "userPoolId", p.UserPoolId, "clientId", e.PhysicalResourceID, "changed", changed)
	c, err := cog.Update(ctx, e.PhysicalResourceID, p, n)
	if errors.Is(err, ErrNotFound) {
		log.WarnContext(ctx, "client no longer exists; creating a replacement with the desired configuration",
			"userPoolId", p.UserPoolId, "clientId", e.PhysicalResourceID)
		return h.newClient(ctx, p, n, log)
	}
	if err != nil {
		log.ErrorContext(ctx, "update failed", "clientId", e.PhysicalResourceID, "error", err)
		return failure(fmt.Sprintf("update user pool client %s: %v", e.PhysicalResourceID, err))
	}
	return success(c, false)
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
	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		return failure(fmt.Sprintf("cognito client configuration: %v", err))
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
