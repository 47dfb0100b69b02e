package docs

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

var update = flag.Bool("update", false, "rewrite properties.md from the model")

// TestReferenceIsCurrent keeps docs/properties.md in step with the model's doc comments.
func TestReferenceIsCurrent(t *testing.T) {
	got, err := Reference("../userpoolclient")
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("properties.md", []byte(got), 0o644))
	}
	want, err := os.ReadFile("properties.md")
	require.NoError(t, err, "run go test ./docs -update")
	require.Equal(t, string(want), got, "docs/properties.md is stale: run go test ./docs -update")
	for _, name := range []string{"UserPoolId", "CallbackURLs", "RefreshTokenRotation", "## AnalyticsConfiguration", "`ApplicationArn`", "ClientSecret"} {
		require.Contains(t, got, name)
	}
	// The limits and enums are the model's own, not prose copied by hand.
	for _, r := range userpoolclient.Ranges() {
		require.Contains(t, got, "| "+r.String()+" |", r.Property)
	}
	for _, p := range userpoolclient.EnumPaths() {
		vs, _ := userpoolclient.Enum(p)
		require.Contains(t, got, "`"+strings.Join(vs, "`, `")+"`", p)
	}
}
