package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/cognitoapi"
	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesdk"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesecrets"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The request and property builders are internal/fixture's.
type (
	event = fixture.Event
	props = fixture.Props
)

// harness is one Handler wired to an in-memory Cognito, the real *cfnresponse.Sender and a
// recording ResponseURL server.
type harness struct {
	t      *testing.T
	cog    *fakecognito.Cognito
	sm     *fakesecrets.SecretsManager
	srv    *fixture.ResponseServer
	logs   *localrun.LogBuffer
	h      *Handler
	cogErr atomic.Pointer[error]
	reqs   atomic.Int64
}

type option func(*harness, *Config)

func withMargin(d time.Duration) option { return func(_ *harness, c *Config) { c.Margin = d } }

func withCodes(codes ...int) option {
	return func(x *harness, _ *Config) { x.srv.SetCodes(codes...) }
}

func newHarness(t *testing.T, opts ...option) *harness {
	log, logs := fixture.NewLogger()
	x := &harness{t: t, cog: fakecognito.New(fixture.Pool, fixture.OtherPool), sm: fakesecrets.New(), srv: fixture.NewResponseServer(t), logs: logs}
	cfg := Config{
		Cognito: func(context.Context) (Cognito, error) {
			if err := x.cogErr.Load(); err != nil {
				return nil, *err
			}
			return x.cog, nil
		},
		SecretsManager: func(context.Context) (SecretsManager, string, error) {
			return x.sm, fakesecrets.Region, nil
		},
		Sender: &cfnresponse.Sender{
			Logger: log, AttemptTimeout: time.Second, MaxAttempts: 3,
			BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond,
		},
		Logger: log,
		Margin: 500 * time.Millisecond,
	}
	for _, o := range opts {
		o(x, &cfg)
	}
	x.h = New(cfg)
	t.Cleanup(func() {
		fixture.AssertLogsClean(t, logs.String(), x.cog.Secrets())
		for i, p := range x.srv.All() {
			fixture.CheckPut(t, i, p, cfnresponse.MaxBodyBytes)
		}
	})
	return x
}

// event returns a request for the harness's ResponseURL with a fresh RequestId.
func (x *harness) event(requestType string, p props) event {
	return fixture.NewEvent(requestType, x.srv.URL(), x.reqs.Add(1), p)
}

// invoke runs ev with a Lambda deadline 5s away and requires a nil error.
func (x *harness) invoke(ev event) {
	x.t.Helper()
	payload := ev.Payload(x.t) // before the deadline starts: a 1 MB event takes seconds under -race
	// A deadline no test means to reach: what the handler decides must not depend on the
	// machine's speed (the timer tests set their own).
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := x.h.Invoke(ctx, payload)
	require.NoError(x.t, err)
}

// answer runs ev and returns the one response it sent.
func (x *harness) answer(ev event) cfnresponse.Response {
	x.t.Helper()
	before := len(x.srv.All())
	x.invoke(ev)
	puts := x.srv.All()
	require.Len(x.t, puts, before+1, "exactly one PUT per invocation")
	r := decodeResponse(x.t, puts[before])
	assertEcho(x.t, ev, r)
	return r
}

// assertOrphanRemoved checks that one client was deleted (why says which), that none is left
// that no stack owns, and that the log says so (logged).
func (x *harness) assertOrphanRemoved(t *testing.T, why, logged string) {
	t.Helper()
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallDelete), why)
	assert.Empty(t, x.cog.ClientIDs(), "no client left that no stack owns")
	assert.Contains(t, x.logs.String(), logged)
}

// sole requires that exactly one response was sent, answering ev, and returns it.
func (x *harness) sole(t *testing.T, ev event) cfnresponse.Response {
	t.Helper()
	puts := x.srv.All()
	require.Len(t, puts, 1)
	r := decodeResponse(t, puts[0])
	assertEcho(t, ev, r)
	return r
}

func decodeResponse(t *testing.T, p fixture.Put) cfnresponse.Response {
	t.Helper()
	var r cfnresponse.Response
	fixture.DecodeStrict(t, p.Body, &r)
	return r
}

// assertEcho checks that the response names the request it answers.
func assertEcho(t *testing.T, ev event, r cfnresponse.Response) {
	t.Helper()
	assert.Equal(t, ev["StackId"], r.StackID)
	assert.Equal(t, ev["RequestId"], r.RequestID)
	assert.Equal(t, ev["LogicalResourceId"], r.LogicalResourceID)
	assert.NotEmpty(t, r.PhysicalResourceID)
	if r.Status == cfnresponse.StatusFailed {
		assert.NotEmpty(t, r.Reason)
		assert.Empty(t, r.Data, "a FAILED response carries no Data")
	}
}

func TestInvokeRejectsUnanswerablePayloads(t *testing.T) {
	tests := map[string]func(x *harness) []byte{
		"not json":    func(*harness) []byte { return []byte("RequestType=Create") },
		"empty":       func(*harness) []byte { return nil },
		"json null":   func(*harness) []byte { return []byte("null") },
		"json array":  func(*harness) []byte { return []byte(`[{"RequestType":"Create"}]`) },
		"json string": func(*harness) []byte { return []byte(`"Create"`) },
		"truncated": func(x *harness) []byte {
			b := x.event(Create, fixture.BasicProps()).Payload(t)
			return b[:len(b)/2]
		},
		"no ResponseURL": func(x *harness) []byte {
			return x.event(Create, fixture.BasicProps()).With("ResponseURL", nil).Payload(t)
		},
		"empty ResponseURL": func(x *harness) []byte {
			return x.event(Create, fixture.BasicProps()).With("ResponseURL", "").Payload(t)
		},
		"ResponseURL not a string": func(x *harness) []byte {
			return x.event(Create, fixture.BasicProps()).With("ResponseURL", 42).Payload(t)
		},
		"ftp ResponseURL": func(x *harness) []byte {
			return x.event(Create, fixture.BasicProps()).With("ResponseURL", "ftp://127.0.0.1/key?"+fixture.Query).Payload(t)
		},
		"http to a non-loopback host": func(x *harness) []byte {
			return x.event(Create, fixture.BasicProps()).With("ResponseURL", "http://bucket.s3.amazonaws.com/key?"+fixture.Query).Payload(t)
		},
		"https without host": func(x *harness) []byte {
			return x.event(Create, fixture.BasicProps()).With("ResponseURL", "https:///key?"+fixture.Query).Payload(t)
		},
	}
	for name, payload := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var out []byte
			var err error
			require.NotPanics(t, func() { out, err = x.h.Invoke(ctx, payload(x)) })
			require.Error(t, err)
			assert.Nil(t, out)
			assert.Empty(t, x.srv.All(), "no PUT")
			assert.Empty(t, x.cog.Counts(), "no Cognito call")
			assert.Contains(t, x.logs.String(), "nothing can be answered", "the payload is logged")
		})
	}
}

func TestInvokeParsesFieldsOfWrongTypeLeniently(t *testing.T) {
	x := newHarness(t)
	// A field of the wrong type must not cost the ResponseURL: the request is still answered.
	ev := x.event(Create, fixture.BasicProps()).With("LogicalResourceId", 7).With("PhysicalResourceId", []string{"x"})
	x.invoke(ev)
	puts := x.srv.All()
	require.Len(t, puts, 1)
	r := decodeResponse(t, puts[0])
	assert.Equal(t, cfnresponse.StatusSuccess, r.Status)
	assert.Equal(t, ev["RequestId"], r.RequestID)
	assert.Empty(t, r.LogicalResourceID)
}

func TestResourceTypesServedAsClients(t *testing.T) {
	for _, rt := range []string{"Custom::UserPoolClient", "AWS::CloudFormation::CustomResource", "Custom::AppClient", ""} {
		t.Run(rt, func(t *testing.T) {
			x := newHarness(t)
			r := x.answer(x.event(Create, fixture.BasicProps()).With("ResourceType", rt))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
			assert.Equal(t, []string{r.PhysicalResourceID}, x.cog.ClientIDs())
			assert.Equal(t, r.PhysicalResourceID, r.Data["ClientId"])
		})
	}
}

func TestUnsupportedRequestType(t *testing.T) {
	for _, rt := range []string{"Upsert", "", "create", "DELETE"} {
		for _, resource := range []string{"Custom::UserPoolClient", LookupResourceType} {
			t.Run(rt+"/"+resource, func(t *testing.T) {
				x := newHarness(t)
				ev := x.event(rt, props{"UserPoolId": fixture.Pool, "ClientId": "abc"}).
					With("ResourceType", resource).With("PhysicalResourceId", "client0001abc")
				r := x.answer(ev)
				assert.Equal(t, cfnresponse.StatusFailed, r.Status)
				assert.Contains(t, r.Reason, "unsupported request type")
				assert.Empty(t, x.cog.Counts())
			})
		}
	}
}

func TestCognitoConfigurationFailureAnsweredFromHandler(t *testing.T) {
	tests := map[string]struct {
		requestType string
		physicalID  string
		props       props
	}{
		"create": {requestType: Create, props: fixture.BasicProps()},
		"update": {requestType: Update, physicalID: "client0042abc", props: fixture.BasicProps()},
		"delete": {requestType: Delete, physicalID: "client0042abc", props: fixture.BasicProps()},
		"lookup": {requestType: Create, props: props{"UserPoolId": fixture.Pool, "ClientId": "client0042abc"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			cfgErr := errors.New("failed to refresh cached credentials, no EC2 IMDS role found")
			x.cogErr.Store(&cfgErr)
			ev := x.event(tt.requestType, tt.props)
			if tt.physicalID != "" {
				ev = ev.With("PhysicalResourceId", tt.physicalID).With("OldResourceProperties", fixture.BasicProps())
			}
			if name == "lookup" {
				ev = ev.With("ResourceType", LookupResourceType)
			}
			r := x.answer(ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "no EC2 IMDS role found")
			if tt.physicalID != "" {
				assert.Equal(t, tt.physicalID, r.PhysicalResourceID)
			}
			assert.Empty(t, x.cog.Counts())
		})
	}
}

func TestInsufficientTimeAnsweredAtOnce(t *testing.T) {
	tests := map[string]struct {
		requestType string
		physicalID  string
	}{
		"create": {requestType: Create},
		"update": {requestType: Update, physicalID: "client0042abc"},
		"delete": {requestType: Delete, physicalID: "client0042abc"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			// A deadline inside the margin, far away: answering at once means returning
			// long before it, at any machine speed.
			x := newHarness(t, withMargin(2*time.Minute))
			ev := x.event(tt.requestType, fixture.BasicProps())
			if tt.physicalID != "" {
				ev = ev.With("PhysicalResourceId", tt.physicalID).With("OldResourceProperties", fixture.BasicProps())
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, err := x.h.Invoke(ctx, ev.Payload(t))
			require.NoError(t, err)
			assert.NoError(t, ctx.Err(), "answered at once, without waiting for the deadline")
			r := x.sole(t, ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "insufficient time")
			if tt.physicalID != "" {
				assert.Equal(t, tt.physicalID, r.PhysicalResourceID)
			} else {
				assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
			}
			assert.Empty(t, x.cog.Counts(), "no Cognito call")
		})
	}
}

func TestDefaultTimeoutBoundsAContextWithoutDeadline(t *testing.T) {
	x := newHarness(t, withMargin(300*time.Millisecond), func(_ *harness, c *Config) { c.DefaultTimeout = 500 * time.Millisecond })
	ev := x.event(Create, fixture.BasicProps())
	_, err := x.h.Invoke(context.Background(), ev.Payload(t))
	require.NoError(t, err)
	puts := x.srv.All()
	require.Len(t, puts, 1)
	r := decodeResponse(t, puts[0])
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "insufficient time", "500ms less a 300ms margin leaves too little to work")
	assert.Empty(t, x.cog.Counts())
}

// Timer tests run with a Lambda deadline of hangDeadline and a margin of hangMargin: the work
// deadline comes after 2 s (minWork must fit), and the handler waits for late work until 750ms
// before the Lambda deadline (a quarter of the margin): 2.25 s for a late call to end and its
// client to go, which a loaded machine needs.
const (
	hangDeadline = 5 * time.Second
	hangMargin   = 3 * time.Second
)

// hangingInvoke runs ev with a hangDeadline Lambda deadline and checks that the
// timer answered once, before the deadline, and that Invoke returned before it too.
func hangingInvoke(t *testing.T, x *harness, ev event) cfnresponse.Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangDeadline)
	defer cancel()
	deadline, _ := ctx.Deadline()
	_, err := x.h.Invoke(ctx, ev.Payload(t))
	require.NoError(t, err)
	assert.NoError(t, ctx.Err(), "Invoke returned after the Lambda deadline")
	assert.True(t, time.Now().Before(deadline))
	r := x.sole(t, ev)
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	return r
}

func TestHangingCognitoAnsweredByTimer(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		// hook blocks Cognito; release is closed after Invoke returned.
		hook func(release <-chan struct{}) func(ctx context.Context, method string) error
	}{
		"until its context ends": {hook: func(<-chan struct{}) func(context.Context, string) error {
			return func(ctx context.Context, _ string) error { <-ctx.Done(); return ctx.Err() }
		}},
		"beyond the deadline": {hook: func(release <-chan struct{}) func(context.Context, string) error {
			return func(context.Context, string) error { <-release; return errors.New("connection reset by peer") }
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			x := newHarness(t, withMargin(hangMargin))
			release := make(chan struct{})
			x.cog.SetHook(tt.hook(release))
			start := time.Now()
			r := hangingInvoke(t, x, x.event(Create, fixture.BasicProps()))
			// The timer and the call's own deadline error end at the same instant.
			assert.Regexp(t, "timed out|deadline", r.Reason)
			assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
			assert.GreaterOrEqual(t, time.Since(start), hangDeadline-hangMargin, "the timer waits for the work deadline")

			close(release)
			time.Sleep(200 * time.Millisecond)
			assert.Len(t, x.srv.All(), 1, "a late completion sends nothing more")
			assert.Empty(t, x.cog.ClientIDs())
		})
	}
}

// lateHook blocks Create until its context ends and then lets it succeed anyway, as a
// CreateUserPoolClient that took effect after the timer answered.
func lateHook(ctx context.Context, method string) error {
	if method == fakecognito.CallCreate {
		<-ctx.Done()
		time.Sleep(100 * time.Millisecond)
	}
	return nil
}

func TestLateCreateRemoved(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	x.cog.SetHook(lateHook)
	r := hangingInvoke(t, x, x.event(Create, fixture.BasicProps()))
	assert.Contains(t, r.Reason, "timed out")
	assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
	x.assertOrphanRemoved(t, "the client made after the answer is removed", "removed a client no stack owns")
}

func TestLateReplacementRemovedAndOldKept(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	old := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
	x.cog.SetHook(lateHook)
	ev := x.event(Update, fixture.BasicProps().With("UserPoolId", fixture.OtherPool)).
		With("PhysicalResourceId", old.ID).With("OldResourceProperties", fixture.BasicProps())
	r := hangingInvoke(t, x, ev)
	assert.Equal(t, old.ID, r.PhysicalResourceID, "FAILED with the old ID")
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallDelete), "the new client is removed")
	assert.Equal(t, []string{old.ID}, x.cog.ClientIDs(), "only the old client is left")
}

func TestPanicAnsweredAsFailed(t *testing.T) {
	tests := map[string]struct {
		setup func(x *harness)
	}{
		"in a cognito call": {setup: func(x *harness) {
			x.cog.SetHook(func(context.Context, string) error { panic("boom in cognito") })
		}},
		"in the cognito factory": {setup: func(x *harness) {
			x.h.cfg.Cognito = func(context.Context) (Cognito, error) { panic("boom in cognito") }
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			tt.setup(x)
			ev := x.event(Create, fixture.BasicProps())
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var err error
			require.NotPanics(t, func() { _, err = x.h.Invoke(ctx, ev.Payload(t)) })
			require.NoError(t, err)
			r := x.sole(t, ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "internal error")
			assert.Contains(t, r.Reason, "boom in cognito")
			assert.Contains(t, x.logs.String(), `"stack":"goroutine`, "the stack is logged")
		})
	}
}

func TestDuplicateDeliveryAnsweredFromCache(t *testing.T) {
	x := newHarness(t)
	ev := x.event(Create, fixture.BasicProps().With("GenerateSecret", "true"))
	first := x.answer(ev)
	second := x.answer(ev)
	require.Equal(t, cfnresponse.StatusSuccess, first.Status)
	assert.Equal(t, first, second, "the duplicate gets the first answer")
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate), "one client")
	assert.Len(t, x.cog.ClientIDs(), 1)
	assert.Len(t, x.srv.All(), 2, "one PUT per invocation")

	// Another request of the same resource is not a duplicate.
	other := x.answer(x.event(Create, fixture.BasicProps()))
	assert.NotEqual(t, first.PhysicalResourceID, other.PhysicalResourceID)
	assert.Equal(t, 2, x.cog.Count(fakecognito.CallCreate))
}

func TestConcurrentDuplicatesMakeOneClient(t *testing.T) {
	x := newHarness(t)
	x.cog.SetHook(func(_ context.Context, m string) error {
		if m == fakecognito.CallCreate {
			time.Sleep(200 * time.Millisecond)
		}
		return nil
	})
	payload := x.event(Create, fixture.BasicProps()).Payload(t)
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, errs[i] = x.h.Invoke(ctx, payload)
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
	puts := x.srv.All()
	require.Len(t, puts, 3)
	ids := map[string]bool{}
	for _, p := range puts {
		r := decodeResponse(t, p)
		assert.Equal(t, cfnresponse.StatusSuccess, r.Status)
		ids[r.PhysicalResourceID] = true
	}
	assert.Len(t, ids, 1, "every answer names the same client")
}

func TestResponseDelivery(t *testing.T) {
	tests := map[string]struct {
		codes    []int
		requests int
		logged   string
	}{
		"500 then 200":  {codes: []int{500, 200}, requests: 2, logged: "answered cloudformation"},
		"503 twice":     {codes: []int{503, 503, 200}, requests: 3, logged: "answered cloudformation"},
		"403 always":    {codes: []int{403}, requests: 1, logged: "response not delivered"},
		"500 always":    {codes: []int{500}, requests: 3, logged: "response not delivered"},
		"404 (no loop)": {codes: []int{404}, requests: 1, logged: "response not delivered"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t, withCodes(tt.codes...))
			ev := x.event(Create, fixture.BasicProps().With("GenerateSecret", "true"))
			x.invoke(ev) // nil error, delivered or not
			puts := x.srv.All()
			require.Len(t, puts, tt.requests)
			for _, p := range puts {
				assert.Equal(t, puts[0].Body, p.Body, "one logical response")
			}
			r := decodeResponse(t, puts[0])
			assertEcho(t, ev, r)
			assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
			assert.Contains(t, x.logs.String(), tt.logged)
		})
	}
}

func TestResponseBodyBounded(t *testing.T) {
	many := func(n int, format string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf(format, i)
		}
		return out
	}
	tests := map[string]props{
		"100 invalid callback and logout URLs": fixture.BasicProps().
			With("CallbackURLs", many(100, "http://app-%03d.example.com/callback/<&>/ünïcødé/🚀")).
			With("LogoutURLs", many(100, "http://app-%03d.example.com/logout")),
		"10,000 callback URLs":               fixture.BasicProps().With("CallbackURLs", many(10000, "https://app.example.com/%d")),
		"1,000 overlong read attributes":     fixture.BasicProps().With("ReadAttributes", many(1000, strings.Repeat("é", 2049)+"%d")),
		"1 MB client name":                   fixture.BasicProps().With("ClientName", strings.Repeat("\u2028<", 1<<19)),
		"control characters in unknown keys": fixture.BasicProps().With("Callback\x01URLs", "x").With(strings.Repeat("K\"", 3000), "y"),
	}
	for name, p := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			r := x.answer(x.event(Create, p))
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "invalid properties")
			assert.Empty(t, x.cog.Counts(), "rejected before any Cognito call")
			// fixture.CheckPut (at cleanup) checks the 4096 bytes and the Content-Length.
			body := x.srv.All()[0].Body
			assert.LessOrEqual(t, len(body), cfnresponse.MaxBodyBytes)
		})
	}
}

func TestUnicodeEchoedExactly(t *testing.T) {
	x := newHarness(t)
	ev := x.event(Create, fixture.BasicProps().With("ClientName", "ünïcødé 🚀 <&>")).With("LogicalResourceId", "Web<&>Client\u2028ü")
	r := x.answer(ev)
	assert.Equal(t, cfnresponse.StatusFailed, r.Status, "ClientName allows no emoji")
	assert.Contains(t, r.Reason, "ClientName")
	assert.Contains(t, r.Reason, "🚀 <&>")
	assert.Equal(t, "Web<&>Client\u2028ü", r.LogicalResourceID)
}

func TestLogsCarryNoSecrets(t *testing.T) {
	// Every harness checks its logs at cleanup; this test runs the paths that handle a
	// secret or the ResponseURL most, in one handler, and checks again.
	x := newHarness(t)
	seeded := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps().With("GenerateSecret", "true")), "seeded")
	create := x.event(Create, fixture.BasicProps().With("GenerateSecret", "true"))
	created := x.answer(create)
	x.answer(create) // duplicate
	x.answer(x.event(Update, fixture.BasicProps().With("GenerateSecret", "true").With("ClientName", "renamed")).
		With("PhysicalResourceId", created.PhysicalResourceID).
		With("OldResourceProperties", fixture.BasicProps().With("GenerateSecret", "true")))
	x.answer(x.event(Create, props{"UserPoolId": fixture.Pool, "ClientId": seeded.ID}).With("ResourceType", LookupResourceType))
	x.answer(x.event(Delete, fixture.BasicProps()).With("PhysicalResourceId", created.PhysicalResourceID))

	secrets := x.cog.Secrets()
	require.Len(t, secrets, 2)
	responses := ""
	for _, p := range x.srv.All() {
		responses += string(p.Body)
	}
	for _, s := range secrets {
		assert.Contains(t, responses, s, "the secrets did pass through the handler")
	}
	assert.Contains(t, x.logs.String(), "answered cloudformation")
	fixture.AssertLogsClean(t, x.logs.String(), secrets)
}

func TestHandlerWithSDKAdapter(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		requestType string
		fail        func(op string, n int) error
		failAfter   func(op string, n int) error
		status      cfnresponse.Status
		reason      []string
		creates     int
		clients     int
	}{
		"throttled on every call": {
			requestType: Create,
			fail: func(op string, _ int) error {
				return fakesdk.APIError(op, "TooManyRequestsException", "Too many requests", 400)
			},
			status: cfnresponse.StatusFailed, reason: []string{"throttled"}, clients: 0,
		},
		"throttled a few times": {
			requestType: Create,
			fail: func(op string, n int) error {
				if n <= 3 {
					return fakesdk.APIError(op, "TooManyRequestsException", "Too many requests", 400)
				}
				return nil
			},
			status: cfnresponse.StatusSuccess, creates: 4, clients: 1,
		},
		"quota reached": {
			requestType: Create,
			fail: func(op string, _ int) error {
				return fakesdk.APIError(op, "LimitExceededException", "Limit exceeded", 400)
			},
			status: cfnresponse.StatusFailed, reason: []string{"1,000", "quota"}, creates: 1,
		},
		"create took effect despite a 500": {
			requestType: Create,
			failAfter: func(op string, n int) error {
				if n == 1 {
					return fakesdk.APIError(op, "InternalErrorException", "Internal error", 500)
				}
				return nil
			},
			status: cfnresponse.StatusSuccess, creates: 1, clients: 1,
		},
		"delete not authorized": {
			requestType: Delete,
			fail:        func(op string, _ int) error { return fakesdk.APIError(op, "AccessDeniedException", "denied", 400) },
			status:      cfnresponse.StatusFailed, reason: []string{"not authorized to call cognito-idp:DeleteUserPoolClient"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api := fakesdk.New()
			api.Fail, api.FailAfter = tt.fail, tt.failAfter
			x := newHarness(t, withMargin(300*time.Millisecond))
			log, logs := fixture.NewLogger()
			t.Cleanup(func() { fixture.AssertLogsClean(t, logs.String(), nil) })
			cog := cognitoapi.New(api, log, RetryPolicy{Base: 5 * time.Millisecond, Max: 50 * time.Millisecond, ServerErrors: 2, PropagationWindow: time.Second})
			x.h.cfg.Cognito = func(context.Context) (Cognito, error) { return cog, nil }

			ev := x.event(tt.requestType, fixture.BasicProps())
			if tt.requestType == Delete {
				ev = ev.With("PhysicalResourceId", "sdkclient0001")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
			defer cancel()
			_, err := x.h.Invoke(ctx, ev.Payload(t))
			require.NoError(t, err)
			assert.NoError(t, ctx.Err(), "answered and returned before the deadline")
			r := x.sole(t, ev)
			assert.Equal(t, tt.status, r.Status, r.Reason)
			for _, w := range tt.reason {
				assert.Contains(t, r.Reason, w)
			}
			if tt.creates > 0 {
				assert.Equal(t, tt.creates, api.Count(fakesdk.OpCreate))
			}
			if tt.requestType == Create {
				assert.Len(t, api.IDs(), tt.clients, "no second client")
				if tt.status == cfnresponse.StatusSuccess {
					assert.Equal(t, api.IDs()[0], r.PhysicalResourceID)
				}
			}
		})
	}
}
