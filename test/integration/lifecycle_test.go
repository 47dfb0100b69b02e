package integration

import (
	"context"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// webProps is the shared web client fixture.
func webProps(pool string) map[string]any { return testrig.WebProps(pool) }

func sorted(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

func enumStrings[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

// assertMatches checks that Cognito describes the client as the properties say: the
// acceptance step "read back" after every change.
func assertMatches(t *testing.T, props map[string]any, c *types.UserPoolClientType) {
	t.Helper()
	assert.Equal(t, props["UserPoolId"], aws.ToString(c.UserPoolId))
	assert.Equal(t, props["ClientName"], aws.ToString(c.ClientName))
	for key, got := range map[string][]string{
		"ExplicitAuthFlows":          enumStrings(c.ExplicitAuthFlows),
		"SupportedIdentityProviders": c.SupportedIdentityProviders,
		"CallbackURLs":               c.CallbackURLs,
		"LogoutURLs":                 c.LogoutURLs,
		"AllowedOAuthFlows":          enumStrings(c.AllowedOAuthFlows),
		"AllowedOAuthScopes":         c.AllowedOAuthScopes,
	} {
		want, _ := props[key].([]string)
		assert.Equal(t, sorted(want), sorted(got), key)
	}
	assert.Equal(t, props["AllowedOAuthFlowsUserPoolClient"] == true, aws.ToBool(c.AllowedOAuthFlowsUserPoolClient))
	assert.Equal(t, int32(props["RefreshTokenValidity"].(int)), c.RefreshTokenValidity)
	assert.Equal(t, int32(props["AccessTokenValidity"].(int)), aws.ToInt32(c.AccessTokenValidity))
	assert.Equal(t, int32(props["IdTokenValidity"].(int)), aws.ToInt32(c.IdTokenValidity))
	assert.Equal(t, props["PreventUserExistenceErrors"], string(c.PreventUserExistenceErrors))
	assert.True(t, aws.ToBool(c.EnableTokenRevocation), "EnableTokenRevocation is sent as true when absent")
}

// TestLifecycle is the acceptance sequence: create, read back, update, read back, delete,
// check that nothing is left. Each step makes exactly one Cognito call.
func TestLifecycle(t *testing.T) {
	f := newFixture(t)
	props := webProps(f.pool)

	created := f.send(request{RequestType: "Create", Props: props})
	require.Equal(t, "SUCCESS", created.Status, created.Reason)
	id := created.PhysicalResourceID
	require.True(t, userpoolclient.IsClientID(id))
	assert.Equal(t, map[string]string{"ClientId": id, "Name": "web", "UserPoolId": f.pool}, created.Data)
	assert.False(t, created.NoEcho)
	assert.Equal(t, map[string]int{"CreateUserPoolClient": 1}, f.calls.reset())
	c, err := f.describe(f.pool, id)
	require.NoError(t, err)
	assertMatches(t, props, c)

	updated := webProps(f.pool)
	updated["ClientName"] = "web-v2"
	updated["CallbackURLs"] = []string{"https://app.example.com/callback", "http://localhost:3000/callback"}
	updated["AccessTokenValidity"] = 30
	updated["AllowedOAuthScopes"] = []string{"openid", "email"}
	resp := f.send(request{RequestType: "Update", PhysicalID: id, Props: updated, OldProps: props})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.Equal(t, id, resp.PhysicalResourceID, "an in-place update keeps the ID")
	assert.Equal(t, "web-v2", resp.Data["Name"])
	assert.Equal(t, map[string]int{"UpdateUserPoolClient": 1}, f.calls.reset())
	c, err = f.describe(f.pool, id)
	require.NoError(t, err)
	assertMatches(t, updated, c)
	assert.Contains(t, f.logs.String(), `"msg":"updating client"`)
	assert.Contains(t, f.logs.String(), `"ClientName"`, "the update is logged with what changed")

	deleted := f.send(request{RequestType: "Delete", PhysicalID: id, Props: updated})
	require.Equal(t, "SUCCESS", deleted.Status, deleted.Reason)
	assert.Equal(t, id, deleted.PhysicalResourceID)
	assert.Equal(t, map[string]int{"DeleteUserPoolClient": 1}, f.calls.reset())
	_, err = f.describe(f.pool, id)
	require.Error(t, err, "the client is gone")
	assert.Empty(t, f.clients(f.pool), "nothing is left in the pool")
}

func TestUpdateWithIdenticalPropertiesKeepsTheClient(t *testing.T) {
	f := newFixture(t)
	props := webProps(f.pool)
	id := f.send(request{RequestType: "Create", Props: props}).PhysicalResourceID
	resp := f.send(request{RequestType: "Update", PhysicalID: id, Props: props, OldProps: props})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.Equal(t, id, resp.PhysicalResourceID)
	assert.Equal(t, []string{id}, f.clients(f.pool))
}

func TestReplacementOnGenerateSecret(t *testing.T) {
	f := newFixture(t)
	old := webProps(f.pool)
	oldID := f.send(request{RequestType: "Create", Props: old}).PhysicalResourceID
	f.calls.reset()

	desired := webProps(f.pool)
	desired["GenerateSecret"] = true
	resp := f.send(request{RequestType: "Update", PhysicalID: oldID, Props: desired, OldProps: old})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	newID := resp.PhysicalResourceID
	assert.NotEqual(t, oldID, newID, "a new client, a new ID")
	assert.NotEmpty(t, resp.Data["ClientSecret"])
	assert.True(t, resp.NoEcho)
	assert.Equal(t, map[string]int{"CreateUserPoolClient": 1}, f.calls.reset(), "the old client is not touched")
	assert.ElementsMatch(t, []string{oldID, newID}, f.clients(f.pool))

	// CloudFormation's cleanup Delete of the old client, with the old properties.
	cleanup := f.send(request{RequestType: "Delete", PhysicalID: oldID, Props: old})
	require.Equal(t, "SUCCESS", cleanup.Status)
	assert.Equal(t, []string{newID}, f.clients(f.pool))
}

func TestReplacementOnUserPoolId(t *testing.T) {
	f := newFixture(t)
	old := webProps(f.pool)
	oldID := f.send(request{RequestType: "Create", Props: old}).PhysicalResourceID

	otherPool := f.newPool()
	desired := webProps(otherPool)
	resp := f.send(request{RequestType: "Update", PhysicalID: oldID, Props: desired, OldProps: old})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.NotEqual(t, oldID, resp.PhysicalResourceID)
	assert.Equal(t, otherPool, resp.Data["UserPoolId"])
	assert.Equal(t, []string{oldID}, f.clients(f.pool), "the old client is left for CloudFormation's cleanup")
	assert.Equal(t, []string{resp.PhysicalResourceID}, f.clients(otherPool))
}

func TestFalseAndAbsentGenerateSecretAreTheSame(t *testing.T) {
	f := newFixture(t)
	old := webProps(f.pool)
	id := f.send(request{RequestType: "Create", Props: old}).PhysicalResourceID
	desired := webProps(f.pool)
	desired["GenerateSecret"] = false
	resp := f.send(request{RequestType: "Update", PhysicalID: id, Props: desired, OldProps: old})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.Equal(t, id, resp.PhysicalResourceID, "no replacement")
}

func TestUpdateHealsAClientDeletedOutOfBand(t *testing.T) {
	f := newFixture(t)
	props := webProps(f.pool)
	oldID := f.send(request{RequestType: "Create", Props: props}).PhysicalResourceID
	_, err := moto.Cognito().DeleteUserPoolClient(context.Background(), &cip.DeleteUserPoolClientInput{UserPoolId: &f.pool, ClientId: &oldID})
	require.NoError(t, err)

	desired := webProps(f.pool)
	desired["ClientName"] = "web-healed"
	resp := f.send(request{RequestType: "Update", PhysicalID: oldID, Props: desired, OldProps: props})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	newID := resp.PhysicalResourceID
	assert.NotEqual(t, oldID, newID, "never re-use the old ID")
	assert.Contains(t, f.logs.String(), "client no longer exists")
	c, err := f.describe(f.pool, newID)
	require.NoError(t, err)
	assertMatches(t, desired, c)

	// CloudFormation's cleanup Delete of the vanished ID is a no-op success.
	cleanup := f.send(request{RequestType: "Delete", PhysicalID: oldID, Props: props})
	assert.Equal(t, "SUCCESS", cleanup.Status)
	assert.Equal(t, []string{newID}, f.clients(f.pool))
}

func TestRollbackUpdateRestoresTheOldProperties(t *testing.T) {
	f := newFixture(t)
	old := webProps(f.pool)
	id := f.send(request{RequestType: "Create", Props: old}).PhysicalResourceID
	desired := webProps(f.pool)
	desired["ClientName"] = "web-next"
	desired["RefreshTokenValidity"] = 7
	require.Equal(t, "SUCCESS", f.send(request{RequestType: "Update", PhysicalID: id, Props: desired, OldProps: old}).Status)

	// The stack update failed elsewhere: CloudFormation swaps old and new.
	resp := f.send(request{RequestType: "Update", PhysicalID: id, Props: old, OldProps: desired})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.Equal(t, id, resp.PhysicalResourceID)
	c, err := f.describe(f.pool, id)
	require.NoError(t, err)
	assertMatches(t, old, c)
}

func TestDeleteOfWhatIsGone(t *testing.T) {
	f := newFixture(t)
	props := webProps(f.pool)
	id := f.send(request{RequestType: "Create", Props: props}).PhysicalResourceID

	first := f.send(request{RequestType: "Delete", PhysicalID: id, Props: props, RequestID: "delete-1"})
	second := f.send(request{RequestType: "Delete", PhysicalID: id, Props: props, RequestID: "delete-2"})
	assert.Equal(t, "SUCCESS", first.Status)
	assert.Equal(t, "SUCCESS", second.Status, "a duplicate Delete succeeds")

	// A pool that is gone.
	gonePool := f.newPool()
	goneID := f.send(request{RequestType: "Create", Props: webProps(gonePool)}).PhysicalResourceID
	_, err := moto.Cognito().DeleteUserPool(context.Background(), &cip.DeleteUserPoolInput{UserPoolId: &gonePool})
	require.NoError(t, err)
	resp := f.send(request{RequestType: "Delete", PhysicalID: goneID, Props: webProps(gonePool)})
	assert.Equal(t, "SUCCESS", resp.Status, resp.Reason)
}

func TestFailedCreateLeavesNothingAndItsDeleteIsANoOp(t *testing.T) {
	f := newFixture(t)
	bad := webProps(f.pool)
	bad["GenerateSecret"] = "yes"
	bad["CallbackUrls"] = []string{"https://app.example.com/cb"}
	resp := f.send(request{RequestType: "Create", Props: bad})
	require.Equal(t, "FAILED", resp.Status)
	assert.Contains(t, resp.Reason, "GenerateSecret: must be true or false")
	assert.Contains(t, resp.Reason, "did you mean CallbackURLs?")
	assert.False(t, userpoolclient.IsClientID(resp.PhysicalResourceID), "a marker, not a client ID")
	assert.Empty(t, f.calls.reset(), "no Cognito call for invalid properties")
	assert.Empty(t, f.clients(f.pool))

	// The rollback Delete of the marker makes no call.
	del := f.send(request{RequestType: "Delete", PhysicalID: resp.PhysicalResourceID, Props: bad})
	assert.Equal(t, "SUCCESS", del.Status)
	assert.Empty(t, f.calls.reset())
}

func TestCreateInAPoolThatDoesNotExist(t *testing.T) {
	f := newFixture(t)
	resp := f.send(request{RequestType: "Create", Props: webProps("us-east-1_doesnotexist")})
	require.Equal(t, "FAILED", resp.Status)
	assert.Contains(t, resp.Reason, "us-east-1_doesnotexist")
	assert.False(t, userpoolclient.IsClientID(resp.PhysicalResourceID))
}

func TestDefaultNameIsStableAcrossUpdates(t *testing.T) {
	f := newFixture(t)
	props := webProps(f.pool)
	delete(props, "ClientName")
	created := f.send(request{RequestType: "Create", Props: props, LogicalID: "Machine"})
	require.Equal(t, "SUCCESS", created.Status, created.Reason)
	want := userpoolclient.DefaultClientName(f.stack, "Machine")
	assert.Equal(t, want, created.Data["Name"])

	desired := webProps(f.pool)
	delete(desired, "ClientName")
	desired["AccessTokenValidity"] = 15
	resp := f.send(request{RequestType: "Update", LogicalID: "Machine", PhysicalID: created.PhysicalResourceID, Props: desired, OldProps: props})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.Equal(t, want, resp.Data["Name"])
}

func TestMachineClientWithSecret(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, moto.CreateResourceServer(context.Background(), f.pool, "api", "read"))
	props := map[string]any{
		"UserPoolId":                      f.pool,
		"ClientName":                      "machine",
		"GenerateSecret":                  true,
		"AllowedOAuthFlows":               []string{"client_credentials"},
		"AllowedOAuthScopes":              []string{"api/read"},
		"AllowedOAuthFlowsUserPoolClient": true,
	}
	resp := f.send(request{RequestType: "Create", Props: props})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	assert.True(t, resp.NoEcho)
	c, err := f.describe(f.pool, resp.PhysicalResourceID)
	require.NoError(t, err)
	assert.Equal(t, aws.ToString(c.ClientSecret), resp.Data["ClientSecret"])
}

func TestDuplicateDeliveryMakesOneClient(t *testing.T) {
	f := newFixture(t)
	props := webProps(f.pool)
	first := f.send(request{RequestType: "Create", Props: props, RequestID: "same-request"})
	second := f.send(request{RequestType: "Create", Props: props, RequestID: "same-request"})
	require.Equal(t, "SUCCESS", first.Status)
	assert.Equal(t, first.PhysicalResourceID, second.PhysicalResourceID)
	assert.Len(t, f.clients(f.pool), 1)
	assert.Equal(t, map[string]int{"CreateUserPoolClient": 1}, f.calls.reset())
}

func TestLookup(t *testing.T) {
	f := newFixture(t)
	props := map[string]any{"UserPoolId": f.pool, "ClientName": "looked-up", "GenerateSecret": true}
	made := f.send(request{RequestType: "Create", Props: props})
	require.Equal(t, "SUCCESS", made.Status, made.Reason)

	for name, lookup := range map[string]map[string]any{
		"by id":   {"UserPoolId": f.pool, "ClientId": made.PhysicalResourceID},
		"by name": {"UserPoolId": f.pool, "ClientName": "looked-up"},
	} {
		t.Run(name, func(t *testing.T) {
			resp := f.send(request{RequestType: "Create", ResourceType: "Custom::UserPoolClientLookup", LogicalID: "Existing", Props: lookup})
			require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
			assert.Equal(t, made.PhysicalResourceID, resp.PhysicalResourceID)
			assert.Equal(t, made.Data, resp.Data)
			assert.True(t, resp.NoEcho)
		})
	}
	f.calls.reset()
	del := f.send(request{RequestType: "Delete", ResourceType: "Custom::UserPoolClientLookup", LogicalID: "Existing",
		PhysicalID: made.PhysicalResourceID, Props: map[string]any{"UserPoolId": f.pool, "ClientId": made.PhysicalResourceID}})
	assert.Equal(t, "SUCCESS", del.Status)
	assert.Empty(t, f.calls.reset(), "a lookup's Delete changes nothing")
	assert.Len(t, f.clients(f.pool), 1)
}

func TestOtherResourceTypesAreServedAsClients(t *testing.T) {
	f := newFixture(t)
	for _, rt := range []string{"AWS::CloudFormation::CustomResource", "Custom::AppClient"} {
		resp := f.send(request{RequestType: "Create", ResourceType: rt, Props: map[string]any{"UserPoolId": f.pool, "ClientName": "x"}})
		require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	}
	assert.Len(t, f.clients(f.pool), 2)
}

// TestUpdateThatRemovesPropertiesSendsNoPatch: Cognito resets what an update omits (moto alone
// merges; the local Cognito in front of it resets, as Cognito does). Checked: the request that
// went through the real SDK (the whole desired configuration, the removed properties absent,
// EnableTokenRevocation sent as true, the units whole) and the client as described afterwards.
func TestUpdateThatRemovesPropertiesSendsNoPatch(t *testing.T) {
	f := newFixture(t)
	old := webProps(f.pool)
	id := f.send(request{RequestType: "Create", Props: old}).PhysicalResourceID
	desired := map[string]any{"UserPoolId": f.pool, "ClientName": "bare"}
	resp := f.send(request{RequestType: "Update", PhysicalID: id, Props: desired, OldProps: old})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)

	in, ok := f.calls.last("UpdateUserPoolClient").(*cip.UpdateUserPoolClientInput)
	require.True(t, ok, "an UpdateUserPoolClient call was made")
	assert.Equal(t, id, aws.ToString(in.ClientId))
	assert.Equal(t, "bare", aws.ToString(in.ClientName))
	assert.False(t, in.AllowedOAuthFlowsUserPoolClient)
	assert.Nil(t, in.AllowedOAuthFlows)
	assert.Nil(t, in.AllowedOAuthScopes)
	assert.Nil(t, in.CallbackURLs)
	assert.Nil(t, in.LogoutURLs)
	assert.Nil(t, in.ExplicitAuthFlows)
	assert.Equal(t, &types.TokenValidityUnitsType{AccessToken: "hours", IdToken: "hours", RefreshToken: "days"}, in.TokenValidityUnits)
	assert.Nil(t, in.AccessTokenValidity)
	assert.Zero(t, in.RefreshTokenValidity)
	assert.Empty(t, in.PreventUserExistenceErrors)
	assert.True(t, aws.ToBool(in.EnableTokenRevocation))

	c, err := f.describe(f.pool, id)
	require.NoError(t, err)
	assert.Equal(t, "bare", aws.ToString(c.ClientName))
	assert.Nil(t, c.CallbackURLs, "reset, not merged")
	assert.Nil(t, c.AllowedOAuthScopes)
	assert.False(t, aws.ToBool(c.AllowedOAuthFlowsUserPoolClient))
	assert.Equal(t, types.PreventUserExistenceErrorTypesLegacy, c.PreventUserExistenceErrors, "Cognito's documented default")
}
