package cdk

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/interfaces/interfacesawscognito"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// UserPoolClientProps configure a [UserPoolClient] made by [NewUserPoolClient]: the resource's
// properties, from the same model the Lambda decodes, and who serves it.
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

// ResourceBase is the CDK class the constructs of this package extend (awscdk.Resource), so
// that they are IResources: a [UserPoolClient] can be given wherever CDK takes an
// awscognito.IUserPoolClient. (Embedded under this name because the constructs keep their
// Resource method, the underlying CloudFormation resource.)
type ResourceBase = awscdk.Resource

// UserPoolClient is a Cognito user pool app client: a Custom::UserPoolClient resource served
// by a [Provider]. It is an awscognito.IUserPoolClient: pass it to an ALB
// authenticate-cognito action, an identity pool's provider list or UserPoolDomain.SignInUrl
// as the native client.
type UserPoolClient struct {
	ResourceBase
	resource       awscdk.CustomResource
	userPoolID     string
	generateSecret bool
}

var _ awscognito.IUserPoolClient = (*UserPoolClient)(nil)

// NewUserPoolClient creates a user pool app client from the model's properties. The props are
// copied, never modified. Props that break a rule do not panic: they are reported as the
// construct's validation errors, so app.Synth fails once naming every broken construct by its
// path and every property by its path (see [Synth]). To switch from
// awscognito.NewUserPoolClient without rewriting the props, use [NewCognitoUserPoolClient].
func NewUserPoolClient(scope constructs.Construct, id string, props *UserPoolClientProps) *UserPoolClient {
	var p UserPoolClientProps
	if props != nil {
		p = *props // read only from here on: the slices and pointers stay the caller's
	}
	issues := modelIssues(p.Properties.ValidateWith(userpoolclient.ValidateOptions{Unresolved: isUnresolved}))
	return newClient(scope, id, propertyMap(p.Properties), p.UserPoolId, p.GenerateSecret, issues,
		service{provider: p.Provider, serviceToken: p.ServiceToken, timeout: p.ServiceTimeout, removalPolicy: p.RemovalPolicy})
}

// newClient is the construction both constructors share: the construct, its validation, its
// service and its resource.
func newClient(scope constructs.Construct, id string, properties *map[string]any, userPoolID string,
	generateSecret bool, issues []userpoolclient.Issue, svc service) *UserPoolClient {
	this := &UserPoolClient{userPoolID: userPoolID, generateSecret: generateSecret}
	// Registered with jsii as the construct itself, so that it can be passed wherever CDK
	// takes a construct (AddDependency) or an IUserPoolClient.
	awscdk.NewResource_Override(this, scope, jsii.String(id), nil)

	svc = svc.resolve(this, &issues)
	report(this, issues)
	this.resource = newCustomResourceFromMap(this, "Custom::UserPoolClient", properties, svc)
	// The CloudFormation resource is the construct's default child, as in CDK's own
	// constructs: ApplyRemovalPolicy and Node().DefaultChild() reach it.
	this.Node().SetDefaultChild(this.resource.Node().DefaultChild())
	return this
}

// ClientId is the client's ID: the resource's Ref.
func (c *UserPoolClient) ClientId() *string { return c.resource.Ref() }

// ClientSecret is the client's secret (Fn::GetAtt ClientSecret), which exists only when
// GenerateSecret is true; asking for it otherwise is a validation error of the construct. The
// provider returns it with NoEcho, so CloudFormation masks it in its console and API. Give it
// where CDK expects a secret (the SecretStringValue of an awssecretsmanager.Secret, for one);
// never put it in an output.
func (c *UserPoolClient) ClientSecret() awscdk.SecretValue {
	if !c.generateSecret {
		report(c, []userpoolclient.Issue{{Path: "GenerateSecret",
			Message: "the client's secret was asked for (ClientSecret or UserPoolClientSecret), but the client has none: set GenerateSecret to true"}})
	}
	return clientSecret(c.resource)
}

// Name is the client's name (Fn::GetAtt Name): ClientName, or the name the provider generated
// from the stack name and logical ID when ClientName is empty.
func (c *UserPoolClient) Name() *string { return c.resource.GetAttString(jsii.String("Name")) }

// UserPoolId is the ID of the client's user pool (Fn::GetAtt UserPoolId).
func (c *UserPoolClient) UserPoolId() *string {
	return c.resource.GetAttString(jsii.String("UserPoolId"))
}

// Resource is the underlying CloudFormation resource, for escape hatches.
func (c *UserPoolClient) Resource() awscdk.CustomResource { return c.resource }

// UserPoolClientId is ClientId, under the name of awscognito.IUserPoolClient.
func (c *UserPoolClient) UserPoolClientId() *string { return c.ClientId() }

// UserPoolClientName is Name, under the name of awscognito.UserPoolClient. Unlike the native
// construct's, it is available when no name was given (the provider generates one).
func (c *UserPoolClient) UserPoolClientName() *string { return c.Name() }

// UserPoolClientSecret is ClientSecret, under the name of awscognito.IUserPoolClient. Unlike
// the native construct's, it adds no resource: the provider returns the secret itself.
func (c *UserPoolClient) UserPoolClientSecret() awscdk.SecretValue { return c.ClientSecret() }

// UserPoolClientRef implements interfacesawscognito.IUserPoolClientRef: the client's ID and its
// pool's ID, as given in the props (a token such as the pool's Ref stays one).
func (c *UserPoolClient) UserPoolClientRef() *interfacesawscognito.UserPoolClientReference {
	return &interfacesawscognito.UserPoolClientReference{ClientId: c.ClientId(), UserPoolId: jsii.String(c.userPoolID)}
}
