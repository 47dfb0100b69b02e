package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesecrets"
	"github.com/cognito-cfn/userpoolclient/secretstore"
)

const storage = "userpoolclient/my-stack/web"

// withStorage are properties of a client with a secret kept in storage, at serial.
func withStorage(secretID string, serial int) props {
	return fixture.BasicProps().With("GenerateSecret", "true").
		With("SecretsManagerSecretId", secretID).With("SecretSerial", strconv.Itoa(serial))
}

// storageState is both sides after a step: the client's live secrets and what the storage's
// stages hold.
type storageState struct {
	live          []string
	current, prev fakesecrets.Stored
	hasPrev       bool
}

// state reads both sides and checks what must hold after every step: Cognito holds at most
// two secrets, AWSCURRENT names a live one of this client and holds its value.
func (x *harness) state(secretID, clientID string) storageState {
	x.t.Helper()
	c, ok := x.cog.Client(fixture.Pool, clientID)
	require.True(x.t, ok, "client %s exists", clientID)
	var st storageState
	for _, s := range c.Secrets {
		st.live = append(st.live, s.ID)
	}
	assert.LessOrEqual(x.t, len(st.live), 2, "Cognito holds at most two secrets")
	cur, ok := x.sm.Staged(secretID, secretstore.Current)
	require.True(x.t, ok, "AWSCURRENT exists")
	assert.Equal(x.t, clientID, cur.ClientId)
	i := slices.IndexFunc(c.Secrets, func(s ClientSecret) bool { return s.ID == cur.ClientSecretId })
	require.GreaterOrEqual(x.t, i, 0, "AWSCURRENT names a live secret: %s of %v", cur.ClientSecretId, st.live)
	assert.Equal(x.t, c.Secrets[i].Value.Reveal(), cur.ClientSecret, "AWSCURRENT holds that secret's value")
	st.current = cur
	st.prev, st.hasPrev = x.sm.Staged(secretID, secretstore.Previous)
	return st
}

// assertStored checks an answer with storage: SecretArn, never ClientSecret, no NoEcho.
func assertStored(t *testing.T, r cfnresponse.Response, clientID string) {
	t.Helper()
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, clientID, r.PhysicalResourceID)
	assert.Equal(t, fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-AbCdEf", fakesecrets.Region, fakesecrets.Account, storage), r.Data["SecretArn"])
	assert.NotContains(t, r.Data, "ClientSecret", "the secret never passes through CloudFormation")
	assert.False(t, r.NoEcho)
}

// The whole life of a client with storage: create → rotate → rotate → roll back → rotate →
// update other properties → delete, both sides checked after every step.
func TestStorageLifecycle(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)

	r := x.answer(x.event(Create, withStorage(storage, 0)))
	id := r.PhysicalResourceID
	assertStored(t, r, id)
	assert.Equal(t, map[string]int{fakecognito.CallCreate: 1, fakecognito.CallListSecrets: 1}, x.cog.Counts(), "Create lists the new client's secret ID")
	assert.Equal(t, 1, x.sm.Writes(), "one Put")
	st := x.state(storage, id)
	require.Len(t, st.live, 1)
	assert.False(t, st.hasPrev)

	serial := 0
	step := func(to int, desired props) (storageState, storageState) {
		t.Helper()
		before := x.state(storage, id)
		old := withStorage(storage, serial)
		if desired == nil {
			desired = withStorage(storage, to)
		}
		r := x.answer(x.updateEvent(id, old, desired))
		assertStored(t, r, id)
		serial = to
		return before, x.state(storage, id)
	}

	// Rotate: one new secret, the old one stays valid.
	before, after := step(1, nil)
	require.Len(t, after.live, 2)
	assert.NotEqual(t, before.current.ClientSecretId, after.current.ClientSecretId)
	assert.Equal(t, before.current, after.prev, "AWSPREVIOUS is the secret that was current")
	assert.Contains(t, after.live, before.current.ClientSecretId, "the previous secret stays valid until the next rotation")

	// Rotate again: the secret AWSCURRENT did not name goes; the current one stays.
	before, after = step(2, nil)
	require.Len(t, after.live, 2)
	assert.Contains(t, after.live, before.current.ClientSecretId)
	assert.NotContains(t, after.live, before.prev.ClientSecretId, "the oldest secret is deleted")
	assert.Equal(t, before.current, after.prev)

	// Roll back (serial lowered): nothing deleted, AWSCURRENT back on the previous secret.
	writes := x.sm.Writes()
	deletes := x.cog.Count(fakecognito.CallDeleteSecret)
	before, after = step(1, nil)
	assert.Equal(t, before.live, after.live, "a roll back deletes no secret")
	assert.Equal(t, deletes, x.cog.Count(fakecognito.CallDeleteSecret))
	assert.Equal(t, before.prev.ClientSecretId, after.current.ClientSecretId, "AWSCURRENT moved back")
	assert.Equal(t, writes+1, x.sm.Writes(), "one UpdateSecretVersionStage")

	// The same roll back delivered again (a retried request) changes nothing more.
	again := x.answer(x.updateEvent(id, withStorage(storage, 2), withStorage(storage, 1)))
	assertStored(t, again, id)
	assert.Equal(t, after.current, x.state(storage, id).current)

	// Rotate after the roll back: the secret consumers may already use is the one kept.
	before, after = step(2, nil)
	assert.Contains(t, after.live, before.current.ClientSecretId)
	assert.Equal(t, before.current, after.prev)

	// Other properties only: UpdateUserPoolClient, no secret call, no storage write.
	counts, writes := x.cog.Counts(), x.sm.Writes()
	before, after = step(2, withStorage(storage, 2).With("ClientName", "web-client-v2"))
	assert.Equal(t, before, after)
	assert.Equal(t, writes, x.sm.Writes())
	counts[fakecognito.CallUpdate]++
	assert.Equal(t, counts, x.cog.Counts(), "exactly one more Cognito call: the Update")

	// Delete: the client goes, the storage stays as it is (the template owns it).
	r = x.answer(x.event(Delete, withStorage(storage, 2)).With("PhysicalResourceId", id))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	_, exists := x.cog.Client(fixture.Pool, id)
	assert.False(t, exists)
	cur, ok := x.sm.Staged(storage, secretstore.Current)
	assert.True(t, ok)
	assert.Equal(t, after.current, cur)
}

// Bad input gets FAILED naming the property, with no call to either service.
func TestStorageInvalidInput(t *testing.T) {
	tests := map[string]struct {
		props props
		want  []string
	}{
		"SecretSerial without storage":   {fixture.BasicProps().With("GenerateSecret", "true").With("SecretSerial", "1"), []string{"SecretSerial", "requires SecretsManagerSecretId"}},
		"negative serial":                {withStorage(storage, 0).With("SecretSerial", "-1"), []string{"SecretSerial"}},
		"fractional serial":              {withStorage(storage, 0).With("SecretSerial", "1.5"), []string{"SecretSerial"}},
		"exponent serial":                {withStorage(storage, 0).With("SecretSerial", "1e3"), []string{"SecretSerial"}},
		"storage without a secret":       {withStorage(storage, 0).With("GenerateSecret", nil), []string{"SecretsManagerSecretId", "requires a client with a secret"}},
		"storage named by a foreign ARN": {withStorage("arn:aws:s3:::bucket", 0), []string{"SecretsManagerSecretId"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			x.sm.Add(storage)
			for _, req := range []string{Create, Update} {
				ev := x.event(req, tt.props)
				if req == Update {
					c := x.cog.Seed(fixture.Decoded(t, withStorage(storage, 0)), "web-client")
					ev = x.updateEvent(c.ID, withStorage(storage, 0), tt.props)
				}
				r := x.answer(ev)
				require.Equal(t, cfnresponse.StatusFailed, r.Status, req)
				for _, w := range tt.want {
					assert.Contains(t, r.Reason, w, req)
				}
			}
			assert.Empty(t, x.cog.Counts(), "no Cognito call")
			assert.Empty(t, x.sm.Counts(), "no Secrets Manager call")
		})
	}
}

// A storage secret that cannot safely take the credentials is refused before any Cognito
// write, naming SecretsManagerSecretId; a Create leaves the failed-Create marker. (Credentials
// of a client that no longer exists are no one's: TestStorageOfAGoneClientIsTakenOver.)
func TestStorageRefusedBeforeAnyCognitoWrite(t *testing.T) {
	tests := map[string]struct {
		setup func(x *harness)
		want  string
	}{
		"missing":                {func(x *harness) {}, "does not exist"},
		"scheduled for deletion": {func(x *harness) { x.sm.Add(storage).Deleted = true }, "scheduled for deletion"},
		"rotation of its own":    {func(x *harness) { x.sm.Add(storage).Rotation = true }, "rotation of its own"},
		"another client's storage": {func(x *harness) {
			x.sm.Add(storage)
			other := x.cog.Seed(fixture.Decoded(x.t, fixture.BasicProps().With("UserPoolId", fixture.OtherPool).With("GenerateSecret", "true")), "other")
			x.sm.Put(storage, "11111111-2222-3333-4444-555555555555", fakesecrets.Stored{UserPoolId: fixture.OtherPool, ClientId: other.ID, ClientSecret: "x", ClientSecretId: other.ID + "--1"})
		}, "holds the credentials of client client0001"},
		"something else stored": {func(x *harness) {
			x.sm.Add(storage)
			x.sm.Put(storage, "11111111-2222-3333-4444-555555555555", map[string]string{"username": "u", "password": "p"})
		}, "something other than the credentials"},
		"another region": {func(x *harness) {}, "stores only in its own region"},
		"denied": {func(x *harness) {
			x.sm.Add(storage)
			x.sm.SetErr(fakesecrets.CallDescribe, fmt.Errorf("not authorized to call secretsmanager:DescribeSecret: %w", secretstore.ErrAccessDenied))
		}, "grant secretsmanager:DescribeSecret"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			tt.setup(x)
			p := withStorage(storage, 0)
			if name == "another region" {
				p = withStorage("arn:aws:secretsmanager:eu-west-1:123456789012:secret:"+storage+"-AbCdEf", 0)
			}
			ev := x.event(Create, p)
			r := x.answer(ev)
			require.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "SecretsManagerSecretId")
			assert.Contains(t, r.Reason, tt.want)
			assert.Equal(t, "create-failed:"+ev["RequestId"].(string), r.PhysicalResourceID)
			assert.Zero(t, x.cog.Count(fakecognito.CallCreate), "no Cognito write")
			assert.Zero(t, x.sm.Writes())

			// The same refusal stops a rotation before any Cognito write.
			if name == "missing" || name == "another region" {
				return
			}
			c := x.cog.Seed(fixture.Decoded(t, withStorage(storage, 0)), "web-client")
			r = x.answer(x.updateEvent(c.ID, withStorage(storage, 0), withStorage(storage, 1)))
			require.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, tt.want)
			assert.Equal(t, c.ID, r.PhysicalResourceID)
			assert.Zero(t, x.cog.Count(fakecognito.CallUpdate)+x.cog.Count(fakecognito.CallAddSecret)+x.cog.Count(fakecognito.CallDeleteSecret), "no Cognito write")
		})
	}
}

// Secrets Manager refusing the Put after AddUserPoolClientSecret: FAILED, the added secret
// deleted again, so that Cognito and the storage agree.
func TestRotationPutRefused(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	id := x.answer(x.event(Create, withStorage(storage, 0))).PhysicalResourceID
	before := x.state(storage, id)

	x.sm.SetErr(fakesecrets.CallPut, fmt.Errorf("not authorized to call secretsmanager:PutSecretValue: %w", secretstore.ErrAccessDenied))
	r := x.answer(x.updateEvent(id, withStorage(storage, 0), withStorage(storage, 1)))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "SecretsManagerSecretId")
	assert.Contains(t, r.Reason, "PutSecretValue")
	assert.Contains(t, r.Reason, "was deleted again")
	assert.Equal(t, id, r.PhysicalResourceID)
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallAddSecret))
	assert.Equal(t, before, x.state(storage, id), "Cognito and the storage agree, as before")

	// CloudFormation's rollback: the serial lowered again; nothing to undo.
	x.sm.SetErr(fakesecrets.CallPut, nil)
	r = x.answer(x.updateEvent(id, withStorage(storage, 1), withStorage(storage, 0)))
	assertStored(t, r, id)
	assert.Equal(t, before, x.state(storage, id))
}

// A lowered serial when the client holds one secret: nothing to undo, SUCCESS, storage
// untouched.
func TestLoweredSerialWithOneSecret(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	id := x.answer(x.event(Create, withStorage(storage, 3))).PhysicalResourceID
	before, writes := x.state(storage, id), x.sm.Writes()
	r := x.answer(x.updateEvent(id, withStorage(storage, 3), withStorage(storage, 2)))
	assertStored(t, r, id)
	assert.Equal(t, before, x.state(storage, id))
	assert.Equal(t, writes, x.sm.Writes(), "no storage write")
	assert.Zero(t, x.cog.Count(fakecognito.CallDeleteSecret))
	assert.Zero(t, x.cog.Count(fakecognito.CallAddSecret))
}

// A rotation delivered twice: to a warm instance it is answered from the first answer; to a
// cold one (the first answer lost) it is answered from what the first stored. One new secret
// either way.
func TestRotationDeliveredTwice(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	id := x.answer(x.event(Create, withStorage(storage, 0))).PhysicalResourceID
	ev := x.updateEvent(id, withStorage(storage, 0), withStorage(storage, 1))
	first := x.answer(ev)
	assertStored(t, first, id)
	after := x.state(storage, id)

	second := x.answer(ev)
	assert.Equal(t, first, second, "warm: the first answer again")
	cold := New(x.h.cfg)
	x.h = cold
	third := x.answer(ev)
	assertStored(t, third, id)
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallAddSecret), "one new secret")
	assert.Equal(t, after, x.state(storage, id))

	// The same for a Create: no second client.
	x.sm.Add(storage + "-2")
	cev := x.event(Create, withStorage(storage+"-2", 0))
	r := x.answer(cev)
	x.h = New(x.h.cfg)
	r2 := x.answer(cev)
	assert.Equal(t, r.PhysicalResourceID, r2.PhysicalResourceID)
	assert.Equal(t, 2, x.cog.Count(fakecognito.CallCreate), "the first Create and this one's, no third")
}

// A Create whose secret cannot be stored answers FAILED carrying the real ClientId, so that
// the rollback Delete removes the client.
func TestCreateStoragePutRefused(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	x.sm.SetErr(fakesecrets.CallPut, fmt.Errorf("write: %w", secretstore.ErrAccessDenied))
	r := x.answer(x.event(Create, withStorage(storage, 0)))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "SecretsManagerSecretId")
	require.Len(t, x.cog.ClientIDs(), 1)
	assert.Equal(t, x.cog.ClientIDs()[0], r.PhysicalResourceID, "the rollback Delete will remove it")

	x.sm.SetErr(fakesecrets.CallPut, nil)
	del := x.answer(x.event(Delete, withStorage(storage, 0)).With("PhysicalResourceId", r.PhysicalResourceID))
	require.Equal(t, cfnresponse.StatusSuccess, del.Status, del.Reason)
	assert.Empty(t, x.cog.ClientIDs())
}

// A replacement stores the new client's secret (no rotation calls); the rollback of the
// replacement, a Delete of the new client, moves AWSCURRENT back to the old one.
func TestStorageReplacementAndItsRollback(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	oldID := x.answer(x.event(Create, withStorage(storage, 0))).PhysicalResourceID
	oldState := x.state(storage, oldID)

	r := x.answer(x.updateEvent(oldID, withStorage(storage, 0), withStorage(storage, 1).With("UserPoolId", fixture.OtherPool)))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	newID := r.PhysicalResourceID
	assert.NotEqual(t, oldID, newID)
	assert.Zero(t, x.cog.Count(fakecognito.CallAddSecret), "no rotation calls")
	cur, _ := x.sm.Staged(storage, secretstore.Current)
	assert.Equal(t, newID, cur.ClientId)
	prev, _ := x.sm.Staged(storage, secretstore.Previous)
	assert.Equal(t, oldState.current, prev)

	// Rollback: CloudFormation deletes the new client; AWSCURRENT returns to the old one.
	del := x.answer(x.event(Delete, withStorage(storage, 1).With("UserPoolId", fixture.OtherPool)).With("PhysicalResourceId", newID))
	require.Equal(t, cfnresponse.StatusSuccess, del.Status, del.Reason)
	assert.Equal(t, oldState.current, x.state(storage, oldID).current)
}

// A replacement whose secret cannot be stored: the new client is removed, FAILED with the
// old ID.
func TestStorageReplacementPutRefused(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	oldID := x.answer(x.event(Create, withStorage(storage, 0))).PhysicalResourceID
	x.sm.SetErr(fakesecrets.CallPut, fmt.Errorf("write: %w", secretstore.ErrAccessDenied))
	r := x.answer(x.updateEvent(oldID, withStorage(storage, 0), withStorage(storage, 0).With("UserPoolId", fixture.OtherPool)))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Equal(t, oldID, r.PhysicalResourceID)
	require.Eventually(t, func() bool { return x.cog.Count(fakecognito.CallDelete) == 1 }, 5e9, 1e6, "the new client is removed after the answer")
	assert.Equal(t, []string{oldID}, x.cog.ClientIDs(), "the new client is gone, the old one untouched")
}

// A heal with storage: the storage held the vanished client, which counts as this client's.
func TestStorageHeal(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	oldID := x.answer(x.event(Create, withStorage(storage, 0))).PhysicalResourceID
	x.cog.Delete(t.Context(), fixture.Pool, oldID)
	r := x.answer(x.updateEvent(oldID, withStorage(storage, 0), withStorage(storage, 0).With("ClientName", "v2")))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotEqual(t, oldID, r.PhysicalResourceID)
	assertStoredArn(t, r)
	x.state(storage, r.PhysicalResourceID)
}

func assertStoredArn(t *testing.T, r cfnresponse.Response) {
	t.Helper()
	assert.Contains(t, r.Data["SecretArn"], ":secret:"+storage)
	assert.NotContains(t, r.Data, "ClientSecret")
}

// Storage added to a client, moved to another secret, and removed.
func TestStorageAttachMoveRemove(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	x.sm.Add(storage + "-moved")
	plain := fixture.BasicProps().With("GenerateSecret", "true")
	r := x.answer(x.event(Create, plain))
	id := r.PhysicalResourceID
	require.NotEmpty(t, r.Data["ClientSecret"])

	// Attach: the client's one secret is stored.
	r = x.answer(x.updateEvent(id, plain, withStorage(storage, 0)))
	assertStored(t, r, id)
	attached := x.state(storage, id)

	// Rotate, then move: the new storage holds the same live secrets in the same stages.
	x.answer(x.updateEvent(id, withStorage(storage, 0), withStorage(storage, 1)))
	rotated := x.state(storage, id)
	assert.Equal(t, attached.current, rotated.prev)
	r = x.answer(x.updateEvent(id, withStorage(storage, 1), withStorage(storage+"-moved", 1)))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	moved := x.state(storage+"-moved", id)
	assert.Equal(t, rotated.current, moved.current)
	assert.Equal(t, rotated.prev, moved.prev)

	// Remove: no secret call; the client holds two secrets, so no ClientSecret either.
	counts, sm := x.cog.Counts(), x.sm.Counts()
	r = x.answer(x.updateEvent(id, withStorage(storage+"-moved", 1), plain))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotContains(t, r.Data, "ClientSecret", "two active secrets: which one Describe shows is undocumented")
	assert.NotContains(t, r.Data, "SecretArn")
	assert.Equal(t, sm, x.sm.Counts(), "removing storage touches no secret")
	counts[fakecognito.CallUpdate]++
	counts[fakecognito.CallListSecrets]++
	assert.Equal(t, counts, x.cog.Counts())
}

// An unchanged storage named by name (not ARN): the answer's SecretArn costs one read.
func TestStorageByNameCostsOneRead(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	id := x.answer(x.event(Create, withStorage(storage, 0))).PhysicalResourceID
	sm := x.sm.Counts()
	r := x.answer(x.updateEvent(id, withStorage(storage, 0), withStorage(storage, 0).With("ClientName", "v2")))
	assertStored(t, r, id)
	sm[fakesecrets.CallDescribe]++
	assert.Equal(t, sm, x.sm.Counts())

	arn := fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-AbCdEf", fakesecrets.Region, fakesecrets.Account, storage)
	r = x.answer(x.updateEvent(id, withStorage(arn, 0), withStorage(arn, 0).With("ClientName", "v3")))
	assertStored(t, r, id)
	assert.Equal(t, sm, x.sm.Counts(), "an ARN costs nothing")
}

// A Secrets Manager configuration failure is answered FAILED from inside the invocation,
// before any Cognito write.
func TestStorageConfigurationFailure(t *testing.T) {
	x := newHarness(t)
	x.h.cfg.SecretsManager = func(context.Context) (SecretsManager, string, error) {
		return nil, "", errors.New("no valid credential sources found")
	}
	r := x.answer(x.event(Create, withStorage(storage, 0)))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "secrets manager client configuration: no valid credential sources found")
	assert.Empty(t, x.cog.Counts())

	x.h.cfg.SecretsManager = nil
	r = x.answer(x.event(Create, withStorage(storage, 0)))
	require.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "SecretsManagerSecretId: this function has no Secrets Manager client configured")
}

// Credentials of a client that no longer exists (a first deploy rolled back, the secret kept)
// are stored over, not refused.
func TestStorageOfAGoneClientIsTakenOver(t *testing.T) {
	x := newHarness(t)
	x.sm.Add(storage)
	x.sm.Put(storage, "11111111-2222-3333-4444-555555555555", fakesecrets.Stored{UserPoolId: fixture.Pool, ClientId: "goneclient123", ClientSecret: "x", ClientSecretId: "goneclient123--1"})
	r := x.answer(x.event(Create, withStorage(storage, 0)))
	assertStored(t, r, r.PhysicalResourceID)
	x.state(storage, r.PhysicalResourceID)
}
