package provider

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// A Create answered SUCCESS whose response S3 refuses (403: expired or wrong signature) is
// never seen by CloudFormation, so no stack will own the client: it is removed.
func TestRefusedSuccessRemovesTheClient(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withCodes(403, 403, 403))
	x.invoke(x.event(Create, fixture.BasicProps()))
	puts := x.srv.All()
	require.Len(t, puts, 1, "a refusal is final: one attempt")
	assert.Equal(t, cfnresponse.StatusSuccess, decodeResponse(t, puts[0]).Status)
	x.assertOrphanRemoved(t, "the client of the refused answer is removed", "the response was refused")
}

// An in-place Update whose answer is refused made no client; nothing is removed.
func TestRefusedUpdateRemovesNothing(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withCodes(403, 403, 403))
	old := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
	x.invoke(x.event(Update, fixture.BasicProps()).With("PhysicalResourceId", old.ID).With("OldResourceProperties", fixture.BasicProps()))
	assert.Zero(t, x.cog.Count(fakecognito.CallDelete))
	assert.Equal(t, []string{old.ID}, x.cog.ClientIDs())
}

// A 5xx is not a refusal: the response may have arrived, so the client stays.
func TestUndeliveredButNotRefusedKeepsTheClient(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withCodes(500, 500, 500))
	x.invoke(x.event(Create, fixture.BasicProps()))
	assert.Zero(t, x.cog.Count(fakecognito.CallDelete))
	assert.Len(t, x.cog.ClientIDs(), 1)
}

// cutCreateHook makes Create take effect in Cognito and then hang until the deadline cuts
// the call: the handler cannot know the client's ID from the call.
func cutCreateHook(t *testing.T, x *harness) func(ctx context.Context, method string) error {
	return func(ctx context.Context, method string) error {
		if method != fakecognito.CallCreate {
			return nil
		}
		x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
		<-ctx.Done()
		return ctx.Err()
	}
}

func TestCutCreateIsFoundAndRemoved(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	x.cog.SetHook(cutCreateHook(t, x))
	r := hangingInvoke(t, x, x.event(Create, fixture.BasicProps()))
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	x.assertOrphanRemoved(t, "the client the cut create made is removed", "a create cut by the deadline made it")
}

// When another new client carries the same name, neither is taken for the cut create's.
func TestCutCreateWithANamesakeRemovesNothing(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	namesake := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
	x.cog.SetHook(cutCreateHook(t, x))
	hangingInvoke(t, x, x.event(Create, fixture.BasicProps()))
	assert.Zero(t, x.cog.Count(fakecognito.CallDelete))
	assert.Contains(t, x.cog.ClientIDs(), namesake.ID)
	assert.Contains(t, x.logs.String(), "several new clients carry the name of a cut create")
}
