package cdk_test

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awspinpoint"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// l2Case builds the props of one client in the given stack, next to the stack's pool; it is
// called once for the native construct's stack and once for the drop-in's.
type l2Case func(stack awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps

// l2Cases are the prop sets the native construct is the oracle for.
var l2Cases = map[string]l2Case{
	"defaults": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool}
	},
	"DisableOAuth": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, DisableOAuth: jsii.Bool(true)}
	},
	"authorization code flow": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{
			Flows:        &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
			CallbackUrls: jsii.Strings("https://app.example.com/cb"),
		}}
	},
	"implicit flow": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{
			Flows: &awscognito.OAuthFlows{ImplicitCodeGrant: jsii.Bool(true)},
		}}
	},
	"client credentials with resource server scopes": func(stack awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		read := awscognito.NewResourceServerScope(&awscognito.ResourceServerScopeProps{ScopeName: jsii.String("read"), ScopeDescription: jsii.String("read")})
		write := awscognito.NewResourceServerScope(&awscognito.ResourceServerScopeProps{ScopeName: jsii.String("write"), ScopeDescription: jsii.String("write")})
		api := pool.AddResourceServer(jsii.String("Api"), &awscognito.UserPoolResourceServerOptions{
			Identifier: jsii.String("api"), Scopes: &[]awscognito.ResourceServerScope{read, write},
		})
		return &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: jsii.Bool(true), OAuth: &awscognito.OAuthSettings{
			Flows:  &awscognito.OAuthFlows{ClientCredentials: jsii.Bool(true)},
			Scopes: &[]awscognito.OAuthScope{awscognito.OAuthScope_ResourceServer(api, read), awscognito.OAuthScope_ResourceServer(api, write)},
		}}
	},
	"standard and custom scopes, openid added": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{
			Scopes: &[]awscognito.OAuthScope{awscognito.OAuthScope_EMAIL(), awscognito.OAuthScope_PHONE(),
				awscognito.OAuthScope_COGNITO_ADMIN(), awscognito.OAuthScope_Custom(jsii.String("api/read")), awscognito.OAuthScope_EMAIL()},
		}}
	},
	"callback, logout and default redirect URLs": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{
			CallbackUrls:       jsii.Strings("https://app.example.com/cb", "http://localhost:3000/cb", "myapp://cb"),
			LogoutUrls:         jsii.Strings("https://app.example.com/", "http://localhost:3000/"),
			DefaultRedirectUri: jsii.String("https://app.example.com/cb"),
		}}
	},
	"token validities in minutes": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool,
			AccessTokenValidity: awscdk.Duration_Minutes(jsii.Number(30)), IdTokenValidity: awscdk.Duration_Minutes(jsii.Number(45))}
	},
	"token validities in hours": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool,
			AccessTokenValidity: awscdk.Duration_Hours(jsii.Number(2)), IdTokenValidity: awscdk.Duration_Hours(jsii.Number(3)),
			RefreshTokenValidity: awscdk.Duration_Hours(jsii.Number(12))}
	},
	"token validities in days": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool,
			AccessTokenValidity: awscdk.Duration_Days(jsii.Number(1)), RefreshTokenValidity: awscdk.Duration_Days(jsii.Number(30))}
	},
	"read and write attributes": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		write := awscognito.NewClientAttributes().WithStandardAttributes(&awscognito.StandardAttributesMask{
			Fullname: jsii.Bool(true), Email: jsii.Bool(true)}).WithCustomAttributes(jsii.String("team"))
		read := write.WithStandardAttributes(&awscognito.StandardAttributesMask{EmailVerified: jsii.Bool(true)})
		return &awscognito.UserPoolClientProps{UserPool: pool, ReadAttributes: read, WriteAttributes: write}
	},
	"identity providers given": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, SupportedIdentityProviders: &[]awscognito.UserPoolClientIdentityProvider{
			awscognito.UserPoolClientIdentityProvider_COGNITO(), awscognito.UserPoolClientIdentityProvider_GOOGLE(),
			awscognito.UserPoolClientIdentityProvider_APPLE(), awscognito.UserPoolClientIdentityProvider_Custom(jsii.String("Corp-SAML")),
		}}
	},
	"identity providers from the pool": func(stack awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		awscognito.NewUserPoolIdentityProviderGoogle(stack, jsii.String("Google"), &awscognito.UserPoolIdentityProviderGoogleProps{
			UserPool: pool, ClientId: jsii.String("google-client"), ClientSecretValue: awscdk.SecretValue_UnsafePlainText(jsii.String("s")),
		})
		return &awscognito.UserPoolClientProps{UserPool: pool}
	},
	"analytics by application ID": func(stack awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		role := awsiam.NewRole(stack, jsii.String("Analytics"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("cognito-idp.amazonaws.com"), nil)})
		return &awscognito.UserPoolClientProps{UserPool: pool, Analytics: &awscognito.AnalyticsConfiguration{
			ApplicationId: jsii.String("0123456789abcdef0123456789abcdef"), ExternalId: jsii.String("external"),
			Role: role, ShareUserData: jsii.Bool(true),
		}}
	},
	"analytics by application": func(stack awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		app := awspinpoint.NewCfnApp(stack, jsii.String("Pinpoint"), &awspinpoint.CfnAppProps{Name: jsii.String("analytics")})
		return &awscognito.UserPoolClientProps{UserPool: pool, Analytics: &awscognito.AnalyticsConfiguration{
			Application: app, ShareUserData: jsii.Bool(false),
		}}
	},
	"refresh token rotation grace period": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, AuthFlows: &awscognito.AuthFlow{UserSrp: jsii.Bool(true)},
			RefreshTokenRotationGracePeriod: awscdk.Duration_Seconds(jsii.Number(10))}
	},
	"refresh token rotation without grace": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, RefreshTokenRotationGracePeriod: awscdk.Duration_Seconds(jsii.Number(0))}
	},
	"every auth flow": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, AuthFlows: &awscognito.AuthFlow{
			UserPassword: jsii.Bool(true), AdminUserPassword: jsii.Bool(true), Custom: jsii.Bool(true), UserSrp: jsii.Bool(true), User: jsii.Bool(true),
		}}
	},
	"auth flows all off": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, AuthFlows: &awscognito.AuthFlow{UserSrp: jsii.Bool(false)}}
	},
	"secret and context data": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: jsii.Bool(true),
			EnablePropagateAdditionalUserContextData: jsii.Bool(true)}
	},
	"no secret said explicitly": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: jsii.Bool(false),
			EnablePropagateAdditionalUserContextData: jsii.Bool(false), EnableTokenRevocation: jsii.Bool(false)}
	},
	"existence errors prevented": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, PreventUserExistenceErrors: jsii.Bool(true)}
	},
	"existence errors legacy": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, PreventUserExistenceErrors: jsii.Bool(false)}
	},
	"name and auth session": func(_ awscdk.Stack, pool awscognito.UserPool) *awscognito.UserPoolClientProps {
		return &awscognito.UserPoolClientProps{UserPool: pool, UserPoolClientName: jsii.String("web app"),
			AuthSessionValidity: awscdk.Duration_Minutes(jsii.Number(5))}
	},
}

// TestNativeConstructIsTheOracle: for every prop set, the native awscognito.UserPoolClient in
// one stack and NewCognitoUserPoolClient in another write the same properties (the custom
// resource's less ServiceToken and ServiceTimeout), and the drop-in reports nothing invalid.
// All cases share one app, one stack pair per case, synthesized once.
func TestNativeConstructIsTheOracle(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	type pair struct{ native, ours awscdk.Stack }
	stacks := map[string]pair{}
	i := 0
	for name, build := range l2Cases {
		i++
		native := awscdk.NewStack(app, jsii.Sprintf("Native%d", i), nil)
		ours := awscdk.NewStack(app, jsii.Sprintf("Ours%d", i), nil)
		withSharedProvider(t, ours)
		awscognito.NewUserPoolClient(native, jsii.String("Client"), build(native, awscognito.NewUserPool(native, jsii.String("Pool"), nil)))
		cdk.NewCognitoUserPoolClient(ours, jsii.String("Client"), build(ours, awscognito.NewUserPool(ours, jsii.String("Pool"), nil)))
		stacks[name] = pair{native, ours}
	}
	if len(stacks) < 15 {
		t.Fatalf("only %d prop sets", len(stacks))
	}
	if _, err := cdk.Synth(app, nil); err != nil {
		t.Fatalf("the drop-in reports valid native props as invalid:\n%v", err)
	}
	for name, p := range stacks {
		t.Run(name, func(t *testing.T) {
			want := synth(p.native).one(t, "AWS::Cognito::UserPoolClient").Properties
			got := maps.Clone(synth(p.ours).one(t, "Custom::UserPoolClient").Properties)
			delete(got, "ServiceToken")
			delete(got, "ServiceTimeout")
			jsonEqual(t, "properties", got, want)
		})
	}
}

// TestDropInDifferences: where the drop-in cannot write what the native construct writes, or
// behaves otherwise, the difference is deliberate; each is asserted here and listed in
// docs/cdk.md.
func TestDropInDifferences(t *testing.T) {
	t.Run("the resource's rules are checked at synth", func(t *testing.T) {
		// The native construct writes these; Cognito would refuse them at deploy time.
		for name, props := range map[string]func(awscognito.UserPool) *awscognito.UserPoolClientProps{
			"client credentials with the default scopes": func(pool awscognito.UserPool) *awscognito.UserPoolClientProps {
				return &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: jsii.Bool(true),
					OAuth: &awscognito.OAuthSettings{Flows: &awscognito.OAuthFlows{ClientCredentials: jsii.Bool(true)}}}
			},
			"plain http callback": func(pool awscognito.UserPool) *awscognito.UserPoolClientProps {
				return &awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{CallbackUrls: jsii.Strings("http://app.example.com/cb")}}
			},
		} {
			t.Run(name, func(t *testing.T) {
				native := newStack(t)
				awscognito.NewUserPoolClient(native, jsii.String("Client"), props(awscognito.NewUserPool(native, jsii.String("Pool"), nil)))
				synth(native) // the native construct accepts it
				ours := newStack(t)
				withSharedProvider(t, ours)
				cdk.NewCognitoUserPoolClient(ours, jsii.String("Client"), props(awscognito.NewUserPool(ours, jsii.String("Pool"), nil)))
				report := synthFails(t, ours)
				mustContain(t, report, "[Test/Client] OAuth.")
			})
		}
	})

	t.Run("the secret is an attribute, not another custom resource", func(t *testing.T) {
		props := func(pool awscognito.UserPool) *awscognito.UserPoolClientProps {
			return &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: jsii.Bool(true)}
		}
		native := newStack(t)
		nc := awscognito.NewUserPoolClient(native, jsii.String("Client"), props(awscognito.NewUserPool(native, jsii.String("Pool"), nil)))
		awscdk.NewCfnOutput(native, jsii.String("Secret"), &awscdk.CfnOutputProps{Value: nc.UserPoolClientSecret().UnsafeUnwrap()})
		ours := newStack(t)
		withSharedProvider(t, ours)
		oc := cdk.NewCognitoUserPoolClient(ours, jsii.String("Client"), props(awscognito.NewUserPool(ours, jsii.String("Pool"), nil)))
		awscdk.NewCfnOutput(ours, jsii.String("Secret"), &awscdk.CfnOutputProps{Value: oc.UserPoolClientSecret().UnsafeUnwrap()})

		if n := len(synth(native).ofType("Custom::DescribeCognitoUserPoolClient")); n != 1 {
			t.Errorf("the native construct made %d DescribeCognitoUserPoolClient resources, want 1", n)
		}
		tm := synth(ours)
		if n := len(tm.ofType("Custom::DescribeCognitoUserPoolClient")); n != 0 {
			t.Errorf("the drop-in made %d DescribeCognitoUserPoolClient resources", n)
		}
		cr := tm.one(t, "Custom::UserPoolClient")
		jsonEqual(t, "secret", tm["Outputs"].(map[string]any)["Secret"].(map[string]any)["Value"], getAtt(cr.ID, "ClientSecret"))
	})

	t.Run("the name is known without UserPoolClientName", func(t *testing.T) {
		ours := newStack(t)
		withSharedProvider(t, ours)
		c := cdk.NewCognitoUserPoolClient(ours, jsii.String("Client"), &awscognito.UserPoolClientProps{UserPool: awscognito.NewUserPool(ours, jsii.String("Pool"), nil)})
		cr := synth(ours).one(t, "Custom::UserPoolClient")
		jsonEqual(t, "name", ours.Resolve(c.UserPoolClientName()), getAtt(cr.ID, "Name"))
	})
}

// TestBrokenClientsFailSynthOnce: an app with two broken clients (one of each constructor,
// in two stacks) fails synth once, with one report naming both constructs, every broken prop
// by its path, and nothing built.
func TestBrokenClientsFailSynthOnce(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	one := awscdk.NewStack(app, jsii.String("One"), nil)
	two := awscdk.NewStack(app, jsii.String("Two"), nil)
	pool := awscognito.NewUserPool(one, jsii.String("Pool"), nil)
	domain := awscdk.NewCfnParameter(one, jsii.String("Domain"), &awscdk.CfnParameterProps{Type: jsii.String("String")})

	web := cdk.NewCognitoUserPoolClient(one, jsii.String("Web"), &awscognito.UserPoolClientProps{
		UserPool:            pool,
		AccessTokenValidity: awscdk.Duration_Minutes(jsii.Number(2)),
		OAuth: &awscognito.OAuthSettings{
			CallbackUrls: jsii.Strings("https://app.example.com/cb", "http://app.example.com/cb"),
			LogoutUrls:   jsii.Strings("https://" + *domain.ValueAsString() + "/"), // a token: left to deploy time
		},
		EnablePropagateAdditionalUserContextData: jsii.Bool(true),
	})
	awscdk.NewCfnOutput(one, jsii.String("WebClientId"), &awscdk.CfnOutputProps{Value: web.UserPoolClientId()})
	cdk.NewUserPoolClient(two, "Api", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
		UserPoolId: "not a pool", AuthSessionValidity: 30,
	}})

	report := synthFails(t, one)
	mustContain(t, report,
		"[One/Web] AccessTokenValidity: must be a duration between 5 minutes and 1 day (inclusive); 2 minutes given",
		"[One/Web] OAuth.CallbackUrls[1] (CallbackURLs[1]): must use https",
		"[One/Web] EnablePropagateAdditionalUserContextData: true requires GenerateSecret: true",
		"[Two/Api] UserPoolId: must match",
		"[Two/Api] AuthSessionValidity: must be between 3 and 15",
	)
	if strings.Count(report, "Validation failed") != 1 || strings.Contains(report, "goroutine") || strings.Contains(report, "LogoutUrls") {
		t.Errorf("want one report, without a goroutine dump or a complaint about the token:\n%s", report)
	}
	for _, s := range []awscdk.Stack{one, two} {
		if s.Node().TryFindChild(jsii.String(cdk.ProviderID)) != nil {
			t.Errorf("%s: a broken client made a provider", *s.StackName())
		}
	}
}

// TestExtraProps: the drop-in's optional last argument carries this project's own props.
func TestExtraProps(t *testing.T) {
	stack := newStack(t)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	cdk.NewCognitoUserPoolClient(stack, jsii.String("Imported"), &awscognito.UserPoolClientProps{UserPool: pool},
		&cdk.ExtraProps{ServiceToken: cdk.ImportServiceToken(""), RemovalPolicy: awscdk.RemovalPolicy_RETAIN, ServiceTimeout: 30 * time.Second})
	tm := synth(stack)
	cr := tm.one(t, "Custom::UserPoolClient")
	jsonEqual(t, "service token", cr.Properties["ServiceToken"], map[string]any{"Fn::ImportValue": cdk.ServiceTokenExportName})
	jsonEqual(t, "service timeout", cr.Properties["ServiceTimeout"], "30")
	jsonEqual(t, "deletion policy", cr.Raw["DeletionPolicy"], "Retain")
	if n := len(tm.ofType("AWS::Lambda::Function")); n != 0 {
		t.Errorf("an imported service token made %d functions", n)
	}

	broken := newStack(t)
	cdk.NewCognitoUserPoolClient(broken, jsii.String("Two"), &awscognito.UserPoolClientProps{UserPool: awscognito.NewUserPool(broken, jsii.String("Pool"), nil)},
		&cdk.ExtraProps{}, &cdk.ExtraProps{ServiceToken: "my-function"})
	mustContain(t, synthFails(t, broken), "[Test/Two] extra: give at most one ExtraProps; 2 given")
}

// TestCognitoPropsErrors: what the native construct throws for, the drop-in reports by prop
// path, together with the resource's own rules; all constructs of the app in one report.
func TestCognitoPropsErrors(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	stack := awscdk.NewStack(app, jsii.String("Test"), nil)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	cases := map[string]struct {
		props *awscognito.UserPoolClientProps
		want  string
	}{
		"NoPool": {&awscognito.UserPoolClientProps{}, "UserPool: required"},
		"OAuthDisabled": {&awscognito.UserPoolClientProps{UserPool: pool, DisableOAuth: jsii.Bool(true),
			OAuth: &awscognito.OAuthSettings{CallbackUrls: jsii.Strings("https://a.example.com/")}}, "OAuth: cannot be combined with DisableOAuth: true"},
		"EmptyCallbacks": {&awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{CallbackUrls: jsii.Strings()}},
			"OAuth.CallbackUrls: must not be empty when the authorization code or implicit grant flow is enabled"},
		"MixedFlows": {&awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: jsii.Bool(true), OAuth: &awscognito.OAuthSettings{
			Flows: &awscognito.OAuthFlows{ClientCredentials: jsii.Bool(true), AuthorizationCodeGrant: jsii.Bool(true)}}},
			"OAuth.Flows.ClientCredentials: cannot be combined with AuthorizationCodeGrant or ImplicitCodeGrant"},
		"RedirectNotACallback": {&awscognito.UserPoolClientProps{UserPool: pool, OAuth: &awscognito.OAuthSettings{
			DefaultRedirectUri: jsii.String("https://b.example.com/")}}, `OAuth.DefaultRedirectUri (DefaultRedirectURI): must be one of CallbackURLs; "https://b.example.com/" is not`},
		"HalfAnalytics": {&awscognito.UserPoolClientProps{UserPool: pool, Analytics: &awscognito.AnalyticsConfiguration{ApplicationId: jsii.String("abc")}},
			"Analytics: give all of ApplicationId, ExternalId and Role, or Application"},
		"FractionalMinutes": {&awscognito.UserPoolClientProps{UserPool: pool, IdTokenValidity: awscdk.Duration_Seconds(jsii.Number(390))},
			"IdTokenValidity: must be a whole number of minutes; 6 minutes 30 seconds given"},
		"LongerThanRefresh": {&awscognito.UserPoolClientProps{UserPool: pool, RefreshTokenValidity: awscdk.Duration_Minutes(jsii.Number(60)),
			AccessTokenValidity: awscdk.Duration_Hours(jsii.Number(2))}, "AccessTokenValidity: must be a duration between 5 minutes and 1 hour (inclusive); 2 hours given"},
		"GraceTooLong": {&awscognito.UserPoolClientProps{UserPool: pool, RefreshTokenRotationGracePeriod: awscdk.Duration_Minutes(jsii.Number(2))},
			"RefreshTokenRotationGracePeriod: must be a duration between 0 seconds and 1 minute (inclusive); 2 minutes given"},
		"SessionToken": {&awscognito.UserPoolClientProps{UserPool: pool, AuthSessionValidity: awscdk.Duration_Minutes(
			awscdk.NewCfnParameter(stack, jsii.String("Session"), &awscdk.CfnParameterProps{Type: jsii.String("Number")}).ValueAsNumber())},
			"AuthSessionValidity: must be a literal duration, not a token"},
		"BadName": {&awscognito.UserPoolClientProps{UserPool: pool, UserPoolClientName: jsii.String("web/app")},
			"UserPoolClientName (ClientName): must match"},
		"SecretlessContext": {&awscognito.UserPoolClientProps{UserPool: pool, EnablePropagateAdditionalUserContextData: jsii.Bool(true)},
			"EnablePropagateAdditionalUserContextData: true requires GenerateSecret: true"},
	}
	for id, tc := range cases {
		cdk.NewCognitoUserPoolClient(stack, jsii.String(id), tc.props)
	}
	report := synthFails(t, stack)
	for id, tc := range cases {
		if !strings.Contains(report, "[Test/"+id+"] "+tc.want) {
			t.Errorf("%s: the report lacks %q", id, "[Test/"+id+"] "+tc.want)
		}
	}
	if t.Failed() {
		t.Log(report)
	}
}
