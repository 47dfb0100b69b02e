package faults

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/faultproxy"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The real bootstrap under the Lambda Runtime Interface Emulator, for what only a real
// deadline and a real process environment show.

// startFunction builds lambda/ for this machine and starts it under the emulator with env.
func startFunction(t *testing.T, timeout time.Duration, env map[string]string) *localrun.Emulator {
	t.Helper()
	// Built once for the suite, with the time a cold build on a loaded machine needs.
	bootstrap, err := testrig.Lambda(context.Background())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	em, err := localrun.StartEmulator(ctx, localrun.EmulatorConfig{Bootstrap: bootstrap, Env: env, Timeout: timeout})
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, em.Stop()) })
	return em
}

// TestDeadline_UnderTheEmulator: Cognito hangs on every Create; the function's timeout is 6 s
// and it keeps DefaultMargin (4 s) to answer. FAILED must reach the catcher before the
// emulator's deadline, and the invocation must end without "Task timed out".
func TestDeadline_UnderTheEmulator(t *testing.T) {
	t.Parallel()
	f := newFixture(t) // its pool, its URLs, its ownership checks; the handler is the emulator's
	proxy.Add(faultproxy.Rule{Op: opCreate, Pool: f.pool, Times: -1, Hang: true})
	const timeout = 6 * time.Second
	em := startFunction(t, timeout, map[string]string{localrun.EndpointEnv: proxy.URL()})

	r := request{RequestType: provider.Create, Props: webProps(f.pool)}
	payload := f.event(&r)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	began := time.Now()
	out, err := em.Invoke(ctx, payload)
	returned := time.Now()
	require.NoError(t, err)

	got := settle(t, r.ResponseURL, true)
	resp := f.checkResponse(r, got, expectation{puts: [2]int{1, 1}, delivered: 1})
	require.Equal(t, "FAILED", resp.Status)
	assert.Contains(t, resp.Reason, "did not finish")
	assert.False(t, userpoolclient.IsClientID(resp.PhysicalResourceID))

	answeredAt := got.Received.Sub(began)
	fnErr, failed := localrun.FunctionError(out)
	assert.False(t, failed, "the invocation ended without an error or a timeout: %s", fnErr)
	// The emulator's own clock starts after `began`, when it hands the event over: an answer
	// before the invocation ended, which ended without "Task timed out" (above), is an answer
	// before its deadline, at any machine speed.
	assert.True(t, got.Received.Before(returned), "FAILED arrived before the invocation ended")
	assert.Positive(t, calls(f.pool)[opCreate].Injected, "the Create reached the hanging proxy")
	assertCleanLogs(t, em.Logs(), f.signatures, nil)
	t.Logf("emulator, timeout %s: FAILED received %s after the invoke, the invoke returned after %s, function error: %q",
		timeout, answeredAt.Round(time.Millisecond), returned.Sub(began).Round(time.Millisecond), fnErr)
}

// TestRuntime_SDKConfigurationFailureUnderTheEmulator: the function starts with no region and
// no credentials anywhere (and the instance metadata service off); the request is still
// answered FAILED, from inside the handler, and the process neither crashes at init nor fails
// the invocation.
func TestRuntime_SDKConfigurationFailureUnderTheEmulator(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	em := startFunction(t, 10*time.Second, map[string]string{
		localrun.EndpointEnv:    proxy.URL(),
		"AWS_REGION":            "",
		"AWS_DEFAULT_REGION":    "",
		"AWS_ACCESS_KEY_ID":     "",
		"AWS_SECRET_ACCESS_KEY": "",
	})
	r := request{RequestType: provider.Create, Props: webProps(f.pool)}
	payload := f.event(&r)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := em.Invoke(ctx, payload)
	require.NoError(t, err)
	fnErr, failed := localrun.FunctionError(out)
	assert.False(t, failed, "answered from inside the handler, not an invocation error: %s", fnErr)

	resp := f.checkResponse(r, settle(t, r.ResponseURL, true), expectation{puts: [2]int{1, 1}, delivered: 1})
	require.Equal(t, "FAILED", resp.Status)
	assert.Contains(t, resp.Reason, "cognito client configuration")
	assert.Contains(t, resp.Reason, "credentials")
	assert.Empty(t, calls(f.pool), "no Cognito call")
	assert.NotContains(t, em.Logs(), "panic")
	assertCleanLogs(t, em.Logs(), f.signatures, nil)
	t.Logf("reason: %s", resp.Reason)
}
