package secretstore

import (
	"encoding/json"
	"errors"

	"github.com/cognito-cfn/userpoolclient/cognitoapi"
)

// Secret is a client secret, or a stored version that holds one: the function's one
// redacting type (cognitoapi.Secret), which logs, prints and marshals as REDACTED; Reveal
// gives the value.
type Secret = cognitoapi.Secret

// Credentials are what one stored version holds: a client and one of its secrets.
// ClientSecretID is Cognito's ID of that secret, so that every stored version can be matched
// to a live secret (IDs are opaque: never ordered by their text).
type Credentials struct {
	UserPoolID     string
	ClientID       string
	ClientSecret   Secret
	ClientSecretID string
}

// stored is the SecretString's JSON shape. It is the only place the value is written out.
type stored struct {
	UserPoolId     string `json:"UserPoolId"`
	ClientId       string `json:"ClientId"`
	ClientSecret   string `json:"ClientSecret"`
	ClientSecretId string `json:"ClientSecretId"`
}

// encode is the SecretString of c.
func (c Credentials) encode() Secret {
	b, err := json.Marshal(stored{c.UserPoolID, c.ClientID, c.ClientSecret.Reveal(), c.ClientSecretID})
	if err != nil { // four strings always marshal
		panic(err)
	}
	return Secret(b)
}

var errNotCredentials = errors.New("not the credentials of a user pool client")

// decode reads a SecretString written by encode.
func decode(s Secret) (Credentials, error) {
	var v stored
	if err := json.Unmarshal([]byte(s.Reveal()), &v); err != nil || v.ClientId == "" || v.ClientSecretId == "" {
		return Credentials{}, errNotCredentials
	}
	return Credentials{UserPoolID: v.UserPoolId, ClientID: v.ClientId, ClientSecret: Secret(v.ClientSecret), ClientSecretID: v.ClientSecretId}, nil
}
