package cdk

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// StorageKMSActions are what the provider function needs on the customer-managed KMS key of a
// storage secret, through Secrets Manager only: GetSecretValue decrypts, PutSecretValue
// generates a data key (and decrypts).
var StorageKMSActions = []string{"kms:Decrypt", "kms:GenerateDataKey"}

// storage is where a client's credentials go (SecretsManagerSecretId): the secret as given,
// or the model's string, turned into a secret when the construct exists.
type storage struct {
	secret awssecretsmanager.ISecret // given as a secret
	id     string                    // given as the model's string, when secret is nil
	path   string                    // the prop that gave it, for messages
}

func (s storage) given() bool { return s.secret != nil || s.id != "" }

// completeARN is a secret ARN that ends in the six characters Secrets Manager appends to the
// name.
var completeARN = regexp.MustCompile(`^arn:[\w-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+-[A-Za-z0-9]{6}$`)

// resolve returns the storage as a secret, importing the model's string under scope: a token
// is taken as the secret's complete ARN (a template's !Ref of the secret), a literal ARN as
// complete or partial by its form, anything else as a secret name.
func (s storage) resolve(scope constructs.Construct) awssecretsmanager.ISecret {
	switch {
	case s.secret != nil || s.id == "":
		return s.secret
	case isUnresolved(s.id) || completeARN.MatchString(s.id):
		return awssecretsmanager.Secret_FromSecretCompleteArn(scope, jsii.String("StorageSecret"), jsii.String(s.id))
	case strings.HasPrefix(s.id, "arn:"):
		return awssecretsmanager.Secret_FromSecretPartialArn(scope, jsii.String("StorageSecret"), jsii.String(s.id))
	}
	return awssecretsmanager.Secret_FromSecretNameV2(scope, jsii.String("StorageSecret"), jsii.String(s.id))
}

// secretPolicyARN is the ARN an IAM policy must name to cover secret and nothing else: its
// complete ARN, or, when only a name or partial ARN is known, that followed by the six
// characters Secrets Manager appends (as CDK's own grants on such a secret do).
func secretPolicyARN(secret awssecretsmanager.ISecret) *string {
	if full := secret.SecretFullArn(); full != nil {
		return full
	}
	return jsii.String(*secret.SecretArn() + "-??????")
}

// grantStorage grants the provider function exactly userpoolclient.SecretsManagerIAMActions
// on the one storage secret, and StorageKMSActions through Secrets Manager on its KMS key
// when it has one, in a policy of the client's own that the resource depends on: the grant
// exists before the function writes and lasts until the client's Delete (CloudFormation
// deletes a removed client before its policy). Its construct ID follows the secret, so that
// a change of secret is a new policy next to the old one: the function can still read the old
// secret while it copies the live versions out of it, and while a rollback copies them back.
func grantStorage(scope constructs.Construct, p *Provider, secret awssecretsmanager.ISecret, resource awscdk.CustomResource) {
	statements := []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(userpoolclient.SecretsManagerIAMActions...),
		Resources: &[]*string{secretPolicyARN(secret)},
	})}
	if key := secret.EncryptionKey(); key != nil {
		// On the role's policy, as CDK grants a key of the same account. A key of another
		// account also needs its key policy to allow the role: that is its owner's to give.
		statements = append(statements, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings(StorageKMSActions...),
			Resources: &[]*string{key.KeyArn()},
			Conditions: &map[string]any{"StringEquals": map[string]any{
				"kms:ViaService": fmt.Sprintf("secretsmanager.%s.amazonaws.com", *awscdk.Stack_Of(scope).Region()),
			}},
		}))
	}
	policy := awsiam.NewPolicy(scope, jsii.String("StorageGrant"+secretKey(secret)), &awsiam.PolicyProps{
		Roles:      &[]awsiam.IRole{p.function.Role()},
		Statements: &statements,
	})
	resource.Node().AddDependency(policy)
}

// secretKey tells secrets apart in a construct ID: a digest of the secret's construct path
// and, when it is a literal, its ARN.
func secretKey(secret awssecretsmanager.ISecret) string {
	id := *secret.Node().Path()
	if arn := *secret.SecretArn(); !isUnresolved(arn) {
		id += "|" + arn
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:4])
}

// storageMetadata marks, in its node's metadata, a secret made by [NewStorageSecret].
const storageMetadata = "userpoolclient:storage-secret"

// NewStorageSecret creates a secret fit to receive a client's credentials: an
// awssecretsmanager.Secret created empty (CDK's Secret always has a value otherwise: a
// generated password unless one is given), which the provider function refuses to write
// over. props are as for awssecretsmanager.NewSecret (a description, a name, a KMS key, a
// removal policy); a value or a generator in them is a validation error of the secret, as
// is a rotation schedule added to it. The props are copied, never modified.
//
// Keep the secret when the client is retained (RemovalPolicy RETAIN on both): it holds the
// client's credentials.
func NewStorageSecret(scope constructs.Construct, id string, props *awssecretsmanager.SecretProps) awssecretsmanager.Secret {
	var p awssecretsmanager.SecretProps
	if props != nil {
		p = *props
	}
	var issues []userpoolclient.Issue
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"GenerateSecretString", p.GenerateSecretString != nil},
		{"SecretStringValue", p.SecretStringValue != nil},
		{"SecretObjectValue", p.SecretObjectValue != nil},
		//lint:ignore SA1019 a deprecated way to give a value is still a value to refuse
		{"SecretStringBeta1", p.SecretStringBeta1 != nil},
	} {
		if f.set {
			issues = append(issues, userpoolclient.Issue{Path: f.name,
				Message: "must be unset: the secret is created empty, and the provider function writes the client's credentials into it"})
		}
	}
	//lint:ignore SA1019 as above: cleared with the others
	p.GenerateSecretString, p.SecretStringValue, p.SecretObjectValue, p.SecretStringBeta1 = nil, nil, nil, nil
	secret := awssecretsmanager.NewSecret(scope, jsii.String(id), &p)
	// CDK generates a value when given none; the secret must have none.
	secret.Node().DefaultChild().(awscdk.CfnResource).AddPropertyDeletionOverride(jsii.String("GenerateSecretString"))
	secret.Node().AddMetadata(jsii.String(storageMetadata), jsii.String("empty"), nil)
	report(secret, issues)
	return secret
}

// storageSecretIssues are what makes a secret of this app unfit for storage, found at synth
// time (the app may add a rotation schedule after the client): a value CDK creates it with,
// or a rotation schedule of its own. A secret imported from elsewhere is checked by the
// provider function at deploy time.
func storageSecretIssues(path string, secret awssecretsmanager.ISecret) []userpoolclient.Issue {
	var issues []userpoolclient.Issue
	name := *secret.Node().Path()
	marked := false
	for _, m := range *secret.Node().Metadata() {
		marked = marked || *m.Type == storageMetadata
	}
	if cfn, ok := secret.Node().DefaultChild().(awssecretsmanager.CfnSecret); ok && !marked &&
		(cfn.GenerateSecretString() != nil || cfn.SecretString() != nil) {
		issues = append(issues, userpoolclient.Issue{Path: path, Message: fmt.Sprintf(
			"the secret %s is created with a value (a generated password unless one is given), and the provider function stores only into an empty secret: make it with cdk.NewStorageSecret", name)})
	}
	for _, c := range *secret.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		// By the CloudFormation type: Go's interfaces cannot tell CDK's classes apart.
		if !*awscdk.CfnResource_IsCfnResource(c) || *c.(awscdk.CfnResource).CfnResourceType() != "AWS::SecretsManager::RotationSchedule" {
			continue
		}
		issues = append(issues, userpoolclient.Issue{Path: path, Message: fmt.Sprintf(
			"the secret %s has a rotation schedule of its own (%s): rotate the client's secret with SecretSerial instead",
			name, strings.TrimSuffix(*c.Node().Path(), "/Resource"))})
	}
	return issues
}

// storageSecretIssue is the refusal of ClientSecret on a client with storage.
func storageSecretIssue(path string) userpoolclient.Issue {
	return userpoolclient.Issue{Path: path, Message: "the client's secret was asked for (ClientSecret or UserPoolClientSecret), " +
		"but a client with storage returns none (the secret never passes through CloudFormation): read it from the storage secret, Secret()"}
}
