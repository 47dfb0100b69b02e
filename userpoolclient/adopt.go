package userpoolclient

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// Difference is one property on which a template and an existing client disagree, each side
// written as the effective value (Cognito's default where a side leaves it out).
type Difference struct {
	Property, Template, Client string
}

func (d Difference) String() string {
	return d.Property + ": template " + d.Template + ", client " + d.Client
}

// Cognito's defaults for what an UpdateUserPoolClient input leaves out.
var (
	defaultAuthFlows = []string{string(AllowCustomAuth), string(AllowRefreshTokenAuth), string(AllowUserSRPAuth)}
)

const (
	defaultRefreshSeconds     = 30 * 86400
	defaultAccessIDSeconds    = 3600
	defaultAuthSessionMinutes = 3
)

// Differences compares the client p describes with an existing client c (as
// DescribeUserPoolClient returns it), the way adoption must: exactly as the
// UpdateUserPoolClient input the function would send (UpdateInput), an absent property
// counting as Cognito's default and an absent ClientName as the client's current name.
// Lists that Cognito treats as sets compare without regard to order. Token validities
// compare as durations, so 60 minutes equals 1 hour. GenerateSecret true needs a client
// with a secret; a client with a secret is accepted whatever GenerateSecret says, since an
// adopted client may hold one the template did not ask for. It returns nothing when they
// agree.
func (p Properties) Differences(c *types.UserPoolClientType) []Difference {
	name := p.ClientName
	if name == "" {
		name = aws.ToString(c.ClientName)
	}
	in := p.UpdateInput(aws.ToString(c.ClientId), name)
	want := view(in, in.AnalyticsConfiguration)
	have := view(asUpdateInput(c), in.AnalyticsConfiguration)

	var out []Difference
	add := func(prop, w, h string) {
		if w != h {
			out = append(out, Difference{prop, w, h})
		}
	}
	if c.UserPoolId != nil {
		add("UserPoolId", strconv.Quote(p.UserPoolId), strconv.Quote(aws.ToString(c.UserPoolId)))
	}
	if p.GenerateSecret && c.ClientSecret == nil {
		out = append(out, Difference{"GenerateSecret", "true", "false (the client has no secret)"})
	}
	for i := range want {
		add(want[i].name, want[i].value, have[i].value)
	}
	return out
}

// AdoptionError is the answer to an adoption whose template does not describe the client:
// one issue per difference, so the Reason reads "Property: template X, client Y; ...".
func AdoptionError(diffs []Difference) error {
	is := make([]Issue, len(diffs))
	for i, d := range diffs {
		is[i] = Issue{Path: d.Property, Message: "template " + d.Template + ", client " + d.Client}
	}
	return &ValidationError{Issues: is}
}

// asUpdateInput is the UpdateUserPoolClient input that would leave c as it is.
func asUpdateInput(c *types.UserPoolClientType) *cip.UpdateUserPoolClientInput {
	return &cip.UpdateUserPoolClientInput{
		ClientId:                                 c.ClientId,
		UserPoolId:                               c.UserPoolId,
		ClientName:                               c.ClientName,
		RefreshTokenValidity:                     c.RefreshTokenValidity,
		AccessTokenValidity:                      c.AccessTokenValidity,
		IdTokenValidity:                          c.IdTokenValidity,
		TokenValidityUnits:                       c.TokenValidityUnits,
		ReadAttributes:                           c.ReadAttributes,
		WriteAttributes:                          c.WriteAttributes,
		ExplicitAuthFlows:                        c.ExplicitAuthFlows,
		SupportedIdentityProviders:               c.SupportedIdentityProviders,
		CallbackURLs:                             c.CallbackURLs,
		LogoutURLs:                               c.LogoutURLs,
		DefaultRedirectURI:                       c.DefaultRedirectURI,
		AllowedOAuthFlows:                        c.AllowedOAuthFlows,
		AllowedOAuthScopes:                       c.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          aws.ToBool(c.AllowedOAuthFlowsUserPoolClient),
		AnalyticsConfiguration:                   c.AnalyticsConfiguration,
		PreventUserExistenceErrors:               c.PreventUserExistenceErrors,
		EnableTokenRevocation:                    c.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: c.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      c.AuthSessionValidity,
		RefreshTokenRotation:                     c.RefreshTokenRotation,
	}
}

// field is one compared property and its effective value. Values are compared by this
// rendering, so they are written whole (quote would clip them).
type field struct{ name, value string }

// view renders every compared field of an UpdateUserPoolClient input as its effective value,
// in property order. The analytics configuration is rendered in the form the template uses
// (form): Cognito may describe a project given by ARN with its ID and role as well, which a
// template cannot write (ApplicationArn excludes them).
func view(in *cip.UpdateUserPoolClientInput, form *types.AnalyticsConfigurationType) []field {
	var u types.TokenValidityUnitsType
	if in.TokenValidityUnits != nil {
		u = *in.TokenValidityUnits
	}
	analytics := "none"
	if a := in.AnalyticsConfiguration; a != nil {
		switch {
		case form != nil && form.ApplicationArn != nil:
			analytics = fmt.Sprintf("{ApplicationArn: %s, UserDataShared: %t}", orNone(a.ApplicationArn), a.UserDataShared)
		case form != nil:
			analytics = fmt.Sprintf("{ApplicationId: %s, ExternalId: %s, RoleArn: %s, UserDataShared: %t}",
				orNone(a.ApplicationId), orNone(a.ExternalId), orNone(a.RoleArn), a.UserDataShared)
		default:
			analytics = fmt.Sprintf("{ApplicationArn: %s, ApplicationId: %s, ExternalId: %s, RoleArn: %s, UserDataShared: %t}",
				orNone(a.ApplicationArn), orNone(a.ApplicationId), orNone(a.ExternalId), orNone(a.RoleArn), a.UserDataShared)
		}
	}
	prevent := string(in.PreventUserExistenceErrors)
	if prevent == "" {
		prevent = string(PreventUserExistenceErrorsLegacy)
	}
	rotation := "{Feature: DISABLED}"
	if r := in.RefreshTokenRotation; r != nil && r.Feature == types.FeatureTypeEnabled {
		rotation = fmt.Sprintf("{Feature: ENABLED, RetryGracePeriodSeconds: %d}", aws.ToInt32(r.RetryGracePeriodSeconds))
	}
	session := int32(defaultAuthSessionMinutes)
	if in.AuthSessionValidity != nil {
		session = *in.AuthSessionValidity
	}
	flows := strs(in.ExplicitAuthFlows...)
	if len(flows) == 0 {
		flows = defaultAuthFlows
	}
	return []field{
		{"ClientName", strconv.Quote(aws.ToString(in.ClientName))},
		{"RefreshTokenValidity", duration(int64(in.RefreshTokenValidity), u.RefreshToken, types.TimeUnitsTypeDays, defaultRefreshSeconds)},
		{"AccessTokenValidity", duration(int64(aws.ToInt32(in.AccessTokenValidity)), u.AccessToken, types.TimeUnitsTypeHours, defaultAccessIDSeconds)},
		{"IdTokenValidity", duration(int64(aws.ToInt32(in.IdTokenValidity)), u.IdToken, types.TimeUnitsTypeHours, defaultAccessIDSeconds)},
		{"ReadAttributes", set(in.ReadAttributes)},
		{"WriteAttributes", set(in.WriteAttributes)},
		{"ExplicitAuthFlows", set(flows)},
		{"SupportedIdentityProviders", set(in.SupportedIdentityProviders)},
		{"CallbackURLs", set(in.CallbackURLs)},
		{"LogoutURLs", set(in.LogoutURLs)},
		{"DefaultRedirectURI", orNone(in.DefaultRedirectURI)},
		{"AllowedOAuthFlows", set(strs(in.AllowedOAuthFlows...))},
		{"AllowedOAuthScopes", set(in.AllowedOAuthScopes)},
		{"AllowedOAuthFlowsUserPoolClient", fmt.Sprint(in.AllowedOAuthFlowsUserPoolClient)},
		{"AnalyticsConfiguration", analytics},
		{"PreventUserExistenceErrors", prevent},
		// Cognito turns revocation on for every client made since 2021; absent means on.
		{"EnableTokenRevocation", fmt.Sprint(in.EnableTokenRevocation == nil || *in.EnableTokenRevocation)},
		{"EnablePropagateAdditionalUserContextData", fmt.Sprint(aws.ToBool(in.EnablePropagateAdditionalUserContextData))},
		{"AuthSessionValidity", fmt.Sprintf("%d minutes", session)},
		{"RefreshTokenRotation", rotation},
	}
}

// duration is a token validity as a length of time: v in unit (or def when no unit is
// given), or defSeconds when v is 0 (Cognito's default).
func duration(v int64, unit, def types.TimeUnitsType, defSeconds int64) string {
	if unit == "" {
		unit = def
	}
	secs := defSeconds
	if v != 0 {
		secs = v * int64(unitSeconds[TimeUnit(unit)])
	}
	for _, u := range []struct {
		name string
		size int64
	}{{"days", 86400}, {"hours", 3600}, {"minutes", 60}} {
		if secs != 0 && secs%u.size == 0 {
			return fmt.Sprintf("%d %s", secs/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d seconds", secs)
}

// set renders a list as a sorted set: [a, b]; empty is [].
func set(items []string) string {
	s := slices.Clone(items)
	slices.Sort(s)
	return "[" + strings.Join(s, ", ") + "]"
}

func orNone(s *string) string {
	if s == nil || *s == "" {
		return "none"
	}
	return strconv.Quote(*s)
}
