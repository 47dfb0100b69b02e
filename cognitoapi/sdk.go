package cognitoapi

import (
	"context"
	"log/slog"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// ConfigLoader gives the AWS SDK configuration an invocation's clients are made from.
type ConfigLoader func(context.Context) (aws.Config, error)

// LoadConfig returns a ConfigLoader that loads the AWS SDK configuration on first use (the
// standard chain: region, credentials, and AWS_ENDPOINT_URL or a service's own
// AWS_ENDPOINT_URL_* for local endpoints), with the SDK's own retryer off (the adapters' loop
// is the one retry loop: it knows Cognito's errors and the deadline) and the credentials
// retrieved, so that a failure shows here. It keeps the configuration for the warm instance,
// for every client made from it: Cognito's and Secrets Manager's load it once. A failure is
// returned to the invocation, which answers FAILED, and is tried again on the next one.
func LoadConfig(opts ...func(*config.LoadOptions) error) ConfigLoader {
	var mu sync.Mutex
	var cached *aws.Config
	return func(ctx context.Context) (aws.Config, error) {
		mu.Lock()
		defer mu.Unlock()
		if cached != nil {
			return *cached, nil
		}
		opts := append([]func(*config.LoadOptions) error{
			config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
		}, opts...)
		cfg, err := config.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return aws.Config{}, err
		}
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return aws.Config{}, err
		}
		cached = &cfg
		return cfg, nil
	}
}

// Load returns a function that makes the adapter from the configuration cfg gives, once cfg
// has one, and keeps it for the warm instance; until then it returns cfg's error.
func Load(log *slog.Logger, policy RetryPolicy, cfg ConfigLoader) func(context.Context) (*Adapter, error) {
	var once sync.Once
	var a *Adapter
	return func(ctx context.Context) (*Adapter, error) {
		c, err := cfg(ctx)
		if err != nil {
			return nil, err
		}
		once.Do(func() { a = New(cip.NewFromConfig(c), log, policy) })
		return a, nil
	}
}
