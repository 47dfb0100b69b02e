package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// testDirs are the packages docs/rules.md names tests of, by prefix.
var testDirs = map[string]string{
	"":              "../userpoolclient",
	"lint.":         "../lint",
	"docs.":         ".",
	"e2e.":          "../test/e2e",
	"localcognito.": "../internal/localcognito",
}

// TestRulesTableNamesRealTests: every test docs/rules.md cites exists, so the table cannot
// point a reviewer at nothing; every row has a source and a test.
func TestRulesTableNamesRealTests(t *testing.T) {
	raw, err := os.ReadFile("rules.md")
	require.NoError(t, err)
	doc := string(raw)
	sources := map[string]string{}
	for prefix, dir := range testDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
		require.NoError(t, err)
		var b strings.Builder
		for _, f := range files {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			b.Write(src)
		}
		sources[prefix] = b.String()
	}
	cited := regexp.MustCompile(`\b(lint\.|docs\.|e2e\.|localcognito\.)?(Test[A-Z][A-Za-z0-9_]*)`)
	n := 0
	for _, m := range cited.FindAllStringSubmatch(doc, -1) {
		n++
		assert.True(t, strings.Contains(sources[m[1]], "func "+m[2]+"("), "docs/rules.md cites %s%s, which does not exist", m[1], m[2])
	}
	assert.Greater(t, n, 50)

	// Each row of a rule table (four columns: property, rule, source, test; or three) has a
	// non-empty source and test.
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| Rule |") || strings.HasPrefix(line, "| Property |") ||
			strings.HasPrefix(line, "| What |") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		if len(cells) < 3 || strings.HasPrefix(line, "| an `https`") || strings.HasPrefix(line, "| ARNs") || strings.HasPrefix(line, "| Enumerated") ||
			strings.HasPrefix(line, "| Integer") || strings.HasPrefix(line, "| Replacement") || strings.HasPrefix(line, "| Everything") {
			continue
		}
		source, test := cells[len(cells)-2], cells[len(cells)-1]
		assert.NotEmpty(t, strings.TrimSpace(source), "no source: %s", line)
		assert.Contains(t, test, "Test", "no test: %s", line)
	}

	// Every enumerated property and every integer limit of the model has a row.
	for _, p := range userpoolclient.EnumPaths() {
		assert.Contains(t, doc, strings.Split(p, ".")[0], "no row for %s", p)
	}
	for _, r := range userpoolclient.Ranges() {
		assert.Contains(t, doc, strings.Split(r.Property, ".")[len(strings.Split(r.Property, "."))-1], "no row for %s", r.Property)
	}
}
