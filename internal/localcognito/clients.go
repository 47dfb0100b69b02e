package localcognito

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// UpdateUserPoolClient is a full-state update: "If you don't provide a value for an attribute,
// Amazon Cognito sets it to its default value."
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
// moto merges instead. The layer sends moto every field of the operation, an omitted one as its
// default, so that moto's merge is a reset.

// updateFields are the fields of UpdateUserPoolClient that configure the client, read from the
// SDK so that a field Cognito adds is reset too. ClientName is kept: it has no default, and
// Cognito keeps the name when the request omits it.
var updateFields = func() []string {
	t := reflect.TypeFor[cip.UpdateUserPoolClientInput]()
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ClientId" || f.Name == "UserPoolId" || f.Name == "ClientName" {
			continue
		}
		out = append(out, f.Name)
	}
	return out
}()

// defaults are the values Cognito gives a field that a request omits, where it reports one (a
// new client describes them): the API reference's defaults, which moto's CreateUserPoolClient
// also sets, and PreventUserExistenceErrors, which the API reference says "Defaults to LEGACY"
// and moto leaves unset (createDefaults adds it on Create). Every other omitted field is absent
// (JSON null to moto).
var defaults = map[string]any{
	"AllowedOAuthFlowsUserPoolClient":          false,
	"AuthSessionValidity":                      3,
	"EnablePropagateAdditionalUserContextData": false,
	"EnableTokenRevocation":                    true,
	"RefreshTokenValidity":                     30,
	"PreventUserExistenceErrors":               "LEGACY",
}

// createDefaults are the defaults moto's CreateUserPoolClient does not set itself.
var createDefaults = map[string]any{"PreventUserExistenceErrors": "LEGACY"}

// updateClient serves UpdateUserPoolClient: constraints first, then the full-state update.
func (s *Server) updateClient(c *call) {
	k := clientKey{c.str("UserPoolId"), c.str("ClientId")}
	if _, ok := s.existing(c); !ok {
		return
	}
	if e := s.checkClient(c, c.in, s.hasSecret(k)); e != nil {
		c.fail(e)
		return
	}
	body := clone(c.in)
	for _, f := range updateFields {
		if v, given := body[f]; given && v != nil {
			continue
		}
		if d, ok := defaults[f]; ok {
			body[f] = d
		} else {
			body[f] = nil
		}
	}
	// RefreshTokenValidity 0 is not a value: "If you do, Amazon Cognito overrides the value
	// with the default value of 30 days."
	if n, ok := body["RefreshTokenValidity"].(interface{ String() string }); ok && n.String() == "0" {
		body["RefreshTokenValidity"] = defaults["RefreshTokenValidity"]
	}
	a, err := c.forwardWith(body)
	if err != nil {
		c.backendFailed(err)
		return
	}
	s.withSecret(c, a)
}

func (s *Server) hasSecret(k clientKey) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.secrets[k]) > 0
}

// maxClients is Cognito's quota of app clients per user pool:
// https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
const maxClients = 1000

// countClients counts the pool's clients (moto's answer is relayed when it fails).
func (s *Server) countClients(c *call, pool string) (int, *answer) {
	n := 0
	var token any
	for {
		in := map[string]any{"UserPoolId": pool, "MaxResults": 60}
		if token != nil {
			in["NextToken"] = token
		}
		a, err := c.backend(cognitoPrefix+"ListUserPoolClients", in)
		if err != nil {
			return 0, &answer{status: 500, body: []byte(err.Error())}
		}
		if !a.ok() {
			return 0, &a
		}
		out, err := a.object()
		if err != nil {
			return 0, &a
		}
		items, _ := out["UserPoolClients"].([]any)
		n += len(items)
		if t, _ := out["NextToken"].(string); t != "" {
			token = t
			continue
		}
		return n, nil
	}
}

// Constraints of CreateUserPoolClient and UpdateUserPoolClient, with the exception Cognito
// answers for each. Field constraints (lengths, patterns, counts, ranges, enums) are those of
// the API reference's request parameters:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#API_CreateUserPoolClient_RequestParameters
// and are reported as AWS's request validation reports them ("1 validation error detected:
// Value ... at 'member' failed to satisfy constraint: ..."), with InvalidParameterException.
var (
	namePattern  = regexp.MustCompile(`^[\w\s+=,.@-]+$`)
	scopePattern = regexp.MustCompile(`^[\x21\x23-\x5B\x5D-\x7E]+$`)
)

const (
	urlPatternText   = `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`
	scopePatternText = `[\x21\x23-\x5B\x5D-\x7E]+`
)

// urlRunes is the pattern of CallbackURLs, LogoutURLs, DefaultRedirectURI and
// SupportedIdentityProviders items.
func urlRunes(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.M, unicode.S, unicode.N, unicode.P) {
			return false
		}
	}
	return true
}

func providerRunes(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.M, unicode.S, unicode.N, unicode.P, unicode.Z) {
			return false
		}
	}
	return true
}

// standardScopes are Cognito's built-in scopes; any other scope is a resource server's
// identifier/name.
var standardScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

// validation collects request validation failures, as AWS reports them together.
type validation []string

func (v *validation) add(value any, member, constraint string) {
	*v = append(*v, fmt.Sprintf("Value '%v' at '%s' failed to satisfy constraint: %s", value, member, constraint))
}

func (v validation) err() *apiError {
	if len(v) == 0 {
		return nil
	}
	noun := "error"
	if len(v) > 1 {
		noun = "errors"
	}
	return errInvalidParameter("%d validation %s detected: %s", len(v), noun, strings.Join(v, "; "))
}

func member(field string) string { return strings.ToLower(field[:1]) + field[1:] }

func list(body map[string]any, key string) []string {
	items, _ := body[key].([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, str(it))
	}
	return out
}

func number(body map[string]any, key string) (int64, bool) {
	switch n := body[key].(type) {
	case interface{ Int64() (int64, error) }:
		v, err := n.Int64()
		return v, err == nil
	}
	return 0, false
}

func enumOK[T ~string](values []T, v string) bool { return slices.Contains(values, T(v)) }

func enumText[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// checkClient applies Cognito's documented constraints to a Create or Update body. confidential
// says whether the client has a secret (for Create: GenerateSecret or ClientSecret).
func (s *Server) checkClient(c *call, body map[string]any, confidential bool) *apiError {
	var v validation
	if name, ok := body["ClientName"].(string); ok {
		if n := utf8.RuneCountInString(name); n < 1 || n > 128 {
			v.add(name, "clientName", "Member must have length between 1 and 128")
		} else if !namePattern.MatchString(name) {
			v.add(name, "clientName", `Member must satisfy regular expression pattern: [\w\s+=,.@-]+`)
		}
	}
	for _, f := range []string{"CallbackURLs", "LogoutURLs"} {
		items := list(body, f)
		if len(items) > 100 {
			v.add(len(items), member(f), "Member must have length less than or equal to 100")
		}
		for _, it := range items {
			if n := utf8.RuneCountInString(it); n < 1 || n > 1024 || !urlRunes(it) {
				v.add("["+strings.Join(items, ", ")+"]", member(f), "Member must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: "+urlPatternText+"]")
				break
			}
		}
	}
	if d, ok := body["DefaultRedirectURI"].(string); ok {
		if n := utf8.RuneCountInString(d); n < 1 || n > 1024 || !urlRunes(d) {
			v.add(d, "defaultRedirectURI", "Member must satisfy regular expression pattern: "+urlPatternText)
		}
	}
	scopes := list(body, "AllowedOAuthScopes")
	if len(scopes) > 50 {
		v.add(len(scopes), "allowedOAuthScopes", "Member must have length less than or equal to 50")
	}
	for _, it := range scopes {
		if n := utf8.RuneCountInString(it); n < 1 || n > 256 || !scopePattern.MatchString(it) {
			v.add("["+strings.Join(scopes, ", ")+"]", "allowedOAuthScopes", "Member must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: "+scopePatternText+"]")
			break
		}
	}
	for _, f := range []string{"ReadAttributes", "WriteAttributes"} {
		for _, it := range list(body, f) {
			if n := utf8.RuneCountInString(it); n < 1 || n > 2048 {
				v.add(it, member(f), "Member must have length between 1 and 2048")
			}
		}
	}
	for _, it := range list(body, "SupportedIdentityProviders") {
		// ProviderNameType: [\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+ (spaces allowed, unlike URLs).
		if n := utf8.RuneCountInString(it); n < 1 || n > 32 || !providerRunes(it) {
			v.add(it, "supportedIdentityProviders", `Member must have length between 1 and 32 and satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+`)
		}
	}
	for _, r := range []struct {
		field  string
		lo, hi int64
	}{
		// The API reference's ranges, in seconds for the validities whatever the unit (the
		// unit-dependent check follows), minutes for AuthSessionValidity.
		{"RefreshTokenValidity", 0, 315360000},
		{"AccessTokenValidity", 1, 86400},
		{"IdTokenValidity", 1, 86400},
		{"AuthSessionValidity", 3, 15},
	} {
		if n, ok := number(body, r.field); ok && (n < r.lo || n > r.hi) {
			v.add(n, member(r.field), fmt.Sprintf("Member must have value between %d and %d", r.lo, r.hi))
		}
	}
	flows := list(body, "ExplicitAuthFlows")
	for _, f := range flows {
		if !enumOK(types.ExplicitAuthFlowsType("").Values(), f) {
			v.add("["+strings.Join(flows, ", ")+"]", "explicitAuthFlows", "Member must satisfy constraint: [Member must satisfy enum value set: "+enumText(types.ExplicitAuthFlowsType("").Values())+"]")
			break
		}
	}
	oauth := list(body, "AllowedOAuthFlows")
	if len(oauth) > 3 {
		v.add(len(oauth), "allowedOAuthFlows", "Member must have length less than or equal to 3")
	}
	for _, f := range oauth {
		if !enumOK(types.OAuthFlowType("").Values(), f) {
			v.add("["+strings.Join(oauth, ", ")+"]", "allowedOAuthFlows", "Member must satisfy constraint: [Member must satisfy enum value set: "+enumText(types.OAuthFlowType("").Values())+"]")
			break
		}
	}
	if p, ok := body["PreventUserExistenceErrors"].(string); ok && !enumOK(types.PreventUserExistenceErrorTypes("").Values(), p) {
		v.add(p, "preventUserExistenceErrors", "Member must satisfy enum value set: "+enumText(types.PreventUserExistenceErrorTypes("").Values()))
	}
	units, _ := body["TokenValidityUnits"].(map[string]any)
	for _, f := range []string{"AccessToken", "IdToken", "RefreshToken"} {
		if u, ok := units[f].(string); ok && !enumOK(types.TimeUnitsType("").Values(), u) {
			v.add(u, "tokenValidityUnits."+member(f), "Member must satisfy enum value set: "+enumText(types.TimeUnitsType("").Values()))
		}
	}
	rotation, _ := body["RefreshTokenRotation"].(map[string]any)
	if rotation != nil {
		if f, _ := rotation["Feature"].(string); !enumOK(types.FeatureType("").Values(), f) {
			v.add(f, "refreshTokenRotation.feature", "Member must satisfy enum value set: "+enumText(types.FeatureType("").Values()))
		}
		if n, ok := number(rotation, "RetryGracePeriodSeconds"); ok && (n < 0 || n > 60) {
			v.add(n, "refreshTokenRotation.retryGracePeriodSeconds", "Member must have value between 0 and 60")
		}
	}
	if e := v.err(); e != nil {
		return e
	}
	return s.checkSemantics(c, body, confidential, flows, oauth, scopes, units, rotation)
}

// checkSemantics applies the rules the API reference and the developer guide state in words.
// Where Cognito's exact message is known (quoted by users, cited next to it) it is used; the
// others are worded here. docs/rules.md lists each with its source.
func (s *Server) checkSemantics(c *call, body map[string]any, confidential bool, flows, oauth, scopes []string, units, rotation map[string]any) *apiError {
	pool := c.str("UserPoolId")
	// "To create an app client that generates client credentials grants, you must add
	// client_credentials as the only allowed OAuth flow", and only with a client secret.
	if slices.Contains(oauth, "client_credentials") {
		if !confidential {
			return &apiError{"InvalidOAuthFlowException", "client_credentials flow can not be selected if client does not have a client secret."}
		}
		if len(oauth) > 1 {
			return &apiError{"InvalidOAuthFlowException", "client_credentials flow can not be selected along with code flow or implicit flow."}
		}
	}
	// "You can't assign these legacy ExplicitAuthFlows values to user pool clients at the
	// same time as values that begin with ALLOW_".
	var legacy, allow bool
	for _, f := range flows {
		if strings.HasPrefix(f, "ALLOW_") {
			allow = true
		} else {
			legacy = true
		}
	}
	if legacy && allow {
		return errInvalidParameter("ExplicitAuthFlows can not have both legacy and ALLOW_ values.")
	}
	// Token validities in their units: access and ID tokens 5 minutes to 1 day, refresh
	// tokens 60 minutes to 10 years (3,650 days).
	for _, r := range []struct {
		field, unit, def string
		lo, hi           int64
	}{
		{"AccessTokenValidity", "AccessToken", "hours", 300, 86400},
		{"IdTokenValidity", "IdToken", "hours", 300, 86400},
		{"RefreshTokenValidity", "RefreshToken", "days", 3600, 315360000},
	} {
		n, ok := number(body, r.field)
		if !ok || (r.field == "RefreshTokenValidity" && n == 0) {
			continue
		}
		unit, _ := units[r.unit].(string)
		if unit == "" {
			unit = r.def
		}
		size := map[string]int64{"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}[unit]
		if sec := n * size; sec < r.lo || sec > r.hi {
			return errInvalidParameter("%s %d %s is out of range: it must be between %d and %d seconds.", r.field, n, unit, r.lo, r.hi)
		}
	}
	callbacks := list(body, "CallbackURLs")
	for _, f := range []string{"CallbackURLs", "LogoutURLs"} {
		for _, u := range list(body, f) {
			if e := checkRedirect(f, u); e != nil {
				return e
			}
		}
	}
	if d, ok := body["DefaultRedirectURI"].(string); ok && !slices.Contains(callbacks, d) {
		// "Must be in the CallbackURLs list."
		return errInvalidParameter("DefaultRedirectURI %s must be one of the CallbackURLs.", d)
	}
	if (slices.Contains(oauth, "code") || slices.Contains(oauth, "implicit")) && len(callbacks) == 0 {
		// Cognito's own words, as users have quoted them (github.com/cisagov/crossfeed/pull/440).
		return &apiError{"InvalidOAuthFlowException", "CallbackUrls can not be empty when code flow or implicit flow is selected"}
	}
	if on, _ := body["AllowedOAuthFlowsUserPoolClient"].(bool); on && (len(oauth) == 0 || len(scopes) == 0) {
		// Cognito's words, as quoted in a public Terraform acceptance-test configuration.
		return errInvalidParameter("AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.")
	}
	if on, _ := body["EnablePropagateAdditionalUserContextData"].(bool); on && !confidential {
		// "You can only activate EnablePropagateAdditionalUserContextData in an app client
		// that has a client secret."
		return errInvalidParameter("EnablePropagateAdditionalUserContextData can only be activated in an app client that has a client secret.")
	}
	if f, _ := rotation["Feature"].(string); f == "ENABLED" && slices.Contains(flows, "ALLOW_REFRESH_TOKEN_AUTH") {
		return errInvalidParameter("ALLOW_REFRESH_TOKEN_AUTH can not be used when refresh token rotation is enabled.")
	}
	// Every identity provider other than COGNITO must exist in the pool.
	for _, p := range list(body, "SupportedIdentityProviders") {
		if p == "COGNITO" {
			continue
		}
		a, err := c.backend(cognitoPrefix+"DescribeIdentityProvider", map[string]any{"UserPoolId": pool, "ProviderName": p})
		if err != nil {
			return errInternal(err)
		}
		if !a.ok() {
			return errInvalidParameter("The provider %s does not exist for User Pool %s.", p, pool)
		}
	}
	// A scope is a standard scope or a resource server's identifier/name.
	for _, sc := range scopes {
		if slices.Contains(standardScopes, sc) {
			if slices.Contains(oauth, "client_credentials") {
				// "For client credentials grants, you can only authorize custom scopes from
				// resource servers" (developer guide); Cognito's words as users quote them
				// (github.com/hashicorp/terraform-provider-aws/issues/4984).
				return &apiError{"InvalidOAuthFlowException", sc + " is not supported with client_credentials flow"}
			}
			continue
		}
		i := strings.LastIndex(sc, "/")
		if i <= 0 || !s.scopeExists(c, pool, sc[:i], sc[i+1:]) {
			return &apiError{"ScopeDoesNotExistException", "Invalid scope requested: " + sc}
		}
	}
	return nil
}

// checkRedirect applies the redirect URI rules of CallbackURLs (and LogoutURLs): an absolute
// URI, no fragment, HTTPS except http://localhost; app schemes such as myapp://example are
// supported.
func checkRedirect(field, u string) *apiError {
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" {
		return errInvalidParameter("%s %s must be an absolute URI.", field, u)
	}
	if strings.Contains(u, "#") {
		return errInvalidParameter("%s %s must not include a fragment component.", field, u)
	}
	if strings.EqualFold(p.Scheme, "http") && !slices.Contains([]string{"localhost", "127.0.0.1", "::1"}, strings.ToLower(p.Hostname())) {
		return errInvalidParameter("%s %s must use HTTPS; http is only allowed for localhost.", field, u)
	}
	return nil
}

func (s *Server) scopeExists(c *call, pool, server, name string) bool {
	a, err := c.backend(cognitoPrefix+"DescribeResourceServer", map[string]any{"UserPoolId": pool, "Identifier": server})
	if err != nil || !a.ok() {
		return false
	}
	out, err := a.object()
	if err != nil {
		return false
	}
	rs, _ := out["ResourceServer"].(map[string]any)
	scopes, _ := rs["Scopes"].([]any)
	for _, sc := range scopes {
		if m, ok := sc.(map[string]any); ok && str(m["ScopeName"]) == name {
			return true
		}
	}
	return false
}
