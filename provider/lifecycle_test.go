package provider

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func TestCreate(t *testing.T) {
	tests := map[string]struct {
		props      props
		wantSecret bool
	}{
		"without a secret":           {props: fixture.BasicProps()},
		"GenerateSecret false":       {props: fixture.BasicProps().With("GenerateSecret", "false")},
		"GenerateSecret true":        {props: fixture.BasicProps().With("GenerateSecret", "true"), wantSecret: true},
		"GenerateSecret native true": {props: fixture.BasicProps().With("GenerateSecret", true), wantSecret: true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			r := x.answer(x.event(Create, tt.props))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, map[string]int{fakecognito.CallCreate: 1}, x.cog.Counts())
			ids := x.cog.ClientIDs()
			require.Len(t, ids, 1)
			assert.Equal(t, ids[0], r.PhysicalResourceID, "Ref is the ClientId")
			c, _ := x.cog.Client(fixture.Pool, ids[0])
			assert.Equal(t, fixture.Decoded(t, tt.props), c.Props, "created with the desired configuration")

			want := map[string]string{"ClientId": ids[0], "Name": "web-client", "UserPoolId": fixture.Pool}
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
	r := x.answer(x.event(Create, fixture.BasicProps().With("ClientName", nil)))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.Equal(t, userpoolclient.DefaultClientName(fixture.StackID, fixture.Logical), r.Data["Name"])
	assert.Equal(t, "my-stack-WebClient", r.Data["Name"])
	c, ok := x.cog.Client(fixture.Pool, r.PhysicalResourceID)
	require.True(t, ok)
	assert.Equal(t, "my-stack-WebClient", c.Name)
}

func TestCreateInvalidProperties(t *testing.T) {
	tests := map[string]struct {
		props props
		want  []string
	}{
		"GenerateSecret yes":   {props: fixture.BasicProps().With("GenerateSecret", "yes"), want: []string{"GenerateSecret", "true or false"}},
		"GenerateSecret blank": {props: fixture.BasicProps().With("GenerateSecret", ""), want: []string{"GenerateSecret", "true or false"}},
		"misspelled key": {props: fixture.BasicProps().With("CallbackUrls", []string{"https://a.example.com"}),
			want: []string{"CallbackUrls", "did you mean CallbackURLs"}},
		"missing ResourceProperties": {props: nil, want: []string{"UserPoolId", "required"}},
		"fraction":                   {props: fixture.BasicProps().With("RefreshTokenValidity", "1.5"), want: []string{"RefreshTokenValidity"}},
		"scalar for a list":          {props: fixture.BasicProps().With("CallbackURLs", "https://a.example.com"), want: []string{"CallbackURLs", "list"}},
		"two errors at once": {props: fixture.BasicProps().With("GenerateSecret", "TRUE ").With("UserPoolId", "bad pool"),
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
			assert.Empty(t, x.cog.Counts(), "no Cognito call")

			// The rollback Delete of the marker deletes nothing and succeeds.
			del := x.answer(x.event(Delete, tt.props).With("PhysicalResourceId", r.PhysicalResourceID))
			assert.Equal(t, cfnresponse.StatusSuccess, del.Status)
			assert.Equal(t, r.PhysicalResourceID, del.PhysicalResourceID)
			assert.Empty(t, x.cog.Counts())
		})
	}
}

func TestCreateFailsInCognito(t *testing.T) {
	x := newHarness(t)
	x.cog.SetErr(fakecognito.CallCreate, errors.New("cognito-idp:CreateUserPoolClient: LimitExceededException: a Cognito quota is reached (at most 1,000 app clients per user pool)"))
	ev := x.event(Create, fixture.BasicProps())
	r := x.answer(ev)
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Contains(t, r.Reason, "1,000 app clients")
	assert.Contains(t, r.Reason, fixture.Pool)
	assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
}

// updateEvent is an Update of client id from old to desired properties.
func (x *harness) updateEvent(id string, old, desired props) event {
	return x.event(Update, desired).With("PhysicalResourceId", id).With("OldResourceProperties", old)
}

func TestUpdateInPlace(t *testing.T) {
	tests := map[string]struct {
		old, desired props
	}{
		"rename and add a callback": {
			old: fixture.BasicProps(),
			desired: fixture.BasicProps().With("ClientName", "web-client-v2").
				With("CallbackURLs", []string{"https://app.example.com/callback", "http://localhost:3000/cb"}),
		},
		"identical properties":        {old: fixture.BasicProps(), desired: fixture.BasicProps()},
		"remove optional properties":  {old: fixture.BasicProps(), desired: props{"UserPoolId": fixture.Pool, "ClientName": "web-client"}},
		"GenerateSecret false→absent": {old: fixture.BasicProps().With("GenerateSecret", "false"), desired: fixture.BasicProps()},
		"GenerateSecret absent→false": {old: fixture.BasicProps(), desired: fixture.BasicProps().With("GenerateSecret", "false")},
		"GenerateSecret true→true":    {old: fixture.BasicProps().With("GenerateSecret", "true"), desired: fixture.BasicProps().With("GenerateSecret", true)},
		"old properties in an older shape": {
			old:     fixture.BasicProps().With("CallbackUrls", []string{"x"}).With("RefreshTokenValidity", "1.5").With("Legacy", map[string]any{"a": 1}),
			desired: fixture.BasicProps(),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			old := x.cog.Seed(fixture.Decoded(t, tt.old.With("CallbackUrls", nil).With("RefreshTokenValidity", nil).With("Legacy", nil)), "web-client")
			r := x.answer(x.updateEvent(old.ID, tt.old, tt.desired))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, old.ID, r.PhysicalResourceID, "same ID")
			assert.Equal(t, map[string]int{fakecognito.CallUpdate: 1}, x.cog.Counts(), "exactly one Update, no Create, no Delete")

			up, ok := x.cog.LastUpdate()
			require.True(t, ok)
			assert.Equal(t, old.ID, up.ID)
			assert.Equal(t, fixture.Decoded(t, tt.desired), up.Props, "the whole desired configuration, never a patch")
			assert.Equal(t, tt.desired["ClientName"], up.Name)
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
			old: fixture.BasicProps(), desired: fixture.BasicProps().With("UserPoolId", fixture.OtherPool), pool: fixture.OtherPool,
		},
		"GenerateSecret added": {
			old: fixture.BasicProps(), desired: fixture.BasicProps().With("GenerateSecret", "true"), pool: fixture.Pool,
		},
		"GenerateSecret removed": {
			old: fixture.BasicProps().With("GenerateSecret", "true"), desired: fixture.BasicProps(), pool: fixture.Pool,
		},
		"GenerateSecret true→false": {
			old: fixture.BasicProps().With("GenerateSecret", "true"), desired: fixture.BasicProps().With("GenerateSecret", "false"), pool: fixture.Pool,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			old := x.cog.Seed(fixture.Decoded(t, tt.old), "web-client")
			r := x.answer(x.updateEvent(old.ID, tt.old, tt.desired))
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.NotEqual(t, old.ID, r.PhysicalResourceID, "a new ID")
			assert.Equal(t, map[string]int{fakecognito.CallCreate: 1}, x.cog.Counts(), "one Create; the old client is neither updated nor deleted")
			_, oldLeft := x.cog.Client(old.UserPoolID, old.ID)
			assert.True(t, oldLeft, "CloudFormation deletes the old client after the update")
			c, ok := x.cog.Client(tt.pool, r.PhysicalResourceID)
			require.True(t, ok)
			assert.Equal(t, fixture.Decoded(t, tt.desired), c.Props)
			assert.Equal(t, tt.pool, r.Data["UserPoolId"])
			assert.Equal(t, c.Secret != "", r.NoEcho)
			assert.Equal(t, c.Secret.Reveal(), r.Data["ClientSecret"])
		})
	}
}

func TestUpdateHealsVanishedClient(t *testing.T) {
	x := newHarness(t)
	const gone = "client9999vanished"
	r := x.answer(x.updateEvent(gone, fixture.BasicProps(), fixture.BasicProps().With("ClientName", "web-client-v2")))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotEqual(t, gone, r.PhysicalResourceID, "never re-use the old ID")
	assert.Equal(t, map[string]int{fakecognito.CallUpdate: 1, fakecognito.CallCreate: 1}, x.cog.Counts())
	c, ok := x.cog.Client(fixture.Pool, r.PhysicalResourceID)
	require.True(t, ok)
	assert.Equal(t, "web-client-v2", c.Name)
	assert.Equal(t, fixture.Decoded(t, fixture.BasicProps().With("ClientName", "web-client-v2")), c.Props)
	logs := x.logs.String()
	assert.Contains(t, logs, "no longer exists")
	assert.Contains(t, logs, gone)

	// CloudFormation's cleanup Delete of the vanished ID is a no-op.
	del := x.answer(x.event(Delete, fixture.BasicProps()).With("PhysicalResourceId", gone))
	assert.Equal(t, cfnresponse.StatusSuccess, del.Status)
	assert.Equal(t, []string{r.PhysicalResourceID}, x.cog.ClientIDs(), "the healed client stays")
}

func TestUpdateWhenTheNewClientCannotBeCreated(t *testing.T) {
	tests := map[string]struct {
		old, desired props
		seed         bool
	}{
		"replacement": {old: fixture.BasicProps(), desired: fixture.BasicProps().With("UserPoolId", fixture.OtherPool), seed: true},
		"heal":        {old: fixture.BasicProps(), desired: fixture.BasicProps()},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			id := "client9999vanished"
			if tt.seed {
				id = x.cog.Seed(fixture.Decoded(t, tt.old), "web-client").ID
			}
			x.cog.SetErr(fakecognito.CallCreate, errors.New("not authorized to call cognito-idp:CreateUserPoolClient (AccessDeniedException)"))
			r := x.answer(x.updateEvent(id, tt.old, tt.desired))
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Equal(t, id, r.PhysicalResourceID, "FAILED with the old ID")
			assert.Contains(t, r.Reason, "not authorized to call cognito-idp:CreateUserPoolClient")
			assert.Equal(t, 1, x.cog.Count(fakecognito.CallCreate))
			assert.Zero(t, x.cog.Count(fakecognito.CallDelete))
		})
	}
}

func TestUpdateFailsInCognito(t *testing.T) {
	x := newHarness(t)
	old := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
	x.cog.SetErr(fakecognito.CallUpdate, errors.New("cognito-idp:UpdateUserPoolClient: InvalidOAuthFlowException: bad flow"))
	r := x.answer(x.updateEvent(old.ID, fixture.BasicProps(), fixture.BasicProps().With("ClientName", "x")))
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Equal(t, old.ID, r.PhysicalResourceID)
	assert.Contains(t, r.Reason, "InvalidOAuthFlowException: bad flow")
	assert.Equal(t, map[string]int{fakecognito.CallUpdate: 1}, x.cog.Counts(), "no heal on an error other than not found")
}

func TestUpdateInvalidProperties(t *testing.T) {
	tests := map[string]props{
		"GenerateSecret yes": fixture.BasicProps().With("GenerateSecret", "yes"),
		"misspelled key":     fixture.BasicProps().With("LogoutUrls", []string{"https://a.example.com"}),
		"missing":            nil,
	}
	for name, desired := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			old := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
			r := x.answer(x.updateEvent(old.ID, fixture.BasicProps(), desired))
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			assert.Contains(t, r.Reason, "invalid properties")
			assert.Equal(t, old.ID, r.PhysicalResourceID, "the old ID is kept")
			assert.Empty(t, x.cog.Counts(), "no Cognito call")
		})
	}
}

func TestUpdateRollbackRestoresOldProperties(t *testing.T) {
	x := newHarness(t)
	a := fixture.BasicProps()
	b := fixture.BasicProps().With("ClientName", "web-client-v2").With("RefreshTokenValidity", "7").
		With("LogoutURLs", []string{"https://app.example.com/logout"})

	created := x.answer(x.event(Create, a))
	require.Equal(t, cfnresponse.StatusSuccess, created.Status, created.Reason)
	id := created.PhysicalResourceID

	updated := x.answer(x.updateEvent(id, a, b))
	require.Equal(t, cfnresponse.StatusSuccess, updated.Status, updated.Reason)
	c, _ := x.cog.Client(fixture.Pool, id)
	require.Equal(t, fixture.Decoded(t, b), c.Props)

	rolledBack := x.answer(x.updateEvent(id, b, a))
	require.Equal(t, cfnresponse.StatusSuccess, rolledBack.Status, rolledBack.Reason)
	assert.Equal(t, id, rolledBack.PhysicalResourceID)
	c, _ = x.cog.Client(fixture.Pool, id)
	assert.Equal(t, fixture.Decoded(t, a), c.Props, "the client ends exactly as the old properties say")
	assert.Equal(t, "web-client", c.Name)
	assert.Equal(t, map[string]int{fakecognito.CallCreate: 1, fakecognito.CallUpdate: 2}, x.cog.Counts())
}

func TestUpdateOfAResourceWithoutClient(t *testing.T) {
	x := newHarness(t)
	r := x.answer(x.updateEvent("create-failed:0f2c6a1e", fixture.BasicProps(), fixture.BasicProps()))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.True(t, userpoolclient.IsClientID(r.PhysicalResourceID))
	assert.Equal(t, map[string]int{fakecognito.CallCreate: 1}, x.cog.Counts(), "a marker is never passed to Update")
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
			props: fixture.BasicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{fakecognito.CallDelete: 1}, wantGone: true,
		},
		"client already gone": {
			physicalID: "client9999vanished", props: fixture.BasicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{fakecognito.CallDelete: 1},
		},
		"pool already gone": {
			physicalID: "client9999vanished", props: fixture.BasicProps().With("UserPoolId", "us-east-1_Gone"),
			wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{fakecognito.CallDelete: 1},
		},
		"failed-create marker": {
			physicalID: "create-failed:0f2c6a1e-3b7d", props: fixture.BasicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{},
		},
		"empty physical id": {
			omitID: true, props: fixture.BasicProps(), wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{},
		},
		"garbage physical id": {
			physicalID: "not a client id!", props: fixture.BasicProps(), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{},
		},
		"missing properties": {
			props: nil, wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{},
		},
		"bad pool": {
			props: fixture.BasicProps().With("UserPoolId", "bad pool"), wantStatus: cfnresponse.StatusSuccess,
			wantCalls: map[string]int{},
		},
		"properties in an older shape": {
			props: fixture.BasicProps().With("CallbackUrls", "x").With("GenerateSecret", "yes").
				With("RefreshTokenValidity", "1.5").With("Gone", map[string]any{"Deep": true}),
			wantStatus: cfnresponse.StatusSuccess, wantCalls: map[string]int{fakecognito.CallDelete: 1}, wantGone: true,
		},
		"not authorized": {
			props: fixture.BasicProps(), err: errors.New("not authorized to call cognito-idp:DeleteUserPoolClient (AccessDeniedException): denied"),
			wantStatus: cfnresponse.StatusFailed, wantCalls: map[string]int{fakecognito.CallDelete: 1},
			reason: "not authorized to call cognito-idp:DeleteUserPoolClient",
		},
		"throttled to the end": {
			props: fixture.BasicProps(), err: errors.New("cognito-idp:DeleteUserPoolClient gave up after 9 attempts before the deadline (throttled: TooManyRequestsException)"),
			wantStatus: cfnresponse.StatusFailed, wantCalls: map[string]int{fakecognito.CallDelete: 1}, reason: "throttled",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			seeded := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
			id := tt.physicalID
			if id == "" {
				id = seeded.ID
			}
			if tt.err != nil {
				x.cog.SetErr(fakecognito.CallDelete, tt.err)
			}
			ev := x.event(Delete, tt.props).With("PhysicalResourceId", id)
			if tt.omitID {
				ev = ev.With("PhysicalResourceId", nil)
			}
			r := x.answer(ev)
			assert.Equal(t, tt.wantStatus, r.Status, r.Reason)
			assert.Equal(t, tt.wantCalls, x.cog.Counts())
			if !tt.omitID {
				assert.Equal(t, id, r.PhysicalResourceID, "a Delete answers with the ID it was given")
			}
			if tt.reason != "" {
				assert.Contains(t, r.Reason, tt.reason)
			}
			_, left := x.cog.Client(fixture.Pool, seeded.ID)
			assert.Equal(t, !tt.wantGone, left)
			assert.Empty(t, r.Data)
		})
	}
}

func TestDeleteTwice(t *testing.T) {
	x := newHarness(t)
	c := x.cog.Seed(fixture.Decoded(t, fixture.BasicProps()), "web-client")
	first := x.event(Delete, fixture.BasicProps()).With("PhysicalResourceId", c.ID)

	assert.Equal(t, cfnresponse.StatusSuccess, x.answer(first).Status)
	assert.Equal(t, cfnresponse.StatusSuccess, x.answer(first).Status, "the same delivery again")
	assert.Equal(t, 1, x.cog.Count(fakecognito.CallDelete), "the duplicate is answered from the first answer")

	again := x.event(Delete, fixture.BasicProps()).With("PhysicalResourceId", c.ID)
	assert.Equal(t, cfnresponse.StatusSuccess, x.answer(again).Status, "a second Delete request")
	assert.Equal(t, 2, x.cog.Count(fakecognito.CallDelete))
	assert.Empty(t, x.cog.ClientIDs())
}
