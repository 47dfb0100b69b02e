package userpoolclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// obj renders ResourceProperties holding poolID and the given members (`"Key": value` pairs).
func obj(members ...string) []byte {
	return []byte(`{"UserPoolId":"` + poolID + `"` + prefixComma(members) + `}`)
}

func prefixComma(members []string) string {
	if len(members) == 0 {
		return ""
	}
	return "," + strings.Join(members, ",")
}

func TestDecodeAcceptsWireForms(t *testing.T) {
	tests := map[string]struct {
		raw  []byte
		want Properties
	}{
		"stringified true": {
			raw:  obj(`"GenerateSecret":"true"`),
			want: props(func(p *Properties) { p.GenerateSecret = true }),
		},
		// CloudFormation and cfn-lint take native booleans in any letter case.
		`"True"`: {
			raw:  obj(`"GenerateSecret":"True"`),
			want: props(func(p *Properties) { p.GenerateSecret = true }),
		},
		`"FALSE" and "tRuE"`: {
			raw:  obj(`"GenerateSecret":"FALSE"`, `"EnableTokenRevocation":"tRuE"`),
			want: props(func(p *Properties) { p.EnableTokenRevocation = Bool(true) }),
		},
		"native true": {
			raw:  obj(`"GenerateSecret":true`),
			want: props(func(p *Properties) { p.GenerateSecret = true }),
		},
		"stringified false": {
			raw:  obj(`"GenerateSecret":"false"`),
			want: props(nil),
		},
		"stringified int": {
			raw:  obj(`"RefreshTokenValidity":"30"`),
			want: props(func(p *Properties) { p.RefreshTokenValidity = 30 }),
		},
		"native int": {
			raw:  obj(`"RefreshTokenValidity":30`),
			want: props(func(p *Properties) { p.RefreshTokenValidity = 30 }),
		},
		"EnableTokenRevocation false is kept, not taken for absent": {
			raw:  obj(`"EnableTokenRevocation":"false"`),
			want: props(func(p *Properties) { p.EnableTokenRevocation = Bool(false) }),
		},
		"EnableTokenRevocation native true": {
			raw:  obj(`"EnableTokenRevocation":true`),
			want: props(func(p *Properties) { p.EnableTokenRevocation = Bool(true) }),
		},
		"nested stringified bool and int": {
			raw: obj(`"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc","UserDataShared":"true"}`,
				`"RefreshTokenRotation":{"Feature":"DISABLED","RetryGracePeriodSeconds":"60"}`),
			want: props(func(p *Properties) {
				p.AnalyticsConfiguration = &AnalyticsConfiguration{ApplicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc", UserDataShared: true}
				p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationDisabled, RetryGracePeriodSeconds: Int(60)}
			}),
		},
		"explicit zero grace period is valid": {
			raw: obj(`"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":"0"}`),
			want: props(func(p *Properties) {
				p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: Int(0)}
			}),
		},
		"lists and enums": {
			raw: obj(`"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]`,
				`"TokenValidityUnits":{"AccessToken":"minutes"}`, `"AccessTokenValidity":"5"`),
			want: props(func(p *Properties) {
				p.ExplicitAuthFlows = []AuthFlow{AllowUserSRPAuth, AllowRefreshTokenAuth}
				p.TokenValidityUnits = &TokenValidityUnits{AccessToken: Minutes}
				p.AccessTokenValidity = 5
			}),
		},
		"surrounding whitespace": {
			raw:  []byte("\n  " + string(obj()) + "\n"),
			want: props(nil),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Decode(tc.raw)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDecodeRejectsBadScalars(t *testing.T) {
	const (
		boolWords = "must be true or false"
		intWords  = "must be a whole number"
	)
	tests := map[string]struct {
		member string
		path   string
		words  []string
	}{
		`bool "yes"`:                     {`"GenerateSecret":"yes"`, "GenerateSecret", []string{boolWords, `"yes"`}},
		`bool "truth"`:                   {`"GenerateSecret":"truth"`, "GenerateSecret", []string{boolWords, `"truth"`}},
		`bool "TRUE "`:                   {`"GenerateSecret":"TRUE "`, "GenerateSecret", []string{boolWords, `"TRUE "`}},
		`bool " true"`:                   {`"GenerateSecret":" true"`, "GenerateSecret", []string{boolWords, `" true"`}},
		`bool ""`:                        {`"GenerateSecret":""`, "GenerateSecret", []string{boolWords, `""`}},
		`bool "1"`:                       {`"GenerateSecret":"1"`, "GenerateSecret", []string{boolWords}},
		`bool 1`:                         {`"GenerateSecret":1`, "GenerateSecret", []string{boolWords, "number"}},
		`pointer bool "yes"`:             {`"EnableTokenRevocation":"yes"`, "EnableTokenRevocation", []string{boolWords}},
		`nested bool "yes"`:              {`"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc","UserDataShared":"yes"}`, "AnalyticsConfiguration.UserDataShared", []string{boolWords}},
		`int "1.5"`:                      {`"RefreshTokenValidity":"1.5"`, "RefreshTokenValidity", []string{intWords, `"1.5"`}},
		`int "1e3"`:                      {`"RefreshTokenValidity":"1e3"`, "RefreshTokenValidity", []string{intWords, `"1e3"`}},
		`int JSON 1e3`:                   {`"RefreshTokenValidity":1e3`, "RefreshTokenValidity", []string{intWords, "1e3"}},
		`int JSON 1.0`:                   {`"RefreshTokenValidity":1.0`, "RefreshTokenValidity", []string{intWords, "1.0"}},
		`int ""`:                         {`"RefreshTokenValidity":""`, "RefreshTokenValidity", []string{intWords, `""`}},
		`int " 30"`:                      {`"RefreshTokenValidity":" 30"`, "RefreshTokenValidity", []string{intWords}},
		`int "+5"`:                       {`"AuthSessionValidity":"+5"`, "AuthSessionValidity", []string{intWords}},
		`int "0x10"`:                     {`"AuthSessionValidity":"0x10"`, "AuthSessionValidity", []string{intWords}},
		`int true`:                       {`"AuthSessionValidity":true`, "AuthSessionValidity", []string{intWords, "boolean"}},
		`nested int "1.5"`:               {`"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":"1.5"}`, "RefreshTokenRotation.RetryGracePeriodSeconds", []string{intWords}},
		`scalar where a list belongs`:    {`"CallbackURLs":"https://example.com/cb"`, "CallbackURLs", []string{"must be a list of strings", "string"}},
		`object where a list belongs`:    {`"ExplicitAuthFlows":{}`, "ExplicitAuthFlows", []string{"must be a list of strings", "object"}},
		`list with a number`:             {`"CallbackURLs":["https://example.com/cb",5]`, "CallbackURLs", []string{"must be a list of strings", "item 1", "number"}},
		`list with a null`:               {`"ReadAttributes":["email",null]`, "ReadAttributes", []string{"must be a list of strings", "item 1", "null"}},
		`list with a nested list`:        {`"ReadAttributes":[["email"]]`, "ReadAttributes", []string{"item 0", "list"}},
		`object where a bool belongs`:    {`"GenerateSecret":{}`, "GenerateSecret", []string{boolWords, "object"}},
		`object where an int belongs`:    {`"AuthSessionValidity":{"a":1}`, "AuthSessionValidity", []string{intWords, "object"}},
		`object where a string belongs`:  {`"ClientName":{"Ref":"Name"}`, "ClientName", []string{"must be a string", "object"}},
		`list where a string belongs`:    {`"DefaultRedirectURI":["https://example.com/cb"]`, "DefaultRedirectURI", []string{"must be a string", "list"}},
		`scalar where an object belongs`: {`"TokenValidityUnits":"hours"`, "TokenValidityUnits", []string{"must be an object", "AccessToken, IdToken, RefreshToken"}},
		`list where an object belongs`:   {`"RefreshTokenRotation":[]`, "RefreshTokenRotation", []string{"must be an object", "Feature"}},
		`number where a string belongs`:  {`"PreventUserExistenceErrors":1`, "PreventUserExistenceErrors", []string{"must be a string", "number"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(obj(tc.member))
			requireIssue(t, err, tc.path, tc.words...)
			// A type error is reported once: no rule errors pile up on the same path.
			n := 0
			for _, p := range issuePaths(t, err) {
				if p == tc.path {
					n++
				}
			}
			assert.Equal(t, 1, n, "issues at %s: %v", tc.path, err)
			assert.True(t, strings.HasPrefix(err.Error(), tc.path+": ") || strings.Contains(err.Error(), "; "+tc.path+": "),
				"the message names the property: %v", err)
		})
	}
}

func TestDecodeNegativeIntegerParsesThenFailsTheRange(t *testing.T) {
	tests := map[string]struct {
		member string
		path   string
		words  []string
	}{
		`"-1" refresh`: {`"RefreshTokenValidity":"-1"`, "RefreshTokenValidity", []string{"between 1 and 3650 days", `"-1" given`}},
		`-1 refresh`:   {`"RefreshTokenValidity":-1`, "RefreshTokenValidity", []string{"between 1 and 3650 days", `"-1" given`}},
		`"-1" session`: {`"AuthSessionValidity":"-1"`, "AuthSessionValidity", []string{"between 3 and 15 minutes", `"-1" given`}},
		`"-1" grace`:   {`"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":"-1"}`, "RefreshTokenRotation.RetryGracePeriodSeconds", []string{"between 0 and 60 seconds", `"-1" given`}},
		`"0" access`:   {`"AccessTokenValidity":"0"`, "AccessTokenValidity", []string{"between 1 and 24 hours", `"0" given`}},
		`beyond int32`: {`"RefreshTokenValidity":"99999999999"`, "RefreshTokenValidity", []string{"between 1 and 3650 days", `"99999999999" given`}},
		`below int32`:  {`"IdTokenValidity":-99999999999`, "IdTokenValidity", []string{"between 1 and 24 hours", `"-99999999999" given`}},
		`beyond int64`: {`"AuthSessionValidity":"99999999999999999999999"`, "AuthSessionValidity", []string{"between 3 and 15 minutes"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(obj(tc.member))
			requireIssue(t, err, tc.path, tc.words...)
		})
	}
}

func TestDecodeNullMeansAbsent(t *testing.T) {
	t.Run("every property", func(t *testing.T) {
		m := map[string]any{}
		for _, name := range names(reflect.TypeOf(Properties{})) {
			m[name] = nil
		}
		m["UserPoolId"] = poolID
		raw, err := json.Marshal(m)
		require.NoError(t, err)
		require.Greater(t, len(m), 20, "every property is in the request")

		got, err := Decode(raw)
		require.NoError(t, err)
		assert.Equal(t, props(nil), got)
	})

	tests := map[string]struct {
		raw  []byte
		want Properties
	}{
		"nested units": {
			raw:  obj(`"TokenValidityUnits":{"AccessToken":null,"IdToken":"minutes","RefreshToken":null}`),
			want: props(func(p *Properties) { p.TokenValidityUnits = &TokenValidityUnits{IdToken: Minutes} }),
		},
		"a null ExternalId is not there to conflict with ApplicationArn": {
			raw: obj(`"AnalyticsConfiguration":{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc","ExternalId":null,"RoleArn":null}`),
			want: props(func(p *Properties) {
				p.AnalyticsConfiguration = &AnalyticsConfiguration{ApplicationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc"}
			}),
		},
		"null grace period": {
			raw: obj(`"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":null}`),
			want: props(func(p *Properties) {
				p.RefreshTokenRotation = &RefreshTokenRotation{Feature: RotationEnabled, RetryGracePeriodSeconds: nil}
			}),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Decode(tc.raw)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}

	t.Run("null UserPoolId is missing", func(t *testing.T) {
		_, err := Decode([]byte(`{"UserPoolId":null}`))
		requireIssue(t, err, "UserPoolId", "required")
	})
}

func TestDecodeDocumentShape(t *testing.T) {
	tests := map[string]struct {
		raw   string
		path  string
		words []string
	}{
		"a list":              {`[]`, "", []string{"must be an object"}},
		"a string":            {`"UserPoolId"`, "", []string{"must be an object"}},
		"a number":            {`42`, "", []string{"must be an object"}},
		"a boolean":           {`true`, "", []string{"must be an object"}},
		"truncated":           {`{"UserPoolId":"` + poolID, "", []string{"not valid JSON"}},
		"bad syntax":          {`{"UserPoolId":}`, "", []string{"not valid JSON"}},
		"single quotes":       {`{'UserPoolId':'x'}`, "", []string{"not valid JSON"}},
		"trailing object":     {string(obj()) + ` {}`, "", []string{"not valid JSON", "trailing data"}},
		"trailing garbage":    {string(obj()) + ` x`, "", []string{"not valid JSON", "trailing data"}},
		"empty body":          {``, "UserPoolId", []string{"required"}},
		"null body":           {`null`, "UserPoolId", []string{"required"}},
		"empty object":        {`{}`, "UserPoolId", []string{"required"}},
		"explicit empty pool": {`{"UserPoolId":""}`, "UserPoolId", []string{"1–55 characters", "0 given"}},
		"explicit empty name": {string(obj(`"ClientName":""`)), "ClientName", []string{"1–128 characters", "0 given"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode([]byte(tc.raw))
			is := validationIssues(t, err)
			assert.Equal(t, tc.path, is[0].Path, "the document's own problem comes first: %v", err)
			assert.True(t, containsAll(is[0].Message, tc.words), "%v", err)
			// Nothing else is reported but, for a document that is not an object, the missing
			// UserPoolId that follows from it.
			for _, other := range is[1:] {
				assert.Equal(t, "UserPoolId", other.Path, "%v", err)
			}
		})
	}
}

func TestDecodeUnknownKeys(t *testing.T) {
	tests := map[string]struct {
		raw     []byte
		path    string
		suggest string // "" = no suggestion expected
	}{
		"CallbackUrls":        {obj(`"CallbackUrls":["https://example.com/cb"]`), "CallbackUrls", "CallbackURLs"},
		"LogoutUrls":          {obj(`"LogoutUrls":["https://example.com/cb"]`), "LogoutUrls", "LogoutURLs"},
		"clientname":          {obj(`"clientname":"web"`), "clientname", "ClientName"},
		"AllowedOauthFlows":   {obj(`"AllowedOauthFlows":["code"]`), "AllowedOauthFlows", "AllowedOAuthFlows"},
		"DefaultRedirectUri":  {obj(`"DefaultRedirectUri":"https://example.com/cb"`), "DefaultRedirectUri", "DefaultRedirectURI"},
		"UserPoolID":          {[]byte(`{"UserPoolID":"` + poolID + `","UserPoolId":"` + poolID + `"}`), "UserPoolID", "UserPoolId"},
		"a typo":              {obj(`"GenerateSecrt":"true"`), "GenerateSecrt", "GenerateSecret"},
		"Pulumi name":         {obj(`"callbackUrls":["https://example.com/cb"]`), "callbackUrls", "CallbackURLs"},
		"ServiceTokn":         {obj(`"ServiceTokn":"arn"`), "ServiceTokn", "ServiceToken"},
		"nested AccessTokn":   {obj(`"TokenValidityUnits":{"AccessTokn":"hours"}`), "TokenValidityUnits.AccessTokn", "AccessToken"},
		"nested roleArn":      {obj(`"AnalyticsConfiguration":{"ApplicationId":"abc","ExternalId":"x","RoleArn":"arn:aws:iam::123456789012:role/r","roleArn":"x"}`), "AnalyticsConfiguration.roleArn", "RoleArn"},
		"nested feature":      {obj(`"RefreshTokenRotation":{"feature":"ENABLED","Feature":"ENABLED"}`), "RefreshTokenRotation.feature", "Feature"},
		"Banana":              {obj(`"Banana":"yes"`), "Banana", ""},
		"nested Banana":       {obj(`"TokenValidityUnits":{"Banana":"hours"}`), "TokenValidityUnits.Banana", ""},
		"ServiceToken nested": {obj(`"TokenValidityUnits":{"ServiceToken":"x"}`), "TokenValidityUnits.ServiceToken", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(tc.raw)
			is := requireIssue(t, err, tc.path, "unknown property")
			if tc.suggest != "" {
				assert.Contains(t, is.Message, "did you mean "+tc.suggest+"?")
			} else {
				assert.NotContains(t, is.Message, "did you mean")
				assert.Contains(t, is.Message, "known properties are")
			}
			assert.Len(t, validationIssues(t, err), 1, "%v", err)
		})
	}
}

func TestDecodeIgnoresCloudFormationKeys(t *testing.T) {
	raw := obj(`"ServiceToken":"arn:aws:lambda:us-east-1:123456789012:function:upc"`, `"ServiceTimeout":"300"`, `"ClientName":"web"`)
	got, err := Decode(raw)
	require.NoError(t, err)
	assert.Equal(t, props(func(p *Properties) { p.ClientName = "web" }), got)

	_, err = Decode(obj(`"ServiceTimeout":300`))
	require.NoError(t, err, "a native number ServiceTimeout is ignored too")
}

// TestDecodeHugeInputKeepsMessagesSmall feeds 1 MB values and keys: the request fails, quickly,
// and its message stays far below the 4096-byte response body.
func TestDecodeHugeInputKeepsMessagesSmall(t *testing.T) {
	const maxMessage = 4096
	big := strings.Repeat("a", 1<<20)
	bigDigits := strings.Repeat("1", 1<<20)
	tests := map[string]struct {
		raw  []byte
		path string
	}{
		"ClientName":                  {obj(`"ClientName":"` + big + `"`), "ClientName"},
		"UserPoolId":                  {[]byte(`{"UserPoolId":"` + big + `"}`), "UserPoolId"},
		"UserPoolId matching shape":   {[]byte(`{"UserPoolId":"a_` + big + `"}`), "UserPoolId"},
		"bool":                        {obj(`"GenerateSecret":"` + big + `"`), "GenerateSecret"},
		"int of letters":              {obj(`"RefreshTokenValidity":"` + big + `"`), "RefreshTokenValidity"},
		"int of digits":               {obj(`"RefreshTokenValidity":"` + bigDigits + `"`), "RefreshTokenValidity"},
		"JSON number of digits":       {obj(`"RefreshTokenValidity":` + bigDigits), "RefreshTokenValidity"},
		"callback URL":                {obj(`"CallbackURLs":["https://example.com/` + big + `"]`), "CallbackURLs[0]"},
		"DefaultRedirectURI":          {obj(`"DefaultRedirectURI":"https://example.com/` + big + `"`), "DefaultRedirectURI"},
		"auth flow":                   {obj(`"ExplicitAuthFlows":["ALLOW_` + big + `"]`), "ExplicitAuthFlows[0]"},
		"auth flow mixed with legacy": {obj(`"ExplicitAuthFlows":["ADMIN_NO_SRP_AUTH","ALLOW_` + big + `"]`), "ExplicitAuthFlows[1]"},
		"scope":                       {obj(`"AllowedOAuthScopes":["` + big + `"]`), "AllowedOAuthScopes[0]"},
		"duplicate item":              {obj(`"ReadAttributes":["` + big + `","` + big + `"]`), "ReadAttributes"},
		"enum":                        {obj(`"PreventUserExistenceErrors":"` + big + `"`), "PreventUserExistenceErrors"},
		"unit":                        {obj(`"TokenValidityUnits":{"IdToken":"` + big + `"}`), "TokenValidityUnits.IdToken"},
		"ApplicationId":               {obj(`"AnalyticsConfiguration":{"ApplicationId":"z` + big + `","ExternalId":"x","RoleArn":"arn:aws:iam::123456789012:role/r"}`), "AnalyticsConfiguration.ApplicationId"},
		"unknown key":                 {obj(`"` + big + `":"x"`), ""},
		"unknown key, nested":         {obj(`"TokenValidityUnits":{"` + big + `":"x"}`), ""},
		"unterminated string":         {[]byte(`{"UserPoolId":"` + big), ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(tc.raw)
			issues := validationIssues(t, err)
			if tc.path != "" {
				requireIssue(t, err, tc.path)
			}
			assert.Less(t, len(err.Error()), maxMessage, "message of %d bytes: %s", len(err.Error()), clip(err.Error()))
			for _, is := range issues {
				assert.Less(t, len(is.Path), 256, "path of %d bytes", len(is.Path))
			}
		})
	}
}

func TestDecodeHugeListFailsWithTheCount(t *testing.T) {
	list := func(n int, item func(i int) string) string {
		items := make([]string, n)
		for i := range items {
			items[i] = fmt.Sprintf("%q", item(i))
		}
		return "[" + strings.Join(items, ",") + "]"
	}
	tests := map[string]struct {
		member string
		path   string
		words  []string
	}{
		"ReadAttributes": {
			`"ReadAttributes":` + list(10000, func(i int) string { return fmt.Sprintf("custom:a%d", i) }),
			"ReadAttributes", []string{"at most 1000 items", "10000 given"},
		},
		"CallbackURLs": {
			`"CallbackURLs":` + list(10000, func(i int) string { return fmt.Sprintf("https://example.com/cb/%d", i) }),
			"CallbackURLs", []string{"at most 100 items", "10000 given"},
		},
		"AllowedOAuthScopes": {
			`"AllowedOAuthScopes":` + list(10000, func(i int) string { return fmt.Sprintf("api/s%d", i) }),
			"AllowedOAuthScopes", []string{"at most 50 items", "10000 given"},
		},
		"ExplicitAuthFlows mixing legacy and ALLOW_": {
			`"ExplicitAuthFlows":` + list(10000, func(i int) string {
				if i%2 == 0 {
					return "ADMIN_NO_SRP_AUTH"
				}
				return fmt.Sprintf("ALLOW_X%d", i)
			}),
			"ExplicitAuthFlows", []string{"at most 1000 items", "10000 given"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(obj(tc.member))
			requireIssue(t, err, tc.path, tc.words...)
			assert.Less(t, len(err.Error()), 4096, "message of %d bytes: %s", len(err.Error()), clip(err.Error()))
		})
	}
}

func TestDecodeReportsAllViolationsTogether(t *testing.T) {
	raw := []byte(`{
		"GenerateSecret": "yes",
		"RefreshTokenValidity": "1.5",
		"AuthSessionValidity": "99",
		"CallbackURLs": ["http://example.com/cb"],
		"CallbackUrls": [],
		"TokenValidityUnits": {"AccessTokn": "hours"},
		"AnalyticsConfiguration": {"ApplicationId": "abc"},
		"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:upc"
	}`)
	_, err := Decode(raw)
	assert.ElementsMatch(t, []string{
		"UserPoolId",
		"GenerateSecret",
		"RefreshTokenValidity",
		"AuthSessionValidity",
		"CallbackURLs[0]",
		"CallbackUrls",
		"TokenValidityUnits.AccessTokn",
		"AnalyticsConfiguration.ExternalId",
		"AnalyticsConfiguration.RoleArn",
	}, issuePaths(t, err), "%v", err)
	msg := err.Error()
	for _, want := range []string{
		"UserPoolId: required",
		"GenerateSecret: must be true or false",
		"AnalyticsConfiguration.RoleArn: required when ApplicationId is set",
		"AuthSessionValidity: must be between 3 and 15 minutes",
	} {
		assert.Contains(t, msg, want)
	}
}

// FuzzDecode checks that Decode never panics, that its errors always explain themselves,
// and that whatever it accepts the typed validator accepts too.
func FuzzDecode(f *testing.F) {
	events, err := filepath.Glob("../events/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range events {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var e struct {
			ResourceProperties    json.RawMessage
			OldResourceProperties json.RawMessage
		}
		if json.Unmarshal(b, &e) != nil {
			continue
		}
		for _, raw := range []json.RawMessage{e.ResourceProperties, e.OldResourceProperties} {
			if len(raw) > 0 {
				f.Add([]byte(raw))
			}
		}
	}
	seeds, _ := filepath.Glob("testdata/pulumi/*.json")
	for _, path := range seeds {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `"x"`, `{} {}`,
		string(obj()),
		string(obj(`"GenerateSecret":"true"`, `"AllowedOAuthFlows":["client_credentials"]`, `"AllowedOAuthScopes":["api/read"]`, `"AllowedOAuthFlowsUserPoolClient":"true"`)),
		string(obj(`"CallbackURLs":["https://example.com/cb","http://localhost:3000/cb"]`, `"DefaultRedirectURI":"https://example.com/cb"`, `"AllowedOAuthFlows":["code"]`)),
		string(obj(`"RefreshTokenValidity":"0"`, `"AccessTokenValidity":"-1"`, `"TokenValidityUnits":{"AccessToken":"seconds"}`)),
		string(obj(`"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":"0"}`, `"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH"]`)),
		string(obj(`"AnalyticsConfiguration":{"ApplicationId":"0a1b","ExternalId":"x","RoleArn":"arn:aws:iam::123456789012:role/r"}`)),
		string(obj(`"ClientName":""`, `"DefaultRedirectURI":""`, `"PreventUserExistenceErrors":""`)),
		string(obj(`"TokenValidityUnits":{"AccessToken":"","IdToken":null}`, `"AccessTokenValidity":1e3`)),
	} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Decode(raw)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Decode returned %T, want *ValidationError: %v", err, err)
			}
			if len(ve.Issues) == 0 {
				t.Fatal("a ValidationError without issues")
			}
			for _, is := range ve.Issues {
				if is.Path == "" && is.Message == "" {
					t.Fatalf("an empty issue in %v", ve.Issues)
				}
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("Decode accepted %q but Validate rejects %#v: %v", raw, p, err)
		}
	})
}
