package e2e

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The fidelity cases: what real Cognito and CloudFormation accept or refuse, through the real
// bootstrap against the local Cognito (which resets on update and refuses what Cognito refuses).

// jsonOf encodes properties for an event (scalars written as CloudFormation sends them).
func jsonOf(t *testing.T, props map[string]any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(props)
	require.NoError(t, err)
	return b
}

// createWith runs create.json with props in place of its ResourceProperties.
func createWith(t *testing.T, pool string, props map[string]any) invocation {
	t.Helper()
	props["UserPoolId"] = pool
	return invoke(t, readEvent(t, "create.json"), pool, localrun.WithResourceProperties(jsonOf(t, props)))
}

// updateWith runs update.json on client id, from old to props.
func updateWith(t *testing.T, pool, id string, old, props map[string]any) invocation {
	t.Helper()
	old["UserPoolId"], props["UserPoolId"] = pool, pool
	return invoke(t, readEvent(t, "update.json"), pool, localrun.WithPhysicalResourceID(id),
		localrun.WithResourceProperties(jsonOf(t, props)), localrun.WithOldResourceProperties(jsonOf(t, old)))
}

func lastRequest(t *testing.T, pool, op string) map[string]any {
	t.Helper()
	raw, ok := moto.LastRequest(pool, op)
	require.True(t, ok, "no %s reached the local Cognito", op)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// React Native, Expo and Flutter apps use a bare scheme as their callback; Cognito accepts it.
func TestFidelity_BareAppSchemeCallback(t *testing.T) {
	pool := newPool(t)
	iv := createWith(t, pool, map[string]any{
		"CallbackURLs": []string{"myapp://", "com.example.app:/callback"}, "AllowedOAuthFlows": []string{"code"},
		"AllowedOAuthScopes": []string{"openid"}, "AllowedOAuthFlowsUserPoolClient": "true",
	})
	require.Equal(t, "SUCCESS", iv.response().Status, iv.response().Reason)
	c := describe(t, pool, iv.response().PhysicalResourceID)
	assert.ElementsMatch(t, []string{"myapp://", "com.example.app:/callback"}, c.CallbackURLs)
}

// CloudFormation and cfn-lint take native booleans in any letter case.
func TestFidelity_BooleansInAnyCase(t *testing.T) {
	pool := newPool(t)
	iv := createWith(t, pool, map[string]any{"GenerateSecret": "True", "EnableTokenRevocation": "FALSE"})
	r := iv.response()
	require.Equal(t, "SUCCESS", r.Status, r.Reason)
	assert.True(t, r.NoEcho)
	c := describe(t, pool, r.PhysicalResourceID)
	assert.Equal(t, aws.ToString(c.ClientSecret), r.Data["ClientSecret"], "GenerateSecret \"True\" made a secret")
	assert.False(t, aws.ToBool(c.EnableTokenRevocation))
}

// Cognito's pattern for callback URLs forbids whitespace: refused before any Cognito call.
func TestFidelity_CallbackURLWithSpace(t *testing.T) {
	pool := newPool(t)
	iv := createWith(t, pool, map[string]any{"CallbackURLs": []string{"https://example.com/a b"}})
	r := iv.response()
	require.Equal(t, "FAILED", r.Status)
	assert.Contains(t, r.Reason, "CallbackURLs[0]: must not contain whitespace")
	_, reached := moto.LastRequest(pool, "CreateUserPoolClient")
	assert.False(t, reached, "no Cognito call")
	assert.Empty(t, clients(t, pool))
}

// The old configuration counted the refresh token in minutes; the new one says 30 and no
// units. The units go out whole, so Cognito reads 30 days, not 30 minutes (below its minimum).
func TestFidelity_TokenValidityUnitsSentWhole(t *testing.T) {
	pool := newPool(t)
	old := map[string]any{"TokenValidityUnits": map[string]any{"RefreshToken": "minutes"}, "RefreshTokenValidity": "43200"}
	created := createWith(t, pool, old)
	require.Equal(t, "SUCCESS", created.response().Status, created.response().Reason)
	id := created.response().PhysicalResourceID
	assert.Equal(t, types.TimeUnitsTypeMinutes, describe(t, pool, id).TokenValidityUnits.RefreshToken)

	updated := updateWith(t, pool, id, old, map[string]any{"RefreshTokenValidity": "30"})
	require.Equal(t, "SUCCESS", updated.response().Status, updated.response().Reason)
	assert.Equal(t, map[string]any{"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
		lastRequest(t, pool, "UpdateUserPoolClient")["TokenValidityUnits"], "on the wire")
	c := describe(t, pool, id)
	assert.Equal(t, int32(30), c.RefreshTokenValidity)
	assert.Equal(t, types.TimeUnitsTypeDays, c.TokenValidityUnits.RefreshToken)
}

// Values the template states are sent as stated: a grace period of 0, context data false.
func TestFidelity_StatedValuesSent(t *testing.T) {
	pool := newPool(t)
	props := map[string]any{
		"GenerateSecret": "true", "EnablePropagateAdditionalUserContextData": "true",
		"ExplicitAuthFlows":    []string{"ALLOW_USER_SRP_AUTH"},
		"RefreshTokenRotation": map[string]any{"Feature": "ENABLED", "RetryGracePeriodSeconds": "0"},
	}
	created := createWith(t, pool, props)
	require.Equal(t, "SUCCESS", created.response().Status, created.response().Reason)
	id := created.response().PhysicalResourceID
	rot := lastRequest(t, pool, "CreateUserPoolClient")["RefreshTokenRotation"].(map[string]any)
	assert.Equal(t, float64(0), rot["RetryGracePeriodSeconds"], "a stated 0 is on the wire")
	c := describe(t, pool, id)
	require.NotNil(t, c.RefreshTokenRotation)
	assert.Equal(t, aws.Int32(0), c.RefreshTokenRotation.RetryGracePeriodSeconds)
	assert.True(t, aws.ToBool(c.EnablePropagateAdditionalUserContextData))

	next := map[string]any{}
	for k, v := range props {
		next[k] = v
	}
	next["EnablePropagateAdditionalUserContextData"] = "false"
	updated := updateWith(t, pool, id, props, next)
	require.Equal(t, "SUCCESS", updated.response().Status, updated.response().Reason)
	assert.Equal(t, false, lastRequest(t, pool, "UpdateUserPoolClient")["EnablePropagateAdditionalUserContextData"], "false is on the wire")
	assert.False(t, aws.ToBool(describe(t, pool, id).EnablePropagateAdditionalUserContextData))
}

// A misspelt enum value is refused with the closest of the SDK's values.
func TestFidelity_EnumDidYouMean(t *testing.T) {
	pool := newPool(t)
	iv := createWith(t, pool, map[string]any{"ExplicitAuthFlows": []string{"ALLOW_USER_SRP_AUHT"}})
	require.Equal(t, "FAILED", iv.response().Status)
	assert.Contains(t, iv.response().Reason, "ExplicitAuthFlows[0]: must be one of")
	assert.Contains(t, iv.response().Reason, "did you mean ALLOW_USER_SRP_AUTH?")
}

// Proof on the wire: for each in-place property, an Update that removes it sends an
// UpdateUserPoolClient without it (or with the explicit default the model always sends), and
// the client is then described with Cognito's default, as a client made without it is, not
// with the old value.
func TestFidelity_RemovingEachInPlaceProperty(t *testing.T) {
	pool := newPool(t)
	require.NoError(t, moto.CreateResourceServer(context.Background(), pool, "api", "read"))
	full := func() map[string]any {
		return map[string]any{
			"ClientName": "full", "GenerateSecret": "true",
			"RefreshTokenValidity": "2", "AccessTokenValidity": "5", "IdTokenValidity": "6",
			"TokenValidityUnits":                       map[string]any{"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "hours"},
			"ReadAttributes":                           []string{"email"},
			"WriteAttributes":                          []string{"email"},
			"ExplicitAuthFlows":                        []string{"ALLOW_USER_SRP_AUTH"},
			"SupportedIdentityProviders":               []string{"COGNITO"},
			"CallbackURLs":                             []string{"https://app.example.com/cb"},
			"LogoutURLs":                               []string{"https://app.example.com/out"},
			"DefaultRedirectURI":                       "https://app.example.com/cb",
			"AllowedOAuthFlows":                        []string{"code"},
			"AllowedOAuthScopes":                       []string{"openid", "api/read"},
			"AllowedOAuthFlowsUserPoolClient":          "true",
			"AnalyticsConfiguration":                   map[string]any{"ApplicationArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef", "UserDataShared": "true"},
			"PreventUserExistenceErrors":               "ENABLED",
			"EnableTokenRevocation":                    "false",
			"EnablePropagateAdditionalUserContextData": "true",
			"AuthSessionValidity":                      "10",
			"RefreshTokenRotation":                     map[string]any{"Feature": "ENABLED", "RetryGracePeriodSeconds": "20"},
		}
	}
	// What Cognito describes for a property nobody set: a client made without any.
	bare := createWith(t, pool, map[string]any{"GenerateSecret": "true"})
	require.Equal(t, "SUCCESS", bare.response().Status, bare.response().Reason)
	baseline := describe(t, pool, bare.response().PhysicalResourceID)

	// The in-place properties: the model's that UpdateUserPoolClient carries.
	var inPlace []string
	update := reflect.TypeFor[cip.UpdateUserPoolClientInput]()
	model := reflect.TypeFor[userpoolclient.Properties]()
	for i := 0; i < model.NumField(); i++ {
		name := model.Field(i).Name
		if _, ok := update.FieldByName(name); ok && !userpoolclient.ReplacesClient(name) && name != "UserPoolId" {
			inPlace = append(inPlace, name)
		}
	}
	require.Len(t, inPlace, 21)
	// Removing one of these alone leaves a configuration Cognito refuses; they go together.
	together := map[string][]string{
		"CallbackURLs":       {"DefaultRedirectURI", "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient"},
		"AllowedOAuthFlows":  {"AllowedOAuthFlowsUserPoolClient"},
		"AllowedOAuthScopes": {"AllowedOAuthFlowsUserPoolClient"},
	}
	// What the model sends for an absent property instead of leaving it out.
	explicit := map[string]any{
		"EnableTokenRevocation":                    true,
		"EnablePropagateAdditionalUserContextData": false,
		"TokenValidityUnits":                       map[string]any{"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
	}
	for _, prop := range inPlace {
		t.Run(prop, func(t *testing.T) {
			old := full()
			created := createWith(t, pool, old)
			require.Equal(t, "SUCCESS", created.response().Status, created.response().Reason)
			id := created.response().PhysicalResourceID
			desired := full()
			removed := append([]string{prop}, together[prop]...)
			for _, p := range removed {
				delete(desired, p)
			}
			updated := updateWith(t, pool, id, full(), desired)
			require.Equal(t, "SUCCESS", updated.response().Status, updated.response().Reason)
			require.Equal(t, id, updated.response().PhysicalResourceID, "in place")

			sent := lastRequest(t, pool, "UpdateUserPoolClient")
			require.Equal(t, id, sent["ClientId"])
			got := describe(t, pool, id)
			for _, p := range removed {
				switch {
				case p == "ClientName":
					assert.Equal(t, aws.ToString(baseline.ClientName), sent[p], "the generated name is sent")
				case explicit[p] != nil:
					assert.Equal(t, explicit[p], sent[p], "%s: the explicit default is sent", p)
				default:
					if v, ok := sent[p]; ok {
						assert.Contains(t, []any{nil, false}, v, "%s is not sent (got %v)", p, v)
					}
				}
				want := reflect.ValueOf(*baseline).FieldByName(p).Interface()
				have := reflect.ValueOf(*got).FieldByName(p).Interface()
				assert.Equal(t, want, have, "%s is described as Cognito's default, not the old value", p)
			}
			for p, v := range desired {
				if slices.Contains([]string{"UserPoolId", "GenerateSecret"}, p) {
					continue
				}
				assert.Contains(t, sent, p, "%s (still desired) is sent: never a patch (%v)", p, v)
			}
		})
	}
}
