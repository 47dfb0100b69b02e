package localcognito_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sm = "secretsmanager."

// stages lists each version's staging labels.
func stages(t *testing.T, endpoint, secret string) map[string][]string {
	t.Helper()
	var out struct {
		Versions []struct {
			VersionId     string
			VersionStages []string
		}
	}
	status, code := rawCall(t, endpoint, sm+"ListSecretVersionIds", map[string]any{"SecretId": secret, "IncludeDeprecated": true}, &out)
	require.Equal(t, 200, status, code)
	m := map[string][]string{}
	for _, v := range out.Versions {
		if len(v.VersionStages) > 0 {
			m[v.VersionId] = v.VersionStages
		}
	}
	return m
}

func put(t *testing.T, endpoint, secret, token, value string) {
	t.Helper()
	var out struct{ VersionId string }
	status, code := rawCall(t, endpoint, sm+"PutSecretValue", map[string]any{"SecretId": secret, "ClientRequestToken": token, "SecretString": value}, &out)
	require.Equal(t, 200, status, code)
	require.Equal(t, token, out.VersionId)
}

func current(t *testing.T, endpoint, secret string) string {
	t.Helper()
	var out struct{ SecretString string }
	status, code := rawCall(t, endpoint, sm+"GetSecretValue", map[string]any{"SecretId": secret, "VersionStage": "AWSCURRENT"}, &out)
	require.Equal(t, 200, status, code)
	return out.SecretString
}

// restageThenPut is the sequence moto 5.2.1 gets wrong: AWSCURRENT moved back to v1 by
// UpdateSecretVersionStage, then a new version put.
func restageThenPut(t *testing.T, endpoint, name string) {
	t.Helper()
	status, code := rawCall(t, endpoint, sm+"CreateSecret", map[string]any{"Name": name}, nil)
	require.Equal(t, 200, status, code)
	put(t, endpoint, name, tok(1), "one")
	put(t, endpoint, name, tok(2), "two")
	status, code = rawCall(t, endpoint, sm+"UpdateSecretVersionStage", map[string]any{
		"SecretId": name, "VersionStage": "AWSCURRENT", "RemoveFromVersionId": tok(2), "MoveToVersionId": tok(1)}, nil)
	require.Equal(t, 200, status, code)
	put(t, endpoint, name, tok(3), "three")
}

func tok(n int) string { return "00000000-0000-4000-8000-00000000000" + string(rune('0'+n)) }

// Secrets Manager moves AWSCURRENT to the new version and AWSPREVIOUS to the version that held
// AWSCURRENT (API_PutSecretValue); the layer mends moto so that it does.
func TestPutSecretValueMovesCurrent(t *testing.T) {
	r := newRig(t)
	name := secretName("mend-" + strings.ToLower(t.Name()))
	restageThenPut(t, r.layer.URL(), name)
	assert.Equal(t, map[string][]string{tok(3): {"AWSCURRENT"}, tok(1): {"AWSPREVIOUS"}}, stages(t, r.layer.URL(), name))
	assert.Equal(t, "three", current(t, r.layer.URL(), name))

	// A repeated Put (same ClientRequestToken) changes nothing.
	put(t, r.layer.URL(), name, tok(3), "three")
	assert.Equal(t, map[string][]string{tok(3): {"AWSCURRENT"}, tok(1): {"AWSPREVIOUS"}}, stages(t, r.layer.URL(), name))
}

// Why the mend exists: moto alone leaves AWSCURRENT on two versions. When this fails, moto
// has been fixed and the mend can go.
func TestMotoAloneLeavesTwoCurrents(t *testing.T) {
	name := secretName("raw-" + strings.ToLower(t.Name()))
	restageThenPut(t, moto.BackendURL(), name)
	n := 0
	for _, st := range stages(t, moto.BackendURL(), name) {
		for _, s := range st {
			if s == "AWSCURRENT" {
				n++
			}
		}
	}
	assert.Equal(t, 2, n, "moto 5.2.1 leaves AWSCURRENT on two versions")
}
