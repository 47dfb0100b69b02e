package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// eventsGlob is every sample CloudFormation request; each is handled by its RequestType and
// ResourceType, so a new sample is covered as soon as it is added.
const eventsGlob = "../../events/*.json"

// reasonMentions lists what the Reason of a sample that must fail has to name, beyond the
// property paths the model's validator reports (the spec's own examples).
var reasonMentions = map[string][]string{
	"invalid.json": {"GenerateSecret", "CallbackUrls", "did you mean CallbackURLs?", "AllowedOAuthFlows"},
}

// TestEvents sends every events/*.json through the bootstrap under the emulator, against a
// fresh pool in moto each. An Update or Delete whose PhysicalResourceId names a client gets
// one first, made by the Create CloudFormation would have sent for it (the event with
// RequestType Create and the properties the resource had), and the event carries its ID, as
// `make demo` chains them. Then it checks the response at the catcher and the client as
// Cognito describes it.
func TestEvents(t *testing.T) {
	files, err := filepath.Glob(eventsGlob)
	require.NoError(t, err)
	require.NotEmpty(t, files, "no sample events in %s", eventsGlob)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			s := sample{name: filepath.Base(file), raw: raw, pool: newPool(t)}
			if secretsProperty(raw) != "" {
				s.secrets(t) // secrets_events_test.go
				return
			}
			if localrun.EventString(raw, "ResourceType") == provider.LookupResourceType {
				s.lookup(t)
				return
			}
			switch rt := localrun.EventString(raw, "RequestType"); rt {
			case provider.Create:
				s.create(t)
			case provider.Update:
				s.update(t)
			case provider.Delete:
				s.delete(t)
			default:
				iv := invoke(t, raw, s.pool)
				s.requireFailed(t, iv, nil)
				assert.Contains(t, iv.response().Reason, "unsupported request type")
				assert.Empty(t, clients(t, s.pool))
			}
		})
	}
}

// sample is one events/*.json under test.
type sample struct {
	name string
	raw  []byte
	pool string
}

// validation is what the model's validator says of the event's properties (nil when valid).
func (s sample) validation(t *testing.T, lookup bool, opts ...localrun.EventOption) error {
	t.Helper()
	prepared, err := localrun.PrepareEvent(s.raw, "", s.pool, opts...)
	require.NoError(t, err)
	rp, _ := localrun.EventField(prepared, "ResourceProperties")
	if lookup {
		_, err = userpoolclient.DecodeLookup(rp)
	} else {
		_, err = userpoolclient.Decode(rp)
	}
	return err
}

// requireFailed asserts a FAILED answer whose Reason names every property the validator
// objects to (verr, when given) and what reasonMentions lists for the sample.
func (s sample) requireFailed(t *testing.T, iv invocation, verr error) {
	t.Helper()
	r := iv.response()
	require.Equal(t, "FAILED", r.Status, "reason: %s", r.Reason)
	var ve *userpoolclient.ValidationError
	if errors.As(verr, &ve) {
		require.NotEmpty(t, ve.Issues)
		for _, is := range ve.Issues {
			assert.Contains(t, r.Reason, is.Path, "the Reason names %s", is.Path)
		}
	}
	for _, m := range reasonMentions[s.name] {
		assert.Contains(t, r.Reason, m)
	}
	t.Logf("FAILED as expected: %s", r.Reason)
}

// requireSuccess asserts a SUCCESS answer with the attributes of client id: Data holds
// ClientId, Name and UserPoolId, plus ClientSecret exactly when the client has a secret.
func (s sample) requireSuccess(t *testing.T, iv invocation, id, name string, secret bool) {
	t.Helper()
	r := iv.response()
	require.Equal(t, "SUCCESS", r.Status, "reason: %s", r.Reason)
	require.Equal(t, id, r.PhysicalResourceID)
	keys := []string{"ClientId", "Name", "UserPoolId"}
	if secret {
		keys = append(keys, "ClientSecret")
	}
	require.ElementsMatch(t, keys, mapKeys(r.Data), "Data keys")
	assert.Equal(t, id, r.Data["ClientId"])
	assert.Equal(t, name, r.Data["Name"])
	assert.Equal(t, s.pool, r.Data["UserPoolId"])
	if secret {
		c := describe(t, s.pool, id)
		require.NotNil(t, c)
		assert.Equal(t, aws.ToString(c.ClientSecret), r.Data["ClientSecret"], "the secret Cognito holds")
	}
}

// expectedName is the client name the resource should carry: ClientName, or the name
// generated from the stack and the logical ID.
func expectedName(raw []byte, props map[string]any) string {
	if n, ok := props["ClientName"].(string); ok && n != "" {
		return n
	}
	return userpoolclient.DefaultClientName(localrun.EventString(raw, "StackId"), localrun.EventString(raw, "LogicalResourceId"))
}

func wantsSecret(t *testing.T, props map[string]any) bool {
	v, ok := props["GenerateSecret"]
	return ok && asBool(t, "GenerateSecret", v)
}

func (s sample) create(t *testing.T) {
	if verr := s.validation(t, false); verr != nil {
		iv := invoke(t, s.raw, s.pool)
		s.requireFailed(t, iv, verr)
		id := iv.response().PhysicalResourceID
		assert.False(t, userpoolclient.IsClientID(id), "a Create that failed before a client existed answers a marker, not a client ID: %s", id)
		assert.Empty(t, clients(t, s.pool), "no client was made")
		return
	}
	iv := invoke(t, s.raw, s.pool)
	p := props(t, iv.event, "ResourceProperties")
	id := iv.response().PhysicalResourceID
	require.True(t, userpoolclient.IsClientID(id), "PhysicalResourceId %q is a client ID", id)
	s.requireSuccess(t, iv, id, expectedName(iv.event, p), wantsSecret(t, p))
	assertDescribed(t, p, describe(t, s.pool, id))
	assert.Equal(t, []string{id}, clients(t, s.pool), "exactly one client")
}

// existing makes the client an Update or Delete event refers to: it sends the Create
// CloudFormation would have sent before (this event as a Create, with the properties the
// resource had) and returns the new client's ID.
func (s sample) existing(t *testing.T, propsKey string) string {
	t.Helper()
	var ev map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(s.raw, &ev))
	ev["RequestType"] = json.RawMessage(`"Create"`)
	ev["ResourceProperties"] = ev[propsKey]
	delete(ev, "PhysicalResourceId")
	delete(ev, "OldResourceProperties")
	create, err := json.Marshal(ev)
	require.NoError(t, err)
	iv := invoke(t, create, s.pool)
	require.Equal(t, "SUCCESS", iv.response().Status, "the Create before the %s: %s", localrun.EventString(s.raw, "RequestType"), iv.response().Reason)
	return iv.response().PhysicalResourceID
}

func (s sample) update(t *testing.T) {
	var oldID string
	var opts []localrun.EventOption
	propsKey := "OldResourceProperties"
	if _, ok := localrun.EventField(s.raw, propsKey); !ok {
		propsKey = "ResourceProperties"
	}
	hasClient := userpoolclient.IsClientID(localrun.EventString(s.raw, "PhysicalResourceId"))
	if hasClient {
		oldID = s.existing(t, propsKey)
		opts = append(opts, localrun.WithPhysicalResourceID(oldID))
	}
	before := clients(t, s.pool)

	if verr := s.validation(t, false); verr != nil {
		iv := invoke(t, s.raw, s.pool, opts...)
		s.requireFailed(t, iv, verr)
		if hasClient {
			assert.Equal(t, oldID, iv.response().PhysicalResourceID, "a failed Update keeps the ID")
		}
		assert.Equal(t, before, clients(t, s.pool), "nothing was made or removed")
		return
	}

	iv := invoke(t, s.raw, s.pool, opts...)
	p := props(t, iv.event, "ResourceProperties")
	oldProps := props(t, iv.event, "OldResourceProperties")
	rp, _ := localrun.EventField(iv.event, "ResourceProperties")
	orp, _ := localrun.EventField(iv.event, "OldResourceProperties")
	desired, err := userpoolclient.Decode(rp)
	require.NoError(t, err)
	replace := !hasClient || userpoolclient.RequiresReplacement(userpoolclient.DecodeLenient(orp), desired)

	id := iv.response().PhysicalResourceID
	s.requireSuccess(t, iv, id, expectedName(iv.event, p), wantsSecret(t, p))
	assertDescribed(t, p, describe(t, s.pool, id))
	if !replace {
		assert.Equal(t, oldID, id, "an in-place update keeps the PhysicalResourceId")
		assert.Equal(t, []string{oldID}, clients(t, s.pool), "no other client")
		return
	}
	require.True(t, userpoolclient.IsClientID(id))
	assert.NotEqual(t, oldID, id, "a replacement answers a new client's ID")
	want := []string{id}
	if hasClient {
		// The old client is CloudFormation's to delete after the stack update succeeds.
		old := describe(t, s.pool, oldID)
		require.NotNil(t, old, "the replaced client is left for CloudFormation's cleanup Delete")
		assertDescribed(t, oldProps, old)
		want = append(want, oldID)
	}
	assert.ElementsMatch(t, want, clients(t, s.pool))
}

func (s sample) delete(t *testing.T) {
	phys := localrun.EventString(s.raw, "PhysicalResourceId")
	prepared, err := localrun.PrepareEvent(s.raw, "", s.pool)
	require.NoError(t, err)
	rp, _ := localrun.EventField(prepared, "ResourceProperties")
	named := userpoolclient.DecodeLenient(rp)
	if !userpoolclient.IsClientID(phys) || !userpoolclient.IsUserPoolID(named.UserPoolId) {
		// The marker of a failed Create, or properties naming no pool: nothing to delete.
		iv := invoke(t, s.raw, s.pool)
		r := iv.response()
		require.Equal(t, "SUCCESS", r.Status, "reason: %s", r.Reason)
		assert.Equal(t, phys, r.PhysicalResourceID, "the PhysicalResourceId is echoed")
		assert.Empty(t, r.Data)
		assert.Empty(t, clients(t, s.pool), "nothing was made")
		return
	}
	id := s.existing(t, "ResourceProperties")
	iv := invoke(t, s.raw, s.pool, localrun.WithPhysicalResourceID(id))
	r := iv.response()
	require.Equal(t, "SUCCESS", r.Status, "reason: %s", r.Reason)
	assert.Equal(t, id, r.PhysicalResourceID)
	assert.Empty(t, r.Data, "a Delete returns no attributes")
	assert.Nil(t, describe(t, s.pool, id), "the client is gone")
	assert.Empty(t, clients(t, s.pool), "nothing is left in the pool")

	// CloudFormation may deliver the Delete again (or delete a resource twice): still SUCCESS.
	again := invoke(t, s.raw, s.pool, localrun.WithPhysicalResourceID(id))
	assert.Equal(t, "SUCCESS", again.response().Status, "a Delete of a client already gone: %s", again.response().Reason)
}

// lookup serves Custom::UserPoolClientLookup samples: the client they name is made in moto
// first (a ClientId in the sample is replaced by its ID); Create and Update return its
// attributes, Delete leaves it alone.
func (s sample) lookup(t *testing.T) {
	p := props(t, s.raw, "ResourceProperties")
	name, _ := p["ClientName"].(string)
	if name == "" {
		name = "looked-up"
	}
	made, err := moto.Cognito().CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(s.pool), ClientName: aws.String(name),
	})
	require.NoError(t, err)
	id := aws.ToString(made.UserPoolClient.ClientId)
	var opts []localrun.EventOption
	if _, ok := p["ClientId"]; ok {
		p["ClientId"] = id
		b, err := json.Marshal(p)
		require.NoError(t, err)
		opts = append(opts, localrun.WithResourceProperties(b))
	}

	rt := localrun.EventString(s.raw, "RequestType")
	if rt == provider.Create || rt == provider.Update {
		if verr := s.validation(t, true, opts...); verr != nil {
			iv := invoke(t, s.raw, s.pool, opts...)
			s.requireFailed(t, iv, verr)
			return
		}
	}
	iv := invoke(t, s.raw, s.pool, opts...)
	switch rt {
	case provider.Create, provider.Update:
		s.requireSuccess(t, iv, id, name, false)
	case provider.Delete:
		r := iv.response()
		require.Equal(t, "SUCCESS", r.Status, "reason: %s", r.Reason)
		if phys := localrun.EventString(s.raw, "PhysicalResourceId"); phys != "" {
			assert.Equal(t, phys, r.PhysicalResourceID, "the PhysicalResourceId is echoed")
		}
		assert.Empty(t, r.Data)
	default:
		s.requireFailed(t, iv, nil)
	}
	assert.Equal(t, []string{id}, clients(t, s.pool), "a lookup changes nothing")
	c := describe(t, s.pool, id)
	require.NotNil(t, c)
	assert.Equal(t, name, aws.ToString(c.ClientName))
}

func mapKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
