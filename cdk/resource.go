package cdk

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// ServiceTokenExportName is the export of the provider function's ARN made by template.yaml
// deployed as the stack the README names, userpoolclient-provider (it exports
// "<stack name>-ServiceToken"); [ImportServiceToken] reads it.
const ServiceTokenExportName = "userpoolclient-provider-ServiceToken"

// DefaultServiceTimeout is how long CloudFormation waits for the provider's answer unless told
// otherwise: an invocation may wait up to MaxEventAge in Lambda's queue and then run for up
// to FunctionTimeout; the rest is leeway. Past it CloudFormation fails the resource even if the
// function is still about to create the client.
const DefaultServiceTimeout = 150 * time.Second

// MinServiceTimeout is the least ServiceTimeout accepted for a resource served by a
// [Provider] of this app: the function's worst case, MaxEventAge + FunctionTimeout.
const MinServiceTimeout = MaxEventAge + FunctionTimeout

// maxServiceTimeout is CloudFormation's limit.
const maxServiceTimeout = time.Hour

// ImportServiceToken returns the provider function's ARN exported by another stack (such as
// template.yaml) under exportName; "" means [ServiceTokenExportName]. The result is a token:
// give it as the ServiceToken of UserPoolClientProps or UserPoolClientLookupProps.
func ImportServiceToken(exportName string) string {
	if exportName == "" {
		exportName = ServiceTokenExportName
	}
	return *awscdk.Fn_ImportValue(jsii.String(exportName))
}

// isUnresolved reports a CDK token (a value known only at deploy time).
func isUnresolved(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }

// service says who serves a custom resource and how long CloudFormation waits for it.
type service struct {
	provider      *Provider
	serviceToken  string
	timeout       time.Duration
	removalPolicy awscdk.RemovalPolicy
}

// resolve checks the service settings and fills the defaults; it appends its violations to
// issues. When issues holds any violation (its own or the caller's), the result is a stand-in
// that builds but is never deployed.
func (s service) resolve(scope constructs.Construct, issues *[]userpoolclient.Issue) service {
	switch {
	case s.provider != nil && s.serviceToken != "":
		*issues = append(*issues, userpoolclient.Issue{Path: "Provider", Message: "cannot be combined with ServiceToken; give one"})
	case s.provider != nil && s.provider.function == nil:
		*issues = append(*issues, userpoolclient.Issue{Path: "Provider", Message: "must be made by NewProvider or ProviderFor"})
	case s.serviceToken != "" && !isUnresolved(s.serviceToken) && !isServiceARN(s.serviceToken):
		*issues = append(*issues, userpoolclient.Issue{Path: "ServiceToken",
			Message: fmt.Sprintf("must be the ARN of a Lambda function or SNS topic; %q given", s.serviceToken)})
	}
	ours := s.serviceToken == ""
	if s.timeout == 0 {
		s.timeout = DefaultServiceTimeout
	}
	lo := time.Second
	if ours {
		lo = MinServiceTimeout
	}
	switch {
	case s.timeout%time.Second != 0:
		*issues = append(*issues, userpoolclient.Issue{Path: "ServiceTimeout",
			Message: fmt.Sprintf("must be whole seconds; %v given", s.timeout)})
	case s.timeout < lo || s.timeout > maxServiceTimeout:
		why := ""
		if ours {
			why = " (the provider function may wait MaxEventAge in Lambda's queue, then run FunctionTimeout)"
		}
		*issues = append(*issues, userpoolclient.Issue{Path: "ServiceTimeout",
			Message: fmt.Sprintf("must be between %v and %v%s; %v given", lo, maxServiceTimeout, why, s.timeout)})
	}
	if len(*issues) > 0 {
		// The construct fails validation at synth; the resource is still made, so that the
		// rest of the app (which may read its attributes) is built and checked too. No
		// provider is made for it: a broken first client does not cost a function build.
		return service{serviceToken: invalidServiceToken, timeout: DefaultServiceTimeout, removalPolicy: s.removalPolicy}
	}
	if ours && s.provider == nil {
		s.provider = ProviderFor(scope)
	}
	if s.provider != nil {
		s.serviceToken = *s.provider.ServiceToken()
	}
	return s
}

func isServiceARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && (parts[2] == "lambda" || parts[2] == "sns")
}

// newCustomResource creates the CloudFormation resource, child "Resource" of scope, with a
// model value's properties.
func newCustomResource(scope constructs.Construct, resourceType string, properties any, s service) awscdk.CustomResource {
	return newCustomResourceFromMap(scope, resourceType, propertyMap(properties), s)
}

// newCustomResourceFromMap creates the CloudFormation resource, child "Resource" of scope.
func newCustomResourceFromMap(scope constructs.Construct, resourceType string, properties *map[string]any, s service) awscdk.CustomResource {
	cr := awscdk.NewCustomResource(scope, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ResourceType:   jsii.String(resourceType),
		ServiceToken:   jsii.String(s.serviceToken),
		ServiceTimeout: awscdk.Duration_Seconds(jsii.Number(s.timeout.Seconds())),
		Properties:     properties,
		RemovalPolicy:  s.removalPolicy,
	})
	if s.provider != nil {
		// The function itself is a dependency already, through ServiceToken.
		cr.Node().AddDependency(s.provider.asyncInvoke)
	}
	return cr
}

// propertyMap turns a model value into the resource's Properties through its JSON form, so
// that the template carries exactly the names and omissions of the model. Values keep their
// JSON types (true, 30) in the template; CloudFormation stringifies them on the way to the
// function, whose decoder accepts both forms.
func propertyMap(v any) *map[string]interface{} {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Errorf("encode properties: %w", err)) // the model types always encode
	}
	m := map[string]interface{}{}
	if err := json.Unmarshal(raw, &m); err != nil {
		panic(fmt.Errorf("decode properties: %w", err))
	}
	return &m
}

// clientSecret is Fn::GetAtt ClientSecret as a secret value.
func clientSecret(r awscdk.CustomResource) awscdk.SecretValue {
	return awscdk.SecretValue_ResourceAttribute(r.GetAttString(jsii.String("ClientSecret")))
}

// invalidServiceToken stands in for the service token of a resource whose props break a rule:
// its construct carries a validation error, so no template holding it is ever written.
const invalidServiceToken = "arn:aws:lambda:us-east-1:000000000000:function:invalid-props"

// report attaches issues to a construct as a CDK validation (Node().AddValidation): app.Synth
// then fails once, listing every construct's errors, each line prefixed with the construct's
// path ("[Stack/Web] CallbackURLs[1]: must use https ..."). Nothing is reported when there
// are no issues.
func report(c constructs.Construct, issues []userpoolclient.Issue) {
	if len(issues) == 0 {
		return
	}
	v := &validation{}
	for _, is := range issues {
		v.messages = append(v.messages, is.String())
	}
	c.Node().AddValidation(v)
}

// validation is a fixed list of errors, found while the construct was built.
type validation struct{ messages []string }

// Validate implements constructs.IValidation.
func (v *validation) Validate() *[]*string { return jsii.Strings(v.messages...) }

// lazyValidation is a check run when the app is synthesized, after every construct was made.
// (A pointer to a struct: jsii keeps track of the Go values it is given by their identity.)
type lazyValidation struct{ check func() []userpoolclient.Issue }

// Validate implements constructs.IValidation.
func (v *lazyValidation) Validate() *[]*string {
	var out []string
	for _, is := range v.check() {
		out = append(out, is.String())
	}
	return jsii.Strings(out...)
}

// modelIssues are the issues of a model validation error.
func modelIssues(err error) []userpoolclient.Issue {
	if err == nil {
		return nil
	}
	var ve *userpoolclient.ValidationError
	if errors.As(err, &ve) {
		return slices.Clone(ve.Issues)
	}
	return []userpoolclient.Issue{{Message: err.Error()}}
}
