package cdk

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// UserPoolClientProps configure a [UserPoolClient]: the resource's properties, from the same
// model the Lambda decodes, and who serves it.
type UserPoolClientProps struct {
	// Properties are the properties of Custom::UserPoolClient, named as those of
	// AWS::Cognito::UserPoolClient; see the field docs of userpoolclient.Properties. They are
	// checked at synth time by the validator the Lambda runs; values that are CDK tokens (such
	// as *pool.UserPoolId()) are checked at deploy time instead. Integer properties take
	// plain numbers, not tokens.
	userpoolclient.Properties

	// Provider serves the resource. Default: the stack's shared provider ([ProviderFor]).
	Provider *Provider

	// ServiceToken is the ARN of a provider function deployed elsewhere, for example
	// ImportServiceToken("") for the one template.yaml exports. Give Provider or ServiceToken,
	// not both.
	ServiceToken string

	// ServiceTimeout is how long CloudFormation waits for the provider's answer, in whole
	// seconds, up to one hour (DefaultServiceTimeout). With a Provider of this app it is at
	// least MinServiceTimeout.
	ServiceTimeout time.Duration

	// RemovalPolicy is what happens to the client when the resource leaves the stack:
	// awscdk.RemovalPolicy_DESTROY (the default) deletes it, RETAIN keeps it.
	RemovalPolicy awscdk.RemovalPolicy
}

// UserPoolClient is a Cognito user pool app client: a Custom::UserPoolClient resource served
// by a [Provider].
type UserPoolClient struct {
	constructs.Construct
	resource awscdk.CustomResource
}

// NewUserPoolClient creates a user pool app client. The props are copied, never modified.
// Invalid props panic with a [*PropsError] naming the construct's path and every property
// that breaks a rule.
func NewUserPoolClient(scope constructs.Construct, id string, props *UserPoolClientProps) *UserPoolClient {
	var p UserPoolClientProps
	if props != nil {
		p = *props // read only from here on: the slices and pointers stay the caller's
	}
	this := &UserPoolClient{}
	// Registered with jsii as the construct itself, so that it can be passed wherever CDK
	// takes a construct (AddDependency, for one).
	constructs.NewConstruct_Override(this, scope, jsii.String(id))

	issues := modelIssues(p.Properties.ValidateWith(userpoolclient.ValidateOptions{Unresolved: isUnresolved}))
	svc := service{provider: p.Provider, serviceToken: p.ServiceToken, timeout: p.ServiceTimeout,
		removalPolicy: p.RemovalPolicy}.resolve(this, &issues)
	check(*this.Node().Path(), issues)

	this.resource = newCustomResource(this, "Custom::UserPoolClient", p.Properties, svc)
	return this
}

// ClientId is the client's ID: the resource's Ref.
func (c *UserPoolClient) ClientId() *string { return c.resource.Ref() }

// ClientSecret is the client's secret (Fn::GetAtt ClientSecret), which exists only when
// GenerateSecret is true. The provider returns it with NoEcho, so CloudFormation masks it in
// its console and API. Give it where CDK expects a secret (the SecretStringValue of an
// awssecretsmanager.Secret, for one); never put it in an output.
func (c *UserPoolClient) ClientSecret() awscdk.SecretValue { return clientSecret(c.resource) }

// Name is the client's name (Fn::GetAtt Name): ClientName, or the name the provider generated
// from the stack name and logical ID when ClientName is empty.
func (c *UserPoolClient) Name() *string { return c.resource.GetAttString(jsii.String("Name")) }

// UserPoolId is the ID of the client's user pool (Fn::GetAtt UserPoolId).
func (c *UserPoolClient) UserPoolId() *string {
	return c.resource.GetAttString(jsii.String("UserPoolId"))
}

// Resource is the underlying CloudFormation resource, for escape hatches.
func (c *UserPoolClient) Resource() awscdk.CustomResource { return c.resource }
