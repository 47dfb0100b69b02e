package provider

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func (x *harness) lookupEvent(requestType string, p props) event {
	return x.event(requestType, p).with("ResourceType", LookupResourceType)
}

func TestLookup(t *testing.T) {
	tests := map[string]struct {
		requestType string
		props       func(c Client) props
		wantCalls   map[string]int
	}{
		"create by ClientId": {
			requestType: Create,
			props:       func(c Client) props { return props{"UserPoolId": testPool, "ClientId": c.ID} },
			wantCalls:   map[string]int{mDescribe: 1},
		},
		"create by unique ClientName": {
			requestType: Create,
			props:       func(Client) props { return props{"UserPoolId": testPool, "ClientName": "shared-client"} },
			wantCalls:   map[string]int{mFindByName: 1, mDescribe: 1},
		},
		"update by ClientId": {
			requestType: Update,
			props: func(c Client) props {
				return props{"ServiceToken": "arn:aws:lambda:x", "UserPoolId": testPool, "ClientId": c.ID}
			},
			wantCalls: map[string]int{mDescribe: 1},
		},
		"update by ClientName": {
			requestType: Update,
			props:       func(Client) props { return props{"UserPoolId": testPool, "ClientName": "shared-client"} },
			wantCalls:   map[string]int{mFindByName: 1, mDescribe: 1},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			x.cog.seed(decoded(t, props{"UserPoolId": testPool}), "other-client")
			c := x.cog.seed(decoded(t, props{"UserPoolId": testPool, "GenerateSecret": "true"}), "shared-client")
			ev := x.lookupEvent(tt.requestType, tt.props(c))
			if tt.requestType == Update {
				ev = ev.with("PhysicalResourceId", "client0000previous").with("OldResourceProperties", props{"UserPoolId": testPool, "ClientId": "client0000previous"})
			}
			r := x.answer(ev)
			require.Equal(t, cfnresponse.StatusSuccess, r.Status, r.Reason)
			assert.Equal(t, c.ID, r.PhysicalResourceID)
			assert.Equal(t, map[string]string{
				"ClientId": c.ID, "Name": "shared-client", "UserPoolId": testPool, "ClientSecret": c.Secret.Reveal(),
			}, r.Data, "the same outputs as Custom::UserPoolClient")
			assert.True(t, r.NoEcho, "the secret is masked")
			assert.Equal(t, tt.wantCalls, x.cog.counts(), "a lookup changes nothing")
			assert.Len(t, x.cog.clientIDs(), 2)
		})
	}
}

func TestLookupWithoutSecretHasNoNoEcho(t *testing.T) {
	x := newHarness(t)
	c := x.cog.seed(decoded(t, props{"UserPoolId": testPool}), "public-client")
	r := x.answer(x.lookupEvent(Create, props{"UserPoolId": testPool, "ClientId": c.ID}))
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
			props: props{"UserPoolId": testPool, "ClientName": "shared-client"}, seedNames: []string{"other"},
			want: []string{"ClientName", "0 clients", "shared-client"}, wantCalls: map[string]int{mFindByName: 1},
		},
		"two clients with the name": {
			props: props{"UserPoolId": testPool, "ClientName": "shared-client"}, seedNames: []string{"shared-client", "shared-client"},
			want: []string{"ClientName", "2 clients", "shared-client"}, wantCalls: map[string]int{mFindByName: 1},
		},
		"unknown ClientId": {
			props: props{"UserPoolId": testPool, "ClientId": "client9999unknown"},
			want:  []string{"client9999unknown", "not found"}, wantCalls: map[string]int{mDescribe: 1},
		},
		"not authorized": {
			props: props{"UserPoolId": testPool, "ClientId": "client9999unknown"}, describeErr: errors.New("not authorized to call cognito-idp:DescribeUserPoolClient"),
			want: []string{"not authorized to call cognito-idp:DescribeUserPoolClient"}, wantCalls: map[string]int{mDescribe: 1},
		},
		"no UserPoolId": {
			props: props{"ClientId": "abc"}, want: []string{"UserPoolId", "required"}, wantCalls: map[string]int{},
		},
		"ClientId and ClientName": {
			props: props{"UserPoolId": testPool, "ClientId": "abc", "ClientName": "n"},
			want:  []string{"ClientName", "cannot be combined"}, wantCalls: map[string]int{},
		},
		"neither ClientId nor ClientName": {
			props: props{"UserPoolId": testPool}, want: []string{"ClientId", "required"}, wantCalls: map[string]int{},
		},
		"misspelled key": {
			props: props{"UserPoolId": testPool, "ClientID": "abc"}, want: []string{"ClientID", "did you mean ClientId"},
			wantCalls: map[string]int{},
		},
		"missing properties": {props: nil, want: []string{"UserPoolId"}, wantCalls: map[string]int{}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			for _, n := range tt.seedNames {
				x.cog.seed(decoded(t, props{"UserPoolId": testPool}), n)
			}
			if tt.describeErr != nil {
				x.cog.setErr(mDescribe, tt.describeErr)
			}
			ev := x.lookupEvent(Create, tt.props)
			r := x.answer(ev)
			assert.Equal(t, cfnresponse.StatusFailed, r.Status)
			for _, w := range tt.want {
				assert.Contains(t, r.Reason, w)
			}
			assert.False(t, userpoolclient.IsClientID(r.PhysicalResourceID), "a failed lookup Create names no client")
			assert.Equal(t, tt.wantCalls, x.cog.counts())
		})
	}
}

func TestLookupUpdateFailureKeepsID(t *testing.T) {
	x := newHarness(t)
	ev := x.lookupEvent(Update, props{"UserPoolId": testPool, "ClientName": "nobody"}).with("PhysicalResourceId", "client0000previous")
	r := x.answer(ev)
	assert.Equal(t, cfnresponse.StatusFailed, r.Status)
	assert.Equal(t, "client0000previous", r.PhysicalResourceID)
}

func TestLookupDeleteChangesNothing(t *testing.T) {
	tests := map[string]struct {
		physicalID string
		props      props
	}{
		"looked-up client": {physicalID: "", props: props{"UserPoolId": testPool, "ClientName": "shared-client"}},
		"failed lookup":    {physicalID: "create-failed:0f2c6a1e", props: props{"UserPoolId": testPool, "ClientName": "x"}},
		"no properties":    {physicalID: "", props: nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			x := newHarness(t)
			c := x.cog.seed(decoded(t, props{"UserPoolId": testPool}), "shared-client")
			id := tt.physicalID
			if id == "" {
				id = c.ID
			}
			r := x.answer(x.lookupEvent(Delete, tt.props).with("PhysicalResourceId", id))
			assert.Equal(t, cfnresponse.StatusSuccess, r.Status)
			assert.Equal(t, id, r.PhysicalResourceID)
			assert.Empty(t, x.cog.counts(), "no Cognito call")
			assert.Equal(t, []string{c.ID}, x.cog.clientIDs(), "the client is not deleted")
		})
	}
}
