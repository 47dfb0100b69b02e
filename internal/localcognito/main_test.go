package localcognito_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localcognito"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
)

// moto is the one moto_server of the package; each test starts its own layer in front of
// moto's own URL, with its own clock, and works in pools of its own.
var moto *localrun.Moto

func TestMain(m *testing.M) {
	os.Exit(testrig.Run(m, testrig.Suite{
		Name:  "internal/localcognito",
		Needs: []testrig.Tool{testrig.Moto},
		Setup: func(ctx context.Context) (func() error, error) {
			var err error
			moto, err = localrun.StartMoto(ctx)
			if err != nil {
				return nil, err
			}
			return moto.Stop, nil
		},
	}))
}

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// rig is a layer in front of moto with a test clock, and SDK clients for it and for moto.
type rig struct {
	layer *localcognito.Server
	clock *clock
	idp   *cip.Client // through the layer
	moto  *cip.Client // moto alone
}

// secretNames makes each secret name of a run new: moto keeps its secrets for the whole test
// binary, and `go test -count=N` runs every test N times in it.
var secretNames atomic.Int64

// secretName is name with a suffix no earlier secret of this test binary has.
func secretName(name string) string {
	return fmt.Sprintf("%s-%d", name, secretNames.Add(1))
}

func newRig(t *testing.T) *rig {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)}
	l, err := localcognito.Start(moto.BackendURL(), localcognito.Options{Now: c.now})
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return &rig{layer: l, clock: c, idp: cognito(l.URL()), moto: cognito(moto.BackendURL())}
}

func cognito(endpoint string) *cip.Client {
	return cip.NewFromConfig(aws.Config{
		Region:           localrun.Region,
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		RetryMaxAttempts: 1,
	}, func(o *cip.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

func (r *rig) pool(t *testing.T) string {
	t.Helper()
	out, err := r.idp.CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String(t.Name())})
	require.NoError(t, err)
	return aws.ToString(out.UserPool.Id)
}

// apiCode is the error code of a service error.
func apiCode(t *testing.T, err error) string {
	t.Helper()
	require.Error(t, err)
	var ae interface{ ErrorCode() string }
	require.True(t, errors.As(err, &ae), "not a service error: %v", err)
	return ae.ErrorCode()
}

// rawCall sends one JSON 1.1 request (Secrets Manager, for which the module has no SDK) and
// decodes the answer into out; it returns the HTTP status and the error code of a failure.
func rawCall(t *testing.T, endpoint, target string, in, out any) (int, string) {
	t.Helper()
	b, err := json.Marshal(in)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, endpoint+"/", bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Type string `json:"__type"`
		}
		_ = json.Unmarshal(body, &e)
		return resp.StatusCode, e.Type
	}
	if out != nil {
		require.NoError(t, json.Unmarshal(body, out), "%s", body)
	}
	return resp.StatusCode, ""
}
