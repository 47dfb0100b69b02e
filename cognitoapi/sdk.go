package cognitoapi

import (
	"context"
	"log/slog"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// Load returns a function that loads the AWS SDK configuration on first use (the
// standard chain: region, credentials, and AWS_ENDPOINT_URL /
// AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER for local endpoints) and keeps the client for
// the warm instance. A failure is returned to the invocation, which answers FAILED, and is
// tried again on the next one.
func Load(log *slog.Logger, policy RetryPolicy, opts ...func(*config.LoadOptions) error) func(context.Context) (*Adapter, error) {
	var mu sync.Mutex
	var cached *Adapter
	return func(ctx context.Context) (*Adapter, error) {
		mu.Lock()
		defer mu.Unlock()
		if cached != nil {
			return cached, nil
		}
		opts := append([]func(*config.LoadOptions) error{
			// One retry loop, ours: it knows Cognito's errors and the deadline.
			config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
		}, opts...)
		cfg, err := config.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return nil, err
		}
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return nil, err
		}
		cached = New(cip.NewFromConfig(cfg), log, policy)
		return cached, nil
	}
}
