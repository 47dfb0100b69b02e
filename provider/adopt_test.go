package provider

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
	"github.com/cognito-cfn/userpoolclient/secretstore"
)

// existing seeds a client no stack manages, made from p, and returns properties that adopt
// it (the same configuration plus ExistingClientId).
func (x *harness) existing(p props, name string) (Client, props) {
	x.t.Helper()
	c := x.cog.Seed(fixture.Decoded(x.t, p), name)
	return c, p.With("ExistingClientId", c.ID)
}

// Adopt, then release: the client ends exactly as it was, described before and after.
func TestAdoptThenRelease(t *testing.T) {
	x := newHarness(t)
	c, adopt := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	before, _ := x.cog.Client(fixture.Pool, c.ID)

	r := x.answer(x.event(Create, adopt))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, c.ID, r.PhysicalResourceID, "Ref is the adopted ClientId")
	assert.Equal(t, map[string]string{"ClientId": c.ID, "Name": "web-client", "UserPoolId": fixture.Pool, "ClientSecret": c.Secret.Reveal()}, r.Data)
	assert.True(t, r.NoEcho)
	assert.Equal(t, map[string]int{fakecognito.CallDescribe: 1, fakecognito.CallListSecrets: 1}, x.cog.Counts(), "no write")

	r = x.answer(x.event(Delete, adopt).With("PhysicalResourceId", c.ID))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	after, ok := x.cog.Client(fixture.Pool, c.ID)
	require.True(t, ok, "released, not deleted")
	assert.Equal(t, before, after, "exactly as it was")
	assert.Zero(t, x.cog.Count(fakecognito.CallDelete))
	assert.Zero(t, x.cog.Count(fakecognito.CallUpdate))
	assert.Contains(t, x.logs.String(), "releasing adopted client")
}

// Adopt, hand over (ExistingClientId removed: in place, same ID), then Delete deletes it.
func TestAdoptHandOverDelete(t *testing.T) {
	x := newHarness(t)
	c, adopt := x.existing(fixture.BasicProps(), "web-client")
	require.Equal(t, cfnresponse.StatusSuccess, x.answer(x.event(Create, adopt)).Status)
	owned := adopt.With("ExistingClientId", nil)
	r := x.answer(x.updateEvent(c.ID, adopt, owned))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, c.ID, r.PhysicalResourceID, "same ID")
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallUpdate))

	r = x.answer(x.event(Delete, owned).With("PhysicalResourceId", c.ID))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	_, ok := x.cog.Client(fixture.Pool, c.ID)
	assert.False(t, ok, "the stack owns it now: deleted")
}

// A template that does not describe the client: FAILED listing every difference, nothing
// written.
func TestAdoptMismatch(t *testing.T) {
	x := newHarness(t)
	c, _ := x.existing(fixture.BasicProps(), "web-client")
	adopt := fixture.BasicProps().With("ExistingClientId", c.ID).
		With("ClientName", "other-name").With("CallbackURLs", []string{"https://other.example.com/cb"}).With("RefreshTokenValidity", "10")
	ev := x.event(Create, adopt)
	r := x.answer(ev)
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	for _, w := range []string{
		"ExistingClientId", c.ID, "nothing was changed",
		`ClientName: template "other-name", client "web-client"`,
		`CallbackURLs: template [https://other.example.com/cb], client [https://app.example.com/callback]`,
		"RefreshTokenValidity: template 10 days, client 30 days",
	} {
		assert.Contains(t, r.Reason, w)
	}
	assert.Equal(t, "create-failed:"+ev["RequestId"].(string), r.PhysicalResourceID, "the rollback Delete touches nothing")
	assert.Equal(t, map[string]int{fakecognito.CallDescribe: 1}, x.cog.Counts())
}

// ExistingClientId that does not exist, or that belongs to another pool: FAILED naming it.
func TestAdoptMissingOrOtherPool(t *testing.T) {
	x := newHarness(t)
	other := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps().With("UserPoolId", fixture.OtherPool)), "web-client")
	for name, id := range map[string]string{"missing": "1doesnotexist234567890", "another pool's": other.ID} {
		t.Run(name, func(t *testing.T) {
			r := x.answer(x.event(Create, fixture.BasicProps().With("ExistingClientId", id)))
			require.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "ExistingClientId: client "+id+" does not exist in user pool "+fixture.Pool)
		})
	}
	assert.Zero(t, x.cog.Count(fakecognito.CallUpdate)+x.cog.Count(fakecognito.CallCreate)+x.cog.Count(fakecognito.CallDelete))
}

// A change that would replace or heal an adopted client is refused: its ID never changes.
func TestAdoptedNeverReplacedOrHealed(t *testing.T) {
	x := newHarness(t)
	c, adopt := x.existing(fixture.BasicProps(), "web-client")
	r := x.answer(x.updateEvent(c.ID, adopt, adopt.With("UserPoolId", fixture.OtherPool)))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "ExistingClientId")
	assert.Contains(t, r.Reason, "never replaced")
	assert.Equal(t, c.ID, r.PhysicalResourceID)
	assert.Empty(t, x.cog.Counts(), "nothing called")

	r = x.answer(x.updateEvent(c.ID, adopt, adopt.With("GenerateSecret", "true")))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "never replaced")

	require.NoError(t, x.cog.Delete(t.Context(), fixture.Pool, c.ID))
	r = x.answer(x.updateEvent(c.ID, adopt, adopt.With("ClientName", "renamed")))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "the client no longer exists")
	assert.Equal(t, c.ID, r.PhysicalResourceID)
	assert.Zero(t, x.cog.Count(fakecognito.CallCreate), "no heal")
}

// A changed ExistingClientId adopts the other client (a new ID, nothing written); the
// cleanup Delete with the old properties releases the previous one.
func TestAdoptOther(t *testing.T) {
	x := newHarness(t)
	first, adoptFirst := x.existing(fixture.BasicProps(), "web-client")
	second, adoptSecond := x.existing(fixture.BasicProps(), "web-client")
	require.Equal(t, cfnresponse.StatusSuccess, x.answer(x.event(Create, adoptFirst)).Status)
	r := x.answer(x.updateEvent(first.ID, adoptFirst, adoptSecond))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, second.ID, r.PhysicalResourceID)
	r = x.answer(x.event(Delete, adoptFirst).With("PhysicalResourceId", first.ID))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status)
	assert.Equal(t, []string{first.ID, second.ID}, x.cog.ClientIDs(), "both kept")
	assert.Zero(t, x.cog.Count(fakecognito.CallUpdate)+x.cog.Count(fakecognito.CallCreate)+x.cog.Count(fakecognito.CallDelete))
}

// An adopted client keeps its own name when the template gives none, in Updates too.
func TestAdoptedKeepsItsName(t *testing.T) {
	x := newHarness(t)
	c, adopt := x.existing(fixture.BasicProps().With("ClientName", nil), "legacy-name")
	r := x.answer(x.event(Create, adopt))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, "legacy-name", r.Data["Name"])
	r = x.answer(x.updateEvent(c.ID, adopt, adopt.With("CallbackURLs", []string{"https://b.example.com/cb"})))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	up, _ := x.cog.LastUpdate()
	assert.Equal(t, "legacy-name", up.Name, "never the generated name")
}

// Adoption with storage: the one active secret is stored; with two, FAILED naming both
// properties and nothing written.
func TestAdoptWithStorage(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	c, adopt := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	adopt = adopt.With("SecretsManagerSecretId", storage)
	r := x.answer(x.event(Create, adopt))
	assertStored(t, r, c.ID)
	x.state(storage, c.ID)

	two, adoptTwo := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	_, err := x.cog.AddClientSecret(t.Context(), fixture.Pool, two.ID)
	require.NoError(t, err)
	x.sm.Add(storage + "-2")
	writes := x.sm.Writes()
	r = x.answer(x.event(Create, adoptTwo.With("SecretsManagerSecretId", storage+"-2")))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "SecretsManagerSecretId, ExistingClientId")
	assert.Contains(t, r.Reason, "exactly one active secret")
	assert.Equal(t, writes, x.sm.Writes())
	_, staged := x.sm.Staged(storage+"-2", secretstore.Current)
	assert.False(t, staged)
}

// Without storage, an adopted client with two active secrets returns no ClientSecret: which
// one Describe shows is undocumented.
func TestAdoptTwoSecretsNoClientSecret(t *testing.T) {
	x := newHarness(t)
	c, adopt := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	_, err := x.cog.AddClientSecret(t.Context(), fixture.Pool, c.ID)
	require.NoError(t, err)
	r := x.answer(x.event(Create, adopt))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotContains(t, r.Data, "ClientSecret")
	assert.False(t, r.NoEcho)
}

// A Delete of an adopted client whose pool is gone: SUCCESS, nothing called.
func TestReleaseAdoptedWhosePoolIsGone(t *testing.T) {
	x := newHarness(t)
	p := fixture.BasicProps().With("UserPoolId", "us-east-1_GoneGone1").With("ExistingClientId", "4example56789012cdefghijkl")
	r := x.answer(x.event(Delete, p).With("PhysicalResourceId", "4example56789012cdefghijkl"))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Empty(t, x.cog.Counts())
}

// Adopting another client into the same storage: the previous client's credentials in
// AWSCURRENT count as this resource's, so the other client's secret is stored; the cleanup
// Delete releases the previous client and leaves the storage on the new one.
func TestAdoptOtherWithStorage(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	first, adoptFirst := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	second, adoptSecond := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	adoptFirst = adoptFirst.With("SecretsManagerSecretId", storage)
	adoptSecond = adoptSecond.With("SecretsManagerSecretId", storage)
	assertStored(t, x.answer(x.event(Create, adoptFirst)), first.ID)

	r := x.answer(x.updateEvent(first.ID, adoptFirst, adoptSecond))
	assertStored(t, r, second.ID)
	x.state(storage, second.ID)
	prev, ok := x.sm.Staged(storage, secretstore.Previous)
	require.True(t, ok)
	assert.Equal(t, first.ID, prev.ClientId)

	r = x.answer(x.event(Delete, adoptFirst).With("PhysicalResourceId", first.ID))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	x.state(storage, second.ID)
	assert.Equal(t, []string{first.ID, second.ID}, x.cog.ClientIDs(), "both released or adopted, none deleted")
	assert.Zero(t, x.cog.Count(fakecognito.CallUpdate)+x.cog.Count(fakecognito.CallCreate)+x.cog.Count(fakecognito.CallDelete))
}

// A hand-over with storage keeps the storage as it is (no storage write) and the next raise
// rotates the stack's client as any other.
func TestHandOverWithStorage(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	c, adopt := x.existing(fixture.BasicProps().With("GenerateSecret", "true"), "web-client")
	adopt = adopt.With("SecretsManagerSecretId", storage).With("SecretSerial", "0")
	assertStored(t, x.answer(x.event(Create, adopt)), c.ID)
	writes := x.sm.Writes()

	owned := adopt.With("ExistingClientId", nil)
	assertStored(t, x.answer(x.updateEvent(c.ID, adopt, owned)), c.ID)
	assert.Equal(t, writes, x.sm.Writes())

	assertStored(t, x.answer(x.updateEvent(c.ID, owned, owned.With("SecretSerial", "1"))), c.ID)
	assert.Len(t, x.state(storage, c.ID).live, 2, "rotated in place")

	r := x.answer(x.event(Delete, owned.With("SecretSerial", "1")).With("PhysicalResourceId", c.ID))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	_, ok := x.cog.Client(fixture.Pool, c.ID)
	assert.False(t, ok, "the stack owns it: deleted")
}
