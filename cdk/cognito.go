package cdk

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// ExtraProps are this project's props of a client made by [NewCognitoUserPoolClient]: what
// awscognito.UserPoolClientProps cannot carry (who serves the client, what happens to it on
// removal, where its credentials are stored, the client it adopts). The zero value is the
// default of each field, as in [UserPoolClientProps]. Props the resource gains beyond the
// native one belong here, under the names they have in UserPoolClientProps; they are checked
// by the resource's rules and reported as extra.<name>.
type ExtraProps struct {
	// SecretsManagerSecret receives the client's credentials (the SecretsManagerSecretId
	// property): see UserPoolClientProps.SecretsManagerSecret. Needs a client with a secret
	// (GenerateSecret, or ExistingClientId).
	SecretsManagerSecret awssecretsmanager.ISecret
	// SecretSerial rotates the client secret when raised: see
	// userpoolclient.Properties.SecretSerial. Needs SecretsManagerSecret.
	SecretSerial int
	// ExistingClientId adopts an existing client instead of creating one: see
	// userpoolclient.Properties.ExistingClientId.
	ExistingClientId string

	// Provider serves the resource. Default: the stack's shared provider ([ProviderFor]).
	Provider *Provider
	// ServiceToken is the ARN of a provider function deployed elsewhere
	// (ImportServiceToken("")). Give Provider or ServiceToken, not both.
	ServiceToken string
	// ServiceTimeout: see UserPoolClientProps.ServiceTimeout.
	ServiceTimeout time.Duration
	// RemovalPolicy: see UserPoolClientProps.RemovalPolicy.
	RemovalPolicy awscdk.RemovalPolicy
}

// NewCognitoUserPoolClient is the drop-in for awscognito.NewUserPoolClient: the same arguments,
// the same defaults and the same CloudFormation properties, served as Custom::UserPoolClient.
// Switching is renaming the function:
//
//	awscognito.NewUserPoolClient(stack, jsii.String("Web"), &awscognito.UserPoolClientProps{...})
//	cdk.NewCognitoUserPoolClient(stack, jsii.String("Web"), &awscognito.UserPoolClientProps{...})
//
// Every prop is supported with the native construct's defaults: unless DisableOAuth is set,
// OAuth is on with the code and implicit flows, the scopes profile, phone, email, openid and
// aws.cognito.signin.user.admin, and the callback URL https://example.com; durations become
// minutes (refresh rotation's grace period, seconds); with AuthFlows given,
// ALLOW_REFRESH_TOKEN_AUTH is added unless RefreshTokenRotationGracePeriod is set; without
// SupportedIdentityProviders, the pool's registered providers and COGNITO.
//
// Where the native construct throws, this one reports: the native construct's own checks and
// every rule of the resource's model are the construct's validation errors, each naming the
// prop by its path in UserPoolClientProps (and the resource property it became), so app.Synth
// fails once with every broken construct (see [Synth]).
//
// extra, at most one, are this project's own props (the provider, the removal policy, the
// storage secret, rotation and adoption); without them the stack's shared provider serves the
// client, removal deletes it, and the client's secret (if any) is the ClientSecret attribute.
func NewCognitoUserPoolClient(scope constructs.Construct, id *string, props *awscognito.UserPoolClientProps, extra ...*ExtraProps) *UserPoolClient {
	var o ExtraProps
	var issues []userpoolclient.Issue
	switch {
	case len(extra) > 1:
		issues = append(issues, userpoolclient.Issue{Path: "extra", Message: fmt.Sprintf("give at most one ExtraProps; %d given", len(extra))})
	case len(extra) == 1 && extra[0] != nil:
		o = *extra[0]
	}
	var p awscognito.UserPoolClientProps
	if props != nil {
		p = *props
	}
	cfn, l2Issues := cognitoProperties(p)
	issues = append(issues, l2Issues...)

	st := storage{secret: o.SecretsManagerSecret, path: "extra.SecretsManagerSecret"}
	if st.secret != nil {
		cfn["SecretsManagerSecretId"] = *st.secret.SecretArn()
	}
	if o.SecretSerial != 0 {
		cfn["SecretSerial"] = o.SecretSerial
	}
	if o.ExistingClientId != "" {
		cfn["ExistingClientId"] = o.ExistingClientId
	}
	issues = append(issues, modelIssuesOf(cfn, l2Issues)...)

	userPoolID, _ := cfn["UserPoolId"].(string)
	generateSecret, _ := cfn["GenerateSecret"].(bool)
	name := ""
	if id != nil {
		name = *id
	}
	return newClient(scope, name, &cfn, clientFacts{userPoolID: userPoolID, generateSecret: generateSecret,
		adopted: o.ExistingClientId != "", storage: st}, issues,
		service{provider: o.Provider, serviceToken: o.ServiceToken, timeout: o.ServiceTimeout, removalPolicy: o.RemovalPolicy})
}

// defaultCallbackURL is the native construct's callback URL when the code or implicit flow is
// on and none is given.
const defaultCallbackURL = "https://example.com"

// cognitoProperties turns the native construct's props into the properties it would give
// AWS::Cognito::UserPoolClient, following aws-cdk-lib's aws-cognito/lib/user-pool-client.js,
// and reports what that construct would throw for, by prop path.
func cognitoProperties(p awscognito.UserPoolClientProps) (map[string]any, []userpoolclient.Issue) {
	var issues []userpoolclient.Issue
	fail := func(path, format string, args ...any) {
		issues = append(issues, userpoolclient.Issue{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	out := map[string]any{}
	set := func(key string, v any) {
		switch v := v.(type) {
		case *string:
			if v != nil {
				out[key] = *v
			}
		case *bool:
			if v != nil {
				out[key] = *v
			}
		case []string:
			if v != nil {
				out[key] = v
			}
		default:
			out[key] = v
		}
	}
	disableOAuth := p.DisableOAuth != nil && *p.DisableOAuth
	oauth := p.OAuth
	if disableOAuth && oauth != nil {
		fail("OAuth", "cannot be combined with DisableOAuth: true")
	}
	if oauth == nil {
		oauth = &awscognito.OAuthSettings{}
	}

	if p.UserPool == nil {
		fail("UserPool", "required: the user pool the client belongs to")
	} else {
		set("UserPoolId", p.UserPool.UserPoolRef().UserPoolId)
	}
	set("ClientName", p.UserPoolClientName)
	set("GenerateSecret", p.GenerateSecret)

	// Flows: default code and implicit.
	flows := awscognito.OAuthFlows{AuthorizationCodeGrant: ptr(true), ImplicitCodeGrant: ptr(true)}
	if oauth.Flows != nil {
		flows = *oauth.Flows
	}
	code, implicit, credentials := isTrue(flows.AuthorizationCodeGrant), isTrue(flows.ImplicitCodeGrant), isTrue(flows.ClientCredentials)
	callbacks := strs(oauth.CallbackUrls)
	if code || implicit {
		if oauth.CallbackUrls == nil {
			callbacks = []string{defaultCallbackURL}
		} else if len(callbacks) == 0 {
			fail("OAuth.CallbackUrls", "must not be empty when the authorization code or implicit grant flow is enabled")
		}
	}
	if !disableOAuth {
		if credentials && (code || implicit) {
			fail("OAuth.Flows.ClientCredentials", "cannot be combined with AuthorizationCodeGrant or ImplicitCodeGrant")
		}
		var names []string
		if credentials {
			names = append(names, string(userpoolclient.OAuthClientCredentials))
		}
		if implicit {
			names = append(names, string(userpoolclient.OAuthImplicit))
		}
		if code {
			names = append(names, string(userpoolclient.OAuthCode))
		}
		if len(names) > 0 {
			set("AllowedOAuthFlows", names)
		}
		set("AllowedOAuthScopes", oauthScopes(oauth.Scopes))
		if len(callbacks) > 0 {
			set("CallbackURLs", callbacks)
		}
	}
	set("DefaultRedirectURI", oauth.DefaultRedirectUri)
	set("LogoutURLs", strs(oauth.LogoutUrls))
	set("AllowedOAuthFlowsUserPoolClient", !disableOAuth)

	if p.AuthFlows != nil {
		a := p.AuthFlows
		if a.UserPassword != nil || a.AdminUserPassword != nil || a.Custom != nil || a.UserSrp != nil || a.User != nil {
			names := []string{}
			for _, f := range []struct {
				on   *bool
				flow userpoolclient.AuthFlow
			}{
				{a.UserPassword, userpoolclient.AllowUserPasswordAuth}, {a.AdminUserPassword, userpoolclient.AllowAdminUserPasswordAuth},
				{a.Custom, userpoolclient.AllowCustomAuth}, {a.UserSrp, userpoolclient.AllowUserSRPAuth}, {a.User, userpoolclient.AllowUserAuth},
			} {
				if isTrue(f.on) {
					names = append(names, string(f.flow))
				}
			}
			if p.RefreshTokenRotationGracePeriod == nil {
				names = append(names, string(userpoolclient.AllowRefreshTokenAuth))
			}
			set("ExplicitAuthFlows", names)
		}
	}

	if p.PreventUserExistenceErrors != nil {
		v := userpoolclient.PreventUserExistenceErrorsLegacy
		if *p.PreventUserExistenceErrors {
			v = userpoolclient.PreventUserExistenceErrorsEnabled
		}
		set("PreventUserExistenceErrors", string(v))
	}
	if providers := identityProviders(p); len(providers) > 0 {
		set("SupportedIdentityProviders", providers)
	}
	if p.ReadAttributes != nil {
		set("ReadAttributes", strs(p.ReadAttributes.Attributes()))
	}
	if p.WriteAttributes != nil {
		set("WriteAttributes", strs(p.WriteAttributes.Attributes()))
	}
	set("EnableTokenRevocation", p.EnableTokenRevocation)
	set("EnablePropagateAdditionalUserContextData", p.EnablePropagateAdditionalUserContextData)
	if a := p.Analytics; a != nil {
		analytics := map[string]any{}
		if a.Application != nil {
			analytics["ApplicationArn"] = *a.Application.AttrArn()
		}
		if a.ApplicationId != nil {
			analytics["ApplicationId"] = *a.ApplicationId
		}
		if a.ExternalId != nil {
			analytics["ExternalId"] = *a.ExternalId
		}
		if a.Role != nil {
			analytics["RoleArn"] = *a.Role.RoleRef().RoleArn
		}
		if a.ShareUserData != nil {
			analytics["UserDataShared"] = *a.ShareUserData
		}
		switch {
		case a.Application != nil && (a.ApplicationId != nil || a.ExternalId != nil || a.Role != nil):
			fail("Analytics", "give either Application, or all of ApplicationId, ExternalId and Role")
		case a.Application == nil && (a.ApplicationId == nil || a.ExternalId == nil || a.Role == nil):
			fail("Analytics", "give all of ApplicationId, ExternalId and Role, or Application")
		}
		set("AnalyticsConfiguration", analytics)
	}

	// Durations, checked as the native construct checks them, written in minutes.
	minutes := func(path string, d awscdk.Duration, lo, hi time.Duration) (int, bool) {
		return wholeDuration(path, d, lo, hi, time.Minute, fail)
	}
	if d := p.AuthSessionValidity; d != nil {
		if m, ok := minutes("AuthSessionValidity", d, 3*time.Minute, 15*time.Minute); ok {
			set("AuthSessionValidity", m)
		}
	}
	refresh, hasRefresh := 0, false
	if d := p.RefreshTokenValidity; d != nil {
		refresh, hasRefresh = minutes("RefreshTokenValidity", d, 60*time.Minute, 3650*24*time.Hour)
	}
	units := map[string]any{}
	for _, t := range []struct {
		path, unitKey string
		d             awscdk.Duration
	}{
		{"IdTokenValidity", "IdToken", p.IdTokenValidity},
		{"AccessTokenValidity", "AccessToken", p.AccessTokenValidity},
	} {
		if t.d == nil {
			continue
		}
		hi := 24 * time.Hour
		if hasRefresh && time.Duration(refresh)*time.Minute < hi {
			hi = time.Duration(refresh) * time.Minute // no longer than the refresh token
		}
		if m, ok := minutes(t.path, t.d, 5*time.Minute, hi); ok {
			set(t.path, m)
		}
		units[t.unitKey] = string(userpoolclient.Minutes)
	}
	if p.RefreshTokenValidity != nil {
		if hasRefresh {
			set("RefreshTokenValidity", refresh)
		}
		units["RefreshToken"] = string(userpoolclient.Minutes)
	}
	if len(units) > 0 {
		set("TokenValidityUnits", units)
	}
	if d := p.RefreshTokenRotationGracePeriod; d != nil {
		if s, ok := wholeDuration("RefreshTokenRotationGracePeriod", d, 0, time.Minute, time.Second, fail); ok {
			set("RefreshTokenRotation", map[string]any{"Feature": string(userpoolclient.RotationEnabled), "RetryGracePeriodSeconds": s})
		}
	}
	return out, issues
}

// wholeDuration is d in whole units, checked to lie in [lo, hi] as the native construct does.
func wholeDuration(path string, d awscdk.Duration, lo, hi, unit time.Duration, fail func(string, string, ...any)) (int, bool) {
	if isTrue(d.IsUnresolved()) {
		fail(path, "must be a literal duration, not a token: the resource's integer properties are checked and written at synth time")
		return 0, false
	}
	ms := *d.ToMilliseconds(&awscdk.TimeConversionOptions{Integral: ptr(false)})
	if ms < float64(lo.Milliseconds()) || ms > float64(hi.Milliseconds()) {
		fail(path, "must be a duration between %s and %s (inclusive); %s given", human(lo), human(hi), *d.ToHumanString())
		return 0, false
	}
	n := ms / float64(unit.Milliseconds())
	if n != math.Trunc(n) {
		fail(path, "must be a whole number of %ss; %s given", strings.TrimPrefix(human(unit), "1 "), *d.ToHumanString())
		return 0, false
	}
	return int(n), true
}

// human writes a duration as CDK's toHumanString does for whole units.
func human(d time.Duration) string {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}, {time.Second, "second"}} {
		if d >= u.d && d%u.d == 0 {
			n := int64(d / u.d)
			if n == 1 {
				return "1 " + u.name
			}
			return fmt.Sprintf("%d %ss", n, u.name)
		}
	}
	return "0 seconds"
}

// oauthScopes are the native construct's scopes: the given ones (default profile, phone,
// email, openid, aws.cognito.signin.user.admin) once each in order, plus openid when phone,
// email or profile is among them.
func oauthScopes(scopes *[]awscognito.OAuthScope) []string {
	var given []string
	if scopes == nil {
		given = []string{"profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"}
	} else {
		given = []string{}
		for _, s := range *scopes {
			given = append(given, *s.ScopeName())
		}
	}
	names := []string{}
	for _, s := range given {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	if (slices.Contains(names, "phone") || slices.Contains(names, "email") || slices.Contains(names, "profile")) &&
		!slices.Contains(names, "openid") {
		names = append(names, "openid")
	}
	return names
}

// identityProviders are SupportedIdentityProviders as given, or else the pool's registered
// providers and COGNITO.
func identityProviders(p awscognito.UserPoolClientProps) []string {
	if p.SupportedIdentityProviders != nil {
		var out []string
		for _, ip := range *p.SupportedIdentityProviders {
			out = append(out, *ip.Name())
		}
		return out
	}
	var out []string
	if pool, ok := p.UserPool.(awscognito.IUserPool); ok {
		if ips := pool.IdentityProviders(); ips != nil {
			for _, ip := range *ips {
				if name := *ip.ProviderName(); !slices.Contains(out, name) {
					out = append(out, name)
				}
			}
		}
	}
	if !slices.Contains(out, "COGNITO") {
		out = append(out, "COGNITO")
	}
	return out
}

// modelIssuesOf checks the properties by the resource's rules, as the function will, and
// names each issue by the prop it came from; a prop the native checks already faulted is not
// reported twice.
func modelIssuesOf(cfn map[string]any, already []userpoolclient.Issue) []userpoolclient.Issue {
	raw, err := json.Marshal(cfn)
	if err != nil {
		return []userpoolclient.Issue{{Message: fmt.Sprintf("encode properties: %v", err)}}
	}
	props := userpoolclient.DecodeLenient(raw)
	var out []userpoolclient.Issue
	for _, is := range modelIssues(props.ValidateWith(userpoolclient.ValidateOptions{Unresolved: isUnresolved})) {
		prop := cognitoPropPath(is.Path)
		if slices.ContainsFunc(already, func(a userpoolclient.Issue) bool {
			return strings.HasPrefix(root(prop), root(a.Path)) || strings.HasPrefix(root(a.Path), root(prop))
		}) {
			continue
		}
		if prop != is.Path {
			is.Path = prop + " (" + is.Path + ")"
		}
		out = append(out, is)
	}
	return out
}

// cognitoProps name, for each property of the resource, the prop of
// awscognito.UserPoolClientProps it comes from.
var cognitoProps = map[string]string{
	"UserPoolId":                                   "UserPool",
	"ClientName":                                   "UserPoolClientName",
	"ExplicitAuthFlows":                            "AuthFlows",
	"CallbackURLs":                                 "OAuth.CallbackUrls",
	"LogoutURLs":                                   "OAuth.LogoutUrls",
	"DefaultRedirectURI":                           "OAuth.DefaultRedirectUri",
	"AllowedOAuthFlows":                            "OAuth.Flows",
	"AllowedOAuthScopes":                           "OAuth.Scopes",
	"AllowedOAuthFlowsUserPoolClient":              "DisableOAuth",
	"AnalyticsConfiguration.ApplicationArn":        "Analytics.Application",
	"AnalyticsConfiguration.ApplicationId":         "Analytics.ApplicationId",
	"AnalyticsConfiguration.ExternalId":            "Analytics.ExternalId",
	"AnalyticsConfiguration.RoleArn":               "Analytics.Role",
	"AnalyticsConfiguration.UserDataShared":        "Analytics.ShareUserData",
	"AnalyticsConfiguration":                       "Analytics",
	"RefreshTokenRotation":                         "RefreshTokenRotationGracePeriod",
	"RefreshTokenRotation.Feature":                 "RefreshTokenRotationGracePeriod",
	"RefreshTokenRotation.RetryGracePeriodSeconds": "RefreshTokenRotationGracePeriod",
	"TokenValidityUnits.AccessToken":               "AccessTokenValidity",
	"TokenValidityUnits.IdToken":                   "IdTokenValidity",
	"TokenValidityUnits.RefreshToken":              "RefreshTokenValidity",
	"SecretsManagerSecretId":                       "extra.SecretsManagerSecret",
	"SecretSerial":                                 "extra.SecretSerial",
	"ExistingClientId":                             "extra.ExistingClientId",
}

// cognitoPropPath maps a property path of the resource (CallbackURLs[1]) to the prop path it
// came from (OAuth.CallbackUrls[1]).
func cognitoPropPath(path string) string {
	base, index, _ := strings.Cut(path, "[")
	if index != "" {
		index = "[" + index
	}
	if prop, ok := cognitoProps[base]; ok {
		return prop + index
	}
	return path
}

// root is the first element of a path: OAuth.CallbackUrls[1] -> OAuth.CallbackUrls.
func root(path string) string {
	base, _, _ := strings.Cut(path, "[")
	return base
}

func isTrue(b *bool) bool { return b != nil && *b }

func ptr[T any](v T) *T { return &v }

// strs copies a jsii list of strings; nil stays nil.
func strs(l *[]*string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, 0, len(*l))
	for _, s := range *l {
		out = append(out, *s)
	}
	return out
}
