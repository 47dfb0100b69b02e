package templates

import (
	"bytes"
	"encoding/json"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// event is a CloudFormation custom resource request as the Lambda receives it.
type event struct {
	RequestType           string
	ServiceToken          string
	ResponseURL           string
	StackId               string
	RequestId             string
	LogicalResourceId     string
	PhysicalResourceId    *string
	ResourceType          string
	ResourceProperties    json.RawMessage
	OldResourceProperties json.RawMessage
}

const samplePoolID = "us-east-1_aBcDeFgHi"

var (
	lambdaARN    = regexp.MustCompile(`^arn:aws:lambda:[a-z0-9-]+:[0-9]{12}:function:[\w-]+$`)
	stackARN     = regexp.MustCompile(`^arn:aws:cloudformation:[a-z0-9-]+:[0-9]{12}:stack/[\w-]+/[0-9a-f-]{36}$`)
	uuid         = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	sampleClient = regexp.MustCompile(`^[a-z0-9]{26}$`)
	signature    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// The samples others rely on; more may be added.
var wantEvents = []string{"create.json", "update.json", "delete.json", "replace.json",
	"lookup-create.json", "invalid.json", "delete-failed-create.json"}

func TestEventsAreComplete(t *testing.T) {
	have := map[string]bool{}
	for _, f := range glob(t, "events/*.json") {
		have[filepath.Base(f)] = true
	}
	for _, w := range wantEvents {
		if !have[w] {
			t.Errorf("events/%s is missing", w)
		}
	}
}

// Every sample is shaped like CloudFormation's requests and decodes through the real decoder.
func TestEventsDecode(t *testing.T) {
	for _, f := range glob(t, "events/*.json") {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw := readFile(t, f)
			var e event
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil {
				t.Fatalf("not a CloudFormation request: %v", err)
			}
			checkEnvelope(t, e)

			props, old := e.ResourceProperties, e.OldResourceProperties
			var err error
			if e.ResourceType == lookupType {
				_, err = userpoolclient.DecodeLookup(props)
			} else {
				_, err = userpoolclient.Decode(props)
			}
			if filepath.Base(f) == "invalid.json" {
				checkInvalid(t, err)
				return
			}
			if err != nil {
				t.Errorf("ResourceProperties do not decode: %v", err)
			}
			if old != nil {
				if e.ResourceType == lookupType {
					_, err = userpoolclient.DecodeLookup(old)
				} else {
					_, err = userpoolclient.Decode(old)
				}
				if err != nil {
					t.Errorf("OldResourceProperties do not decode: %v", err)
				}
			}
		})
	}
}

func checkEnvelope(t *testing.T, e event) {
	t.Helper()
	switch e.RequestType {
	case "Create":
		if e.PhysicalResourceId != nil {
			t.Error("a Create carries no PhysicalResourceId")
		}
	case "Update", "Delete":
		if e.PhysicalResourceId == nil || *e.PhysicalResourceId == "" {
			t.Errorf("an %s carries the PhysicalResourceId", e.RequestType)
		}
	default:
		t.Fatalf("RequestType %q", e.RequestType)
	}
	if (e.RequestType == "Update") != (e.OldResourceProperties != nil) {
		t.Error("OldResourceProperties come with an Update, and only with it")
	}
	if e.ResourceType != clientType && e.ResourceType != lookupType && !strings.HasPrefix(e.ResourceType, "Custom::") {
		t.Errorf("ResourceType %q", e.ResourceType)
	}
	if !lambdaARN.MatchString(e.ServiceToken) {
		t.Errorf("ServiceToken %q is not a function ARN", e.ServiceToken)
	}
	if !stackARN.MatchString(e.StackId) || !uuid.MatchString(e.RequestId) || e.LogicalResourceId == "" {
		t.Errorf("StackId %q, RequestId %q, LogicalResourceId %q", e.StackId, e.RequestId, e.LogicalResourceId)
	}

	// A pre-signed S3 URL: https, the bucket of the Region, the key naming stack, resource and
	// request, and a SigV4 query (the signature is fake).
	u, err := url.Parse(e.ResponseURL)
	if err != nil || u.Scheme != "https" || !strings.HasPrefix(u.Host, "cloudformation-custom-resource-response-") ||
		!strings.HasSuffix(u.Host, ".amazonaws.com") {
		t.Errorf("ResponseURL %q is not CloudFormation's pre-signed S3 URL", e.ResponseURL)
	} else {
		if want := "/" + e.StackId + "|" + e.LogicalResourceId + "|" + e.RequestId; u.Path != want {
			t.Errorf("ResponseURL key %q, want %q", u.Path, want)
		}
		q := u.Query()
		if q.Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" || q.Get("X-Amz-Credential") == "" ||
			q.Get("X-Amz-Date") == "" || !signature.MatchString(q.Get("X-Amz-Signature")) {
			t.Errorf("ResponseURL query %q is not SigV4", u.RawQuery)
		}
	}

	for name, raw := range map[string]json.RawMessage{"ResourceProperties": e.ResourceProperties, "OldResourceProperties": e.OldResourceProperties} {
		if raw == nil {
			continue
		}
		var props map[string]any
		if err := json.Unmarshal(raw, &props); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if props["ServiceToken"] != e.ServiceToken {
			t.Errorf("%s.ServiceToken %v, want the request's %s", name, props["ServiceToken"], e.ServiceToken)
		}
		if props["UserPoolId"] != samplePoolID {
			t.Errorf("%s.UserPoolId %v, want %s", name, props["UserPoolId"], samplePoolID)
		}
		checkStringified(t, name, props)
	}

	if id := e.PhysicalResourceId; id != nil {
		if marker, ok := strings.CutPrefix(*id, "create-failed:"); ok {
			if !uuid.MatchString(marker) || userpoolclient.IsClientID(*id) {
				t.Errorf("PhysicalResourceId %q is not the failed-create marker create-failed:<RequestId>", *id)
			}
		} else if !sampleClient.MatchString(*id) {
			t.Errorf("PhysicalResourceId %q: sample client IDs are 26 lower-case letters and digits", *id)
		}
	}
}

// checkStringified: CloudFormation sends every scalar as a string.
func checkStringified(t *testing.T, path string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			checkStringified(t, path+"."+k, x)
		}
	case []any:
		for _, x := range v {
			checkStringified(t, path+"[]", x)
		}
	case string:
	default:
		t.Errorf("%s is %v (%T); CloudFormation sends scalars as strings", path, v, v)
	}
}

// invalid.json fails with every violation named, the misspelling with its suggestion.
func checkInvalid(t *testing.T, err error) {
	t.Helper()
	issues := issuesOf(err)
	if len(issues) == 0 {
		t.Fatal("invalid.json decodes")
	}
	msg := err.Error()
	for _, want := range []string{
		"GenerateSecret: must be true or false",
		"CallbackUrls: unknown property; did you mean CallbackURLs?",
		"AllowedOAuthFlows: client_credentials cannot be combined with code or implicit",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
}

// The samples mean what their names say.
func TestEventsScenarios(t *testing.T) {
	load := func(name string) event {
		var e event
		if err := json.Unmarshal(readFile(t, "events/"+name), &e); err != nil {
			t.Fatal(err)
		}
		return e
	}

	r := load("replace.json")
	desired, err := userpoolclient.Decode(r.ResourceProperties)
	if err != nil {
		t.Fatal(err)
	}
	old := userpoolclient.DecodeLenient(r.OldResourceProperties)
	if r.RequestType != "Update" || !userpoolclient.RequiresReplacement(old, desired) {
		t.Error("replace.json is not an Update that replaces the client")
	}

	l := load("lookup-create.json")
	lp, err := userpoolclient.DecodeLookup(l.ResourceProperties)
	if l.RequestType != "Create" || l.ResourceType != lookupType || err != nil || lp.ClientName == "" {
		t.Errorf("lookup-create.json is not a Create of a lookup by ClientName: %v", err)
	}

	i := load("invalid.json")
	if i.RequestType != "Create" || i.ResourceType != clientType {
		t.Error("invalid.json is not a Create of a client")
	}

	d := load("delete-failed-create.json")
	if d.RequestType != "Delete" || d.PhysicalResourceId == nil || !strings.HasPrefix(*d.PhysicalResourceId, "create-failed:") ||
		strings.TrimPrefix(*d.PhysicalResourceId, "create-failed:") == d.RequestId {
		t.Error("delete-failed-create.json is not the rollback Delete of a Create that failed (marker with the Create's RequestId)")
	}
}

// The storage and adoption samples (docs/secrets.md) mean what their names say, by the model's plan.
func TestSecretAndAdoptionEvents(t *testing.T) {
	load := func(name string) (event, userpoolclient.Properties, userpoolclient.Properties) {
		t.Helper()
		var e event
		if err := json.Unmarshal(readFile(t, "events/"+name), &e); err != nil {
			t.Fatal(err)
		}
		p, err := userpoolclient.Decode(e.ResourceProperties)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return e, p, userpoolclient.DecodeLenient(e.OldResourceProperties)
	}
	plan := func(name string) userpoolclient.UpdatePlan {
		t.Helper()
		e, p, old := load(name)
		u, err := userpoolclient.PlanUpdate(old, p, *e.PhysicalResourceId)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return u
	}
	if u := plan("rotate.json"); !u.Rotates() || u.Storage != userpoolclient.StorageKeep {
		t.Errorf("rotate.json plans %+v, want a rotation in the same storage", u)
	}
	if u := plan("rollback-rotation.json"); !u.RollsBack() || u.Rotates() {
		t.Errorf("rollback-rotation.json plans %+v, want a roll back", u)
	}
	if u := plan("hand-over.json"); !u.HandOver || u.Action != userpoolclient.UpdateInPlace {
		t.Errorf("hand-over.json plans %+v, want the client handed to the stack in place", u)
	}
	if e, p, _ := load("release-adopted.json"); !p.Releases(*e.PhysicalResourceId) {
		t.Error("release-adopted.json does not release the client")
	}
	if _, p, _ := load("adopt.json"); p.ExistingClientId == "" || p.GenerateSecret {
		t.Errorf("adopt.json: want an adoption of a client without a secret: %+v", p)
	}
	if _, p, _ := load("create-with-storage.json"); p.SecretsManagerSecretId == "" || !p.GenerateSecret {
		t.Errorf("create-with-storage.json: want storage on a client with a secret: %+v", p)
	}
}
