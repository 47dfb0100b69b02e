package userpoolclient_test

import (
	"errors"
	"fmt"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// CloudFormation sends every scalar as a string. Decode accepts "true" and "30", and reports
// every problem of the request at once, each prefixed with its property path.
func ExampleDecode() {
	_, err := userpoolclient.Decode([]byte(`{
		"ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:user-pool-client",
		"UserPoolId": "us-east-1_aBcDeFgHi",
		"GenerateSecret": "yes",
		"RefreshTokenValidity": "30",
		"CallbackUrls": ["https://app.example.com/callback"]
	}`))
	fmt.Println(err)

	var ve *userpoolclient.ValidationError
	if errors.As(err, &ve) {
		for _, is := range ve.Issues {
			fmt.Printf("%s | %s\n", is.Path, is.Message)
		}
	}
	// Output:
	// CallbackUrls: unknown property; did you mean CallbackURLs?; GenerateSecret: must be true or false; the string "yes" given
	// CallbackUrls | unknown property; did you mean CallbackURLs?
	// GenerateSecret | must be true or false; the string "yes" given
}

func ExampleProperties_ValidateWith() {
	p := userpoolclient.Properties{
		UserPoolId:          "${Token[TOKEN.12]}",
		CallbackURLs:        []string{"#{Token[TOKEN.3]}"},
		DefaultRedirectURI:  "https://app.example.com/callback",
		AuthSessionValidity: 20,
	}
	err := p.ValidateWith(userpoolclient.ValidateOptions{
		Unresolved: func(s string) bool { return len(s) > 2 && (s[:2] == "${" || s[:2] == "#{") },
	})
	fmt.Println(err)
	// Output:
	// AuthSessionValidity: must be between 3 and 15 minutes; 20 given
}
