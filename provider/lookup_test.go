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

func (x *harness) lookupEvent(requestType string, p props) event {
	return x.event(requestType, p).With("ResourceType", LookupResourceType)
}

func TestLookup(t *testing.T) {
	tests := map[string]struct {
		requestType string
		props       func(c Client) props
		wantCalls   map[string]int
	}{
		"create by ClientId": {
			requestType: Create,
			props:       func(c Client) props { return props{"UserPoolId": fixture.Pool, "ClientId": c.ID} },
			wantCalls:   map[string]int{fakecognito.CallDescribe: 1, fakecognito.CallListSecrets: 1},
		},
		"create by unique ClientName": {
			requestType: Create,
			props:       func(Client) props { return props{"UserPoolId": fixture.Pool, "ClientName": "shared-client"} },
			wantCalls:   map[string]int{fakecognito.CallFindByName: 1, fakecognito.CallDescribe: 1, fakecognito.CallListSecrets: 1},
		},
		"update by ClientId": {
			requestType: Update,
			props: func(c Client) props {
				return props{"ServiceToken": "arn:aws:lambda:x", "UserPoolId": fixture.Pool, "ClientId": c.ID}
			},
			wantCalls: map[string]int{fakecognito.CallDescribe: 1, fakecognito.CallListSecrets: 1},
		},
		"update by ClientName": {
			requestType: Update,
			props:       func(Client) props { return props{"UserPoolId": fixture.Pool, "ClientName": "shared-client"} },
			wantCalls:   map[string]int{fakecognito.CallFindByName: 1, fakecognito.CallDescribe: 1, fakecognito.CallListSecrets: 1},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			x.cog.Seed(fixture.Decoded(t, props{"UserPoolId": fixture.Pool}), "other-client")
			c := x.cog.Seed(fixture.Decoded(t, props{"UserPoolId": fixture.Pool, "GenerateSecret": "true"}), "shared-client")
			ev := x.lookupEvent(tt.requestType, tt.props(c))
			if tt.requestType == Update {
				ev = ev.With("PhysicalResourceId", "client0000previous").With("OldResourceProperties", props{"UserPoolId": fixture.Pool, "ClientId": "client0000previous"})
			}
			r := x.answer(ev)
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, c.ID, r.PhysicalResourceID)
			assert.Equal(t, map[string]string{
				"ClientId": c.ID, "Name": "shared-client", "UserPoolId": fixture.Pool, "ClientSecret": c.Secret.Reveal(),
			}, r.Data, "the same outputs as Custom::UserPoolClient")
			assert.True(t, r.NoEcho, "the secret is masked")
			assert.Equal(t, tt.wantCalls, x.cog.Counts(), "a lookup changes nothing")
			assert.Len(t, x.cog.ClientIDs(), 2)
		})
	}
}

// A client with two active secrets (rotated): which one Describe shows is undocumented, so
// the lookup returns none.
func TestLookupTwoSecretsNoClientSecret(t *testing.T) {
	x := newHarness(t)
	c := x.cog.Seed(fixture.Decoded(t, props{"UserPoolId": fixture.Pool, "GenerateSecret": "true"}), "rotated-client")
	_, err := x.cog.AddClientSecret(t.Context(), fixture.Pool, c.ID)
	require.NoError(t, err)
	r := x.answer(x.lookupEvent(Create, props{"UserPoolId": fixture.Pool, "ClientId": c.ID}))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotContains(t, r.Data, "ClientSecret")
	assert.False(t, r.NoEcho)
}

func TestLookupWithoutSecretHasNoNoEcho(t *testing.T) {
	x := newHarness(t)
	c := x.cog.Seed(fixture.Decoded(t, props{"UserPoolId": fixture.Pool}), "public-client")
	r := x.answer(x.lookupEvent(Create, props{"UserPoolId": fixture.Pool, "ClientId": c.ID}))
	require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
	assert.NotContains(t, r.Data, "ClientSecret")
	assert.False(t, r.NoEcho)
}

func TestLookupFails(t *testing.T) {
	tests := map[string]struct {
		props       props
		seedNames   []string
		describeErr error
		want        []string
		wantCalls   map[string]int
	}{
		"no client with the name": {
			props: props{"UserPoolId": fixture.Pool, "ClientName": "shared-client"}, seedNames: []string{"other"},
			want: []string{"ClientName", "0 clients", "shared-client"}, wantCalls: map[string]int{fakecognito.CallFindByName: 1},
		},
		"two clients with the name": {
			props: props{"UserPoolId": fixture.Pool, "ClientName": "shared-client"}, seedNames: []string{"shared-client", "shared-client"},
			want: []string{"ClientName", "2 clients", "shared-client"}, wantCalls: map[string]int{fakecognito.CallFindByName: 1},
		},
		"unknown ClientId": {
			props: props{"UserPoolId": fixture.Pool, "ClientId": "client9999unknown"},
			want:  []string{"client9999unknown", "not found"}, wantCalls: map[string]int{fakecognito.CallDescribe: 1},
		},
		"not authorized": {
			props: props{"UserPoolId": fixture.Pool, "ClientId": "client9999unknown"}, describeErr: errors.New("not authorized to call cognito-idp:DescribeUserPoolClient"),
			want: []string{"not authorized to call cognito-idp:DescribeUserPoolClient"}, wantCalls: map[string]int{fakecognito.CallDescribe: 1},
		},
		"no UserPoolId": {
			props: props{"ClientId": "abc"}, want: []string{"UserPoolId", "required"}, wantCalls: map[string]int{},
		},
		"ClientId and ClientName": {
			props: props{"UserPoolId": fixture.Pool, "ClientId": "abc", "ClientName": "n"},
			want:  []string{"ClientName", "cannot be combined"}, wantCalls: map[string]int{},
		},
		"neither ClientId nor ClientName": {
			props: props{"UserPoolId": fixture.Pool}, want: []string{"ClientId", "required"}, wantCalls: map[string]int{},
		},
		"misspelled key": {
			props: props{"UserPoolId": fixture.Pool, "ClientID": "abc"}, want: []string{"ClientID", "did you mean ClientId"},
			wantCalls: map[string]int{},
		},
		"missing properties": {props: nil, want: []string{"UserPoolId"}, wantCalls: map[string]int{}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			for _, n := range tt.seedNames {
				x.cog.Seed(fixture.Decoded(t, props{"UserPoolId": fixture.Pool}), n)
			}
			if tt.describeErr != nil {
				x.cog.SetErr(fakecognito.CallDescribe, tt.describeErr)
			}
			ev := x.lookupEvent(Create, tt.props)
			r := x.answer(ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			for _, w := range tt.want {
				assert.Contains(t, r.Reason, w)
			}
			assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID), "a failed lookup Create names no client")
			assert.Equal(t, tt.wantCalls, x.cog.Counts())
		})
	}
}

func TestLookupUpdateFailureKeepsID(t *testing.T) {
	x := newHarness(t)
	ev := x.lookupEvent(Update, props{"UserPoolId": fixture.Pool, "ClientName": "nobody"}).With("PhysicalResourceId", "client0000previous")
	r := x.answer(ev)
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Equal(t, "client0000previous", r.PhysicalResourceID)
}

func TestLookupDeleteChangesNothing(t *testing.T) {
	tests := map[string]struct {
		physicalID string
		props      props
	}{
		"looked-up client": {physicalID: "", props: props{"UserPoolId": fixture.Pool, "ClientName": "shared-client"}},
		"failed lookup":    {physicalID: "create-failed:0f2c6a1e", props: props{"UserPoolId": fixture.Pool, "ClientName": "x"}},
		"no properties":    {physicalID: "", props: nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			c := x.cog.Seed(fixture.Decoded(t, props{"UserPoolId": fixture.Pool}), "shared-client")
			id := tt.physicalID
			if id == "" {
				id = c.ID
			}
			r := x.answer(x.lookupEvent(Delete, tt.props).With("PhysicalResourceId", id))
			assert.Equal(t, cfnresponse.StatusSuccess, r.Status)
			assert.Equal(t, id, r.PhysicalResourceID)
			assert.Empty(t, x.cog.Counts(), "no Cognito call")
			assert.Equal(t, []string{c.ID}, x.cog.ClientIDs(), "the client is not deleted")
		})
	}
}
