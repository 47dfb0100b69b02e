package provider

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// A Create answered SUCCESS whose response S3 refuses (403: expired or wrong signature) is
// never seen by CloudFormation, so no stack will own the client: it is removed.
func TestRefusedSuccessRemovesTheClient(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withCodes(403, 403, 403))
	x.invoke(x.event(Create, basicProps()))
	puts := x.srv.all()
	require.Len(t, puts, 1, "a refusal is final: one attempt")
	assert.Equal(t, cfnresponse.StatusSuccess, decodeResponse(t, puts[0]).Status)
	assert.Equal(t, 1, x.cog.count(mDelete))
	assert.Empty(t, x.cog.clientIDs(), "no client left that no stack owns")
	assert.Contains(t, x.logs.String(), "the response was refused")
}

// An in-place Update whose answer is refused made no client; nothing is removed.
func TestRefusedUpdateRemovesNothing(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withCodes(403, 403, 403))
	old := x.cog.seed(decoded(t, basicProps()), "web-client")
	x.invoke(x.event(Update, basicProps()).with("PhysicalResourceId", old.ID).with("OldResourceProperties", basicProps()))
	assert.Zero(t, x.cog.count(mDelete))
	assert.Equal(t, []string{old.ID}, x.cog.clientIDs())
}

// A 5xx is not a refusal: the response may have arrived, so the client stays.
func TestUndeliveredButNotRefusedKeepsTheClient(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withCodes(500, 500, 500))
	x.invoke(x.event(Create, basicProps()))
	assert.Zero(t, x.cog.count(mDelete))
	assert.Len(t, x.cog.clientIDs(), 1)
}

// cutCreateHook makes Create take effect in Cognito and then hang until the deadline cuts
// the call: the handler cannot know the client's ID from the call.
func cutCreateHook(t *testing.T, x *harness) func(ctx context.Context, method string) error {
	return func(ctx context.Context, method string) error {
		if method != mCreate {
			return nil
		}
		x.cog.seed(decoded(t, basicProps()), "web-client")
		<-ctx.Done()
		return ctx.Err()
	}
}

func TestCutCreateIsFoundAndRemoved(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	x.cog.setHook(cutCreateHook(t, x))
	r := hangingInvoke(t, x, x.event(Create, basicProps()))
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, 1, x.cog.count(mDelete), "the client the cut create made is removed")
	assert.Empty(t, x.cog.clientIDs(), "no client left that no stack owns")
	assert.Contains(t, x.logs.String(), "a create cut by the deadline made it")
}

// When another new client carries the same name, neither is taken for the cut create's.
func TestCutCreateWithANamesakeRemovesNothing(t *testing.T) {
	t.Parallel()
	x := newHarness(t, withMargin(hangMargin))
	namesake := x.cog.seed(decoded(t, basicProps()), "web-client")
	x.cog.setHook(cutCreateHook(t, x))
	hangingInvoke(t, x, x.event(Create, basicProps()))
	assert.Zero(t, x.cog.count(mDelete))
	assert.Contains(t, x.cog.clientIDs(), namesake.ID)
	assert.Contains(t, x.logs.String(), "several new clients carry the name of a cut create")
}
