package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func readEvent(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "events", name))
	require.NoError(t, err)
	return raw
}

// TestLifecycleThroughBootstrap is the acceptance sequence through the real bootstrap:
// create.json, update.json and delete.json chained as CloudFormation chains them (the
// Create's ID into the Update and the Delete, the Create's properties as the Update's
// OldResourceProperties, the Update's properties into the Delete), with Cognito read back
// after each step.
func TestLifecycleThroughBootstrap(t *testing.T) {
	pool := newPool(t)

	created := invoke(t, readEvent(t, "create.json"), pool)
	r := created.response()
	require.Equal(t, "SUCCESS", r.Status, r.Reason)
	id := r.PhysicalResourceID
	require.True(t, userpoolclient.IsClientID(id), "PhysicalResourceId %q is a client ID", id)
	createProps := props(t, created.event, "ResourceProperties")
	assert.Equal(t, map[string]string{"ClientId": id, "Name": createProps["ClientName"].(string), "UserPoolId": pool}, r.Data)
	assert.False(t, r.NoEcho)
	assertDescribed(t, createProps, describe(t, pool, id))
	assert.Contains(t, created.logs, `"message":"created client"`)

	createRaw, _ := localrun.EventField(created.event, "ResourceProperties")
	updated := invoke(t, readEvent(t, "update.json"), pool,
		localrun.WithPhysicalResourceID(id), localrun.WithOldResourceProperties(createRaw))
	r = updated.response()
	require.Equal(t, "SUCCESS", r.Status, r.Reason)
	assert.Equal(t, id, r.PhysicalResourceID, "update.json changes only in-place properties: same client")
	updateProps := props(t, updated.event, "ResourceProperties")
	assert.Equal(t, updateProps["ClientName"], r.Data["Name"])
	require.NotEqual(t, createProps["ClientName"], updateProps["ClientName"], "the sample update renames the client")
	assertDescribed(t, updateProps, describe(t, pool, id))
	assert.Equal(t, []string{id}, clients(t, pool))
	assert.Contains(t, updated.logs, `"message":"updating client"`)

	updateRaw, _ := localrun.EventField(updated.event, "ResourceProperties")
	deleted := invoke(t, readEvent(t, "delete.json"), pool,
		localrun.WithPhysicalResourceID(id), localrun.WithResourceProperties(updateRaw))
	r = deleted.response()
	require.Equal(t, "SUCCESS", r.Status, r.Reason)
	assert.Equal(t, id, r.PhysicalResourceID)
	assert.Nil(t, describe(t, pool, id), "the client is gone")
	assert.Empty(t, clients(t, pool), "nothing is left in the pool")
}
