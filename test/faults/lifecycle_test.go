package faults

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/faultproxy"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The Lifecycle table of docs/faults.md.

func TestLifecycle_DeleteOfAClientOrPoolThatIsGone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	props := webProps(f.pool)
	id := f.create(props)
	_, err := moto.Cognito().DeleteUserPoolClient(context.Background(), &cip.DeleteUserPoolClientInput{UserPoolId: &f.pool, ClientId: &id})
	require.NoError(t, err)
	res := f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: props})
	assert.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, id, res.PhysicalResourceID)

	gone := f.newPool()
	goneProps := webProps(gone)
	goneID := f.create(goneProps)
	_, err = moto.Cognito().DeleteUserPool(context.Background(), &cip.DeleteUserPoolInput{UserPoolId: &gone})
	require.NoError(t, err)
	res = f.send(request{RequestType: provider.Delete, PhysicalID: goneID, Props: goneProps})
	assert.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, 1, calls(gone)[opDelete].Forwarded, "Cognito was asked, and said it was gone")
}

func TestLifecycle_DeleteOfAFailedCreateMarkerEmptyOrGarbageID(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	failed := f.send(request{RequestType: provider.Create, Props: with(f.pool, "GenerateSecret", "yes")})
	require.Equal(t, "FAILED", failed.Status)
	for name, id := range map[string]string{
		"the failed-Create marker": failed.PhysicalResourceID,
		"empty":                    "",
		"garbage":                  "not a client id!",
		"an ARN":                   "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x",
		"too long":                 strings.Repeat("a", 129),
	} {
		t.Run(name, func(t *testing.T) {
			res := f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: webProps(f.pool)})
			assert.Equal(t, "SUCCESS", res.Status, res.Reason)
			if id != "" {
				assert.Equal(t, id, res.PhysicalResourceID, "the ID is answered back")
			}
		})
	}
	t.Run("properties that name no valid pool", func(t *testing.T) {
		res := f.send(request{RequestType: provider.Delete, PhysicalID: "1example23456789", Props: with("not a pool")})
		assert.Equal(t, "SUCCESS", res.Status, res.Reason)
	})
	assert.Empty(t, calls(f.pool), "no API call")
}

// TestLifecycle_CreateFailsAfterTheClientExists: once CreateUserPoolClient has returned,
// nothing in a Create calls Cognito again; what can still fail is the answer. A response
// whose Data does not fit in 4096 bytes (here because of an oversized StackId) becomes
// FAILED, and it must carry the real ClientId so that the rollback Delete removes the client.
// (The other way, a Create that completes after the deadline timer answered, is
// TestCognito_ACallThatHangs/a_late_completion: the client is removed there and then.)
func TestLifecycle_CreateFailsAfterTheClientExists(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	props := webProps(f.pool)
	props["ClientName"] = strings.Repeat("n", 128)
	stack := oversizedStackID(t, f.pool, props["ClientName"].(string))

	res := f.send(request{RequestType: provider.Create, Props: props, StackID: stack})
	require.Equal(t, "FAILED", res.Status)
	assert.Contains(t, res.Reason, "response data exceeded 4096 bytes")
	require.True(t, userpoolclient.IsClientID(res.PhysicalResourceID), "the real ClientId: %q", res.PhysicalResourceID)
	assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool))

	rollback := f.send(request{RequestType: provider.Delete, PhysicalID: res.PhysicalResourceID, Props: props, StackID: stack})
	assert.Equal(t, "SUCCESS", rollback.Status, rollback.Reason)
	assert.Empty(t, clientIDs(t, f.pool), "the rollback Delete removed it")
}

// oversizedStackID returns a StackId with which a SUCCESS carrying a client's Data exceeds 4096
// bytes while the same answer without Data fits.
func oversizedStackID(t *testing.T, pool, name string) string {
	t.Helper()
	base := "arn:aws:cloudformation:us-east-1:123456789012:stack/big-"
	clientID := strings.Repeat("c", 26) // Cognito's client IDs are 26 characters
	for n := 3600; n < 4096; n++ {
		stack := base + strings.Repeat("x", n)
		b, err := cfnresponse.Encode(cfnresponse.Response{
			Status: cfnresponse.StatusSuccess, PhysicalResourceID: clientID, StackID: stack,
			RequestID: "TestLifecycle_CreateFailsAfterTheClientExists-req-1", LogicalResourceID: "WebClient",
			Data: map[string]string{"ClientId": clientID, "Name": name, "UserPoolId": pool},
		})
		if err == nil && strings.Contains(string(b), `"FAILED"`) && len(b) < 4096-40 {
			return stack
		}
	}
	t.Fatal("no StackId length makes the Data overflow")
	return ""
}

func TestLifecycle_UpdateChangingUserPoolIdOrGenerateSecret(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(f *fixture, p map[string]any){
		"GenerateSecret": func(_ *fixture, p map[string]any) { p["GenerateSecret"] = true },
		"UserPoolId":     func(f *fixture, p map[string]any) { p["UserPoolId"] = f.newPool() },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			old := webProps(f.pool)
			oldID := f.create(old)
			desired := webProps(f.pool)
			change(f, desired)
			res := f.send(request{RequestType: provider.Update, PhysicalID: oldID, Props: desired, OldProps: old})
			require.Equal(t, "SUCCESS", res.Status, res.Reason)
			assert.NotEqual(t, oldID, res.PhysicalResourceID, "a new client, a new ID")
			assert.Contains(t, clientIDs(t, f.pool), oldID, "the old one untouched")
			assert.Zero(t, calls(f.pool)[opUpdate].Received+calls(f.pool)[opDelete].Received, "no call on the old client")
			if name == "GenerateSecret" {
				assert.NotEmpty(t, res.Data["ClientSecret"])
			}
			cleanup := f.send(request{RequestType: provider.Delete, PhysicalID: oldID, Props: old})
			assert.Equal(t, "SUCCESS", cleanup.Status)
			assert.NotContains(t, clientIDs(t, f.pool), oldID)
		})
	}
}

func TestLifecycle_UpdateWithIdenticalProperties(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	props := webProps(f.pool)
	id := f.create(props)
	res := f.send(request{RequestType: provider.Update, PhysicalID: id, Props: props, OldProps: props})
	require.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, id, res.PhysicalResourceID, "same ID")
	assert.Equal(t, []string{id}, clientIDs(t, f.pool))
	assert.Equal(t, 1, calls(f.pool)[opCreate].Received, "no new client")
	assert.LessOrEqual(t, calls(f.pool)[opUpdate].Received, 1, "at most one (idempotent) Update")
}

func TestLifecycle_UpdateOfAClientDeletedOutOfBand(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	props := webProps(f.pool)
	oldID := f.create(props)
	_, err := moto.Cognito().DeleteUserPoolClient(context.Background(), &cip.DeleteUserPoolClientInput{UserPoolId: &f.pool, ClientId: &oldID})
	require.NoError(t, err)
	desired := webProps(f.pool)
	desired["ClientName"] = "web-healed"
	res := f.send(request{RequestType: provider.Update, PhysicalID: oldID, Props: desired, OldProps: props})
	require.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.NotEqual(t, oldID, res.PhysicalResourceID, "healed with a new client, a new ID")
	assert.Contains(t, f.logs.String(), "client no longer exists")
	cleanup := f.send(request{RequestType: provider.Delete, PhysicalID: oldID, Props: props})
	assert.Equal(t, "SUCCESS", cleanup.Status, cleanup.Reason)
	assert.Equal(t, []string{res.PhysicalResourceID}, clientIDs(t, f.pool))
}

// TestLifecycle_ReplacingUpdateThatFailsAfterTheNewClientExists: the replacement's Create
// completes only after the deadline timer has answered FAILED (with the old ID); the new
// client is then deleted, the old one is untouched.
func TestLifecycle_ReplacingUpdateThatFailsAfterTheNewClientExists(t *testing.T) {
	t.Parallel()
	f := newFixture(t, withMargin(lateMargin), withCognito(ignoringDeadline))
	old := webProps(f.pool)
	oldID := f.create(old)
	desired := webProps(f.pool)
	desired["GenerateSecret"] = true
	proxy.Add(faultproxy.Rule{Op: opCreate, Pool: f.pool, Latency: lateLatency})
	res := f.send(request{RequestType: provider.Update, PhysicalID: oldID, Props: desired, OldProps: old}, deadline(lateDeadline))
	require.Equal(t, "FAILED", res.Status)
	assert.Equal(t, oldID, res.PhysicalResourceID, "FAILED with the old ID")
	assert.Equal(t, 2, calls(f.pool)[opCreate].Forwarded, "the replacement was made")
	assert.Equal(t, 1, calls(f.pool)[opDelete].Forwarded, "and deleted")
	assert.Equal(t, []string{oldID}, clientIDs(t, f.pool), "the old client untouched")
}

func TestLifecycle_RollbackUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	old := webProps(f.pool)
	id := f.create(old)
	desired := webProps(f.pool)
	desired["ClientName"] = "web-next"
	desired["CallbackURLs"] = []string{"https://next.example.com/cb"}
	desired["AllowedOAuthScopes"] = []string{"openid"}
	desired["AccessTokenValidity"] = 30
	require.Equal(t, "SUCCESS", f.send(request{RequestType: provider.Update, PhysicalID: id, Props: desired, OldProps: old}).Status)

	res := f.send(request{RequestType: provider.Update, PhysicalID: id, Props: old, OldProps: desired})
	require.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, id, res.PhysicalResourceID)
	out, err := moto.Cognito().DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: &f.pool, ClientId: &id})
	require.NoError(t, err)
	c := out.UserPoolClient
	assert.Equal(t, "web", aws.ToString(c.ClientName))
	assert.Equal(t, []string{"https://app.example.com/callback"}, c.CallbackURLs)
	assert.ElementsMatch(t, []string{"openid", "email", "profile"}, c.AllowedOAuthScopes)
	assert.Equal(t, int32(60), aws.ToInt32(c.AccessTokenValidity))
	assert.Equal(t, fmt.Sprint(old["UserPoolId"]), aws.ToString(c.UserPoolId))
}
