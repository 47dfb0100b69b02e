package cdk

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
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

	// SecretsManagerSecret is the secret that receives the client's credentials: the
	// SecretsManagerSecretId property becomes its ARN. Give it or SecretsManagerSecretId, not
	// both; either way the provider function of this app is granted
	// userpoolclient.SecretsManagerIAMActions on this one secret (and StorageKMSActions on its
	// KMS key, if it has one), and [UserPoolClient.Secret] returns it for consumers. Create it
	// empty (no SecretStringValue, no GenerateSecretString) and without a rotation schedule.
	SecretsManagerSecret awssecretsmanager.ISecret

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
	adopted        bool
	storage        storage
	stored         awssecretsmanager.ISecret // Secret(), made on first use
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
	var issues []userpoolclient.Issue
	st := storage{path: "SecretsManagerSecret"}
	if p.SecretsManagerSecretId != "" {
		st = storage{id: p.SecretsManagerSecretId, path: "SecretsManagerSecretId"}
	}
	if p.SecretsManagerSecret != nil {
		st = storage{secret: p.SecretsManagerSecret, path: "SecretsManagerSecret"}
		if p.SecretsManagerSecretId != "" {
			issues = append(issues, userpoolclient.Issue{Path: "SecretsManagerSecret", Message: "cannot be combined with SecretsManagerSecretId; give one"})
		} else {
			p.SecretsManagerSecretId = *p.SecretsManagerSecret.SecretArn()
		}
	}
	for _, is := range modelIssues(p.Properties.ValidateWith(userpoolclient.ValidateOptions{Unresolved: isUnresolved})) {
		if st.secret != nil && is.Path == "SecretsManagerSecretId" {
			is.Path = "SecretsManagerSecret (SecretsManagerSecretId)" // the property the prop became
		}
		issues = append(issues, is)
	}
	return newClient(scope, id, propertyMap(p.Properties), clientFacts{userPoolID: p.UserPoolId, generateSecret: p.GenerateSecret,
		adopted: p.ExistingClientId != "", storage: st}, issues,
		service{provider: p.Provider, serviceToken: p.ServiceToken, timeout: p.ServiceTimeout, removalPolicy: p.RemovalPolicy})
}

// clientFacts are what a client's accessors need to know of its props.
type clientFacts struct {
	userPoolID     string
	generateSecret bool
	adopted        bool // ExistingClientId is set
	storage        storage
}

// newClient is the construction both constructors share: the construct, its validation, its
// service and its resource.
func newClient(scope constructs.Construct, id string, properties *map[string]any, facts clientFacts,
	issues []userpoolclient.Issue, svc service) *UserPoolClient {
	this := &UserPoolClient{userPoolID: facts.userPoolID, generateSecret: facts.generateSecret, adopted: facts.adopted}
	// Registered with jsii as the construct itself, so that it can be passed wherever CDK
	// takes a construct (AddDependency) or an IUserPoolClient.
	awscdk.NewResource_Override(this, scope, jsii.String(id), nil)

	svc = svc.resolve(this, &issues)
	report(this, issues)
	this.resource = newCustomResourceFromMap(this, "Custom::UserPoolClient", properties, svc)
	// The CloudFormation resource is the construct's default child, as in CDK's own
	// constructs: ApplyRemovalPolicy and Node().DefaultChild() reach it.
	this.Node().SetDefaultChild(this.resource.Node().DefaultChild())

	this.storage = facts.storage
	if this.storage.given() {
		this.storage.secret = this.storage.resolve(this)
		secret, path := this.storage.secret, this.storage.path
		this.Node().AddValidation(&lazyValidation{check: func() []userpoolclient.Issue { return storageSecretIssues(path, secret) }})
		if svc.provider != nil { // a provider of this app; one deployed elsewhere has its own policy
			grantStorage(this, svc.provider, this.storage.secret, this.resource)
		}
	}
	return this
}

// ClientId is the client's ID: the resource's Ref.
func (c *UserPoolClient) ClientId() *string { return c.resource.Ref() }

// ClientSecret is the client's secret (Fn::GetAtt ClientSecret), which exists only when
// GenerateSecret is true (or the adopted client has one); asking for it otherwise is a
// validation error of the construct. A client with storage (SecretsManagerSecret) never
// returns its secret to CloudFormation: asking for it then is a validation error too, and
// [UserPoolClient.Secret] is what consumers read. The provider returns it with NoEcho, so
// CloudFormation masks it in its console and API. Give it where CDK expects a secret (the
// SecretStringValue of an awssecretsmanager.Secret, for one); never put it in an output.
func (c *UserPoolClient) ClientSecret() awscdk.SecretValue {
	switch {
	case c.storage.given():
		report(c, []userpoolclient.Issue{storageSecretIssue(c.storage.path)})
	case !c.generateSecret && !c.adopted:
		report(c, []userpoolclient.Issue{{Path: "GenerateSecret",
			Message: "the client's secret was asked for (ClientSecret or UserPoolClientSecret), but the client has none: set GenerateSecret to true"}})
	}
	return clientSecret(c.resource)
}

// Secret is the Secrets Manager secret that holds the client's credentials, as the JSON
// object {"UserPoolId", "ClientId", "ClientSecret", "ClientSecretId"} staged AWSCURRENT, or
// nil for a client without storage. It is the secret given as SecretsManagerSecret (same
// KMS key), referenced through the resource's SecretArn attribute: whatever a consumer is
// granted on it, or reads from it, is deployed after the provider has stored the
// credentials. Consumers read AWSCURRENT at use or on a schedule: a value copied once
// (a dynamic reference, an environment variable) stops working at the rotation after next.
func (c *UserPoolClient) Secret() awssecretsmanager.ISecret {
	if !c.storage.given() {
		return nil
	}
	if c.stored == nil {
		c.stored = awssecretsmanager.Secret_FromSecretAttributes(c, jsii.String("StoredSecret"), &awssecretsmanager.SecretAttributes{
			SecretCompleteArn: c.SecretArn(),
			EncryptionKey:     c.storage.secret.EncryptionKey(),
		})
	}
	return c.stored
}

// SecretArn is the ARN of the secret holding the client's credentials (Fn::GetAtt
// SecretArn); asking for it on a client without storage is a validation error of the
// construct.
func (c *UserPoolClient) SecretArn() *string {
	if !c.storage.given() {
		report(c, []userpoolclient.Issue{{Path: c.storage.path,
			Message: "the client's SecretArn was asked for, but the client has no storage: give SecretsManagerSecret"}})
	}
	return c.resource.GetAttString(jsii.String("SecretArn"))
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
