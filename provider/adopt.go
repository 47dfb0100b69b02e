package provider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/cognito-cfn/userpoolclient/secretstore"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// adopt serves ExistingClientId: a Create, or an Update that names another client. It
// describes the client, compares it with the desired properties (userpoolclient.Differences)
// and writes nothing to it; any difference is FAILED listing every one, so the template can
// be made to match. With storage, the client's one active secret is stored. replaced is the
// client an Update adopted before (its credentials in the storage count as this client's).
func (h *Handler) adopt(ctx context.Context, e Event, p userpoolclient.Properties, replaced string, log *slog.Logger) outcome {
	id := p.ExistingClientId
	cog, err := h.cognito(ctx)
	if err != nil {
		return failure(err.Error())
	}
	log.InfoContext(ctx, "adopting client", "userPoolId", p.UserPoolId, "clientId", id)
	c, err := cog.Describe(ctx, p.UserPoolId, id)
	if errors.Is(err, ErrNotFound) {
		return failure(fmt.Sprintf("ExistingClientId: client %s does not exist in user pool %s (a client of another pool cannot be adopted); nothing was changed", id, p.UserPoolId))
	}
	if err != nil {
		return failure(fmt.Sprintf("ExistingClientId: describe client %s: %v", id, err))
	}
	if c.Described == nil {
		return failure(fmt.Sprintf("ExistingClientId: Cognito did not describe client %s; nothing was changed", id))
	}
	if diffs := p.Differences(c.Described); len(diffs) > 0 {
		list := make([]string, len(diffs))
		for i, d := range diffs {
			list[i] = d.String()
		}
		log.WarnContext(ctx, "the template does not describe the client to adopt; nothing was changed", "clientId", id, "differences", list)
		return failure(fmt.Sprintf("ExistingClientId: the template does not describe client %s, nothing was changed; make the template match: %v",
			id, userpoolclient.AdoptionError(diffs)))
	}
	if p.SecretsManagerSecretId != "" {
		store, err := h.store(ctx, cog, log)
		if err != nil {
			return failure(err.Error())
		}
		pending, err := store.Prepare(ctx, target(e, p, id, replaced), secretstore.Op{Attach: true})
		if err != nil {
			return failure(err.Error())
		}
		if _, err := pending.Apply(ctx, c.Secret); err != nil {
			return failure(fmt.Sprintf("store the secret of the adopted client %s: %v", id, err))
		}
		log.InfoContext(ctx, "adopted client", "clientId", id, "secretArn", pending.ARN())
		return stored(c, false, pending.ARN())
	}
	if c.Secret != "" {
		if c, err = withOneSecret(ctx, cog, c); err != nil {
			return failure(err.Error())
		}
	}
	log.InfoContext(ctx, "adopted client", "clientId", id)
	return success(c, false)
}
