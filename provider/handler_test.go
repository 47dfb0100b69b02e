package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

const (
	testStackID = "arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/5b2d4e60-8c1f-11ef-9a3b-0e6f7c2d4a11"
	testLogical = "WebClient"
	testPool    = "us-east-1_aBcDeFgHi"
	otherPool   = "us-east-1_ZyXwVuTsR"
	// testSignature and testCredential are the secret parts of the ResponseURL.
	testSignature  = "9c1f0d4e8b2a7c6d5e3f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d"
	testCredential = "AKIA6ODU5DHTEXAMPLE"
	testQuery      = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + testCredential +
		"%2F20260115%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=" + testSignature
)

// put is what the ResponseURL server saw of one request.
type put struct {
	method string
	header http.Header
	length int64
	body   []byte
}

// responseServer stands in for the pre-signed S3 ResponseURL: it records every request and
// answers with the next of codes (the last one repeating; 200 when none).
type responseServer struct {
	srv   *httptest.Server
	mu    sync.Mutex
	codes []int
	puts  []put
}

func newResponseServer(t *testing.T, codes ...int) *responseServer {
	s := &responseServer{codes: codes}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.puts)
		s.puts = append(s.puts, put{method: r.Method, header: r.Header.Clone(), length: r.ContentLength, body: body})
		code := http.StatusOK
		if len(s.codes) > 0 {
			code = s.codes[min(n, len(s.codes)-1)]
		}
		s.mu.Unlock()
		w.WriteHeader(code)
		if code == http.StatusForbidden {
			// S3 echoes request details in its error body.
			_, _ = io.WriteString(w, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Signature>"+testSignature+"</X-Amz-Signature></Error>")
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// url is the ResponseURL: loopback http, with a signed query that must never be logged.
func (s *responseServer) url() string {
	return s.srv.URL + "/arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/my-stack/WebClient?" + testQuery
}

func (s *responseServer) all() []put {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]put(nil), s.puts...)
}

// logBuffer is a concurrency-safe sink for a slog JSON handler.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) lines() []string {
	return strings.Split(strings.TrimSpace(b.String()), "\n")
}

// newTestLogger returns a slog JSON logger at debug level writing to a buffer.
func newTestLogger() (*slog.Logger, *logBuffer) {
	buf := &logBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// assertLogsClean checks that no log line holds the ResponseURL's query or one of secrets,
// and that every line is JSON.
func assertLogsClean(t *testing.T, logs *logBuffer, secrets []string) {
	t.Helper()
	out := logs.String()
	for _, s := range append([]string{testSignature, testCredential, "X-Amz-Signature", "X-Amz-Credential"}, secrets...) {
		assert.NotContains(t, out, s, "a log line reveals a secret")
	}
	for _, line := range logs.lines() {
		if line == "" {
			continue
		}
		assert.True(t, json.Valid([]byte(line)), "log line is not JSON: %s", line)
	}
}

// harness is one Handler wired to an in-memory Cognito, the real *cfnresponse.Sender and a
// recording ResponseURL server.
type harness struct {
	t      *testing.T
	cog    *fakeCognito
	srv    *responseServer
	logs   *logBuffer
	h      *Handler
	cogErr atomic.Pointer[error]
	reqs   atomic.Int64
}

type option func(*harness, *Config)

func withMargin(d time.Duration) option { return func(_ *harness, c *Config) { c.Margin = d } }

func withCodes(codes ...int) option {
	return func(x *harness, _ *Config) { x.srv.codes = codes }
}

func newHarness(t *testing.T, opts ...option) *harness {
	log, logs := newTestLogger()
	x := &harness{t: t, cog: newFakeCognito(testPool, otherPool), srv: newResponseServer(t), logs: logs}
	cfg := Config{
		Cognito: func(context.Context) (Cognito, error) {
			if err := x.cogErr.Load(); err != nil {
				return nil, *err
			}
			return x.cog, nil
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
		assertLogsClean(t, logs, x.cog.allSecrets())
		for i, p := range x.srv.all() {
			assertWellFormed(t, i, p)
		}
	})
	return x
}

// event is a CloudFormation request under construction.
type event map[string]any

// props are ResourceProperties as CloudFormation sends them: every scalar a string.
type props map[string]any

// event returns a request for the harness's ResponseURL with a fresh RequestId.
func (x *harness) event(requestType string, p props) event {
	n := x.reqs.Add(1)
	e := event{
		"RequestType":       requestType,
		"ServiceToken":      "arn:aws:lambda:us-east-1:123456789012:function:my-stack-Fn",
		"ResponseURL":       x.srv.url(),
		"StackId":           testStackID,
		"RequestId":         fmt.Sprintf("0f2c6a1e-3b7d-4c9a-8e5f-%012d", n),
		"LogicalResourceId": testLogical,
		"ResourceType":      "Custom::UserPoolClient",
	}
	if p != nil {
		e["ResourceProperties"] = p
	}
	return e
}

// with returns a copy of the request with k set to v, or removed when v is nil.
func (e event) with(k string, v any) event { return withKey(e, k, v) }

// withKey returns a copy of m with k set to v, or removed when v is nil.
func withKey[M ~map[string]any](m M, k string, v any) M {
	out := make(M, len(m)+1)
	for key, val := range m {
		out[key] = val
	}
	if v == nil {
		delete(out, k)
	} else {
		out[k] = v
	}
	return out
}

func (e event) payload(t *testing.T) []byte {
	b, err := json.Marshal(e)
	require.NoError(t, err)
	return b
}

// invoke runs ev with a Lambda deadline 5s away and requires a nil error.
func (x *harness) invoke(ev event) {
	x.t.Helper()
	payload := ev.payload(x.t) // before the deadline starts: a 1 MB event takes seconds under -race
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
	before := len(x.srv.all())
	x.invoke(ev)
	puts := x.srv.all()
	require.Len(x.t, puts, before+1, "exactly one PUT per invocation")
	r := decodeResponse(x.t, puts[before])
	assertEcho(x.t, ev, r)
	return r
}

func decodeResponse(t *testing.T, p put) cfnresponse.Response {
	t.Helper()
	var r cfnresponse.Response
	dec := json.NewDecoder(bytes.NewReader(p.body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r), "body: %s", p.body)
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

// assertWellFormed checks one PUT against the response guarantees.
func assertWellFormed(t *testing.T, i int, p put) {
	t.Helper()
	assert.Equal(t, http.MethodPut, p.method, "request %d", i)
	assert.Empty(t, p.header.Values("Content-Type"), "request %d has a Content-Type", i)
	assert.Equal(t, strconv.Itoa(len(p.body)), p.header.Get("Content-Length"), "request %d", i)
	assert.EqualValues(t, len(p.body), p.length, "request %d", i)
	assert.LessOrEqual(t, len(p.body), cfnresponse.MaxBodyBytes, "request %d", i)
	assert.True(t, json.Valid(p.body), "request %d body is not JSON: %s", i, p.body)
}

// decoded returns the model of p, as the handler decodes it.
func decoded(t *testing.T, p props) userpoolclient.Properties {
	t.Helper()
	b, err := json.Marshal(p)
	require.NoError(t, err)
	out, err := userpoolclient.Decode(b)
	require.NoError(t, err)
	return out
}

// basicProps are valid properties of a client in testPool.
func basicProps() props {
	return props{
		"ServiceToken":                    "arn:aws:lambda:us-east-1:123456789012:function:my-stack-Fn",
		"UserPoolId":                      testPool,
		"ClientName":                      "web-client",
		"ExplicitAuthFlows":               []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
		"SupportedIdentityProviders":      []string{"COGNITO"},
		"CallbackURLs":                    []string{"https://app.example.com/callback"},
		"AllowedOAuthFlows":               []string{"code"},
		"AllowedOAuthScopes":              []string{"openid", "email"},
		"AllowedOAuthFlowsUserPoolClient": "true",
		"RefreshTokenValidity":            "30",
	}
}

// with returns a copy of the properties with k set to v, or removed when v is nil.
func (p props) with(k string, v any) props { return withKey(p, k, v) }

func TestInvokeRejectsUnanswerablePayloads(t *testing.T) {
	tests := map[string]func(x *harness) []byte{
		"not json":    func(*harness) []byte { return []byte("RequestType=Create") },
		"empty":       func(*harness) []byte { return nil },
		"json null":   func(*harness) []byte { return []byte("null") },
		"json array":  func(*harness) []byte { return []byte(`[{"RequestType":"Create"}]`) },
		"json string": func(*harness) []byte { return []byte(`"Create"`) },
		"truncated": func(x *harness) []byte {
			b := x.event(Create, basicProps()).payload(t)
			return b[:len(b)/2]
		},
		"no ResponseURL": func(x *harness) []byte { return x.event(Create, basicProps()).with("ResponseURL", nil).payload(t) },
		"empty ResponseURL": func(x *harness) []byte {
			return x.event(Create, basicProps()).with("ResponseURL", "").payload(t)
		},
		"ResponseURL not a string": func(x *harness) []byte {
			return x.event(Create, basicProps()).with("ResponseURL", 42).payload(t)
		},
		"ftp ResponseURL": func(x *harness) []byte {
			return x.event(Create, basicProps()).with("ResponseURL", "ftp://127.0.0.1/key?"+testQuery).payload(t)
		},
		"http to a non-loopback host": func(x *harness) []byte {
			return x.event(Create, basicProps()).with("ResponseURL", "http://bucket.s3.amazonaws.com/key?"+testQuery).payload(t)
		},
		"https without host": func(x *harness) []byte {
			return x.event(Create, basicProps()).with("ResponseURL", "https:///key?"+testQuery).payload(t)
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
			assert.Empty(t, x.srv.all(), "no PUT")
			assert.Empty(t, x.cog.counts(), "no Cognito call")
			assert.Contains(t, x.logs.String(), "nothing can be answered", "the payload is logged")
		})
	}
}

func TestInvokeParsesFieldsOfWrongTypeLeniently(t *testing.T) {
	x := newHarness(t)
	// A field of the wrong type must not cost the ResponseURL: the request is still answered.
	ev := x.event(Create, basicProps()).with("LogicalResourceId", 7).with("PhysicalResourceId", []string{"x"})
	x.invoke(ev)
	puts := x.srv.all()
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
			r := x.answer(x.event(Create, basicProps()).with("ResourceType", rt))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, 1, x.cog.count(mCreate))
			assert.Equal(t, []string{r.PhysicalResourceID}, x.cog.clientIDs())
			assert.Equal(t, r.PhysicalResourceID, r.Data["ClientId"])
		})
	}
}

func TestUnsupportedRequestType(t *testing.T) {
	for _, rt := range []string{"Upsert", "", "create", "DELETE"} {
		for _, resource := range []string{"Custom::UserPoolClient", LookupResourceType} {
			t.Run(rt+"/"+resource, func(t *testing.T) {
				x := newHarness(t)
				ev := x.event(rt, props{"UserPoolId": testPool, "ClientId": "abc"}).
					with("ResourceType", resource).with("PhysicalResourceId", "client0001abc")
				r := x.answer(ev)
				assert.Equal(t, cfnresponse.StatusFailed, r.Status)
				assert.Contains(t, r.Reason, "unsupported request type")
				assert.Empty(t, x.cog.counts())
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
		"create": {requestType: Create, props: basicProps()},
		"update": {requestType: Update, physicalID: "client0042abc", props: basicProps()},
		"delete": {requestType: Delete, physicalID: "client0042abc", props: basicProps()},
		"lookup": {requestType: Create, props: props{"UserPoolId": testPool, "ClientId": "client0042abc"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			cfgErr := errors.New("failed to refresh cached credentials, no EC2 IMDS role found")
			x.cogErr.Store(&cfgErr)
			ev := x.event(tt.requestType, tt.props)
			if tt.physicalID != "" {
				ev = ev.with("PhysicalResourceId", tt.physicalID).with("OldResourceProperties", basicProps())
			}
			if name == "lookup" {
				ev = ev.with("ResourceType", LookupResourceType)
			}
			r := x.answer(ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "no EC2 IMDS role found")
			if tt.physicalID != "" {
				assert.Equal(t, tt.physicalID, r.PhysicalResourceID)
			}
			assert.Empty(t, x.cog.counts())
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
			ev := x.event(tt.requestType, basicProps())
			if tt.physicalID != "" {
				ev = ev.with("PhysicalResourceId", tt.physicalID).with("OldResourceProperties", basicProps())
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, err := x.h.Invoke(ctx, ev.payload(t))
			require.NoError(t, err)
			assert.NoError(t, ctx.Err(), "answered at once, without waiting for the deadline")
			puts := x.srv.all()
			require.Len(t, puts, 1)
			r := decodeResponse(t, puts[0])
			assertEcho(t, ev, r)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "insufficient time")
			if tt.physicalID != "" {
				assert.Equal(t, tt.physicalID, r.PhysicalResourceID)
			} else {
				assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
			}
			assert.Empty(t, x.cog.counts(), "no Cognito call")
		})
	}
}

func TestDefaultTimeoutBoundsAContextWithoutDeadline(t *testing.T) {
	x := newHarness(t, withMargin(300*time.Millisecond), func(_ *harness, c *Config) { c.DefaultTimeout = 500 * time.Millisecond })
	ev := x.event(Create, basicProps())
	_, err := x.h.Invoke(context.Background(), ev.payload(t))
	require.NoError(t, err)
	puts := x.srv.all()
	require.Len(t, puts, 1)
	r := decodeResponse(t, puts[0])
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "insufficient time", "500ms less a 300ms margin leaves too little to work")
	assert.Empty(t, x.cog.counts())
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
	_, err := x.h.Invoke(ctx, ev.payload(t))
	require.NoError(t, err)
	assert.NoError(t, ctx.Err(), "Invoke returned after the Lambda deadline")
	assert.True(t, time.Now().Before(deadline))
	puts := x.srv.all()
	require.Len(t, puts, 1)
	r := decodeResponse(t, puts[0])
	assertEcho(t, ev, r)
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
			x.cog.setHook(tt.hook(release))
			start := time.Now()
			r := hangingInvoke(t, x, x.event(Create, basicProps()))
			// The timer and the call's own deadline error end at the same instant.
			assert.Regexp(t, "timed out|deadline", r.Reason)
			assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
			assert.GreaterOrEqual(t, time.Since(start), hangDeadline-hangMargin, "the timer waits for the work deadline")

			close(release)
			time.Sleep(200 * time.Millisecond)
			assert.Len(t, x.srv.all(), 1, "a late completion sends nothing more")
			assert.Empty(t, x.cog.clientIDs())
		})
	}
}

// lateHook blocks Create until its context ends and then lets it succeed anyway, as a
// CreateUserPoolClient that took effect after the timer answered.
func lateHook(ctx context.Context, method string) error {
	if method == mCreate {
		<-ctx.Done()
		time.Sleep(100 * time.Millisecond)
	}
	return nil
}

func TestLateCreateRemoved(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	x.cog.setHook(lateHook)
	r := hangingInvoke(t, x, x.event(Create, basicProps()))
	assert.Contains(t, r.Reason, "timed out")
	assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, 1, x.cog.count(mCreate))
	assert.Equal(t, 1, x.cog.count(mDelete), "the client made after the answer is removed")
	assert.Empty(t, x.cog.clientIDs(), "no client left that no stack owns")
	assert.Contains(t, x.logs.String(), "removed a client no stack owns")
}

func TestLateReplacementRemovedAndOldKept(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	old := x.cog.seed(decoded(t, basicProps()), "web-client")
	x.cog.setHook(lateHook)
	ev := x.event(Update, basicProps().with("UserPoolId", otherPool)).
		with("PhysicalResourceId", old.ID).with("OldResourceProperties", basicProps())
	r := hangingInvoke(t, x, ev)
	assert.Equal(t, old.ID, r.PhysicalResourceID, "FAILED with the old ID")
	assert.Equal(t, 1, x.cog.count(mCreate))
	assert.Equal(t, 1, x.cog.count(mDelete), "the new client is removed")
	assert.Equal(t, []string{old.ID}, x.cog.clientIDs(), "only the old client is left")
}

func TestPanicAnsweredAsFailed(t *testing.T) {
	tests := map[string]struct {
		setup func(x *harness)
	}{
		"in a cognito call": {setup: func(x *harness) {
			x.cog.setHook(func(context.Context, string) error { panic("boom in cognito") })
		}},
		"in the cognito factory": {setup: func(x *harness) {
			x.h.cfg.Cognito = func(context.Context) (Cognito, error) { panic("boom in cognito") }
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			tt.setup(x)
			ev := x.event(Create, basicProps())
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var err error
			require.NotPanics(t, func() { _, err = x.h.Invoke(ctx, ev.payload(t)) })
			require.NoError(t, err)
			puts := x.srv.all()
			require.Len(t, puts, 1)
			r := decodeResponse(t, puts[0])
			assertEcho(t, ev, r)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "internal error")
			assert.Contains(t, r.Reason, "boom in cognito")
			assert.Contains(t, x.logs.String(), `"stack":"goroutine`, "the stack is logged")
		})
	}
}

func TestDuplicateDeliveryAnsweredFromCache(t *testing.T) {
	x := newHarness(t)
	ev := x.event(Create, basicProps().with("GenerateSecret", "true"))
	first := x.answer(ev)
	second := x.answer(ev)
	require.Equal(t, cfnresponse.StatusSuccess, first.Status)
	assert.Equal(t, first, second, "the duplicate gets the first answer")
	assert.Equal(t, 1, x.cog.count(mCreate), "one client")
	assert.Len(t, x.cog.clientIDs(), 1)
	assert.Len(t, x.srv.all(), 2, "one PUT per invocation")

	// Another request of the same resource is not a duplicate.
	other := x.answer(x.event(Create, basicProps()))
	assert.NotEqual(t, first.PhysicalResourceID, other.PhysicalResourceID)
	assert.Equal(t, 2, x.cog.count(mCreate))
}

func TestConcurrentDuplicatesMakeOneClient(t *testing.T) {
	x := newHarness(t)
	x.cog.setHook(func(_ context.Context, m string) error {
		if m == mCreate {
			time.Sleep(200 * time.Millisecond)
		}
		return nil
	})
	payload := x.event(Create, basicProps()).payload(t)
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
	assert.Equal(t, 1, x.cog.count(mCreate))
	puts := x.srv.all()
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
			ev := x.event(Create, basicProps().with("GenerateSecret", "true"))
			x.invoke(ev) // nil error, delivered or not
			puts := x.srv.all()
			require.Len(t, puts, tt.requests)
			for _, p := range puts {
				assert.Equal(t, puts[0].body, p.body, "one logical response")
			}
			r := decodeResponse(t, puts[0])
			assertEcho(t, ev, r)
			assert.Equal(t, 1, x.cog.count(mCreate))
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
		"100 invalid callback and logout URLs": basicProps().
			with("CallbackURLs", many(100, "http://app-%03d.example.com/callback/<&>/ünïcødé/🚀")).
			with("LogoutURLs", many(100, "http://app-%03d.example.com/logout")),
		"10,000 callback URLs":               basicProps().with("CallbackURLs", many(10000, "https://app.example.com/%d")),
		"1,000 overlong read attributes":     basicProps().with("ReadAttributes", many(1000, strings.Repeat("é", 2049)+"%d")),
		"1 MB client name":                   basicProps().with("ClientName", strings.Repeat("\u2028<", 1<<19)),
		"control characters in unknown keys": basicProps().with("Callback\x01URLs", "x").with(strings.Repeat("K\"", 3000), "y"),
	}
	for name, p := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			r := x.answer(x.event(Create, p))
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "invalid properties")
			assert.Empty(t, x.cog.counts(), "rejected before any Cognito call")
			// assertWellFormed (at cleanup) checks the 4096 bytes and the Content-Length.
			body := x.srv.all()[0].body
			assert.LessOrEqual(t, len(body), cfnresponse.MaxBodyBytes)
		})
	}
}

func TestUnicodeEchoedExactly(t *testing.T) {
	x := newHarness(t)
	ev := x.event(Create, basicProps().with("ClientName", "ünïcødé 🚀 <&>")).with("LogicalResourceId", "Web<&>Client\u2028ü")
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
	seeded := x.cog.seed(decoded(t, basicProps().with("GenerateSecret", "true")), "seeded")
	create := x.event(Create, basicProps().with("GenerateSecret", "true"))
	created := x.answer(create)
	x.answer(create) // duplicate
	x.answer(x.event(Update, basicProps().with("GenerateSecret", "true").with("ClientName", "renamed")).
		with("PhysicalResourceId", created.PhysicalResourceID).
		with("OldResourceProperties", basicProps().with("GenerateSecret", "true")))
	x.answer(x.event(Create, props{"UserPoolId": testPool, "ClientId": seeded.ID}).with("ResourceType", LookupResourceType))
	x.answer(x.event(Delete, basicProps()).with("PhysicalResourceId", created.PhysicalResourceID))

	secrets := x.cog.allSecrets()
	require.Len(t, secrets, 2)
	responses := ""
	for _, p := range x.srv.all() {
		responses += string(p.body)
	}
	for _, s := range secrets {
		assert.Contains(t, responses, s, "the secrets did pass through the handler")
	}
	assert.Contains(t, x.logs.String(), "answered cloudformation")
	assertLogsClean(t, x.logs, secrets)
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
				return apiError(op, "TooManyRequestsException", "Too many requests", 400)
			},
			status: cfnresponse.StatusFailed, reason: []string{"throttled"}, clients: 0,
		},
		"throttled a few times": {
			requestType: Create,
			fail: func(op string, n int) error {
				if n <= 3 {
					return apiError(op, "TooManyRequestsException", "Too many requests", 400)
				}
				return nil
			},
			status: cfnresponse.StatusSuccess, creates: 4, clients: 1,
		},
		"quota reached": {
			requestType: Create,
			fail:        func(op string, _ int) error { return apiError(op, "LimitExceededException", "Limit exceeded", 400) },
			status:      cfnresponse.StatusFailed, reason: []string{"1,000", "quota"}, creates: 1,
		},
		"create took effect despite a 500": {
			requestType: Create,
			failAfter: func(op string, n int) error {
				if n == 1 {
					return apiError(op, "InternalErrorException", "Internal error", 500)
				}
				return nil
			},
			status: cfnresponse.StatusSuccess, creates: 1, clients: 1,
		},
		"delete not authorized": {
			requestType: Delete,
			fail:        func(op string, _ int) error { return apiError(op, "AccessDeniedException", "denied", 400) },
			status:      cfnresponse.StatusFailed, reason: []string{"not authorized to call cognito-idp:DeleteUserPoolClient"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api := newFakeAPI()
			api.fail, api.failAfter = tt.fail, tt.failAfter
			x := newHarness(t, withMargin(300*time.Millisecond))
			log, logs := newTestLogger()
			t.Cleanup(func() { assertLogsClean(t, logs, nil) })
			cog := NewCognito(api, log, RetryPolicy{Base: 5 * time.Millisecond, Max: 50 * time.Millisecond, ServerErrors: 2, PropagationWindow: time.Second})
			x.h.cfg.Cognito = func(context.Context) (Cognito, error) { return cog, nil }

			ev := x.event(tt.requestType, basicProps())
			if tt.requestType == Delete {
				ev = ev.with("PhysicalResourceId", "sdkclient0001")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
			defer cancel()
			_, err := x.h.Invoke(ctx, ev.payload(t))
			require.NoError(t, err)
			assert.NoError(t, ctx.Err(), "answered and returned before the deadline")
			puts := x.srv.all()
			require.Len(t, puts, 1)
			r := decodeResponse(t, puts[0])
			assertEcho(t, ev, r)
			assert.Equal(t, tt.status, r.Status, r.Reason)
			for _, w := range tt.reason {
				assert.Contains(t, r.Reason, w)
			}
			if tt.creates > 0 {
				assert.Equal(t, tt.creates, api.count(opCreate))
			}
			if tt.requestType == Create {
				assert.Len(t, api.ids(), tt.clients, "no second client")
				if tt.status == cfnresponse.StatusSuccess {
					assert.Equal(t, api.ids()[0], r.PhysicalResourceID)
				}
			}
		})
	}
}
