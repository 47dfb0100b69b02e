package faults

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/faultproxy"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The Cognito table of docs/faults.md: the proxy makes Cognito fail, the function answers.

const (
	opCreate = "CreateUserPoolClient"
	opUpdate = "UpdateUserPoolClient"
	opDelete = "DeleteUserPoolClient"
	opList   = "ListUserPoolClients"
)

func TestCognito_TooManyRequestsOnEveryCall(t *testing.T) {
	t.Parallel()
	for name, latency := range map[string]time.Duration{
		"answered at once": 0,
		// Throttled answers that take a while (a loaded service, a far region): the last
		// attempt is the one the deadline cuts, and the answer must still say why.
		"answered slowly": 300 * time.Millisecond,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			res := f.failedCreate(faultproxy.Rule{Fault: faultproxy.Throttle, Latency: latency}, deadline(3*time.Second))
			assert.Contains(t, res.Reason, "throttled")
			assert.Contains(t, res.Reason, "TooManyRequestsException")
			assert.True(t, res.got.Received.Before(res.deadline), "FAILED arrived before the deadline")
			assert.True(t, res.returned.Before(res.deadline), "Invoke returned before the deadline")
			c := calls(f.pool)[opCreate]
			assert.Greater(t, c.Received, 3, "jittered backoff kept trying inside the deadline")
			assert.Zero(t, c.Forwarded)
			assert.False(t, userpoolclient.IsClientID(res.PhysicalResourceID), "the failed-Create marker")
			t.Logf("%d throttled attempts in %s; reason: %s", c.Received, res.returned.Sub(res.began).Round(time.Millisecond), res.Reason)
		})
	}
}

func TestCognito_TooManyRequestsAFewTimes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	proxy.Add(faultproxy.Rule{Op: opCreate, Pool: f.pool, Times: 3, Fault: faultproxy.Throttle})

	res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
	require.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool), "one client")
	assert.Equal(t, faultproxy.Counts{Received: 4, Forwarded: 1, Injected: 3}, calls(f.pool)[opCreate])
}

func TestCognito_ConcurrentModificationOnUpdateAndDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	props := webProps(f.pool)
	id := f.create(props)

	proxy.Add(faultproxy.Rule{Op: opUpdate, Pool: f.pool, Times: 2, Fault: faultproxy.ConcurrentModification})
	desired := webProps(f.pool)
	desired["ClientName"] = "web-v2"
	upd := f.send(request{RequestType: provider.Update, PhysicalID: id, Props: desired, OldProps: props})
	require.Equal(t, "SUCCESS", upd.Status, upd.Reason)
	assert.Equal(t, id, upd.PhysicalResourceID)
	assert.Equal(t, "web-v2", upd.Data["Name"])
	assert.Equal(t, faultproxy.Counts{Received: 3, Forwarded: 1, Injected: 2}, calls(f.pool)[opUpdate])

	proxy.Add(faultproxy.Rule{Op: opDelete, Pool: f.pool, Times: 2, Fault: faultproxy.ConcurrentModification})
	del := f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: desired})
	require.Equal(t, "SUCCESS", del.Status, del.Reason)
	assert.Equal(t, faultproxy.Counts{Received: 3, Forwarded: 1, Injected: 2}, calls(f.pool)[opDelete])
	assert.Empty(t, clientIDs(t, f.pool), "the client is gone")
}

func TestCognito_InternalErrorPersisting(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	res := f.failedCreate(faultproxy.Rule{Fault: faultproxy.InternalError})
	assert.Contains(t, res.Reason, "InternalErrorException")
	c := calls(f.pool)[opCreate]
	assert.LessOrEqual(t, c.Received, fastPolicy.ServerErrors+1, "bounded retries")
	assert.Greater(t, c.Received, 1, "a 5xx is retried")
	// After each ambiguous failure the adapter looked for a client the call made anyway.
	assert.Positive(t, calls(f.pool)[opList].Forwarded)
	assert.Empty(t, clientIDs(t, f.pool))
	assert.NotContains(t, res.Reason, "deadline", "the retry bound ended it, not the deadline")
}

func TestCognito_LimitExceeded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	res := f.failedCreate(faultproxy.Rule{Fault: faultproxy.LimitExceeded})
	assert.Contains(t, res.Reason, "LimitExceededException")
	assert.Contains(t, res.Reason, "1,000", "the quota is named")
	assert.Equal(t, faultproxy.Stats{opCreate: {Received: 1, Injected: 1}}, calls(f.pool), "failed at once: one call, no retries")
}

// TestCognito_ScopeOrProviderDoesNotExist: a resource server or identity provider made in the
// same stack can take a moment to be visible; the function retries for a bounded window.
func TestCognito_ScopeOrProviderDoesNotExist(t *testing.T) {
	t.Parallel()
	for name, fault := range map[string]faultproxy.Fault{
		"ScopeDoesNotExistException":                faultproxy.ScopeDoesNotExist,
		"InvalidParameterException provider absent": faultproxy.ProviderDoesNotExist,
	} {
		t.Run(name+"/a few times", func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			proxy.Add(faultproxy.Rule{Op: opCreate, Pool: f.pool, Times: 3, Fault: fault})
			res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
			require.Equal(t, "SUCCESS", res.Status, res.Reason)
			assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool))
			assert.Equal(t, faultproxy.Counts{Received: 4, Forwarded: 1, Injected: 3}, calls(f.pool)[opCreate])
		})
		t.Run(name+"/forever", func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			res := f.failedCreate(faultproxy.Rule{Fault: fault})
			assert.Contains(t, res.Reason, fault.Message(f.pool), "Cognito's message")
			assert.Contains(t, res.Reason, fault.Code())
			took := res.returned.Sub(res.began)
			assert.GreaterOrEqual(t, took, fastPolicy.PropagationWindow, "retried for the window")
			assert.Contains(t, res.Reason, "still failing after "+fastPolicy.PropagationWindow.String(), "and the window, not the deadline, ended it")
			assert.Greater(t, calls(f.pool)[opCreate].Injected, 3)
		})
	}
}

func TestCognito_InvalidParameterAndInvalidOAuthFlow(t *testing.T) {
	t.Parallel()
	for _, fault := range []faultproxy.Fault{faultproxy.InvalidParameter, faultproxy.InvalidOAuthFlow} {
		t.Run(string(fault), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			res := f.failedCreate(faultproxy.Rule{Fault: fault})
			assert.Contains(t, res.Reason, fault.Message(f.pool), "Cognito's message")
			assert.Contains(t, res.Reason, string(fault))
			assert.Equal(t, faultproxy.Stats{opCreate: {Received: 1, Injected: 1}}, calls(f.pool), "not retried")
		})
	}
}

func TestCognito_NotAuthorizedOrAccessDenied(t *testing.T) {
	t.Parallel()
	for _, fault := range []faultproxy.Fault{faultproxy.NotAuthorized, faultproxy.AccessDenied} {
		t.Run(string(fault)+"/Delete", func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			props := webProps(f.pool)
			id := f.create(props)
			proxy.Add(faultproxy.Rule{Op: opDelete, Pool: f.pool, Times: -1, Fault: fault})
			res := f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: props})
			require.Equal(t, "FAILED", res.Status, "a denied Delete is never claimed as success")
			assert.Contains(t, res.Reason, "cognito-idp:DeleteUserPoolClient", "the action is named")
			assert.Contains(t, res.Reason, string(fault))
			assert.Equal(t, id, res.PhysicalResourceID)
			assert.Equal(t, []string{id}, clientIDs(t, f.pool), "the client is still there, still owned")
			assert.Equal(t, faultproxy.Counts{Received: 1, Injected: 1}, calls(f.pool)[opDelete], "not retried")
		})
		t.Run(string(fault)+"/Create", func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			res := f.failedCreate(faultproxy.Rule{Fault: fault})
			assert.Contains(t, res.Reason, "cognito-idp:CreateUserPoolClient")
		})
	}
}

// ignoreDeadline runs Create past the context's deadline, as a Cognito call that ignores
// cancellation would: the only way the deadline timer, rather than the call's own context,
// decides the answer.
type ignoreDeadline struct{ provider.Cognito }

func (c ignoreDeadline) Create(ctx context.Context, p userpoolclient.Properties, name string) (provider.Client, error) {
	return c.Cognito.Create(context.WithoutCancel(ctx), p, name)
}

// A late completion: with a Lambda deadline of 6 s and a margin of 4 s (the production one),
// the deadline timer answers at 2 s; the Create, held 2.5 s by the proxy from its arrival and
// not cancelled, makes its client after the timer answered, whatever the machine's speed; the
// handler waits for it until 6 s less a quarter of the margin (5 s): 2.5 s to remove it, which
// a loaded machine needs.
const (
	lateDeadline = 6 * time.Second
	lateMargin   = provider.DefaultMargin
	lateLatency  = 2500 * time.Millisecond
)

// Hang tests run with a Lambda deadline of hangDeadline and a margin of hangMargin: the work
// deadline comes after 2 s, and what follows the answer (the orphan check) has until a quarter
// of the margin before the Lambda deadline: 3 s, which a loaded machine needs.
const (
	hangDeadline = 6 * time.Second
	hangMargin   = provider.DefaultMargin
)

func ignoringDeadline(next cognitoFunc) cognitoFunc {
	return func(ctx context.Context) (provider.Cognito, error) {
		c, err := next(ctx)
		if err != nil {
			return nil, err
		}
		return ignoreDeadline{c}, nil
	}
}

func TestCognito_ACallThatHangs(t *testing.T) {
	t.Parallel()
	t.Run("the call honours its context", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, withMargin(hangMargin))
		res := f.failedCreate(faultproxy.Rule{Hang: true}, deadline(hangDeadline))
		assert.Contains(t, res.Reason, "did not finish")
		assert.True(t, res.got.Received.Before(res.deadline), "FAILED before the Lambda deadline")
		assert.True(t, res.returned.Before(res.deadline))
		// Answered when the call's deadline came, not before: the work deadline (the Lambda
		// deadline less the margin) less the 100ms the adapter keeps to report a cut call.
		assert.False(t, res.got.Received.Before(res.deadline.Add(-hangMargin-100*time.Millisecond)), "waited for the call's deadline")
		assert.Empty(t, clientIDs(t, f.pool))

		time.Sleep(300 * time.Millisecond)
		assert.Equal(t, 1, catcher.Snapshot(res.url).PUTs, "nothing more is sent")
	})
	t.Run("a late completion", func(t *testing.T) {
		t.Parallel()
		// See lateDeadline: the timer answers, then the Create makes its client, which the
		// handler removes while it waits.
		f := newFixture(t, withMargin(lateMargin), withCognito(ignoringDeadline))
		proxy.Add(faultproxy.Rule{Op: opCreate, Pool: f.pool, Latency: lateLatency})
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)}, deadline(lateDeadline))
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "timed out", "the deadline timer's answer")
		assert.False(t, userpoolclient.IsClientID(res.PhysicalResourceID))
		assert.False(t, res.got.Received.Before(res.deadline.Add(-lateMargin)), "the timer answered at the work deadline")
		assert.True(t, res.returned.Before(res.deadline), "Invoke returned before the deadline")

		assert.Equal(t, 1, calls(f.pool)[opCreate].Forwarded, "the late Create reached Cognito")
		assert.Equal(t, 1, calls(f.pool)[opDelete].Forwarded, "and its client was removed")
		assert.Contains(t, f.logs.String(), "removed a client no stack owns")
		assert.Empty(t, clientIDs(t, f.pool))
		time.Sleep(300 * time.Millisecond)
		assert.Equal(t, 1, catcher.Snapshot(res.url).PUTs, "a late completion sends nothing more")
	})
}

// TestCognito_CreateSucceedsButFailsAmbiguously: Cognito made the client, the caller saw a 5xx
// or a reset connection; the function finds the client it made and answers with it.
func TestCognito_CreateSucceedsButFailsAmbiguously(t *testing.T) {
	t.Parallel()
	for name, rule := range map[string]faultproxy.Rule{
		"500 after the create":   {Op: opCreate, AfterForward: true, Fault: faultproxy.InternalError},
		"reset after the create": {Op: opCreate, AfterForward: true, Reset: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			rule.Pool = f.pool
			proxy.Add(rule)
			res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
			require.Equal(t, "SUCCESS", res.Status, res.Reason)
			assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool), "exactly one client: the one the call made")
			assert.Equal(t, faultproxy.Counts{Received: 1, Forwarded: 1, Injected: 1}, calls(f.pool)[opCreate], "no second Create")
			assert.Contains(t, f.logs.String(), "call took effect despite its error")
		})
	}
	t.Run("hang after the create until the deadline", func(t *testing.T) {
		t.Parallel()
		// Cognito made the client but the answer never comes: at the deadline the handler
		// knows no ID. It answers FAILED with the failed-Create marker first, then looks for a
		// client of that name made since the call began, and removes it.
		f := newFixture(t, withMargin(hangMargin))
		proxy.Add(faultproxy.Rule{Op: opCreate, Pool: f.pool, AfterForward: true, Hang: true})
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)}, deadline(hangDeadline))
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "did not finish")
		assert.False(t, userpoolclient.IsClientID(res.PhysicalResourceID), "the answer cannot name the client")
		assert.True(t, res.got.Received.Before(res.deadline))
		assert.Empty(t, clientIDs(t, f.pool), "the client the cut create made is removed")
		assert.Equal(t, faultproxy.Counts{Received: 1, Forwarded: 1, Injected: 1}, calls(f.pool)[opCreate])
		assert.Equal(t, 1, calls(f.pool)[opDelete].Received, "one Delete, of the client found by name")
		assert.Contains(t, f.logs.String(), "a create cut by the deadline made it")
	})
}
