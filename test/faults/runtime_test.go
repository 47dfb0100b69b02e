package faults

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/provider"
)

// The Runtime table of docs/faults.md (the two-instance row is in fleet_test.go, the emulator's
// credential case in emulator_test.go).

func TestRuntime_RemainingTimeBelowTheMargin(t *testing.T) {
	t.Parallel()
	f := newFixture(t) // margin 500ms; at least 1 s of work must remain after it
	for name, d := range map[string]time.Duration{
		"less than the margin":              300 * time.Millisecond,
		"the margin and less than a second": 1200 * time.Millisecond,
	} {
		t.Run(name, func(t *testing.T) {
			res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)}, deadline(d))
			require.Equal(t, "FAILED", res.Status)
			assert.Contains(t, res.Reason, "insufficient time")
			// "At once" is the unit tests' (provider) to prove with a far deadline; here the
			// absence of any Cognito call, below, shows that nothing was tried first.
		})
	}
	assert.Empty(t, calls(f.pool), "no Cognito call")
}

// panicOn is a log handler that panics when the handler logs msg: a way to make the handler's
// own goroutine panic at a chosen point.
type panicOn struct {
	slog.Handler
	msg string
}

func (p panicOn) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == p.msg {
		panic("injected panic at " + p.msg)
	}
	return p.Handler.Handle(ctx, r)
}
func (p panicOn) WithAttrs(as []slog.Attr) slog.Handler {
	return panicOn{p.Handler.WithAttrs(as), p.msg}
}
func (p panicOn) WithGroup(g string) slog.Handler { return panicOn{p.Handler.WithGroup(g), p.msg} }

func TestRuntime_Panic(t *testing.T) {
	t.Parallel()
	t.Run("in a goroutine the handler started", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, withCognito(func(cognitoFunc) cognitoFunc {
			return func(context.Context) (provider.Cognito, error) { panic("injected panic in Config.Cognito") }
		}))
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "internal error")
		assert.Contains(t, res.Reason, "injected panic in Config.Cognito")
		logs := f.logs.String()
		assert.Contains(t, logs, "panic while handling request")
		assert.Contains(t, logs, `"stack":"goroutine `, "the stack is logged")
		assert.Contains(t, logs, "runtime/debug.Stack")
	})
	t.Run("in the handler itself", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, withLogHandler(func(h slog.Handler) slog.Handler {
			return panicOn{h, "insufficient time left to work"}
		}))
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)}, deadline(time.Second))
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "internal error: injected panic")
		assert.Contains(t, f.logs.String(), `"stack":"goroutine `)
		assert.Empty(t, calls(f.pool))
	})
}

func TestRuntime_SDKConfigurationOrCredentialFailure(t *testing.T) {
	t.Parallel()
	t.Run("Config.Cognito fails", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, withCognito(func(cognitoFunc) cognitoFunc {
			return func(context.Context) (provider.Cognito, error) { return nil, errors.New("no region configured") }
		}))
		props := webProps(f.pool)
		res := f.send(request{RequestType: provider.Create, Props: props})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "cognito client configuration: no region configured")
		del := f.send(request{RequestType: provider.Delete, PhysicalID: "1example23456789", Props: props})
		assert.Equal(t, "FAILED", del.Status, "a Delete that could not be tried is not a success")
		assert.Equal(t, "1example23456789", del.PhysicalResourceID)
	})
	t.Run("a shared config profile that does not exist", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, withSDKOptions(config.WithSharedConfigProfile("no-such-profile")))
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "cognito client configuration")
		assert.Contains(t, res.Reason, "no-such-profile")
		assert.Empty(t, calls(f.pool))
	})
	t.Run("credentials that cannot be had, then can", func(t *testing.T) {
		t.Parallel()
		var tries atomic.Int64
		creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			if tries.Add(1) == 1 {
				return aws.Credentials{}, errors.New("no EC2 IMDS role found")
			}
			return aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "faults", Source: "test"}, nil
		})
		f := newFixture(t, withSDKOptions(config.WithCredentialsProvider(creds)))
		res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "no EC2 IMDS role found")
		assert.Empty(t, calls(f.pool))
		// The failure is not kept: the warm instance tries again on the next request.
		again := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)})
		assert.Equal(t, "SUCCESS", again.Status, again.Reason)
	})
}

func TestRuntime_SameEventTwiceToAWarmInstance(t *testing.T) {
	t.Parallel()
	t.Run("one after the other", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		r := request{RequestType: provider.Create, Props: webProps(f.pool), RequestID: "same-request"}
		r.ResponseURL = f.newURL()
		first := f.send(r)
		require.Equal(t, "SUCCESS", first.Status, first.Reason)
		second := f.send(r, puts(2), delivered(2)) // the same ResponseURL, PUT again
		assert.Equal(t, first.PhysicalResourceID, second.PhysicalResourceID, "the same PhysicalResourceId")
		assert.Equal(t, []string{first.PhysicalResourceID}, clientIDs(t, f.pool), "one client")
		assert.Equal(t, 1, calls(f.pool)[opCreate].Received)
		assert.Contains(t, f.logs.String(), "duplicate delivery")
	})
	t.Run("at the same time", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		r := request{RequestType: provider.Create, Props: webProps(f.pool), RequestID: "same-request"}
		payload := f.event(&r)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				_, err := f.h.Invoke(ctx, payload)
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		got := settle(t, r.ResponseURL, true)
		resp := f.checkResponse(r, got, expectation{puts: [2]int{2, 2}, delivered: 2})
		assert.Equal(t, "SUCCESS", resp.Status, resp.Reason)
		assert.Equal(t, []string{resp.PhysicalResourceID}, clientIDs(t, f.pool), "one client")
		assert.Equal(t, 1, calls(f.pool)[opCreate].Received)
	})
}

func TestRuntime_DuplicateDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	props := webProps(f.pool)
	id := f.create(props)
	r := request{RequestType: provider.Delete, PhysicalID: id, Props: props, RequestID: "delete-1"}
	r.ResponseURL = f.newURL()
	first := f.send(r)
	assert.Equal(t, "SUCCESS", first.Status, first.Reason)
	again := f.send(r, puts(2), delivered(2))
	assert.Equal(t, "SUCCESS", again.Status, "the same Delete delivered twice")
	other := f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: props, RequestID: "delete-2"})
	assert.Equal(t, "SUCCESS", other.Status, "a second Delete of the same client")
	elsewhere := newFixture(t) // another instance, which never saw the first
	elsewhere.stack, elsewhere.pool = f.stack, f.pool
	fromThere := elsewhere.send(request{RequestType: provider.Delete, PhysicalID: id, Props: props, RequestID: "delete-3"})
	assert.Equal(t, "SUCCESS", fromThere.Status, fromThere.Reason)
	assert.Empty(t, clientIDs(t, f.pool))
	assert.Equal(t, 3, calls(f.pool)[opDelete].Received, "the replay made no call; the others found it gone")
}

// TestRuntime_PropertiesInAnOlderShape: a Delete or the old side of an Update may carry
// properties written for another version of the resource: unknown keys, other types.
func TestRuntime_PropertiesInAnOlderShape(t *testing.T) {
	t.Parallel()
	older := func(pool string) map[string]any {
		p := webProps(pool)
		p["CallbackUrls"] = []string{"https://old.example.com/cb"} // a spelling this version rejects
		p["LegacyMode"] = map[string]any{"Enabled": "yes"}
		p["AccessTokenValidity"] = "1.5"
		return p
	}
	t.Run("an Update whose old properties are in an older shape", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		id := f.create(webProps(f.pool))
		desired := webProps(f.pool)
		desired["ClientName"] = "web-v2"
		res := f.send(request{RequestType: provider.Update, PhysicalID: id, Props: desired, OldProps: older(f.pool)})
		require.Equal(t, "SUCCESS", res.Status, res.Reason)
		assert.Equal(t, id, res.PhysicalResourceID, "updated in place")
		assert.Equal(t, 1, calls(f.pool)[opUpdate].Received)
		assert.Zero(t, calls(f.pool)[opCreate].Received-1, "no replacement")
	})
	t.Run("a Delete whose properties are in an older shape", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		id := f.create(webProps(f.pool))
		res := f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: older(f.pool)})
		require.Equal(t, "SUCCESS", res.Status, res.Reason)
		assert.Empty(t, clientIDs(t, f.pool), "the client is deleted")
	})
	t.Run("a rollback Update back to properties this version rejects", func(t *testing.T) {
		t.Parallel()
		// Measured: the strict decoder refuses a key it does not know even when it comes back
		// in a rollback; the answer is FAILED naming it, and the client is left as it was.
		f := newFixture(t)
		id := f.create(webProps(f.pool))
		res := f.send(request{RequestType: provider.Update, PhysicalID: id, Props: older(f.pool), OldProps: webProps(f.pool)})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "CallbackUrls")
		assert.Equal(t, id, res.PhysicalResourceID, "the old ID is kept")
		assert.Empty(t, calls(f.pool)[opUpdate])
	})
	t.Run("a Delete whose properties are not an object", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		res := f.send(request{RequestType: provider.Delete, PhysicalID: "1example23456789", Props: json.RawMessage(`"garbage"`)})
		assert.Equal(t, "SUCCESS", res.Status, "nothing can be found to delete")
	})
}
