// Package nativestack is the example app's stack (../examplestack) written with the native
// awscognito.NewUserPoolClient instead of cdk.NewCognitoUserPoolClient, and nothing else
// changed: the control of the synth benchmark, and the oracle of the example's clients. It
// must not import the cdk package, so that compiling it measures CDK alone.
package nativestack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// ResourceServerID is the identifier of the example's resource server; its scopes are
// "api/read" and "api/write".
const ResourceServerID = "api"

// New creates the native twin of the example stack.
func New(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), props)

	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), &awscognito.UserPoolProps{
		SignInAliases: &awscognito.SignInAliases{Email: jsii.Bool(true)},
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})

	web := awscognito.NewUserPoolClient(stack, jsii.String("WebClient"), &awscognito.UserPoolClientProps{
		UserPool:           pool,
		UserPoolClientName: jsii.String("web"),
		OAuth: &awscognito.OAuthSettings{
			Flows:              &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
			Scopes:             &[]awscognito.OAuthScope{awscognito.OAuthScope_OPENID(), awscognito.OAuthScope_EMAIL(), awscognito.OAuthScope_PROFILE()},
			CallbackUrls:       jsii.Strings("https://app.example.com/callback", "http://localhost:3000/callback"),
			LogoutUrls:         jsii.Strings("https://app.example.com/", "http://localhost:3000/"),
			DefaultRedirectUri: jsii.String("https://app.example.com/callback"),
		},
		SupportedIdentityProviders: &[]awscognito.UserPoolClientIdentityProvider{awscognito.UserPoolClientIdentityProvider_COGNITO()},
		AuthFlows:                  &awscognito.AuthFlow{UserSrp: jsii.Bool(true)},
		PreventUserExistenceErrors: jsii.Bool(true),
		AccessTokenValidity:        awscdk.Duration_Minutes(jsii.Number(60)),
		IdTokenValidity:            awscdk.Duration_Minutes(jsii.Number(60)),
		RefreshTokenValidity:       awscdk.Duration_Days(jsii.Number(30)),
	})

	read := awscognito.NewResourceServerScope(&awscognito.ResourceServerScopeProps{ScopeName: jsii.String("read"), ScopeDescription: jsii.String("Read access")})
	write := awscognito.NewResourceServerScope(&awscognito.ResourceServerScopeProps{ScopeName: jsii.String("write"), ScopeDescription: jsii.String("Write access")})
	api := pool.AddResourceServer(jsii.String("Api"), &awscognito.UserPoolResourceServerOptions{
		Identifier: jsii.String(ResourceServerID),
		Scopes:     &[]awscognito.ResourceServerScope{read, write},
	})

	machine := awscognito.NewUserPoolClient(stack, jsii.String("MachineClient"), &awscognito.UserPoolClientProps{
		UserPool:           pool,
		UserPoolClientName: jsii.String("machine"),
		GenerateSecret:     jsii.Bool(true),
		OAuth: &awscognito.OAuthSettings{
			Flows:  &awscognito.OAuthFlows{ClientCredentials: jsii.Bool(true)},
			Scopes: &[]awscognito.OAuthScope{awscognito.OAuthScope_ResourceServer(api, read)}, // "api/read", through the server's Ref
		},
	})

	// The secret goes where secrets belong, never into an output.
	awssecretsmanager.NewSecret(stack, jsii.String("MachineClientSecret"), &awssecretsmanager.SecretProps{
		Description:       jsii.String("Client secret of the machine client"),
		SecretStringValue: machine.UserPoolClientSecret(),
	})

	awscdk.NewCfnOutput(stack, jsii.String("UserPoolId"), &awscdk.CfnOutputProps{Value: pool.UserPoolId()})
	awscdk.NewCfnOutput(stack, jsii.String("WebClientId"), &awscdk.CfnOutputProps{Value: web.UserPoolClientId()})
	awscdk.NewCfnOutput(stack, jsii.String("WebClientName"), &awscdk.CfnOutputProps{Value: web.UserPoolClientName()})
	awscdk.NewCfnOutput(stack, jsii.String("MachineClientId"), &awscdk.CfnOutputProps{Value: machine.UserPoolClientId()})
	return stack
}
