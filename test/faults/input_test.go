package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The Input table of docs/faults.md.

// invokeRaw hands payload to the handler and returns its error.
func invokeRaw(t *testing.T, h *provider.Handler, payload []byte) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := h.Invoke(ctx, payload)
	assert.Nil(t, out)
	return err
}

func TestInput_NotJSONOrTruncated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	url := f.newURL()
	// ResponseURL first, so that a cut keeps it readable.
	whole := []byte(fmt.Sprintf(`{"ResponseURL":%q,"RequestType":"Create","StackId":%q,"RequestId":"r1",`+
		`"LogicalResourceId":"WebClient","ResourceType":"Custom::UserPoolClient","ResourceProperties":{"UserPoolId":%q}}`,
		url, f.stack, f.pool))
	require.True(t, json.Valid(whole))
	for name, payload := range map[string]string{
		"not JSON":      "RequestType=Create&ResponseURL=" + url,
		"empty":         "",
		"null":          "null",
		"array":         `[{"ResponseURL":"` + url + `"}]`,
		"string":        `"` + url + `"`,
		"truncated":     string(whole[:len(whole)-25]),
		"trailing junk": string(whole) + `}`,
	} {
		t.Run(name, func(t *testing.T) {
			err := invokeRaw(t, f.h, []byte(payload))
			require.Error(t, err, "an error is returned: no ResponseURL can be trusted")
		})
	}
	got := settle(t, url, false)
	assert.Zero(t, got.PUTs, "no PUT, not even to a URL readable in the broken payload")
	assert.Contains(t, f.logs.String(), "request is not a json object")
	assert.Empty(t, calls(f.pool))
}

// nonLoopbackURL returns an http URL on a non-loopback address of this machine, served by a
// listener that counts what reaches it, so that "no PUT" is observed rather than assumed.
func nonLoopbackURL(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	require.NoError(t, err)
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.To4() == nil {
			continue
		}
		ln, err := net.Listen("tcp", ipn.IP.String()+":0")
		if err != nil {
			continue
		}
		var hits atomic.Int64
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		srv.Listener = ln
		srv.Start()
		t.Cleanup(srv.Close)
		return srv.URL + "/bucket/key?X-Amz-Signature=feedfacefeedfacefeedface", &hits
	}
	return "", nil
}

func TestInput_ResponseURLMissingOrNotAllowed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	lan, hits := nonLoopbackURL(t)
	for name, url := range map[string]*string{
		"missing":              nil,
		"empty":                ptr(""),
		"ftp":                  ptr("ftp://127.0.0.1/bucket/key?X-Amz-Signature=feedfacefeedfacefeedface"),
		"http to example.com":  ptr("http://example.com/bucket/key?X-Amz-Signature=feedfacefeedfacefeedface"),
		"http to a LAN host":   &lan,
		"https without a host": ptr("https:///bucket/key?X-Amz-Signature=feedfacefeedfacefeedface"),
		"unparseable":          ptr("http://[::1/%zz?X-Amz-Signature=feedfacefeedfacefeedface"),
		"a number":             nil, // ResponseURL: 42
	} {
		t.Run(name, func(t *testing.T) {
			if url != nil && *url == "" && name == "http to a LAN host" {
				t.Skip("no non-loopback IPv4 address on this machine")
			}
			ev := map[string]any{
				"RequestType": "Create", "StackId": f.stack, "RequestId": "r-" + name, "LogicalResourceId": "WebClient",
				"ResourceType": "Custom::UserPoolClient", "ResourceProperties": map[string]any{"UserPoolId": f.pool},
			}
			if url != nil {
				ev["ResponseURL"] = *url
			}
			if name == "a number" {
				ev["ResponseURL"] = 42
			}
			err := invokeRaw(t, f.h, marshal(t, ev))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "ResponseURL")
		})
	}
	if hits != nil {
		assert.Zero(t, hits.Load(), "nothing was PUT to the LAN host")
	}
	logs := f.logs.String()
	want := 8
	if lan == "" {
		want--
	}
	assert.Equal(t, want, strings.Count(logs, "request has no usable response url"))
	assert.NotContains(t, logs, "feedface", "the query never reaches the logs")
	assert.Empty(t, calls(f.pool), "no Cognito call")
	assert.Empty(t, catcher.Unexpected())
}

func ptr[T any](v T) *T { return &v }

func TestInput_UnknownRequestType(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, rt := range []string{"Upsert", ""} {
		res := f.send(request{RequestType: rt, Props: webProps(f.pool)})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "unsupported request type")
		assert.Contains(t, res.Reason, fmt.Sprintf("%q", rt))
		assert.False(t, userpoolclient.IsClientID(res.PhysicalResourceID))
	}
	assert.Empty(t, calls(f.pool))
}

func TestInput_ResourcePropertiesMissing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	create := f.send(request{RequestType: provider.Create})
	require.Equal(t, "FAILED", create.Status)
	assert.Contains(t, create.Reason, "UserPoolId")
	assert.Contains(t, create.Reason, "required")

	del := f.send(request{RequestType: provider.Delete, PhysicalID: "1example23456789"})
	assert.Equal(t, "SUCCESS", del.Status, del.Reason)
	assert.Equal(t, "1example23456789", del.PhysicalResourceID)
	assert.Empty(t, calls(f.pool))
}

// invalid sends a Create with props (a map, stringified, or raw JSON) and returns its Reason,
// after checking that it failed before any Cognito call.
func (f *fixture) invalid(props any) string {
	f.t.Helper()
	res := f.send(request{RequestType: provider.Create, Props: props})
	require.Equal(f.t, "FAILED", res.Status)
	assert.False(f.t, userpoolclient.IsClientID(res.PhysicalResourceID))
	assert.Empty(f.t, calls(f.pool), "no Cognito call")
	assert.True(f.t, utf8.ValidString(res.Reason))
	assert.NotContains(f.t, res.Reason, "\uFFFD", "cut on a rune boundary")
	return res.Reason
}

func with(pool string, kv ...any) map[string]any {
	m := map[string]any{"UserPoolId": pool}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func TestInput_GenerateSecretNotABoolean(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, v := range []string{"yes", "TRUE ", "", "truth", " true", "1"} { // "True" is a boolean (any letter case)
		reason := f.invalid(with(f.pool, "GenerateSecret", v))
		assert.Contains(t, reason, "GenerateSecret", v)
		assert.Contains(t, reason, "true or false", v)
	}
}

func TestInput_IntegersMalformedOrOutOfRange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for name, props := range map[string]any{
		`"1.5"`:          with(f.pool, "AccessTokenValidity", "1.5"),
		`"1e3"`:          with(f.pool, "AccessTokenValidity", "1e3"),
		`1e3 (a number)`: json.RawMessage(fmt.Sprintf(`{"UserPoolId":%q,"AccessTokenValidity":1e3}`, f.pool)),
		`1.0 (a number)`: json.RawMessage(fmt.Sprintf(`{"UserPoolId":%q,"AccessTokenValidity":1.0}`, f.pool)),
		`"-1"`:           with(f.pool, "AccessTokenValidity", "-1"),
		`"0"`:            with(f.pool, "AccessTokenValidity", "0"),
		`"25" hours`:     with(f.pool, "AccessTokenValidity", "25"),
		`beyond int32`:   with(f.pool, "AccessTokenValidity", "99999999999999999999"),
		`""`:             with(f.pool, "AccessTokenValidity", ""),
	} {
		t.Run(name, func(t *testing.T) {
			reason := f.invalid(props)
			assert.Contains(t, reason, "AccessTokenValidity")
			assert.Contains(t, reason, "between 1 and 24 hours", "the range in its unit")
		})
	}
	t.Run("the unit follows TokenValidityUnits", func(t *testing.T) {
		reason := f.invalid(with(f.pool, "RefreshTokenValidity", "59", "TokenValidityUnits", map[string]any{"RefreshToken": "minutes"}))
		assert.Contains(t, reason, "RefreshTokenValidity")
		assert.Contains(t, reason, "between 60 and 5256000 minutes")
	})
}

func TestInput_WrongShape(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for name, tc := range map[string]struct {
		props any
		path  string
	}{
		"a scalar where a list belongs":    {with(f.pool, "CallbackURLs", "https://app.example.com/cb"), "CallbackURLs"},
		"an object where a list belongs":   {with(f.pool, "ExplicitAuthFlows", map[string]any{"a": "b"}), "ExplicitAuthFlows"},
		"an object where a scalar belongs": {with(f.pool, "ClientName", map[string]any{"Fn::Sub": "x"}), "ClientName"},
		"a list where a scalar belongs":    {with(f.pool, "GenerateSecret", []string{"true"}), "GenerateSecret"},
		"a scalar where an object belongs": {with(f.pool, "TokenValidityUnits", "hours"), "TokenValidityUnits"},
		"a list of objects":                {json.RawMessage(fmt.Sprintf(`{"UserPoolId":%q,"LogoutURLs":[{"u":1}]}`, f.pool)), "LogoutURLs"},
		"properties not an object":         {json.RawMessage(`["UserPoolId"]`), "ResourceProperties"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, f.invalid(tc.props), tc.path)
		})
	}
}

func TestInput_UnknownOrMisspelledProperty(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for key, want := range map[string]string{
		"CallbackUrls":    "did you mean CallbackURLs?",
		"clientname":      "did you mean ClientName?",
		"GenerateSecrets": "did you mean GenerateSecret?",
	} {
		reason := f.invalid(with(f.pool, key, "x"))
		assert.Contains(t, reason, key)
		assert.Contains(t, reason, want)
	}
	far := f.invalid(with(f.pool, "Frobnicate", "x"))
	assert.Contains(t, far, "Frobnicate")
	assert.NotContains(t, far, "did you mean", "no suggestion for a far-off key")
	nested := f.invalid(with(f.pool, "TokenValidityUnits", map[string]any{"AccessTokens": "hours"}))
	assert.Contains(t, nested, "TokenValidityUnits.AccessTokens")
	assert.Contains(t, nested, "did you mean AccessToken?")
}

func strs(n int, format string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}

func TestInput_OversizedOrRepeated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for name, tc := range map[string]struct {
		props any
		want  []string
	}{
		"101 callback URLs":   {with(f.pool, "CallbackURLs", strs(101, "https://app.example.com/cb%d")), []string{"CallbackURLs", "100"}},
		"51 scopes":           {with(f.pool, "AllowedOAuthScopes", strs(51, "api/s%d")), []string{"AllowedOAuthScopes", "50"}},
		"a 1 MB string":       {with(f.pool, "ClientName", strings.Repeat("é", 1<<19)), []string{"ClientName", "128"}},
		"a 10,000-item list":  {with(f.pool, "ReadAttributes", strs(10000, "custom:a%d")), []string{"ReadAttributes", "1000"}},
		"duplicate items":     {with(f.pool, "LogoutURLs", []string{"https://a.example.com/", "https://a.example.com/"}), []string{"LogoutURLs", "repeat"}},
		"a 1 MB unknown key":  {with(f.pool, strings.Repeat("🙂", 1<<18), "x"), []string{"unknown property"}},
		"a 1 MB list item":    {with(f.pool, "WriteAttributes", []string{strings.Repeat("a", 1<<20)}), []string{"WriteAttributes", "2048"}},
		"duplicate scopes":    {with(f.pool, "AllowedOAuthScopes", []string{"openid", "openid"}), []string{"AllowedOAuthScopes", "repeat"}},
		"101 logout URLs too": {with(f.pool, "LogoutURLs", strs(101, "https://app.example.com/out%d")), []string{"LogoutURLs", "100"}},
	} {
		t.Run(name, func(t *testing.T) {
			reason := f.invalid(tc.props)
			for _, w := range tc.want {
				assert.Contains(t, reason, w)
			}
		})
	}
	t.Run("a Reason too long for 4096 bytes is cut on a rune boundary", func(t *testing.T) {
		// Many distinct unknown keys of emoji, accents and control characters: each costs
		// several bytes once encoded, and together far more than 4096.
		props := with(f.pool)
		for i := range 80 {
			props[fmt.Sprintf("%03d-é🙂\u0001<>&%s", i, strings.Repeat("ü🙂", 30))] = "x"
		}
		res := f.send(request{RequestType: provider.Create, Props: props})
		require.Equal(t, "FAILED", res.Status)
		assert.True(t, strings.HasSuffix(res.Reason, "(truncated)"), "the Reason was cut: %q", tail(res.Reason, 80))
		assert.True(t, utf8.ValidString(res.Reason))
		assert.NotContains(t, res.Reason, "\uFFFD", "no rune was split")
		body := res.got.Body
		assert.LessOrEqual(t, len(body), cfnresponse.MaxBodyBytes)
		assert.Greater(t, len(body), cfnresponse.MaxBodyBytes-16, "cut as late as fits")
		assert.Empty(t, calls(f.pool))
	})
}

func TestInput_UnicodeControlCharactersAndMarkup(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const weird = "Wéb 🙂 <b>&amp;</b> \u0001\u001f\u2028\u2029\"\\"

	t.Run("in a name: a valid JSON FAILED echoing it", func(t *testing.T) {
		res := f.send(request{RequestType: provider.Create, Props: with(f.pool, "ClientName", weird)})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, "ClientName")
		assert.Contains(t, res.Reason, "🙂")
		assert.Contains(t, string(res.got.Body), "<b>&amp;</b>", "no HTML escaping")
		assert.Equal(t, int64(len(res.got.Body)), res.got.ContentLength)
		assert.Empty(t, calls(f.pool))
	})
	t.Run("in a key: raw control characters in the Reason", func(t *testing.T) {
		res := f.send(request{RequestType: provider.Create, Props: with(f.pool, weird, "x")})
		require.Equal(t, "FAILED", res.Status)
		assert.Contains(t, res.Reason, weird, "the key is named as it is")
		assert.Contains(t, string(res.got.Body), `\u0001`, "control characters escaped")
		assert.Equal(t, int64(len(res.got.Body)), res.got.ContentLength)
	})
	t.Run("in the identifiers: echoed exactly, and a client made", func(t *testing.T) {
		props := with(f.pool) // no ClientName: one is made from the logical ID
		res := f.send(request{RequestType: provider.Create, Props: props, LogicalID: "Web" + weird, RequestID: "req-" + weird})
		require.Equal(t, "SUCCESS", res.Status, res.Reason)
		assert.Equal(t, "Web"+weird, res.LogicalResourceID)
		assert.Equal(t, "req-"+weird, res.RequestID)
		assert.Regexp(t, `^[\w\s+=,.@-]+$`, res.Data["Name"], "the generated name is one Cognito accepts")
		assert.Equal(t, int64(len(res.got.Body)), res.got.ContentLength)
	})
}
