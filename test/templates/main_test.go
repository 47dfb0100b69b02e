package templates

import (
	"os"
	"testing"

	"github.com/cognito-cfn/userpoolclient/internal/testrig"
)

// The events and the decoder's checks of the templates' properties need nothing but Go; the
// tests that lint or decode templates need cfn-lint (and its Python) and skip without it.
func TestMain(m *testing.M) {
	os.Exit(testrig.Run(m, testrig.Suite{
		Name:    "test/templates",
		Needs:   []testrig.Tool{testrig.CfnLint, testrig.Python3},
		Partial: true,
	}))
}
