package userpoolclient

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ruleCase is one row of a rule table: properties and, when they break the rule, the path of
// the issue and words its message must contain.
type ruleCase struct {
	p     Properties
	path  string   // "" means valid
	words []string // in the message at path
	n     int      // issues expected in all; 0 means 1
}

func runRules(t *testing.T, tests map[string]ruleCase) {
	t.Helper()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := tc.p.Validate()
			if tc.path == "" {
				require.NoError(t, err)
				return
			}
			requireIssue(t, err, tc.path, tc.words...)
			n := tc.n
			if n == 0 {
				n = 1
			}
			assert.Len(t, validationIssues(t, err), n, "%s", clip(err.Error()))
		})
	}
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// numbered returns n distinct values made by format with 0..n-1.
func numbered(format string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}

func TestValidateUserPoolId(t *testing.T) {
	runRules(t, map[string]ruleCase{
		"typical":          {p: props(nil)},
		"dashes in region": {p: Properties{UserPoolId: "eu-central-1_Ab12"}},
		"55 characters":    {p: Properties{UserPoolId: "us-east-1_" + repeat("a", 45)}},
		"absent":           {p: Properties{}, path: "UserPoolId", words: []string{"required"}},
		"56 characters":    {p: Properties{UserPoolId: "us-east-1_" + repeat("a", 46)}, path: "UserPoolId", words: []string{"1–55 characters", "56 given"}},
		"trailing bang":    {p: Properties{UserPoolId: "us-east-1_abc!"}, path: "UserPoolId", words: []string{"must match", `^[\w-]+_[0-9a-zA-Z]+$`, `"us-east-1_abc!"`}},
		"inner space":      {p: Properties{UserPoolId: "x_y z"}, path: "UserPoolId", words: []string{"must match"}},
		"leading junk":     {p: Properties{UserPoolId: "!us-east-1_abc"}, path: "UserPoolId", words: []string{"must match"}},
		"trailing newline": {p: Properties{UserPoolId: "us-east-1_abc\n"}, path: "UserPoolId", words: []string{"must match"}},
		"no underscore":    {p: Properties{UserPoolId: "useast1abc"}, path: "UserPoolId", words: []string{"must match"}},
		"nothing after _":  {p: Properties{UserPoolId: "us-east-1_"}, path: "UserPoolId", words: []string{"must match"}},
		"dash after _":     {p: Properties{UserPoolId: "us-east-1_ab-c"}, path: "UserPoolId", words: []string{"must match"}},
	})
}

func TestValidateClientName(t *testing.T) {
	runRules(t, map[string]ruleCase{
		"every allowed class": {p: props(func(p *Properties) { p.ClientName = "Web client_1+=,.@-" })},
		"128 characters":      {p: props(func(p *Properties) { p.ClientName = repeat("a", 128) })},
		"absent":              {p: props(func(p *Properties) { p.ClientName = "" })},
		"129 characters": {
			p:    props(func(p *Properties) { p.ClientName = repeat("a", 129) }),
			path: "ClientName", words: []string{"1–128 characters", "129 given"},
		},
		"slash": {
			p:    props(func(p *Properties) { p.ClientName = "web/app" }),
			path: "ClientName", words: []string{"must match", `^[\w\s+=,.@-]+$`},
		},
		// Cognito documents [\w\s+=,.@-]+ with Java's ASCII-only \w, as Go's \w is: é is invalid.
		"a non-ASCII letter": {
			p:    props(func(p *Properties) { p.ClientName = "café" }),
			path: "ClientName", words: []string{"must match"},
		},
		// Lengths count code points: 128 two-byte letters pass the length rule (and only fail
		// the pattern), 129 fail the length rule with 129, not 258.
		"128 multi-byte letters are within the length": {
			p:    props(func(p *Properties) { p.ClientName = repeat("é", 128) }),
			path: "ClientName", words: []string{"must match"},
		},
		"129 multi-byte letters": {
			p:    props(func(p *Properties) { p.ClientName = repeat("é", 129) }),
			path: "ClientName", words: []string{"1–128 characters", "129 given"},
		},
		"emoji": {
			p:    props(func(p *Properties) { p.ClientName = "web 🚀" }),
			path: "ClientName", words: []string{"must match"},
		},
	})
}

// unitLimits are the spec's token ranges (60 minutes–3650 days; 5 minutes–1 day) in each unit.
var unitLimits = map[string]map[TimeUnit][2]int{
	"RefreshTokenValidity": {Seconds: {3600, 315360000}, Minutes: {60, 5256000}, Hours: {1, 87600}, Days: {1, 3650}},
	"AccessTokenValidity":  {Seconds: {300, 86400}, Minutes: {5, 1440}, Hours: {1, 24}, Days: {1, 1}},
	"IdTokenValidity":      {Seconds: {300, 86400}, Minutes: {5, 1440}, Hours: {1, 24}, Days: {1, 1}},
}

var unitField = map[string]string{
	"RefreshTokenValidity": "RefreshToken",
	"AccessTokenValidity":  "AccessToken",
	"IdTokenValidity":      "IdToken",
}

var limitsText = map[string]string{
	"RefreshTokenValidity": "60 minutes to 3650 days",
	"AccessTokenValidity":  "5 minutes to 1 day",
	"IdTokenValidity":      "5 minutes to 1 day",
}

func setValidity(p *Properties, prop string, v int, unit TimeUnit) {
	if unit != "" {
		if p.TokenValidityUnits == nil {
			p.TokenValidityUnits = &TokenValidityUnits{}
		}
	}
	switch prop {
	case "RefreshTokenValidity":
		p.RefreshTokenValidity = v
		if unit != "" {
			p.TokenValidityUnits.RefreshToken = unit
		}
	case "AccessTokenValidity":
		p.AccessTokenValidity = v
		if unit != "" {
			p.TokenValidityUnits.AccessToken = unit
		}
	case "IdTokenValidity":
		p.IdTokenValidity = v
		if unit != "" {
			p.TokenValidityUnits.IdToken = unit
		}
	}
}

// TestTokenValidityRanges checks every validity in every unit at both bounds and one past each,
// through the decoder (as CloudFormation sends them, stringified; an explicit 0 is a value) and
// through Validate (where 0 means absent).
func TestTokenValidityRanges(t *testing.T) {
	type row struct {
		prop  string
		unit  TimeUnit
		v     int
		valid bool
		lo    int
		hi    int
	}
	tests := map[string]row{}
	for prop, units := range unitLimits {
		for unit, b := range units {
			for _, c := range []struct {
				v     int
				valid bool
				what  string
			}{{b[0], true, "min"}, {b[1], true, "max"}, {b[0] - 1, false, "below min"}, {b[1] + 1, false, "above max"}} {
				tests[fmt.Sprintf("%s %s %s %d", prop, unit, c.what, c.v)] = row{prop, unit, c.v, c.valid, b[0], b[1]}
			}
		}
	}
	require.Len(t, tests, 3*4*4)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			check := func(t *testing.T, err error, given string) {
				if tc.valid {
					require.NoError(t, err)
					return
				}
				requireIssue(t, err, tc.prop,
					fmt.Sprintf("must be between %d and %d %s", tc.lo, tc.hi, tc.unit),
					limitsText[tc.prop],
					given+" given")
				assert.Len(t, validationIssues(t, err), 1, "%v", err)
			}
			t.Run("decode", func(t *testing.T) {
				_, err := Decode(obj(
					fmt.Sprintf(`%q:"%d"`, tc.prop, tc.v),
					fmt.Sprintf(`"TokenValidityUnits":{%q:%q}`, unitField[tc.prop], tc.unit)))
				check(t, err, strconv.Quote(strconv.Itoa(tc.v)))
			})
			if tc.v != 0 {
				t.Run("validate", func(t *testing.T) {
					check(t, props(func(p *Properties) { setValidity(p, tc.prop, tc.v, tc.unit) }).Validate(), strconv.Itoa(tc.v))
				})
			}
		})
	}
}

func TestTokenValidityDefaultUnits(t *testing.T) {
	runRules(t, map[string]ruleCase{
		"refresh 3650 days": {p: props(func(p *Properties) { p.RefreshTokenValidity = 3650 })},
		"refresh 3651 days": {
			p:    props(func(p *Properties) { p.RefreshTokenValidity = 3651 }),
			path: "RefreshTokenValidity", words: []string{"between 1 and 3650 days", "3651 given"},
		},
		"access 24 hours": {p: props(func(p *Properties) { p.AccessTokenValidity = 24 })},
		"access 25 hours": {
			p:    props(func(p *Properties) { p.AccessTokenValidity = 25 }),
			path: "AccessTokenValidity", words: []string{"between 1 and 24 hours", "25 given"},
		},
		"id 24 hours": {p: props(func(p *Properties) { p.IdTokenValidity = 24 })},
		"id 25 hours": {
			p:    props(func(p *Properties) { p.IdTokenValidity = 25 }),
			path: "IdTokenValidity", words: []string{"between 1 and 24 hours", "25 given"},
		},
		"negative id": {
			p:    props(func(p *Properties) { p.IdTokenValidity = -1 }),
			path: "IdTokenValidity", words: []string{"between 1 and 24 hours", "-1 given"},
		},
		"units given, but not for refresh: still days": {
			p: props(func(p *Properties) {
				p.TokenValidityUnits = &TokenValidityUnits{AccessToken: Minutes}
				p.RefreshTokenValidity = 3651
			}),
			path: "RefreshTokenValidity", words: []string{"between 1 and 3650 days"},
		},
		"access in minutes does not change id's hours": {
			p: props(func(p *Properties) {
				p.TokenValidityUnits = &TokenValidityUnits{AccessToken: Minutes}
				p.AccessTokenValidity = 60
				p.IdTokenValidity = 60
			}),
			path: "IdTokenValidity", words: []string{"between 1 and 24 hours", "60 given"},
		},
	})
}

func TestValidateTokenValidityUnits(t *testing.T) {
	tests := map[string]ruleCase{
		"weeks": {
			p:    props(func(p *Properties) { p.TokenValidityUnits = &TokenValidityUnits{AccessToken: "weeks"} }),
			path: "TokenValidityUnits.AccessToken", words: []string{"seconds, minutes, hours, days", `"weeks"`},
		},
		"wrong case": {
			p:    props(func(p *Properties) { p.TokenValidityUnits = &TokenValidityUnits{IdToken: "Hours"} }),
			path: "TokenValidityUnits.IdToken", words: []string{"seconds, minutes, hours, days"},
		},
		"singular": {
			p:    props(func(p *Properties) { p.TokenValidityUnits = &TokenValidityUnits{RefreshToken: "day"} }),
			path: "TokenValidityUnits.RefreshToken", words: []string{"seconds, minutes, hours, days"},
		},
		"an unknown unit is reported once, without a meaningless range": {
			p: props(func(p *Properties) {
				p.TokenValidityUnits = &TokenValidityUnits{AccessToken: "weeks"}
				p.AccessTokenValidity = 99999
			}),
			path: "TokenValidityUnits.AccessToken", words: []string{"must be one of"},
		},
		"empty units object": {p: props(func(p *Properties) { p.TokenValidityUnits = &TokenValidityUnits{} })},
	}
	for _, unit := range enumValues("TokenValidityUnits.AccessToken") {
		u := TimeUnit(unit)
		tests["all "+unit] = ruleCase{p: props(func(p *Properties) {
			p.TokenValidityUnits = &TokenValidityUnits{AccessToken: u, IdToken: u, RefreshToken: u}
		})}
	}
	runRules(t, tests)

	t.Run("decode: explicit empty unit", func(t *testing.T) {
		_, err := Decode(obj(`"TokenValidityUnits":{"AccessToken":""}`))
		requireIssue(t, err, "TokenValidityUnits.AccessToken", "seconds, minutes, hours, days", `"" given`)
	})
}

func TestValidateAttributes(t *testing.T) {
	tests := map[string]ruleCase{}
	for _, prop := range []string{"ReadAttributes", "WriteAttributes"} {
		set := func(v []string) Properties {
			return props(func(p *Properties) {
				if prop == "ReadAttributes" {
					p.ReadAttributes = v
				} else {
					p.WriteAttributes = v
				}
			})
		}
		tests[prop+" typical"] = ruleCase{p: set([]string{"email", "custom:tenant"})}
		tests[prop+" 2048 characters"] = ruleCase{p: set([]string{repeat("a", 2048)})}
		tests[prop+" 2048 multi-byte characters"] = ruleCase{p: set([]string{repeat("é", 2048)})}
		tests[prop+" 1000 items"] = ruleCase{p: set(numbered("custom:a%d", 1000))}
		tests[prop+" 2049 characters"] = ruleCase{p: set([]string{"email", repeat("a", 2049)}), path: prop + "[1]", words: []string{"1–2048 characters", "2049 given"}}
		tests[prop+" empty item"] = ruleCase{p: set([]string{""}), path: prop + "[0]", words: []string{"1–2048 characters", "0 given"}}
		tests[prop+" 1001 items"] = ruleCase{p: set(numbered("custom:a%d", 1001)), path: prop, words: []string{"at most 1000 items", "1001 given"}}
		tests[prop+" duplicate"] = ruleCase{p: set([]string{"email", "name", "email"}), path: prop, words: []string{"must not repeat", `"email"`}}
	}
	runRules(t, tests)
}

func TestValidateExplicitAuthFlows(t *testing.T) {
	assert.ElementsMatch(t, []string{
		"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
		"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH", "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH",
	}, enumValues("ExplicitAuthFlows"))

	flows := func(fs ...AuthFlow) Properties { return props(func(p *Properties) { p.ExplicitAuthFlows = fs }) }
	tests := map[string]ruleCase{
		"all ALLOW_ values": {p: flows(AllowAdminUserPasswordAuth, AllowCustomAuth, AllowUserPasswordAuth, AllowUserSRPAuth, AllowRefreshTokenAuth, AllowUserAuth)},
		"all legacy values": {p: flows(AdminNoSRPAuth, CustomAuthFlowOnly, UserPasswordAuth)},
		"unknown value": {
			p:    flows(AllowUserSRPAuth, "ALLOW_MAGIC_LINK"),
			path: "ExplicitAuthFlows[1]", words: []string{"must be one of", "ALLOW_USER_SRP_AUTH", "USER_PASSWORD_AUTH", `"ALLOW_MAGIC_LINK"`},
		},
		"lower case": {
			p:    flows("allow_user_srp_auth"),
			path: "ExplicitAuthFlows[0]", words: []string{"must be one of"},
		},
		"legacy mixed with ALLOW_": {
			p:    flows(AdminNoSRPAuth, AllowRefreshTokenAuth),
			path: "ExplicitAuthFlows", words: []string{"legacy", "ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "cannot be combined"},
		},
		"an unknown ALLOW_ value with a legacy one is only an unknown value": {
			p:    flows(AdminNoSRPAuth, "ALLOW_MAGIC_LINK"),
			path: "ExplicitAuthFlows[1]", words: []string{"must be one of"},
		},
		"mixing names each value once": {
			p:    flows(AdminNoSRPAuth, AllowUserSRPAuth, AdminNoSRPAuth, AllowUserSRPAuth),
			path: "ExplicitAuthFlows", words: []string{"legacy values (ADMIN_NO_SRP_AUTH) cannot be combined with ALLOW_ values (ALLOW_USER_SRP_AUTH)"},
			n: 3, // and the two repeats
		},
		"duplicate": {
			p:    flows(AllowUserSRPAuth, AllowUserSRPAuth),
			path: "ExplicitAuthFlows", words: []string{"must not repeat", `"ALLOW_USER_SRP_AUTH"`},
		},
	}
	for _, f := range enumValues("ExplicitAuthFlows") {
		tests["alone "+f] = ruleCase{p: flows(AuthFlow(f))}
	}
	runRules(t, tests)
}

func TestValidateSupportedIdentityProviders(t *testing.T) {
	idps := func(v ...string) Properties { return props(func(p *Properties) { p.SupportedIdentityProviders = v }) }
	runRules(t, map[string]ruleCase{
		"built-in":                   {p: idps("COGNITO", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple")},
		"32 characters":              {p: idps(repeat("S", 32))},
		"33 characters":              {p: idps("COGNITO", repeat("S", 33)), path: "SupportedIdentityProviders[1]", words: []string{"1–32 characters", "33 given"}},
		"empty name":                 {p: idps(""), path: "SupportedIdentityProviders[0]", words: []string{"1–32 characters", "0 given"}},
		"duplicate":                  {p: idps("COGNITO", "COGNITO"), path: "SupportedIdentityProviders", words: []string{"must not repeat"}},
		"provider name with a space": {p: idps("My Corp SAML")},
		"control character":          {p: idps("Corp\x01"), path: "SupportedIdentityProviders[0]", words: []string{"no control characters"}},
	})
}

// TestValidateRedirectURLs runs the same rows for CallbackURLs and LogoutURLs.
func TestValidateRedirectURLs(t *testing.T) {
	long := func(n int) string { return "https://example.com/" + repeat("a", n-len("https://example.com/")) }
	require.Len(t, long(1024), 1024)
	rows := map[string]struct {
		urls  []string
		index string // "" = list-level issue, "[i]" = item issue; unset with ok
		ok    bool
		words []string
	}{
		"https":             {urls: []string{"https://app.example.com/cb"}, ok: true},
		"100 URLs":          {urls: numbered("https://example.com/cb/%d", 100), ok: true},
		"1024 characters":   {urls: []string{long(1024)}, ok: true},
		"localhost":         {urls: []string{"http://localhost:3000/cb"}, ok: true},
		"127.0.0.1":         {urls: []string{"http://127.0.0.1/cb"}, ok: true},
		"[::1]":             {urls: []string{"http://[::1]:8080/cb"}, ok: true},
		"custom app scheme": {urls: []string{"myapp://callback"}, ok: true},
		"query string":      {urls: []string{"https://example.com/cb?x=1"}, ok: true},
		// React Native, Expo and Flutter apps use a bare scheme; Cognito accepts it.
		"bare app scheme":          {urls: []string{"myapp://"}, ok: true},
		"reverse-DNS scheme":       {urls: []string{"com.example.app:/callback"}, ok: true},
		"LOCALHOST any case":       {urls: []string{"http://LocalHost:3000/cb"}, ok: true},
		"non-ASCII path":           {urls: []string{"https://example.com/café"}, ok: true},
		"space":                    {urls: []string{"https://example.com/a b"}, index: "[0]", words: []string{"whitespace or control", "U+0020"}},
		"tab":                      {urls: []string{"https://example.com/a\tb"}, index: "[0]", words: []string{"whitespace or control", "U+0009"}},
		"no-break space":           {urls: []string{"https://example.com/a\u00a0b"}, index: "[0]", words: []string{"U+00A0"}},
		"control character":        {urls: []string{"myapp://cb\x7f"}, index: "[0]", words: []string{"U+007F"}},
		"zero-width joiner":        {urls: []string{"https://example.com/\u200d"}, index: "[0]", words: []string{"U+200D"}},
		"scheme starting in digit": {urls: []string{"1app://cb"}, index: "[0]", words: []string{"absolute URI"}},
		"101 URLs":                 {urls: numbered("https://example.com/cb/%d", 101), index: "", words: []string{"at most 100 items", "101 given"}},
		"1025 characters":          {urls: []string{long(1025)}, index: "[0]", words: []string{"1–1024 characters", "1025 given"}},
		"empty":                    {urls: []string{""}, index: "[0]", words: []string{"1–1024 characters", "0 given"}},
		"relative path":            {urls: []string{"/callback"}, index: "[0]", words: []string{"absolute URI"}},
		"no scheme":                {urls: []string{"example.com/callback"}, index: "[0]", words: []string{"absolute URI"}},
		"fragment":                 {urls: []string{"https://example.com/cb#done"}, index: "[0]", words: []string{"#fragment"}},
		"empty fragment":           {urls: []string{"https://example.com/cb#"}, index: "[0]", words: []string{"#fragment"}},
		"http to a host":           {urls: []string{"http://example.com"}, index: "[0]", words: []string{"https", "localhost, 127.0.0.1 and [::1]"}},
		"HTTP upper case":          {urls: []string{"HTTP://example.com/cb"}, index: "[0]", words: []string{"https"}},
		"localhost lookalike":      {urls: []string{"http://localhost.example.com/cb"}, index: "[0]", words: []string{"https"}},
		"localhost in userinfo":    {urls: []string{"http://localhost@example.com/cb"}, index: "[0]", words: []string{"https"}},
		// An absolute URI in RFC 3986's sense; Cognito's documents ask no more.
		"https with an empty host": {urls: []string{"https:///cb"}, ok: true},
		"second item":              {urls: []string{"https://example.com/a", "http://example.com/b"}, index: "[1]", words: []string{"https"}},
		"duplicate":                {urls: []string{"https://example.com/cb", "https://example.com/cb"}, index: "", words: []string{"must not repeat", `"https://example.com/cb"`}},
	}
	tests := map[string]ruleCase{}
	for _, prop := range []string{"CallbackURLs", "LogoutURLs"} {
		for name, r := range rows {
			p := props(func(p *Properties) {
				if prop == "CallbackURLs" {
					p.CallbackURLs = r.urls
				} else {
					p.LogoutURLs = r.urls
				}
			})
			if r.ok {
				tests[prop+" "+name] = ruleCase{p: p}
			} else {
				tests[prop+" "+name] = ruleCase{p: p, path: prop + r.index, words: r.words}
			}
		}
	}
	runRules(t, tests)
}

func TestValidateDefaultRedirectURI(t *testing.T) {
	runRules(t, map[string]ruleCase{
		"one of the callbacks": {p: props(func(p *Properties) {
			p.CallbackURLs = []string{"https://example.com/a", "https://example.com/b"}
			p.DefaultRedirectURI = "https://example.com/b"
		})},
		"not a callback": {
			p: props(func(p *Properties) {
				p.CallbackURLs = []string{"https://example.com/a"}
				p.DefaultRedirectURI = "https://example.com/b"
			}),
			path: "DefaultRedirectURI", words: []string{"must be one of CallbackURLs", `"https://example.com/b"`},
		},
		"differs by a trailing slash": {
			p: props(func(p *Properties) {
				p.CallbackURLs = []string{"https://example.com/a"}
				p.DefaultRedirectURI = "https://example.com/a/"
			}),
			path: "DefaultRedirectURI", words: []string{"must be one of CallbackURLs"},
		},
		"differs by case": {
			p: props(func(p *Properties) {
				p.CallbackURLs = []string{"https://example.com/a"}
				p.DefaultRedirectURI = "https://EXAMPLE.com/a"
			}),
			path: "DefaultRedirectURI", words: []string{"must be one of CallbackURLs"},
		},
		"no callbacks": {
			p:    props(func(p *Properties) { p.DefaultRedirectURI = "https://example.com/a" }),
			path: "DefaultRedirectURI", words: []string{"must be one of CallbackURLs"},
		},
	})

	t.Run("decode: explicit empty", func(t *testing.T) {
		_, err := Decode(obj(`"CallbackURLs":["https://example.com/a"]`, `"DefaultRedirectURI":""`))
		requireIssue(t, err, "DefaultRedirectURI", "must be one of CallbackURLs")
	})
}

func TestValidateAllowedOAuthFlows(t *testing.T) {
	assert.Equal(t, []string{"code", "implicit", "client_credentials"}, enumValues("AllowedOAuthFlows"))
	cb := []string{"https://example.com/cb"}
	runRules(t, map[string]ruleCase{
		"code": {p: props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{OAuthCode}; p.CallbackURLs = cb })},
		"code and implicit": {p: props(func(p *Properties) {
			p.AllowedOAuthFlows = []OAuthFlow{OAuthCode, OAuthImplicit}
			p.CallbackURLs = cb
		})},
		"client_credentials with a secret": {p: props(func(p *Properties) {
			p.AllowedOAuthFlows = []OAuthFlow{OAuthClientCredentials}
			p.GenerateSecret = true
		})},
		"unknown": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{"password"} }),
			path: "AllowedOAuthFlows[0]", words: []string{"must be one of code, implicit, client_credentials", `"password"`},
		},
		"upper case": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{"CODE"}; p.CallbackURLs = cb }),
			path: "AllowedOAuthFlows[0]", words: []string{"must be one of"},
		},
		"client_credentials mixed with code": {
			p: props(func(p *Properties) {
				p.AllowedOAuthFlows = []OAuthFlow{OAuthCode, OAuthClientCredentials}
				p.GenerateSecret = true
				p.CallbackURLs = cb
			}),
			path: "AllowedOAuthFlows", words: []string{"client_credentials cannot be combined with code or implicit"},
		},
		"client_credentials mixed with implicit": {
			p: props(func(p *Properties) {
				p.AllowedOAuthFlows = []OAuthFlow{OAuthClientCredentials, OAuthImplicit}
				p.GenerateSecret = true
				p.CallbackURLs = cb
			}),
			path: "AllowedOAuthFlows", words: []string{"cannot be combined"},
		},
		"client_credentials without a secret": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{OAuthClientCredentials} }),
			path: "AllowedOAuthFlows", words: []string{"client_credentials requires GenerateSecret"},
		},
		"code without a callback": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{OAuthCode} }),
			path: "CallbackURLs", words: []string{"at least one callback URL", "code or implicit"},
		},
		"implicit without a callback": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{OAuthImplicit}; p.LogoutURLs = cb }),
			path: "CallbackURLs", words: []string{"at least one callback URL"},
		},
		"duplicate": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlows = []OAuthFlow{OAuthCode, OAuthCode}; p.CallbackURLs = cb }),
			path: "AllowedOAuthFlows", words: []string{"must not repeat"},
		},
	})
}

func TestValidateAllowedOAuthScopes(t *testing.T) {
	scopes := func(v ...string) Properties { return props(func(p *Properties) { p.AllowedOAuthScopes = v }) }
	cc := func(v ...string) Properties {
		return props(func(p *Properties) {
			p.AllowedOAuthFlows = []OAuthFlow{OAuthClientCredentials}
			p.GenerateSecret = true
			p.AllowedOAuthScopes = v
		})
	}
	runRules(t, map[string]ruleCase{
		"standard scopes":         {p: scopes("phone", "email", "openid", "profile", "aws.cognito.signin.user.admin")},
		"custom scope":            {p: scopes("https://api.example.com/read")},
		"50 scopes":               {p: scopes(numbered("api/s%d", 50)...)},
		"256 characters":          {p: scopes(repeat("s", 256))},
		"every allowed character": {p: scopes("!#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~")},
		"51 scopes": {
			p:    scopes(numbered("api/s%d", 51)...),
			path: "AllowedOAuthScopes", words: []string{"at most 50 items", "51 given"},
		},
		"257 characters": {p: scopes(repeat("s", 257)), path: "AllowedOAuthScopes[0]", words: []string{"1–256 characters", "257 given"}},
		"empty":          {p: scopes(""), path: "AllowedOAuthScopes[0]", words: []string{"1–256 characters"}},
		"space":          {p: scopes("openid", "api read"), path: "AllowedOAuthScopes[1]", words: []string{"must match", `space, " or \`}},
		"double quote":   {p: scopes(`api"read`), path: "AllowedOAuthScopes[0]", words: []string{"must match"}},
		"backslash":      {p: scopes(`api\read`), path: "AllowedOAuthScopes[0]", words: []string{"must match"}},
		"tab":            {p: scopes("api\tread"), path: "AllowedOAuthScopes[0]", words: []string{"must match"}},
		"non-ASCII":      {p: scopes("api/lecture-é"), path: "AllowedOAuthScopes[0]", words: []string{"must match"}},
		"DEL":            {p: scopes("api\x7f"), path: "AllowedOAuthScopes[0]", words: []string{"must match"}},
		"duplicate":      {p: scopes("openid", "openid"), path: "AllowedOAuthScopes", words: []string{"must not repeat"}},

		"client_credentials custom scopes": {p: cc("api/read", "https://api.example.com/write")},
		"client_credentials with openid": {
			p:    cc("api/read", "openid"),
			path: "AllowedOAuthScopes[1]", words: []string{"client_credentials allows only custom", `"openid"`},
		},
		"client_credentials with the admin scope": {
			p:    cc("aws.cognito.signin.user.admin"),
			path: "AllowedOAuthScopes[0]", words: []string{"client_credentials allows only custom"},
		},
		"client_credentials with a scope without a server": {
			p:    cc("read"),
			path: "AllowedOAuthScopes[0]", words: []string{"server/scope"},
		},
	})
}

func TestValidateAllowedOAuthFlowsUserPoolClient(t *testing.T) {
	runRules(t, map[string]ruleCase{
		"with flows and scopes": {p: props(func(p *Properties) {
			p.AllowedOAuthFlowsUserPoolClient = true
			p.AllowedOAuthFlows = []OAuthFlow{OAuthCode}
			p.AllowedOAuthScopes = []string{"openid"}
			p.CallbackURLs = []string{"https://example.com/cb"}
		})},
		"false needs nothing": {p: props(func(p *Properties) { p.AllowedOAuthFlowsUserPoolClient = false })},
		"without flows": {
			p: props(func(p *Properties) {
				p.AllowedOAuthFlowsUserPoolClient = true
				p.AllowedOAuthScopes = []string{"openid"}
			}),
			path: "AllowedOAuthFlows", words: []string{"required when AllowedOAuthFlowsUserPoolClient is true"},
		},
		"without scopes": {
			p: props(func(p *Properties) {
				p.AllowedOAuthFlowsUserPoolClient = true
				p.AllowedOAuthFlows = []OAuthFlow{OAuthCode}
				p.CallbackURLs = []string{"https://example.com/cb"}
			}),
			path: "AllowedOAuthScopes", words: []string{"required when AllowedOAuthFlowsUserPoolClient is true"},
		},
		"with neither": {
			p:    props(func(p *Properties) { p.AllowedOAuthFlowsUserPoolClient = true }),
			path: "AllowedOAuthScopes", words: []string{"required"}, n: 2,
		},
	})
}

func TestValidateAnalyticsConfiguration(t *testing.T) {
	const (
		appArn  = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef"
		roleArn = "arn:aws:iam::123456789012:role/service-role/cognito-pinpoint"
		appID   = "0123456789abcdefABCDEF0123456789"
	)
	ac := func(a AnalyticsConfiguration) Properties {
		return props(func(p *Properties) { p.AnalyticsConfiguration = &a })
	}
	arn20 := "arn:aws:s:r:1:abcdef"
	require.Len(t, arn20, 20)
	arn2048 := "arn:aws:iam::123456789012:role/" + repeat("r", 2048-len("arn:aws:iam::123456789012:role/"))
	require.Len(t, arn2048, 2048)
	runRules(t, map[string]ruleCase{
		"ApplicationArn":              {p: ac(AnalyticsConfiguration{ApplicationArn: appArn, UserDataShared: true})},
		"ApplicationId with its role": {p: ac(AnalyticsConfiguration{ApplicationId: appID, ExternalId: "some_id", RoleArn: roleArn})},
		"20-character ARN":            {p: ac(AnalyticsConfiguration{ApplicationArn: arn20})},
		"2048-character ARN":          {p: ac(AnalyticsConfiguration{ApplicationId: "ab", ExternalId: "x", RoleArn: arn2048})},
		"neither": {
			p:    ac(AnalyticsConfiguration{UserDataShared: true}),
			path: "AnalyticsConfiguration", words: []string{"exactly one of ApplicationArn or ApplicationId"},
		},
		"both": {
			p:    ac(AnalyticsConfiguration{ApplicationArn: appArn, ApplicationId: appID}),
			path: "AnalyticsConfiguration.ApplicationArn", words: []string{"cannot be combined with ApplicationId"},
		},
		"ApplicationId not hex": {
			p:    ac(AnalyticsConfiguration{ApplicationId: "my-app", ExternalId: "x", RoleArn: roleArn}),
			path: "AnalyticsConfiguration.ApplicationId", words: []string{"hexadecimal", `"my-app"`},
		},
		"ApplicationId without ExternalId": {
			p:    ac(AnalyticsConfiguration{ApplicationId: appID, RoleArn: roleArn}),
			path: "AnalyticsConfiguration.ExternalId", words: []string{"required when ApplicationId is set"},
		},
		"ApplicationId without RoleArn": {
			p:    ac(AnalyticsConfiguration{ApplicationId: appID, ExternalId: "x"}),
			path: "AnalyticsConfiguration.RoleArn", words: []string{"required when ApplicationId is set"},
		},
		"ApplicationArn with ExternalId": {
			p:    ac(AnalyticsConfiguration{ApplicationArn: appArn, ExternalId: "x"}),
			path: "AnalyticsConfiguration.ExternalId", words: []string{"not allowed with ApplicationArn"},
		},
		"ApplicationArn with RoleArn": {
			p:    ac(AnalyticsConfiguration{ApplicationArn: appArn, RoleArn: roleArn}),
			path: "AnalyticsConfiguration.RoleArn", words: []string{"not allowed with ApplicationArn"},
		},
		"19-character ARN": {
			p:    ac(AnalyticsConfiguration{ApplicationArn: arn20[:19]}),
			path: "AnalyticsConfiguration.ApplicationArn", words: []string{"20–2048 characters", "19 given"},
		},
		"2049-character role ARN": {
			p:    ac(AnalyticsConfiguration{ApplicationId: "ab", ExternalId: "x", RoleArn: arn2048 + "r"}),
			path: "AnalyticsConfiguration.RoleArn", words: []string{"20–2048 characters", "2049 given"},
		},
		"not an ARN": {
			p:    ac(AnalyticsConfiguration{ApplicationArn: "mobiletargeting/apps/0123456789"}),
			path: "AnalyticsConfiguration.ApplicationArn", words: []string{"must be an ARN"},
		},
		"role ARN not an ARN": {
			p:    ac(AnalyticsConfiguration{ApplicationId: "ab", ExternalId: "x", RoleArn: "role/cognito-pinpoint-role"}),
			path: "AnalyticsConfiguration.RoleArn", words: []string{"must be an ARN"},
		},
		// The API model's ArnType: an account is required, resource parts may follow ':'.
		"ARN without an account": {
			p:    ac(AnalyticsConfiguration{ApplicationArn: "arn:aws:mobiletargeting:us-east-1::apps/0123"}),
			path: "AnalyticsConfiguration.ApplicationArn", words: []string{"must be an ARN"},
		},
		"ExternalId of 131,073 characters": {
			p:    ac(AnalyticsConfiguration{ApplicationId: "ab", ExternalId: repeat("x", 131073), RoleArn: roleArn}),
			path: "AnalyticsConfiguration.ExternalId", words: []string{"1–131072 characters", "131073 given"},
		},
		"ARN with a ':' resource part": {
			p: ac(AnalyticsConfiguration{ApplicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps:0123"}),
		},
	})
}

func TestValidatePreventUserExistenceErrors(t *testing.T) {
	pue := func(v PreventUserExistenceErrors) Properties {
		return props(func(p *Properties) { p.PreventUserExistenceErrors = v })
	}
	runRules(t, map[string]ruleCase{
		"ENABLED": {p: pue(PreventUserExistenceErrorsEnabled)},
		"LEGACY":  {p: pue(PreventUserExistenceErrorsLegacy)},
		"DISABLED": {
			p:    pue("DISABLED"),
			path: "PreventUserExistenceErrors", words: []string{"must be one of", "ENABLED", "LEGACY", `"DISABLED"`},
		},
		"lower case": {p: pue("enabled"), path: "PreventUserExistenceErrors", words: []string{"ENABLED", "LEGACY", "did you mean ENABLED?"}},
	})
}

func TestValidateEnablePropagateAdditionalUserContextData(t *testing.T) {
	runRules(t, map[string]ruleCase{
		"with a secret": {p: props(func(p *Properties) {
			p.EnablePropagateAdditionalUserContextData = true
			p.GenerateSecret = true
		})},
		"without a secret": {
			p:    props(func(p *Properties) { p.EnablePropagateAdditionalUserContextData = true }),
			path: "EnablePropagateAdditionalUserContextData", words: []string{"requires GenerateSecret"},
		},
	})
}

func TestValidateAuthSessionValidity(t *testing.T) {
	asv := func(v int) Properties { return props(func(p *Properties) { p.AuthSessionValidity = v }) }
	runRules(t, map[string]ruleCase{
		"3":  {p: asv(3)},
		"15": {p: asv(15)},
		"2":  {p: asv(2), path: "AuthSessionValidity", words: []string{"between 3 and 15 minutes", "2 given"}},
		"16": {p: asv(16), path: "AuthSessionValidity", words: []string{"between 3 and 15 minutes", "16 given"}},
	})
	t.Run("decode: explicit 0", func(t *testing.T) {
		_, err := Decode(obj(`"AuthSessionValidity":"0"`))
		requireIssue(t, err, "AuthSessionValidity", "between 3 and 15 minutes", `"0" given`)
	})
}

func TestValidateRefreshTokenRotation(t *testing.T) {
	assert.Equal(t, []string{"ENABLED", "DISABLED"}, enumValues("RefreshTokenRotation.Feature"))
	rot := func(r RefreshTokenRotation, flows ...AuthFlow) Properties {
		return props(func(p *Properties) { p.RefreshTokenRotation = &r; p.ExplicitAuthFlows = flows })
	}
	runRules(t, map[string]ruleCase{
		"enabled":                                {p: rot(RefreshTokenRotation{Feature: RotationEnabled}, AllowUserSRPAuth)},
		"disabled":                               {p: rot(RefreshTokenRotation{Feature: RotationDisabled})},
		"grace 0":                                {p: rot(RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(0)})},
		"grace 60":                               {p: rot(RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(60)})},
		"disabled with ALLOW_REFRESH_TOKEN_AUTH": {p: rot(RefreshTokenRotation{Feature: RotationDisabled}, AllowRefreshTokenAuth)},
		"Feature missing": {
			p:    rot(RefreshTokenRotation{RetryGracePeriodSeconds: Int(10)}),
			path: "RefreshTokenRotation.Feature", words: []string{"required", "ENABLED or DISABLED"},
		},
		"Feature unknown": {
			p:    rot(RefreshTokenRotation{Feature: "ON"}),
			path: "RefreshTokenRotation.Feature", words: []string{"must be one of ENABLED, DISABLED", `"ON"`},
		},
		"grace -1": {
			p:    rot(RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(-1)}),
			path: "RefreshTokenRotation.RetryGracePeriodSeconds", words: []string{"between 0 and 60 seconds", "-1 given"},
		},
		"grace 61": {
			p:    rot(RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(61)}),
			path: "RefreshTokenRotation.RetryGracePeriodSeconds", words: []string{"between 0 and 60 seconds", "61 given"},
		},
		"enabled with ALLOW_REFRESH_TOKEN_AUTH": {
			p:    rot(RefreshTokenRotation{Feature: RotationEnabled}, AllowUserSRPAuth, AllowRefreshTokenAuth),
			path: "RefreshTokenRotation.Feature", words: []string{"ENABLED cannot be combined", "ALLOW_REFRESH_TOKEN_AUTH"},
		},
	})
	t.Run("decode: empty object", func(t *testing.T) {
		_, err := Decode(obj(`"RefreshTokenRotation":{}`))
		requireIssue(t, err, "RefreshTokenRotation.Feature", "required")
	})
}

func TestEnums(t *testing.T) {
	// The values are the SDK's own, so an SDK upgrade is the whole upgrade.
	sdk := map[string][]string{
		"ExplicitAuthFlows":               strs(types.ExplicitAuthFlowsType("").Values()...),
		"AllowedOAuthFlows":               strs(types.OAuthFlowType("").Values()...),
		"TokenValidityUnits.AccessToken":  strs(types.TimeUnitsType("").Values()...),
		"TokenValidityUnits.IdToken":      strs(types.TimeUnitsType("").Values()...),
		"TokenValidityUnits.RefreshToken": strs(types.TimeUnitsType("").Values()...),
		"PreventUserExistenceErrors":      strs(types.PreventUserExistenceErrorTypes("").Values()...),
		"RefreshTokenRotation.Feature":    strs(types.FeatureType("").Values()...),
	}
	for path, want := range sdk {
		assert.Equal(t, want, enumValues(path), path)
	}
	assert.Len(t, EnumPaths(), len(sdk), "a new enum needs a rule test")
	assert.True(t, slices.IsSorted(EnumPaths()))
	assert.Equal(t, enumValues("ExplicitAuthFlows"), enumValues("ExplicitAuthFlows[3]"), "list indexes are ignored")
	_, ok := Enum("ClientName")
	assert.False(t, ok)

	// Each value is the caller's own: changing it changes nothing here.
	v := enumValues("AllowedOAuthFlows")
	v[0] = "changed"
	assert.NotContains(t, enumValues("AllowedOAuthFlows"), "changed")

	// The Go constants are spellings of SDK values.
	for path, consts := range map[string][]string{
		"ExplicitAuthFlows": strs(AllowAdminUserPasswordAuth, AllowCustomAuth, AllowUserPasswordAuth, AllowUserSRPAuth,
			AllowRefreshTokenAuth, AllowUserAuth, AdminNoSRPAuth, CustomAuthFlowOnly, UserPasswordAuth),
		"AllowedOAuthFlows":              strs(OAuthCode, OAuthImplicit, OAuthClientCredentials),
		"TokenValidityUnits.AccessToken": strs(Seconds, Minutes, Hours, Days),
		"PreventUserExistenceErrors":     strs(PreventUserExistenceErrorsEnabled, PreventUserExistenceErrorsLegacy),
		"RefreshTokenRotation.Feature":   strs(RotationEnabled, RotationDisabled),
	} {
		assert.Subset(t, sdk[path], consts, path)
	}
}

// A misspelt enum value gets the closest allowed value.
func TestEnumDidYouMean(t *testing.T) {
	_, err := Decode(obj(`"ExplicitAuthFlows":["ALLOW_USER_SRP_AUHT"]`))
	requireIssue(t, err, "ExplicitAuthFlows[0]", "did you mean ALLOW_USER_SRP_AUTH?")
	_, err = Decode(obj(`"AllowedOAuthFlows":["Code"]`))
	requireIssue(t, err, "AllowedOAuthFlows[0]", "did you mean code?")
	_, err = Decode(obj(`"PreventUserExistenceErrors":"NOTHING"`))
	requireIssue(t, err, "PreventUserExistenceErrors", "must be one of", "ENABLED", "LEGACY")
	assert.NotContains(t, err.Error(), "did you mean")
}

// isToken recognises CDK tokens: "${Token[TOKEN.12]}" for strings, "#{Token[TOKEN.3]}" inside
// a list that stands for a whole list.
func isToken(s string) bool {
	return (strings.HasPrefix(s, "${Token[") || strings.HasPrefix(s, "#{Token[")) && strings.HasSuffix(s, "]}")
}

func TestValidateWithUnresolved(t *testing.T) {
	tests := map[string]struct {
		p Properties
	}{
		"UserPoolId": {p: Properties{UserPoolId: "${Token[TOKEN.1]}"}},
		"ClientName": {p: props(func(p *Properties) { p.ClientName = "${Token[TOKEN.7]}" })},
		"list token for CallbackURLs with a DefaultRedirectURI": {p: props(func(p *Properties) {
			p.CallbackURLs = []string{"#{Token[TOKEN.2]}"}
			p.DefaultRedirectURI = "https://example.com/cb"
		})},
		"DefaultRedirectURI token": {p: props(func(p *Properties) {
			p.CallbackURLs = []string{"https://example.com/cb"}
			p.DefaultRedirectURI = "${Token[TOKEN.4]}"
		})},
		"callback URL token": {p: props(func(p *Properties) {
			p.CallbackURLs = []string{"${Token[TOKEN.5]}"}
		})},
		"ExplicitAuthFlows list token": {p: props(func(p *Properties) {
			p.ExplicitAuthFlows = []AuthFlow{"#{Token[TOKEN.3]}"}
		})},
		"scopes list token with client_credentials": {p: props(func(p *Properties) {
			p.AllowedOAuthFlows = []OAuthFlow{OAuthClientCredentials}
			p.GenerateSecret = true
			p.AllowedOAuthScopes = []string{"#{Token[TOKEN.8]}"}
		})},
		"scope token with client_credentials": {p: props(func(p *Properties) {
			p.AllowedOAuthFlows = []OAuthFlow{OAuthClientCredentials}
			p.GenerateSecret = true
			p.AllowedOAuthScopes = []string{"api/read", "${Token[TOKEN.9]}"}
		})},
		"code flow with a list token of callbacks": {p: props(func(p *Properties) {
			p.AllowedOAuthFlows = []OAuthFlow{OAuthCode}
			p.CallbackURLs = []string{"#{Token[TOKEN.10]}"}
		})},
		"analytics tokens": {p: props(func(p *Properties) {
			p.AnalyticsConfiguration = &AnalyticsConfiguration{ApplicationId: "${Token[TOKEN.11]}", ExternalId: "x", RoleArn: "${Token[TOKEN.12]}"}
		})},
		"ApplicationArn token": {p: props(func(p *Properties) {
			p.AnalyticsConfiguration = &AnalyticsConfiguration{ApplicationArn: "${Token[TOKEN.13]}"}
		})},
		"unit token skips the range": {p: props(func(p *Properties) {
			p.TokenValidityUnits = &TokenValidityUnits{AccessToken: "${Token[TOKEN.14]}"}
			p.AccessTokenValidity = 3600
		})},
		"enum tokens": {p: props(func(p *Properties) {
			p.PreventUserExistenceErrors = "${Token[TOKEN.15]}"
			p.RefreshTokenRotation = &RefreshTokenRotation{Feature: "${Token[TOKEN.16]}"}
			p.ExplicitAuthFlows = []AuthFlow{AllowRefreshTokenAuth}
		})},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, tc.p.ValidateWith(ValidateOptions{Unresolved: isToken}))
			// The same values are checked, and fail, when nothing is marked unresolved.
			require.Error(t, tc.p.Validate(), "this case must exercise a rule")
		})
	}

	t.Run("tokens do not hide other violations", func(t *testing.T) {
		p := Properties{UserPoolId: "${Token[TOKEN.1]}", ClientName: "a/b", AuthSessionValidity: 99}
		err := p.ValidateWith(ValidateOptions{Unresolved: isToken})
		assert.ElementsMatch(t, []string{"ClientName", "AuthSessionValidity"}, issuePaths(t, err))
	})
}

// TestPulumiExamples: every example of Pulumi's aws.cognito.UserPoolClient page, translated to our property names and
// written as CloudFormation sends it (scalars stringified), decodes and validates.
func TestPulumiExamples(t *testing.T) {
	files, err := filepath.Glob("testdata/pulumi/*.json")
	require.NoError(t, err)
	require.Len(t, files, 3, "the Pulumi page has three examples")
	want := map[string]Properties{
		"basic.json": props(nil),
		"no-srp.json": props(func(p *Properties) {
			p.ExplicitAuthFlows = []AuthFlow{AdminNoSRPAuth}
			p.GenerateSecret = true
		}),
		"pinpoint-analytics.json": props(func(p *Properties) {
			p.AnalyticsConfiguration = &AnalyticsConfiguration{
				ApplicationId:  "0123456789abcdef0123456789abcdef",
				ExternalId:     "some_id",
				RoleArn:        "arn:aws:iam::123456789012:role/testRole",
				UserDataShared: true,
			}
		}),
	}
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			got, err := Decode(raw)
			require.NoError(t, err)
			require.Contains(t, want, name)
			assert.Equal(t, want[name], got)
			assert.NoError(t, got.Validate())
		})
	}
}

// TestValidateIntRangesShowWhatWasWritten: a range message echoes the user's literal.
func TestValidateIntRangesShowWhatWasWritten(t *testing.T) {
	_, err := Decode(obj(`"AuthSessionValidity":"016"`))
	requireIssue(t, err, "AuthSessionValidity", strconv.Quote("016")+" given")
}

func enumValues(path string) []string {
	v, _ := Enum(path)
	return v
}
