package cognitoapi

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesdk"
)

// The client-secret operations run in the same retry loop as the others: Add, List and
// Delete as Cognito documents them, throttling retried, not found classified, and an Add that
// failed ambiguously never tried again (a second Add could make a secret nobody can read).
func TestAdapterClientSecrets(t *testing.T) {
	f := fakesdk.New()
	a, _, _ := newTestAdapter(t, f)
	ctx := testCtx(t)
	c, err := a.Create(ctx, adapterProps(t), "web")
	require.NoError(t, err)
	pool := c.UserPoolID
	require.NotNil(t, c.Described)
	assert.Equal(t, HasSecret, *c.Described.ClientSecret, "the description holds no secret")

	live, err := a.ListClientSecrets(ctx, pool, c.ID)
	require.NoError(t, err)
	require.Len(t, live, 1)

	f.Fail = func(op string, n int) error {
		if op == fakesdk.OpAddSecret && n == 1 {
			return fakesdk.APIError(op, "TooManyRequestsException", "slow down", 400)
		}
		return nil
	}
	added, err := a.AddClientSecret(ctx, pool, c.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, f.Count(fakesdk.OpAddSecret), "throttling retried")
	assert.NotEmpty(t, added.Value.Reveal())
	assert.NotEqual(t, live[0].ID, added.ID)

	_, err = a.AddClientSecret(ctx, pool, c.ID)
	assert.ErrorContains(t, err, "at most two secrets per app client")

	require.NoError(t, a.DeleteClientSecret(ctx, pool, c.ID, live[0].ID))
	live, err = a.ListClientSecrets(ctx, pool, c.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{added.ID}, ids(live))

	_, err = a.ListClientSecrets(ctx, pool, "gone")
	assert.ErrorIs(t, err, ErrNotFound)

	f.Fail = nil
	f.FailAfter = func(op string, n int) error {
		if op == fakesdk.OpAddSecret {
			return fakesdk.APIError(op, "InternalErrorException", "boom", 500)
		}
		return nil
	}
	before := f.Count(fakesdk.OpAddSecret)
	_, err = a.AddClientSecret(ctx, pool, c.ID)
	assert.ErrorContains(t, err, "never returned")
	assert.Equal(t, before+1, f.Count(fakesdk.OpAddSecret), "an ambiguous Add is not tried again")
}

// Do runs another service's call in the same loop, naming it by its IAM action.
func TestRetrierDoNamesTheAction(t *testing.T) {
	s := &sleeper{clock: &fakeClock{now: time.Now()}}
	r := NewRetrier(nil, testPolicy(s))
	r.now = s.clock.Now
	tries := 0
	err := r.Do(context.Background(), "secretsmanager:PutSecretValue", func(context.Context) error {
		tries++
		if tries < 3 {
			return fakesdk.APIError("PutSecretValue", "ThrottlingException", "Rate exceeded", 400)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 3, tries)
	err = r.Do(context.Background(), "secretsmanager:PutSecretValue", func(context.Context) error {
		return fakesdk.APIError("PutSecretValue", "AccessDeniedException", "no", 400)
	})
	assert.ErrorContains(t, err, "not authorized to call secretsmanager:PutSecretValue")
	assert.False(t, errors.Is(err, ErrNotFound))
}

func ids(cs []ClientSecret) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
