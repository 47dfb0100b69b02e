package localrun

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPrepareEvent(t *testing.T) {
	const in = `{"RequestType":"Update","ResponseURL":"https://example.com/x?X-Amz-Signature=1",` +
		`"Weird":1e3,"Flag":true,"Null":null,` +
		`"ResourceProperties":{"ServiceToken":"arn","UserPoolId":"us-east-1_old","AccessTokenValidity":"60","Native":60,"List":["a","b"],"Nested":{"UserPoolId":"keep"}},` +
		`"OldResourceProperties":{"UserPoolId":"us-east-1_old","Html":"<a&b>"}}`

	tests := map[string]struct {
		in          string
		responseURL string
		poolID      string
		opts        []EventOption
		want        string
		wantErr     bool
	}{
		"url and pool replaced, everything else kept": {
			in: in, responseURL: "http://127.0.0.1:1/r?X-Amz-Signature=s&a=b", poolID: "us-east-1_New",
			want: `{"RequestType":"Update","ResponseURL":"http://127.0.0.1:1/r?X-Amz-Signature=s&a=b",` +
				`"Weird":1e3,"Flag":true,"Null":null,` +
				`"ResourceProperties":{"ServiceToken":"arn","UserPoolId":"us-east-1_New","AccessTokenValidity":"60","Native":60,"List":["a","b"],"Nested":{"UserPoolId":"keep"}},` +
				`"OldResourceProperties":{"UserPoolId":"us-east-1_New","Html":"<a&b>"}}`,
		},
		"empty url and pool leave the event alone": {
			in: in, want: in,
		},
		"physical resource id added at the end": {
			in: `{"RequestType":"Delete","ResourceProperties":{"UserPoolId":"p"}}`, poolID: "q",
			opts: []EventOption{WithPhysicalResourceID("abc")},
			want: `{"RequestType":"Delete","ResourceProperties":{"UserPoolId":"q"},"PhysicalResourceId":"abc"}`,
		},
		"physical resource id replaced in place": {
			in:   `{"PhysicalResourceId":"old","RequestType":"Delete"}`,
			opts: []EventOption{WithPhysicalResourceID("new")},
			want: `{"PhysicalResourceId":"new","RequestType":"Delete"}`,
		},
		"pool substituted into properties set by an option": {
			in:   `{"ResourceProperties":{"UserPoolId":"a"}}`,
			opts: []EventOption{WithResourceProperties(json.RawMessage(`{"UserPoolId":"b","X":"1"}`))}, poolID: "c",
			want: `{"ResourceProperties":{"UserPoolId":"c","X":"1"}}`,
		},
		"missing UserPoolId is not added": {
			in: `{"ResourceProperties":{"ClientName":"x"}}`, poolID: "p",
			want: `{"ResourceProperties":{"ClientName":"x"}}`,
		},
		"properties that are not an object are left alone": {
			in: `{"ResourceProperties":"garbage","OldResourceProperties":null}`, poolID: "p",
			want: `{"ResourceProperties":"garbage","OldResourceProperties":null}`,
		},
		"key removed": {
			in:   `{"RequestType":"Create","ResponseURL":"https://x"}`,
			opts: []EventOption{WithoutKey("ResponseURL")},
			want: `{"RequestType":"Create"}`,
		},
		"not an object": {in: `["a"]`, wantErr: true},
		"not JSON":      {in: `{"a":`, wantErr: true},
		"trailing data": {in: `{"a":1} x`, wantErr: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := PrepareEvent([]byte(tc.in), tc.responseURL, tc.poolID, tc.opts...)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, string(got))
		})
	}
}

// The sample events are what CloudFormation sends: every scalar a string,
// ServiceToken at the top and in the properties, the update chained to the
// create and the delete to the update.
func TestSampleEvents(t *testing.T) {
	load := func(name string) map[string]any {
		raw, err := os.ReadFile(filepath.Join("..", "..", "events", name))
		require.NoError(t, err)
		var ev map[string]any
		require.NoError(t, json.Unmarshal(raw, &ev))
		return ev
	}
	create, update, del := load("create.json"), load("update.json"), load("delete.json")

	var scalarsAreStrings func(path string, v any)
	scalarsAreStrings = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				scalarsAreStrings(path+"."+k, x)
			}
		case []any:
			for _, x := range v {
				scalarsAreStrings(path+"[]", x)
			}
		case string:
		default:
			t.Errorf("%s is %T, CloudFormation sends strings", path, v)
		}
	}
	for name, ev := range map[string]map[string]any{"create": create, "update": update, "delete": del} {
		require.Equal(t, "Custom::UserPoolClient", ev["ResourceType"], name)
		require.Equal(t, "WebClient", ev["LogicalResourceId"], name)
		props := ev["ResourceProperties"].(map[string]any)
		require.Equal(t, ev["ServiceToken"], props["ServiceToken"], name)
		require.Regexp(t, `^https://[^?]+\?.*X-Amz-Signature=[0-9a-f]{64}$`, ev["ResponseURL"], name)
		require.Regexp(t, `^arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/[0-9a-f-]{36}$`, ev["StackId"], name)
		scalarsAreStrings(name, ev)
	}
	require.NotContains(t, create, "PhysicalResourceId")
	require.Regexp(t, `^[a-z0-9]{26}$`, update["PhysicalResourceId"])
	require.Equal(t, update["PhysicalResourceId"], del["PhysicalResourceId"])
	require.Equal(t, create["ResourceProperties"], update["OldResourceProperties"])
	require.Equal(t, update["ResourceProperties"], del["ResourceProperties"])
	require.NotContains(t, del, "OldResourceProperties")
	newProps := update["ResourceProperties"].(map[string]any)
	require.Equal(t, "web-client-v2", newProps["ClientName"])
	require.Equal(t, "30", newProps["AccessTokenValidity"])
	require.Contains(t, newProps["CallbackURLs"], "http://localhost:3000/callback")
}

func TestPlaceholders(t *testing.T) {
	tests := map[string]struct {
		event            string
		secret, existing string
	}{
		"none":         {event: `{"ResourceProperties":{"UserPoolId":"p"}}`},
		"both":         {event: `{"ResourceProperties":{"SecretsManagerSecretId":"app/s","ExistingClientId":"c1"}}`, secret: "app/s", existing: "c1"},
		"old":          {event: `{"ResourceProperties":{},"OldResourceProperties":{"ExistingClientId":"c0"}}`, existing: "c0"},
		"new first":    {event: `{"ResourceProperties":{"SecretsManagerSecretId":"new"},"OldResourceProperties":{"SecretsManagerSecretId":"old"}}`, secret: "new"},
		"not a string": {event: `{"ResourceProperties":{"SecretsManagerSecretId":7}}`},
		"not JSON":     {event: `{`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			secret, existing := Placeholders([]byte(tt.event))
			require.Equal(t, tt.secret, secret)
			require.Equal(t, tt.existing, existing)
		})
	}
}
