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

// UserPoolClientLookupProps configure a [UserPoolClientLookup].
type UserPoolClientLookupProps struct {
	// LookupProperties name the client: UserPoolId, and ClientId or a ClientName that exactly
	// one client of the pool carries. Checked at synth time by the Lambda's own decoder.
	userpoolclient.LookupProperties

	// Provider serves the resource. Default: the stack's shared provider ([ProviderFor]).
	Provider *Provider

	// ServiceToken is the ARN of a provider function deployed elsewhere
	// (ImportServiceToken("")). Give Provider or ServiceToken, not both.
	ServiceToken string

	// ServiceTimeout is how long CloudFormation waits for the answer; see
	// UserPoolClientProps.ServiceTimeout.
	ServiceTimeout time.Duration
}

// UserPoolClientLookup reads an existing app client (Custom::UserPoolClientLookup) and offers
// the same attributes as [UserPoolClient]; it too is an awscognito.IUserPoolClient. Deleting
// it changes nothing.
type UserPoolClientLookup struct {
	ResourceBase
	resource   awscdk.CustomResource
	userPoolID string
}

var _ awscognito.IUserPoolClient = (*UserPoolClientLookup)(nil)

// NewUserPoolClientLookup looks up an existing client at deploy time, on every Create and
// Update of the resource. Invalid props are the construct's validation errors, as for
// [NewUserPoolClient].
func NewUserPoolClientLookup(scope constructs.Construct, id string, props *UserPoolClientLookupProps) *UserPoolClientLookup {
	var p UserPoolClientLookupProps
	if props != nil {
		p = *props
	}
	this := &UserPoolClientLookup{userPoolID: p.UserPoolId}
	awscdk.NewResource_Override(this, scope, jsii.String(id), nil)

	issues := modelIssues(p.LookupProperties.ValidateWith(userpoolclient.ValidateOptions{Unresolved: isUnresolved}))
	svc := service{provider: p.Provider, serviceToken: p.ServiceToken, timeout: p.ServiceTimeout}.resolve(this, &issues)
	report(this, issues)

	this.resource = newCustomResource(this, "Custom::UserPoolClientLookup", p.LookupProperties, svc)
	this.Node().SetDefaultChild(this.resource.Node().DefaultChild())
	return this
}

// ClientId is the client's ID: the resource's Ref.
func (l *UserPoolClientLookup) ClientId() *string { return l.resource.Ref() }

// ClientSecret is the client's secret (Fn::GetAtt ClientSecret), which exists only when the
// client has one; the provider returns it with NoEcho. Never put it in an output.
func (l *UserPoolClientLookup) ClientSecret() awscdk.SecretValue { return clientSecret(l.resource) }

// Name is the client's name (Fn::GetAtt Name).
func (l *UserPoolClientLookup) Name() *string { return l.resource.GetAttString(jsii.String("Name")) }

// UserPoolId is the ID of the client's user pool (Fn::GetAtt UserPoolId).
func (l *UserPoolClientLookup) UserPoolId() *string {
	return l.resource.GetAttString(jsii.String("UserPoolId"))
}

// Resource is the underlying CloudFormation resource, for escape hatches.
func (l *UserPoolClientLookup) Resource() awscdk.CustomResource { return l.resource }

// UserPoolClientId is ClientId, under the name of awscognito.IUserPoolClient.
func (l *UserPoolClientLookup) UserPoolClientId() *string { return l.ClientId() }

// UserPoolClientSecret is ClientSecret, under the name of awscognito.IUserPoolClient.
func (l *UserPoolClientLookup) UserPoolClientSecret() awscdk.SecretValue { return l.ClientSecret() }

// UserPoolClientRef implements interfacesawscognito.IUserPoolClientRef.
func (l *UserPoolClientLookup) UserPoolClientRef() *interfacesawscognito.UserPoolClientReference {
	return &interfacesawscognito.UserPoolClientReference{ClientId: l.ClientId(), UserPoolId: jsii.String(l.userPoolID)}
}
