package cdk_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/cdk"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// testSecretARN is the complete ARN of a storage secret made elsewhere.
const testSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:web-credentials-AbCdEf"

// statements are the IAM policy statements of a template that grant an action of service
// ("secretsmanager", "kms"), each with the logical ID of its policy.
func statements(tm template, service string) (sts []map[string]any, policies []string) {
	for _, p := range tm.ofType("AWS::IAM::Policy") {
		doc := p.Properties["PolicyDocument"].(map[string]any)
		for _, s := range doc["Statement"].([]any) {
			st := s.(map[string]any)
			if slices.ContainsFunc(actions(st), func(a string) bool { return strings.HasPrefix(a, service+":") || a == "*" }) {
				sts = append(sts, st)
				policies = append(policies, p.ID)
			}
		}
	}
	return sts, policies
}

func sorted(l []string) []string {
	l = slices.Clone(l)
	slices.Sort(l)
	return l
}

// TestStorageGrant: a client given a storage secret, by either constructor, names the secret
// in SecretsManagerSecretId; the provider function's role gets exactly
// userpoolclient.SecretsManagerIAMActions on that secret's ARN and StorageKMSActions, through
// Secrets Manager, on its key; the resource depends on the policy; and the secret it returns
// for consumers is read through the resource's SecretArn, with the same key.
func TestStorageGrant(t *testing.T) {
	for name, build := range map[string]func(pool awscognito.UserPool, secret awssecretsmanager.ISecret) *cdk.UserPoolClient{
		"model": func(pool awscognito.UserPool, secret awssecretsmanager.ISecret) *cdk.UserPoolClient {
			return cdk.NewUserPoolClient(stack0(pool), "Client", &cdk.UserPoolClientProps{
				Properties:           userpoolclient.Properties{UserPoolId: *pool.UserPoolId(), GenerateSecret: true, SecretSerial: 3},
				SecretsManagerSecret: secret,
			})
		},
		"drop-in": func(pool awscognito.UserPool, secret awssecretsmanager.ISecret) *cdk.UserPoolClient {
			return cdk.NewCognitoUserPoolClient(stack0(pool), jsii.String("Client"), &awscognito.UserPoolClientProps{
				UserPool: pool, GenerateSecret: true_(),
			}, &cdk.ExtraProps{SecretsManagerSecret: secret, SecretSerial: 3})
		},
		"drop-in adopting a client": func(pool awscognito.UserPool, secret awssecretsmanager.ISecret) *cdk.UserPoolClient {
			// No GenerateSecret: the adopted client's own secret is stored.
			return cdk.NewCognitoUserPoolClient(stack0(pool), jsii.String("Client"), &awscognito.UserPoolClientProps{UserPool: pool},
				&cdk.ExtraProps{SecretsManagerSecret: secret, SecretSerial: 3, ExistingClientId: "4example5client6id7abcdefgh"})
		},
	} {
		t.Run(name, func(t *testing.T) {
			stack := newStack(t)
			withSharedProvider(t, stack)
			pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
			key := awskms.NewKey(stack, jsii.String("Key"), nil)
			secret := cdk.NewStorageSecret(stack, "Credentials", &awssecretsmanager.SecretProps{EncryptionKey: key})
			c := build(pool, secret)
			consumer := awsiam.NewRole(stack, jsii.String("Consumer"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil)})
			c.Secret().GrantRead(consumer, nil)
			tm := synth(stack)

			cr := tm.one(t, "Custom::UserPoolClient")
			sec := tm.one(t, "AWS::SecretsManager::Secret")
			keyID := tm.one(t, "AWS::KMS::Key").ID
			jsonEqual(t, "SecretsManagerSecretId", cr.Properties["SecretsManagerSecretId"], ref(sec.ID))
			jsonEqual(t, "SecretSerial", cr.Properties["SecretSerial"], 3)
			jsonEqual(t, "the storage secret", sec.Properties, map[string]any{"KmsKeyId": getAtt(keyID, "Arn")})

			// The provider's role: one statement on the one secret, exactly the actions.
			var mine []map[string]any
			var minePolicies []string
			sts, policies := statements(tm, "secretsmanager")
			for i, st := range sts {
				if mustJSON(st["Resource"]) == mustJSON(ref(sec.ID)) {
					mine, minePolicies = append(mine, st), append(minePolicies, policies[i])
				}
			}
			if len(mine) != 1 {
				t.Fatalf("want one statement on the secret for the provider, got %d in %s", len(mine), mustJSON(sts))
			}
			jsonEqual(t, "secretsmanager actions", sorted(actions(mine[0])), sorted(userpoolclient.SecretsManagerIAMActions))
			jsonEqual(t, "effect", mine[0]["Effect"], "Allow")
			for _, st := range sts {
				if mustJSON(st["Resource"]) == `"*"` || strings.Contains(mustJSON(st["Resource"]), "secret:*") {
					t.Errorf("a statement grants on every secret: %s", mustJSON(st))
				}
			}

			// The key, through Secrets Manager only.
			kms, kmsPolicies := statements(tm, "kms")
			var onKey []map[string]any
			for i, st := range kms {
				if kmsPolicies[i] == minePolicies[0] {
					onKey = append(onKey, st)
				}
			}
			if len(onKey) != 1 {
				t.Fatalf("want one kms statement in the provider's policy, got %s", mustJSON(kms))
			}
			jsonEqual(t, "kms actions", sorted(actions(onKey[0])), sorted(cdk.StorageKMSActions))
			jsonEqual(t, "kms resource", onKey[0]["Resource"], getAtt(keyID, "Arn"))
			jsonEqual(t, "kms condition", onKey[0]["Condition"], map[string]any{"StringEquals": map[string]any{
				"kms:ViaService": map[string]any{"Fn::Join": []any{"", []any{"secretsmanager.", ref("AWS::Region"), ".amazonaws.com"}}},
			}})

			// The grant is a policy of the client's own, on the provider function's role, with
			// nothing else in it.
			var policy resource
			for _, pol := range tm.ofType("AWS::IAM::Policy") {
				if pol.ID == minePolicies[0] {
					policy = pol
				}
			}
			fnRole := tm.one(t, "AWS::Lambda::Function").Properties["Role"].(map[string]any)["Fn::GetAtt"].([]any)[0].(string)
			jsonEqual(t, "roles", policy.Properties["Roles"], []any{ref(fnRole)})
			jsonEqual(t, "statements", len(policy.Properties["PolicyDocument"].(map[string]any)["Statement"].([]any)), 2)
			if !strings.HasPrefix(policy.ID, "ClientStorageGrant") {
				t.Errorf("the grant is in %s, want a policy of the client's own", policy.ID)
			}

			// The resource waits for the grant.
			if !slices.Contains(cr.dependsOn(), minePolicies[0]) {
				t.Errorf("the resource depends on %v, not on the policy %s that grants the secret", cr.dependsOn(), minePolicies[0])
			}

			// What consumers get: the secret through the resource's SecretArn, with its key.
			jsonEqual(t, "Secret().SecretArn()", stack.Resolve(c.Secret().SecretArn()), getAtt(cr.ID, "SecretArn"))
			jsonEqual(t, "SecretArn()", stack.Resolve(c.SecretArn()), getAtt(cr.ID, "SecretArn"))
			jsonEqual(t, "Secret().EncryptionKey()", stack.Resolve(c.Secret().EncryptionKey().KeyArn()), getAtt(keyID, "Arn"))
			consumerGrants := 0
			for i, st := range sts {
				if policies[i] != minePolicies[0] {
					consumerGrants++
					jsonEqual(t, "the consumer's grant", st["Resource"], getAtt(cr.ID, "SecretArn"))
				}
			}
			if consumerGrants != 1 {
				t.Errorf("want the consumer's one grant on the stored secret, got %d", consumerGrants)
			}
			if name == "drop-in" {
				cfnLint(t, tm) // once: the grants and the empty secret are valid CloudFormation
			}
		})
	}
}

// stack0 is the stack of a construct.
func stack0(c awscognito.UserPool) awscdk.Stack { return awscdk.Stack_Of(c) }

func true_() *bool { return jsii.Bool(true) }

// TestStorageByIDString: the model's SecretsManagerSecretId, a name or an ARN, is granted on
// the one secret it names: a complete ARN as it is, a name as CDK grants a secret known by
// name (the name and Secrets Manager's six-character suffix).
func TestStorageByIDString(t *testing.T) {
	stack := newStack(t)
	withSharedProvider(t, stack)
	for id, secretID := range map[string]string{"ByARN": testSecretARN, "ByName": "app/web-credentials"} {
		cdk.NewUserPoolClient(stack, id, &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
			UserPoolId: testPool, GenerateSecret: true, SecretsManagerSecretId: secretID,
		}})
	}
	tm := synth(stack)
	sts, policies := statements(tm, "secretsmanager")
	// Each resource depends on the policy that grants its secret.
	for _, cr := range tm.ofType("Custom::UserPoolClient") {
		n := 0
		for i, st := range sts {
			byARN := mustJSON(st["Resource"]) == `"`+testSecretARN+`"`
			if byARN == (cr.Properties["SecretsManagerSecretId"] == testSecretARN) {
				n++
				if !slices.Contains(cr.dependsOn(), policies[i]) {
					t.Errorf("%s depends on %v, not on the policy %s that grants its secret", cr.ID, cr.dependsOn(), policies[i])
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d statements grant its secret", cr.ID, n)
		}
	}
	var resources []string
	for _, st := range sts {
		resources = append(resources, mustJSON(st["Resource"]))
		jsonEqual(t, "actions", sorted(actions(st)), sorted(userpoolclient.SecretsManagerIAMActions))
	}
	slices.Sort(resources)
	jsonEqual(t, "resources", resources, []string{
		`"` + testSecretARN + `"`,
		mustJSON(map[string]any{"Fn::Join": []any{"", []any{"arn:", ref("AWS::Partition"), ":secretsmanager:", ref("AWS::Region"), ":",
			ref("AWS::AccountId"), ":secret:app/web-credentials-??????"}}}),
	})
	for _, cr := range tm.ofType("Custom::UserPoolClient") {
		if v := cr.Properties["SecretsManagerSecretId"]; v != testSecretARN && v != "app/web-credentials" {
			t.Errorf("%s: SecretsManagerSecretId %v", cr.ID, v)
		}
	}
}

// TestStorageWithImportedServiceToken: a provider deployed elsewhere has its own policy
// (template.yaml's); the stack grants nothing.
func TestStorageWithImportedServiceToken(t *testing.T) {
	stack := newStack(t)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	cdk.NewCognitoUserPoolClient(stack, jsii.String("Client"), &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: true_()},
		&cdk.ExtraProps{ServiceToken: cdk.ImportServiceToken(""), SecretsManagerSecret: cdk.NewStorageSecret(stack, "Credentials", nil)})
	tm := synth(stack)
	if sts, _ := statements(tm, "secretsmanager"); len(sts) != 0 {
		t.Errorf("statements granted with an imported provider: %s", mustJSON(sts))
	}
	cr := tm.one(t, "Custom::UserPoolClient")
	jsonEqual(t, "SecretsManagerSecretId", cr.Properties["SecretsManagerSecretId"], ref(tm.one(t, "AWS::SecretsManager::Secret").ID))
}

// TestStorageRefusals: what cannot work with storage is refused at synth, in one report,
// each line naming the construct by its path and the prop by its path.
func TestStorageRefusals(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	stack := awscdk.NewStack(app, jsii.String("Test"), nil)
	withSharedProvider(t, stack)
	pool := awscognito.NewUserPool(stack, jsii.String("Pool"), nil)
	storage := func(id string) awssecretsmanager.ISecret { return cdk.NewStorageSecret(stack, id, nil) }
	withSecret := func(id string, secret awssecretsmanager.ISecret) *cdk.UserPoolClient {
		return cdk.NewUserPoolClient(stack, id, &cdk.UserPoolClientProps{
			Properties:           userpoolclient.Properties{UserPoolId: testPool, GenerateSecret: true},
			SecretsManagerSecret: secret,
		})
	}

	// The secret never passes through CloudFormation: ClientSecret is refused.
	withSecret("Stored", storage("StoredSecret")).ClientSecret()
	cdk.NewCognitoUserPoolClient(stack, jsii.String("StoredDropIn"), &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: true_()},
		&cdk.ExtraProps{SecretsManagerSecret: storage("StoredDropInSecret")}).UserPoolClientSecret()
	// SecretSerial without storage.
	cdk.NewUserPoolClient(stack, "SerialOnly", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
		UserPoolId: testPool, GenerateSecret: true, SecretSerial: 1}})
	cdk.NewCognitoUserPoolClient(stack, jsii.String("SerialOnlyDropIn"), &awscognito.UserPoolClientProps{UserPool: pool, GenerateSecret: true_()},
		&cdk.ExtraProps{SecretSerial: 1})
	// Storage on a client without a secret.
	cdk.NewUserPoolClient(stack, "NoSecret", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool},
		SecretsManagerSecret: storage("NoSecretSecret")})
	cdk.NewCognitoUserPoolClient(stack, jsii.String("NoSecretDropIn"), &awscognito.UserPoolClientProps{UserPool: pool},
		&cdk.ExtraProps{SecretsManagerSecret: storage("NoSecretDropInSecret")})
	// Both forms of the storage.
	cdk.NewUserPoolClient(stack, "Both", &cdk.UserPoolClientProps{
		Properties:           userpoolclient.Properties{UserPoolId: testPool, GenerateSecret: true, SecretsManagerSecretId: testSecretARN},
		SecretsManagerSecret: storage("BothSecret"),
	})
	// A secret CDK creates with a generated value, and one with a rotation of its own.
	withSecret("Generated", awssecretsmanager.NewSecret(stack, jsii.String("GeneratedSecret"), nil))
	rotated := cdk.NewStorageSecret(stack, "RotatedSecret", nil)
	withSecret("Rotated", rotated)
	rotated.AddRotationSchedule(jsii.String("Rotation"), &awssecretsmanager.RotationScheduleOptions{
		HostedRotation: awssecretsmanager.HostedRotation_MysqlSingleUser(nil), // added after the client: still found
	})
	// A storage secret given a value.
	cdk.NewStorageSecret(stack, "WithValue", &awssecretsmanager.SecretProps{GenerateSecretString: &awssecretsmanager.SecretStringGenerator{}})
	// SecretArn of a client without storage.
	cdk.NewUserPoolClient(stack, "Plain", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{UserPoolId: testPool, GenerateSecret: true}}).SecretArn()

	report := synthFails(t, stack)
	for _, want := range []string{
		"[Test/Stored] SecretsManagerSecret: the client's secret was asked for (ClientSecret or UserPoolClientSecret), but a client with storage returns none",
		"[Test/StoredDropIn] extra.SecretsManagerSecret: the client's secret was asked for",
		"[Test/SerialOnly] SecretSerial: requires SecretsManagerSecretId",
		"[Test/SerialOnlyDropIn] extra.SecretSerial (SecretSerial): requires SecretsManagerSecretId",
		"[Test/NoSecret] SecretsManagerSecret (SecretsManagerSecretId): requires a client with a secret: GenerateSecret: true, or ExistingClientId",
		"[Test/NoSecretDropIn] extra.SecretsManagerSecret (SecretsManagerSecretId): requires a client with a secret",
		"[Test/Both] SecretsManagerSecret: cannot be combined with SecretsManagerSecretId; give one",
		"[Test/Generated] SecretsManagerSecret: the secret Test/GeneratedSecret is created with a value",
		"[Test/Rotated] SecretsManagerSecret: the secret Test/RotatedSecret has a rotation schedule of its own (Test/RotatedSecret/Rotation)",
		"[Test/WithValue] GenerateSecretString: must be unset",
		"[Test/Plain] SecretsManagerSecret: the client's SecretArn was asked for, but the client has no storage",
	} {
		mustContain(t, report, want)
	}
	if strings.Count(report, "Validation failed") != 1 || strings.Count(report, "rotation schedule of its own") != 1 {
		t.Errorf("want one report:\n%s", report)
	}
	// The valid storage secrets of this app are not refused.
	for _, id := range []string{"StoredSecret", "NoSecretSecret", "BothSecret"} {
		if strings.Contains(report, "Test/"+id+" ") {
			t.Errorf("the empty secret %s is refused:\n%s", id, report)
		}
	}
	if t.Failed() {
		t.Log(report)
	}
}

// TestStorageGrantFollowsTheSecret: the grant's policy is named after the secret, so that
// naming another secret makes a new policy beside the old one (the function still reads the
// old secret while it copies the live versions out, and while a rollback copies them back),
// and the same secret keeps the same policy.
func TestStorageGrantFollowsTheSecret(t *testing.T) {
	other := "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-credentials-GhIjKl"
	policyOf := func(name, secretID string) string { // the same stack, deployed with secretID
		stack := newStack(t)
		withSharedProvider(t, stack)
		cdk.NewUserPoolClient(stack, "Client", &cdk.UserPoolClientProps{Properties: userpoolclient.Properties{
			UserPoolId: testPool, GenerateSecret: true, SecretsManagerSecretId: secretID,
		}})
		_, policies := statements(synth(stack), "secretsmanager")
		if len(policies) != 1 {
			t.Fatalf("%s: want one policy granting the secret, got %v", name, policies)
		}
		return policies[0]
	}
	before, again, moved := policyOf("Before", testSecretARN), policyOf("Again", testSecretARN), policyOf("Moved", other)
	if before != again {
		t.Errorf("the same secret got another policy: %s, %s", before, again)
	}
	if before == moved {
		t.Errorf("another secret kept the policy %s: a move would lose the old secret's grant before the function reads it", before)
	}
}
