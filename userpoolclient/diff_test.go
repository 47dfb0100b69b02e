package userpoolclient

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequiresReplacement(t *testing.T) {
	decode := func(members ...string) Properties {
		t.Helper()
		p, err := Decode(obj(members...))
		require.NoError(t, err)
		return p
	}
	tests := map[string]struct {
		old, desired Properties
		want         bool
	}{
		"identical": {props(nil), props(nil), false},
		"UserPoolId changed": {
			props(nil), Properties{UserPoolId: "us-east-1_Other"}, true,
		},
		"secret added": {
			props(nil), props(func(p *Properties) { p.GenerateSecret = true }), true,
		},
		"secret removed": {
			props(func(p *Properties) { p.GenerateSecret = true }), props(nil), true,
		},
		`"false" vs absent is not a change`: {
			decode(`"GenerateSecret":"false"`), decode(), false,
		},
		`"true" vs true is not a change`: {
			decode(`"GenerateSecret":"true"`), decode(`"GenerateSecret":true`), false,
		},
		"ClientName is in place": {
			props(func(p *Properties) { p.ClientName = "a" }), props(func(p *Properties) { p.ClientName = "b" }), false,
		},
		"everything else is in place": {
			fullProps(), props(func(p *Properties) { p.GenerateSecret = true }), false,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, RequiresReplacement(tc.old, tc.desired))
		})
	}
}

func TestDiff(t *testing.T) {
	tests := map[string]struct {
		old, desired Properties
		want         []string
	}{
		"identical": {fullProps(), fullProps(), nil},
		"list order is ignored": {
			props(func(p *Properties) {
				p.CallbackURLs = []string{"https://a.example.com/cb", "https://b.example.com/cb"}
				p.ExplicitAuthFlows = []AuthFlow{AllowUserSRPAuth, AllowCustomAuth}
				p.AllowedOAuthScopes = []string{"openid", "email"}
			}),
			props(func(p *Properties) {
				p.CallbackURLs = []string{"https://b.example.com/cb", "https://a.example.com/cb"}
				p.ExplicitAuthFlows = []AuthFlow{AllowCustomAuth, AllowUserSRPAuth}
				p.AllowedOAuthScopes = []string{"email", "openid"}
			}),
			nil,
		},
		"empty list equals absent": {
			props(func(p *Properties) { p.LogoutURLs = []string{} }), props(nil), nil,
		},
		"absent revocation equals true": {
			props(nil), props(func(p *Properties) { p.EnableTokenRevocation = Bool(true) }), nil,
		},
		"revocation turned off": {
			props(nil), props(func(p *Properties) { p.EnableTokenRevocation = Bool(false) }), []string{"EnableTokenRevocation"},
		},
		"changed names in declaration order": {
			props(func(p *Properties) { p.ClientName = "a"; p.CallbackURLs = []string{"https://a.example.com/cb"} }),
			props(func(p *Properties) { p.ClientName = "b"; p.AuthSessionValidity = 5 }),
			[]string{"ClientName", "CallbackURLs", "AuthSessionValidity"},
		},
		"a list item added": {
			props(func(p *Properties) { p.ReadAttributes = []string{"email"} }),
			props(func(p *Properties) { p.ReadAttributes = []string{"email", "name"} }),
			[]string{"ReadAttributes"},
		},
		"nested value": {
			props(func(p *Properties) { p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationEnabled} }),
			props(func(p *Properties) { p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationDisabled} }),
			[]string{"RefreshTokenRotation"},
		},
		"replacement properties are named too": {
			props(nil), Properties{UserPoolId: "us-east-1_Other", GenerateSecret: true},
			[]string{"UserPoolId", "GenerateSecret"},
		},
		"everything removed": {
			fullProps(), props(func(p *Properties) { p.GenerateSecret = true }),
			[]string{"ClientName", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "TokenValidityUnits",
				"ReadAttributes", "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders", "CallbackURLs",
				"LogoutURLs", "DefaultRedirectURI", "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
				"AnalyticsConfiguration", "PreventUserExistenceErrors", "EnableTokenRevocation",
				"EnablePropagateAdditionalUserContextData", "AuthSessionValidity", "RefreshTokenRotation",
				"SecretsManagerSecretId", "SecretSerial", "ExistingClientId"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, Diff(tc.old, tc.desired))
		})
	}
}

func TestDiffLeavesItsArgumentsAlone(t *testing.T) {
	old := props(func(p *Properties) { p.CallbackURLs = []string{"https://b.example.com/cb", "https://a.example.com/cb"} })
	desired := props(func(p *Properties) { p.CallbackURLs = []string{"https://c.example.com/cb", "https://a.example.com/cb"} })
	assert.Equal(t, []string{"CallbackURLs"}, Diff(old, desired))
	assert.Equal(t, []string{"https://b.example.com/cb", "https://a.example.com/cb"}, old.CallbackURLs)
	assert.Equal(t, []string{"https://c.example.com/cb", "https://a.example.com/cb"}, desired.CallbackURLs)
	assert.Nil(t, old.EnableTokenRevocation)
}

func TestDecodeLenient(t *testing.T) {
	tests := map[string]struct {
		raw  string
		want Properties
	}{
		"unknown keys and bad types are dropped": {
			raw: `{"UserPoolId":"` + poolID + `","GenerateSecret":"true","Bogus":1,"RefreshTokenValidity":"abc",` +
				`"CallbackURLs":"https://x","ClientName":"web","TokenValidityUnits":{"Weeks":"1","AccessToken":"minutes"}}`,
			want: Properties{UserPoolId: poolID, GenerateSecret: true, ClientName: "web", TokenValidityUnits: &TokenValidityUnits{AccessToken: Minutes}},
		},
		"native types": {
			raw:  `{"UserPoolId":"` + poolID + `","GenerateSecret":true,"AuthSessionValidity":5}`,
			want: Properties{UserPoolId: poolID, GenerateSecret: true, AuthSessionValidity: 5},
		},
		"invalid values are kept: the old state is what it is": {
			raw:  `{"UserPoolId":"` + poolID + `","AuthSessionValidity":"99","ClientName":"a/b"}`,
			want: Properties{UserPoolId: poolID, AuthSessionValidity: 99, ClientName: "a/b"},
		},
		"missing UserPoolId": {raw: `{"GenerateSecret":"true"}`, want: Properties{GenerateSecret: true}},
		"not JSON":           {raw: `{"UserPoolId":`, want: Properties{}},
		"not an object":      {raw: `["x"]`, want: Properties{}},
		"empty":              {raw: ``, want: Properties{}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, DecodeLenient([]byte(tc.raw)))
		})
	}
}
