package main

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/require"
)

func TestMaskResponse(t *testing.T) {
	tests := map[string]struct {
		body string
		want string
	}{
		"secret masked in place, order kept": {
			body: `{"Status":"SUCCESS","NoEcho":true,"Data":{"ClientId":"c","ClientSecret":"s3cr3t/+="}}`,
			want: "{\n  \"Status\": \"SUCCESS\",\n  \"NoEcho\": true,\n  \"Data\": {\n    \"ClientId\": \"c\",\n    \"ClientSecret\": \"****\"\n  }\n}",
		},
		"secret written with escapes falls back to sorted keys": {
			body: `{"Status":"SUCCESS","Data":{"ClientSecret":"\u0073ecret"}}`,
			want: "{\n  \"Data\": {\n    \"ClientSecret\": \"****\"\n  },\n  \"Status\": \"SUCCESS\"\n}",
		},
		"no secret": {
			body: `{"Status":"FAILED","Reason":"x"}`,
			want: "{\n  \"Status\": \"FAILED\",\n  \"Reason\": \"x\"\n}",
		},
		"not JSON": {body: `oops`, want: `oops`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := maskResponse([]byte(tc.body))
			require.Equal(t, tc.want, got)
			require.NotContains(t, got, "s3cr3t")
			require.NotContains(t, got, `\u0073ecret`)
		})
	}
}

func TestMaskClient(t *testing.T) {
	got := indent(maskClient(&types.UserPoolClientType{
		ClientId:     aws.String("c"),
		ClientSecret: aws.String("s3cr3t"),
	}))
	require.Contains(t, got, `"ClientSecret": "****"`)
	require.NotContains(t, got, "s3cr3t")
	require.NotContains(t, got, "null")
	require.True(t, strings.HasPrefix(got, "{"))
}
