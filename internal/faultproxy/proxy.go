package faultproxy

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// targetPrefix starts the X-Amz-Target header of every Cognito user pools operation, and
// secretsTargetPrefix that of every Secrets Manager operation.
const (
	targetPrefix        = "AWSCognitoIdentityProviderService."
	secretsTargetPrefix = "secretsmanager."
)

// maxBody bounds the request body the proxy reads to find the pool.
const maxBody = 16 << 20

// Counts are the requests of one operation on one pool.
type Counts struct {
	Received  int // requests that reached the proxy
	Forwarded int // requests passed on to the backend
	Injected  int // requests a rule answered with a fault, reset or hung (forwarded or not)
	Throttled int // requests the rate limit refused with TooManyRequestsException
}

func (c Counts) add(o Counts) Counts {
	return Counts{c.Received + o.Received, c.Forwarded + o.Forwarded, c.Injected + o.Injected, c.Throttled + o.Throttled}
}

// Stats are the Counts of one pool, by operation.
type Stats map[string]Counts

// Total sums the counts of every operation.
func (s Stats) Total() Counts {
	var t Counts
	for _, c := range s {
		t = t.add(c)
	}
	return t
}

// Proxy is a fault-injecting reverse proxy on a free loopback port.
type Proxy struct {
	url       string
	srv       *http.Server
	rp        *httputil.ReverseProxy
	transport *http.Transport
	limits    *limiter
	closed    chan struct{}
	closeOnce sync.Once
	closeErr  error

	mu     sync.Mutex
	rules  []*ruleState
	nextID int
	counts map[string]Stats // by pool
}

type ruleState struct {
	id   int
	rule Rule
	left int // -1 forever
}

// Start starts a proxy to backend (http://127.0.0.1:PORT, moto's URL) on a free loopback
// port. Like httptest.NewServer it serves until Close.
func Start(backend string) (*Proxy, error) {
	target, err := url.Parse(backend)
	if err != nil || target.Scheme == "" || target.Host == "" {
		return nil, fmt.Errorf("faultproxy: backend %q is not an absolute URL", backend)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: listen: %w", err)
	}
	p := &Proxy{
		url:    "http://" + ln.Addr().String(),
		limits: newLimiter(),
		closed: make(chan struct{}),
		counts: map[string]Stats{},
		transport: &http.Transport{
			Proxy:               nil, // never an HTTP(S)_PROXY of the environment
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        128,
			MaxIdleConnsPerHost: 128,
			IdleConnTimeout:     30 * time.Second,
		},
	}
	p.rp = &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(target) },
		Transport: p.transport,
		ErrorLog:  log.New(io.Discard, "", 0),
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if r.Context().Err() != nil {
				return // the client left; nobody reads an answer
			}
			http.Error(w, "faultproxy: backend: "+err.Error(), http.StatusBadGateway)
		},
	}
	p.srv = &http.Server{
		Handler:           http.HandlerFunc(p.serve),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

// URL is the proxy's base URL: the value for AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.
func (p *Proxy) URL() string { return p.url }

// Add installs rules after those already there and returns a function that removes them.
func (p *Proxy) Add(rules ...Rule) (remove func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ids := map[int]bool{}
	for _, r := range rules {
		left := r.Times
		if left == 0 {
			left = 1
		}
		if left < 0 {
			left = -1
		}
		p.nextID++
		ids[p.nextID] = true
		p.rules = append(p.rules, &ruleState{id: p.nextID, rule: r, left: left})
	}
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		kept := p.rules[:0]
		for _, s := range p.rules {
			if !ids[s.id] {
				kept = append(kept, s)
			}
		}
		p.rules = kept
	}
}

// SetRateLimit makes the proxy answer TooManyRequestsException to the requests on pool
// beyond perSecond a second (a token bucket holding at most burst). pool "" sets the limit
// of every pool without one of its own; perSecond 0 removes the limit.
func (p *Proxy) SetRateLimit(pool string, perSecond float64, burst int) {
	p.limits.set(pool, perSecond, burst)
}

// Stats returns the counts of pool's requests, by operation.
func (p *Proxy) Stats(pool string) Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := Stats{}
	for op, c := range p.counts[pool] {
		out[op] = c
	}
	return out
}

// Calls returns the counts of one operation on pool.
func (p *Proxy) Calls(pool, op string) Counts {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts[pool][op]
}

// Close stops the proxy and ends every request it holds (hanging or waiting). It is safe to
// call more than once.
func (p *Proxy) Close() error {
	p.closeOnce.Do(func() {
		close(p.closed)
		p.closeErr = p.srv.Close()
		p.transport.CloseIdleConnections()
	})
	return p.closeErr
}

func (p *Proxy) count(pool, op string, c Counts) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, ok := p.counts[pool]
	if !ok {
		s = Stats{}
		p.counts[pool] = s
	}
	s[op] = s[op].add(c)
}

// match returns the rule for a request and spends one of its Times.
func (p *Proxy) match(op, pool string) (Rule, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.rules {
		if s.left == 0 || !s.rule.matches(op, pool) {
			continue
		}
		if s.left > 0 {
			s.left--
		}
		return s.rule, true
	}
	return Rule{}, false
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix), secretsTargetPrefix)
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return // the client left mid-body
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	var in struct{ UserPoolId, SecretId string }
	_ = json.Unmarshal(body, &in) // not JSON, or no pool: pool ""
	pool := in.UserPoolId
	if pool == "" {
		pool = in.SecretId // a Secrets Manager request: the secret, as the request names it
	}
	p.count(pool, op, Counts{Received: 1})

	if !p.limits.allow(pool) {
		p.count(pool, op, Counts{Throttled: 1})
		writeFault(w, Throttle, "Rate exceeded")
		return
	}
	rule, ok := p.match(op, pool)
	if !ok {
		p.forward(w, r, pool, op)
		return
	}
	if rule.Latency > 0 && !p.wait(r.Context(), rule.Latency) {
		abort()
	}
	if rule.AfterForward {
		rec := httptest.NewRecorder()
		p.forward(rec, r, pool, op)
		if r.Context().Err() != nil {
			abort()
		}
	} else if rule.forwards() {
		p.forward(w, r, pool, op)
		return
	}
	p.count(pool, op, Counts{Injected: 1})
	switch {
	case rule.Hang:
		p.wait(r.Context(), -1)
		abort() // never an answer, not even the empty 200 of a handler that returns
	case rule.Reset:
		reset(w)
	case rule.Fault != "":
		msg := rule.Message
		if msg == "" {
			msg = rule.Fault.Message(pool)
		}
		writeFault(w, rule.Fault, msg)
	default: // AfterForward alone: the backend's answer is lost
		reset(w)
	}
}

func (p *Proxy) forward(w http.ResponseWriter, r *http.Request, pool, op string) {
	p.count(pool, op, Counts{Forwarded: 1})
	p.rp.ServeHTTP(w, r)
}

// wait waits d (forever when d < 0); false means the client left or the proxy closed first.
func (p *Proxy) wait(ctx context.Context, d time.Duration) bool {
	var timeout <-chan time.Time
	if d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-timeout:
		return true
	case <-ctx.Done():
		return false
	case <-p.closed:
		return false
	}
}

// writeFault answers as the Cognito API does in its JSON 1.1 protocol.
func writeFault(w http.ResponseWriter, f Fault, message string) {
	body, _ := json.Marshal(map[string]string{"__type": f.Code(), "message": message})
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.1")
	h.Set("x-amzn-ErrorType", f.Code())
	h.Set("x-amzn-RequestId", requestID())
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(f.Status())
	_, _ = w.Write(body)
}

// abort ends the request without an answer: the server closes the connection.
func abort() { panic(http.ErrAbortHandler) }

// reset drops the client's connection with a TCP RST.
func reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		abort()
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

func requestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
