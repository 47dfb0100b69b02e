package cognitoapi

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSecretNeverPrints(t *testing.T) {
	const value = "s3cr3t-value-0123456789"
	s := Secret(value)
	c := Client{ID: "abc", Name: "n", UserPoolID: "us-east-1_x", Secret: s}

	var buf strings.Builder
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("client", "secret", s, "clientId", c.ID)
	log.Info("text", "secret", s.String())

	tests := map[string]string{
		"fmt %v": fmt.Sprintf("%v", s),
		//lint:ignore S1025 what fmt's %s prints is under test
		"fmt %s":         fmt.Sprintf("%s", s),
		"fmt %+v client": fmt.Sprintf("%+v", c),
		"slog json":      buf.String(),
	}
	for name, out := range tests {
		t.Run(name, func(t *testing.T) {
			assert.NotContains(t, out, value)
			assert.Contains(t, out, "REDACTED")
		})
	}
	assert.Equal(t, value, s.Reveal())
}

func TestSecretNeverPrintsInJSONOrGoSyntax(t *testing.T) {
	c := Client{ID: "abc", Secret: Secret("s3cr3t-value")}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{string(b), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", c)} {
		if strings.Contains(out, "s3cr3t-value") {
			t.Fatalf("secret printed: %s", out)
		}
	}
	if c.Secret.Reveal() != "s3cr3t-value" {
		t.Fatal("Reveal must give the secret")
	}
}
