package cdk_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// everyProperty sets every property of the model to a valid non-zero value.
func everyProperty() userpoolclient.Properties {
	return userpoolclient.Properties{
		UserPoolId:           testPool,
		ClientName:           "web app",
		GenerateSecret:       true,
		RefreshTokenValidity: 30,
		AccessTokenValidity:  60,
		IdTokenValidity:      60,
		TokenValidityUnits: &userpoolclient.TokenValidityUnits{
			AccessToken: userpoolclient.Minutes, IdToken: userpoolclient.Minutes, RefreshToken: userpoolclient.Days,
		},
		ReadAttributes:                  []string{"email", "name"},
		WriteAttributes:                 []string{"name"},
		ExplicitAuthFlows:               []userpoolclient.AuthFlow{userpoolclient.AllowUserSRPAuth, userpoolclient.AllowCustomAuth},
		SupportedIdentityProviders:      []string{"COGNITO"},
		CallbackURLs:                    []string{"https://example.com/cb", "http://localhost:3000/cb", "myapp://cb"},
		LogoutURLs:                      []string{"https://example.com/"},
		DefaultRedirectURI:              "https://example.com/cb",
		AllowedOAuthFlows:               []userpoolclient.OAuthFlow{userpoolclient.OAuthCode, userpoolclient.OAuthImplicit},
		AllowedOAuthScopes:              []string{"openid", "email", "profile"},
		AllowedOAuthFlowsUserPoolClient: true,
		AnalyticsConfiguration: &userpoolclient.AnalyticsConfiguration{
			ApplicationId: "0123456789abcdef0123456789abcdef", ExternalId: "external",
			RoleArn: "arn:aws:iam::123456789012:role/pinpoint", UserDataShared: true,
		},
		PreventUserExistenceErrors:               userpoolclient.PreventUserExistenceErrorsEnabled,
		EnableTokenRevocation:                    userpoolclient.Bool(false),
		EnablePropagateAdditionalUserContextData: true,
		AuthSessionValidity:                      5,
		RefreshTokenRotation:                     &userpoolclient.RefreshTokenRotation{Feature: userpoolclient.RotationEnabled, RetryGracePeriodSeconds: userpoolclient.Int(10)},
		SecretsManagerSecretId:                   testSecretARN,
		SecretSerial:                             2,
		ExistingClientId:                         "4example5client6id7abcdefgh",
	}
}

// TestEveryPropertyReachesTheTemplate: the construct's props are the model, and every
// property of the model arrives in the template under its own name, with its JSON type.
func TestEveryPropertyReachesTheTemplate(t *testing.T) {
	props := everyProperty()
	v := reflect.ValueOf(props)
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			t.Fatalf("everyProperty leaves %s unset: set it, so that this test covers it", v.Type().Field(i).Name)
		}
	}

	stack := newStack(t)
	withSharedProvider(t, stack)
	cdk.NewUserPoolClient(stack, "Client", &cdk.UserPoolClientProps{Properties: props, ServiceTimeout: 200 * time.Second})
	tm := synth(stack)

	cr := tm.one(t, "Custom::UserPoolClient")
	fn := tm.one(t, "AWS::Lambda::Function")
	var want map[string]any
	raw, _ := json.Marshal(props)
	json.Unmarshal(raw, &want)
	want["ServiceToken"] = getAtt(fn.ID, "Arn")
	want["ServiceTimeout"] = "200"
	jsonEqual(t, "properties", cr.Properties, want)

	for i := 0; i < v.NumField(); i++ {
		name := strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0]
		if _, ok := cr.Properties[name]; !ok {
			t.Errorf("property %s is missing from the template", name)
		}
	}
	if _, ok := cr.Properties["GenerateSecret"].(bool); !ok {
		t.Errorf("GenerateSecret is %T, want a JSON boolean", cr.Properties["GenerateSecret"])
	}
	// The decoder the Lambda runs accepts what the template carries (CloudFormation then
	// stringifies scalars, which it accepts too).
	props2 := map[string]any{}
	for k, val := range cr.Properties {
		if k != "ServiceToken" {
			props2[k] = val
		}
	}
	raw2, _ := json.Marshal(props2)
	got, err := userpoolclient.Decode(raw2)
	if err != nil {
		t.Fatalf("the Lambda's decoder rejects the template's properties: %v", err)
	}
	if !reflect.DeepEqual(got, props) {
		t.Errorf("decoded back:\n got  %+v\n want %+v", got, props)
	}
}

func TestUserPoolClientResource(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	c := cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
		UserPoolId:     *pool.UserPoolId(),
		CallbackURLs:   []string{"https://example.com/cb"},
		GenerateSecret: true,
	}})
	tm := synth(stack)

	cr := tm.one(t, "Custom::UserPoolClient")
	poolID := tm.one(t, "AWS::Cognito::UserPool").ID
	jsonEqual(t, "properties", cr.Properties, map[string]any{
		"ServiceToken":   getAtt(tm.one(t, "AWS::Lambda::Function").ID, "Arn"),
		"ServiceTimeout": "150",
		"UserPoolId":     ref(poolID),
		"CallbackURLs":   []string{"https://example.com/cb"},
		"GenerateSecret": true,
	})
	jsonEqual(t, "deletion policy", cr.Raw["DeletionPolicy"], "Delete")
	async := tm.one(t, "AWS::Lambda::EventInvokeConfig").ID
	jsonEqual(t, "depends on", cr.dependsOn(), []string{async})

	// The accessors, resolved: Ref and GetAtt of the resource.
	id := *stack.GetLogicalId(c.Resource().Node().DefaultChild().(awscdk.CfnElement))
	if id != cr.ID {
		t.Fatalf("logical ID %s, template has %s", id, cr.ID)
	}
	jsonEqual(t, "ClientId", stack.Resolve(c.ClientId()), ref(id))
	jsonEqual(t, "ClientSecret", stack.Resolve(c.ClientSecret()), getAtt(id, "ClientSecret"))
	jsonEqual(t, "Name", stack.Resolve(c.Name()), getAtt(id, "Name"))
	jsonEqual(t, "UserPoolId", stack.Resolve(c.UserPoolId()), getAtt(id, "UserPoolId"))
	if !*awscdk.SecretValue_IsSecretValue(c.ClientSecret()) {
		t.Error("ClientSecret is not a SecretValue")
	}
}

func TestUserPoolClientRetain(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{
		Properties:    userpoolclient.Properties{UserPoolId: testPool},
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	cr := synth(stack).one(t, "Custom::UserPoolClient")
	jsonEqual(t, "deletion policy", cr.Raw["DeletionPolicy"], "Retain")
}

// TestUserPoolClientIsAConstruct: the Go value is the construct jsii knows, so CDK accepts it
// where it takes a construct.
func TestUserPoolClientIsAConstruct(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	c := cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool}})
	other := awscdk.NewCfnResource(stack, jsii.String("Other"), &awscdk.CfnResourceProps{Type: jsii.String("AWS::SNS::Topic")})
	other.Node().AddDependency(c)
	if got := stack.Node().TryFindChild(jsii.String("Web")); got != c {
		t.Errorf("TryFindChild returned %T, want the *cdk.UserPoolClient", got)
	}
	tm := synth(stack)
	cr := tm.one(t, "Custom::UserPoolClient")
	jsonEqual(t, "topic depends on", tm.one(t, "AWS::SNS::Topic").dependsOn(), []string{cr.ID})
}

func TestUnresolvedValuesAreLeftToDeployTime(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	domain := awscdk.NewCfnParameter(stack, jsii.String("Domain"), &awscdk.CfnParameterProps{Type: jsii.String("String")})
	scopes := awscdk.NewCfnParameter(stack, jsii.String("Scopes"), &awscdk.CfnParameterProps{Type: jsii.String("CommaDelimitedList")})
	cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
		UserPoolId:                      *pool.UserPoolId(),
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows:               []userpoolclient.OAuthFlow{userpoolclient.OAuthCode},
		AllowedOAuthScopes:              strs(*scopes.ValueAsList()), // a list token: one element
		CallbackURLs:                    []string{"https://" + *domain.ValueAsString() + "/cb"},
	}})
	cr := synth(stack).one(t, "Custom::UserPoolClient")
	jsonEqual(t, "scopes", cr.Properties["AllowedOAuthScopes"], ref("Scopes"))
	jsonEqual(t, "callback", cr.Properties["CallbackURLs"], []any{
		map[string]any{"Fn::Join": []any{"", []any{"https://", ref("Domain"), "/cb"}}},
	})
}

func TestInvalidPropsFailAtSynth(t *testing.T) {
	for name, tc := range map[string]struct {
		props cdk.UserPoolClientProps
		want  []string // property paths and messages, each prefixed by the construct path
	}{
		"client_credentials without a secret": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool,
				AllowedOAuthFlows: []userpoolclient.OAuthFlow{userpoolclient.OAuthClientCredentials}, AllowedOAuthScopes: []string{"api/read"}}},
			want: []string{"AllowedOAuthFlows: client_credentials requires GenerateSecret: true"},
		},
		"http callback": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool,
				CallbackURLs: []string{"https://example.com/cb", "http://example.com/cb"}}},
			want: []string{"CallbackURLs[1]: must use https"},
		},
		"nested property": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool,
				AnalyticsConfiguration: &userpoolclient.AnalyticsConfiguration{ApplicationId: "abc"}}},
			want: []string{"AnalyticsConfiguration.ExternalId: required", "AnalyticsConfiguration.RoleArn: required"},
		},
		"no user pool": {
			props: cdk.UserPoolClientProps{},
			want:  []string{"UserPoolId: required"},
		},
		"literal user pool ID": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: "my-pool"}},
			want:  []string{`UserPoolId: must match`},
		},
		"service timeout too short for the provider": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool}, ServiceTimeout: 30 * time.Second},
			want:  []string{"ServiceTimeout: must be between 2m0s and 1h0m0s"},
		},
		"service timeout in fractions": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool}, ServiceTimeout: 150500 * time.Millisecond},
			want:  []string{"ServiceTimeout: must be whole seconds"},
		},
		"provider and service token": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool},
				Provider: &cdk.Provider{}, ServiceToken: "arn:aws:lambda:us-east-1:123456789012:function:f"},
			want: []string{"Provider: cannot be combined with ServiceToken"},
		},
		"provider not made by NewProvider": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool}, Provider: &cdk.Provider{}},
			want:  []string{"Provider: must be made by NewProvider or ProviderFor"},
		},
		"service token not an ARN": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool}, ServiceToken: "my-function"},
			want:  []string{"ServiceToken: must be the ARN of a Lambda function or SNS topic"},
		},
		"every violation at once": {
			props: cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool,
				AuthSessionValidity: 30, ExplicitAuthFlows: []userpoolclient.AuthFlow{"ALLOW_NOTHING"}}, ServiceTimeout: 2 * time.Hour},
			want: []string{"AuthSessionValidity: must be between 3 and 15", "ExplicitAuthFlows[0]: must be one of", "ServiceTimeout: must be between"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			stack := newStack(t)
			props := tc.props
			cdk.NewUserPoolClient(stack, "Client", &props) // no panic: reported at synth
			report := synthFails(t, stack)
			mustContain(t, report, "Validation failed with the following errors:")
			for _, want := range tc.want {
				mustContain(t, report, "[Test/Client] "+want)
			}
			if stack.Node().TryFindChild(jsii.String(cdk.ProviderID)) != nil {
				t.Error("an invalid client made the stack's provider (and built its function)")
			}
		})
	}
}

func TestPropsAreNotModified(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	props := &cdk.UserPoolClientProps{Properties: everyProperty()}
	cdk.NewUserPoolClient(stack, "One", props)
	cdk.NewUserPoolClient(stack, "Two", props)
	if want := (&cdk.UserPoolClientProps{Properties: everyProperty()}); !reflect.DeepEqual(props, want) {
		t.Errorf("props changed:\n got  %+v\n want %+v", props, want)
	}
}

func TestImportedServiceToken(t *testing.T) {
	stack := newStack(t)
	cdk.NewUserPoolClient(stack, "Default", &cdk.UserPoolClientProps{
		Properties:     userpoolclient.Properties{UserPoolId: testPool},
		ServiceToken:   cdk.ImportServiceToken(""),
		ServiceTimeout: 30 * time.Second, // the imported function's limits are its own
	})
	cdk.NewUserPoolClient(stack, "Named", &cdk.UserPoolClientProps{
		Properties:   userpoolclient.Properties{UserPoolId: testPool},
		ServiceToken: cdk.ImportServiceToken("OtherExport"),
	})
	cdk.NewUserPoolClient(stack, "Literal", &cdk.UserPoolClientProps{
		Properties:   userpoolclient.Properties{UserPoolId: testPool},
		ServiceToken: "arn:aws:lambda:us-east-1:123456789012:function:userpoolclient",
	})
	tm := synth(stack)

	var tokens []string
	for _, cr := range tm.ofType("Custom::UserPoolClient") {
		tokens = append(tokens, mustJSON(cr.Properties["ServiceToken"])+" "+mustJSON(cr.Properties["ServiceTimeout"]))
		if len(cr.dependsOn()) != 0 {
			t.Errorf("%s depends on %v", cr.ID, cr.dependsOn())
		}
	}
	for _, want := range []string{
		`{"Fn::ImportValue":"userpoolclient-provider-ServiceToken"} "30"`,
		`{"Fn::ImportValue":"OtherExport"} "150"`,
		`"arn:aws:lambda:us-east-1:123456789012:function:userpoolclient" "150"`,
	} {
		if !strings.Contains(strings.Join(tokens, "\n"), want) {
			t.Errorf("no client with ServiceToken and ServiceTimeout %s in\n%s", want, strings.Join(tokens, "\n"))
		}
	}
	if n := len(tm.ofType("AWS::Lambda::Function")); n != 0 {
		t.Errorf("with imported service tokens the stack has %d functions, want none", n)
	}
}

// TestOneProviderPerStack: however many clients and lookups a stack has, one function serves
// them all; another stack gets its own.
func TestOneProviderPerStack(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	for _, id := range []string{"A", "B", "C"} {
		cdk.NewUserPoolClient(stack, id, &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
			UserPoolId: *pool.UserPoolId(), ClientName: id,
		}})
	}
	cdk.NewUserPoolClientLookup(stack, "Existing", &cdk.UserPoolClientLookupProps{
		LookupProperties: userpoolclient.LookupProperties{UserPoolId: *pool.UserPoolId(), ClientName: "A"},
	})
	other := awscdk.NewStack(stack.Node().Scope().(constructs.Construct), jsii.String("Other"), nil)
	withSharedProvider(t, other)
	cdk.NewUserPoolClient(other, "D", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool}})

	tm := synth(stack)
	var fns []resource
	for _, fn := range tm.ofType("AWS::Lambda::Function") {
		if fn.Properties["Runtime"] == "provided.al2023" {
			fns = append(fns, fn)
		}
	}
	if len(fns) != 1 {
		t.Fatalf("want exactly one provided.al2023 function, got %d", len(fns))
	}
	crs := append(tm.ofType("Custom::UserPoolClient"), tm.ofType("Custom::UserPoolClientLookup")...)
	if len(crs) != 4 {
		t.Fatalf("want 4 custom resources, got %d", len(crs))
	}
	for _, cr := range crs {
		jsonEqual(t, cr.ID+" ServiceToken", cr.Properties["ServiceToken"], getAtt(fns[0].ID, "Arn"))
	}
	if n := len(synth(other).ofType("AWS::Lambda::Function")); n != 1 {
		t.Errorf("the other stack has %d functions, want its own one", n)
	}
}

func TestExplicitProvider(t *testing.T) {
	stack := newStack(t)
	p := cdk.NewProvider(stack, "Mine", &cdk.ProviderProps{AssetDir: prebuilt(t)})
	cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{
		Properties: userpoolclient.Properties{UserPoolId: testPool},
		Provider:   p,
	})
	tm := synth(stack)
	fn := tm.one(t, "AWS::Lambda::Function")
	if !strings.HasPrefix(fn.ID, "Mine") {
		t.Errorf("the function is %s, want the provider Mine's", fn.ID)
	}
	jsonEqual(t, "ServiceToken", tm.one(t, "Custom::UserPoolClient").Properties["ServiceToken"], getAtt(fn.ID, "Arn"))
	jsonEqual(t, "ServiceToken()", stack.Resolve(p.ServiceToken()), getAtt(fn.ID, "Arn"))
}

func strs(l []*string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = *s
	}
	return out
}
