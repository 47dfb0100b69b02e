package cognitoapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ClockSkew is how much earlier than the start of a call Cognito may date a client the call
// made. Lambda's and Cognito's clocks are both kept by AWS; a few seconds cover what is left,
// and the window stays short so that a namesake made just before is not taken for it.
const ClockSkew = 5 * time.Second

// Finder is what MadeSince reads: the adapter, and any Cognito of the lifecycle, has it.
type Finder interface {
	FindByName(ctx context.Context, userPoolID, name string) ([]string, error)
	Describe(ctx context.Context, userPoolID, clientID string) (Client, error)
}

// MadeSince is the one query of the orphan policy: the clients of the pool that carry name
// and were made no earlier than since less ClockSkew. A client Cognito reports no creation
// date for (moto) counts as made since; one deleted while it is read is left out.
//
// The policy its callers follow: a call that may have made a client without learning its
// ID (a CreateUserPoolClient that failed ambiguously, or was cut by the deadline) asks
// MadeSince with the call's start. Exactly one client found is the call's client. None means
// the call made nothing. Several mean it cannot be told which, if any, is the call's: none of
// them is touched, and the caller names them (see provider's orphans.go).
func MadeSince(ctx context.Context, c Finder, userPoolID, name string, since time.Time) ([]Client, error) {
	ids, err := c.FindByName(ctx, userPoolID, name)
	if err != nil {
		return nil, err
	}
	var made []Client
	for _, id := range ids {
		client, err := c.Describe(ctx, userPoolID, id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if client.Created.IsZero() || !client.Created.Before(since.Add(-ClockSkew)) {
			made = append(made, client)
		}
	}
	return made, nil
}

// severalMadeError ends the retries of a Create that failed ambiguously when several new
// clients carry its name: which one it made, if any, cannot be told, and another try would
// add one more.
type severalMadeError struct{ clients []Client }

func (e *severalMadeError) Error() string {
	ids := make([]string, len(e.clients))
	for i, c := range e.clients {
		ids[i] = c.ID
	}
	return fmt.Sprintf("%d clients of this name were made since the call started (%s); which one it made, if any, cannot be told: check them by hand", len(ids), strings.Join(ids, ", "))
}
