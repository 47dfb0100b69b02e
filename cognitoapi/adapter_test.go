package cognitoapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesdk"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// sleeper records the delays the adapter waits, without waiting, and moves clock on.
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
	clock  *fakeClock
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	if s.clock != nil {
		s.clock.advance(d)
	}
	return nil
}

func (s *sleeper) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.delays)
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testPolicy retries with tiny, recorded delays.
func testPolicy(s *sleeper) RetryPolicy {
	return RetryPolicy{Base: time.Millisecond, Max: 8 * time.Millisecond, ServerErrors: 2, PropagationWindow: 100 * time.Millisecond, Sleep: s.sleep}
}

// newTestAdapter returns the adapter over api with a clock that the sleeper moves.
func newTestAdapter(t *testing.T, api API) (*Adapter, *sleeper, *localrun.LogBuffer) {
	log, logs := fixture.NewLogger()
	s := &sleeper{clock: &fakeClock{now: time.Now()}}
	a := New(api, log, testPolicy(s))
	a.now = s.clock.Now
	t.Cleanup(func() { fixture.AssertLogsClean(t, logs.String(), nil) })
	return a, s, logs
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func adapterProps(t *testing.T) userpoolclient.Properties {
	return fixture.Decoded(t, fixture.Props{
		"UserPoolId": fixture.Pool, "ClientName": "web-client", "GenerateSecret": "true",
		"CallbackURLs": []string{"https://app.example.com/cb"},
	})
}

// calls invokes one adapter method; every method is driven by the same table tests.
var calls = map[string]struct {
	op   string
	call func(ctx context.Context, a *Adapter, f *fakesdk.API) error
}{
	"Create": {op: fakesdk.OpCreate, call: func(ctx context.Context, a *Adapter, _ *fakesdk.API) error {
		_, err := a.Create(ctx, userpoolclient.Properties{UserPoolId: fixture.Pool}, "web-client")
		return err
	}},
	"Update": {op: fakesdk.OpUpdate, call: func(ctx context.Context, a *Adapter, f *fakesdk.API) error {
		c := f.Seed(fixture.Pool, "web-client", time.Now())
		_, err := a.Update(ctx, *c.ClientId, userpoolclient.Properties{UserPoolId: fixture.Pool}, "renamed")
		return err
	}},
	"Delete": {op: fakesdk.OpDelete, call: func(ctx context.Context, a *Adapter, f *fakesdk.API) error {
		c := f.Seed(fixture.Pool, "web-client", time.Now())
		return a.Delete(ctx, fixture.Pool, *c.ClientId)
	}},
	"Describe": {op: fakesdk.OpDescribe, call: func(ctx context.Context, a *Adapter, f *fakesdk.API) error {
		c := f.Seed(fixture.Pool, "web-client", time.Now())
		_, err := a.Describe(ctx, fixture.Pool, *c.ClientId)
		return err
	}},
	"FindByName": {op: fakesdk.OpList, call: func(ctx context.Context, a *Adapter, _ *fakesdk.API) error {
		_, err := a.FindByName(ctx, fixture.Pool, "web-client")
		return err
	}},
}

func TestAdapterHappyPath(t *testing.T) {
	f := fakesdk.New()
	a, s, _ := newTestAdapter(t, f)
	ctx := testCtx(t)
	p := adapterProps(t)

	c, err := a.Create(ctx, p, "web-client")
	require.NoError(t, err)
	assert.Equal(t, "web-client", c.Name)
	assert.Equal(t, fixture.Pool, c.UserPoolID)
	assert.Equal(t, "sdksecret0001", c.Secret.Reveal())
	require.Len(t, f.Creates(), 1)
	assert.Equal(t, p.CreateInput("web-client"), f.Creates()[0], "the whole desired configuration")

	u, err := a.Update(ctx, c.ID, p, "renamed")
	require.NoError(t, err)
	assert.Equal(t, "renamed", u.Name)
	assert.Equal(t, c.Secret, u.Secret)
	require.Len(t, f.Updates(), 1)
	assert.Equal(t, p.UpdateInput(c.ID, "renamed"), f.Updates()[0])

	d, err := a.Describe(ctx, fixture.Pool, c.ID)
	require.NoError(t, err)
	assert.Equal(t, u, d)

	ids, err := a.FindByName(ctx, fixture.Pool, "renamed")
	require.NoError(t, err)
	assert.Equal(t, []string{c.ID}, ids)

	require.NoError(t, a.Delete(ctx, fixture.Pool, c.ID))
	assert.Empty(t, f.IDs())
	for _, op := range []string{fakesdk.OpCreate, fakesdk.OpUpdate, fakesdk.OpDescribe, fakesdk.OpList, fakesdk.OpDelete} {
		assert.Equal(t, 1, f.Count(op), "one call of %s on the happy path", op)
	}
	assert.Empty(t, s.recorded(), "no wait")
}

func TestAdapterRetriesTransientErrors(t *testing.T) {
	tests := map[string]struct {
		code, message string
		status        int
		failures      int
	}{
		"TooManyRequests ×3":        {code: "TooManyRequestsException", message: "Too many requests", status: 400, failures: 3},
		"ThrottlingException":       {code: "ThrottlingException", message: "Rate exceeded", status: 400, failures: 2},
		"ConcurrentModification ×2": {code: "ConcurrentModificationException", message: "Concurrent modification", status: 400, failures: 2},
		"InternalError once":        {code: "InternalErrorException", message: "Internal error", status: 500, failures: 1},
		"ServiceUnavailable twice":  {code: "ServiceUnavailable", message: "unavailable", status: 503, failures: 2},
	}
	for name, tt := range tests {
		for method, m := range calls {
			t.Run(name+"/"+method, func(t *testing.T) {
				f := fakesdk.New()
				f.Fail = func(op string, n int) error {
					if op == m.op && n <= tt.failures {
						return fakesdk.APIError(op, tt.code, tt.message, tt.status)
					}
					return nil
				}
				a, s, _ := newTestAdapter(t, f)
				require.NoError(t, m.call(testCtx(t), a, f))
				assert.Equal(t, tt.failures+1, f.Count(m.op))
				assert.Len(t, s.recorded(), tt.failures, "one wait before each retry")
			})
		}
	}
}

func TestAdapterThrottledToTheDeadline(t *testing.T) {
	for method, m := range calls {
		t.Run(method, func(t *testing.T) {
			f := fakesdk.New()
			f.Fail = func(op string, _ int) error {
				if op == m.op {
					return fakesdk.APIError(op, "TooManyRequestsException", "Too many requests", 400)
				}
				return nil
			}
			// The deadline, not a retry count, ends the loop; it is a second away on the
			// adapter's clock, which only the recorded waits move, and an hour away for the
			// context itself, so the machine's speed decides nothing.
			a, s, _ := newTestAdapter(t, f)
			a.retry.Base, a.retry.Max = 5*time.Millisecond, 20*time.Millisecond
			deadline := time.Now().Add(time.Hour)
			s.clock.now = deadline.Add(-time.Second)
			ctx, cancel := context.WithDeadline(context.Background(), deadline)
			defer cancel()
			err := m.call(ctx, a, f)
			require.Error(t, err)
			assert.NoError(t, ctx.Err())
			assert.Contains(t, err.Error(), "throttled")
			assert.Contains(t, err.Error(), "cognito-idp:"+m.op)
			assert.False(t, a.now().After(deadline.Add(-attemptReserve)), "waited no further than the deadline less the reserve")
			var waited time.Duration
			for _, d := range s.recorded() {
				waited += d
			}
			// Every wait is at most Max: the loop stops only when the next wait and an
			// attempt no longer fit before the deadline less the reserve.
			assert.Greater(t, waited, time.Second-attemptReserve-minAttempt-2*a.retry.Max, "retried while time was left")
			assert.Equal(t, len(s.recorded())+1, f.Count(m.op), "one attempt after each wait")
		})
	}
}

func TestAdapterServerErrorsBounded(t *testing.T) {
	tests := map[string]func(op string) error{
		"InternalErrorException 500": func(op string) error { return fakesdk.APIError(op, "InternalErrorException", "Internal error", 500) },
		"unknown code with 502":      func(op string) error { return fakesdk.APIError(op, "BadGateway", "bad gateway", 502) },
		"connection reset":           fakesdk.NetworkError,
	}
	for name, mk := range tests {
		for method, m := range calls {
			t.Run(name+"/"+method, func(t *testing.T) {
				f := fakesdk.New()
				f.Fail = func(op string, _ int) error {
					if op == m.op {
						return mk(op)
					}
					return nil
				}
				a, _, _ := newTestAdapter(t, f)
				err := m.call(testCtx(t), a, f)
				require.Error(t, err)
				assert.Equal(t, a.retry.ServerErrors+1, f.Count(m.op), "ServerErrors retries, then the error")
				assert.Contains(t, err.Error(), "cognito-idp:"+m.op)
			})
		}
	}
}

func TestAdapterFatalErrorsNotRetried(t *testing.T) {
	tests := map[string]struct {
		err  func(op string) error
		want []string
		is   error
	}{
		"LimitExceeded": {
			err:  func(op string) error { return fakesdk.APIError(op, "LimitExceededException", "Limit exceeded", 400) },
			want: []string{"1,000", "quota", "LimitExceededException"},
		},
		"InvalidParameter": {
			err: func(op string) error {
				return fakesdk.APIError(op, "InvalidParameterException", "Callback URL must be absolute", 400)
			},
			want: []string{"Callback URL must be absolute"},
		},
		"InvalidOAuthFlow": {
			err: func(op string) error {
				return fakesdk.APIError(op, "InvalidOAuthFlowException", "client_credentials needs a secret", 400)
			},
			want: []string{"client_credentials needs a secret"},
		},
		"NotAuthorized": {
			err:  func(op string) error { return fakesdk.APIError(op, "NotAuthorizedException", "denied", 400) },
			want: []string{"not authorized to call cognito-idp:"},
		},
		"AccessDenied": {
			err: func(op string) error {
				return fakesdk.APIError(op, "AccessDeniedException", "User is not authorized", 400)
			},
			want: []string{"not authorized to call cognito-idp:"},
		},
		"ResourceNotFound": {
			err: func(op string) error {
				return fakesdk.APIError(op, "ResourceNotFoundException", "User pool does not exist", 400)
			},
			want: []string{"User pool does not exist"},
			is:   ErrNotFound,
		},
		"not an SDK error": {
			err:  func(string) error { return errors.New("boom") },
			want: []string{"boom"},
		},
	}
	for name, tt := range tests {
		for method, m := range calls {
			t.Run(name+"/"+method, func(t *testing.T) {
				f := fakesdk.New()
				f.Fail = func(op string, _ int) error {
					if op == m.op {
						return tt.err(op)
					}
					return nil
				}
				a, s, _ := newTestAdapter(t, f)
				err := m.call(testCtx(t), a, f)
				require.Error(t, err)
				assert.Equal(t, 1, f.Count(m.op), "fails at once")
				assert.Empty(t, s.recorded())
				for _, w := range tt.want {
					assert.Contains(t, err.Error(), w)
				}
				if tt.is != nil {
					assert.ErrorIs(t, err, tt.is)
				} else {
					assert.NotErrorIs(t, err, ErrNotFound)
				}
			})
		}
	}
}

func TestAdapterNotAuthorizedNamesTheAction(t *testing.T) {
	f := fakesdk.New()
	f.Fail = func(op string, _ int) error { return fakesdk.APIError(op, "NotAuthorizedException", "denied", 400) }
	a, _, _ := newTestAdapter(t, f)
	err := a.Delete(testCtx(t), fixture.Pool, "abc")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not authorized to call cognito-idp:DeleteUserPoolClient")
	assert.NotErrorIs(t, err, ErrNotFound, "a denied Delete is never claimed as gone")
}

func TestAdapterNotFound(t *testing.T) {
	f := fakesdk.New()
	a, _, _ := newTestAdapter(t, f)
	ctx := testCtx(t)
	_, err := a.Update(ctx, "gone", userpoolclient.Properties{UserPoolId: fixture.Pool}, "x")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.ErrorIs(t, a.Delete(ctx, fixture.Pool, "gone"), ErrNotFound)
	_, err = a.Describe(ctx, fixture.Pool, "gone")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 1, f.Count(fakesdk.OpUpdate))
	assert.Equal(t, 1, f.Count(fakesdk.OpDelete))
	assert.Equal(t, 1, f.Count(fakesdk.OpDescribe))
}

func TestAdapterPropagationRetriedWithinWindow(t *testing.T) {
	tests := map[string]struct {
		code, message string
	}{
		"ScopeDoesNotExist": {code: "ScopeDoesNotExistException", message: "Invalid scope requested: api/read"},
		"provider does not exist": {code: "InvalidParameterException",
			message: "The provider MyOIDC does not exist for User Pool us-east-1_aBcDeFgHi"},
		"identity provider does not exist": {code: "InvalidParameterException",
			message: "Identity provider Corp-SAML does not exist"},
	}
	for name, tt := range tests {
		t.Run(name+"/persisting", func(t *testing.T) {
			f := fakesdk.New()
			f.Fail = func(op string, _ int) error {
				if op == fakesdk.OpCreate {
					return fakesdk.APIError(op, tt.code, tt.message, 400)
				}
				return nil
			}
			a, s, _ := newTestAdapter(t, f)
			start := a.now()
			_, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.message, "Cognito's message")
			assert.Contains(t, err.Error(), tt.code)
			assert.Greater(t, f.Count(fakesdk.OpCreate), 5)
			waited := a.now().Sub(start)
			assert.Greater(t, waited, a.retry.PropagationWindow, "retried for the whole window")
			assert.Less(t, waited, a.retry.PropagationWindow+2*a.retry.Max, "and no longer")
			assert.Len(t, s.recorded(), f.Count(fakesdk.OpCreate)-1)
			assert.Zero(t, f.Count(fakesdk.OpList), "not ambiguous: nothing to reconcile")
		})
		t.Run(name+"/then visible", func(t *testing.T) {
			f := fakesdk.New()
			f.Fail = func(op string, n int) error {
				if op == fakesdk.OpCreate && n <= 3 {
					return fakesdk.APIError(op, tt.code, tt.message, 400)
				}
				return nil
			}
			a, _, _ := newTestAdapter(t, f)
			c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.NoError(t, err)
			assert.Equal(t, 4, f.Count(fakesdk.OpCreate))
			assert.Equal(t, []string{c.ID}, f.IDs())
		})
	}
}

func TestAdapterInvalidParameterOtherwiseFatal(t *testing.T) {
	f := fakesdk.New()
	f.Fail = func(op string, _ int) error {
		return fakesdk.APIError(op, "InvalidParameterException", "1 validation error detected: Value at 'callbackURLs' failed", 400)
	}
	a, _, _ := newTestAdapter(t, f)
	_, err := a.Create(testCtx(t), adapterProps(t), "web-client")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 validation error detected: Value at 'callbackURLs' failed")
	assert.Equal(t, 1, f.Count(fakesdk.OpCreate))
}

func TestAdapterAmbiguousCreate(t *testing.T) {
	tests := map[string]struct {
		err func(op string) error
	}{
		"500":              {err: func(op string) error { return fakesdk.APIError(op, "InternalErrorException", "Internal error", 500) }},
		"connection reset": {err: fakesdk.NetworkError},
		"EOF":              {err: func(op string) error { return &smithy.OperationError{OperationName: op, Err: io.ErrUnexpectedEOF} }},
	}
	for name, tt := range tests {
		t.Run(name+"/took effect", func(t *testing.T) {
			f := fakesdk.New()
			f.Seed(fixture.Pool, "other-client", time.Now())
			f.FailAfter = func(op string, n int) error {
				if op == fakesdk.OpCreate && n == 1 {
					return tt.err(op)
				}
				return nil
			}
			a, _, logs := newTestAdapter(t, f)
			c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.NoError(t, err)
			assert.Equal(t, 1, f.Count(fakesdk.OpCreate), "no second Create")
			require.Len(t, f.IDs(), 2, "exactly one new client")
			assert.Equal(t, f.IDs()[1], c.ID, "the client the failed call made is adopted")
			assert.Equal(t, "web-client", c.Name)
			assert.Equal(t, "sdksecret0002", c.Secret.Reveal(), "with its secret")
			assert.GreaterOrEqual(t, f.Count(fakesdk.OpList), 1)
			assert.Equal(t, 1, f.Count(fakesdk.OpDescribe))
			assert.Contains(t, logs.String(), "call took effect despite its error")
		})
		t.Run(name+"/did not", func(t *testing.T) {
			f := fakesdk.New()
			f.Fail = func(op string, n int) error {
				if op == fakesdk.OpCreate && n == 1 {
					return tt.err(op)
				}
				return nil
			}
			a, _, _ := newTestAdapter(t, f)
			c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.NoError(t, err)
			assert.Equal(t, 2, f.Count(fakesdk.OpCreate), "retried")
			assert.Equal(t, []string{c.ID}, f.IDs(), "one client")
			assert.Equal(t, 1, f.Count(fakesdk.OpList))
		})
	}
}

func TestAdapterAmbiguousCreateIgnoresOlderClientOfTheSameName(t *testing.T) {
	f := fakesdk.New()
	old := f.Seed(fixture.Pool, "web-client", time.Now().Add(-2*time.Hour))
	f.Fail = func(op string, n int) error {
		if op == fakesdk.OpCreate && n == 1 {
			return fakesdk.APIError(op, "InternalErrorException", "Internal error", 500)
		}
		return nil
	}
	a, _, _ := newTestAdapter(t, f)
	c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
	require.NoError(t, err)
	assert.NotEqual(t, *old.ClientId, c.ID, "a client made before this request is not adopted")
	assert.Equal(t, 2, f.Count(fakesdk.OpCreate))
	assert.Len(t, f.IDs(), 2)
}

// When a namesake was made just before, the client an ambiguous Create made cannot be told
// from it: neither is adopted, and no second Create adds a third.
func TestAdapterAmbiguousCreateWithANewNamesakeStops(t *testing.T) {
	f := fakesdk.New()
	namesake := f.Seed(fixture.Pool, "web-client", time.Now())
	f.FailAfter = func(op string, n int) error {
		if op == fakesdk.OpCreate && n == 1 {
			return fakesdk.APIError(op, "InternalErrorException", "Internal error", 500)
		}
		return nil
	}
	a, _, _ := newTestAdapter(t, f)
	_, err := a.Create(testCtx(t), adapterProps(t), "web-client")
	require.Error(t, err)
	assert.Contains(t, err.Error(), *namesake.ClientId, "the error names the candidates")
	assert.Contains(t, err.Error(), "check them by hand")
	assert.Equal(t, 1, f.Count(fakesdk.OpCreate), "no second Create")
	assert.Len(t, f.IDs(), 2)
}

func TestMadeSince(t *testing.T) {
	f := fakesdk.New()
	start := time.Now()
	f.Seed(fixture.Pool, "web-client", start.Add(-ClockSkew-time.Second)) // before the window
	skewed := f.Seed(fixture.Pool, "web-client", start.Add(-ClockSkew+time.Second))
	after := f.Seed(fixture.Pool, "web-client", start.Add(time.Second))
	f.Seed(fixture.Pool, "other-client", start)
	f.Seed(fixture.OtherPool, "web-client", start)
	a, _, _ := newTestAdapter(t, f)
	made, err := MadeSince(testCtx(t), a, fixture.Pool, "web-client", start)
	require.NoError(t, err)
	var ids []string
	for _, c := range made {
		ids = append(ids, c.ID)
	}
	assert.ElementsMatch(t, []string{*skewed.ClientId, *after.ClientId}, ids)
}

func TestAdapterFindByNamePaginates(t *testing.T) {
	f := fakesdk.New()
	var want []string
	for i := range 150 {
		name := fmt.Sprintf("other-%03d", i)
		if i == 7 || i == 61 || i == 149 {
			name = "target"
		}
		c := f.Seed(fixture.Pool, name, time.Now())
		if name == "target" {
			want = append(want, *c.ClientId)
		}
	}
	f.Seed(fixture.OtherPool, "target", time.Now())
	// A throttle on the second page is retried without losing the page.
	f.Fail = func(op string, n int) error {
		if op == fakesdk.OpList && n == 2 {
			return fakesdk.APIError(op, "TooManyRequestsException", "slow down", 400)
		}
		return nil
	}
	a, _, _ := newTestAdapter(t, f)
	ids, err := a.FindByName(testCtx(t), fixture.Pool, "target")
	require.NoError(t, err)
	assert.Equal(t, want, ids)
	assert.Equal(t, 4, f.Count(fakesdk.OpList), "three pages and one retry")
	assert.Equal(t, []*string{nil, aws.String("60"), aws.String("120")}, f.Tokens(), "the throttled call is retried with its token")
}

func TestAdapterStopsWhenContextEnds(t *testing.T) {
	f := fakesdk.New()
	a, _, _ := newTestAdapter(t, f)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := a.Delete(ctx, fixture.Pool, "abc")
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "did not finish before the deadline")
	assert.Equal(t, 1, f.Count(fakesdk.OpDelete))
}
