package cdk_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func TestProviderFunction(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	tm := synth(stack)

	fn := tm.one(t, "AWS::Lambda::Function")
	logs := tm.one(t, "AWS::Logs::LogGroup")
	jsonEqual(t, "function", map[string]any{
		"Runtime":       fn.Properties["Runtime"],
		"Architectures": fn.Properties["Architectures"],
		"MemorySize":    fn.Properties["MemorySize"],
		"Handler":       fn.Properties["Handler"],
		"Timeout":       fn.Properties["Timeout"],
		"LoggingConfig": fn.Properties["LoggingConfig"],
	}, map[string]any{
		"Runtime":       "provided.al2023",
		"Architectures": []string{"arm64"},
		"MemorySize":    128,
		"Handler":       "bootstrap",
		"Timeout":       60,
		"LoggingConfig": map[string]any{"LogFormat": "JSON", "LogGroup": ref(logs.ID)},
	})

	jsonEqual(t, "log group retention", logs.Properties["RetentionInDays"], 30)
	jsonEqual(t, "log group deletion policy", logs.Raw["DeletionPolicy"], "Delete")

	async := tm.one(t, "AWS::Lambda::EventInvokeConfig")
	jsonEqual(t, "async invoke", async.Properties, map[string]any{
		"FunctionName":             ref(fn.ID),
		"MaximumEventAgeInSeconds": 60,
		"MaximumRetryAttempts":     0,
		"Qualifier":                "$LATEST",
	})
}

// cognitoStatements are the policy statements that grant any cognito-idp action.
func cognitoStatements(t *testing.T, tm template) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, p := range tm.ofType("AWS::IAM::Policy") {
		doc := p.Properties["PolicyDocument"].(map[string]any)
		for _, s := range doc["Statement"].([]any) {
			st := s.(map[string]any)
			for _, a := range actions(st) {
				if strings.HasPrefix(strings.ToLower(a), "cognito-idp:") || a == "*" {
					out = append(out, st)
					break
				}
			}
		}
	}
	return out
}

func actions(st map[string]any) []string {
	switch a := st["Action"].(type) {
	case string:
		return []string{a}
	case []any:
		out := make([]string, len(a))
		for i, v := range a {
			out[i] = v.(string)
		}
		return out
	}
	return nil
}

func TestProviderIAMActionsAreExactlyTheHandlers(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	tm := synth(stack)

	sts := cognitoStatements(t, tm)
	if len(sts) != 1 {
		t.Fatalf("want one statement granting cognito-idp actions, got %d: %v", len(sts), sts)
	}
	got := actions(sts[0])
	want := slices.Clone(userpoolclient.IAMActions)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("cognito-idp actions:\n got  %v\n want %v (userpoolclient.IAMActions)", got, want)
	}
	// No pools given: every user pool of the stack's account and region.
	jsonEqual(t, "resource", sts[0]["Resource"], map[string]any{"Fn::Join": []any{"", []any{
		"arn:", ref("AWS::Partition"), ":cognito-idp:", ref("AWS::Region"), ":", ref("AWS::AccountId"), ":userpool/*",
	}}})
	jsonEqual(t, "effect", sts[0]["Effect"], "Allow")

	// The role's only other policy is Lambda's basic execution role (logs).
	role := tm.one(t, "AWS::IAM::Role")
	managed := role.Properties["ManagedPolicyArns"].([]any)
	if len(managed) != 1 || !strings.Contains(mustJSON(managed[0]), "AWSLambdaBasicExecutionRole") {
		t.Errorf("managed policies: %s", mustJSON(managed))
	}
}

func TestProviderScopedToGivenPools(t *testing.T) {
	stack := newStack(t)
	a := awscognito.NewUserPool(stack, jsii.String("PoolA"), nil)
	b := awscognito.NewUserPool(stack, jsii.String("PoolB"), nil)
	cdk.NewProvider(stack, cdk.ProviderID, &cdk.ProviderProps{
		UserPools:    []awscognito.IUserPool{a, b},
		LogRetention: awslogs.RetentionDays_ONE_WEEK,
		AssetDir:     prebuilt(t),
	})
	tm := synth(stack)

	var want []any
	for _, p := range tm.ofType("AWS::Cognito::UserPool") {
		want = append(want, getAtt(p.ID, "Arn"))
	}
	sts := cognitoStatements(t, tm)
	if len(sts) != 1 {
		t.Fatalf("want one statement granting cognito-idp actions, got %d", len(sts))
	}
	got, _ := sts[0]["Resource"].([]any)
	if len(got) != 2 || !(mustJSON(got) == mustJSON(want) || mustJSON(got) == mustJSON([]any{want[1], want[0]})) {
		t.Errorf("resources:\n got  %s\n want %s", mustJSON(sts[0]["Resource"]), mustJSON(want))
	}
	jsonEqual(t, "retention", tm.one(t, "AWS::Logs::LogGroup").Properties["RetentionInDays"], 7)
}

func TestProviderForIsOnePerStack(t *testing.T) {
	stack := newStack(t)
	shared := withSharedProvider(t, stack)
	child := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	if got := cdk.ProviderFor(child); got != shared {
		t.Fatalf("ProviderFor(a construct of the stack) = %p, want the stack's provider %p", got, shared)
	}
	if got := cdk.ProviderFor(stack); got != shared {
		t.Fatalf("ProviderFor(stack) = %p, want %p", got, shared)
	}
	if *shared.Node().Path() != "Test/"+cdk.ProviderID {
		t.Errorf("path %s", *shared.Node().Path())
	}
}

func TestProviderPropsErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		props func(t *testing.T) *cdk.ProviderProps
		want  string
	}{
		"asset dir without bootstrap": {
			props: func(t *testing.T) *cdk.ProviderProps { return &cdk.ProviderProps{AssetDir: t.TempDir()} },
			want:  "Test/P: invalid props: AssetDir: must hold the linux/arm64 executable bootstrap",
		},
		"code and asset dir": {
			props: func(t *testing.T) *cdk.ProviderProps {
				dir := prebuilt(t)
				return &cdk.ProviderProps{AssetDir: dir, Code: awslambda.Code_FromAsset(jsii.String(dir), nil)}
			},
			want: "Test/P: invalid props: Code: cannot be combined with AssetDir",
		},
	} {
		t.Run(name, func(t *testing.T) {
			stack := newStack(t)
			props := tc.props(t)
			pe := propsPanic(t, func() { cdk.NewProvider(stack, "P", props) })
			mustContain(t, pe.Error(), tc.want)
		})
	}
}

func TestProviderWithPrebuiltCode(t *testing.T) {
	stack := newStack(t)
	cdk.NewProvider(stack, cdk.ProviderID, &cdk.ProviderProps{
		Code: awslambda.Code_FromAsset(jsii.String(prebuilt(t)), nil),
	})
	tm := synth(stack)
	fn := tm.one(t, "AWS::Lambda::Function")
	if key, _ := fn.Properties["Code"].(map[string]any)["S3Key"].(string); !strings.HasSuffix(key, ".zip") {
		t.Errorf("code: %s", mustJSON(fn.Properties["Code"]))
	}
}
