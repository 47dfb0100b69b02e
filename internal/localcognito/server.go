package localcognito

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The X-Amz-Target prefixes of the services the layer changes (JSON 1.1 protocol).
const (
	cognitoPrefix = "AWSCognitoIdentityProviderService."
	secretsPrefix = "secretsmanager."
)

// maxBody bounds a request or backend answer the layer reads.
const maxBody = 16 << 20

// Options adjust a Server.
type Options struct {
	// Now is the clock of secret creation times (time.Now when nil).
	Now func() time.Time
	// MaxClients is the quota of app clients per user pool (Cognito's 1,000 when 0); tests
	// lower it to reach it quickly.
	MaxClients int
}

// Server is the layer, on a free loopback port.
type Server struct {
	url     string
	backend *url.URL
	srv     *http.Server
	rp      *httputil.ReverseProxy
	hc      *http.Client
	now     func() time.Time
	quota   int

	mu      sync.Mutex
	secrets map[clientKey][]clientSecret // active secrets by client, oldest first
	last    map[lastKey][]byte           // the last request body of each operation on each pool
}

type lastKey struct{ pool, op string }

// Start starts the layer in front of backend (moto's base URL, http://127.0.0.1:PORT). It
// serves until Close.
func Start(backend string, opts Options) (*Server, error) {
	target, err := url.Parse(backend)
	if err != nil || target.Scheme == "" || target.Host == "" {
		return nil, fmt.Errorf("localcognito: backend %q is not an absolute URL", backend)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("localcognito: listen: %w", err)
	}
	transport := &http.Transport{
		Proxy:               nil, // never an HTTP(S)_PROXY of the environment
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     30 * time.Second,
	}
	s := &Server{
		url:     "http://" + ln.Addr().String(),
		backend: target,
		hc:      &http.Client{Transport: transport},
		now:     opts.Now,
		quota:   opts.MaxClients,
		secrets: map[clientKey][]clientSecret{},
		last:    map[lastKey][]byte{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.quota <= 0 {
		s.quota = maxClients
	}
	s.rp = &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(target) },
		Transport: transport,
		ErrorLog:  log.New(io.Discard, "", 0),
	}
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serve),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// URL is the layer's base URL: the value for AWS_ENDPOINT_URL.
func (s *Server) URL() string { return s.url }

// Close stops the layer.
func (s *Server) Close() error { return s.srv.Close() }

// reset forgets everything the layer holds (moto is reset alongside).
func (s *Server) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secrets = map[clientKey][]clientSecret{}
	s.last = map[lastKey][]byte{}
}

// LastRequest returns the body of the last request of op (CreateUserPoolClient,
// UpdateUserPoolClient, ...) on pool that the layer served, exactly as the caller's SDK sent it:
// for tests that assert what went over the wire from a process they cannot instrument (the
// bootstrap under the emulator). Only the operations the layer serves are kept.
func (s *Server) LastRequest(pool, op string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.last[lastKey{pool, op}]
	return json.RawMessage(b), ok
}

// handlers are the operations the layer changes, by X-Amz-Target.
func (s *Server) handler(target string) func(*call) {
	switch target {
	case cognitoPrefix + "CreateUserPoolClient":
		return s.createClient
	case cognitoPrefix + "DescribeUserPoolClient":
		return s.describeClient
	case cognitoPrefix + "UpdateUserPoolClient":
		return s.updateClient
	case cognitoPrefix + "DeleteUserPoolClient":
		return s.deleteClient
	case cognitoPrefix + "ListUserPoolClients":
		return s.listClients
	case cognitoPrefix + "AddUserPoolClientSecret":
		return s.addSecret
	case cognitoPrefix + "ListUserPoolClientSecrets":
		return s.listSecrets
	case cognitoPrefix + "DeleteUserPoolClientSecret":
		return s.deleteSecret
	case secretsPrefix + "PutSecretValue":
		return s.putSecretValue
	}
	return nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && r.URL.Path == "/moto-api/reset" {
		s.reset()
		s.rp.ServeHTTP(w, r)
		return
	}
	h := s.handler(r.Header.Get("X-Amz-Target"))
	if h == nil {
		s.rp.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return // the client left mid-body
	}
	c := &call{s: s, w: w, r: r, raw: body}
	if strings.HasPrefix(r.Header.Get("X-Amz-Target"), cognitoPrefix) && !strings.HasSuffix(r.Header.Get("X-Amz-Target"), "ClientSecret") {
		// The client-secret operations are not kept, and a caller-chosen ClientSecret of a
		// Create is kept as REDACTED: no secret value stays in the record.
		var in struct {
			UserPoolId   string
			ClientSecret *string
		}
		_ = json.Unmarshal(body, &in)
		kept := body
		if in.ClientSecret != nil {
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil {
				m["ClientSecret"] = json.RawMessage(`"REDACTED"`)
				kept, _ = json.Marshal(m)
			}
		}
		s.mu.Lock()
		s.last[lastKey{in.UserPoolId, strings.TrimPrefix(r.Header.Get("X-Amz-Target"), cognitoPrefix)}] = kept
		s.mu.Unlock()
	}
	if err := decode(body, &c.in); err != nil {
		// Not a JSON object: let moto answer as it does.
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.rp.ServeHTTP(w, r)
		return
	}
	h(c)
}

// call is one request the layer handles.
type call struct {
	s   *Server
	w   http.ResponseWriter
	r   *http.Request
	raw []byte
	in  map[string]any
}

func (c *call) ctx() context.Context { return c.r.Context() }

// str is a string field of the request ("" when absent or not a string).
func (c *call) str(key string) string {
	v, _ := c.in[key].(string)
	return v
}

// answer is a backend's answer.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) ok() bool { return a.status == http.StatusOK }

// object decodes a successful answer's JSON object.
func (a answer) object() (map[string]any, error) {
	var out map[string]any
	if len(bytes.TrimSpace(a.body)) == 0 {
		return map[string]any{}, nil
	}
	return out, decode(a.body, &out)
}

// backend sends op (a full X-Amz-Target) with body to moto, with the caller's signature
// headers (moto reads the region and account from them).
func (c *call) backend(target string, body any) (answer, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return answer{}, err
	}
	u := *c.s.backend
	u.Path = "/"
	req, err := http.NewRequestWithContext(c.ctx(), http.MethodPost, u.String(), bytes.NewReader(b))
	if err != nil {
		return answer{}, err
	}
	for _, k := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token", "User-Agent"} {
		if v := c.r.Header.Get(k); v != "" {
			req.Header.Set(k, v)
		}
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	resp, err := c.s.hc.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	rb, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return answer{}, err
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: rb}, nil
}

// forward sends the request as it came to moto and returns moto's answer.
func (c *call) forward() (answer, error) {
	return c.backend(c.r.Header.Get("X-Amz-Target"), json.RawMessage(c.raw))
}

// forwardWith sends the request with body in place of its own.
func (c *call) forwardWith(body map[string]any) (answer, error) {
	return c.backend(c.r.Header.Get("X-Amz-Target"), body)
}

// relay writes a backend answer back unchanged.
func (c *call) relay(a answer) {
	for _, k := range []string{"Content-Type", "x-amzn-ErrorType", "x-amzn-RequestId"} {
		if v := a.header.Get(k); v != "" {
			c.w.Header().Set(k, v)
		}
	}
	c.w.Header().Set("Content-Length", fmt.Sprint(len(a.body)))
	c.w.WriteHeader(a.status)
	_, _ = c.w.Write(a.body)
}

// reply writes a successful JSON answer.
func (c *call) reply(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.fail(errInternal(err))
		return
	}
	h := c.w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.1")
	h.Set("x-amzn-RequestId", requestID())
	h.Set("Content-Length", fmt.Sprint(len(b)))
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write(b)
}

// fail writes an error as the service does in its JSON 1.1 protocol.
func (c *call) fail(e *apiError) {
	b, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
	h := c.w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.1")
	h.Set("x-amzn-ErrorType", e.Code)
	h.Set("x-amzn-RequestId", requestID())
	h.Set("Content-Length", fmt.Sprint(len(b)))
	c.w.WriteHeader(e.status())
	_, _ = c.w.Write(b)
}

// backendFailed answers a failure to reach moto.
func (c *call) backendFailed(err error) {
	if c.ctx().Err() != nil {
		return // the client left; nobody reads an answer
	}
	c.fail(errInternal(err))
}

// apiError is an error answer of the service.
type apiError struct {
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func (e *apiError) status() int {
	if strings.HasPrefix(e.Code, "Internal") {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

func errInvalidParameter(format string, a ...any) *apiError {
	return &apiError{"InvalidParameterException", fmt.Sprintf(format, a...)}
}

func errInternal(err error) *apiError {
	return &apiError{"InternalErrorException", "localcognito: " + err.Error()}
}

// decode decodes a JSON object keeping numbers as written (json.Number), so that a relayed
// value is the value moto sent.
func decode(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("trailing data")
	}
	return nil
}

func requestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
