package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// newStorageFixture is a fixture whose handler has the storage wired as lambda/main.go wires
// it: Secrets Manager through the real SDK adapter and the Cognito retry loop, against moto's
// Secrets Manager behind the local Cognito (which also serves the client-secret APIs). Every
// call of both services is counted.
func newStorageFixture(t *testing.T) (*fixture, *sm.Client) {
	t.Helper()
	f := newFixture(t)
	log := f.log
	cfg := provider.SDKConfig(config.WithAPIOptions([]func(*middleware.Stack) error{f.calls.middleware}))
	f.h = provider.New(provider.Config{
		Cognito:        provider.SDKCognito(log, provider.DefaultRetryPolicy, cfg),
		SecretsManager: provider.SDKSecretsManager(log, provider.DefaultRetryPolicy, cfg),
		Sender:         &cfnresponse.Sender{Logger: log},
		Logger:         log,
		DefaultTimeout: 30 * time.Second,
	})
	return f, moto.SecretsManager()
}

// newStorage makes an empty storage secret, as a template makes it, and returns its ARN.
func newStorage(t *testing.T, api *sm.Client) string {
	t.Helper()
	return testrig.NewStorage(t, api, "userpoolclient/it-")
}

// sides is what Cognito and Secrets Manager hold after a step.
type sides struct {
	live          []string
	current, prev *testrig.StoredVersion
}

// both reads both sides and checks what holds after every step: Cognito holds at most two
// secrets, AWSCURRENT holds this client and names a live secret.
func both(t *testing.T, api *sm.Client, pool, secret, clientID string) sides {
	t.Helper()
	s := sides{live: testrig.LiveSecrets(t, moto.Cognito(), pool, clientID)}
	assert.LessOrEqual(t, len(s.live), 2, "Cognito holds at most two secrets")
	s.current, s.prev = testrig.Staged(t, api, secret, "AWSCURRENT"), testrig.Staged(t, api, secret, "AWSPREVIOUS")
	require.NotNil(t, s.current, "AWSCURRENT exists")
	assert.Equal(t, clientID, s.current.ClientId)
	assert.Equal(t, pool, s.current.UserPoolId)
	assert.Contains(t, s.live, s.current.ClientSecretId, "AWSCURRENT names a live secret")
	return s
}

// TestStorageLifecycleOnRealParts: create → rotate → rotate → roll back → rotate → update
// other properties → delete, against the real SDK adapters, moto's Secrets Manager and the
// local Cognito's secret APIs, both sides read back after every step.
func TestStorageLifecycleOnRealParts(t *testing.T) {
	f, api := newStorageFixture(t)
	arn := newStorage(t, api)
	props := func(serial int) map[string]any {
		p := webProps(f.pool)
		p["GenerateSecret"] = true
		p["SecretsManagerSecretId"] = arn
		p["SecretSerial"] = serial
		return p
	}
	var responses []localrun.Response
	var values []string // every secret value ever stored
	seen := func(s sides) {
		for _, v := range []*testrig.StoredVersion{s.current, s.prev} {
			if v != nil && !slices.Contains(values, v.ClientSecret) {
				values = append(values, v.ClientSecret)
			}
		}
	}
	answered := func(r localrun.Response, id string) {
		t.Helper()
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		assert.Equal(t, id, r.PhysicalResourceID, "the ClientId never changes")
		assert.Equal(t, arn, r.Data["SecretArn"])
		assert.NotContains(t, r.Data, "ClientSecret")
		responses = append(responses, r)
	}

	f.calls.reset()
	r := f.send(request{RequestType: "Create", Props: props(0)})
	id := r.PhysicalResourceID
	answered(r, id)
	s := both(t, api, f.pool, arn, id)
	seen(s)
	require.Len(t, s.live, 1)
	assert.Nil(t, s.prev)
	createCalls := f.calls.reset()
	assert.Equal(t, 1, createCalls["CreateUserPoolClient"], "%v", createCalls)
	assert.Equal(t, 1, createCalls["ListUserPoolClientSecrets"])
	assert.Equal(t, 1, createCalls["PutSecretValue"])

	serial := 0
	update := func(to int, p map[string]any) (sides, sides, map[string]int) {
		t.Helper()
		before := both(t, api, f.pool, arn, id)
		if p == nil {
			p = props(to)
		}
		f.calls.reset()
		answered(f.send(request{RequestType: "Update", PhysicalID: id, Props: p, OldProps: props(serial)}), id)
		calls := f.calls.reset()
		serial = to
		after := both(t, api, f.pool, arn, id)
		seen(after)
		return before, after, calls
	}

	// rotate
	before, after, rotation := update(1, nil)
	require.Len(t, after.live, 2)
	assert.Equal(t, before.current, after.prev, "the previous secret is AWSPREVIOUS")
	assert.NotEqual(t, before.current.ClientSecretId, after.current.ClientSecretId)
	assert.Equal(t, 1, rotation["AddUserPoolClientSecret"], "%v", rotation)
	assert.Equal(t, 1, rotation["PutSecretValue"])
	assert.Zero(t, rotation["DeleteUserPoolClientSecret"], "one secret before: nothing to delete")
	t.Logf("calls of the first rotation: %v", rotation)

	// rotate again: the secret AWSCURRENT did not name is deleted
	before, after, rotation = update(2, nil)
	assert.Contains(t, after.live, before.current.ClientSecretId)
	assert.NotContains(t, after.live, before.prev.ClientSecretId)
	assert.Equal(t, before.current, after.prev)
	assert.Equal(t, 1, rotation["DeleteUserPoolClientSecret"], "%v", rotation)
	t.Logf("calls of a rotation with two secrets: %v", rotation)

	// roll back: nothing deleted, AWSCURRENT back to the previous live secret
	before, after, rollback := update(1, nil)
	for _, v := range []*testrig.StoredVersion{before.current, before.prev} {
		assert.Contains(t, after.live, v.ClientSecretId, "a roll back deletes no secret that AWSCURRENT or AWSPREVIOUS named")
	}
	assert.Equal(t, before.prev.ClientSecretId, after.current.ClientSecretId, "AWSCURRENT moved back")
	assert.Zero(t, rollback["DeleteUserPoolClientSecret"]+rollback["AddUserPoolClientSecret"]+rollback["PutSecretValue"], "%v", rollback)
	assert.Equal(t, 1, rollback["UpdateSecretVersionStage"])

	// rotate after the roll back: the secret AWSCURRENT names is kept
	before, after, _ = update(2, nil)
	assert.Contains(t, after.live, before.current.ClientSecretId)
	assert.Equal(t, before.current, after.prev)

	// other properties: UpdateUserPoolClient only
	other := props(2)
	other["ClientName"] = "web-renamed"
	before, after, calls := update(2, other)
	assert.Equal(t, before, after)
	assert.Equal(t, map[string]int{"UpdateUserPoolClient": 1}, calls, "no secret call, no storage call")

	// delete: the client goes; the storage is the template's and stays
	r = f.send(request{RequestType: "Delete", PhysicalID: id, Props: other})
	require.Equal(t, "SUCCESS", r.Status, r.Reason)
	responses = append(responses, r)
	_, err := f.describe(f.pool, id)
	assert.Error(t, err, "the client is deleted")
	assert.Equal(t, after.current, testrig.Staged(t, api, arn, "AWSCURRENT"))

	// No response and no log line carried a secret value.
	require.Len(t, values, 4, "four secrets were made: one at create, three rotations")
	logs := f.logs.String()
	for _, v := range values {
		require.NotEmpty(t, v)
		assert.NotContains(t, logs, v, "a secret value reached the logs")
		for _, r := range responses {
			b, _ := json.Marshal(r)
			assert.NotContains(t, string(b), v, "a secret value reached a response")
		}
	}
}

// Adopt, then release: the client is described before and after, and the two are equal.
// Adopt, own, delete: the client is removed.
func TestAdoptionOnRealParts(t *testing.T) {
	f, _ := newStorageFixture(t)
	props := webProps(f.pool)
	props["GenerateSecret"] = true
	existing := func() string {
		p, err := userpoolclient.Decode(mustJSON(t, testrig.Stringified(props)))
		require.NoError(t, err)
		out, err := moto.Cognito().CreateUserPoolClient(context.Background(), p.CreateInput("legacy-web"))
		require.NoError(t, err)
		return aws.ToString(out.UserPoolClient.ClientId)
	}
	adopt := func(id string) map[string]any {
		p := webProps(f.pool)
		p["GenerateSecret"] = true
		p["ClientName"] = "legacy-web"
		p["ExistingClientId"] = id
		return p
	}

	t.Run("release", func(t *testing.T) {
		id := existing()
		before, err := f.describe(f.pool, id)
		require.NoError(t, err)
		r := f.send(request{RequestType: "Create", Props: adopt(id)})
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		assert.Equal(t, id, r.PhysicalResourceID)
		assert.Equal(t, aws.ToString(before.ClientSecret), r.Data["ClientSecret"], "one active secret: returned")
		r = f.send(request{RequestType: "Delete", PhysicalID: id, Props: adopt(id)})
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		after, err := f.describe(f.pool, id)
		require.NoError(t, err, "released, not deleted")
		assert.Equal(t, before, after, "exactly as it was")
	})

	t.Run("own then delete", func(t *testing.T) {
		id := existing()
		r := f.send(request{RequestType: "Create", Props: adopt(id)})
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		owned := adopt(id)
		delete(owned, "ExistingClientId")
		r = f.send(request{RequestType: "Update", PhysicalID: id, Props: owned, OldProps: adopt(id)})
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		assert.Equal(t, id, r.PhysicalResourceID, "handed over in place")
		r = f.send(request{RequestType: "Delete", PhysicalID: id, Props: owned})
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		_, err := f.describe(f.pool, id)
		assert.Error(t, err, "deleted")
	})

	t.Run("mismatch lists every difference", func(t *testing.T) {
		id := existing()
		p := adopt(id)
		p["RefreshTokenValidity"] = 10
		p["CallbackURLs"] = []string{"https://other.example.com/cb"}
		r := f.send(request{RequestType: "Create", Props: p})
		require.Equal(t, "FAILED", r.Status)
		assert.Contains(t, r.Reason, "RefreshTokenValidity: template 10 days, client 30 days")
		assert.Contains(t, r.Reason, "CallbackURLs: template [https://other.example.com/cb], client [https://app.example.com/callback]")
		assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	})

	t.Run("a client of another pool", func(t *testing.T) {
		id := existing()
		p := adopt(id)
		p["UserPoolId"] = f.newPool()
		r := f.send(request{RequestType: "Create", Props: p})
		require.Equal(t, "FAILED", r.Status)
		assert.Contains(t, r.Reason, fmt.Sprintf("ExistingClientId: client %s does not exist in user pool %s", id, p["UserPoolId"]))
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
