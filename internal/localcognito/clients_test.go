package localcognito_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localcognito"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func describeOn(t *testing.T, idp *cip.Client, pool, id string) *types.UserPoolClientType {
	t.Helper()
	out, err := idp.DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	require.NoError(t, err)
	return out.UserPoolClient
}

// UpdateUserPoolClient resets what it omits to Cognito's default; moto alone merges.
func TestUpdateResetsOmittedFields(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	pool := r.pool(t)
	full := &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(pool), ClientName: aws.String("web"),
		CallbackURLs: []string{"https://example.com/cb"}, LogoutURLs: []string{"https://example.com/out"},
		DefaultRedirectURI: aws.String("https://example.com/cb"), AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeCode},
		AllowedOAuthScopes: []string{"openid"}, AllowedOAuthFlowsUserPoolClient: true,
		SupportedIdentityProviders: []string{"COGNITO"}, ExplicitAuthFlows: []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserSrpAuth},
		RefreshTokenValidity: 10, AccessTokenValidity: aws.Int32(2), IdTokenValidity: aws.Int32(3),
		TokenValidityUnits: &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeHours, IdToken: types.TimeUnitsTypeHours, RefreshToken: types.TimeUnitsTypeDays},
		ReadAttributes:     []string{"email"}, WriteAttributes: []string{"email"},
		PreventUserExistenceErrors: types.PreventUserExistenceErrorTypesEnabled, EnableTokenRevocation: aws.Bool(false),
		AuthSessionValidity:  aws.Int32(10),
		RefreshTokenRotation: &types.RefreshTokenRotationType{Feature: types.FeatureTypeEnabled, RetryGracePeriodSeconds: aws.Int32(30)},
	}
	ids := map[*cip.Client]string{}
	for _, idp := range []*cip.Client{r.idp, r.moto} {
		out, err := idp.CreateUserPoolClient(ctx, full)
		require.NoError(t, err)
		ids[idp] = aws.ToString(out.UserPoolClient.ClientId)
		_, err = idp.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: out.UserPoolClient.ClientId, ClientName: aws.String("renamed")})
		require.NoError(t, err)
	}
	// What a new client with only a name describes: Cognito's defaults.
	fresh, err := r.idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(pool), ClientName: aws.String("renamed")})
	require.NoError(t, err)
	want := blank(describeOn(t, r.idp, pool, aws.ToString(fresh.UserPoolClient.ClientId)))

	got := describeOn(t, r.idp, pool, ids[r.idp])
	assert.Equal(t, want, blank(got), "every omitted field is back to its default")
	assert.Nil(t, got.CallbackURLs)
	assert.Nil(t, got.RefreshTokenRotation)
	assert.Equal(t, int32(30), got.RefreshTokenValidity)
	assert.True(t, aws.ToBool(got.EnableTokenRevocation))

	merged := describeOn(t, r.moto, pool, ids[r.moto])
	assert.Equal(t, []string{"https://example.com/cb"}, merged.CallbackURLs, "moto alone merges: why the layer exists")
}

// Client IDs of a missing client are Cognito's ResourceNotFoundException on Update too.
func TestUpdateOfMissingClient(t *testing.T) {
	r := newRig(t)
	pool := r.pool(t)
	_, err := r.idp.UpdateUserPoolClient(context.Background(), &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String("nosuchclient"), ClientName: aws.String("x")})
	assert.Equal(t, "ResourceNotFoundException", apiCode(t, err))
}

// The test the fidelity issue asks for: the validator bypassed, the model's own SDK mapping
// sends Cognito a configuration it refuses, and the local Cognito answers Cognito's exception.
func TestCognitoRefusesWhatTheValidatorWouldStop(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	pool := r.pool(t)
	_, err := r.idp.CreateResourceServer(ctx, &cip.CreateResourceServerInput{UserPoolId: aws.String(pool), Identifier: aws.String("api"), Name: aws.String("api"),
		Scopes: []types.ResourceServerScopeType{{ScopeName: aws.String("read"), ScopeDescription: aws.String("read")}}})
	require.NoError(t, err)
	web := func(mod func(p *userpoolclient.Properties)) userpoolclient.Properties {
		p := userpoolclient.Properties{
			UserPoolId: pool, CallbackURLs: []string{"https://example.com/cb"},
			AllowedOAuthFlows: []userpoolclient.OAuthFlow{userpoolclient.OAuthCode}, AllowedOAuthScopes: []string{"openid"},
			AllowedOAuthFlowsUserPoolClient: true,
		}
		mod(&p)
		return p
	}
	tests := map[string]struct {
		p       userpoolclient.Properties
		code    string
		message string
		// poolState: only the pool knows (its resource servers and identity providers); the
		// validator cannot see it and passes the configuration.
		poolState bool
	}{
		"callback URL with a space": {
			p:    web(func(p *userpoolclient.Properties) { p.CallbackURLs = []string{"https://example.com/a b"} }),
			code: "InvalidParameterException", message: "at 'callbackURLs' failed to satisfy constraint",
		},
		"client_credentials without a secret": {
			p: web(func(p *userpoolclient.Properties) {
				p.AllowedOAuthFlows = []userpoolclient.OAuthFlow{userpoolclient.OAuthClientCredentials}
				p.AllowedOAuthScopes = []string{"api/read"}
			}),
			code: "InvalidOAuthFlowException", message: "client_credentials flow can not be selected if client does not have a client secret.",
		},
		"scope of a resource server that does not exist": {
			p:    web(func(p *userpoolclient.Properties) { p.AllowedOAuthScopes = []string{"openid", "billing/read"} }),
			code: "ScopeDoesNotExistException", message: "Invalid scope requested: billing/read", poolState: true,
		},
		"scope a resource server does not have": {
			p:    web(func(p *userpoolclient.Properties) { p.AllowedOAuthScopes = []string{"api/write"} }),
			code: "ScopeDoesNotExistException", message: "Invalid scope requested: api/write", poolState: true,
		},
		"identity provider that does not exist": {
			p:    web(func(p *userpoolclient.Properties) { p.SupportedIdentityProviders = []string{"COGNITO", "Google"} }),
			code: "InvalidParameterException", message: "The provider Google does not exist for User Pool " + pool + ".", poolState: true,
		},
		"http to a host": {
			p:    web(func(p *userpoolclient.Properties) { p.CallbackURLs = []string{"http://example.com/cb"} }),
			code: "InvalidParameterException", message: "HTTPS",
		},
		"fragment": {
			p:    web(func(p *userpoolclient.Properties) { p.CallbackURLs = []string{"https://example.com/cb#x"} }),
			code: "InvalidParameterException", message: "fragment",
		},
		"access token for 2 days": {
			p: web(func(p *userpoolclient.Properties) {
				p.AccessTokenValidity = 2
				p.TokenValidityUnits = &userpoolclient.TokenValidityUnits{AccessToken: userpoolclient.Days}
			}),
			code: "InvalidParameterException", message: "AccessTokenValidity",
		},
		"legacy and ALLOW_ flows": {
			p: web(func(p *userpoolclient.Properties) {
				p.ExplicitAuthFlows = []userpoolclient.AuthFlow{userpoolclient.UserPasswordAuth, userpoolclient.AllowUserSRPAuth}
			}),
			code: "InvalidParameterException", message: "legacy",
		},
		"OAuth on without flows": {
			p:    web(func(p *userpoolclient.Properties) { p.AllowedOAuthFlows = nil }),
			code: "InvalidParameterException", message: "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
		},
		"code flow without a callback URL": {
			p:    web(func(p *userpoolclient.Properties) { p.CallbackURLs = nil }),
			code: "InvalidOAuthFlowException", message: "CallbackUrls can not be empty when code flow or implicit flow is selected",
		},
		"client_credentials with openid": {
			p: web(func(p *userpoolclient.Properties) {
				p.GenerateSecret = true
				p.CallbackURLs = nil
				p.AllowedOAuthFlows = []userpoolclient.OAuthFlow{userpoolclient.OAuthClientCredentials}
				p.AllowedOAuthScopes = []string{"openid"}
			}),
			code: "InvalidOAuthFlowException", message: "openid is not supported with client_credentials flow",
		},
		"default redirect not a callback": {
			p:    web(func(p *userpoolclient.Properties) { p.DefaultRedirectURI = "https://example.com/other" }),
			code: "InvalidParameterException", message: "DefaultRedirectURI",
		},
		"context data without a secret": {
			p:    web(func(p *userpoolclient.Properties) { p.EnablePropagateAdditionalUserContextData = true }),
			code: "InvalidParameterException", message: "client secret",
		},
		"unknown enum value": {
			p: web(func(p *userpoolclient.Properties) {
				p.ExplicitAuthFlows = []userpoolclient.AuthFlow{"ALLOW_EVERYTHING"}
			}),
			code: "InvalidParameterException", message: "Member must satisfy enum value set",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if tc.poolState {
				require.NoError(t, tc.p.Validate(), "only Cognito can tell")
			} else {
				require.Error(t, tc.p.Validate(), "the validator stops this configuration too")
			}
			_, err := r.idp.CreateUserPoolClient(ctx, tc.p.CreateInput("refused"))
			assert.Equal(t, tc.code, apiCode(t, err))
			assert.Contains(t, err.Error(), tc.message)
		})
	}
	list, err := r.idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: aws.String(pool)})
	require.NoError(t, err)
	assert.Empty(t, list.UserPoolClients, "no refused configuration made a client")

	// The same configurations pass once they are right.
	ok := web(func(p *userpoolclient.Properties) {
		p.AllowedOAuthScopes = []string{"openid", "api/read"}
		p.CallbackURLs = []string{"myapp://"}
	})
	require.NoError(t, ok.Validate())
	_, err = r.idp.CreateUserPoolClient(ctx, ok.CreateInput("accepted"))
	require.NoError(t, err)
}

// Updates meet the same constraints; client_credentials is fine on a client with a secret.
func TestUpdateConstraints(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	pool := r.pool(t)
	_, err := r.idp.CreateResourceServer(ctx, &cip.CreateResourceServerInput{UserPoolId: aws.String(pool), Identifier: aws.String("api"), Name: aws.String("api"),
		Scopes: []types.ResourceServerScopeType{{ScopeName: aws.String("read"), ScopeDescription: aws.String("read")}}})
	require.NoError(t, err)
	public := aws.ToString(r.client(t, pool, false).UserPoolClient.ClientId)
	secret := aws.ToString(r.client(t, pool, true).UserPoolClient.ClientId)
	machine := func(id string) *cip.UpdateUserPoolClientInput {
		return &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String(id),
			AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeClientCredentials}, AllowedOAuthScopes: []string{"api/read"}, AllowedOAuthFlowsUserPoolClient: true}
	}
	_, err = r.idp.UpdateUserPoolClient(ctx, machine(public))
	assert.Equal(t, "InvalidOAuthFlowException", apiCode(t, err))
	_, err = r.idp.UpdateUserPoolClient(ctx, machine(secret))
	require.NoError(t, err)
}

// LimitExceededException once the pool holds its quota of clients (lowered here from
// Cognito's 1,000 so the test is quick; the check is the same).
func TestClientQuota(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	l, err := localcognito.Start(moto.BackendURL(), localcognito.Options{MaxClients: 3})
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	idp := cognito(l.URL())
	pool := r.pool(t)
	for i := 0; i < 3; i++ {
		_, err := idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(pool), ClientName: aws.String("c")})
		require.NoError(t, err)
	}
	_, err = idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(pool), ClientName: aws.String("c")})
	assert.Equal(t, "LimitExceededException", apiCode(t, err))
	assert.True(t, strings.Contains(err.Error(), "limit of 3 app clients"), err.Error())
}

// "PreventUserExistenceErrors ... Defaults to LEGACY": a client made without it describes
// LEGACY; moto alone leaves it unset.
func TestPreventUserExistenceErrorsDefaultsToLegacy(t *testing.T) {
	r := newRig(t)
	pool := r.pool(t)
	for idp, want := range map[*cip.Client]types.PreventUserExistenceErrorTypes{r.idp: types.PreventUserExistenceErrorTypesLegacy, r.moto: ""} {
		out, err := idp.CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{UserPoolId: aws.String(pool), ClientName: aws.String("c")})
		require.NoError(t, err)
		assert.Equal(t, want, describeOn(t, idp, pool, aws.ToString(out.UserPoolClient.ClientId)).PreventUserExistenceErrors)
	}
}
