package testrig

import (
	"encoding/json"
	"fmt"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// ServiceToken is the function ARN every request and property set carries.
const ServiceToken = "arn:aws:lambda:us-east-1:123456789012:function:userpoolclient"

// Request is the part of a CloudFormation request a test chooses.
type Request struct {
	RequestType  string
	ResourceType string // default Custom::UserPoolClient
	LogicalID    string // default WebClient
	PhysicalID   string // left out when empty
	// Props and OldProps are a map (its scalars stringified, as CloudFormation does) or a
	// json.RawMessage sent as is; nil leaves the key out.
	Props, OldProps any
	RequestID       string // required
	StackID         string // required
	ResponseURL     string // required
}

// Event is the request as CloudFormation sends it to the function, with the defaults filled
// in (on r too, so that a test can compare the response with what it sent).
func (r *Request) Event() ([]byte, error) {
	if r.ResourceType == "" {
		r.ResourceType = "Custom::UserPoolClient"
	}
	if r.LogicalID == "" {
		r.LogicalID = "WebClient"
	}
	if r.RequestID == "" || r.StackID == "" || r.ResponseURL == "" {
		return nil, fmt.Errorf("request: RequestID, StackID and ResponseURL are required")
	}
	ev := map[string]any{
		"RequestType":       r.RequestType,
		"ServiceToken":      ServiceToken,
		"ResponseURL":       r.ResponseURL,
		"StackId":           r.StackID,
		"RequestId":         r.RequestID,
		"LogicalResourceId": r.LogicalID,
		"ResourceType":      r.ResourceType,
	}
	if r.PhysicalID != "" {
		ev["PhysicalResourceId"] = r.PhysicalID
	}
	if r.Props != nil {
		ev["ResourceProperties"] = Stringified(r.Props)
	}
	if r.OldProps != nil {
		ev["OldResourceProperties"] = Stringified(r.OldProps)
	}
	return localrun.Marshal(ev)
}

// Stringified turns scalars into strings, as CloudFormation does before the Lambda sees
// them. A json.RawMessage is kept as it is.
func Stringified(v any) any {
	switch x := v.(type) {
	case json.RawMessage:
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Stringified(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Stringified(e)
		}
		return out
	case []string:
		return x
	case bool, int:
		return fmt.Sprint(x)
	}
	return v
}

// WebProps is a web client with the hosted UI's code flow, in pool: the property set most
// tests start from and change.
func WebProps(pool string) map[string]any {
	return map[string]any{
		"ServiceToken":                    ServiceToken,
		"UserPoolId":                      pool,
		"ClientName":                      "web",
		"ExplicitAuthFlows":               []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
		"SupportedIdentityProviders":      []string{"COGNITO"},
		"CallbackURLs":                    []string{"https://app.example.com/callback"},
		"LogoutURLs":                      []string{"https://app.example.com/logout"},
		"AllowedOAuthFlows":               []string{"code"},
		"AllowedOAuthScopes":              []string{"openid", "email", "profile"},
		"AllowedOAuthFlowsUserPoolClient": true,
		"RefreshTokenValidity":            30,
		"AccessTokenValidity":             60,
		"IdTokenValidity":                 60,
		"TokenValidityUnits":              map[string]any{"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
		"PreventUserExistenceErrors":      "ENABLED",
	}
}
