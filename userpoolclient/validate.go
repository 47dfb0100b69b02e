package userpoolclient

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ValidateOptions adjusts Validate for values that are not known yet.
type ValidateOptions struct {
	// Unresolved reports a value that is a placeholder for something known only at deploy time
	// (a CDK token such as "${Token[TOKEN.12]}"); such values are not checked.
	Unresolved func(string) bool
}

// Validate checks every rule of the resource, as the Lambda does before any Cognito call,
// and returns a *ValidationError naming all violations. Zero values count as absent.
func (p Properties) Validate() error { return p.ValidateWith(ValidateOptions{}) }

// ValidateWith is Validate with options.
func (p Properties) ValidateWith(opts ValidateOptions) error {
	var is issues
	validate(&p, nil, opts.Unresolved, &is)
	return is.err()
}

const defaultListMax = 1000

var (
	userPoolIDPattern = regexp.MustCompile(`^[\w-]+_[0-9a-zA-Z]+$`)
	clientNamePattern = regexp.MustCompile(`^[\w\s+=,.@-]+$`)
	scopePattern      = regexp.MustCompile(`^[\x21\x23-\x5B\x5D-\x7E]+$`)
	hexPattern        = regexp.MustCompile(`^[0-9a-fA-F]+$`)
	arnPattern        = regexp.MustCompile(`^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:[\w+=/,.@-]*:[0-9]*:[\w+=,.@-]+(/[\w+=/,.@-]+)*$`)
)

// standardScopes are Cognito's built-in scopes; client_credentials cannot use them.
var standardScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

type checker struct {
	is         *issues
	present    presence
	unresolved func(string) bool
}

func (c checker) skip(s string) bool { return c.unresolved != nil && c.unresolved(s) }

// given reports whether a scalar was set: non-zero, or written out explicitly.
func (c checker) given(path string, zero bool) bool {
	_, written := c.present[path]
	return !zero || written
}

// shown is an integer as the user wrote it (a value beyond int32 is held clamped).
func (c checker) shown(path string, v int) string {
	if lit, ok := c.present[path]; ok {
		return quote(lit)
	}
	return fmt.Sprint(v)
}

// text checks a string's length in code points and, optionally, its pattern.
func (c checker) text(path, s string, minLen, maxLen int, pattern *regexp.Regexp, patternText string) bool {
	if c.skip(s) {
		return true
	}
	n := utf8.RuneCountInString(s)
	if n < minLen || n > maxLen {
		c.is.add(path, "must be %d–%d characters; %d given", minLen, maxLen, n)
		return false
	}
	if pattern != nil && !pattern.MatchString(s) {
		c.is.add(path, "must match %s; %s given", patternText, quote(s))
		return false
	}
	return true
}

// list checks a list's size and distinct items, then each item with check. A list holding a
// placeholder for a whole list (a CDK list token) is not checked.
func (c checker) list(path string, items []string, max int, check func(path, item string)) {
	for _, it := range items {
		if c.skip(it) {
			return
		}
	}
	if len(items) > max {
		c.is.add(path, "must hold at most %d items; %d given", max, len(items))
		return
	}
	seen := make(map[string]bool, len(items))
	for i, it := range items {
		if seen[it] {
			c.is.add(path, "must not repeat a value; %s appears more than once", quote(it))
			continue
		}
		seen[it] = true
		if check != nil {
			check(fmt.Sprintf("%s[%d]", path, i), it)
		}
	}
}

func (c checker) enum(path, v string) bool {
	allowed := Enums[enumKey(path)]
	if c.skip(v) || contains(allowed, v) {
		return true
	}
	c.is.add(path, "must be one of %s; %s given", strings.Join(allowed, ", "), quote(v))
	return false
}

// enumKey strips list indexes: ExplicitAuthFlows[2] → ExplicitAuthFlows.
func enumKey(path string) string {
	if i := strings.IndexByte(path, '['); i >= 0 {
		return path[:i]
	}
	return path
}

func (c checker) intRange(path string, v, lo, hi int, unit string) {
	if !c.given(path, v == 0) {
		return
	}
	if v < lo || v > hi {
		c.is.add(path, "must be between %d and %d %s; %s given", lo, hi, unit, c.shown(path, v))
	}
}

func validate(p *Properties, present presence, unresolved func(string) bool, is *issues) {
	c := checker{is: is, present: present, unresolved: unresolved}

	if !c.given("UserPoolId", p.UserPoolId == "") {
		is.add("UserPoolId", "required: the ID of the user pool the client belongs to (for example us-east-1_aBcDeFgHi)")
	} else {
		c.text("UserPoolId", p.UserPoolId, 1, 55, userPoolIDPattern, `^[\w-]+_[0-9a-zA-Z]+$`)
	}
	if c.given("ClientName", p.ClientName == "") {
		c.text("ClientName", p.ClientName, 1, 128, clientNamePattern, `^[\w\s+=,.@-]+$`)
	}

	validateTokenValidity(c, p)
	validateAttributes(c, p)

	flows := make([]string, len(p.ExplicitAuthFlows))
	for i, f := range p.ExplicitAuthFlows {
		flows[i] = string(f)
	}
	c.list("ExplicitAuthFlows", flows, defaultListMax, func(path, f string) { c.enum(path, f) })
	var legacy, modern []string
	for _, f := range flows {
		if c.skip(f) {
			continue
		}
		if strings.HasPrefix(f, "ALLOW_") {
			modern = append(modern, f)
		} else if contains(Enums["ExplicitAuthFlows"], f) {
			legacy = append(legacy, f)
		}
	}
	if len(legacy) > 0 && len(modern) > 0 {
		is.add("ExplicitAuthFlows", "legacy values (%s) cannot be combined with ALLOW_ values (%s)",
			strings.Join(legacy, ", "), strings.Join(modern, ", "))
	}

	c.list("SupportedIdentityProviders", p.SupportedIdentityProviders, defaultListMax, func(path, s string) {
		c.text(path, s, 1, 32, nil, "")
	})
	c.list("CallbackURLs", p.CallbackURLs, 100, c.redirectURL)
	c.list("LogoutURLs", p.LogoutURLs, 100, c.redirectURL)
	if c.given("DefaultRedirectURI", p.DefaultRedirectURI == "") && !c.skip(p.DefaultRedirectURI) &&
		!contains(p.CallbackURLs, p.DefaultRedirectURI) && !listIsToken(c, p.CallbackURLs) {
		is.add("DefaultRedirectURI", "must be one of CallbackURLs; %s is not", quote(p.DefaultRedirectURI))
	}

	validateOAuth(c, p)
	validateAnalytics(c, p.AnalyticsConfiguration)

	if c.given("PreventUserExistenceErrors", p.PreventUserExistenceErrors == "") {
		c.enum("PreventUserExistenceErrors", string(p.PreventUserExistenceErrors))
	}
	if p.EnablePropagateAdditionalUserContextData && !p.GenerateSecret {
		is.add("EnablePropagateAdditionalUserContextData", "true requires GenerateSecret: true")
	}
	c.intRange("AuthSessionValidity", p.AuthSessionValidity, 3, 15, "minutes")

	if r := p.RefreshTokenRotation; r != nil {
		if r.Feature == "" {
			is.add("RefreshTokenRotation.Feature", "required: ENABLED or DISABLED")
		} else if c.enum("RefreshTokenRotation.Feature", string(r.Feature)) &&
			r.Feature == RotationEnabled && contains(flows, string(AllowRefreshTokenAuth)) {
			is.add("RefreshTokenRotation.Feature", "ENABLED cannot be combined with ExplicitAuthFlows ALLOW_REFRESH_TOKEN_AUTH (rotation replaces it)")
		}
		if v := r.RetryGracePeriodSeconds; v < 0 || v > 60 {
			is.add("RefreshTokenRotation.RetryGracePeriodSeconds", "must be between 0 and 60 seconds; %s given", c.shown("RefreshTokenRotation.RetryGracePeriodSeconds", v))
		}
	}
}

func listIsToken(c checker, items []string) bool {
	for _, it := range items {
		if c.skip(it) {
			return true
		}
	}
	return false
}

var unitSeconds = map[TimeUnit]int{Seconds: 1, Minutes: 60, Hours: 3600, Days: 86400}

func validateTokenValidity(c checker, p *Properties) {
	var u TokenValidityUnits
	if p.TokenValidityUnits != nil {
		u = *p.TokenValidityUnits
		for _, f := range []struct {
			name string
			v    TimeUnit
		}{{"AccessToken", u.AccessToken}, {"IdToken", u.IdToken}, {"RefreshToken", u.RefreshToken}} {
			path := "TokenValidityUnits." + f.name
			if c.given(path, f.v == "") && !c.enum(path, string(f.v)) {
				// An unknown unit makes the range meaningless; its validity is not checked.
				switch f.name {
				case "AccessToken":
					u.AccessToken = "?"
				case "IdToken":
					u.IdToken = "?"
				case "RefreshToken":
					u.RefreshToken = "?"
				}
			}
		}
	}
	tokenRange(c, "RefreshTokenValidity", p.RefreshTokenValidity, u.RefreshToken, Days, 3600, 3650*86400, "60 minutes to 3650 days")
	tokenRange(c, "AccessTokenValidity", p.AccessTokenValidity, u.AccessToken, Hours, 300, 86400, "5 minutes to 1 day")
	tokenRange(c, "IdTokenValidity", p.IdTokenValidity, u.IdToken, Hours, 300, 86400, "5 minutes to 1 day")
}

// tokenRange checks a validity against its limits expressed in its own unit.
func tokenRange(c checker, path string, v int, unit, def TimeUnit, minSec, maxSec int, limits string) {
	if unit == "" {
		unit = def
	}
	size, ok := unitSeconds[unit]
	if !ok || !c.given(path, v == 0) {
		return
	}
	lo := (minSec + size - 1) / size
	hi := maxSec / size
	if v < lo || v > hi {
		c.is.add(path, "must be between %d and %d %s (%s); %s given", lo, hi, unit, limits, c.shown(path, v))
	}
}

func validateAttributes(c checker, p *Properties) {
	attr := func(path, s string) { c.text(path, s, 1, 2048, nil, "") }
	c.list("ReadAttributes", p.ReadAttributes, defaultListMax, attr)
	c.list("WriteAttributes", p.WriteAttributes, defaultListMax, attr)
}

// redirectURL checks one callback or logout URL.
func (c checker) redirectURL(path, s string) {
	if !c.text(path, s, 1, 1024, nil, "") {
		return
	}
	if c.skip(s) {
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "" && u.Path == "") {
		c.is.add(path, "must be an absolute URI such as https://example.com/callback; %s given", quote(s))
		return
	}
	if strings.Contains(s, "#") {
		c.is.add(path, "must not contain a #fragment; %s given", quote(s))
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		if !contains(loopbackHosts, u.Hostname()) {
			c.is.add(path, "must use https; http is allowed only for localhost, 127.0.0.1 and [::1]; %s given", quote(s))
		}
	case "https":
		if u.Host == "" {
			c.is.add(path, "must name a host; %s given", quote(s))
		}
	}
}

func validateOAuth(c checker, p *Properties) {
	flows := make([]string, len(p.AllowedOAuthFlows))
	for i, f := range p.AllowedOAuthFlows {
		flows[i] = string(f)
	}
	c.list("AllowedOAuthFlows", flows, defaultListMax, func(path, f string) { c.enum(path, f) })
	clientCreds := contains(flows, string(OAuthClientCredentials))
	userFlows := contains(flows, string(OAuthCode)) || contains(flows, string(OAuthImplicit))
	if clientCreds && userFlows {
		c.is.add("AllowedOAuthFlows", "client_credentials cannot be combined with code or implicit")
	}
	if clientCreds && !p.GenerateSecret {
		c.is.add("AllowedOAuthFlows", "client_credentials requires GenerateSecret: true")
	}
	if userFlows && len(p.CallbackURLs) == 0 {
		c.is.add("CallbackURLs", "at least one callback URL is required when AllowedOAuthFlows includes code or implicit")
	}

	c.list("AllowedOAuthScopes", p.AllowedOAuthScopes, 50, func(path, s string) {
		if !c.text(path, s, 1, 256, scopePattern, "printable ASCII without space, \" or \\") || c.skip(s) {
			return
		}
		if clientCreds && (contains(standardScopes, s) || !strings.Contains(s, "/")) {
			c.is.add(path, "client_credentials allows only custom resource-server scopes (server/scope); %s given", quote(s))
		}
	})

	if p.AllowedOAuthFlowsUserPoolClient {
		if len(p.AllowedOAuthFlows) == 0 {
			c.is.add("AllowedOAuthFlows", "required when AllowedOAuthFlowsUserPoolClient is true: code, implicit or client_credentials")
		}
		if len(p.AllowedOAuthScopes) == 0 {
			c.is.add("AllowedOAuthScopes", "required when AllowedOAuthFlowsUserPoolClient is true")
		}
	}
}

func validateAnalytics(c checker, a *AnalyticsConfiguration) {
	if a == nil {
		return
	}
	const p = "AnalyticsConfiguration"
	arn := func(path, s string) {
		if c.text(path, s, 20, 2048, nil, "") && !c.skip(s) && !arnPattern.MatchString(s) {
			c.is.add(path, "must be an ARN (arn:partition:service:region:account:resource); %s given", quote(s))
		}
	}
	switch {
	case a.ApplicationArn == "" && a.ApplicationId == "":
		c.is.add(p, "exactly one of ApplicationArn or ApplicationId is required")
	case a.ApplicationArn != "" && a.ApplicationId != "":
		c.is.add(p+".ApplicationArn", "cannot be combined with ApplicationId; give exactly one")
	case a.ApplicationArn != "":
		arn(p+".ApplicationArn", a.ApplicationArn)
		if a.ExternalId != "" {
			c.is.add(p+".ExternalId", "not allowed with ApplicationArn (Cognito uses its service-linked role)")
		}
		if a.RoleArn != "" {
			c.is.add(p+".RoleArn", "not allowed with ApplicationArn (Cognito uses its service-linked role)")
		}
	default:
		if !c.skip(a.ApplicationId) && !hexPattern.MatchString(a.ApplicationId) {
			c.is.add(p+".ApplicationId", "must be the hexadecimal ID of an Amazon Pinpoint project; %s given", quote(a.ApplicationId))
		}
		if a.ExternalId == "" {
			c.is.add(p+".ExternalId", "required when ApplicationId is set")
		}
		if a.RoleArn == "" {
			c.is.add(p+".RoleArn", "required when ApplicationId is set")
		} else {
			arn(p+".RoleArn", a.RoleArn)
		}
	}
}
