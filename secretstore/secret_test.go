package secretstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretNeverShows(t *testing.T) {
	const value = "tHeVaLuE1234567890abcdefghijklmnop"
	c := Credentials{UserPoolID: pool, ClientID: client, ClientSecret: value, ClientSecretID: "id-1"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "secret", c.ClientSecret, "credentials", c)
	j, err := json.Marshal(c)
	require.NoError(t, err)
	for name, out := range map[string]string{
		"log":  logs.String(),
		"json": string(j),
		"%v":   fmt.Sprintf("%v", c),
		"%+v":  fmt.Sprintf("%+v", c),
		"%#v":  fmt.Sprintf("%#v", c),
		//lint:ignore S1025 what fmt's %s prints is under test
		"%s": fmt.Sprintf("%s", c.ClientSecret),
	} {
		assert.NotContains(t, out, value, name)
		assert.Contains(t, out, "REDACTED", name)
	}
	assert.Equal(t, value, c.ClientSecret.Reveal())
}

func TestStoredShape(t *testing.T) {
	c := Credentials{UserPoolID: pool, ClientID: client, ClientSecret: "v", ClientSecretID: "id-1"}
	var m map[string]string
	require.NoError(t, json.Unmarshal([]byte(c.encode().Reveal()), &m))
	assert.Equal(t, map[string]string{"UserPoolId": pool, "ClientId": client, "ClientSecret": "v", "ClientSecretId": "id-1"}, m)
	back, err := decode(c.encode())
	require.NoError(t, err)
	assert.Equal(t, c, back)
	for _, s := range []Secret{"", "null", `{"ClientId":"x"}`, `{"username":"u","password":"p"}`, "not json"} {
		_, err := decode(s)
		assert.ErrorIs(t, err, errNotCredentials, "%s", s.Reveal())
	}
}
