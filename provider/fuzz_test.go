package provider_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
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

	srv := fixture.NewResponseServerUnbound()
	f.Cleanup(srv.Close)
	var requests atomic.Int64

	f.Fuzz(func(t *testing.T, requestType, resourceType, physicalID string, props, oldProps []byte, mode uint8) {
		physicalID = fuzzCapPhysicalID(physicalID)
		cog := fuzzCognito(mode % fuzzCognitoModes)
		log, logs := fixture.NewLogger()
		h := provider.New(provider.Config{
			Cognito: func(context.Context) (provider.Cognito, error) { return cog, nil },
			Sender: &cfnresponse.Sender{
				Client: srv.Client(), Logger: log, AttemptTimeout: time.Second, MaxAttempts: 2,
				Sleep: func(context.Context, time.Duration) error { return nil },
			},
			Logger:         log,
			Margin:         100 * time.Millisecond,
			DefaultTimeout: 3 * time.Second,
		})

		path, signature := fmt.Sprintf("/fuzz-response/%d", requests.Add(1)), fuzzSignature()
		responseURL := srv.Base() + path + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + signature
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
		puts := srv.Take(path)
		if !usable {
			if err == nil {
				t.Errorf("Invoke returned nil for an unusable ResponseURL %q", responseURL)
			}
			if len(puts) != 0 {
				t.Errorf("%d PUTs to an unusable ResponseURL", len(puts))
			}
			fuzzCheckLogs(t, logs.String(), signature, cog.Secrets())
			return
		}
		if err != nil {
			t.Fatalf("Invoke returned %v for a usable ResponseURL; it must return nil once it answered", err)
		}
		if len(puts) != 1 {
			t.Fatalf("%d requests to the ResponseURL, want exactly one PUT\nlogs:\n%s", len(puts), logs.String())
		}
		p := puts[0]
		fixture.CheckPut(t, 0, p, cfnresponse.MaxBodyBytes)
		var r cfnresponse.Response
		fixture.DecodeStrict(t, p.Body, &r)
		switch r.Status {
		case cfnresponse.StatusSuccess:
		case cfnresponse.StatusFailed:
			if r.Reason == "" {
				t.Errorf("FAILED without a Reason: %s", p.Body)
			}
			if len(r.Data) != 0 {
				t.Errorf("FAILED with Data: %s", p.Body)
			}
		default:
			t.Errorf("Status %q", r.Status)
		}
		if r.PhysicalResourceID == "" {
			t.Errorf("empty PhysicalResourceId: %s", p.Body)
		}
		if r.StackID != fuzzStackID || r.RequestID != requestID || r.LogicalResourceID != fuzzLogicalID {
			t.Errorf("IDs not echoed: %s", p.Body)
		}
		if (r.Data["ClientSecret"] != "") != r.NoEcho {
			t.Errorf("NoEcho %v with Data %v", r.NoEcho, fuzzKeys(r.Data))
		}
		if requestType == provider.Delete && sent.PhysicalResourceId != "" && r.PhysicalResourceID != sent.PhysicalResourceId {
			t.Errorf("a Delete answered PhysicalResourceId %q for %q; it must echo the request's", r.PhysicalResourceID, sent.PhysicalResourceId)
		}
		fuzzCheckLogs(t, logs.String(), signature, cog.Secrets())
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

// fuzzSignature is a fresh random signature for one request's ResponseURL.
func fuzzSignature() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// fuzzLongError is a Cognito error message that only fits a response once cut.
//
//lint:ignore ST1012 a fixture value, never compared with errors.Is
var fuzzLongError = errors.New("InvalidParameterException: " + strings.Repeat("ünïcode 🙂 \x00\x1f <b>&amp;</b> \u2028", 400))

// fuzzCognito is the unit tests' in-memory Cognito, in which every pool exists and a client
// named fuzzSeedName is there from the start, misbehaving as mode says.
func fuzzCognito(mode uint8) *fakecognito.Cognito {
	c := fakecognito.New()
	c.Seed(userpoolclient.Properties{UserPoolId: fuzzPool}, fuzzSeedName)
	c.SetHook(func(_ context.Context, method string) error {
		switch mode {
		case fuzzCognitoNotFound:
			return fmt.Errorf("cognito-idp:%s: %w", method, provider.ErrNotFound)
		case fuzzCognitoError:
			return fmt.Errorf("cognito-idp:%s: %w", method, fuzzLongError)
		case fuzzCognitoPanic:
			panic("fuzz: cognito-idp:" + method + " panicked")
		case fuzzCognitoReadsOnly:
			if method == fakecognito.CallUpdate || method == fakecognito.CallDelete {
				return fmt.Errorf("cognito-idp:%s: NotAuthorizedException: not allowed", method)
			}
		}
		return nil
	})
	return c
}
