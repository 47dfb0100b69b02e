package cfnresponse

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// secretQuery is the part of a ResponseURL that must never be logged.
const secretQuery = "?" + fixture.Query

// secretWords are the pieces of secretQuery searched for in logs and errors.
var secretWords = []string{fixture.Signature, fixture.Credential, "X-Amz-Signature"}

// newSender returns a Sender for tests that logs into the returned buffer
// and records its sleeps instead of sleeping.
func newSender() (*Sender, *localrun.LogBuffer, *[]time.Duration) {
	log, logs := fixture.NewLogger()
	var mu sync.Mutex
	sleeps := &[]time.Duration{}
	s := &Sender{
		Logger:         log,
		AttemptTimeout: 2 * time.Second,
		BaseDelay:      time.Millisecond,
		MaxDelay:       4 * time.Millisecond,
		Sleep: func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			*sleeps = append(*sleeps, d)
			mu.Unlock()
			return ctx.Err()
		},
	}
	return s, logs, sleeps
}

// assertNoSecret fails when the query of the ResponseURL leaked.
func assertNoSecret(t *testing.T, logs *localrun.LogBuffer, err error) {
	t.Helper()
	for _, w := range secretWords {
		if strings.Contains(logs.String(), w) {
			t.Errorf("logs contain %s:\n%s", w, logs)
		}
		if err != nil && strings.Contains(err.Error(), w) {
			t.Errorf("error %q contains %s", err, w)
		}
	}
}

// assertLogKeys checks that every log line carries the documented keys and
// only the redacted URL.
func assertLogKeys(t *testing.T, logs *localrun.LogBuffer, wantURL string) {
	t.Helper()
	for _, line := range fixture.Records(t, logs.String()) {
		keys := []string{"status", "url", "attempt", "httpStatus"}
		if line["msg"] != "response sent" {
			keys = append(keys, "error")
		}
		for _, k := range keys {
			if _, ok := line[k]; !ok {
				t.Errorf("log line %v lacks key %q", line, k)
			}
		}
		if line["url"] != wantURL {
			t.Errorf("logged url %v, want %q", line["url"], wantURL)
		}
	}
}

// countMsg counts the log lines with message msg.
func countMsg(t *testing.T, logs *localrun.LogBuffer, msg string) int {
	n := 0
	for _, line := range fixture.Records(t, logs.String()) {
		if line["msg"] == msg {
			n++
		}
	}
	return n
}

func TestSendHappyPath(t *testing.T) {
	srv := fixture.NewResponseServer(t)
	s, logs, sleeps := newSender()
	resp := testResponse()

	err := s.Send(t.Context(), srv.Base()+"/stack/resource"+secretQuery, resp)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	reqs := srv.All()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	req := reqs[0]
	if req.Method != http.MethodPut {
		t.Errorf("method %s, want PUT", req.Method)
	}
	if v, ok := req.Header["Content-Type"]; ok {
		t.Errorf("request has a Content-Type header %q, want none", v)
	}
	if req.Length != int64(len(req.Body)) {
		t.Errorf("Content-Length %d, body %d bytes", req.Length, len(req.Body))
	}
	if te := req.Header.Get("Transfer-Encoding"); te != "" {
		t.Errorf("Transfer-Encoding %q, want none", te)
	}
	if req.Query != fixture.Query {
		t.Errorf("query %q was not sent as given", req.Query)
	}
	want, _ := Encode(resp)
	if !bytes.Equal(req.Body, want) {
		t.Errorf("body %s, want %s", req.Body, want)
	}
	var got Response
	if err := json.Unmarshal(req.Body, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, resp) {
		t.Errorf("server decoded %+v, want %+v", got, resp)
	}
	if len(*sleeps) != 0 {
		t.Errorf("slept %v, want no sleep", *sleeps)
	}
	if n := countMsg(t, logs, "response sent"); n != 1 {
		t.Errorf("%d \"response sent\" lines, want 1:\n%s", n, logs)
	}
	assertLogKeys(t, logs, srv.Base()+"/stack/resource")
	assertNoSecret(t, logs, err)
}

func TestSendStatuses(t *testing.T) {
	tests := map[string]struct {
		codes        []int
		wantAttempts int
		wantErr      string // empty: success
	}{
		"500, 503 then 200":  {codes: []int{500, 503, 200}, wantAttempts: 3},
		"429 then 204":       {codes: []int{429, 204}, wantAttempts: 2},
		"403 is final":       {codes: []int{403, 200}, wantAttempts: 1, wantErr: "http status 403 (AccessDenied)"},
		"404 is final":       {codes: []int{404, 200}, wantAttempts: 1, wantErr: "http status 404"},
		"400 is final":       {codes: []int{400}, wantAttempts: 1, wantErr: "not retryable"},
		"always 502":         {codes: []int{502}, wantAttempts: 4, wantErr: "attempts exhausted"},
		"500 then 403 final": {codes: []int{500, 403, 200}, wantAttempts: 2, wantErr: "http status 403"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv := fixture.NewResponseServer(t, tc.codes...)
			s, logs, sleeps := newSender()
			s.MaxAttempts = 4
			resp := testResponse()

			err := s.Send(t.Context(), srv.Base()+"/stack/resource"+secretQuery, resp)

			reqs := srv.All()
			if len(reqs) != tc.wantAttempts {
				t.Errorf("%d attempts, want %d", len(reqs), tc.wantAttempts)
			}
			want, _ := Encode(resp)
			for i, r := range reqs {
				if !bytes.Equal(r.Body, want) || r.Length != int64(len(want)) {
					t.Errorf("attempt %d: body %q (Content-Length %d), want %q", i+1, r.Body, r.Length, want)
				}
				if _, ok := r.Header["Content-Type"]; ok {
					t.Errorf("attempt %d has a Content-Type header", i+1)
				}
			}
			// A sleep between attempts, none after the last.
			if len(*sleeps) != len(reqs)-1 {
				t.Errorf("%d sleeps for %d attempts", len(*sleeps), len(reqs))
			}
			for _, d := range *sleeps {
				if d < 0 || d > s.MaxDelay {
					t.Errorf("sleep %v outside [0, %v]", d, s.MaxDelay)
				}
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				if n := countMsg(t, logs, "response sent"); n != 1 {
					t.Errorf("%d \"response sent\" lines, want 1", n)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				var se *statusError
				if !errors.As(err, &se) {
					t.Errorf("error %v does not wrap the HTTP status", err)
				}
				if n := countMsg(t, logs, "response not delivered"); n != 1 {
					t.Errorf("%d \"response not delivered\" lines, want 1", n)
				}
			}
			wantFailures := len(reqs) - 1 // all but the successful one
			if tc.wantErr != "" {
				wantFailures = len(reqs)
			}
			if n := countMsg(t, logs, "response attempt failed"); n != wantFailures {
				t.Errorf("%d attempt failure lines, want %d", n, wantFailures)
			}
			assertLogKeys(t, logs, srv.Base()+"/stack/resource")
			assertNoSecret(t, logs, err)
		})
	}
}

func TestSendHangingServer(t *testing.T) {
	done := make(chan struct{})
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(done) }) // runs before srv.Close
	s, logs, _ := newSender()
	s.AttemptTimeout = 300 * time.Millisecond
	s.MaxAttempts = 100 // the deadline is the bound

	ctx, cancel := context.WithTimeout(t.Context(), 1400*time.Millisecond)
	defer cancel()
	err := s.Send(ctx, srv.URL+"/stack/resource"+secretQuery, testResponse())

	if ctx.Err() != nil {
		t.Errorf("Send returned after the context deadline")
	}
	if err == nil {
		t.Fatal("Send succeeded against a hanging server")
	}
	if !strings.Contains(err.Error(), "no time left before deadline") {
		t.Errorf("error %q, want it to say the deadline stopped the retries", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %q does not wrap context.DeadlineExceeded", err)
	}
	n := hits.Load()
	// Attempts of 300ms each before a 1.4s deadline, with no backoff delay:
	// at least two (the per-attempt timeout works), at most four.
	if n < 2 || n > 4 {
		t.Errorf("%d attempts, want 2 to 4", n)
	}
	assertLogKeys(t, logs, srv.URL+"/stack/resource")
	assertNoSecret(t, logs, err)
}

func TestSendClosedServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	raw := srv.URL + "/stack/resource" + secretQuery
	srv.Close()
	s, logs, sleeps := newSender()
	s.MaxAttempts = 3

	err := s.Send(t.Context(), raw, testResponse())
	if err == nil {
		t.Fatal("Send succeeded against a closed server")
	}
	if n := countMsg(t, logs, "response attempt failed"); n != 3 {
		t.Errorf("%d failed attempts, want 3", n)
	}
	if len(*sleeps) != 2 {
		t.Errorf("%d sleeps, want 2", len(*sleeps))
	}
	if !strings.Contains(err.Error(), "attempts exhausted") {
		t.Errorf("error %q, want attempts exhausted", err)
	}
	assertNoSecret(t, logs, err)
}

func TestSendConnectionReset(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	s, logs, _ := newSender()
	s.MaxAttempts = 3

	err := s.Send(t.Context(), srv.URL+"/stack/resource"+secretQuery, testResponse())
	if err == nil {
		t.Fatal("Send succeeded against a resetting server")
	}
	n := hits.Load()
	if n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	assertLogKeys(t, logs, srv.URL+"/stack/resource")
	assertNoSecret(t, logs, err)
}

func TestSendNoRetryWhenDeadlineTooClose(t *testing.T) {
	srv := fixture.NewResponseServer(t, 500, 200)
	s, logs, sleeps := newSender()
	s.AttemptTimeout = 10 * time.Second // longer than the time left

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	err := s.Send(ctx, srv.Base()+"/x"+secretQuery, testResponse())
	if err == nil || !strings.Contains(err.Error(), "no time left before deadline") {
		t.Fatalf("error %v, want no time left before deadline", err)
	}
	if n := len(srv.All()); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
	if len(*sleeps) != 0 {
		t.Errorf("slept %v, want no sleep", *sleeps)
	}
	assertNoSecret(t, logs, err)
}

func TestSendContextDone(t *testing.T) {
	srv := fixture.NewResponseServer(t)
	s, logs, _ := newSender()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	err := s.Send(ctx, srv.Base()+"/x"+secretQuery, testResponse())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if n := len(srv.All()); n != 0 {
		t.Errorf("%d attempts, want 0", n)
	}
	assertNoSecret(t, logs, err)
}

func TestSendRejects(t *testing.T) {
	tests := map[string]struct {
		url     string
		edit    func(*Response)
		wantErr string
	}{
		"remote http url": {url: "http://example.com/x" + secretQuery, wantErr: "loopback"},
		"empty physical":  {edit: func(r *Response) { r.PhysicalResourceID = "" }, wantErr: "empty physical resource id"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv := fixture.NewResponseServer(t)
			s, logs, _ := newSender()
			raw := tc.url
			if raw == "" {
				raw = srv.Base() + "/x" + secretQuery
			}
			resp := testResponse()
			if tc.edit != nil {
				tc.edit(&resp)
			}
			err := s.Send(t.Context(), raw, resp)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if n := len(srv.All()); n != 0 {
				t.Errorf("%d requests, want 0", n)
			}
			if n := countMsg(t, logs, "response not delivered"); n != 1 {
				t.Errorf("%d \"response not delivered\" lines, want 1", n)
			}
			assertNoSecret(t, logs, err)
		})
	}
}

func TestSendOversizeBody(t *testing.T) {
	tests := map[string]struct {
		edit       func(*Response)
		wantStatus Status
	}{
		"huge reason": {edit: func(r *Response) { r.Status, r.Reason = StatusFailed, strings.Repeat("é\x01🙂<", 1<<16) }, wantStatus: StatusFailed},
		"huge data":   {edit: func(r *Response) { r.Data = map[string]string{"k": strings.Repeat("v", 1<<16)} }, wantStatus: StatusFailed},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv := fixture.NewResponseServer(t)
			s, logs, _ := newSender()
			resp := testResponse()
			tc.edit(&resp)
			if err := s.Send(t.Context(), srv.Base()+"/x"+secretQuery, resp); err != nil {
				t.Fatal(err)
			}
			reqs := srv.All()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if reqs[0].Length != int64(len(reqs[0].Body)) || len(reqs[0].Body) > MaxBodyBytes {
				t.Errorf("Content-Length %d, body %d bytes, limit %d", reqs[0].Length, len(reqs[0].Body), MaxBodyBytes)
			}
			got := checkBody(t, reqs[0].Body)
			if got.Status != tc.wantStatus {
				t.Errorf("status %s, want %s", got.Status, tc.wantStatus)
			}
			// The logged status is the one actually sent.
			for _, line := range fixture.Records(t, logs.String()) {
				if line["status"] != string(tc.wantStatus) {
					t.Errorf("logged status %v, want %s", line["status"], tc.wantStatus)
				}
			}
		})
	}
}

func TestSendDefaults(t *testing.T) {
	srv := fixture.NewResponseServer(t)
	var s *Sender // nil: all defaults, slog.Default()
	if err := s.Send(t.Context(), srv.Base()+"/x", testResponse()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.All()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	c := (&Sender{}).config()
	if c.attemptTimeout != 5*time.Second || c.maxAttempts != 6 || c.baseDelay != 200*time.Millisecond ||
		c.maxDelay != 2*time.Second || c.client == nil || c.logger == nil || c.sleep == nil {
		t.Errorf("defaults %+v", c)
	}
}

// fakeClient is an httpClient that fails with the URL-quoting *url.Error
// of net/http a number of times, then answers 200.
type fakeClient struct {
	failures int
	reqs     []*http.Request
	bodies   [][]byte
}

func (f *fakeClient) Do(req *http.Request) (*http.Response, error) {
	f.reqs = append(f.reqs, req)
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	f.bodies = append(f.bodies, body)
	if len(f.reqs) <= f.failures {
		return nil, &url.Error{Op: "Put", URL: req.URL.String(), Err: errors.New("read: connection reset by peer")}
	}
	return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(strings.NewReader(""))}, nil
}

func TestSendClientSeam(t *testing.T) {
	fake := &fakeClient{failures: 2}
	s, logs, _ := newSender()
	s.Client = fake
	raw := "https://bucket.s3.amazonaws.com/stack/resource" + secretQuery

	if err := s.Send(t.Context(), raw, testResponse()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if len(fake.reqs) != 3 {
		t.Fatalf("%d calls, want 3", len(fake.reqs))
	}
	want, _ := Encode(testResponse())
	for i, req := range fake.reqs {
		if req.Method != http.MethodPut || req.ContentLength != int64(len(want)) || req.GetBody == nil {
			t.Errorf("attempt %d: method %s, ContentLength %d, GetBody set %v", i+1, req.Method, req.ContentLength, req.GetBody != nil)
		}
		if len(req.Header) != 0 {
			t.Errorf("attempt %d: headers %v, want none", i+1, req.Header)
		}
		if !bytes.Equal(fake.bodies[i], want) {
			t.Errorf("attempt %d: body %q, want %q", i+1, fake.bodies[i], want)
		}
	}
	if n := countMsg(t, logs, "response attempt failed"); n != 2 {
		t.Errorf("%d failed attempts logged, want 2", n)
	}
	if !strings.Contains(logs.String(), "connection reset by peer") {
		t.Errorf("logs lack the cause:\n%s", logs)
	}
	assertLogKeys(t, logs, "https://bucket.s3.amazonaws.com/stack/resource")
	assertNoSecret(t, logs, nil)
}
