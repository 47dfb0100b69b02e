package secretstore

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	pool   = "us-east-1_aBcDeFgHi"
	region = "us-east-1"
	client = "1example23456789"
	store  = "app/web-client"
)

type rig struct {
	t    *testing.T
	cog  *fakeCognito
	sm   *fakeSecrets
	s    *Store
	logs *localrun.LogBuffer
	sec  *fakeSecret
}

func newRig(t *testing.T) *rig {
	r := &rig{t: t, cog: newFakeCognito(), sm: newFakeSecrets()}
	var log *slog.Logger
	log, r.logs = fixture.NewLogger()
	r.sec = r.sm.add(store, region)
	r.s = &Store{Cognito: r.cog, Secrets: r.sm, Region: region, Log: log}
	t.Cleanup(r.checkLogs)
	return r
}

// checkLogs: no secret value Cognito ever made reaches a log line, and every line is JSON.
func (r *rig) checkLogs() {
	var values []string
	for _, v := range r.cog.values {
		values = append(values, v.Reveal())
	}
	fixture.AssertLogsClean(r.t, r.logs.String(), values)
}

func (r *rig) target(req string) Target {
	return Target{SecretID: store, RequestID: req, UserPoolID: pool, ClientID: client}
}

// create is a Create with storage: check, make the client, store its secret.
func (r *rig) create(req string) Credentials {
	t := r.target(req)
	t.ClientID = ""
	p, err := r.s.Prepare(context.Background(), t, Op{New: true})
	require.NoError(r.t, err)
	if c, ok := p.Done(); ok {
		return c
	}
	made := r.cog.create(pool, client)
	c, err := p.Save(context.Background(), client, made.Value)
	require.NoError(r.t, err)
	return c
}

// replace is a replacement's Create with storage: newClient is made in place of the stack's
// client, whose storage it takes over. It returns the target and what was saved.
func (r *rig) replace(req, newClient string) (Target, Credentials) {
	t := r.target(req)
	t.ClientID, t.Replaced = "", client
	p, err := r.s.Prepare(context.Background(), t, Op{New: true})
	require.NoError(r.t, err)
	made := r.cog.create(pool, newClient)
	c, err := p.Save(context.Background(), newClient, made.Value)
	require.NoError(r.t, err)
	return t, c
}

// move is an Update that moves the storage to a new, empty secret app/next with op (its
// MoveFrom set here); it returns the new secret and what was applied.
func (r *rig) move(op Op) (*fakeSecret, Credentials) {
	next := r.sm.add("app/next", region)
	op.MoveFrom = store
	p, err := r.s.Prepare(context.Background(), Target{SecretID: "app/next", RequestID: "move", UserPoolID: pool, ClientID: client}, op)
	require.NoError(r.t, err)
	c, err := p.Apply(context.Background(), "")
	require.NoError(r.t, err)
	return next, c
}

func (r *rig) update(req string, op Op) (Credentials, error) {
	p, err := r.s.Prepare(context.Background(), r.target(req), op)
	if err != nil {
		return Credentials{}, err
	}
	var described Secret
	if live := r.cog.clients[pool+"/"+client]; len(live) == 1 {
		described = r.cog.values[live[0].ID]
	}
	return p.Apply(context.Background(), described)
}

// invariants hold after every step: at most two live secrets, AWSCURRENT names a live one and
// holds its value.
func (r *rig) invariants() (current, previous Credentials) {
	r.t.Helper()
	live := r.cog.live(pool, client)
	require.LessOrEqual(r.t, len(live), 2)
	current, ok := r.sec.staged(Current)
	require.True(r.t, ok, "no AWSCURRENT")
	require.Contains(r.t, live, current.ClientSecretID, "AWSCURRENT names a secret Cognito no longer holds")
	require.Equal(r.t, r.cog.values[current.ClientSecretID], current.ClientSecret)
	require.Equal(r.t, Credentials{UserPoolID: pool, ClientID: client, ClientSecret: current.ClientSecret, ClientSecretID: current.ClientSecretID}, current)
	previous, _ = r.sec.staged(Previous)
	return current, previous
}

func TestCreateStoresAndADuplicateDoesNothing(t *testing.T) {
	r := newRig(t)
	c := r.create("req-1")
	cur, _ := r.invariants()
	assert.Equal(t, cur, c)
	assert.Equal(t, []string{"DescribeSecret", "GetSecretValue", "PutSecretValue"}, r.sm.calls)
	assert.Equal(t, []string{"ListUserPoolClientSecrets"}, r.cog.calls)

	r.sm.calls, r.cog.calls = nil, nil
	again := r.create("req-1")
	assert.Equal(t, c, again)
	assert.Empty(t, r.cog.calls, "a duplicate delivery touches Cognito")
	assert.Equal(t, []string{"DescribeSecret", "GetSecretValue"}, r.sm.calls)
}

// The lifecycle of the issue: create → rotate → rotate → roll back → rotate → other changes.
func TestLifecycle(t *testing.T) {
	r := newRig(t)
	first := r.create("create")
	r.invariants()

	_, err := r.update("rotate-1", Op{Rotate: true})
	require.NoError(t, err)
	cur, prev := r.invariants()
	assert.Equal(t, first, prev)
	assert.NotEqual(t, first.ClientSecretID, cur.ClientSecretID)
	second := cur

	r.cog.calls = nil
	_, err = r.update("rotate-2", Op{Rotate: true})
	require.NoError(t, err)
	cur, prev = r.invariants()
	assert.Equal(t, second, prev)
	assert.NotContains(t, r.cog.live(pool, client), first.ClientSecretID, "the secret AWSCURRENT did not name goes")
	assert.Equal(t, []string{"ListUserPoolClientSecrets", "DeleteUserPoolClientSecret", "AddUserPoolClientSecret"}, r.cog.calls)
	third := cur

	// Roll back: nothing deleted, AWSCURRENT back on the previous secret.
	r.cog.calls, r.sm.calls = nil, nil
	before := r.cog.live(pool, client)
	_, err = r.update("rollback", Op{Restore: true})
	require.NoError(t, err)
	cur, prev = r.invariants()
	assert.Equal(t, second, cur)
	assert.Equal(t, third, prev)
	assert.Equal(t, before, r.cog.live(pool, client), "a roll back deleted a secret")
	assert.Equal(t, []string{"ListUserPoolClientSecrets"}, r.cog.calls)
	assert.Equal(t, []string{"UpdateSecretVersionStage"}, r.sm.writes())
	assert.Equal(t, []string{"DescribeSecret", "GetSecretValue", "GetSecretValue", "UpdateSecretVersionStage"}, r.sm.calls,
		"a roll back reads AWSCURRENT and AWSPREVIOUS once each")

	// The same roll back delivered again changes nothing.
	r.sm.calls = nil
	_, err = r.update("rollback", Op{Restore: true})
	require.NoError(t, err)
	assert.Empty(t, r.sm.writes())
	cur, _ = r.invariants()
	assert.Equal(t, second, cur)

	// Rotate again: the secret AWSCURRENT does not name (third) goes.
	_, err = r.update("rotate-3", Op{Rotate: true})
	require.NoError(t, err)
	cur, prev = r.invariants()
	assert.Equal(t, second, prev)
	assert.ElementsMatch(t, []string{second.ClientSecretID, cur.ClientSecretID}, r.cog.live(pool, client))

	// Other changes: no storage call that writes.
	r.cog.calls, r.sm.calls = nil, nil
	_, err = r.update("other", Op{})
	require.NoError(t, err)
	assert.Empty(t, r.cog.writes())
	assert.Empty(t, r.sm.writes())
}

func TestRotationDeliveredTwiceMakesOneSecret(t *testing.T) {
	r := newRig(t)
	r.create("create")
	rotated, err := r.update("rotate", Op{Rotate: true})
	require.NoError(t, err)
	live := r.cog.live(pool, client)
	r.cog.calls = nil
	again, err := r.update("rotate", Op{Rotate: true})
	require.NoError(t, err)
	assert.Equal(t, rotated, again, "the second delivery answers from the stored version")
	assert.Empty(t, r.cog.calls)
	assert.Equal(t, live, r.cog.live(pool, client))
}

// A rotation cut after the Add (the Put never ran) and delivered again ends with one new
// secret stored, and the orphan of the first try deleted.
func TestRotationResumedAfterACutPut(t *testing.T) {
	r := newRig(t)
	first := r.create("create")
	r.sm.fail["PutSecretValue"] = context.DeadlineExceeded
	r.cog.fail["DeleteUserPoolClientSecret"] = context.DeadlineExceeded // the undo is cut too
	_, err := r.update("rotate", Op{Rotate: true})
	require.Error(t, err)
	require.Len(t, r.cog.live(pool, client), 2)
	orphan := r.cog.live(pool, client)[1]

	_, err = r.update("rotate", Op{Rotate: true})
	require.NoError(t, err)
	cur, prev := r.invariants()
	assert.Equal(t, first, prev)
	assert.NotContains(t, r.cog.live(pool, client), orphan)
	assert.Contains(t, r.cog.live(pool, client), cur.ClientSecretID)
}

func TestRotationPutRefusedDeletesTheNewSecret(t *testing.T) {
	for name, fault := range map[string]error{
		"conflict": ErrTokenConflict,
		"denied":   errors.Join(ErrAccessDenied, errors.New("kms")),
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t)
			first := r.create("create")
			r.sm.fail["PutSecretValue"] = fault
			_, err := r.update("rotate", Op{Rotate: true})
			var se *Error
			require.ErrorAs(t, err, &se)
			assert.Equal(t, "SecretsManagerSecretId", se.Properties[0])
			assert.Contains(t, err.Error(), "was deleted again")
			cur, _ := r.invariants()
			assert.Equal(t, first, cur)
			assert.Equal(t, []string{first.ClientSecretID}, r.cog.live(pool, client), "Cognito and the storage disagree")
		})
	}
}

func TestRotationRefusedWhenAWSCURRENTNamesNeitherSecret(t *testing.T) {
	r := newRig(t)
	r.create("create")
	// Someone added a secret out of band and deleted the stored one.
	extra := r.cog.newSecret(client)
	stored := r.cog.clients[pool+"/"+client][0]
	r.cog.clients[pool+"/"+client] = []ClientSecret{extra, r.cog.newSecret(client)}
	_ = stored
	r.cog.calls, r.sm.calls = nil, nil
	_, err := r.update("rotate", Op{Rotate: true})
	var se *Error
	require.ErrorAs(t, err, &se)
	assert.Equal(t, []string{"SecretSerial", "SecretsManagerSecretId"}, se.Properties)
	assert.Contains(t, err.Error(), "names neither")
	assert.Empty(t, r.cog.writes())
	assert.Empty(t, r.sm.writes())
}

func TestLoweredSerialWithOneSecretChangesNothing(t *testing.T) {
	r := newRig(t)
	first := r.create("create")
	r.sm.calls, r.cog.calls = nil, nil
	_, err := r.update("rollback", Op{Restore: true})
	require.NoError(t, err)
	assert.Empty(t, r.sm.writes())
	assert.Empty(t, r.cog.writes())
	cur, _ := r.invariants()
	assert.Equal(t, first, cur)
}

// The checks run before any Cognito write; each failure names SecretsManagerSecretId and
// leaves Cognito and the storage as they were.
func TestChecksBeforeAnyWrite(t *testing.T) {
	tests := map[string]struct {
		arrange func(r *rig)
		secret  string
		words   []string
	}{
		"missing":                {secret: "app/missing", words: []string{"does not exist"}},
		"scheduled for deletion": {arrange: func(r *rig) { r.sec.deleted = true }, words: []string{"scheduled for deletion"}},
		"rotation of its own":    {arrange: func(r *rig) { r.sec.rotate = true }, words: []string{"rotation of its own"}},
		"another region by ARN":  {secret: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf", words: []string{"eu-west-1", "own region"}},
		"another region by name": {arrange: func(r *rig) { r.sm.add("elsewhere", "eu-west-1") }, secret: "elsewhere", words: []string{"eu-west-1"}},
		"another client's credentials": {arrange: func(r *rig) {
			r.cog.create(pool, "2other")
			r.sec.values["v1"] = Credentials{UserPoolID: pool, ClientID: "2other", ClientSecret: "s", ClientSecretID: "2other--1"}.encode()
			r.sec.labels["v1"] = []string{Current}
		}, words: []string{"client 2other", "secret of its own"}},
		"something else": {arrange: func(r *rig) {
			r.sec.values["v1"] = `{"password":"hunter2"}`
			r.sec.labels["v1"] = []string{Current}
		}, words: []string{"something other than the credentials", "empty secret"}},
		"unreadable": {arrange: func(r *rig) {
			r.sm.fail["GetSecretValue"] = errors.Join(ErrAccessDenied, errors.New("kms:Decrypt"))
		}, words: []string{"may not read", "kms:Decrypt"}},
		"not describable": {arrange: func(r *rig) {
			r.sm.fail["DescribeSecret"] = errors.Join(ErrAccessDenied, errors.New("denied"))
		}, words: []string{"may not describe", "scopes it"}},
	}
	for _, op := range []Op{{New: true}, {Rotate: true}, {Attach: true}, {MoveFrom: "app/old"}} {
		for name, tc := range tests {
			t.Run(name, func(t *testing.T) {
				r := newRig(t)
				r.cog.create(pool, client)
				if tc.arrange != nil {
					tc.arrange(r)
				}
				target := r.target("req")
				if tc.secret != "" {
					target.SecretID = tc.secret
				}
				if op.New {
					target.ClientID = ""
				}
				_, err := r.s.Prepare(context.Background(), target, op)
				var se *Error
				require.ErrorAs(t, err, &se)
				assert.Equal(t, "SecretsManagerSecretId", se.Properties[0])
				for _, w := range tc.words {
					assert.Contains(t, err.Error(), w)
				}
				assert.Empty(t, r.cog.writes())
				assert.Empty(t, r.sm.writes())
			})
		}
	}
}

// Credentials of a client that no longer exists (a first deploy rolled back, the secret kept)
// belong to no one: a new client's are stored over them.
func TestCredentialsOfAGoneClientAreTakenOver(t *testing.T) {
	r := newRig(t)
	r.sec.values["v1"] = Credentials{UserPoolID: pool, ClientID: "2gone", ClientSecret: "s", ClientSecretID: "2gone--1"}.encode()
	r.sec.labels["v1"] = []string{Current}
	target := r.target("create")
	target.ClientID = ""
	p, err := r.s.Prepare(context.Background(), target, Op{New: true})
	require.NoError(t, err)
	made := r.cog.create(pool, client)
	_, err = p.Save(context.Background(), client, made.Value)
	require.NoError(t, err)
	cur, _ := r.sec.staged(Current)
	assert.Equal(t, client, cur.ClientID)
}

func TestReplacementCountsTheReplacedClientAsThisOne(t *testing.T) {
	r := newRig(t)
	r.create("create")
	target, c := r.replace("replace", "3new")
	assert.Equal(t, "3new", c.ClientID)
	prev, _ := r.sec.staged(Previous)
	assert.Equal(t, client, prev.ClientID)

	// Without Replaced, the storage is another client's.
	target.RequestID, target.Replaced = "create-other", ""
	_, err := r.s.Prepare(context.Background(), target, Op{New: true})
	assert.ErrorContains(t, err, "holds the credentials of client 3new")
}

func TestReleaseMovesAWSCURRENTBackToTheReplacedClient(t *testing.T) {
	r := newRig(t)
	r.create("create")
	r.replace("replace", "3new")

	moved, err := r.s.Release(context.Background(), store, "3new")
	require.NoError(t, err)
	assert.True(t, moved)
	cur, _ := r.sec.staged(Current)
	assert.Equal(t, client, cur.ClientID)

	// Delivered again, or a Delete of a client AWSCURRENT does not name: nothing.
	r.sm.calls = nil
	moved, err = r.s.Release(context.Background(), store, "3new")
	require.NoError(t, err)
	assert.False(t, moved)
	assert.Empty(t, r.sm.writes())
}

func TestReleaseLeavesStorageAlone(t *testing.T) {
	tests := map[string]func(r *rig){
		"AWSPREVIOUS is the same client (a rotation)": func(r *rig) {
			_, err := r.update("rotate", Op{Rotate: true})
			require.NoError(r.t, err)
		},
		"AWSPREVIOUS's client is gone": func(r *rig) {
			r.sec.values["old"] = Credentials{UserPoolID: pool, ClientID: "0gone", ClientSecret: "s", ClientSecretID: "0gone--1"}.encode()
			cur := r.sec.labels.Holder(Current)
			r.sec.labels = map[string][]string{"old": {Previous}, cur: {Current}}
		},
		"the storage is gone":  func(r *rig) { delete(r.sm.secrets, store) },
		"the storage is empty": func(r *rig) { r.sec.labels = map[string][]string{} },
	}
	for name, arrange := range tests {
		t.Run(name, func(t *testing.T) {
			r := newRig(t)
			r.create("create")
			arrange(r)
			r.sm.calls = nil
			moved, err := r.s.Release(context.Background(), store, client)
			require.NoError(t, err)
			assert.False(t, moved)
			assert.Empty(t, r.sm.writes())
		})
	}
}

func TestMoveCopiesLiveVersionsInTheirStages(t *testing.T) {
	r := newRig(t)
	first := r.create("create")
	_, err := r.update("rotate", Op{Rotate: true})
	require.NoError(t, err)
	second, _ := r.invariants()

	next, _ := r.move(Op{})
	cur, _ := next.staged(Current)
	prev, _ := next.staged(Previous)
	assert.Equal(t, second, cur)
	assert.Equal(t, first, prev)
	// The old storage is untouched.
	oldCur, _ := r.sec.staged(Current)
	assert.Equal(t, second, oldCur)
}

func TestMoveWithARotationRotatesInTheNewStorage(t *testing.T) {
	r := newRig(t)
	first := r.create("create")
	next, rotated := r.move(Op{Rotate: true})
	cur, _ := next.staged(Current)
	prev, _ := next.staged(Previous)
	assert.Equal(t, rotated, cur)
	assert.Equal(t, first, prev)
	assert.ElementsMatch(t, []string{first.ClientSecretID, rotated.ClientSecretID}, r.cog.live(pool, client))
}

func TestMoveFromAGoneSecretAttaches(t *testing.T) {
	r := newRig(t)
	made := r.cog.create(pool, client)
	p, err := r.s.Prepare(context.Background(), r.target("move"), Op{MoveFrom: "app/deleted-long-ago"})
	require.NoError(t, err)
	c, err := p.Apply(context.Background(), made.Value)
	require.NoError(t, err)
	assert.Equal(t, made.ID, c.ClientSecretID)
	r.invariants()
}

func TestAttach(t *testing.T) {
	t.Run("one secret", func(t *testing.T) {
		r := newRig(t)
		r.cog.create(pool, client)
		_, err := r.update("attach", Op{Attach: true})
		require.NoError(t, err)
		r.invariants()
	})
	t.Run("adopted client with two secrets names both properties", func(t *testing.T) {
		r := newRig(t)
		r.cog.create(pool, client)
		_, err := r.cog.AddClientSecret(context.Background(), pool, client)
		require.NoError(t, err)
		target := r.target("adopt")
		target.Adopted = true
		r.cog.calls = nil
		_, err = r.s.Prepare(context.Background(), target, Op{Attach: true})
		var se *Error
		require.ErrorAs(t, err, &se)
		assert.Equal(t, []string{"SecretsManagerSecretId", "ExistingClientId"}, se.Properties)
		assert.Contains(t, err.Error(), "has 2")
		assert.Empty(t, r.sm.writes())
	})
	t.Run("storage added with a raised serial stores then rotates", func(t *testing.T) {
		r := newRig(t)
		made := r.cog.create(pool, client)
		_, err := r.update("attach-rotate", Op{Attach: true, Rotate: true})
		require.NoError(t, err)
		_, prev := r.invariants()
		assert.Equal(t, made.ID, prev.ClientSecretID)
	})
}

func TestTokens(t *testing.T) {
	a := token("7a9e4b2c-1d3f-4e6a-b8c0-2f4d6e8a0b1c", finalStep)
	assert.Len(t, a, 36)
	assert.Equal(t, a, token("7a9e4b2c-1d3f-4e6a-b8c0-2f4d6e8a0b1c", finalStep))
	assert.NotEqual(t, a, token("7a9e4b2c-1d3f-4e6a-b8c0-2f4d6e8a0b1d", finalStep))
	assert.NotEqual(t, a, token("7a9e4b2c-1d3f-4e6a-b8c0-2f4d6e8a0b1c", "attach"))
}

// AWSPREVIOUS naming a secret deleted since (out of band, or by a rotation whose Put was
// refused): a lowered serial leaves AWSCURRENT where it is.
func TestLoweredSerialNeverStagesADeadSecret(t *testing.T) {
	r := newRig(t)
	r.create("create")
	for _, req := range []string{"rotate-1", "rotate-2"} {
		_, err := r.update(req, Op{Rotate: true})
		require.NoError(t, err)
	}
	cur, prev := r.invariants()
	require.NoError(t, r.cog.DeleteClientSecret(context.Background(), pool, client, prev.ClientSecretID))
	r.sm.calls = nil
	_, err := r.update("rollback", Op{Restore: true})
	require.NoError(t, err)
	assert.Empty(t, r.sm.writes())
	after, _ := r.invariants()
	assert.Equal(t, cur, after)
}

// Versions of the old storage that are not credentials, or not this client's, or whose secret
// is gone, are not copied.
func TestMoveCopiesOnlyThisClientsLiveSecrets(t *testing.T) {
	r := newRig(t)
	first := r.create("create")
	r.sec.values["junk"] = `{"password":"hunter2"}`
	r.sec.labels[r.sec.labels.Holder(Current)] = []string{Previous}
	r.sec.labels["junk"] = []string{Current}
	// AWSCURRENT is junk, AWSPREVIOUS the client's live secret: only the latter moves.
	next, _ := r.move(Op{})
	cur, _ := next.staged(Current)
	assert.Equal(t, first, cur)
	_, hasPrev := next.staged(Previous)
	assert.False(t, hasPrev)
}
