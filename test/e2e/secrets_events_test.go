package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// secretsProperty names the first storage or adoption property (docs/secrets.md) the sample's
// properties (or old properties) carry, or "".
func secretsProperty(raw []byte) string {
	for _, field := range []string{"ResourceProperties", "OldResourceProperties"} {
		props, _ := localrun.EventField(raw, field)
		for _, p := range []string{"SecretsManagerSecretId", "SecretSerial", "ExistingClientId"} {
			if bytes.Contains(props, []byte(`"`+p+`"`)) {
				return p
			}
		}
	}
	return ""
}

// stagedVersion reads the version of arn carrying stage in moto (testrig.Staged).
func stagedVersion(t *testing.T, arn, stage string) *testrig.StoredVersion {
	t.Helper()
	return testrig.Staged(t, moto.SecretsManager(), arn, stage)
}

// liveSecrets lists the client secrets the local Cognito holds for client id of pool.
func liveSecrets(t *testing.T, pool, id string) []string {
	t.Helper()
	return testrig.LiveSecrets(t, moto.Cognito(), pool, id)
}

// secretsSample is a sample carrying SecretsManagerSecretId, SecretSerial or ExistingClientId,
// made runnable: its storage ARN is a fresh empty secret in moto, its ExistingClientId a
// client made in moto from the properties that adopt it.
type secretsSample struct {
	sample
	raw     []byte // with the substitutions
	arn     string
	adopted string
}

func (s sample) prepareSecrets(t *testing.T) secretsSample {
	t.Helper()
	ss := secretsSample{sample: s, raw: s.raw}
	arn, existing := localrun.Placeholders(s.raw)
	if arn != "" {
		ss.arn = testrig.NewStorage(t, moto.SecretsManager(), "userpoolclient/e2e-")
		ss.raw = bytes.ReplaceAll(ss.raw, []byte(arn), []byte(ss.arn))
	}
	if existing != "" {
		// The client to adopt, made from the properties that adopt it (ExistingClientId aside).
		field := "OldResourceProperties"
		if localrun.EventString(s.raw, "RequestType") != "Update" {
			field = "ResourceProperties"
		}
		prepared, err := localrun.PrepareEvent(s.raw, "", s.pool)
		require.NoError(t, err)
		rp, _ := localrun.EventField(prepared, field)
		p := userpoolclient.DecodeLenient(rp)
		out, err := moto.Cognito().CreateUserPoolClient(context.Background(), p.CreateInput(p.ClientName))
		require.NoError(t, err)
		ss.adopted = aws.ToString(out.UserPoolClient.ClientId)
		ss.raw = bytes.ReplaceAll(ss.raw, []byte(existing), []byte(ss.adopted))
	}
	return ss
}

// secrets runs a storage or adoption sample (docs/secrets.md) and asserts what it must do.
func (s sample) secrets(t *testing.T) {
	ss := s.prepareSecrets(t)
	switch s.name {
	case "create-with-storage.json":
		iv := invoke(t, ss.raw, s.pool)
		id := ss.requireStored(t, iv)
		require.Len(t, liveSecrets(t, s.pool, id), 1)
		assert.Nil(t, stagedVersion(t, ss.arn, "AWSPREVIOUS"))
		assert.Equal(t, []string{id}, clients(t, s.pool))
	case "rotate.json":
		id := ss.existing(t, "OldResourceProperties")
		before := stagedVersion(t, ss.arn, "AWSCURRENT")
		iv := invoke(t, ss.raw, s.pool, localrun.WithPhysicalResourceID(id))
		assert.Equal(t, id, ss.requireStored(t, iv), "the ClientId never changes")
		assert.Len(t, liveSecrets(t, s.pool, id), 2)
		assert.Equal(t, before, stagedVersion(t, ss.arn, "AWSPREVIOUS"), "the previous secret stays valid as AWSPREVIOUS")
		assert.NotEqual(t, before.ClientSecretId, stagedVersion(t, ss.arn, "AWSCURRENT").ClientSecretId)
	case "rollback-rotation.json":
		// The rotation this sample rolls back: Create at the new serial's predecessor, then
		// the rotation to the old properties' serial.
		var ev map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(ss.raw, &ev))
		rotate := map[string]json.RawMessage{}
		for k, v := range ev {
			rotate[k] = v
		}
		rotate["ResourceProperties"], rotate["OldResourceProperties"] = ev["OldResourceProperties"], ev["ResourceProperties"]
		rotated, err := json.Marshal(rotate)
		require.NoError(t, err)
		id := secretsSample{sample: sample{name: s.name, raw: rotated, pool: s.pool}, raw: rotated, arn: ss.arn}.existing(t, "OldResourceProperties")
		first := stagedVersion(t, ss.arn, "AWSCURRENT")
		iv := invoke(t, rotated, s.pool, localrun.WithPhysicalResourceID(id), localrun.WithRequestID(localrun.NewRequestID()))
		ss.requireStored(t, iv)
		second := stagedVersion(t, ss.arn, "AWSCURRENT")
		require.NotEqual(t, first.ClientSecretId, second.ClientSecretId)

		iv = invoke(t, ss.raw, s.pool, localrun.WithPhysicalResourceID(id))
		assert.Equal(t, id, ss.requireStored(t, iv))
		live := liveSecrets(t, s.pool, id)
		assert.ElementsMatch(t, []string{first.ClientSecretId, second.ClientSecretId}, live, "a roll back deletes no secret")
		assert.Equal(t, first, stagedVersion(t, ss.arn, "AWSCURRENT"), "AWSCURRENT is back on the first secret")
	case "adopt.json":
		before := describe(t, s.pool, ss.adopted)
		iv := invoke(t, ss.raw, s.pool)
		r := iv.response()
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		assert.Equal(t, ss.adopted, r.PhysicalResourceID, "Ref is the adopted ClientId")
		assert.Equal(t, before, describe(t, s.pool, ss.adopted), "adoption writes nothing")
		assert.Equal(t, []string{ss.adopted}, clients(t, s.pool))
	case "release-adopted.json":
		before := describe(t, s.pool, ss.adopted)
		iv := invoke(t, ss.raw, s.pool)
		r := iv.response()
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		assert.Equal(t, ss.adopted, r.PhysicalResourceID)
		assert.Equal(t, before, describe(t, s.pool, ss.adopted), "released exactly as it was")
		assert.Contains(t, iv.logs, "releasing adopted client")
	case "hand-over.json":
		iv := invoke(t, ss.raw, s.pool)
		r := iv.response()
		require.Equal(t, "SUCCESS", r.Status, r.Reason)
		assert.Equal(t, ss.adopted, r.PhysicalResourceID, "handed over in place: the same ID")
		assertDescribed(t, props(t, iv.event, "ResourceProperties"), describe(t, s.pool, ss.adopted))
		// From now on the stack owns it: the Delete deletes it.
		del := invoke(t, ss.raw, s.pool, localrun.WithRequestType("Delete"), localrun.WithRequestID(localrun.NewRequestID()),
			localrun.WithoutKey("OldResourceProperties"))
		require.Equal(t, "SUCCESS", del.response().Status, del.response().Reason)
		assert.Nil(t, describe(t, s.pool, ss.adopted), "deleted")
	default:
		t.Fatalf("%s carries %s: give it assertions here", s.name, secretsProperty(s.raw))
	}
}

// existing makes the client with storage the event refers to (its Create, with the
// properties propsKey names) and returns its ID.
func (ss secretsSample) existing(t *testing.T, propsKey string) string {
	t.Helper()
	return sample{name: ss.name, raw: ss.raw, pool: ss.pool}.existing(t, propsKey)
}

// requireStored asserts a SUCCESS with storage: SecretArn, no ClientSecret, no NoEcho, and
// AWSCURRENT holding the answered client and one of its live secrets. It returns the ID.
func (ss secretsSample) requireStored(t *testing.T, iv invocation) string {
	t.Helper()
	r := iv.response()
	require.Equal(t, "SUCCESS", r.Status, "reason: %s", r.Reason)
	id := r.PhysicalResourceID
	require.True(t, userpoolclient.IsClientID(id))
	assert.Equal(t, ss.arn, r.Data["SecretArn"])
	assert.NotContains(t, r.Data, "ClientSecret", "the secret never passes through CloudFormation")
	assert.False(t, r.NoEcho)
	cur := stagedVersion(t, ss.arn, "AWSCURRENT")
	require.NotNil(t, cur)
	assert.Equal(t, id, cur.ClientId)
	assert.Contains(t, liveSecrets(t, ss.pool, id), cur.ClientSecretId)
	assert.NotContains(t, iv.logs, cur.ClientSecret, "the secret value reached the logs")
	assert.NotContains(t, fmt.Sprint(r), cur.ClientSecret)
	return id
}
