package userpoolclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A malformed integer is told the range in its unit, as docs/faults.md asks.
func TestMalformedIntegerNamesItsRange(t *testing.T) {
	tests := map[string]struct {
		props string
		path  string
		want  string
	}{
		"fraction, default unit hours": {`{"UserPoolId":"us-east-1_a","AccessTokenValidity":"1.5"}`, "AccessTokenValidity", "allowed: between 1 and 24 hours (5 minutes to 1 day)"},
		"exponent string, minutes":     {`{"UserPoolId":"us-east-1_a","IdTokenValidity":"1e3","TokenValidityUnits":{"IdToken":"minutes"}}`, "IdTokenValidity", "allowed: between 5 and 1440 minutes"},
		"exponent number, days":        {`{"UserPoolId":"us-east-1_a","RefreshTokenValidity":1e3}`, "RefreshTokenValidity", "allowed: between 1 and 3650 days"},
		"empty string":                 {`{"UserPoolId":"us-east-1_a","AuthSessionValidity":""}`, "AuthSessionValidity", "allowed: between 3 and 15 minutes"},
		"boolean for a grace period":   {`{"UserPoolId":"us-east-1_a","RefreshTokenRotation":{"Feature":"DISABLED","RetryGracePeriodSeconds":true}}`, "RefreshTokenRotation.RetryGracePeriodSeconds", "allowed: between 0 and 60 seconds"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode([]byte(tc.props))
			var ve *ValidationError
			require.True(t, errors.As(err, &ve), "%v", err)
			require.Len(t, ve.Issues, 1, "%v", err)
			assert.Equal(t, tc.path, ve.Issues[0].Path)
			assert.Contains(t, ve.Issues[0].Message, tc.want)
		})
	}
}

// One mistake repeated a thousand times is reported a few times and counted, so the
// other properties' problems still fit in the 4096-byte answer.
func TestRepeatedMistakesAreCapped(t *testing.T) {
	urls := make([]string, 100) // the most LogoutURLs may hold, every one of them http
	for i := range urls {
		urls[i] = fmt.Sprintf("http://example.com/cb%d", i)
	}
	raw, _ := json.Marshal(map[string]any{"UserPoolId": "us-east-1_a", "LogoutURLs": urls, "GenerateSecret": "yes"})
	_, err := Decode(raw)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	var logout, more int
	for _, is := range ve.Issues {
		if strings.HasPrefix(is.Path, "LogoutURLs") {
			logout++
			if strings.Contains(is.Message, "more problems like the above") {
				more++
				assert.Contains(t, is.Message, "95 more")
			}
		}
	}
	assert.Equal(t, maxPerProperty+1, logout)
	assert.Equal(t, 1, more)
	assert.Contains(t, err.Error(), "GenerateSecret: must be true or false")
	assert.Less(t, len(err.Error()), 4096)
	// err() can be asked twice with the same answer.
	var is issues
	is.add("A[1]", "x")
	for range maxPerProperty + 2 {
		is.add("A[2]", "y")
	}
	assert.Equal(t, is.err().Error(), is.err().Error())
}

// A document that is not an object gets one error, not a spurious "UserPoolId: required".
func TestBrokenDocumentIsOneError(t *testing.T) {
	for _, raw := range []string{`[]`, `"x"`, `{"UserPoolId":`, `{} {}`} {
		_, err := Decode([]byte(raw))
		var ve *ValidationError
		require.True(t, errors.As(err, &ve), raw)
		assert.Len(t, ve.Issues, 1, "%s: %v", raw, err)
		assert.NotContains(t, err.Error(), "UserPoolId")
	}
}
