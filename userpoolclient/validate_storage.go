package userpoolclient

import (
	"regexp"
	"strings"
)

var (
	// secretNamePattern is a Secrets Manager secret name (1–512 characters).
	secretNamePattern = regexp.MustCompile(`^[\w/+=.@-]+$`)
	// secretARNPattern is a Secrets Manager secret ARN.
	secretARNPattern = regexp.MustCompile(`^arn:[\w-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[\w/+=.@-]+$`)
)

// validateSecretsAndAdoption checks SecretsManagerSecretId, SecretSerial and ExistingClientId
// and the rules between them and the rest of the client. What only Cognito can tell (an
// adopted client holds exactly one secret) is checked at run time.
func validateSecretsAndAdoption(c checker, p *Properties) {
	storage := c.given("SecretsManagerSecretId", p.SecretsManagerSecretId == "")
	if storage {
		validateSecretID(c, p.SecretsManagerSecretId)
		if !p.GenerateSecret && p.ExistingClientId == "" {
			c.is.add("SecretsManagerSecretId", "requires a client with a secret: GenerateSecret: true, or ExistingClientId naming a client with exactly one secret")
		}
	}
	if c.given("SecretSerial", p.SecretSerial == 0) {
		switch {
		case p.SecretSerial < 0:
			c.is.add("SecretSerial", "must be at least 0; %s given", c.shown("SecretSerial", p.SecretSerial))
		case !storage:
			c.is.add("SecretSerial", "requires SecretsManagerSecretId: a rotated secret is only ever delivered through Secrets Manager")
		}
	}
	if c.given("ExistingClientId", p.ExistingClientId == "") {
		c.text("ExistingClientId", p.ExistingClientId, 1, 128, clientIDPattern, `^[\w+]+$`)
	}
}

func validateSecretID(c checker, s string) {
	const path = "SecretsManagerSecretId"
	if c.skip(s) {
		return
	}
	if strings.HasPrefix(s, "arn:") {
		if c.text(path, s, 20, 2048, nil, "") && !secretARNPattern.MatchString(s) {
			c.is.add(path, "must be a Secrets Manager secret ARN (arn:partition:secretsmanager:region:account:secret:name) or a secret name; %s given", quote(s))
		}
		return
	}
	c.text(path, s, 1, 512, secretNamePattern, `a secret name (^[\w/+=.@-]+$) or ARN`)
}
