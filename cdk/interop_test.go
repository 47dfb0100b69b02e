package cdk_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2actions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// TestClientIsAnIUserPoolClient: both constructors' clients, and a lookup, go where CDK takes
// an awscognito.IUserPoolClient: here an ALB listener's authenticate-cognito action, which
// reads the client's ID from it. The template references the custom resources.
func TestClientIsAnIUserPoolClient(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	domain := pool.AddDomain(jsii.String("Domain"), &awscognito.UserPoolDomainOptions{
		CognitoDomain: &awscognito.CognitoDomainOptions{DomainPrefix: jsii.String("interop-test")},
	})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0)})
	alb := awselasticloadbalancingv2.NewApplicationLoadBalancer(stack, jsii.String("Alb"), &awselasticloadbalancingv2.ApplicationLoadBalancerProps{
		Vpc: vpc, InternetFacing: jsii.Bool(true),
	})

	clients := map[string]awscognito.IUserPoolClient{
		"drop-in": cdk.NewCognitoUserPoolClient(stack, jsii.String("Web"), &awscognito.UserPoolClientProps{
			UserPool: pool, GenerateSecret: jsii.Bool(true),
			OAuth: &awscognito.OAuthSettings{Flows: &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
				CallbackUrls: jsii.Strings("https://app.example.com/oauth2/idpresponse")},
		}),
		"model": cdk.NewUserPoolClient(stack, "Model", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
			UserPoolId: *pool.UserPoolId(), GenerateSecret: true,
		}}),
		"lookup": cdk.NewUserPoolClientLookup(stack, "Existing", &cdk.UserPoolClientLookupProps{
			LookupProperties: userpoolclient.LookupProperties{UserPoolId: *pool.UserPoolId(), ClientName: "legacy"},
		}),
	}
	ports := map[string]float64{"drop-in": 443, "model": 8443, "lookup": 9443}
	for name, client := range clients {
		alb.AddListener(jsii.String("Https"+name), &awselasticloadbalancingv2.BaseApplicationListenerProps{
			Port:         jsii.Number(ports[name]),
			Protocol:     awselasticloadbalancingv2.ApplicationProtocol_HTTPS,
			Certificates: &[]awselasticloadbalancingv2.IListenerCertificate{awselasticloadbalancingv2.ListenerCertificate_FromArn(jsii.String("arn:aws:acm:us-east-1:123456789012:certificate/abc"))},
			DefaultAction: awselasticloadbalancingv2actions.NewAuthenticateCognitoAction(&awselasticloadbalancingv2actions.AuthenticateCognitoActionProps{
				UserPool: pool, UserPoolClient: client, UserPoolDomain: domain,
				Next: awselasticloadbalancingv2.ListenerAction_FixedResponse(jsii.Number(200), nil),
			}),
		})
	}
	tm := synth(stack)

	byPort := map[float64]resource{}
	for _, l := range tm.ofType("AWS::ElasticLoadBalancingV2::Listener") {
		byPort[l.Properties["Port"].(float64)] = l
	}
	for name, client := range clients {
		l, ok := byPort[ports[name]]
		if !ok {
			t.Fatalf("%s: no listener on port %v", name, ports[name])
		}
		actions := l.Properties["DefaultActions"].([]any)
		cfg := actions[0].(map[string]any)["AuthenticateCognitoConfig"].(map[string]any)
		jsonEqual(t, name+" client ID", cfg["UserPoolClientId"], stack.Resolve(client.UserPoolClientId()))
		jsonEqual(t, name+" pool", cfg["UserPoolArn"], getAtt(tm.one(t, "AWS::Cognito::UserPool").ID, "Arn"))
	}
	// The IDs resolve to the custom resources' Refs.
	for _, typ := range []string{"Custom::UserPoolClient", "Custom::UserPoolClientLookup"} {
		for _, cr := range tm.ofType(typ) {
			found := false
			for _, l := range byPort {
				cfg := l.Properties["DefaultActions"].([]any)[0].(map[string]any)["AuthenticateCognitoConfig"].(map[string]any)
				found = found || mustJSON(cfg["UserPoolClientId"]) == mustJSON(ref(cr.ID))
			}
			if !found {
				t.Errorf("no listener authenticates with %s %s", typ, cr.ID)
			}
		}
	}
	// The interface's reference carries the pool's ID as given.
	ref := clients["drop-in"].UserPoolClientRef()
	jsonEqual(t, "ref pool", stack.Resolve(ref.UserPoolId), stack.Resolve(pool.UserPoolId()))
}
