package cdk_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

func TestLookup(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	l := cdk.NewUserPoolClientLookup(stack, "Existing", &cdk.UserPoolClientLookupProps{
		LookupProperties: userpoolclient.LookupProperties{UserPoolId: *pool.UserPoolId(), ClientName: "web"},
	})
	tm := synth(stack)

	cr := tm.one(t, "Custom::UserPoolClientLookup")
	jsonEqual(t, "properties", cr.Properties, map[string]any{
		"ServiceToken":   getAtt(tm.one(t, "AWS::Lambda::Function").ID, "Arn"),
		"ServiceTimeout": "150",
		"UserPoolId":     ref(tm.one(t, "AWS::Cognito::UserPool").ID),
		"ClientName":     "web",
	})
	id := *stack.GetLogicalId(l.Resource().Node().DefaultChild().(awscdk.CfnElement))
	jsonEqual(t, "ClientId", stack.Resolve(l.ClientId()), ref(id))
	jsonEqual(t, "ClientSecret", stack.Resolve(l.ClientSecret()), getAtt(id, "ClientSecret"))
	jsonEqual(t, "Name", stack.Resolve(l.Name()), getAtt(id, "Name"))
	jsonEqual(t, "UserPoolId", stack.Resolve(l.UserPoolId()), getAtt(id, "UserPoolId"))
}

func TestLookupInvalidProps(t *testing.T) {
	for name, tc := range map[string]struct {
		props userpoolclient.LookupProperties
		want  string
	}{
		"neither ID nor name": {userpoolclient.LookupProperties{UserPoolId: testPool}, "ClientId: required: give ClientId or ClientName"},
		"both ID and name":    {userpoolclient.LookupProperties{UserPoolId: testPool, ClientId: "abc", ClientName: "web"}, "ClientName: cannot be combined with ClientId"},
		"no pool":             {userpoolclient.LookupProperties{ClientId: "abc"}, "UserPoolId: required"},
		"bad client ID":       {userpoolclient.LookupProperties{UserPoolId: testPool, ClientId: "a-b"}, "ClientId: must match"},
	} {
		t.Run(name, func(t *testing.T) {
			stack := newStack(t)
			cdk.NewUserPoolClientLookup(stack, "Existing", &cdk.UserPoolClientLookupProps{LookupProperties: tc.props})
			mustContain(t, synthFails(t, stack), "[Test/Existing] "+tc.want)
		})
	}
}
