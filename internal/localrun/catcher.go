package localrun

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// maxCapturedBody bounds how much of a request body the catcher keeps; a
// CloudFormation response body may hold at most 4096 bytes.
const maxCapturedBody = 1 << 20

// responsePathPrefix mimics the bucket-style path of CloudFormation's
// response URLs.
const responsePathPrefix = "/cloudformation-custom-resource-response-local/"

// Response is the body of a custom resource response, as CloudFormation
// reads it.
type Response struct {
	Status             string            `json:"Status"`
	Reason             string            `json:"Reason"`
	PhysicalResourceID string            `json:"PhysicalResourceId"`
	StackID            string            `json:"StackId"`
	RequestID          string            `json:"RequestId"`
	LogicalResourceID  string            `json:"LogicalResourceId"`
	NoEcho             bool              `json:"NoEcho"`
	Data               map[string]string `json:"Data"`
}

// Request is one HTTP request the catcher received.
type Request struct {
	Method        string
	RawQuery      string
	Header        http.Header
	ContentLength int64    // as declared; -1 when unknown
	Chunked       bool     // sent with Transfer-Encoding: chunked (S3 refuses it)
	Body          []byte   // the raw body, at most maxCapturedBody bytes
	Response      Response // Body decoded; see DecodeErr
	// DecodeErr reports a body that could not be read or is not a valid
	// response: not JSON, a wrong type (Data values must be strings), or a
	// key CloudFormation does not know. Response holds what could be decoded.
	DecodeErr error
	// Status is the HTTP status the catcher answered; 0 when it gave no
	// answer (Answer.Hang, Answer.Reset, or the client left first).
	Status   int
	Received time.Time
}

// Captured is what arrived at one response URL.
type Captured struct {
	// Request is the delivered response: the first PUT answered with a 2xx
	// status, else the last request received (zero if none).
	Request
	// Requests holds every request to the URL, in the order they finished.
	Requests []Request
	// PUTs counts the PUT requests among them, answered or not.
	PUTs int
	// Delivered reports whether a PUT was answered with a 2xx status.
	Delivered bool
}

// Answer is how the catcher answers one request to a response URL. The zero
// Answer is S3's success: 200 with an empty body, at once.
type Answer struct {
	Status int           // HTTP status; 0 means 200
	Delay  time.Duration // wait before answering (a slow S3)
	Hang   bool          // never answer; the client has to give up
	Reset  bool          // drop the connection without an answer
}

// Script is how the catcher answers the successive PUTs to one URL: First in
// order, then Then for every later one. The zero Script answers 200 always.
type Script struct {
	First []Answer
	Then  Answer
}

// FailFirst is the Script that answers the first n PUTs with status and the
// rest with 200.
func FailFirst(n, status int) Script {
	s := Script{}
	for range n {
		s.First = append(s.First, Answer{Status: status})
	}
	return s
}

// Catcher is a loopback HTTP server standing in for the pre-signed S3 URLs
// CloudFormation hands a custom resource as ResponseURL.
type Catcher struct {
	srv    *http.Server
	base   string
	closed chan struct{}

	mu         sync.Mutex
	slots      map[string]*slot // by URL path
	unexpected []Request
	closeOnce  sync.Once
	closeErr   error
}

type slot struct {
	signature string
	script    Script
	puts      int // PUTs that had a script answer
	requests  []Request
	delivered chan struct{}
}

// StartCatcher starts a catcher on a free loopback port. Like
// httptest.NewServer it panics if it cannot listen.
func StartCatcher() *Catcher {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("localrun: catcher cannot listen: %v", err))
	}
	c := &Catcher{
		base:   "http://" + ln.Addr().String(),
		closed: make(chan struct{}),
		slots:  map[string]*slot{},
	}
	c.srv = &http.Server{Handler: http.HandlerFunc(c.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = c.srv.Serve(ln) }()
	return c
}

// URL is the catcher's base URL.
func (c *Catcher) URL() string { return c.base }

// NewURL returns a fresh response URL, shaped like CloudFormation's
// pre-signed S3 URL with a fake signature. The catcher answers a PUT whose
// X-Amz-Signature differs from the one issued with 403
// SignatureDoesNotMatch, as S3 would.
func (c *Catcher) NewURL() string {
	token, sig := randomHex(16), randomHex(32)
	now := time.Now().UTC()
	q := url.Values{}
	q.Set("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
	q.Set("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/"+now.Format("20060102")+"/"+Region+"/s3/aws4_request")
	q.Set("X-Amz-Date", now.Format("20060102T150405Z"))
	q.Set("X-Amz-Expires", "7200")
	q.Set("X-Amz-SignedHeaders", "host")
	q.Set("X-Amz-Signature", sig)
	path := responsePathPrefix + token
	c.mu.Lock()
	c.slots[path] = &slot{signature: sig, delivered: make(chan struct{})}
	c.mu.Unlock()
	return c.base + path + "?" + q.Encode()
}

// SetScript makes the catcher answer the PUTs to responseURL (from NewURL) as
// s says, counting from the next PUT.
func (c *Catcher) SetScript(responseURL string, s Script) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	sl, err := c.slotLocked(responseURL)
	if err != nil {
		return err
	}
	sl.script = Script{First: append([]Answer(nil), s.First...), Then: s.Then}
	sl.puts = 0
	return nil
}

// Wait blocks until a PUT to responseURL has been answered with a 2xx status
// and returns what arrived there. If ctx ends first it returns what arrived
// so far and an error.
func (c *Catcher) Wait(ctx context.Context, responseURL string) (Captured, error) {
	c.mu.Lock()
	sl, err := c.slotLocked(responseURL)
	c.mu.Unlock()
	if err != nil {
		return Captured{}, err
	}
	select {
	case <-sl.delivered:
		return c.Snapshot(responseURL), nil
	case <-ctx.Done():
		got := c.Snapshot(responseURL)
		return got, fmt.Errorf("no response delivered to %s (%d requests): %w", responsePath(responseURL), len(got.Requests), ctx.Err())
	}
}

// Snapshot returns what arrived at responseURL so far, without waiting.
func (c *Catcher) Snapshot(responseURL string) Captured {
	c.mu.Lock()
	defer c.mu.Unlock()
	sl, err := c.slotLocked(responseURL)
	if err != nil {
		return Captured{}
	}
	got := Captured{Requests: append([]Request(nil), sl.requests...)}
	for _, r := range got.Requests {
		if r.Method == http.MethodPut {
			got.PUTs++
			if !got.Delivered && r.Status/100 == 2 {
				got.Delivered = true
				got.Request = r
			}
		}
	}
	if !got.Delivered && len(got.Requests) > 0 {
		got.Request = got.Requests[len(got.Requests)-1]
	}
	return got
}

// Unexpected returns the requests to paths the catcher never issued.
func (c *Catcher) Unexpected() []Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Request(nil), c.unexpected...)
}

// Close stops the server, ending any request still hanging. It is safe to
// call more than once.
func (c *Catcher) Close() error {
	c.closeOnce.Do(func() {
		close(c.closed)
		c.closeErr = c.srv.Close()
	})
	return c.closeErr
}

func (c *Catcher) slotLocked(responseURL string) (*slot, error) {
	sl, ok := c.slots[responsePath(responseURL)]
	if !ok {
		return nil, fmt.Errorf("catcher: %s was not issued by NewURL", responsePath(responseURL))
	}
	return sl, nil
}

func responsePath(responseURL string) string {
	u, err := url.Parse(responseURL)
	if err != nil {
		return responseURL
	}
	return u.Path
}

func (c *Catcher) serve(w http.ResponseWriter, r *http.Request) {
	rec := Request{
		Method:        r.Method,
		RawQuery:      r.URL.RawQuery,
		Header:        r.Header.Clone(),
		ContentLength: r.ContentLength,
		Chunked:       len(r.TransferEncoding) > 0 && r.TransferEncoding[0] == "chunked",
		Received:      time.Now(),
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxCapturedBody))
	rec.Body = body
	if err != nil {
		rec.DecodeErr = fmt.Errorf("read body: %w", err)
	} else {
		rec.Response, rec.DecodeErr = decodeResponse(body)
	}

	c.mu.Lock()
	sl, known := c.slots[r.URL.Path]
	var ans Answer
	switch {
	case !known:
		ans = Answer{Status: http.StatusNotFound}
	case r.Method != http.MethodPut:
		ans = Answer{Status: http.StatusMethodNotAllowed}
	case r.URL.Query().Get("X-Amz-Signature") != sl.signature:
		ans = Answer{Status: http.StatusForbidden}
	default:
		if sl.puts < len(sl.script.First) {
			ans = sl.script.First[sl.puts]
		} else {
			ans = sl.script.Then
		}
		sl.puts++
	}
	c.mu.Unlock()

	rec.Status = c.answer(w, r, ans)

	c.mu.Lock()
	defer c.mu.Unlock()
	if !known {
		c.unexpected = append(c.unexpected, rec)
		return
	}
	sl.requests = append(sl.requests, rec)
	if r.Method == http.MethodPut && rec.Status/100 == 2 {
		select {
		case <-sl.delivered:
		default:
			close(sl.delivered)
		}
	}
}

// answer carries out ans and returns the status sent, 0 if none.
func (c *Catcher) answer(w http.ResponseWriter, r *http.Request, ans Answer) int {
	if ans.Hang {
		select {
		case <-r.Context().Done():
		case <-c.closed:
		}
		return 0
	}
	if ans.Delay > 0 {
		t := time.NewTimer(ans.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return 0
		case <-c.closed:
			return 0
		}
	}
	if ans.Reset {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				if tcp, ok := conn.(*net.TCPConn); ok {
					_ = tcp.SetLinger(0) // close with RST
				}
				conn.Close()
				return 0
			}
		}
		panic(http.ErrAbortHandler)
	}
	status := ans.Status
	if status == 0 {
		status = http.StatusOK
	}
	if status/100 == 2 {
		w.Header().Set("ETag", `"`+randomHex(16)+`"`)
		w.WriteHeader(status)
		return status
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>",
		s3ErrorCode(status), http.StatusText(status))
	return status
}

func s3ErrorCode(status int) string {
	switch status {
	case http.StatusForbidden:
		return "SignatureDoesNotMatch"
	case http.StatusNotFound:
		return "NoSuchKey"
	case http.StatusMethodNotAllowed:
		return "MethodNotAllowed"
	case http.StatusInternalServerError:
		return "InternalError"
	case http.StatusServiceUnavailable:
		return "SlowDown"
	default:
		return "Error" + strconv.Itoa(status)
	}
}

// decodeResponse decodes body leniently into a Response and reports, as the
// error, anything a strict reading objects to.
func decodeResponse(body []byte) (Response, error) {
	var resp Response
	if len(bytes.TrimSpace(body)) == 0 {
		return resp, errors.New("empty body")
	}
	lenient := json.Unmarshal(body, &resp)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var strict Response
	if err := dec.Decode(&strict); err != nil {
		if lenient != nil {
			return resp, lenient
		}
		return resp, err
	}
	if dec.More() {
		return resp, errors.New("data after the JSON object")
	}
	return resp, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
