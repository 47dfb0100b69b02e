package cdk

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// ProviderID is the construct ID of a stack's shared provider, a direct child of the stack.
// [ProviderFor] finds the provider under this ID or creates it there.
const ProviderID = "UserPoolClientProvider"

// FunctionTimeout is the provider function's timeout. The handler keeps
// provider.DefaultMargin of it to send its answer to CloudFormation, so it works for at most
// FunctionTimeout - provider.DefaultMargin, retries of throttled Cognito calls included.
const FunctionTimeout = 60 * time.Second

// MaxEventAge is how long Lambda keeps CloudFormation's asynchronous invocation queued (when
// throttled) before it drops it: Lambda's minimum. An event that runs later than
// CloudFormation waits for it could create a client nobody owns.
const MaxEventAge = 60 * time.Second

// DefaultLogRetention is the provider's log retention when ProviderProps.LogRetention is unset.
const DefaultLogRetention = awslogs.RetentionDays_ONE_MONTH

// ProviderProps configure a [Provider]. The zero value is a complete configuration.
type ProviderProps struct {
	// UserPools limits the function's Cognito permissions to these pools. Empty means every
	// user pool of the stack's account and region. A pool must stay in the list until the
	// clients in it are deleted: a stack update applies the new policy before CloudFormation
	// deletes the clients it no longer needs.
	UserPools []awscognito.IUserPool

	// LogRetention is how long the function's log group keeps its logs (DefaultLogRetention).
	LogRetention awslogs.RetentionDays

	// Code is the function's code when it is built elsewhere, for example
	// awslambda.Code_FromAsset(jsii.String("dist/bootstrap.zip"), nil) after `make build`.
	// Default: built at synth time, without Docker, by `go build` of [FunctionPackage] for
	// linux/arm64 in the CDK app's module, with reproducible flags.
	Code awslambda.Code

	// AssetDir is a directory holding a prebuilt linux/arm64 executable named bootstrap; a
	// shorthand for Code. Give Code or AssetDir, not both.
	AssetDir string
}

// Provider is the Lambda function serving Custom::UserPoolClient and
// Custom::UserPoolClientLookup: runtime provided.al2023 on arm64, 128 MB, FunctionTimeout,
// JSON logs into its own log group, no retries of CloudFormation's asynchronous invocation,
// and an IAM policy granting exactly userpoolclient.IAMActions. Each client with storage adds
// a policy of its own to the function's role: userpoolclient.SecretsManagerIAMActions on that
// client's one secret (and [StorageKMSActions] on its key).
//
// One provider per stack serves every client in it: constructs that are not given one use
// [ProviderFor].
type Provider struct {
	constructs.Construct
	function    awslambda.Function
	logGroup    awslogs.LogGroup
	asyncInvoke awslambda.EventInvokeConfig
}

// NewProvider creates a provider. To configure the stack's shared provider, create it before
// any client, on the stack, with the ID [ProviderID]:
//
//	cdk.NewProvider(stack, cdk.ProviderID, &cdk.ProviderProps{UserPools: []awscognito.IUserPool{pool}})
//
// Invalid props panic with a [*PropsError].
func NewProvider(scope constructs.Construct, id string, props *ProviderProps) *Provider {
	var p ProviderProps
	if props != nil {
		p = *props
		p.UserPools = slices.Clone(props.UserPools)
	}
	if p.LogRetention == "" {
		p.LogRetention = DefaultLogRetention
	}

	this := &Provider{}
	// Registering the Go value with jsii (rather than wrapping a plain Construct) makes
	// TryFindChild return this *Provider: that is how ProviderFor finds it again.
	constructs.NewConstruct_Override(this, scope, jsii.String(id))
	path := *this.Node().Path()

	code, build := providerCode(path, p)

	this.logGroup = awslogs.NewLogGroup(this, jsii.String("Logs"), &awslogs.LogGroupProps{
		Retention:     p.LogRetention,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})

	fnProps := &awslambda.FunctionProps{
		Description:   jsii.String("Serves Custom::UserPoolClient and Custom::UserPoolClientLookup (github.com/cognito-cfn/userpoolclient)"),
		Runtime:       awslambda.Runtime_PROVIDED_AL2023(),
		Architecture:  awslambda.Architecture_ARM_64(),
		Handler:       jsii.String("bootstrap"),
		Code:          code,
		MemorySize:    jsii.Number(128),
		Timeout:       awscdk.Duration_Seconds(jsii.Number(FunctionTimeout.Seconds())),
		LoggingFormat: awslambda.LoggingFormat_JSON, // sets AWS_LAMBDA_LOG_FORMAT=JSON for lambdacontext.NewLogger
		LogGroup:      this.logGroup,
	}
	this.function = newFunction(this, fnProps, build)

	// CloudFormation invokes the function asynchronously. A retry after a function error
	// could run a Create twice and leave a client nobody owns: no retries. The custom
	// resources depend on this configuration, so that their first invocation already has it.
	this.asyncInvoke = awslambda.NewEventInvokeConfig(this, jsii.String("AsyncInvoke"), &awslambda.EventInvokeConfigProps{
		Function:      this.function,
		RetryAttempts: jsii.Number(0),
		MaxEventAge:   awscdk.Duration_Seconds(jsii.Number(MaxEventAge.Seconds())),
	})

	resources := make([]*string, 0, len(p.UserPools))
	for _, pool := range p.UserPools {
		resources = append(resources, pool.UserPoolArn())
	}
	if len(resources) == 0 {
		resources = append(resources, awscdk.Stack_Of(this).FormatArn(&awscdk.ArnComponents{
			Service:      jsii.String("cognito-idp"),
			Resource:     jsii.String("userpool"),
			ResourceName: jsii.String("*"),
			ArnFormat:    awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		}))
	}
	this.function.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("ManageUserPoolClients"),
		Actions:   jsii.Strings(userpoolclient.IAMActions...),
		Resources: &resources,
	}))
	return this
}

// providerCode picks the function's code: the caller's, a prebuilt directory, or a synth-time
// go build (returned too, so that its error can be reported).
func providerCode(path string, p ProviderProps) (awslambda.Code, *goBuild) {
	switch {
	case p.Code != nil && p.AssetDir != "":
		panic(&PropsError{Path: path, Err: fmt.Errorf("Code: cannot be combined with AssetDir; give one")})
	case p.Code != nil:
		return p.Code, nil
	case p.AssetDir != "":
		dir, err := filepath.Abs(p.AssetDir)
		if err == nil {
			var fi os.FileInfo
			if fi, err = os.Stat(filepath.Join(dir, "bootstrap")); err == nil && !fi.Mode().IsRegular() {
				err = fmt.Errorf("%s is not a regular file", filepath.Join(dir, "bootstrap"))
			}
		}
		if err != nil {
			panic(&PropsError{Path: path, Err: fmt.Errorf("AssetDir: must hold the linux/arm64 executable bootstrap: %w", err)})
		}
		return awslambda.Code_FromAsset(jsii.String(dir), nil), nil
	}
	b := &goBuild{pkg: FunctionPackage}
	code, err := b.code()
	if err != nil {
		panic(&PropsError{Path: path, Err: err})
	}
	return code, b
}

// newFunction creates the function. The asset is bundled inside this call; when the go build
// failed, the panic from jsii (a bundling error) is replaced by the build's own error.
func newFunction(scope constructs.Construct, props *awslambda.FunctionProps, build *goBuild) (fn awslambda.Function) {
	defer func() {
		if r := recover(); r != nil {
			if build != nil && build.Err() != nil {
				panic(fmt.Errorf("%s: build the provider function: %w", *scope.Node().Path(), build.Err()))
			}
			panic(r)
		}
	}()
	return awslambda.NewFunction(scope, jsii.String("Function"), props)
}

// ProviderFor returns the provider shared by every client in scope's stack: the stack's child
// [ProviderID], created with the default [ProviderProps] on first use.
func ProviderFor(scope constructs.Construct) *Provider {
	stack := awscdk.Stack_Of(scope)
	if child := stack.Node().TryFindChild(jsii.String(ProviderID)); child != nil {
		p, ok := child.(*Provider)
		if !ok {
			panic(fmt.Errorf("%s: the construct ID %s is taken by something that is not a *cdk.Provider", *stack.Node().Path(), ProviderID))
		}
		return p
	}
	return NewProvider(stack, ProviderID, nil)
}

// Function is the provider's Lambda function.
func (p *Provider) Function() awslambda.Function { return p.function }

// LogGroup is the function's log group.
func (p *Provider) LogGroup() awslogs.LogGroup { return p.logGroup }

// ServiceToken is the function's ARN: the ServiceToken of the custom resources it serves.
// Export it (awscdk.NewCfnOutput with ExportName [ServiceTokenExportName]) to share one
// provider between stacks.
func (p *Provider) ServiceToken() *string { return p.function.FunctionArn() }
