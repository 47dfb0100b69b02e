package userpoolclient

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fullProps sets every property, each to a non-default value.
func fullProps() Properties {
	return Properties{
		UserPoolId:           poolID,
		ClientName:           "not-used-by-the-mapping",
		GenerateSecret:       true,
		RefreshTokenValidity: 30,
		AccessTokenValidity:  60,
		IdTokenValidity:      90,
		TokenValidityUnits: &TokenValidityUnits{
			AccessToken: Minutes, IdToken: Minutes, RefreshToken: Days,
		},
		ReadAttributes:             []string{"email", "name"},
		WriteAttributes:            []string{"name"},
		ExplicitAuthFlows:          []AuthFlow{AllowUserSRPAuth, AllowCustomAuth},
		SupportedIdentityProviders: []string{"COGNITO", "Google"},
		CallbackURLs:               []string{"https://app.example.com/cb", "myapp://callback"},
		LogoutURLs:                 []string{"https://app.example.com/logout"},
		DefaultRedirectURI:         "https://app.example.com/cb",
		AllowedOAuthFlows:          []OAuthFlow{OAuthCode, OAuthImplicit},
		AllowedOAuthScopes:         []string{"openid", "email", "api/read"},

		AllowedOAuthFlowsUserPoolClient: true,
		AnalyticsConfiguration: &AnalyticsConfiguration{
			ApplicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef",
			UserDataShared: true,
		},
		PreventUserExistenceErrors:               PreventUserExistenceErrorsEnabled,
		EnableTokenRevocation:                    Bool(false),
		EnablePropagateAdditionalUserContextData: true,
		AuthSessionValidity:                      5,
		RefreshTokenRotation:                     &RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(10)},
		SecretsManagerSecretId:                   "app/web-client",
		SecretSerial:                             1,
		ExistingClientId:                         "1example23456789",
	}
}

func TestFullPropsAreValid(t *testing.T) {
	require.NoError(t, fullProps().Validate(), "the mapping fixture must be a configuration Cognito would accept")
	v := reflect.ValueOf(fullProps())
	for i := 0; i < v.NumField(); i++ {
		assert.False(t, v.Field(i).IsZero(), "fullProps leaves %s unset", v.Type().Field(i).Name)
	}
}

func TestUpdateInput(t *testing.T) {
	tests := map[string]struct {
		p    Properties
		want *cip.UpdateUserPoolClientInput
	}{
		"every property": {
			p: fullProps(),
			want: &cip.UpdateUserPoolClientInput{
				ClientId:             aws.String("1example23456789abcdefghij"),
				UserPoolId:           aws.String(poolID),
				ClientName:           aws.String("my-stack-WebClient"),
				RefreshTokenValidity: 30,
				AccessTokenValidity:  aws.Int32(60),
				IdTokenValidity:      aws.Int32(90),
				TokenValidityUnits: &types.TokenValidityUnitsType{
					AccessToken: types.TimeUnitsTypeMinutes, IdToken: types.TimeUnitsTypeMinutes, RefreshToken: types.TimeUnitsTypeDays,
				},
				ReadAttributes:  []string{"email", "name"},
				WriteAttributes: []string{"name"},
				ExplicitAuthFlows: []types.ExplicitAuthFlowsType{
					types.ExplicitAuthFlowsTypeAllowUserSrpAuth, types.ExplicitAuthFlowsTypeAllowCustomAuth,
				},
				SupportedIdentityProviders:      []string{"COGNITO", "Google"},
				CallbackURLs:                    []string{"https://app.example.com/cb", "myapp://callback"},
				LogoutURLs:                      []string{"https://app.example.com/logout"},
				DefaultRedirectURI:              aws.String("https://app.example.com/cb"),
				AllowedOAuthFlows:               []types.OAuthFlowType{types.OAuthFlowTypeCode, types.OAuthFlowTypeImplicit},
				AllowedOAuthScopes:              []string{"openid", "email", "api/read"},
				AllowedOAuthFlowsUserPoolClient: true,
				AnalyticsConfiguration: &types.AnalyticsConfigurationType{
					ApplicationArn: aws.String("arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef"),
					UserDataShared: true,
				},
				PreventUserExistenceErrors:               types.PreventUserExistenceErrorTypesEnabled,
				EnableTokenRevocation:                    aws.Bool(false),
				EnablePropagateAdditionalUserContextData: aws.Bool(true),
				AuthSessionValidity:                      aws.Int32(5),
				RefreshTokenRotation: &types.RefreshTokenRotationType{
					Feature: types.FeatureTypeEnabled, RetryGracePeriodSeconds: aws.Int32(10),
				},
			},
		},
		"only the required property": {
			p: props(nil),
			want: &cip.UpdateUserPoolClientInput{
				ClientId:                                 aws.String("1example23456789abcdefghij"),
				UserPoolId:                               aws.String(poolID),
				ClientName:                               aws.String("my-stack-WebClient"),
				EnableTokenRevocation:                    aws.Bool(true),
				TokenValidityUnits:                       defaultUnits(),
				EnablePropagateAdditionalUserContextData: aws.Bool(false),
			},
		},
		"analytics by ApplicationId": {
			p: props(func(p *Properties) {
				p.AnalyticsConfiguration = &AnalyticsConfiguration{ApplicationId: "0a1b", ExternalId: "ext", RoleArn: "arn:aws:iam::123456789012:role/r"}
			}),
			want: &cip.UpdateUserPoolClientInput{
				ClientId:                                 aws.String("1example23456789abcdefghij"),
				UserPoolId:                               aws.String(poolID),
				ClientName:                               aws.String("my-stack-WebClient"),
				EnableTokenRevocation:                    aws.Bool(true),
				TokenValidityUnits:                       defaultUnits(),
				EnablePropagateAdditionalUserContextData: aws.Bool(false),
				AnalyticsConfiguration: &types.AnalyticsConfigurationType{
					ApplicationId: aws.String("0a1b"), ExternalId: aws.String("ext"), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
				},
			},
		},
		"rotation without a grace period": {
			p: props(func(p *Properties) { p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationDisabled} }),
			want: &cip.UpdateUserPoolClientInput{
				ClientId:                                 aws.String("1example23456789abcdefghij"),
				UserPoolId:                               aws.String(poolID),
				ClientName:                               aws.String("my-stack-WebClient"),
				EnableTokenRevocation:                    aws.Bool(true),
				TokenValidityUnits:                       defaultUnits(),
				EnablePropagateAdditionalUserContextData: aws.Bool(false),
				RefreshTokenRotation:                     &types.RefreshTokenRotationType{Feature: types.FeatureTypeDisabled},
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := tc.p.UpdateInput("1example23456789abcdefghij", "my-stack-WebClient")
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestUpdateInputRemovingProperties: Cognito's UpdateUserPoolClient is a full-state update. It
// resets every field the request omits to its default, so an in-place update that removes
// properties must send them as absent (nil, false, 0), never the old values, and every
// desired value must be sent, never a patch. moto merges updates into the stored client
// instead, so the integration tests against moto cannot see this: this unit test is where
// the real Cognito behaviour is covered.
func TestUpdateInputRemovingProperties(t *testing.T) {
	old := fullProps()
	desired := props(func(p *Properties) { p.GenerateSecret = old.GenerateSecret })
	require.False(t, RequiresReplacement(old, desired), "an in-place update")

	in := desired.UpdateInput("1example23456789abcdefghij", "web")
	assert.Nil(t, in.AllowedOAuthFlows)
	assert.Nil(t, in.AllowedOAuthScopes)
	assert.Nil(t, in.CallbackURLs)
	assert.Nil(t, in.LogoutURLs)
	assert.Nil(t, in.ReadAttributes)
	assert.Nil(t, in.WriteAttributes)
	assert.Nil(t, in.ExplicitAuthFlows)
	assert.Nil(t, in.SupportedIdentityProviders)
	assert.Nil(t, in.DefaultRedirectURI)
	assert.Nil(t, in.AccessTokenValidity)
	assert.Nil(t, in.IdTokenValidity)
	assert.Nil(t, in.AuthSessionValidity)
	assert.Equal(t, defaultUnits(), in.TokenValidityUnits, "units go out whole, each as its default")
	assert.Nil(t, in.AnalyticsConfiguration)
	assert.Nil(t, in.RefreshTokenRotation)
	assert.Equal(t, aws.Bool(false), in.EnablePropagateAdditionalUserContextData, "sent as false, not left to Cognito")
	assert.False(t, in.AllowedOAuthFlowsUserPoolClient)
	assert.Zero(t, in.RefreshTokenValidity)
	assert.Empty(t, in.PreventUserExistenceErrors)
	assert.Equal(t, aws.Bool(true), in.EnableTokenRevocation, "removing EnableTokenRevocation means Cognito's default, true")
}

func defaultUnits() *types.TokenValidityUnitsType {
	return &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeHours, IdToken: types.TimeUnitsTypeHours, RefreshToken: types.TimeUnitsTypeDays}
}

// The case: the old configuration counted the refresh token in minutes; the new one
// says 30 with no units. If the units were left out, Cognito could keep minutes (30 minutes,
// below its minimum); they go out whole, so 30 means 30 days.
func TestTokenValidityUnitsSentWhole(t *testing.T) {
	desired := props(func(p *Properties) { p.RefreshTokenValidity = 30 })
	in := desired.UpdateInput("c", "n")
	assert.Equal(t, int32(30), in.RefreshTokenValidity)
	assert.Equal(t, defaultUnits(), in.TokenValidityUnits)

	partial := props(func(p *Properties) {
		p.AccessTokenValidity = 30
		p.TokenValidityUnits = &TokenValidityUnits{AccessToken: Minutes}
	})
	assert.Equal(t, &types.TokenValidityUnitsType{AccessToken: types.TimeUnitsTypeMinutes, IdToken: types.TimeUnitsTypeHours, RefreshToken: types.TimeUnitsTypeDays},
		partial.UpdateInput("c", "n").TokenValidityUnits, "a missing unit goes out as its default")
	assert.Equal(t, partial.UpdateInput("c", "n").TokenValidityUnits, partial.CreateInput("n").TokenValidityUnits)

	// Absent units and the default units stated are the same configuration: no update.
	stated := props(func(p *Properties) {
		p.TokenValidityUnits = &TokenValidityUnits{AccessToken: Hours, IdToken: Hours, RefreshToken: Days}
	})
	assert.Empty(t, Diff(props(nil), stated))
}

// Values the template states are sent as stated, 0 and false included.
func TestExplicitValuesSentAsStated(t *testing.T) {
	zero := props(func(p *Properties) {
		p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(0)}
	})
	in := zero.UpdateInput("c", "n")
	require.NotNil(t, in.RefreshTokenRotation)
	assert.Equal(t, aws.Int32(0), in.RefreshTokenRotation.RetryGracePeriodSeconds, "a stated 0 is sent")
	assert.Equal(t, aws.Int32(0), zero.CreateInput("n").RefreshTokenRotation.RetryGracePeriodSeconds)

	absent := props(func(p *Properties) { p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationEnabled} })
	assert.Nil(t, absent.UpdateInput("c", "n").RefreshTokenRotation.RetryGracePeriodSeconds)
	assert.Equal(t, []string{"RefreshTokenRotation"}, Diff(absent, zero), "0 and absent differ")

	assert.Equal(t, aws.Bool(false), props(nil).UpdateInput("c", "n").EnablePropagateAdditionalUserContextData)
	assert.Equal(t, aws.Bool(false), props(nil).CreateInput("n").EnablePropagateAdditionalUserContextData)

	// Through the decoder, as CloudFormation sends them.
	p, err := Decode(obj(`"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":"0"}`, `"EnablePropagateAdditionalUserContextData":"false"`))
	require.NoError(t, err)
	assert.Equal(t, aws.Int32(0), p.UpdateInput("c", "n").RefreshTokenRotation.RetryGracePeriodSeconds)
	assert.Equal(t, aws.Bool(false), p.UpdateInput("c", "n").EnablePropagateAdditionalUserContextData)
}

func TestEnableTokenRevocation(t *testing.T) {
	tests := map[string]struct {
		v    *bool
		want bool
	}{
		"absent means true": {v: nil, want: true},
		"true":              {v: Bool(true), want: true},
		"false":             {v: Bool(false), want: false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p := props(func(p *Properties) { p.EnableTokenRevocation = tc.v })
			u := p.UpdateInput("id", "name")
			require.NotNil(t, u.EnableTokenRevocation, "always sent on Update")
			assert.Equal(t, tc.want, *u.EnableTokenRevocation)
			c := p.CreateInput("name")
			require.NotNil(t, c.EnableTokenRevocation, "always sent on Create")
			assert.Equal(t, tc.want, *c.EnableTokenRevocation)
		})
	}
}

func fieldNames(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			out[f.Name] = true
		}
	}
	return out
}

// TestCreateInputMatchesUpdateInput compares, by reflection over every field the two SDK
// inputs share, what CreateInput and UpdateInput send: a field added to one mapping and
// forgotten in the other fails here.
func TestCreateInputMatchesUpdateInput(t *testing.T) {
	createT := reflect.TypeOf(cip.CreateUserPoolClientInput{})
	updateT := reflect.TypeOf(cip.UpdateUserPoolClientInput{})
	createFields, updateFields := fieldNames(createT), fieldNames(updateT)

	var shared, createOnly []string
	for name := range createFields {
		if updateFields[name] {
			shared = append(shared, name)
		} else {
			createOnly = append(createOnly, name)
		}
	}
	sort.Strings(createOnly)
	// A new Create-only field in the SDK needs a decision: map it, or list it here.
	assert.Equal(t, []string{"ClientSecret", "GenerateSecret"}, createOnly)
	require.GreaterOrEqual(t, len(shared), 21)

	tests := map[string]Properties{
		"every property": fullProps(),
		"minimal":        props(nil),
		"no secret":      props(func(p *Properties) { p.ExplicitAuthFlows = []AuthFlow{AllowUserSRPAuth} }),
	}
	for name, p := range tests {
		t.Run(name, func(t *testing.T) {
			c := reflect.ValueOf(*p.CreateInput("web"))
			u := reflect.ValueOf(*p.UpdateInput("ignored-client-id", "web"))
			for _, f := range shared {
				assert.Equal(t, u.FieldByName(f).Interface(), c.FieldByName(f).Interface(), "field %s", f)
			}
			got := p.CreateInput("web")
			assert.Equal(t, p.GenerateSecret, got.GenerateSecret)
			assert.Nil(t, got.ClientSecret, "Cognito generates the secret")
		})
	}

	t.Run("every shared field is exercised", func(t *testing.T) {
		c := reflect.ValueOf(*fullProps().CreateInput("web"))
		for _, f := range shared {
			assert.False(t, c.FieldByName(f).IsZero(), "fullProps does not exercise %s", f)
		}
	})
}

// capture is an HTTP client for the SDK that records requests and answers 200 {}.
type capture struct {
	mu   sync.Mutex
	reqs []captured
}

type captured struct {
	target string
	body   []byte
}

func (c *capture) Do(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		body = b
	}
	c.mu.Lock()
	c.reqs = append(c.reqs, captured{target: r.Header.Get("X-Amz-Target"), body: body})
	c.mu.Unlock()
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/x-amz-json-1.1"}},
		Body:       io.NopCloser(strings.NewReader("{}")),
		Request:    r,
	}, nil
}

func (c *capture) last(t *testing.T) (string, map[string]any, []byte) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	require.NotEmpty(t, c.reqs)
	r := c.reqs[len(c.reqs)-1]
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), "body %s", r.body)
	return r.target, m, r.body
}

func sdkClient(h *capture) *cip.Client {
	return cip.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("a", "b", ""),
		HTTPClient:  h,
	})
}

// TestWireBody serializes through the real SDK, without network, and checks the JSON that
// would reach Cognito.
func TestWireBody(t *testing.T) {
	ctx := context.Background()

	t.Run("update that removes OAuth", func(t *testing.T) {
		h := &capture{}
		desired := props(func(p *Properties) { p.ExplicitAuthFlows = []AuthFlow{AllowUserSRPAuth} })
		_, err := sdkClient(h).UpdateUserPoolClient(ctx, desired.UpdateInput("1example23456789abcdefghij", "web"))
		require.NoError(t, err)

		target, body, raw := h.last(t)
		assert.Equal(t, "AWSCognitoIdentityProviderService.UpdateUserPoolClient", target)
		for _, key := range []string{"AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "RefreshTokenValidity"} {
			assert.NotContains(t, body, key, "omitted means Cognito's default: %s", raw)
		}
		// Units go out whole, each as its default, never left to what the client had.
		assert.Equal(t, map[string]any{"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"}, body["TokenValidityUnits"], raw)
		assert.Equal(t, false, body["EnablePropagateAdditionalUserContextData"], raw)
		// Omitted is false, Cognito's default; it must never be sent as true.
		if v, ok := body["AllowedOAuthFlowsUserPoolClient"]; ok {
			assert.Equal(t, false, v)
		}
		assert.Equal(t, true, body["EnableTokenRevocation"], "%s", raw)
		assert.Equal(t, "1example23456789abcdefghij", body["ClientId"])
		assert.Equal(t, poolID, body["UserPoolId"])
		assert.Equal(t, "web", body["ClientName"])
		assert.Equal(t, []any{"ALLOW_USER_SRP_AUTH"}, body["ExplicitAuthFlows"])
	})

	t.Run("create carries the secret and revocation", func(t *testing.T) {
		h := &capture{}
		p := props(func(p *Properties) { p.GenerateSecret = true })
		_, err := sdkClient(h).CreateUserPoolClient(ctx, p.CreateInput("web"))
		require.NoError(t, err)
		target, body, raw := h.last(t)
		assert.Equal(t, "AWSCognitoIdentityProviderService.CreateUserPoolClient", target)
		assert.Equal(t, true, body["GenerateSecret"], "%s", raw)
		assert.Equal(t, true, body["EnableTokenRevocation"], "%s", raw)
		assert.NotContains(t, body, "ClientSecret")
	})

	t.Run("every property, golden", func(t *testing.T) {
		h := &capture{}
		_, err := sdkClient(h).UpdateUserPoolClient(ctx, fullProps().UpdateInput("1example23456789abcdefghij", "my-stack-WebClient"))
		require.NoError(t, err)
		_, _, raw := h.last(t)
		golden := filepath.Join("testdata", "update-full.golden.json")
		if *update {
			var pretty bytes.Buffer
			require.NoError(t, json.Indent(&pretty, raw, "", "  "))
			pretty.WriteByte('\n')
			require.NoError(t, os.WriteFile(golden, pretty.Bytes(), 0o644))
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err, "run go test -run TestWireBody -update to create it")
		assert.JSONEq(t, string(want), string(raw))
	})
}
