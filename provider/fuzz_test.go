package provider_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// fuzzMaxPhysicalID is CloudFormation's limit on a PhysicalResourceId (1 KB). CloudFormation
// only ever sends back one that an earlier response carried, so a fuzzed one is cut to 1 KB
// as JSON-encoded in a response: 1,024 control characters (6 bytes each once escaped) can
// never have been accepted, and no answer could echo them within 4096 bytes.
const fuzzMaxPhysicalID = 1024

const (
	fuzzStackID   = "arn:aws:cloudformation:us-east-1:123456789012:stack/fuzz-stack/5b2d4e60-8c1f-11ef-9a3b-0e6f7c2d4a11"
	fuzzLogicalID = "FuzzClient"
	fuzzPool      = "us-east-1_aBcDeFgHi"
	// fuzzSeedName is the name of the client the fake holds from the start, so that a
	// lookup by name (events/lookup-create.json) finds one.
	fuzzSeedName = "web-client"
)

// Cognito behaviours of fuzzCognito, chosen by the low bits of the fuzzed mode byte.
const (
	fuzzCognitoOK        = iota
	fuzzCognitoNotFound  // every call: the client or pool does not exist
	fuzzCognitoError     // every call: a long error with Unicode, control characters and <>&
	fuzzCognitoPanic     // every call panics
	fuzzCognitoReadsOnly // Create and Describe work; Update and Delete fail
	fuzzCognitoModes
)

// High bits of the mode byte: the ResponseURL CloudFormation would never send.
const (
	fuzzURLNotLoopback = 0x40 // http to a host that is not a loopback
	fuzzURLMissing     = 0x80
)

// FuzzResponse drives provider.New, with an in-memory Cognito and the real
// *cfnresponse.Sender pointed at a local server, with requests built from fuzzed
// RequestType, ResourceType, PhysicalResourceId and (Old)ResourceProperties, and a mode
// byte choosing Cognito's behaviour and, rarely, an unusable ResponseURL. Whatever the
// request, the handler must answer exactly once, with a body CloudFormation accepts:
// Invoke returns an error only when there is no usable ResponseURL (and then nothing is
// sent); otherwise one PUT without Content-Type, with a byte-exact Content-Length, of at
// most 4096 bytes of valid UTF-8 JSON holding only CloudFormation's fields, the request's
// IDs echoed, a non-empty PhysicalResourceId, a Reason on FAILED and NoEcho exactly with a
// ClientSecret; no log line carries the URL's signature or the secret.
//
// The seed corpus is every events/*.json (plain `go test` runs it); `make fuzz` fuzzes.
func FuzzResponse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "events", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed events in ../events: %v", err)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var ev map[string]json.RawMessage
		if err := json.Unmarshal(raw, &ev); err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		str := func(k string) string {
			var s string
			_ = json.Unmarshal(ev[k], &s)
			return s
		}
		rt, typ, phys := str("RequestType"), str("ResourceType"), str("PhysicalResourceId")
		props, old := []byte(ev["ResourceProperties"]), []byte(ev["OldResourceProperties"])
		for mode := range uint8(fuzzCognitoModes) {
			f.Add(rt, typ, phys, props, old, mode)
		}
		f.Add(rt, typ, phys, props, old, uint8(fuzzURLNotLoopback))
		f.Add(rt, typ, phys, props, old, uint8(fuzzURLMissing))
	}
	long := `{"UserPoolId":"` + fuzzPool + `","ClientName":"` + strings.Repeat("é\u2028<>&\x01", 2000) + `"}`
	for _, s := range []struct {
		rt, typ, phys string
		props         string
	}{
		{"Create", "Custom::UserPoolClient", "", long},
		{"Update", "Custom::UserPoolClient", "abc123", long},
		{"Create", "Custom::UserPoolClient", "", `{"UserPoolId":"` + fuzzPool + `","GenerateSecret":"true"}`},
		{"Create", "Custom::UserPoolClient", "", `not json`},
		{"Delete", "Custom::UserPoolClient", "\xff\xfe", `null`},
		{"Delete", "Custom::UserPoolClient", strings.Repeat("x", 2000), `{}`},
		{"Upsert", "", "", `[]`},
		{"", "Custom::UserPoolClientLookup", "", `{"UserPoolId":"` + fuzzPool + `","ClientName":"` + fuzzSeedName + `"}`},
		{"Update", "AWS::CloudFormation::CustomResource", "create-failed:x", `{"UserPoolId":"` + fuzzPool + `"}`},
	} {
		f.Add(s.rt, s.typ, s.phys, []byte(s.props), []byte(nil), uint8(fuzzCognitoOK))
		f.Add(s.rt, s.typ, s.phys, []byte(s.props), []byte(nil), uint8(fuzzCognitoError))
	}

	srv := newFuzzResponseServer()
	f.Cleanup(srv.close)

	f.Fuzz(func(t *testing.T, requestType, resourceType, physicalID string, props, oldProps []byte, mode uint8) {
		physicalID = fuzzCapPhysicalID(physicalID)
		cog := newFuzzCognito(mode % fuzzCognitoModes)
		logs := &fuzzLogBuffer{}
		log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		h := provider.New(provider.Config{
			Cognito: func(context.Context) (provider.Cognito, error) { return cog, nil },
			Sender: &cfnresponse.Sender{
				Client: srv.srv.Client(), Logger: log, AttemptTimeout: time.Second, MaxAttempts: 2,
				Sleep: func(context.Context, time.Duration) error { return nil },
			},
			Logger:         log,
			Margin:         100 * time.Millisecond,
			DefaultTimeout: 3 * time.Second,
		})

		path, signature := srv.newPath()
		responseURL := srv.srv.URL + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + signature
		usable := true
		switch {
		case mode&fuzzURLMissing != 0:
			responseURL, usable = "", false
		case mode&fuzzURLNotLoopback != 0:
			responseURL, usable = "http://cloudformation.example.com"+path+"?X-Amz-Signature="+signature, false
		}
		requestID := "fuzz-" + signature[:16]
		ev := map[string]any{
			"RequestType":       requestType,
			"ServiceToken":      "arn:aws:lambda:us-east-1:123456789012:function:fuzz",
			"StackId":           fuzzStackID,
			"RequestId":         requestID,
			"LogicalResourceId": fuzzLogicalID,
			"ResourceType":      resourceType,
		}
		if responseURL != "" {
			ev["ResponseURL"] = responseURL
		}
		if physicalID != "" {
			ev["PhysicalResourceId"] = physicalID
		}
		for key, raw := range map[string][]byte{"ResourceProperties": props, "OldResourceProperties": oldProps} {
			switch {
			case raw == nil:
			case json.Valid(raw):
				ev[key] = json.RawMessage(raw)
			default:
				ev[key] = string(raw) // still a request; its properties are garbage
			}
		}
		payload, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("build request: %v", err)
		}
		// What the handler reads back: json.Marshal made the strings valid UTF-8.
		var sent struct{ PhysicalResourceId string }
		_ = json.Unmarshal(payload, &sent)

		out, err := h.Invoke(context.Background(), payload)
		if out != nil {
			t.Errorf("Invoke returned a result %q; a custom resource answers at the ResponseURL only", out)
		}
		puts := srv.take(path)
		if !usable {
			if err == nil {
				t.Errorf("Invoke returned nil for an unusable ResponseURL %q", responseURL)
			}
			if len(puts) != 0 {
				t.Errorf("%d PUTs to an unusable ResponseURL", len(puts))
			}
			fuzzCheckLogs(t, logs.String(), signature, cog.secrets())
			return
		}
		if err != nil {
			t.Fatalf("Invoke returned %v for a usable ResponseURL; it must return nil once it answered", err)
		}
		if len(puts) != 1 {
			t.Fatalf("%d requests to the ResponseURL, want exactly one PUT\nlogs:\n%s", len(puts), logs.String())
		}
		p := puts[0]
		if p.method != http.MethodPut {
			t.Errorf("method %s, want PUT", p.method)
		}
		if _, ok := p.header["Content-Type"]; ok {
			t.Errorf("Content-Type %q sent; the pre-signed URL is signed without one", p.header.Get("Content-Type"))
		}
		if p.length != int64(len(p.body)) {
			t.Errorf("Content-Length %d for a body of %d bytes", p.length, len(p.body))
		}
		if len(p.body) > cfnresponse.MaxBodyBytes {
			t.Errorf("body of %d bytes exceeds %d", len(p.body), cfnresponse.MaxBodyBytes)
		}
		if !utf8.Valid(p.body) || !json.Valid(p.body) {
			t.Fatalf("body is not valid UTF-8 JSON: %q", p.body)
		}
		var r cfnresponse.Response
		dec := json.NewDecoder(bytes.NewReader(p.body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("body is not a CloudFormation response: %v: %s", err, p.body)
		}
		switch r.Status {
		case cfnresponse.StatusSuccess:
		case cfnresponse.StatusFailed:
			if r.Reason == "" {
				t.Errorf("FAILED without a Reason: %s", p.body)
			}
			if len(r.Data) != 0 {
				t.Errorf("FAILED with Data: %s", p.body)
			}
		default:
			t.Errorf("Status %q", r.Status)
		}
		if r.PhysicalResourceID == "" {
			t.Errorf("empty PhysicalResourceId: %s", p.body)
		}
		if r.StackID != fuzzStackID || r.RequestID != requestID || r.LogicalResourceID != fuzzLogicalID {
			t.Errorf("IDs not echoed: %s", p.body)
		}
		if (r.Data["ClientSecret"] != "") != r.NoEcho {
			t.Errorf("NoEcho %v with Data %v", r.NoEcho, fuzzKeys(r.Data))
		}
		if requestType == provider.Delete && sent.PhysicalResourceId != "" && r.PhysicalResourceID != sent.PhysicalResourceId {
			t.Errorf("a Delete answered PhysicalResourceId %q for %q; it must echo the request's", r.PhysicalResourceID, sent.PhysicalResourceId)
		}
		fuzzCheckLogs(t, logs.String(), signature, cog.secrets())
	})
}

// fuzzCapPhysicalID returns the longest rune prefix of id (made valid UTF-8, as the request's
// JSON encoding makes it) whose JSON encoding in a response takes at most fuzzMaxPhysicalID
// bytes.
func fuzzCapPhysicalID(id string) string {
	id = strings.ToValidUTF8(id, "\uFFFD")
	size := 0
	for i, r := range id {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // as cfnresponse encodes
		_ = enc.Encode(string(r))
		size += b.Len() - 3 // the quotes and the newline
		if size > fuzzMaxPhysicalID {
			return id[:i]
		}
	}
	return id
}

// fuzzCheckLogs asserts that no log line carries the ResponseURL's signature or a secret.
func fuzzCheckLogs(t *testing.T, logs, signature string, secrets []string) {
	t.Helper()
	if strings.Contains(logs, signature) {
		t.Errorf("the ResponseURL's signature reached the logs:\n%s", logs)
	}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("a client secret reached the logs:\n%s", logs)
		}
	}
}

func fuzzKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// fuzzPut is one request the ResponseURL server received.
type fuzzPut struct {
	method string
	header http.Header
	length int64
	body   []byte
}

// fuzzResponseServer stands in for the pre-signed S3 URLs: one server for the whole fuzz
// run, a fresh path per request, every request recorded and answered 200.
type fuzzResponseServer struct {
	srv  *httptest.Server
	next atomic.Int64
	mu   sync.Mutex
	puts map[string][]fuzzPut
}

func newFuzzResponseServer() *fuzzResponseServer {
	s := &fuzzResponseServer{puts: map[string][]fuzzPut{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.puts[r.URL.Path] = append(s.puts[r.URL.Path], fuzzPut{method: r.Method, header: r.Header.Clone(), length: r.ContentLength, body: body})
		s.mu.Unlock()
	}))
	return s
}

// newPath returns a fresh response path and a random signature for its URL.
func (s *fuzzResponseServer) newPath() (string, string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return fmt.Sprintf("/fuzz-response/%d", s.next.Add(1)), hex.EncodeToString(b)
}

// take returns and forgets what arrived at path.
func (s *fuzzResponseServer) take(path string) []fuzzPut {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.puts[path]
	delete(s.puts, path)
	return p
}

func (s *fuzzResponseServer) close() { s.srv.Close() }

// fuzzCognito is an in-memory Cognito for FuzzResponse, misbehaving as its mode says.
type fuzzCognito struct {
	mode    uint8
	mu      sync.Mutex
	clients map[string]provider.Client
	made    int
	secret  []string
}

func newFuzzCognito(mode uint8) *fuzzCognito {
	c := &fuzzCognito{mode: mode, clients: map[string]provider.Client{}}
	c.clients["fuzzseed0000000000000001"] = provider.Client{ID: "fuzzseed0000000000000001", Name: fuzzSeedName, UserPoolID: fuzzPool}
	return c
}

// fuzzLongError is a Cognito error message that only fits a response once cut.
//
//lint:ignore ST1012 a fixture value, never compared with errors.Is
var fuzzLongError = errors.New("InvalidParameterException: " + strings.Repeat("ünïcode 🙂 \x00\x1f <b>&amp;</b> \u2028", 400))

func (c *fuzzCognito) fail(op string) error {
	switch c.mode {
	case fuzzCognitoNotFound:
		return fmt.Errorf("cognito-idp:%s: %w", op, provider.ErrNotFound)
	case fuzzCognitoError:
		return fmt.Errorf("cognito-idp:%s: %w", op, fuzzLongError)
	case fuzzCognitoPanic:
		panic("fuzz: cognito-idp:" + op + " panicked")
	case fuzzCognitoReadsOnly:
		if op == "UpdateUserPoolClient" || op == "DeleteUserPoolClient" {
			return fmt.Errorf("cognito-idp:%s: NotAuthorizedException: not allowed", op)
		}
	}
	return nil
}

func (c *fuzzCognito) secrets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.secret...)
}

func (c *fuzzCognito) Create(_ context.Context, p userpoolclient.Properties, name string) (provider.Client, error) {
	if err := c.fail("CreateUserPoolClient"); err != nil {
		return provider.Client{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.made++
	cl := provider.Client{ID: fmt.Sprintf("fuzz%022d", c.made), Name: name, UserPoolID: p.UserPoolId}
	if p.GenerateSecret {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		s := "fuzzsecret" + hex.EncodeToString(b)
		cl.Secret = provider.Secret(s)
		c.secret = append(c.secret, s)
	}
	c.clients[cl.ID] = cl
	return cl, nil
}

func (c *fuzzCognito) Update(_ context.Context, id string, p userpoolclient.Properties, name string) (provider.Client, error) {
	if err := c.fail("UpdateUserPoolClient"); err != nil {
		return provider.Client{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cl, ok := c.clients[id]
	if !ok || cl.UserPoolID != p.UserPoolId {
		return provider.Client{}, fmt.Errorf("cognito-idp:UpdateUserPoolClient: %w", provider.ErrNotFound)
	}
	cl.Name = name
	c.clients[id] = cl
	return cl, nil
}

func (c *fuzzCognito) Delete(_ context.Context, pool, id string) error {
	if err := c.fail("DeleteUserPoolClient"); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.clients[id]; !ok || cl.UserPoolID != pool {
		return fmt.Errorf("cognito-idp:DeleteUserPoolClient: %w", provider.ErrNotFound)
	}
	delete(c.clients, id)
	return nil
}

func (c *fuzzCognito) Describe(_ context.Context, pool, id string) (provider.Client, error) {
	if err := c.fail("DescribeUserPoolClient"); err != nil {
		return provider.Client{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cl, ok := c.clients[id]
	if !ok || cl.UserPoolID != pool {
		return provider.Client{}, fmt.Errorf("cognito-idp:DescribeUserPoolClient: %w", provider.ErrNotFound)
	}
	return cl, nil
}

func (c *fuzzCognito) FindByName(_ context.Context, pool, name string) ([]string, error) {
	if err := c.fail("ListUserPoolClients"); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var ids []string
	for id, cl := range c.clients {
		if cl.UserPoolID == pool && cl.Name == name {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// fuzzLogBuffer collects the handler's log lines.
type fuzzLogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *fuzzLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *fuzzLogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
