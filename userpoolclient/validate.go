package userpoolclient

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
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
	// arnPattern is ArnType of the Cognito API model, anchored.
	arnPattern = regexp.MustCompile(`^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$`)
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
	allowed, _ := Enum(path)
	if c.skip(v) || slices.Contains(allowed, v) {
		return true
	}
	if s := suggest(v, allowed); s != "" {
		c.is.add(path, "must be one of %s; %s given; did you mean %s?", strings.Join(allowed, ", "), quote(v), s)
		return false
	}
	c.is.add(path, "must be one of %s; %s given", strings.Join(allowed, ", "), quote(v))
	return false
}

// checkInt checks an integer property against its limits in its unit.
func (c checker) checkInt(p *Properties, path string, v int) {
	if !c.given(path, v == 0) {
		return
	}
	c.checkIntGiven(p, path, v)
}

// checkIntGiven checks an integer that is known to be given.
func (c checker) checkIntGiven(p *Properties, path string, v int) {
	lim, ok := intLimits(p, path)
	if ok && (v < lim.lo || v > lim.hi) {
		c.is.add(path, "must be %s; %s given", lim, c.shown(path, v))
	}
}

// limits is the allowed range of an integer property, in its unit.
type limits struct {
	lo, hi int
	unit   string
	// span is the range in words, when the unit is the user's choice.
	span string
}

func (l limits) String() string {
	s := fmt.Sprintf("between %d and %d %s", l.lo, l.hi, l.unit)
	if l.span != "" {
		s += " (" + l.span + ")"
	}
	return s
}

var unitSeconds = map[TimeUnit]int{Seconds: 1, Minutes: 60, Hours: 3600, Days: 86400}

// intLimits gives the limits of the integer property at path; a token validity's limits
// depend on its unit (TokenValidityUnits, or the default). ok is false for an unknown unit.
func intLimits(p *Properties, path string) (limits, bool) {
	if f, ok := fixedLimit(path); ok {
		return limits{lo: f.Min, hi: f.Max, unit: f.Unit}, true
	}
	v, ok := validityLimit(path)
	if !ok {
		return limits{}, false
	}
	u := p.units()
	unit := map[string]TimeUnit{"AccessTokenValidity": u.AccessToken, "IdTokenValidity": u.IdToken, "RefreshTokenValidity": u.RefreshToken}[path]
	size, ok := unitSeconds[unit]
	if !ok {
		return limits{}, false
	}
	return limits{lo: (v.minSeconds + size - 1) / size, hi: v.maxSeconds / size, unit: string(unit), span: v.span}, true
}

func orDefault(u, def TimeUnit) TimeUnit {
	if u == "" {
		return def
	}
	return u
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
	known, _ := Enum("ExplicitAuthFlows")
	for _, f := range flows {
		// Only known values, each once: the message must not echo a huge or unknown item.
		if c.skip(f) || !slices.Contains(known, f) || slices.Contains(legacy, f) || slices.Contains(modern, f) {
			continue
		}
		if isLegacyAuthFlow(f) {
			legacy = append(legacy, f)
		} else {
			modern = append(modern, f)
		}
	}
	if len(legacy) > 0 && len(modern) > 0 {
		is.add("ExplicitAuthFlows", "legacy values (%s) cannot be combined with ALLOW_ values (%s)",
			strings.Join(legacy, ", "), strings.Join(modern, ", "))
	}

	c.list("SupportedIdentityProviders", p.SupportedIdentityProviders, defaultListMax, func(path, s string) {
		if c.text(path, s, 1, 32, nil, "") && !c.skip(s) && strings.ContainsFunc(s, func(r rune) bool { return !providerRune(r) }) {
			c.is.add(path, "must be letters, marks, symbols, numbers, punctuation or spaces (no control characters); %s given", quote(s))
		}
	})
	c.list("CallbackURLs", p.CallbackURLs, 100, c.redirectURL)
	c.list("LogoutURLs", p.LogoutURLs, 100, c.redirectURL)
	if c.given("DefaultRedirectURI", p.DefaultRedirectURI == "") && !c.skip(p.DefaultRedirectURI) &&
		!slices.Contains(p.CallbackURLs, p.DefaultRedirectURI) && !listIsToken(c, p.CallbackURLs) {
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
	c.checkInt(p, "AuthSessionValidity", p.AuthSessionValidity)

	if r := p.RefreshTokenRotation; r != nil {
		if r.Feature == "" {
			is.add("RefreshTokenRotation.Feature", "required: ENABLED or DISABLED")
		} else if c.enum("RefreshTokenRotation.Feature", string(r.Feature)) &&
			r.Feature == RotationEnabled && slices.Contains(flows, string(AllowRefreshTokenAuth)) {
			is.add("RefreshTokenRotation.Feature", "ENABLED cannot be combined with ExplicitAuthFlows ALLOW_REFRESH_TOKEN_AUTH (rotation replaces it)")
		}
		if g := r.RetryGracePeriodSeconds; g != nil {
			c.checkIntGiven(p, "RefreshTokenRotation.RetryGracePeriodSeconds", *g)
		}
	}
	validateSecretsAndAdoption(c, p)
}

func listIsToken(c checker, items []string) bool {
	for _, it := range items {
		if c.skip(it) {
			return true
		}
	}
	return false
}

func validateTokenValidity(c checker, p *Properties) {
	if u := p.TokenValidityUnits; u != nil {
		for _, f := range []struct {
			name string
			v    TimeUnit
		}{{"AccessToken", u.AccessToken}, {"IdToken", u.IdToken}, {"RefreshToken", u.RefreshToken}} {
			if path := "TokenValidityUnits." + f.name; c.given(path, f.v == "") {
				c.enum(path, string(f.v))
			}
		}
	}
	for _, path := range []string{"RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity"} {
		c.checkInt(p, path, intField(p, path))
	}
}

func intField(p *Properties, path string) int {
	switch path {
	case "RefreshTokenValidity":
		return p.RefreshTokenValidity
	case "AccessTokenValidity":
		return p.AccessTokenValidity
	case "IdTokenValidity":
		return p.IdTokenValidity
	}
	return 0
}

func validateAttributes(c checker, p *Properties) {
	attr := func(path, s string) { c.text(path, s, 1, 2048, nil, "") }
	c.list("ReadAttributes", p.ReadAttributes, defaultListMax, attr)
	c.list("WriteAttributes", p.WriteAttributes, defaultListMax, attr)
}

// schemePattern is RFC 3986's scheme, followed by the ':' that ends it.
var schemePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// urlRune reports whether r may appear in a callback or logout URL: Cognito's pattern for
// both is [\p{L}\p{M}\p{S}\p{N}\p{P}]+ (letters, marks, symbols, numbers, punctuation),
// so no whitespace, control or format character.
func urlRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.S, unicode.N, unicode.P)
}

// providerRune is Cognito's ProviderNameType pattern, [\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+.
func providerRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.S, unicode.N, unicode.P, unicode.Z)
}

// redirectURL checks one callback or logout URL: Cognito's pattern, a scheme, no fragment, and
// https except for a loopback host. A custom app scheme needs neither host nor path
// (myapp://, com.example.app:/callback), as mobile apps use them.
func (c checker) redirectURL(path, s string) {
	if !c.text(path, s, 1, 1024, nil, "") {
		return
	}
	if c.skip(s) {
		return
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return !urlRune(r) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		c.is.add(path, "must not contain whitespace or control characters (%U at byte %d); %s given", r, i, quote(s))
		return
	}
	if !schemePattern.MatchString(s) {
		c.is.add(path, "must be an absolute URI, a scheme followed by ':' (https://example.com/callback, myapp://); %s given", quote(s))
		return
	}
	if strings.Contains(s, "#") {
		c.is.add(path, "must not contain a #fragment; %s given", quote(s))
		return
	}
	scheme, _, _ := strings.Cut(s, ":")
	if strings.EqualFold(scheme, "http") {
		u, err := url.Parse(s)
		if err != nil || !slices.Contains(loopbackHosts, strings.ToLower(u.Hostname())) {
			c.is.add(path, "must use https; http is allowed only for localhost, 127.0.0.1 and [::1]; %s given", quote(s))
		}
	}
}

func validateOAuth(c checker, p *Properties) {
	flows := make([]string, len(p.AllowedOAuthFlows))
	for i, f := range p.AllowedOAuthFlows {
		flows[i] = string(f)
	}
	c.list("AllowedOAuthFlows", flows, defaultListMax, func(path, f string) { c.enum(path, f) })
	clientCreds := slices.Contains(flows, string(OAuthClientCredentials))
	userFlows := slices.Contains(flows, string(OAuthCode)) || slices.Contains(flows, string(OAuthImplicit))
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
		if clientCreds && (slices.Contains(standardScopes, s) || !strings.Contains(s, "/")) {
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
		} else {
			c.text(p+".ExternalId", a.ExternalId, 1, 131072, nil, "")
		}
		if a.RoleArn == "" {
			c.is.add(p+".RoleArn", "required when ApplicationId is set")
		} else {
			arn(p+".RoleArn", a.RoleArn)
		}
	}
}
