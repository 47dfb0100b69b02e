package userpoolclient

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakesdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// described is the client Cognito would describe after UpdateUserPoolClient with p's input.
func described(p Properties, name string) *types.UserPoolClientType {
	c := fakesdk.Described(p.UpdateInput("1example23456789", name))
	if p.GenerateSecret {
		c.ClientSecret = aws.String("s3cr3t")
	}
	return c
}

func TestDifferencesNone(t *testing.T) {
	// What Cognito reports for a client made with nothing but a pool and a name.
	defaults := &types.UserPoolClientType{
		ClientId: aws.String("1example23456789"), UserPoolId: aws.String(poolID), ClientName: aws.String("legacy-app"),
		RefreshTokenValidity: 30, AccessTokenValidity: aws.Int32(60), IdTokenValidity: aws.Int32(60),
		TokenValidityUnits:              &types.TokenValidityUnitsType{AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days"},
		ExplicitAuthFlows:               []types.ExplicitAuthFlowsType{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"},
		AllowedOAuthFlowsUserPoolClient: aws.Bool(false), EnableTokenRevocation: aws.Bool(true),
		PreventUserExistenceErrors: "LEGACY", AuthSessionValidity: aws.Int32(3),
	}
	reordered := fullProps()
	reordered.ClientName = "web"
	c := described(reordered, "web")
	slicesReverse(c.CallbackURLs)
	slicesReverse(c.AllowedOAuthScopes)
	slicesReverse(c.ExplicitAuthFlows)

	tests := map[string]struct {
		p Properties
		c *types.UserPoolClientType
	}{
		"every property, lists in another order":                                      {reordered, c},
		"absent properties are Cognito's defaults; absent ClientName is the client's": {props(nil), defaults},
		"60 minutes is 1 hour": {props(func(p *Properties) { p.AccessTokenValidity = 1 }), defaults},
		"a client with a secret the template does not ask for": {props(nil), func() *types.UserPoolClientType {
			d := *defaults
			d.ClientSecret = aws.String("x")
			return &d
		}()},
		"nothing described but the ID": {props(nil), &types.UserPoolClientType{ClientId: aws.String("1example23456789")}},
		"a project given by ARN, described with its ID and role too": {fullProps(), func() *types.UserPoolClientType {
			c := described(fullProps(), "not-used-by-the-mapping")
			a := *c.AnalyticsConfiguration
			a.ApplicationId, a.RoleArn = aws.String("0123456789abcdef0123456789abcdef"), aws.String("arn:aws:iam::123456789012:role/x")
			c.AnalyticsConfiguration = &a
			return c
		}()},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, tc.p.Differences(tc.c))
		})
	}
}

func slicesReverse[S ~[]E, E any](s S) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func TestDifferencesListed(t *testing.T) {
	client := described(props(func(p *Properties) {
		p.CallbackURLs = []string{"https://app.example.com/callback/with/a/path/longer/than/forty/characters/a"}
		p.ExplicitAuthFlows = []AuthFlow{AllowUserPasswordAuth}
		p.RefreshTokenValidity = 10
	}), "legacy-app")
	p := props(func(p *Properties) {
		p.ClientName = "web"
		p.GenerateSecret = true
		p.CallbackURLs = []string{"https://app.example.com/callback/with/a/path/longer/than/forty/characters/b"}
	})
	got := p.Differences(client)
	want := []string{
		`GenerateSecret: template true, client false (the client has no secret)`,
		`ClientName: template "web", client "legacy-app"`,
		`RefreshTokenValidity: template 30 days, client 10 days`,
		`ExplicitAuthFlows: template [ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH], client [ALLOW_USER_PASSWORD_AUTH]`,
		`CallbackURLs: template [https://app.example.com/callback/with/a/path/longer/than/forty/characters/b], client [https://app.example.com/callback/with/a/path/longer/than/forty/characters/a]`,
	}
	var lines []string
	for _, d := range got {
		lines = append(lines, d.String())
	}
	assert.Equal(t, want, lines)

	err := AdoptionError(got)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), `GenerateSecret: template true, client false`), err.Error())
	assert.Contains(t, err.Error(), `; ClientName: template "web", client "legacy-app"; `)
}

// Every property the UpdateUserPoolClient input carries is compared: changing any one of
// them on the client side is one difference, named after the property.
func TestDifferencesCoverEveryProperty(t *testing.T) {
	base := fullProps()
	base.ClientName = "web"
	mutations := map[string]func(c *types.UserPoolClientType){
		"UserPoolId":                 func(c *types.UserPoolClientType) { c.UserPoolId = aws.String("us-east-1_Other") },
		"ClientName":                 func(c *types.UserPoolClientType) { c.ClientName = aws.String("other") },
		"RefreshTokenValidity":       func(c *types.UserPoolClientType) { c.RefreshTokenValidity++ },
		"AccessTokenValidity":        func(c *types.UserPoolClientType) { c.AccessTokenValidity = aws.Int32(61) },
		"IdTokenValidity":            func(c *types.UserPoolClientType) { c.TokenValidityUnits.IdToken = "hours" },
		"ReadAttributes":             func(c *types.UserPoolClientType) { c.ReadAttributes = c.ReadAttributes[:1] },
		"WriteAttributes":            func(c *types.UserPoolClientType) { c.WriteAttributes = nil },
		"ExplicitAuthFlows":          func(c *types.UserPoolClientType) { c.ExplicitAuthFlows = c.ExplicitAuthFlows[:1] },
		"SupportedIdentityProviders": func(c *types.UserPoolClientType) { c.SupportedIdentityProviders = []string{"COGNITO"} },
		"CallbackURLs":               func(c *types.UserPoolClientType) { c.CallbackURLs = append(c.CallbackURLs, "https://x.example/cb") },
		"LogoutURLs":                 func(c *types.UserPoolClientType) { c.LogoutURLs = nil },
		"DefaultRedirectURI":         func(c *types.UserPoolClientType) { c.DefaultRedirectURI = aws.String("myapp://callback") },
		"AllowedOAuthFlows":          func(c *types.UserPoolClientType) { c.AllowedOAuthFlows = c.AllowedOAuthFlows[:1] },
		"AllowedOAuthScopes":         func(c *types.UserPoolClientType) { c.AllowedOAuthScopes = c.AllowedOAuthScopes[1:] },
		"AllowedOAuthFlowsUserPoolClient": func(c *types.UserPoolClientType) {
			c.AllowedOAuthFlowsUserPoolClient = aws.Bool(false)
		},
		"AnalyticsConfiguration": func(c *types.UserPoolClientType) {
			a := *c.AnalyticsConfiguration
			a.UserDataShared = false
			c.AnalyticsConfiguration = &a
		},
		"PreventUserExistenceErrors": func(c *types.UserPoolClientType) { c.PreventUserExistenceErrors = "LEGACY" },
		"EnableTokenRevocation":      func(c *types.UserPoolClientType) { c.EnableTokenRevocation = aws.Bool(true) },
		"EnablePropagateAdditionalUserContextData": func(c *types.UserPoolClientType) {
			c.EnablePropagateAdditionalUserContextData = nil
		},
		"AuthSessionValidity":  func(c *types.UserPoolClientType) { c.AuthSessionValidity = nil },
		"RefreshTokenRotation": func(c *types.UserPoolClientType) { c.RefreshTokenRotation.RetryGracePeriodSeconds = aws.Int32(11) },
		"GenerateSecret":       func(c *types.UserPoolClientType) { c.ClientSecret = nil },
	}
	for prop, mutate := range mutations {
		t.Run(prop, func(t *testing.T) {
			c := described(base, "web")
			require.Empty(t, base.Differences(c))
			mutate(c)
			got := base.Differences(c)
			require.Len(t, got, 1, "%v", got)
			assert.Equal(t, prop, got[0].Property)
		})
	}
}

func TestDifferencesInAnalytics(t *testing.T) {
	byID := props(func(p *Properties) {
		p.AnalyticsConfiguration = &AnalyticsConfiguration{ApplicationId: "0123456789abcdef", ExternalId: "e", RoleArn: "arn:aws:iam::123456789012:role/pinpoint"}
	})
	c := described(byID, "n")
	c.ClientName = aws.String("n")
	require.Empty(t, byID.Differences(c))
	c.AnalyticsConfiguration.RoleArn = aws.String("arn:aws:iam::123456789012:role/other")
	got := byID.Differences(c)
	require.Len(t, got, 1)
	assert.Equal(t, `AnalyticsConfiguration: template {ApplicationId: "0123456789abcdef", ExternalId: "e", RoleArn: "arn:aws:iam::123456789012:role/pinpoint", UserDataShared: false}, client {ApplicationId: "0123456789abcdef", ExternalId: "e", RoleArn: "arn:aws:iam::123456789012:role/other", UserDataShared: false}`, got[0].String())

	c.AnalyticsConfiguration = nil
	got = byID.Differences(c)
	require.Len(t, got, 1)
	assert.Contains(t, got[0].String(), "client none")

	none := props(nil)
	c = described(byID, "n")
	got = none.Differences(c)
	require.Len(t, got, 1, "a client that publishes to Pinpoint differs from a template that does not")
	assert.Contains(t, got[0].String(), "AnalyticsConfiguration: template none, client {ApplicationArn: none, ApplicationId:")
}
