package cdk_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// A client served by the provider function that template.yaml deploys and exports: the stack
// holds no function of its own.
func ExampleNewUserPoolClient_importedServiceToken() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Clients"), nil)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)

	web := cdk.NewUserPoolClient(stack, "Web", &cdk.UserPoolClientProps{
		Properties: userpoolclient.Properties{
			UserPoolId:                      *pool.UserPoolId(),
			ClientName:                      "web",
			AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows:               []userpoolclient.OAuthFlow{userpoolclient.OAuthCode},
			AllowedOAuthScopes:              []string{"openid", "email", "profile"},
			CallbackURLs:                    []string{"https://example.com/callback"},
		},
		ServiceToken: cdk.ImportServiceToken(""), // the export of template.yaml
	})
	awscdk.NewCfnOutput(stack, jsii.String("WebClientId"), &awscdk.CfnOutputProps{Value: web.ClientId()})

	t := assertions.Template_FromStack(stack, nil)
	for _, r := range *t.FindResources(jsii.String("Custom::UserPoolClient"), nil) {
		props := (*r)["Properties"].(map[string]interface{})
		token, _ := json.Marshal(props["ServiceToken"])
		fmt.Println(string(token), props["ClientName"], props["AllowedOAuthFlows"])
	}
	fmt.Println("functions:", len(*t.FindResources(jsii.String("AWS::Lambda::Function"), nil)))
	// Output:
	// {"Fn::ImportValue":"userpoolclient-provider-ServiceToken"} web [code]
	// functions: 0
}

// Switching from the native construct is renaming the function: the props stay
// awscognito.UserPoolClientProps, the template gets the same properties under
// Custom::UserPoolClient.
func ExampleNewCognitoUserPoolClient() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Clients"), nil)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)

	web := cdk.NewCognitoUserPoolClient(stack, jsii.String("Web"), &awscognito.UserPoolClientProps{
		UserPool:            pool,
		AccessTokenValidity: awscdk.Duration_Hours(jsii.Number(2)),
		OAuth: &awscognito.OAuthSettings{
			Flows:        &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
			Scopes:       &[]awscognito.OAuthScope{awscognito.OAuthScope_EMAIL()},
			CallbackUrls: jsii.Strings("https://example.com/callback"),
		},
	}, &cdk.ExtraProps{ServiceToken: cdk.ImportServiceToken("")})
	var client awscognito.IUserPoolClient = web // for an ALB action, an identity pool, ...
	awscdk.NewCfnOutput(stack, jsii.String("WebClientId"), &awscdk.CfnOutputProps{Value: client.UserPoolClientId()})

	t := assertions.Template_FromStack(stack, nil)
	for _, r := range *t.FindResources(jsii.String("Custom::UserPoolClient"), nil) {
		props := (*r)["Properties"].(map[string]interface{})
		fmt.Println(props["AllowedOAuthFlows"], props["AllowedOAuthScopes"], props["AccessTokenValidity"], props["TokenValidityUnits"])
	}
	// Output:
	// [code] [email openid] 120 map[AccessToken:minutes]
}

// Storage and rotation: the client's credentials go to a Secrets Manager secret the stack
// owns, never through CloudFormation; raising SecretSerial rotates the client's secret
// without a new client; consumers are granted the secret the client returns, which orders
// them after the credentials are stored.
func ExampleExtraProps_storage() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Clients"), nil)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)

	credentials := cdk.NewStorageSecret(stack, "MachineCredentials", nil) // created empty
	machine := cdk.NewCognitoUserPoolClient(stack, jsii.String("Machine"), &awscognito.UserPoolClientProps{
		UserPool:       pool,
		GenerateSecret: jsii.Bool(true),
		OAuth: &awscognito.OAuthSettings{
			Flows:  &awscognito.OAuthFlows{ClientCredentials: jsii.Bool(true)},
			Scopes: &[]awscognito.OAuthScope{awscognito.OAuthScope_Custom(jsii.String("api/read"))},
		},
	}, &cdk.ExtraProps{SecretsManagerSecret: credentials, SecretSerial: 1}) // raise SecretSerial to rotate

	worker := awsiam.NewRole(stack, jsii.String("Worker"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil),
	})
	machine.Secret().GrantRead(worker, nil) // reads AWSCURRENT at use, never a copy

	t := assertions.Template_FromStack(stack, nil)
	name := map[string]string{
		mustJSON(stack.Resolve(credentials.SecretArn())): "the storage secret",
		mustJSON(stack.Resolve(machine.SecretArn())):     "the client's SecretArn",
	}
	for _, r := range *t.FindResources(jsii.String("Custom::UserPoolClient"), nil) {
		props := (*r)["Properties"].(map[string]interface{})
		fmt.Println("SecretsManagerSecretId:", name[mustJSON(props["SecretsManagerSecretId"])], "SecretSerial:", props["SecretSerial"])
	}
	var grants []string
	for _, r := range *t.FindResources(jsii.String("AWS::IAM::Policy"), nil) {
		doc := (*r)["Properties"].(map[string]interface{})["PolicyDocument"].(map[string]interface{})
		for _, s := range doc["Statement"].([]interface{}) {
			st := s.(map[string]interface{})
			if who, ok := name[mustJSON(st["Resource"])]; ok {
				grants = append(grants, fmt.Sprintf("%v on %s", st["Action"], who))
			}
		}
	}
	slices.Sort(grants)
	fmt.Println(strings.Join(grants, "\n"))
	// Output:
	// SecretsManagerSecretId: the storage secret SecretSerial: 1
	// [secretsmanager:DescribeSecret secretsmanager:GetSecretValue secretsmanager:PutSecretValue secretsmanager:UpdateSecretVersionStage] on the storage secret
	// [secretsmanager:GetSecretValue secretsmanager:DescribeSecret] on the client's SecretArn
}
