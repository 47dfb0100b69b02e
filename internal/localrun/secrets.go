package localrun

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// SecretsManager returns a Secrets Manager client for the local endpoint, which serves
// Secrets Manager beside Cognito.
func (m *Moto) SecretsManager() *secretsmanager.Client {
	return secretsmanager.NewFromConfig(localAWSConfig(), func(o *secretsmanager.Options) {
		o.BaseEndpoint = aws.String(m.url)
	})
}

// localAWSConfig is the SDK configuration of every local client: the local region and fake
// static credentials, so that nothing reaches for a profile or instance metadata.
func localAWSConfig() aws.Config {
	return aws.Config{
		Region:      Region,
		Credentials: credentials.NewStaticCredentialsProvider(fakeAccessKeyID, fakeSecretAccessKey, ""),
	}
}
