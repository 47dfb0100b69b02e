// Package examplestack is the stack of the example app: a user pool, a web client using the
// authorization code flow of the hosted UI, and a machine client using client_credentials
// against a resource server, both served by the stack's one provider function.
package examplestack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// ResourceServerID is the identifier of the example's resource server; its scopes are
// "api/read" and "api/write".
const ResourceServerID = "api"

// New creates the example stack.
func New(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)

	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), &awscognito.UserPoolProps{
		SignInAliases: &awscognito.SignInAliases{Email: jsii.Bool(true)},
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})

	web := cdk.NewUserPoolClient(stack, "WebClient", &cdk.UserPoolClientProps{
		Properties: userpoolclient.Properties{
			UserPoolId:                      *pool.UserPoolId(),
			ClientName:                      "web",
			AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows:               []userpoolclient.OAuthFlow{userpoolclient.OAuthCode},
			AllowedOAuthScopes:              []string{"openid", "email", "profile"},
			CallbackURLs:                    []string{"https://app.example.com/callback", "http://localhost:3000/callback"},
			LogoutURLs:                      []string{"https://app.example.com/", "http://localhost:3000/"},
			DefaultRedirectURI:              "https://app.example.com/callback",
			SupportedIdentityProviders:      []string{"COGNITO"},
			ExplicitAuthFlows:               []userpoolclient.AuthFlow{userpoolclient.AllowUserSRPAuth, userpoolclient.AllowRefreshTokenAuth},
			PreventUserExistenceErrors:      userpoolclient.PreventUserExistenceErrorsEnabled,
			AccessTokenValidity:             60,
			IdTokenValidity:                 60,
			RefreshTokenValidity:            30,
			TokenValidityUnits: &userpoolclient.TokenValidityUnits{
				AccessToken: userpoolclient.Minutes, IdToken: userpoolclient.Minutes, RefreshToken: userpoolclient.Days,
			},
		},
	})

	api := awscognito.NewUserPoolResourceServer(stack, jsii.String("Api"), &awscognito.UserPoolResourceServerProps{
		UserPool:   pool,
		Identifier: jsii.String(ResourceServerID),
		Scopes: &[]awscognito.ResourceServerScope{
			awscognito.NewResourceServerScope(&awscognito.ResourceServerScopeProps{ScopeName: jsii.String("read"), ScopeDescription: jsii.String("Read access")}),
			awscognito.NewResourceServerScope(&awscognito.ResourceServerScopeProps{ScopeName: jsii.String("write"), ScopeDescription: jsii.String("Write access")}),
		},
	})

	machine := cdk.NewUserPoolClient(stack, "MachineClient", &cdk.UserPoolClientProps{
		Properties: userpoolclient.Properties{
			UserPoolId:                      *pool.UserPoolId(),
			ClientName:                      "machine",
			GenerateSecret:                  true,
			AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows:               []userpoolclient.OAuthFlow{userpoolclient.OAuthClientCredentials},
			AllowedOAuthScopes:              []string{ResourceServerID + "/read"},
		},
	})
	// The scope names the resource server by its identifier, a plain string: nothing tells
	// CloudFormation that the server must exist first.
	machine.Node().AddDependency(api)

	// The secret goes where secrets belong, never into an output.
	awssecretsmanager.NewSecret(stack, jsii.String("MachineClientSecret"), &awssecretsmanager.SecretProps{
		Description:       jsii.String("Client secret of the machine client"),
		SecretStringValue: machine.ClientSecret(),
	})

	awscdk.NewCfnOutput(stack, jsii.String("UserPoolId"), &awscdk.CfnOutputProps{Value: pool.UserPoolId()})
	awscdk.NewCfnOutput(stack, jsii.String("WebClientId"), &awscdk.CfnOutputProps{Value: web.ClientId()})
	awscdk.NewCfnOutput(stack, jsii.String("WebClientName"), &awscdk.CfnOutputProps{Value: web.Name()})
	awscdk.NewCfnOutput(stack, jsii.String("MachineClientId"), &awscdk.CfnOutputProps{Value: machine.ClientId()})
	return stack
}
