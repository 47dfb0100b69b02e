package userpoolclient

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const storageARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/web-client-AbCdEf"

func TestValidateSecretsAndAdoption(t *testing.T) {
	secret := func(mod func(p *Properties)) Properties {
		return props(func(p *Properties) {
			p.GenerateSecret = true
			p.SecretsManagerSecretId = storageARN
			if mod != nil {
				mod(p)
			}
		})
	}
	runRules(t, map[string]ruleCase{
		"storage by ARN":     {p: secret(nil)},
		"storage by name":    {p: secret(func(p *Properties) { p.SecretsManagerSecretId = "app/web-client" })},
		"storage and serial": {p: secret(func(p *Properties) { p.SecretSerial = 7 })},
		"storage on an adopted client without GenerateSecret": {p: props(func(p *Properties) {
			p.ExistingClientId = "1example23456789"
			p.SecretsManagerSecretId = storageARN
		})},
		"adoption alone": {p: props(func(p *Properties) { p.ExistingClientId = "1example+23456789" })},
		"storage without a secret": {p: secret(func(p *Properties) { p.GenerateSecret = false }),
			path: "SecretsManagerSecretId", words: []string{"GenerateSecret: true", "ExistingClientId"}},
		"serial without storage": {p: props(func(p *Properties) { p.GenerateSecret = true; p.SecretSerial = 1 }),
			path: "SecretSerial", words: []string{"requires SecretsManagerSecretId"}},
		"negative serial": {p: secret(func(p *Properties) { p.SecretSerial = -1 }),
			path: "SecretSerial", words: []string{"at least 0", "-1 given"}},
		"storage name with a space": {p: secret(func(p *Properties) { p.SecretsManagerSecretId = "my secret" }),
			path: "SecretsManagerSecretId", words: []string{"secret name", `"my secret"`}},
		"storage ARN of another service": {p: secret(func(p *Properties) {
			p.SecretsManagerSecretId = "arn:aws:ssm:us-east-1:123456789012:parameter/app"
		}), path: "SecretsManagerSecretId", words: []string{"Secrets Manager secret ARN"}},
		"storage name too long": {p: secret(func(p *Properties) { p.SecretsManagerSecretId = repeat("a", 513) }),
			path: "SecretsManagerSecretId", words: []string{"1–512 characters", "513 given"}},
		"client id with a dash": {p: props(func(p *Properties) { p.ExistingClientId = "abc-def" }),
			path: "ExistingClientId", words: []string{`^[\w+]+$`, `"abc-def"`}},
		"client id too long": {p: props(func(p *Properties) { p.ExistingClientId = repeat("a", 129) }),
			path: "ExistingClientId", words: []string{"1–128 characters"}},
	})
}

func TestDecodeSecretsAndAdoption(t *testing.T) {
	p, err := Decode(obj(`"GenerateSecret":"true"`,
		`"SecretsManagerSecretId":"`+storageARN+`"`, `"SecretSerial":"3"`, `"ExistingClientId":"1example23456789"`))
	require.NoError(t, err)
	assert.Equal(t, storageARN, p.SecretsManagerSecretId)
	assert.Equal(t, 3, p.SecretSerial)
	assert.Equal(t, "1example23456789", p.ExistingClientId)

	for name, tc := range map[string]struct {
		member, path string
		words        []string
	}{
		"serial 1.5":                        {`"SecretSerial":"1.5"`, "SecretSerial", []string{"whole number"}},
		"serial -2":                         {`"SecretSerial":"-2"`, "SecretSerial", []string{"at least 0", `"-2" given`}},
		"serial a word":                     {`"SecretSerial":"one"`, "SecretSerial", []string{"whole number"}},
		"explicit empty id":                 {`"ExistingClientId":""`, "ExistingClientId", []string{"1–128 characters", "0 given"}},
		"explicit empty store":              {`"SecretsManagerSecretId":""`, "SecretsManagerSecretId", []string{"1–512 characters"}},
		"explicit serial 0 without storage": {`"SecretSerial":"0"`, "SecretSerial", []string{"requires SecretsManagerSecretId"}},
		"misspelled":                        {`"SecretsManagerSecretID":"x"`, "SecretsManagerSecretID", []string{"did you mean SecretsManagerSecretId?"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Decode(obj(`"GenerateSecret":true`, tc.member))
			requireIssue(t, err, tc.path, tc.words...)
		})
	}
}

// The three properties are ours: Cognito's inputs never carry them.
func TestSecretPropertiesNeverReachCognito(t *testing.T) {
	p := props(func(p *Properties) {
		p.GenerateSecret = true
		p.SecretsManagerSecretId = storageARN
		p.SecretSerial = 2
		p.ExistingClientId = "1example23456789"
	})
	assert.Equal(t, props(func(p *Properties) { p.GenerateSecret = true }).UpdateInput("c", "n"), p.UpdateInput("c", "n"))
	assert.Equal(t, props(func(p *Properties) { p.GenerateSecret = true }).CreateInput("n"), p.CreateInput("n"))
}
