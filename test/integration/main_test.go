package integration

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go/middleware"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	fx "github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/provider"
)

var (
	moto    *localrun.Moto
	catcher *localrun.Catcher
)

func TestMain(m *testing.M) {
	os.Exit(testrig.Run(m, testrig.Suite{
		Name:  "test/integration",
		Needs: []testrig.Tool{testrig.Moto},
		Setup: func(ctx context.Context) (func() error, error) {
			// The function finds moto only through the SDK's standard variables.
			local, err := testrig.StartLocal(ctx, false)
			if err != nil {
				return nil, err
			}
			moto, catcher = local.Moto, local.Catcher
			return local.Close, nil
		},
	}))
}

// callCounter counts the Cognito calls the function makes, by operation. The SDK's
// own retryer is off (the adapter owns retries), so one operation call is one request.
type callCounter struct {
	mu     sync.Mutex
	calls  map[string]int
	inputs map[string]any
}

// last is the input of the latest call of op.
func (c *callCounter) last(op string) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inputs[op]
}

func (c *callCounter) middleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("countCalls",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			c.mu.Lock()
			c.calls[awsmiddleware.GetOperationName(ctx)]++
			c.inputs[awsmiddleware.GetOperationName(ctx)] = in.Parameters
			c.mu.Unlock()
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

func (c *callCounter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.calls
	c.calls = map[string]int{}
	return out
}

// fixture is one handler (one warm instance) with its own pool and log.
type fixture struct {
	t     *testing.T
	h     *provider.Handler
	calls *callCounter
	log   *slog.Logger
	logs  *localrun.LogBuffer
	pool  string
	stack string
	seq   atomic.Int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, calls: &callCounter{calls: map[string]int{}, inputs: map[string]any{}}}
	f.log, f.logs = fx.NewLogger()
	log := f.log
	f.h = provider.New(provider.Config{
		Cognito: provider.SDKCognito(log, provider.DefaultRetryPolicy,
			provider.SDKConfig(config.WithAPIOptions([]func(*middleware.Stack) error{f.calls.middleware}))),
		Sender:         &cfnresponse.Sender{Logger: log},
		Logger:         log,
		DefaultTimeout: 30 * time.Second,
	})
	f.pool = f.newPool()
	f.stack = testrig.StackID(t, "it-")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("function logs:\n%s", f.logs.String())
		}
		// Guarantee 6: no presigned signature and no secret in any log line.
		require.NotContains(t, f.logs.String(), "X-Amz-Signature=")
	})
	return f
}

func (f *fixture) newPool() string {
	return testrig.NewPool(f.t, moto, "it-")
}

// request is the part of a CloudFormation request a test chooses.
type request = testrig.Request

// send delivers r to the handler as CloudFormation would and returns the one response.
func (f *fixture) send(r request) localrun.Response {
	f.t.Helper()
	if r.RequestID == "" {
		r.RequestID = fmt.Sprintf("req-%d", f.seq.Add(1))
	}
	r.StackID = f.stack
	url := catcher.NewURL()
	r.ResponseURL = url
	payload, err := r.Event()
	require.NoError(f.t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := f.h.Invoke(ctx, payload)
	require.NoError(f.t, err)
	require.Nil(f.t, out)
	got, err := catcher.Wait(ctx, url)
	require.NoError(f.t, err)
	require.Equal(f.t, 1, got.PUTs, "exactly one response per request")
	require.NoError(f.t, got.DecodeErr)
	require.LessOrEqual(f.t, len(got.Body), cfnresponse.MaxBodyBytes)
	require.Empty(f.t, got.Header.Get("Content-Type"))
	resp := got.Response
	require.Equal(f.t, f.stack, resp.StackID)
	require.Equal(f.t, r.RequestID, resp.RequestID)
	require.Equal(f.t, r.LogicalID, resp.LogicalResourceID)
	require.NotEmpty(f.t, resp.PhysicalResourceID)
	if resp.Status == "FAILED" {
		require.NotEmpty(f.t, resp.Reason)
	}
	if secret := resp.Data["ClientSecret"]; secret != "" {
		require.True(f.t, resp.NoEcho, "a response carrying a secret sets NoEcho")
		require.NotContains(f.t, f.logs.String(), secret, "a client secret reached the logs")
	}
	return resp
}

func (f *fixture) describe(pool, id string) (*types.UserPoolClientType, error) {
	out, err := moto.Cognito().DescribeUserPoolClient(context.Background(), &cip.DescribeUserPoolClientInput{UserPoolId: &pool, ClientId: &id})
	if err != nil {
		return nil, err
	}
	return out.UserPoolClient, nil
}

func (f *fixture) clients(pool string) []string {
	return testrig.ClientIDs(f.t, moto.Cognito(), pool)
}
