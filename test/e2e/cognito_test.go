package e2e

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// describe reads a client from moto; nil when it does not exist.
func describe(t *testing.T, pool, id string) *types.UserPoolClientType {
	t.Helper()
	out, err := moto.Cognito().DescribeUserPoolClient(context.Background(),
		&cip.DescribeUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String(id)})
	var nf *types.ResourceNotFoundException
	if errors.As(err, &nf) {
		return nil
	}
	require.NoError(t, err)
	return out.UserPoolClient
}

// clients lists the IDs of the clients in pool, sorted.
func clients(t *testing.T, pool string) []string {
	t.Helper()
	return testrig.ClientIDs(t, moto.Cognito(), pool)
}

// ignoredProps are keys of ResourceProperties that are not client configuration
// (CloudFormation's own), or that are checked elsewhere (UserPoolId against the pool,
// GenerateSecret through ClientSecret).
var ignoredProps = map[string]bool{"ServiceToken": true, "ServiceTimeout": true, "UserPoolId": true, "GenerateSecret": true}

// assertDescribed checks that Cognito describes the client as props (CloudFormation's form:
// scalars as strings) say, for every property props sets. What an update omits is not
// compared here: TestFidelity_RemovingEachInPlaceProperty covers the reset of omitted fields
// (the local Cognito resets them, as Cognito does). A property this function cannot compare
// fails the test, so that a new sample property gets a comparison.
func assertDescribed(t *testing.T, props map[string]any, c *types.UserPoolClientType) {
	t.Helper()
	require.NotNil(t, c, "the client exists")
	if _, ok := props["EnableTokenRevocation"]; !ok {
		assert.True(t, aws.ToBool(c.EnableTokenRevocation), "EnableTokenRevocation: absent means true, and it is sent")
	}
	for key, want := range props {
		if ignoredProps[key] {
			continue
		}
		switch key {
		case "ClientName":
			assert.Equal(t, want, aws.ToString(c.ClientName), key)
		case "DefaultRedirectURI":
			assert.Equal(t, want, aws.ToString(c.DefaultRedirectURI), key)
		case "PreventUserExistenceErrors":
			assert.Equal(t, want, string(c.PreventUserExistenceErrors), key)
		case "ExplicitAuthFlows":
			assertSet(t, key, want, enumStrings(c.ExplicitAuthFlows))
		case "AllowedOAuthFlows":
			assertSet(t, key, want, enumStrings(c.AllowedOAuthFlows))
		case "SupportedIdentityProviders":
			assertSet(t, key, want, c.SupportedIdentityProviders)
		case "CallbackURLs":
			assertSet(t, key, want, c.CallbackURLs)
		case "LogoutURLs":
			assertSet(t, key, want, c.LogoutURLs)
		case "AllowedOAuthScopes":
			assertSet(t, key, want, c.AllowedOAuthScopes)
		case "ReadAttributes":
			assertSet(t, key, want, c.ReadAttributes)
		case "WriteAttributes":
			assertSet(t, key, want, c.WriteAttributes)
		case "AllowedOAuthFlowsUserPoolClient":
			assert.Equal(t, asBool(t, key, want), aws.ToBool(c.AllowedOAuthFlowsUserPoolClient), key)
		case "EnableTokenRevocation":
			assert.Equal(t, asBool(t, key, want), aws.ToBool(c.EnableTokenRevocation), key)
		case "EnablePropagateAdditionalUserContextData":
			assert.Equal(t, asBool(t, key, want), aws.ToBool(c.EnablePropagateAdditionalUserContextData), key)
		case "RefreshTokenValidity":
			assert.Equal(t, asInt(t, key, want), int(c.RefreshTokenValidity), key)
		case "AccessTokenValidity":
			assert.Equal(t, asInt(t, key, want), int(aws.ToInt32(c.AccessTokenValidity)), key)
		case "IdTokenValidity":
			assert.Equal(t, asInt(t, key, want), int(aws.ToInt32(c.IdTokenValidity)), key)
		case "AuthSessionValidity":
			assert.Equal(t, asInt(t, key, want), int(aws.ToInt32(c.AuthSessionValidity)), key)
		case "TokenValidityUnits":
			units, _ := want.(map[string]any)
			if !assert.NotNil(t, c.TokenValidityUnits, key) {
				continue
			}
			got := map[string]string{
				"AccessToken":  string(c.TokenValidityUnits.AccessToken),
				"IdToken":      string(c.TokenValidityUnits.IdToken),
				"RefreshToken": string(c.TokenValidityUnits.RefreshToken),
			}
			for k, v := range units {
				assert.Equal(t, v, got[k], key+"."+k)
			}
		case "RefreshTokenRotation":
			rot, _ := want.(map[string]any)
			if !assert.NotNil(t, c.RefreshTokenRotation, key) {
				continue
			}
			for k, v := range rot {
				switch k {
				case "Feature":
					assert.Equal(t, v, string(c.RefreshTokenRotation.Feature), key+"."+k)
				case "RetryGracePeriodSeconds":
					assert.Equal(t, asInt(t, key+"."+k, v), int(aws.ToInt32(c.RefreshTokenRotation.RetryGracePeriodSeconds)), key+"."+k)
				default:
					t.Errorf("%s.%s: no comparison with Cognito's description; add one", key, k)
				}
			}
		case "AnalyticsConfiguration":
			ac, _ := want.(map[string]any)
			if !assert.NotNil(t, c.AnalyticsConfiguration, key) {
				continue
			}
			got := c.AnalyticsConfiguration
			for k, v := range ac {
				switch k {
				case "ApplicationArn":
					assert.Equal(t, v, aws.ToString(got.ApplicationArn), key+"."+k)
				case "ApplicationId":
					assert.Equal(t, v, aws.ToString(got.ApplicationId), key+"."+k)
				case "ExternalId":
					assert.Equal(t, v, aws.ToString(got.ExternalId), key+"."+k)
				case "RoleArn":
					assert.Equal(t, v, aws.ToString(got.RoleArn), key+"."+k)
				case "UserDataShared":
					assert.Equal(t, asBool(t, key+"."+k, v), got.UserDataShared, key+"."+k)
				default:
					t.Errorf("%s.%s: no comparison with Cognito's description; add one", key, k)
				}
			}
		default:
			t.Errorf("%s: no comparison with Cognito's description; add one to assertDescribed", key)
		}
	}
}

func assertSet(t *testing.T, key string, want any, got []string) {
	t.Helper()
	list, ok := want.([]any)
	require.True(t, ok, "%s is a list in the event", key)
	ws := make([]string, len(list))
	for i, v := range list {
		ws[i] = fmt.Sprint(v)
	}
	assert.ElementsMatch(t, ws, got, key)
}

// asBool reads a boolean property as CloudFormation sends it ("true") or natively.
func asBool(t *testing.T, key string, v any) bool {
	t.Helper()
	switch x := v.(type) {
	case bool:
		return x
	case string:
		b, err := strconv.ParseBool(x)
		require.NoError(t, err, key)
		return b
	}
	t.Fatalf("%s: %T is not a boolean", key, v)
	return false
}

// asInt reads an integer property as CloudFormation sends it ("30") or natively.
func asInt(t *testing.T, key string, v any) int {
	t.Helper()
	switch x := v.(type) {
	case float64:
		return int(x)
	case string:
		n, err := strconv.Atoi(x)
		require.NoError(t, err, key)
		return n
	}
	t.Fatalf("%s: %T is not an integer", key, v)
	return 0
}

func enumStrings[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}
