package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/faultproxy"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

var (
	moto    *localrun.Moto
	proxy   *faultproxy.Proxy
	catcher *localrun.Catcher
)

func TestMain(m *testing.M) {
	os.Exit(testrig.Run(m, testrig.Suite{
		Name:  "test/faults",
		Needs: []testrig.Tool{testrig.Moto},
		Setup: func(ctx context.Context) (func() error, error) {
			// The function finds Cognito only through the SDK's standard variables: the proxy.
			local, err := testrig.StartLocal(ctx, true)
			if err != nil {
				return nil, err
			}
			moto, proxy, catcher = local.Moto, local.Proxy, local.Catcher
			return func() error { testrig.RemoveLambda(); return local.Close() }, nil
		},
	}))
}

// fastPolicy keeps retries short so that the suite stays fast; DefaultRetryPolicy's real
// backoff is exercised by the throttled fleet.
var fastPolicy = provider.RetryPolicy{
	Base:              5 * time.Millisecond,
	Max:               50 * time.Millisecond,
	ServerErrors:      4,
	PropagationWindow: time.Second,
}

// cognitoFunc is Config.Cognito.
type cognitoFunc = func(context.Context) (provider.Cognito, error)

type settings struct {
	policy         provider.RetryPolicy
	margin         time.Duration
	sdkOptions     []func(*config.LoadOptions) error
	wrap           func(cognitoFunc) cognitoFunc
	logHandler     func(slog.Handler) slog.Handler
	attemptTimeout time.Duration
}

// option changes how a fixture's handler is wired.
type option func(*settings)

func withMargin(d time.Duration) option { return func(s *settings) { s.margin = d } }
func withSDKOptions(o ...func(*config.LoadOptions) error) option {
	return func(s *settings) { s.sdkOptions = append(s.sdkOptions, o...) }
}
func withCognito(wrap func(cognitoFunc) cognitoFunc) option {
	return func(s *settings) { s.wrap = wrap }
}
func withLogHandler(wrap func(slog.Handler) slog.Handler) option {
	return func(s *settings) { s.logHandler = wrap }
}

// fixture is one stack with one handler (a warm instance), its own pool and its own log.
type fixture struct {
	t     *testing.T
	h     *provider.Handler
	logs  *localrun.LogBuffer
	log   *slog.Logger
	pool  string
	stack string
	seq   atomic.Int64

	mu         sync.Mutex
	pools      []string
	owned      map[string]bool // client IDs the stack owns after the responses so far
	signatures []string        // X-Amz-Signature of every ResponseURL issued
	secrets    []string
	orphans    int    // clients left in the pools that no response owns, as measured
	orphanWhy  string // why the test accepts them
}

func newFixture(t *testing.T, opts ...option) *fixture {
	t.Helper()
	s := settings{policy: fastPolicy, margin: 500 * time.Millisecond, attemptTimeout: time.Second}
	for _, o := range opts {
		o(&s)
	}
	f := &fixture{t: t, logs: &localrun.LogBuffer{}, owned: map[string]bool{}}
	var handler slog.Handler = slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})
	if s.logHandler != nil {
		handler = s.logHandler(handler)
	}
	f.log = slog.New(handler)
	cfg := provider.SDKConfig(s.sdkOptions...)
	cognito := provider.SDKCognito(f.log, s.policy, cfg)
	if s.wrap != nil {
		cognito = s.wrap(cognito)
	}
	f.h = provider.New(provider.Config{
		Cognito:        cognito,
		SecretsManager: provider.SDKSecretsManager(f.log, s.policy, cfg),
		// The production sender's shape (lambda/main.go), with shorter attempts.
		Sender: &cfnresponse.Sender{Logger: f.log, AttemptTimeout: s.attemptTimeout},
		Logger: f.log,
		Margin: s.margin,
	})
	f.stack = testrig.StackID(t, "faults-")
	f.pool = f.newPool()
	t.Cleanup(f.finalChecks)
	return f
}

func (f *fixture) newPool() string {
	id := testrig.NewPool(f.t, moto, "faults-")
	f.mu.Lock()
	f.pools = append(f.pools, id)
	f.mu.Unlock()
	return id
}

// expectOrphans records that the case leaves n clients no response owns, and why: a
// measured, documented limit rather than a pass.
func (f *fixture) expectOrphans(n int, why string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.orphans, f.orphanWhy = n, why
}

// finalChecks are the guarantees that hold over the whole case: no secret or presigned
// signature in any log line, and no client that no response owns.
func (f *fixture) finalChecks() {
	t := f.t
	logs := f.logs.String()
	if t.Failed() {
		t.Logf("function logs:\n%s", tail(logs, 20000))
	}
	assertCleanLogs(t, logs, f.signatures, f.secrets)

	f.mu.Lock()
	pools, owned, want, why := slices.Clone(f.pools), f.owned, f.orphans, f.orphanWhy
	f.mu.Unlock()
	var orphans []string
	for _, pool := range pools {
		for _, c := range listClients(t, pool) {
			if c.secret != "" {
				assert.NotContains(t, logs, c.secret, "a client secret reached the logs")
			}
			if !owned[c.id] {
				orphans = append(orphans, pool+"/"+c.id)
			}
		}
	}
	if want == 0 {
		assert.Empty(t, orphans, "clients that no response owns")
	} else {
		assert.Len(t, orphans, want, "measured orphans (%s)", why)
		t.Logf("documented limit: %d orphan client(s) %v: %s", len(orphans), orphans, why)
	}
}

// assertCleanLogs: neither a ResponseURL's query (its signature) nor a client secret ever
// reaches a log line.
func assertCleanLogs(t *testing.T, logs string, signatures, secrets []string) {
	t.Helper()
	assert.NotContains(t, logs, "X-Amz-Signature", "a presigned query reached the logs")
	assert.NotContains(t, logs, "X-Amz-Credential", "a presigned query reached the logs")
	for _, s := range signatures {
		assert.NotContains(t, logs, s, "a presigned signature reached the logs")
	}
	for _, s := range secrets {
		assert.NotContains(t, logs, s, "a client secret reached the logs")
	}
}

type client struct{ id, name, secret string }

// listClients lists a pool's clients straight from moto, past the proxy.
func listClients(t *testing.T, pool string) []client {
	t.Helper()
	ctx := context.Background()
	var out []client
	var token *string
	for {
		page, err := moto.Cognito().ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &pool, MaxResults: aws.Int32(60), NextToken: token})
		if err != nil && strings.Contains(err.Error(), "ResourceNotFound") {
			return nil // the pool is gone, and its clients with it
		}
		require.NoError(t, err)
		for _, c := range page.UserPoolClients {
			d, err := moto.Cognito().DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &pool, ClientId: c.ClientId})
			require.NoError(t, err)
			out = append(out, client{
				id:     aws.ToString(c.ClientId),
				name:   aws.ToString(c.ClientName),
				secret: aws.ToString(d.UserPoolClient.ClientSecret),
			})
		}
		if aws.ToString(page.NextToken) == "" {
			return out
		}
		token = page.NextToken
	}
}

// clientIDs lists the IDs of a pool's clients.
func clientIDs(t *testing.T, pool string) []string {
	var ids []string
	for _, c := range listClients(t, pool) {
		ids = append(ids, c.id)
	}
	return ids
}

// calls is what reached the proxy for pool: every Cognito request the function made.
func calls(pool string) faultproxy.Stats { return proxy.Stats(pool) }

// request is the part of a CloudFormation request a test chooses; event fills in what it
// leaves out.
type request = testrig.Request

type expectation struct {
	deadline  time.Duration // the Lambda deadline the context plays (default 10 s)
	script    *localrun.Script
	puts      [2]int // the least and most PUTs expected at the ResponseURL (default 1, 1)
	delivered int    // PUTs answered 2xx (default 1)
	// differentBodies: the PUTs are not retries of one response (two instances answered).
	differentBodies bool
}

type expect func(*expectation)

func deadline(d time.Duration) expect { return func(e *expectation) { e.deadline = d } }
func script(s localrun.Script) expect { return func(e *expectation) { e.script = &s } }
func puts(n int) expect               { return func(e *expectation) { e.puts = [2]int{n, n} } }
func putsBetween(lo, hi int) expect   { return func(e *expectation) { e.puts = [2]int{lo, hi} } }
func undelivered() expect             { return func(e *expectation) { e.delivered = 0 } }
func delivered(n int) expect          { return func(e *expectation) { e.delivered = n } }

// result is one request's outcome.
type result struct {
	localrun.Response
	got      localrun.Captured
	url      string
	began    time.Time // Invoke called
	returned time.Time // Invoke returned
	deadline time.Time // the Lambda deadline
}

// event builds the CloudFormation request for r, with this fixture's stack, a fresh request ID
// and a fresh catcher URL unless r names its own.
func (f *fixture) event(r *request) []byte {
	f.t.Helper()
	if r.RequestID == "" {
		r.RequestID = fmt.Sprintf("%s-req-%d", testrig.SafeName(f.t.Name()), f.seq.Add(1))
	}
	if r.StackID == "" {
		r.StackID = f.stack
	}
	if r.ResponseURL == "" {
		r.ResponseURL = f.newURL()
	}
	ev, err := r.Event()
	require.NoError(f.t, err)
	return ev
}

// newURL issues a catcher URL whose signature the logs must never show.
func (f *fixture) newURL() string {
	u := catcher.NewURL()
	if _, q, ok := strings.Cut(u, "?"); ok {
		if m := regexp.MustCompile(`X-Amz-Signature=([0-9a-f]+)`).FindStringSubmatch(q); m != nil {
			f.mu.Lock()
			f.signatures = append(f.signatures, m[1])
			f.mu.Unlock()
		}
	}
	return u
}

func marshal(t *testing.T, v any) []byte {
	b, err := localrun.Marshal(v)
	require.NoError(t, err)
	return b
}

// send delivers r to the fixture's handler as CloudFormation would, then checks the common
// guarantees of docs/faults.md and returns the response.
func (f *fixture) send(r request, opts ...expect) result {
	f.t.Helper()
	return f.sendTo(f.h, r, opts...)
}

func (f *fixture) sendTo(h *provider.Handler, r request, opts ...expect) result {
	f.t.Helper()
	payload := f.event(&r)
	exp := expectation{deadline: 10 * time.Second, puts: [2]int{1, 1}, delivered: 1}
	for _, o := range opts {
		o(&exp)
	}
	if exp.script != nil {
		require.NoError(f.t, catcher.SetScript(r.ResponseURL, *exp.script))
	}
	ctx, cancel := context.WithTimeout(context.Background(), exp.deadline)
	defer cancel()
	res := result{url: r.ResponseURL, began: time.Now()}
	res.deadline, _ = ctx.Deadline()
	out, err := h.Invoke(ctx, payload)
	res.returned = time.Now()
	require.NoError(f.t, err, "Invoke returns nil once it has tried to answer")
	require.Nil(f.t, out)

	res.got = settle(f.t, r.ResponseURL, exp.delivered > 0)
	res.Response = f.checkResponse(r, res.got, exp)
	return res
}

// settle waits for what the catcher will have received at url: the delivered PUT when one is
// expected, then until nothing more arrives for a moment.
func settle(t *testing.T, url string, delivered bool) localrun.Captured {
	t.Helper()
	return settleAll(t, []string{url}, delivered)[0]
}

// settleAll is settle for many URLs at once.
func settleAll(t *testing.T, urls []string, delivered bool) []localrun.Captured {
	t.Helper()
	if delivered {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, url := range urls {
			_, err := catcher.Wait(ctx, url)
			require.NoError(t, err, "the response was delivered")
		}
	}
	snapshot := func() ([]localrun.Captured, int) {
		out, n := make([]localrun.Captured, len(urls)), 0
		for i, url := range urls {
			out[i] = catcher.Snapshot(url)
			n += len(out[i].Requests)
		}
		return out, n
	}
	got, n := snapshot()
	for quiet := time.Now(); time.Since(quiet) < 100*time.Millisecond; {
		time.Sleep(25 * time.Millisecond)
		if now, m := snapshot(); m != n {
			got, n, quiet = now, m, time.Now()
		}
	}
	return got
}

// checkResponse asserts the guarantees every response keeps (docs/faults.md, top) and records
// which clients the stack owns once CloudFormation has read it.
func (f *fixture) checkResponse(r request, got localrun.Captured, exp expectation) localrun.Response {
	t := f.t
	t.Helper()
	if exp.puts[0] == exp.puts[1] {
		require.Equal(t, exp.puts[0], got.PUTs, "PUTs to the ResponseURL")
	} else {
		require.True(t, got.PUTs >= exp.puts[0] && got.PUTs <= exp.puts[1], "%d PUTs to the ResponseURL, not %d to %d", got.PUTs, exp.puts[0], exp.puts[1])
	}
	delivered := 0
	var first []byte
	for i, req := range got.Requests {
		require.Equal(t, http.MethodPut, req.Method)
		if req.Status/100 == 2 {
			delivered++
		}
		if i == 0 {
			first = req.Body
		}
		if !exp.differentBodies {
			assert.Equal(t, string(first), string(req.Body), "every attempt carries the same logical response")
		}
		assert.Equal(t, int64(len(req.Body)), req.ContentLength, "byte-exact Content-Length")
		assert.False(t, req.Chunked, "no chunked encoding (S3 refuses it)")
		assert.Empty(t, req.Header.Get("Content-Type"), "no Content-Type (S3 presigned URLs are signed without one)")
		assert.LessOrEqual(t, len(req.Body), cfnresponse.MaxBodyBytes, "body at most 4096 bytes")
		assert.True(t, json.Valid(req.Body) && utf8.Valid(req.Body), "body is valid JSON: %q", req.Body)
		assert.NoError(t, req.DecodeErr, "body is a CloudFormation response")
	}
	require.Equal(t, exp.delivered, delivered, "responses delivered (answered 2xx)")
	resp := got.Response
	require.Contains(t, []string{"SUCCESS", "FAILED"}, resp.Status)
	assert.Equal(t, r.StackID, resp.StackID, "StackId echoed")
	assert.Equal(t, r.RequestID, resp.RequestID, "RequestId echoed")
	assert.Equal(t, r.LogicalID, resp.LogicalResourceID, "LogicalResourceId echoed")
	assert.NotEmpty(t, resp.PhysicalResourceID, "PhysicalResourceId")
	if resp.Status == "FAILED" {
		assert.NotEmpty(t, resp.Reason, "a FAILED response has a Reason")
		assert.Empty(t, resp.Data)
	}
	if secret := resp.Data["ClientSecret"]; secret != "" {
		assert.True(t, resp.NoEcho, "a response carrying a secret sets NoEcho")
		f.mu.Lock()
		f.secrets = append(f.secrets, secret)
		f.mu.Unlock()
	}
	if exp.delivered > 0 {
		f.own(r, resp)
	}
	return resp
}

// own applies a delivered response to what the stack owns.
func (f *fixture) own(r request, resp localrun.Response) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.ResourceType == provider.LookupResourceType {
		return
	}
	id := resp.PhysicalResourceID
	switch {
	case r.RequestType == provider.Delete && resp.Status == "SUCCESS":
		delete(f.owned, id)
	case r.RequestType == provider.Delete:
	case userpoolclient.IsClientID(id):
		// A SUCCESS, or a FAILED Create carrying the client it made (the rollback Delete
		// removes it).
		f.owned[id] = true
	}
}

// create makes a client the plain way and returns its ID.
func (f *fixture) create(props map[string]any) string {
	f.t.Helper()
	resp := f.send(request{RequestType: provider.Create, Props: props})
	require.Equal(f.t, "SUCCESS", resp.Status, resp.Reason)
	return resp.PhysicalResourceID
}

// failedCreate makes every Create in the fixture's pool meet rule (its Op, Pool and Times are
// set here), sends a Create and requires it FAILED.
func (f *fixture) failedCreate(rule faultproxy.Rule, opts ...expect) result {
	f.t.Helper()
	rule.Op, rule.Pool, rule.Times = opCreate, f.pool, -1
	proxy.Add(rule)
	res := f.send(request{RequestType: provider.Create, Props: webProps(f.pool)}, opts...)
	require.Equal(f.t, "FAILED", res.Status)
	return res
}

// webProps is the shared web client fixture.
func webProps(pool string) map[string]any { return testrig.WebProps(pool) }

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
