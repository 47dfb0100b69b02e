package userpoolclient

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

const stackARN = "arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"

func TestDefaultClientName(t *testing.T) {
	tests := map[string]struct {
		stackID, logicalID string
		want               string
	}{
		"stack ARN":               {stackARN, "WebClient", "my-stack-WebClient"},
		"GovCloud stack ARN":      {"arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/Prod-Auth/guid", "AppClient", "Prod-Auth-AppClient"},
		"nested stack ARN":        {"arn:aws:cloudformation:us-east-1:123456789012:stack/root-Auth-1ABCDEF/guid", "Client", "root-Auth-1ABCDEF-Client"},
		"plain stack name":        {"my-stack", "WebClient", "my-stack-WebClient"},
		"unsafe characters":       {"my/stack:v2", "Web#Client!", "my-stack-v2-Web-Client"},
		"non-ASCII is unsafe":     {stackARN, "Café", "my-stack-Caf"},
		"runs of unsafe collapse": {"a//::b", "c", "a-b-c"},
		"empty stack":             {"", "WebClient", "WebClient"},
		"empty logical ID":        {stackARN, "", "my-stack"},
		"both empty":              {"", "", "UserPoolClient"},
		"only unsafe":             {"///", "###", "UserPoolClient"},
		"cut to 128 runes":        {strings.Repeat("s", 200), "WebClient", strings.Repeat("s", 128)},
		"129 runes lose one":      {strings.Repeat("s", 119), "WebClient", strings.Repeat("s", 119) + "-WebClien"},
		"cut keeps the stack":     {strings.Repeat("s", 120), "WebClient", strings.Repeat("s", 120) + "-WebClie"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := DefaultClientName(tc.stackID, tc.logicalID)
			assert.Equal(t, tc.want, got)
			assert.LessOrEqual(t, utf8.RuneCountInString(got), 128)
			// Whatever it generates, Cognito must accept as a ClientName.
			assert.NoError(t, props(func(p *Properties) { p.ClientName = got }).Validate())
		})
	}
}

func TestDefaultClientNameIsStable(t *testing.T) {
	// The same stack under another ID (a stack re-created with the same name) keeps the name;
	// the GUID never leaks into it.
	other := strings.Replace(stackARN, "1a2b3c4d", "9f8e7d6c", 1)
	assert.Equal(t, DefaultClientName(stackARN, "WebClient"), DefaultClientName(other, "WebClient"))
	assert.NotContains(t, DefaultClientName(stackARN, "WebClient"), "1a2b3c4d")
}

func TestIsClientID(t *testing.T) {
	tests := map[string]struct {
		id   string
		want bool
	}{
		"26-character ID":      {"1example23456789abcdefghij", true},
		"with plus":            {"abc+def", true},
		"with underscore":      {"abc_def", true},
		"128 characters":       {strings.Repeat("a", 128), true},
		"129 characters":       {strings.Repeat("a", 129), false},
		"failed Create marker": {"create-failed:c0ffee-1234", false},
		"empty":                {"", false},
		"space":                {"abc def", false},
		"dash":                 {"abc-def", false},
		"trailing newline":     {"abc\n", false},
		"non-ASCII letter":     {"abcé", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsClientID(tc.id))
		})
	}
}

func TestIsUserPoolID(t *testing.T) {
	tests := map[string]struct {
		id   string
		want bool
	}{
		"typical":       {poolID, true},
		"55 characters": {"us-east-1_" + strings.Repeat("a", 45), true},
		"56 characters": {"us-east-1_" + strings.Repeat("a", 46), false},
		"trailing bang": {"us-east-1_abc!", false},
		"inner space":   {"x_y z", false},
		"empty":         {"", false},
		"no underscore": {"useast1", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsUserPoolID(tc.id))
		})
	}
}
