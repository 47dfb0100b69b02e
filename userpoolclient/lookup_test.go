package userpoolclient

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeLookup(t *testing.T) {
	tests := map[string]struct {
		raw   string
		want  LookupProperties
		path  string // "" = valid
		words []string
	}{
		"by ID": {
			raw:  `{"ServiceToken":"arn:aws:lambda:us-east-1:123456789012:function:f","UserPoolId":"` + poolID + `","ClientId":"1example23456789abcdefghij"}`,
			want: LookupProperties{UserPoolId: poolID, ClientId: "1example23456789abcdefghij"},
		},
		"by name": {
			raw:  `{"UserPoolId":"` + poolID + `","ClientName":"my-stack-WebClient"}`,
			want: LookupProperties{UserPoolId: poolID, ClientName: "my-stack-WebClient"},
		},
		"null ClientName is absent": {
			raw:  `{"UserPoolId":"` + poolID + `","ClientId":"abc","ClientName":null}`,
			want: LookupProperties{UserPoolId: poolID, ClientId: "abc"},
		},
		"no pool":                    {raw: `{"ClientId":"abc"}`, path: "UserPoolId", words: []string{"required"}},
		"empty pool":                 {raw: `{"UserPoolId":"","ClientId":"abc"}`, path: "UserPoolId", words: []string{"1–55 characters"}},
		"bad pool":                   {raw: `{"UserPoolId":"us-east-1_abc!","ClientId":"abc"}`, path: "UserPoolId", words: []string{"must match"}},
		"neither":                    {raw: `{"UserPoolId":"` + poolID + `"}`, path: "ClientId", words: []string{"give ClientId or ClientName"}},
		"both":                       {raw: `{"UserPoolId":"` + poolID + `","ClientId":"abc","ClientName":"web"}`, path: "ClientName", words: []string{"cannot be combined with ClientId"}},
		"failed-Create marker as ID": {raw: `{"UserPoolId":"` + poolID + `","ClientId":"create-failed:x"}`, path: "ClientId", words: []string{"must match", `^[\w+]+$`}},
		"ID of 129":                  {raw: `{"UserPoolId":"` + poolID + `","ClientId":"` + strings.Repeat("a", 129) + `"}`, path: "ClientId", words: []string{"1–128 characters"}},
		"bad name":                   {raw: `{"UserPoolId":"` + poolID + `","ClientName":"a/b"}`, path: "ClientName", words: []string{"must match"}},
		"name of 129":                {raw: `{"UserPoolId":"` + poolID + `","ClientName":"` + strings.Repeat("a", 129) + `"}`, path: "ClientName", words: []string{"1–128 characters"}},
		"misspelled key":             {raw: `{"UserPoolId":"` + poolID + `","ClientID":"abc"}`, path: "ClientID", words: []string{"did you mean ClientId?"}},
		"a client property":          {raw: `{"UserPoolId":"` + poolID + `","ClientId":"abc","GenerateSecret":"true"}`, path: "GenerateSecret", words: []string{"unknown property"}},
		"ID not a string":            {raw: `{"UserPoolId":"` + poolID + `","ClientId":5}`, path: "ClientId", words: []string{"must be a string"}},
		"not an object":              {raw: `[]`, path: "", words: []string{"must be an object"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := DecodeLookup([]byte(tc.raw))
			if tc.path == "" && tc.words == nil {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			requireIssue(t, err, tc.path, tc.words...)
		})
	}
}

func TestLookupValidateWith(t *testing.T) {
	token := func(s string) bool { return strings.HasPrefix(s, "${Token[") }
	opts := ValidateOptions{Unresolved: token}
	assert.NoError(t, LookupProperties{UserPoolId: "${Token[TOKEN.1]}", ClientId: "${Token[TOKEN.2]}"}.ValidateWith(opts))
	assert.NoError(t, LookupProperties{UserPoolId: "us-east-1_abc", ClientName: "web"}.ValidateWith(opts))
	err := LookupProperties{UserPoolId: "${Token[TOKEN.1]}"}.ValidateWith(opts)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ClientId: required")
	err = LookupProperties{UserPoolId: "bad pool", ClientId: "a", ClientName: "b"}.ValidateWith(opts)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "UserPoolId: must match")
	assert.Contains(t, err.Error(), "ClientName: cannot be combined with ClientId")
}
