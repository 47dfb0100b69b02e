package provider

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func TestCreate(t *testing.T) {
	tests := map[string]struct {
		props      props
		wantSecret bool
	}{
		"without a secret":           {props: basicProps()},
		"GenerateSecret false":       {props: basicProps().with("GenerateSecret", "false")},
		"GenerateSecret true":        {props: basicProps().with("GenerateSecret", "true"), wantSecret: true},
		"GenerateSecret native true": {props: basicProps().with("GenerateSecret", true), wantSecret: true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			r := x.answer(x.event(Create, tt.props))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, map[string]int{mCreate: 1}, x.cog.counts())
			ids := x.cog.clientIDs()
			require.Len(t, ids, 1)
			assert.Equal(t, ids[0], r.PhysicalResourceID, "Ref is the ClientId")
			c, _ := x.cog.client(testPool, ids[0])
			assert.Equal(t, decoded(t, tt.props), c.props, "created with the desired configuration")

			want := map[string]string{"ClientId": ids[0], "Name": "web-client", "UserPoolId": testPool}
			if tt.wantSecret {
				require.NotEmpty(t, c.Secret)
				want["ClientSecret"] = c.Secret.Reveal()
			}
			assert.Equal(t, want, r.Data)
			assert.Equal(t, tt.wantSecret, r.NoEcho, "NoEcho whenever Data carries a secret")
		})
	}
}

func TestCreateWithoutClientNameUsesDefaultName(t *testing.T) {
	x := newHarness(t)
	r := x.answer(x.event(Create, basicProps().with("ClientName", nil)))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, userpoolclient.DefaultClientName(testStackID, testLogical), r.Data["Name"])
	assert.Equal(t, "my-stack-WebClient", r.Data["Name"])
	c, ok := x.cog.client(testPool, r.PhysicalResourceID)
	require.True(t, ok)
	assert.Equal(t, "my-stack-WebClient", c.Name)
}

func TestCreateInvalidProperties(t *testing.T) {
	tests := map[string]struct {
		props props
		want  []string
	}{
		"GenerateSecret yes":   {props: basicProps().with("GenerateSecret", "yes"), want: []string{"GenerateSecret", "true or false"}},
		"GenerateSecret blank": {props: basicProps().with("GenerateSecret", ""), want: []string{"GenerateSecret", "true or false"}},
		"misspelled key": {props: basicProps().with("CallbackUrls", []string{"https://a.example.com"}),
			want: []string{"CallbackUrls", "did you mean CallbackURLs"}},
		"missing ResourceProperties": {props: nil, want: []string{"UserPoolId", "required"}},
		"fraction":                   {props: basicProps().with("RefreshTokenValidity", "1.5"), want: []string{"RefreshTokenValidity"}},
		"scalar for a list":          {props: basicProps().with("CallbackURLs", "https://a.example.com"), want: []string{"CallbackURLs", "list"}},
		"two errors at once": {props: basicProps().with("GenerateSecret", "TRUE ").with("UserPoolId", "bad pool"),
			want: []string{"GenerateSecret", "UserPoolId"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			ev := x.event(Create, tt.props)
			r := x.answer(ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			for _, w := range tt.want {
				assert.Contains(t, r.Reason, w)
			}
			assert.Equal(t, "create-failed:"+ev["RequestId"].(string), r.PhysicalResourceID)
			assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID), "the rollback Delete must be a no-op")
			assert.Empty(t, x.cog.counts(), "no Cognito call")

			// The rollback Delete of the marker deletes nothing and succeeds.
			del := x.answer(x.event(Delete, tt.props).with("PhysicalResourceId", r.PhysicalResourceID))
			assert.Equal(t, cfnresponse.StatusSuccess, del.Status)
			assert.Equal(t, r.PhysicalResourceID, del.PhysicalResourceID)
			assert.Empty(t, x.cog.counts())
		})
	}
}

func TestCreateFailsInCognito(t *testing.T) {
	x := newHarness(t)
	x.cog.setErr(mCreate, errors.New("cognito-idp:CreateUserPoolClient: LimitExceededException: a Cognito quota is reached (at most 1,000 app clients per user pool)"))
	ev := x.event(Create, basicProps())
	r := x.answer(ev)
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "1,000 app clients")
	assert.Contains(t, r.Reason, testPool)
	assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, 1, x.cog.count(mCreate))
}

// updateEvent is an Update of client id from old to desired properties.
func (x *harness) updateEvent(id string, old, desired props) event {
	return x.event(Update, desired).with("PhysicalResourceId", id).with("OldResourceProperties", old)
}

func TestUpdateInPlace(t *testing.T) {
	tests := map[string]struct {
		old, desired props
	}{
		"rename and add a callback": {
			old: basicProps(),
			desired: basicProps().with("ClientName", "web-client-v2").
				with("CallbackURLs", []string{"https://app.example.com/callback", "http://localhost:3000/cb"}),
		},
		"identical properties":        {old: basicProps(), desired: basicProps()},
		"remove optional properties":  {old: basicProps(), desired: props{"UserPoolId": testPool, "ClientName": "web-client"}},
		"GenerateSecret false→absent": {old: basicProps().with("GenerateSecret", "false"), desired: basicProps()},
		"GenerateSecret absent→false": {old: basicProps(), desired: basicProps().with("GenerateSecret", "false")},
		"GenerateSecret true→true":    {old: basicProps().with("GenerateSecret", "true"), desired: basicProps().with("GenerateSecret", true)},
		"old properties in an older shape": {
			old:     basicProps().with("CallbackUrls", []string{"x"}).with("RefreshTokenValidity", "1.5").with("Legacy", map[string]any{"a": 1}),
			desired: basicProps(),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			old := x.cog.seed(decoded(t, tt.old.with("CallbackUrls", nil).with("RefreshTokenValidity", nil).with("Legacy", nil)), "web-client")
			r := x.answer(x.updateEvent(old.ID, tt.old, tt.desired))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, old.ID, r.PhysicalResourceID, "same ID")
			assert.Equal(t, map[string]int{mUpdate: 1}, x.cog.counts(), "exactly one Update, no Create, no Delete")

			up, ok := x.cog.lastUpdate()
			require.True(t, ok)
			assert.Equal(t, old.ID, up.id)
			assert.Equal(t, decoded(t, tt.desired), up.props, "the whole desired configuration, never a patch")
			assert.Equal(t, tt.desired["ClientName"], up.name)
			assert.Equal(t, tt.desired["ClientName"], r.Data["Name"])
			assert.Equal(t, old.ID, r.Data["ClientId"])
			assert.Equal(t, old.Secret.Reveal(), r.Data["ClientSecret"])
			assert.Equal(t, old.Secret != "", r.NoEcho)
		})
	}
}

func TestUpdateReplacement(t *testing.T) {
	tests := map[string]struct {
		old, desired props
		pool         string
	}{
		"UserPoolId changed": {
			old: basicProps(), desired: basicProps().with("UserPoolId", otherPool), pool: otherPool,
		},
		"GenerateSecret added": {
			old: basicProps(), desired: basicProps().with("GenerateSecret", "true"), pool: testPool,
		},
		"GenerateSecret removed": {
			old: basicProps().with("GenerateSecret", "true"), desired: basicProps(), pool: testPool,
		},
		"GenerateSecret true→false": {
			old: basicProps().with("GenerateSecret", "true"), desired: basicProps().with("GenerateSecret", "false"), pool: testPool,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			old := x.cog.seed(decoded(t, tt.old), "web-client")
			r := x.answer(x.updateEvent(old.ID, tt.old, tt.desired))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.NotEqual(t, old.ID, r.PhysicalResourceID, "a new ID")
			assert.Equal(t, map[string]int{mCreate: 1}, x.cog.counts(), "one Create; the old client is neither updated nor deleted")
			_, oldLeft := x.cog.client(old.UserPoolID, old.ID)
			assert.True(t, oldLeft, "CloudFormation deletes the old client after the update")
			c, ok := x.cog.client(tt.pool, r.PhysicalResourceID)
			require.True(t, ok)
			assert.Equal(t, decoded(t, tt.desired), c.props)
			assert.Equal(t, tt.pool, r.Data["UserPoolId"])
			assert.Equal(t, c.Secret != "", r.NoEcho)
			assert.Equal(t, c.Secret.Reveal(), r.Data["ClientSecret"])
		})
	}
}

func TestUpdateHealsVanishedClient(t *testing.T) {
	x := newHarness(t)
	const gone = "client9999vanished"
	r := x.answer(x.updateEvent(gone, basicProps(), basicProps().with("ClientName", "web-client-v2")))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotEqual(t, gone, r.PhysicalResourceID, "never re-use the old ID")
	assert.Equal(t, map[string]int{mUpdate: 1, mCreate: 1}, x.cog.counts())
	c, ok := x.cog.client(testPool, r.PhysicalResourceID)
	require.True(t, ok)
	assert.Equal(t, "web-client-v2", c.Name)
	assert.Equal(t, decoded(t, basicProps().with("ClientName", "web-client-v2")), c.props)
	logs := x.logs.String()
	assert.Contains(t, logs, "no longer exists")
	assert.Contains(t, logs, gone)

	// CloudFormation's cleanup Delete of the vanished ID is a no-op.
	del := x.answer(x.event(Delete, basicProps()).with("PhysicalResourceId", gone))
	assert.Equal(t, cfnresponse.StatusSuccess, del.Status)
	assert.Equal(t, []string{r.PhysicalResourceID}, x.cog.clientIDs(), "the healed client stays")
}

func TestUpdateWhenTheNewClientCannotBeCreated(t *testing.T) {
	tests := map[string]struct {
		old, desired props
		seed         bool
	}{
		"replacement": {old: basicProps(), desired: basicProps().with("UserPoolId", otherPool), seed: true},
		"heal":        {old: basicProps(), desired: basicProps()},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			id := "client9999vanished"
			if tt.seed {
				id = x.cog.seed(decoded(t, tt.old), "web-client").ID
			}
			x.cog.setErr(mCreate, errors.New("not authorized to call cognito-idp:CreateUserPoolClient (AccessDeniedException)"))
			r := x.answer(x.updateEvent(id, tt.old, tt.desired))
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Equal(t, id, r.PhysicalResourceID, "FAILED with the old ID")
			assert.Contains(t, r.Reason, "not authorized to call cognito-idp:CreateUserPoolClient")
			assert.Equal(t, 1, x.cog.count(mCreate))
			assert.Zero(t, x.cog.count(mDelete))
		})
	}
}

func TestUpdateFailsInCognito(t *testing.T) {
	x := newHarness(t)
	old := x.cog.seed(decoded(t, basicProps()), "web-client")
	x.cog.setErr(mUpdate, errors.New("cognito-idp:UpdateUserPoolClient: InvalidOAuthFlowException: bad flow"))
	r := x.answer(x.updateEvent(old.ID, basicProps(), basicProps().with("ClientName", "x")))
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Equal(t, old.ID, r.PhysicalResourceID)
	assert.Contains(t, r.Reason, "InvalidOAuthFlowException: bad flow")
	assert.Equal(t, map[string]int{mUpdate: 1}, x.cog.counts(), "no heal on an error other than not found")
}

func TestUpdateInvalidProperties(t *testing.T) {
	tests := map[string]props{
		"GenerateSecret yes": basicProps().with("GenerateSecret", "yes"),
		"misspelled key":     basicProps().with("LogoutUrls", []string{"https://a.example.com"}),
		"missing":            nil,
	}
	for name, desired := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			old := x.cog.seed(decoded(t, basicProps()), "web-client")
			r := x.answer(x.updateEvent(old.ID, basicProps(), desired))
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "invalid properties")
			assert.Equal(t, old.ID, r.PhysicalResourceID, "the old ID is kept")
			assert.Empty(t, x.cog.counts(), "no Cognito call")
		})
	}
}

func TestUpdateRollbackRestoresOldProperties(t *testing.T) {
	x := newHarness(t)
	a := basicProps()
	b := basicProps().with("ClientName", "web-client-v2").with("RefreshTokenValidity", "7").
		with("LogoutURLs", []string{"https://app.example.com/logout"})

	created := x.answer(x.event(Create, a))
	require.Equal(t, cfnresponse.StatusSuccess, created.Status, created.Reason)
	id := created.PhysicalResourceID

	updated := x.answer(x.updateEvent(id, a, b))
	require.Equal(t, cfnresponse.StatusSuccess, updated.Status, updated.Reason)
	c, _ := x.cog.client(testPool, id)
	require.Equal(t, decoded(t, b), c.props)

	rolledBack := x.answer(x.updateEvent(id, b, a))
	require.Equal(t, cfnresponse.StatusSuccess, rolledBack.Status, rolledBack.Reason)
	assert.Equal(t, id, rolledBack.PhysicalResourceID)
	c, _ = x.cog.client(testPool, id)
	assert.Equal(t, decoded(t, a), c.props, "the client ends exactly as the old properties say")
	assert.Equal(t, "web-client", c.Name)
	assert.Equal(t, map[string]int{mCreate: 1, mUpdate: 2}, x.cog.counts())
}

func TestUpdateOfAResourceWithoutClient(t *testing.T) {
	x := newHarness(t)
	r := x.answer(x.updateEvent("create-failed:0f2c6a1e", basicProps(), basicProps()))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.True(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, map[string]int{mCreate: 1}, x.cog.counts(), "a marker is never passed to Update")
}

func TestDelete(t *testing.T) {
	tests := map[string]struct {
		physicalID string // "" means the seeded client
		props      props
		omitID     bool
		err        error
		wantStatus cfnresponse.Status
		wantCalls  map[string]int
		wantGone   bool
		reason     string
	}{
		"existing client": {
			props: basicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{mDelete: 1}, wantGone: true,
		},
		"client already gone": {
			physicalID: "client9999vanished", props: basicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{mDelete: 1},
		},
		"pool already gone": {
			physicalID: "client9999vanished", props: basicProps().with("UserPoolId", "us-east-1_Gone"),
			wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{mDelete: 1},
		},
		"failed-create marker": {
			physicalID: "create-failed:0f2c6a1e-3b7d", props: basicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{},
		},
		"empty physical id": {
			omitID: true, props: basicProps(), wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{},
		},
		"garbage physical id": {
			physicalID: "not a client id!", props: basicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{},
		},
		"missing properties": {
			props: nil, wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{},
		},
		"bad pool": {
			props: basicProps().with("UserPoolId", "bad pool"), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{},
		},
		"properties in an older shape": {
			props: basicProps().with("CallbackUrls", "x").with("GenerateSecret", "yes").
				with("RefreshTokenValidity", "1.5").with("Gone", map[string]any{"Deep": true}),
			wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{mDelete: 1}, wantGone: true,
		},
		"not authorized": {
			props: basicProps(), err: errors.New("not authorized to call cognito-idp:DeleteUserPoolClient (AccessDeniedException): denied"),
			wantStatus: cfnresponse.StatusFailed, wantCalls: map[string]int{mDelete: 1},
			reason: "not authorized to call cognito-idp:DeleteUserPoolClient",
		},
		"throttled to the end": {
			props: basicProps(), err: errors.New("cognito-idp:DeleteUserPoolClient gave up after 9 attempts before the deadline (throttled: TooManyRequestsException)"),
			wantStatus: cfnresponse.StatusFailed, wantCalls: map[string]int{mDelete: 1}, reason: "throttled",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			seeded := x.cog.seed(decoded(t, basicProps()), "web-client")
			id := tt.physicalID
			if id == "" {
				id = seeded.ID
			}
			if tt.err != nil {
				x.cog.setErr(mDelete, tt.err)
			}
			ev := x.event(Delete, tt.props).with("PhysicalResourceId", id)
			if tt.omitID {
				ev = ev.with("PhysicalResourceId", nil)
			}
			r := x.answer(ev)
			assert.Equal(t, tt.wantStatus, r.Status, r.Reason)
			assert.Equal(t, tt.wantCalls, x.cog.counts())
			if !tt.omitID {
				assert.Equal(t, id, r.PhysicalResourceID, "a Delete answers with the ID it was given")
			}
			if tt.reason != "" {
				assert.Contains(t, r.Reason, tt.reason)
			}
			_, left := x.cog.client(testPool, seeded.ID)
			assert.Equal(t, !tt.wantGone, left)
			assert.Empty(t, r.Data)
		})
	}
}

func TestDeleteTwice(t *testing.T) {
	x := newHarness(t)
	c := x.cog.seed(decoded(t, basicProps()), "web-client")
	first := x.event(Delete, basicProps()).with("PhysicalResourceId", c.ID)

	assert.Equal(t, cfnresponse.StatusSuccess, x.answer(first).Status)
	assert.Equal(t, cfnresponse.StatusSuccess, x.answer(first).Status, "the same delivery again")
	assert.Equal(t, 1, x.cog.count(mDelete), "the duplicate is answered from the first answer")

	again := x.event(Delete, basicProps()).with("PhysicalResourceId", c.ID)
	assert.Equal(t, cfnresponse.StatusSuccess, x.answer(again).Status, "a second Delete request")
	assert.Equal(t, 2, x.cog.count(mDelete))
	assert.Empty(t, x.cog.clientIDs())
}
