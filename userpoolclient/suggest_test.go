package userpoolclient

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSuggest(t *testing.T) {
	known := append(names(reflect.TypeOf(Properties{})), cloudFormationKeys...)
	tests := map[string]struct {
		key  string
		want string
	}{
		"case only":             {"callbackurls", "CallbackURLs"},
		"CallbackUrls":          {"CallbackUrls", "CallbackURLs"},
		"AllowedOauthScopes":    {"AllowedOauthScopes", "AllowedOAuthScopes"},
		"one letter missing":    {"ClientNam", "ClientName"},
		"one letter swapped":    {"CleintName", "ClientName"},
		"three edits":           {"RefreshTokenValdty", "RefreshTokenValidity"},
		"Pulumi spelling":       {"user_pool_id", "UserPoolId"},
		"CloudFormation key":    {"ServiceTimout", "ServiceTimeout"},
		"far off":               {"Banana", ""},
		"too short to guess":    {"Id", ""},
		"three edits, long key": {"ClientNameTag", "ClientName"},
		"four edits":            {"ClientNameTags", ""},
		"longer than any name":  {strings.Repeat("x", 65), ""},
		"long near miss is cut": {"AllowedOAuthFlowsUserPoolClient" + strings.Repeat("x", 40), ""},
		"empty":                 {"", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, suggest(tc.key, known))
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := map[string]struct {
		a, b string
		want int
	}{
		"equal":            {"abc", "abc", 0},
		"both empty":       {"", "", 0},
		"from empty":       {"", "abc", 3},
		"to empty":         {"abc", "", 3},
		"kitten/sitting":   {"kitten", "sitting", 3},
		"transposition":    {"ab", "ba", 2},
		"counts runes":     {"é", "e", 1},
		"runes, not bytes": {"日本", "日", 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, editDistance(tc.a, tc.b))
			assert.Equal(t, tc.want, editDistance(tc.b, tc.a), "symmetric")
		})
	}
}
