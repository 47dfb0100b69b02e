package userpoolclient

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// poolID is a well-formed user pool ID for fixtures.
const poolID = "us-east-1_aBcDeFgHi"

// props returns valid minimal properties changed by mod.
func props(mod func(p *Properties)) Properties {
	p := Properties{UserPoolId: poolID}
	if mod != nil {
		mod(&p)
	}
	return p
}

// validationIssues returns the issues of err, which must be a *ValidationError with at least
// one issue.
func validationIssues(t *testing.T, err error) []Issue {
	t.Helper()
	require.Error(t, err)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve, "want a *ValidationError, got %T", err)
	require.NotEmpty(t, ve.Issues, "a ValidationError must carry issues")
	return ve.Issues
}

// requireIssue asserts that err carries an issue at path whose message contains every word,
// and returns it.
func requireIssue(t *testing.T, err error, path string, words ...string) Issue {
	t.Helper()
	for _, is := range validationIssues(t, err) {
		if is.Path == path && containsAll(is.Message, words) {
			return is
		}
	}
	require.Failf(t, "issue not found", "want an issue at %q containing %q; got: %s", path, words, clip(err.Error()))
	return Issue{}
}

// issuePaths lists the paths of err's issues.
func issuePaths(t *testing.T, err error) []string {
	t.Helper()
	var out []string
	for _, is := range validationIssues(t, err) {
		out = append(out, is.Path)
	}
	return out
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// clip keeps failure output readable when a test feeds megabytes.
func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

func TestValidationErrorMessage(t *testing.T) {
	tests := map[string]struct {
		issues []Issue
		want   string
	}{
		"one issue is prefixed with its path": {
			issues: []Issue{{Path: "AnalyticsConfiguration.RoleArn", Message: "required when ApplicationId is set"}},
			want:   "AnalyticsConfiguration.RoleArn: required when ApplicationId is set",
		},
		"issues are joined in order": {
			issues: []Issue{{Path: "UserPoolId", Message: "required"}, {Path: "CallbackURLs[2]", Message: "must use https"}},
			want:   "UserPoolId: required; CallbackURLs[2]: must use https",
		},
		"an issue without a path is its message": {
			issues: []Issue{{Message: "ResourceProperties must be an object"}},
			want:   "ResourceProperties must be an object",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, (&ValidationError{Issues: tc.issues}).Error())
		})
	}
}

func TestQuote(t *testing.T) {
	tests := map[string]struct {
		in       string
		want     string
		contains []string
	}{
		"short value is quoted whole":    {in: "yes", want: `"yes"`},
		"control characters are escaped": {in: "a\nb", want: `"a\nb"`},
		"40 runes are kept whole":        {in: strings.Repeat("é", 40), want: `"` + strings.Repeat("é", 40) + `"`},
		"a long value is cut on a rune boundary with its length": {
			in:       strings.Repeat("é", 1<<20),
			contains: []string{strings.Repeat("é", 40) + `"`, "(1048576 characters)"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := quote(tc.in)
			if tc.want != "" {
				assert.Equal(t, tc.want, got)
			}
			for _, w := range tc.contains {
				assert.Contains(t, got, w)
			}
			assert.True(t, utf8.ValidString(got), "cut inside a rune: %q", got)
			assert.Less(t, len(got), 200)
		})
	}
}
