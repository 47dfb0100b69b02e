package faultproxy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const pool = "us-east-1_proxytest"

// backend stands in for moto: it answers every operation with a client and counts the
// requests it saw.
type backend struct {
	*httptest.Server
	calls atomic.Int64
}

func newBackend(t *testing.T) *backend {
	b := &backend{}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.calls.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_, _ = io.WriteString(w, `{"UserPoolClient":{"ClientId":"1example23456789","ClientName":"web","UserPoolId":"`+pool+`"}}`)
	}))
	t.Cleanup(b.Close)
	return b
}

func start(t *testing.T) (*Proxy, *backend, *cip.Client) {
	t.Helper()
	b := newBackend(t)
	p, err := Start(b.URL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = p.Close() })
	return p, b, sdkClient(p.URL())
}

// sdkClient is the real SDK client with its retryer off, so one call is one request.
func sdkClient(endpoint string) *cip.Client {
	return cip.New(cip.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "test", ""),
		BaseEndpoint: aws.String(endpoint),
		Retryer:      aws.NopRetryer{},
	})
}

func create(ctx context.Context, c *cip.Client, poolID string) error {
	_, err := c.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(poolID), ClientName: aws.String("web")})
	return err
}

// TestFaultsAreTheSDKsTypedErrors: each fault reaches the real SDK as the error the service
// would give, the typed one where the operation's model declares it (ConcurrentModification
// only on Update and Delete) and otherwise a generic API error carrying the code, as an IAM
// AccessDeniedException does.
func TestFaultsAreTheSDKsTypedErrors(t *testing.T) {
	p, b, c := start(t)
	update := func(ctx context.Context) error {
		_, err := c.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String("1example23456789")})
		return err
	}
	createIn := func(ctx context.Context) error { return create(ctx, c, pool) }
	for name, tc := range map[string]struct {
		fault Fault
		op    string
		call  func(context.Context) error
		typed any // a pointer to the typed error; nil: a *smithy.GenericAPIError
	}{
		"TooManyRequests":        {Throttle, "CreateUserPoolClient", createIn, new(*types.TooManyRequestsException)},
		"ConcurrentModification": {ConcurrentModification, "UpdateUserPoolClient", update, new(*types.ConcurrentModificationException)},
		"InternalError":          {InternalError, "CreateUserPoolClient", createIn, new(*types.InternalErrorException)},
		"LimitExceeded":          {LimitExceeded, "CreateUserPoolClient", createIn, new(*types.LimitExceededException)},
		"ScopeDoesNotExist":      {ScopeDoesNotExist, "CreateUserPoolClient", createIn, new(*types.ScopeDoesNotExistException)},
		"ProviderDoesNotExist":   {ProviderDoesNotExist, "CreateUserPoolClient", createIn, new(*types.InvalidParameterException)},
		"NotAuthorized":          {NotAuthorized, "CreateUserPoolClient", createIn, new(*types.NotAuthorizedException)},
		"AccessDenied":           {AccessDenied, "CreateUserPoolClient", createIn, nil},
		"InvalidParameter":       {InvalidParameter, "UpdateUserPoolClient", update, new(*types.InvalidParameterException)},
		"InvalidOAuthFlow":       {InvalidOAuthFlow, "CreateUserPoolClient", createIn, new(*types.InvalidOAuthFlowException)},
		"ResourceNotFound":       {ResourceNotFound, "UpdateUserPoolClient", update, new(*types.ResourceNotFoundException)},
	} {
		t.Run(name, func(t *testing.T) {
			p.Add(Rule{Op: tc.op, Fault: tc.fault})
			err := tc.call(context.Background())
			require.Error(t, err)
			if tc.typed != nil {
				assert.True(t, errors.As(err, tc.typed), "%v is not %T", err, tc.typed)
			} else {
				var generic *smithy.GenericAPIError
				assert.ErrorAs(t, err, &generic)
			}
			var api smithy.APIError
			require.True(t, errors.As(err, &api))
			assert.Equal(t, tc.fault.Code(), api.ErrorCode())
			assert.Equal(t, tc.fault.Message(pool), api.ErrorMessage())
			var re *smithyhttp.ResponseError
			require.True(t, errors.As(err, &re))
			assert.Equal(t, tc.fault.Status(), re.HTTPStatusCode())
		})
	}
	assert.Zero(t, b.calls.Load(), "no fault reached the backend")
	assert.Contains(t, ProviderDoesNotExist.Message(pool), "does not exist for User Pool "+pool)
}

func TestTimesThenForward(t *testing.T) {
	p, b, c := start(t)
	p.Add(Rule{Op: "CreateUserPoolClient", Times: 3, Fault: Throttle, Message: "slow down"})
	for i := range 3 {
		err := create(context.Background(), c, pool)
		var api smithy.APIError
		require.True(t, errors.As(err, &api), "call %d: %v", i, err)
		assert.Equal(t, "slow down", api.ErrorMessage())
	}
	require.NoError(t, create(context.Background(), c, pool))
	assert.Equal(t, Counts{Received: 4, Forwarded: 1, Injected: 3}, p.Calls(pool, "CreateUserPoolClient"))
	assert.Equal(t, int64(1), b.calls.Load())
}

func TestForeverAndRemove(t *testing.T) {
	p, _, c := start(t)
	remove := p.Add(Rule{Op: "CreateUserPoolClient", Times: -1, Fault: InternalError})
	for range 5 {
		require.Error(t, create(context.Background(), c, pool))
	}
	remove()
	require.NoError(t, create(context.Background(), c, pool))
}

func TestRulesMatchTheirOperationAndPool(t *testing.T) {
	p, _, c := start(t)
	p.Add(Rule{Op: "DeleteUserPoolClient", Fault: NotAuthorized}, Rule{Pool: "us-east-1_other", Fault: Throttle, Times: -1})
	require.NoError(t, create(context.Background(), c, pool), "another operation passes")
	require.Error(t, create(context.Background(), c, "us-east-1_other"), "the other pool's rule applies to any operation")
	_, err := c.DeleteUserPoolClient(context.Background(), &cip.DeleteUserPoolClientInput{UserPoolId: aws.String(pool), ClientId: aws.String("x")})
	var denied *types.NotAuthorizedException
	require.ErrorAs(t, err, &denied)
	assert.Equal(t, Stats{
		"CreateUserPoolClient": {Received: 1, Forwarded: 1},
		"DeleteUserPoolClient": {Received: 1, Injected: 1},
	}, p.Stats(pool))
}

func TestAfterForwardTheCallTookEffect(t *testing.T) {
	t.Run("fault", func(t *testing.T) {
		p, b, c := start(t)
		p.Add(Rule{Op: "CreateUserPoolClient", AfterForward: true, Fault: InternalError})
		var ie *types.InternalErrorException
		require.ErrorAs(t, create(context.Background(), c, pool), &ie)
		assert.Equal(t, int64(1), b.calls.Load(), "the backend did the work")
		assert.Equal(t, Counts{Received: 1, Forwarded: 1, Injected: 1}, p.Calls(pool, "CreateUserPoolClient"))
	})
	t.Run("reset", func(t *testing.T) {
		p, b, c := start(t)
		p.Add(Rule{Op: "CreateUserPoolClient", AfterForward: true, Reset: true})
		err := create(context.Background(), c, pool)
		require.Error(t, err)
		var api smithy.APIError
		assert.False(t, errors.As(err, &api), "a reset is a transport error, not an API error: %v", err)
		assert.Equal(t, int64(1), b.calls.Load())
	})
}

func TestResetBeforeForwarding(t *testing.T) {
	p, b, c := start(t)
	p.Add(Rule{Op: "CreateUserPoolClient", Reset: true})
	err := create(context.Background(), c, pool)
	require.Error(t, err)
	assert.Zero(t, b.calls.Load())
	require.NoError(t, create(context.Background(), c, pool), "the next call goes through")
}

func TestHangEndsWhenTheClientLeaves(t *testing.T) {
	p, b, c := start(t)
	p.Add(Rule{Op: "CreateUserPoolClient", Hang: true, Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	began := time.Now()
	err := create(ctx, c, pool)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(began), 2*time.Second)
	assert.Zero(t, b.calls.Load())
	// The proxy's handler has returned: a later Close does not wait for it.
	closed := make(chan error, 1)
	go func() { closed <- p.Close() }()
	select {
	case <-closed:
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not return")
	}
}

func TestHangEndsWhenTheProxyCloses(t *testing.T) {
	p, _, c := start(t)
	p.Add(Rule{Op: "CreateUserPoolClient", Hang: true, AfterForward: true})
	done := make(chan error, 1)
	go func() { done <- create(context.Background(), c, pool) }()
	require.Eventually(t, func() bool { return p.Calls(pool, "CreateUserPoolClient").Injected == 1 }, 2*time.Second, 5*time.Millisecond)
	require.NoError(t, p.Close())
	select {
	case err := <-done:
		require.Error(t, err, "the hanging call ends with the proxy")
	case <-time.After(3 * time.Second):
		t.Fatal("the hanging call outlived the proxy")
	}
}

func TestLatency(t *testing.T) {
	p, b, c := start(t)
	p.Add(Rule{Op: "CreateUserPoolClient", Latency: 150 * time.Millisecond})
	began := time.Now()
	require.NoError(t, create(context.Background(), c, pool))
	assert.GreaterOrEqual(t, time.Since(began), 150*time.Millisecond)
	assert.Equal(t, int64(1), b.calls.Load())
}

func TestRateLimitPerPool(t *testing.T) {
	p, _, c := start(t)
	p.SetRateLimit("", 5, 5)
	clock := time.Now()
	p.limits.now = func() time.Time { return clock }
	for i := range 5 {
		require.NoError(t, create(context.Background(), c, pool), "call %d is within the burst", i)
	}
	var throttled *types.TooManyRequestsException
	require.ErrorAs(t, create(context.Background(), c, pool), &throttled)
	require.NoError(t, create(context.Background(), c, "us-east-1_other"), "another pool has its own bucket")

	clock = clock.Add(200 * time.Millisecond) // one token back at 5 a second
	require.NoError(t, create(context.Background(), c, pool))
	require.ErrorAs(t, create(context.Background(), c, pool), &throttled)
	assert.Equal(t, Counts{Received: 8, Forwarded: 6, Throttled: 2}, p.Calls(pool, "CreateUserPoolClient"))

	p.SetRateLimit("", 0, 0)
	require.NoError(t, create(context.Background(), c, pool), "no limit any more")
}

func TestBackendDownIsABadGateway(t *testing.T) {
	p, err := Start("http://127.0.0.1:1")
	require.NoError(t, err)
	defer p.Close()
	err = create(context.Background(), sdkClient(p.URL()), pool)
	var re *smithyhttp.ResponseError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusBadGateway, re.HTTPStatusCode())
}

func TestStartRejectsARelativeBackend(t *testing.T) {
	_, err := Start("127.0.0.1:4566")
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "not an absolute URL"))
}
