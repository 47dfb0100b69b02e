package localrun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognito-cfn/userpoolclient/internal/localcognito"
)

// Region is the region every local client and the emulated function use.
const Region = "us-east-1"

// Fake static credentials: moto accepts any, and they keep the SDK from
// looking for real ones.
const (
	fakeAccessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	fakeSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// EndpointEnv is the AWS SDK's standard variable for the Cognito user pools
// endpoint (service ID "Cognito Identity Provider").
const EndpointEnv = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"

// GeneralEndpointEnv is the AWS SDK's standard variable for the endpoint of every service.
// The local Cognito serves Secrets Manager (and whatever else moto serves) on the same URL.
const GeneralEndpointEnv = "AWS_ENDPOINT_URL"

// motoStartTimeout bounds moto's startup: it is ready in about 0.5 s on a quiet machine, and
// importing moto takes Python seconds of CPU on a loaded one. The bound only matters when
// moto cannot start at all.
const motoStartTimeout = time.Minute

// Moto is a moto_server process on a free loopback port, behind the local Cognito
// (internal/localcognito), which makes it behave as Cognito and Secrets Manager document where
// moto alone does not. URL is the local Cognito's; BackendURL is moto's own.
type Moto struct {
	proc    *child
	layer   *localcognito.Server
	url     string
	backend string
	client  *cognitoidentityprovider.Client
	stopErr error
	once    sync.Once
}

// StartMoto starts `moto_server -H 127.0.0.1 -p PORT` on a free port and
// waits until it answers. ctx bounds the startup only; the server runs until
// Stop. moto_server must be on PATH (exec.ErrNotFound otherwise).
func StartMoto(ctx context.Context) (*Moto, error) {
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		return nil, fmt.Errorf("start moto: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, motoStartTimeout)
	defer cancel()
	for attempt := 1; ; attempt++ {
		m, err := startMotoOnce(ctx, bin)
		if err == nil {
			return m, nil
		}
		if attempt == startAttempts || ctx.Err() != nil {
			return nil, err
		}
	}
}

func startMotoOnce(ctx context.Context, bin string) (*Moto, error) {
	ports, err := freePorts(1)
	if err != nil {
		return nil, err
	}
	port := strconv.Itoa(ports[0])
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", port)
	// moto needs its Python environment (pyenv shims and the like) but never
	// AWS settings.
	cmd.Env = envList(envWithoutAWS())
	p, err := startChild(cmd)
	if err != nil {
		return nil, fmt.Errorf("start moto: %w", err)
	}
	m := &Moto{proc: p, backend: "http://127.0.0.1:" + port}
	if err := p.waitReady(ctx, "moto", m.answers); err != nil {
		_ = p.stop(syscall.SIGKILL, 0)
		return nil, err
	}
	m.layer, err = localcognito.Start(m.backend, localcognito.Options{})
	if err != nil {
		_ = p.stop(syscall.SIGKILL, 0)
		return nil, err
	}
	m.url = m.layer.URL()
	m.client = newCognitoClient(m.url)
	return m, nil
}

// answers reports whether moto's own API answers.
func (m *Moto) answers(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.backend+"/moto-api/", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode == http.StatusOK
}

// URL is the local Cognito's base URL, http://127.0.0.1:PORT: the value for
// AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) or an SDK client's
// BaseEndpoint. It serves Secrets Manager too.
func (m *Moto) URL() string { return m.url }

// BackendURL is moto's own base URL, without the local Cognito: for tests that compare the
// two.
func (m *Moto) BackendURL() string { return m.backend }

// Env returns the environment that points an AWS SDK's Cognito user pools and Secrets Manager
// clients at the local Cognito.
func (m *Moto) Env() map[string]string {
	return map[string]string{EndpointEnv: m.url, GeneralEndpointEnv: m.url}
}

// Logs returns moto's output so far (one line per request).
func (m *Moto) Logs() string { return m.proc.logs.String() }

// PID is the moto_server process ID.
func (m *Moto) PID() int { return m.proc.pid() }

// Reset wipes every resource moto holds, and what the local Cognito holds
// (POST /moto-api/reset).
func (m *Moto) Reset(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.url+"/moto-api/reset", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("reset moto: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("reset moto: HTTP %d: %s", resp.StatusCode, body)
	}
	return nil
}

// Cognito returns an SDK client for the Cognito user pools API pointed at
// this server (BaseEndpoint), in us-east-1, with static fake credentials.
func (m *Moto) Cognito() *cognitoidentityprovider.Client { return m.client }

// CreateUserPool creates a user pool named name and returns its ID
// (us-east-1_xxxxxxxxx).
func (m *Moto) CreateUserPool(ctx context.Context, name string) (string, error) {
	out, err := m.client.CreateUserPool(ctx, &cognitoidentityprovider.CreateUserPoolInput{
		PoolName: aws.String(name),
	})
	if err != nil {
		return "", fmt.Errorf("create user pool %s: %w", name, err)
	}
	if out.UserPool == nil || aws.ToString(out.UserPool.Id) == "" {
		return "", errors.New("create user pool: no pool ID in the answer")
	}
	return aws.ToString(out.UserPool.Id), nil
}

// LastRequest returns the body of the last request of op (UpdateUserPoolClient and the like)
// on pool that reached the local Cognito, as the caller's SDK sent it.
func (m *Moto) LastRequest(pool, op string) (json.RawMessage, bool) {
	return m.layer.LastRequest(pool, op)
}

// CreateResourceServer makes a resource server with the given scopes in pool, so that
// clients can be given its identifier/scope scopes (the local Cognito, like Cognito, refuses a
// scope of a resource server that does not exist).
func (m *Moto) CreateResourceServer(ctx context.Context, pool, identifier string, scopes ...string) error {
	in := &cognitoidentityprovider.CreateResourceServerInput{
		UserPoolId: aws.String(pool), Identifier: aws.String(identifier), Name: aws.String(identifier),
	}
	for _, s := range scopes {
		in.Scopes = append(in.Scopes, types.ResourceServerScopeType{ScopeName: aws.String(s), ScopeDescription: aws.String(s)})
	}
	if _, err := m.client.CreateResourceServer(ctx, in); err != nil {
		return fmt.Errorf("create resource server %s in %s: %w", identifier, pool, err)
	}
	return nil
}

// Stop ends moto's process group and waits for it. It is safe to call more
// than once.
func (m *Moto) Stop() error {
	m.once.Do(func() {
		// moto keeps nothing worth a graceful shutdown, which costs about
		// 0.5 s of every test run.
		_ = m.layer.Close()
		m.stopErr = m.proc.stop(syscall.SIGKILL, 2*time.Second)
		if m.stopErr != nil {
			m.stopErr = fmt.Errorf("stop moto: %w", m.stopErr)
		}
	})
	return m.stopErr
}

func newCognitoClient(endpoint string) *cognitoidentityprovider.Client {
	return cognitoidentityprovider.NewFromConfig(localAWSConfig(), func(o *cognitoidentityprovider.Options) {
		o.BaseEndpoint = aws.String(endpoint)
	})
}
