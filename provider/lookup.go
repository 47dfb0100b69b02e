package provider

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// lookup serves Custom::UserPoolClientLookup: Create and Update read an existing client and
// return the same attributes as Custom::UserPoolClient (ClientSecret only when the client has
// exactly one active secret); Delete changes nothing.
func (h *Handler) lookup(ctx context.Context, e Event, log *slog.Logger) outcome {
	switch e.RequestType {
	case Delete:
		return nothing()
	case Create, Update:
	default:
		return failure(fmt.Sprintf("unsupported request type %q: expected Create, Update or Delete", e.RequestType))
	}
	p, err := userpoolclient.DecodeLookup(e.ResourceProperties)
	if err != nil {
		return failure("invalid properties: " + err.Error())
	}
	cog, err := h.cfg.Cognito(ctx)
	if err != nil {
		return failure(fmt.Sprintf("cognito client configuration: %v", err))
	}
	id := p.ClientId
	if id == "" {
		ids, err := cog.FindByName(ctx, p.UserPoolId, p.ClientName)
		if err != nil {
			return failure(fmt.Sprintf("look up client %q in %s: %v", p.ClientName, p.UserPoolId, err))
		}
		if len(ids) != 1 {
			return failure(fmt.Sprintf("ClientName: %d clients named %q in %s; exactly one is needed (give ClientId instead)", len(ids), p.ClientName, p.UserPoolId))
		}
		id = ids[0]
	}
	log.InfoContext(ctx, "looking up client", "userPoolId", p.UserPoolId, "clientId", id)
	c, err := cog.Describe(ctx, p.UserPoolId, id)
	if err != nil {
		return failure(fmt.Sprintf("look up client %s in %s: %v", id, p.UserPoolId, err))
	}
	if c.Secret != "" {
		// ClientSecret only when the client has exactly one active secret.
		if c, err = withOneSecret(ctx, cog, c); err != nil {
			return failure(err.Error())
		}
	}
	return success(c, false)
}
