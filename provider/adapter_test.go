package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// SDK operation names, as counted by fakeAPI.
const (
	opCreate   = "CreateUserPoolClient"
	opUpdate   = "UpdateUserPoolClient"
	opDelete   = "DeleteUserPoolClient"
	opDescribe = "DescribeUserPoolClient"
	opList     = "ListUserPoolClients"
)

// apiError builds an error the way the SDK returns a Cognito error response.
func apiError(op, code, message string, status int) error {
	return &smithy.OperationError{
		ServiceID:     "Cognito Identity Provider",
		OperationName: op,
		Err: &awshttp.ResponseError{
			ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
				Err:      &smithy.GenericAPIError{Code: code, Message: message},
			},
			RequestID: "4b5e7f2a-0000-0000-0000-000000000000",
		},
	}
}

// networkError builds an error the way the SDK returns a connection failure.
func networkError(op string) error {
	return &smithy.OperationError{
		ServiceID: "Cognito Identity Provider", OperationName: op,
		Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")},
	}
}

// fakeAPI is a scripted Cognito SDK client: it keeps clients in memory, counts calls per
// operation, and fails the n-th call of an operation as script says, either before the call
// takes effect (fail) or after (failAfter, an ambiguous failure).
type fakeAPI struct {
	mu        sync.Mutex
	clients   []*types.UserPoolClientType
	calls     map[string]int
	fail      func(op string, n int) error
	failAfter func(op string, n int) error
	pageSize  int
	nextID    int
	tokens    []*string // the NextToken of every List call
	creates   []*cip.CreateUserPoolClientInput
	updates   []*cip.UpdateUserPoolClientInput
}

func newFakeAPI() *fakeAPI { return &fakeAPI{calls: map[string]int{}, pageSize: 60} }

// begin counts a call; the error, when not nil, ends it before it takes effect.
func (f *fakeAPI) begin(ctx context.Context, op string) (int, error) {
	f.mu.Lock()
	f.calls[op]++
	n, fail := f.calls[op], f.fail
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return n, &smithy.OperationError{ServiceID: "Cognito Identity Provider", OperationName: op, Err: &smithy.CanceledError{Err: err}}
	}
	if fail != nil {
		return n, fail(op, n)
	}
	return n, nil
}

func (f *fakeAPI) after(op string, n int) error {
	if f.failAfter == nil {
		return nil
	}
	return f.failAfter(op, n)
}

func (f *fakeAPI) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

// add stores a client; f.mu must be held.
func (f *fakeAPI) add(pool, name string, secret bool, created time.Time) *types.UserPoolClientType {
	f.nextID++
	c := &types.UserPoolClientType{
		ClientId: aws.String(fmt.Sprintf("sdkclient%04d", f.nextID)), ClientName: aws.String(name),
		UserPoolId: aws.String(pool), CreationDate: aws.Time(created),
	}
	if secret {
		c.ClientSecret = aws.String(fmt.Sprintf("sdksecret%04d", f.nextID))
	}
	f.clients = append(f.clients, c)
	return c
}

func (f *fakeAPI) seed(pool, name string, created time.Time) *types.UserPoolClientType {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.add(pool, name, false, created)
}

func (f *fakeAPI) find(pool, id string) (int, bool) {
	for i, c := range f.clients {
		if *c.UserPoolId == pool && *c.ClientId == id {
			return i, true
		}
	}
	return 0, false
}

func (f *fakeAPI) ids() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.clients {
		out = append(out, *c.ClientId)
	}
	return out
}

func notFound(op, id string) error {
	return apiError(op, "ResourceNotFoundException", "User pool client "+id+" does not exist.", 400)
}

func (f *fakeAPI) CreateUserPoolClient(ctx context.Context, in *cip.CreateUserPoolClientInput, _ ...func(*cip.Options)) (*cip.CreateUserPoolClientOutput, error) {
	n, err := f.begin(ctx, opCreate)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.creates = append(f.creates, in)
	c := f.add(*in.UserPoolId, *in.ClientName, in.GenerateSecret, time.Now())
	out := *c
	f.mu.Unlock()
	if err := f.after(opCreate, n); err != nil {
		return nil, err
	}
	return &cip.CreateUserPoolClientOutput{UserPoolClient: &out}, nil
}

func (f *fakeAPI) UpdateUserPoolClient(ctx context.Context, in *cip.UpdateUserPoolClientInput, _ ...func(*cip.Options)) (*cip.UpdateUserPoolClientOutput, error) {
	n, err := f.begin(ctx, opUpdate)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.updates = append(f.updates, in)
	i, ok := f.find(*in.UserPoolId, *in.ClientId)
	if !ok {
		f.mu.Unlock()
		return nil, notFound(opUpdate, *in.ClientId)
	}
	f.clients[i].ClientName = in.ClientName
	out := *f.clients[i]
	f.mu.Unlock()
	if err := f.after(opUpdate, n); err != nil {
		return nil, err
	}
	return &cip.UpdateUserPoolClientOutput{UserPoolClient: &out}, nil
}

func (f *fakeAPI) DeleteUserPoolClient(ctx context.Context, in *cip.DeleteUserPoolClientInput, _ ...func(*cip.Options)) (*cip.DeleteUserPoolClientOutput, error) {
	n, err := f.begin(ctx, opDelete)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	i, ok := f.find(*in.UserPoolId, *in.ClientId)
	if !ok {
		f.mu.Unlock()
		return nil, notFound(opDelete, *in.ClientId)
	}
	f.clients = slices.Delete(f.clients, i, i+1)
	f.mu.Unlock()
	if err := f.after(opDelete, n); err != nil {
		return nil, err
	}
	return &cip.DeleteUserPoolClientOutput{}, nil
}

func (f *fakeAPI) DescribeUserPoolClient(ctx context.Context, in *cip.DescribeUserPoolClientInput, _ ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error) {
	if _, err := f.begin(ctx, opDescribe); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i, ok := f.find(*in.UserPoolId, *in.ClientId)
	if !ok {
		return nil, notFound(opDescribe, *in.ClientId)
	}
	out := *f.clients[i]
	return &cip.DescribeUserPoolClientOutput{UserPoolClient: &out}, nil
}

func (f *fakeAPI) ListUserPoolClients(ctx context.Context, in *cip.ListUserPoolClientsInput, _ ...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error) {
	if _, err := f.begin(ctx, opList); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokens = append(f.tokens, in.NextToken)
	var pool []*types.UserPoolClientType
	for _, c := range f.clients {
		if *c.UserPoolId == *in.UserPoolId {
			pool = append(pool, c)
		}
	}
	start := 0
	if in.NextToken != nil {
		start, _ = strconv.Atoi(*in.NextToken)
	}
	size := min(f.pageSize, int(aws.ToInt32(in.MaxResults)))
	end := min(start+size, len(pool))
	out := &cip.ListUserPoolClientsOutput{}
	for _, c := range pool[start:end] {
		out.UserPoolClients = append(out.UserPoolClients, types.UserPoolClientDescription{
			ClientId: c.ClientId, ClientName: c.ClientName, UserPoolId: c.UserPoolId,
		})
	}
	if end < len(pool) {
		out.NextToken = aws.String(strconv.Itoa(end))
	}
	return out, nil
}

// sleeper records the delays the adapter waits, without waiting, and moves clock on.
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
	clock  *fakeClock
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	if s.clock != nil {
		s.clock.advance(d)
	}
	return nil
}

func (s *sleeper) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.delays)
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testPolicy retries with tiny, recorded delays.
func testPolicy(s *sleeper) RetryPolicy {
	return RetryPolicy{Base: time.Millisecond, Max: 8 * time.Millisecond, ServerErrors: 2, PropagationWindow: 100 * time.Millisecond, Sleep: s.sleep}
}

// newTestAdapter returns the adapter over api with a clock that the sleeper moves.
func newTestAdapter(t *testing.T, api cognitoAPI) (*adapter, *sleeper, *logBuffer) {
	log, logs := newTestLogger()
	s := &sleeper{clock: &fakeClock{now: time.Now()}}
	a, ok := NewCognito(api, log, testPolicy(s)).(*adapter)
	require.True(t, ok)
	a.now = s.clock.Now
	t.Cleanup(func() { assertLogsClean(t, logs, nil) })
	return a, s, logs
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func adapterProps(t *testing.T) userpoolclient.Properties {
	return decoded(t, props{
		"UserPoolId": testPool, "ClientName": "web-client", "GenerateSecret": "true",
		"CallbackURLs": []string{"https://app.example.com/cb"},
	})
}

// calls invokes one adapter method; every method is driven by the same table tests.
var calls = map[string]struct {
	op   string
	call func(ctx context.Context, a *adapter, f *fakeAPI) error
}{
	"Create": {op: opCreate, call: func(ctx context.Context, a *adapter, _ *fakeAPI) error {
		_, err := a.Create(ctx, userpoolclient.Properties{UserPoolId: testPool}, "web-client")
		return err
	}},
	"Update": {op: opUpdate, call: func(ctx context.Context, a *adapter, f *fakeAPI) error {
		c := f.seed(testPool, "web-client", time.Now())
		_, err := a.Update(ctx, *c.ClientId, userpoolclient.Properties{UserPoolId: testPool}, "renamed")
		return err
	}},
	"Delete": {op: opDelete, call: func(ctx context.Context, a *adapter, f *fakeAPI) error {
		c := f.seed(testPool, "web-client", time.Now())
		return a.Delete(ctx, testPool, *c.ClientId)
	}},
	"Describe": {op: opDescribe, call: func(ctx context.Context, a *adapter, f *fakeAPI) error {
		c := f.seed(testPool, "web-client", time.Now())
		_, err := a.Describe(ctx, testPool, *c.ClientId)
		return err
	}},
	"FindByName": {op: opList, call: func(ctx context.Context, a *adapter, _ *fakeAPI) error {
		_, err := a.FindByName(ctx, testPool, "web-client")
		return err
	}},
}

func TestAdapterHappyPath(t *testing.T) {
	f := newFakeAPI()
	a, s, _ := newTestAdapter(t, f)
	ctx := testCtx(t)
	p := adapterProps(t)

	c, err := a.Create(ctx, p, "web-client")
	require.NoError(t, err)
	assert.Equal(t, "web-client", c.Name)
	assert.Equal(t, testPool, c.UserPoolID)
	assert.Equal(t, "sdksecret0001", c.Secret.Reveal())
	require.Len(t, f.creates, 1)
	assert.Equal(t, p.CreateInput("web-client"), f.creates[0], "the whole desired configuration")

	u, err := a.Update(ctx, c.ID, p, "renamed")
	require.NoError(t, err)
	assert.Equal(t, "renamed", u.Name)
	assert.Equal(t, c.Secret, u.Secret)
	require.Len(t, f.updates, 1)
	assert.Equal(t, p.UpdateInput(c.ID, "renamed"), f.updates[0])

	d, err := a.Describe(ctx, testPool, c.ID)
	require.NoError(t, err)
	assert.Equal(t, u, d)

	ids, err := a.FindByName(ctx, testPool, "renamed")
	require.NoError(t, err)
	assert.Equal(t, []string{c.ID}, ids)

	require.NoError(t, a.Delete(ctx, testPool, c.ID))
	assert.Empty(t, f.ids())
	for _, op := range []string{opCreate, opUpdate, opDescribe, opList, opDelete} {
		assert.Equal(t, 1, f.count(op), "one call of %s on the happy path", op)
	}
	assert.Empty(t, s.recorded(), "no wait")
}

func TestAdapterRetriesTransientErrors(t *testing.T) {
	tests := map[string]struct {
		code, message string
		status        int
		failures      int
	}{
		"TooManyRequests ×3":        {code: "TooManyRequestsException", message: "Too many requests", status: 400, failures: 3},
		"ThrottlingException":       {code: "ThrottlingException", message: "Rate exceeded", status: 400, failures: 2},
		"ConcurrentModification ×2": {code: "ConcurrentModificationException", message: "Concurrent modification", status: 400, failures: 2},
		"InternalError once":        {code: "InternalErrorException", message: "Internal error", status: 500, failures: 1},
		"ServiceUnavailable twice":  {code: "ServiceUnavailable", message: "unavailable", status: 503, failures: 2},
	}
	for name, tt := range tests {
		for method, m := range calls {
			t.Run(name+"/"+method, func(t *testing.T) {
				f := newFakeAPI()
				f.fail = func(op string, n int) error {
					if op == m.op && n <= tt.failures {
						return apiError(op, tt.code, tt.message, tt.status)
					}
					return nil
				}
				a, s, _ := newTestAdapter(t, f)
				require.NoError(t, m.call(testCtx(t), a, f))
				assert.Equal(t, tt.failures+1, f.count(m.op))
				assert.Len(t, s.recorded(), tt.failures, "one wait before each retry")
			})
		}
	}
}

func TestAdapterThrottledToTheDeadline(t *testing.T) {
	for method, m := range calls {
		t.Run(method, func(t *testing.T) {
			f := newFakeAPI()
			f.fail = func(op string, _ int) error {
				if op == m.op {
					return apiError(op, "TooManyRequestsException", "Too many requests", 400)
				}
				return nil
			}
			// The deadline, not a retry count, ends the loop; it is a second away on the
			// adapter's clock, which only the recorded waits move, and an hour away for the
			// context itself, so the machine's speed decides nothing.
			a, s, _ := newTestAdapter(t, f)
			a.retry.Base, a.retry.Max = 5*time.Millisecond, 20*time.Millisecond
			deadline := time.Now().Add(time.Hour)
			s.clock.now = deadline.Add(-time.Second)
			ctx, cancel := context.WithDeadline(context.Background(), deadline)
			defer cancel()
			err := m.call(ctx, a, f)
			require.Error(t, err)
			assert.NoError(t, ctx.Err())
			assert.Contains(t, err.Error(), "throttled")
			assert.Contains(t, err.Error(), "cognito-idp:"+m.op)
			assert.False(t, a.now().After(deadline.Add(-attemptReserve)), "waited no further than the deadline less the reserve")
			var waited time.Duration
			for _, d := range s.recorded() {
				waited += d
			}
			// Every wait is at most Max: the loop stops only when the next wait and an
			// attempt no longer fit before the deadline less the reserve.
			assert.Greater(t, waited, time.Second-attemptReserve-minAttempt-2*a.retry.Max, "retried while time was left")
			assert.Equal(t, len(s.recorded())+1, f.count(m.op), "one attempt after each wait")
		})
	}
}

func TestAdapterServerErrorsBounded(t *testing.T) {
	tests := map[string]func(op string) error{
		"InternalErrorException 500": func(op string) error { return apiError(op, "InternalErrorException", "Internal error", 500) },
		"unknown code with 502":      func(op string) error { return apiError(op, "BadGateway", "bad gateway", 502) },
		"connection reset":           networkError,
	}
	for name, mk := range tests {
		for method, m := range calls {
			t.Run(name+"/"+method, func(t *testing.T) {
				f := newFakeAPI()
				f.fail = func(op string, _ int) error {
					if op == m.op {
						return mk(op)
					}
					return nil
				}
				a, _, _ := newTestAdapter(t, f)
				err := m.call(testCtx(t), a, f)
				require.Error(t, err)
				assert.Equal(t, a.retry.ServerErrors+1, f.count(m.op), "ServerErrors retries, then the error")
				assert.Contains(t, err.Error(), "cognito-idp:"+m.op)
			})
		}
	}
}

func TestAdapterFatalErrorsNotRetried(t *testing.T) {
	tests := map[string]struct {
		err  func(op string) error
		want []string
		is   error
	}{
		"LimitExceeded": {
			err:  func(op string) error { return apiError(op, "LimitExceededException", "Limit exceeded", 400) },
			want: []string{"1,000", "quota", "LimitExceededException"},
		},
		"InvalidParameter": {
			err: func(op string) error {
				return apiError(op, "InvalidParameterException", "Callback URL must be absolute", 400)
			},
			want: []string{"Callback URL must be absolute"},
		},
		"InvalidOAuthFlow": {
			err: func(op string) error {
				return apiError(op, "InvalidOAuthFlowException", "client_credentials needs a secret", 400)
			},
			want: []string{"client_credentials needs a secret"},
		},
		"NotAuthorized": {
			err:  func(op string) error { return apiError(op, "NotAuthorizedException", "denied", 400) },
			want: []string{"not authorized to call cognito-idp:"},
		},
		"AccessDenied": {
			err:  func(op string) error { return apiError(op, "AccessDeniedException", "User is not authorized", 400) },
			want: []string{"not authorized to call cognito-idp:"},
		},
		"ResourceNotFound": {
			err: func(op string) error {
				return apiError(op, "ResourceNotFoundException", "User pool does not exist", 400)
			},
			want: []string{"User pool does not exist"},
			is:   ErrNotFound,
		},
		"not an SDK error": {
			err:  func(string) error { return errors.New("boom") },
			want: []string{"boom"},
		},
	}
	for name, tt := range tests {
		for method, m := range calls {
			t.Run(name+"/"+method, func(t *testing.T) {
				f := newFakeAPI()
				f.fail = func(op string, _ int) error {
					if op == m.op {
						return tt.err(op)
					}
					return nil
				}
				a, s, _ := newTestAdapter(t, f)
				err := m.call(testCtx(t), a, f)
				require.Error(t, err)
				assert.Equal(t, 1, f.count(m.op), "fails at once")
				assert.Empty(t, s.recorded())
				for _, w := range tt.want {
					assert.Contains(t, err.Error(), w)
				}
				if tt.is != nil {
					assert.ErrorIs(t, err, tt.is)
				} else {
					assert.NotErrorIs(t, err, ErrNotFound)
				}
			})
		}
	}
}

func TestAdapterNotAuthorizedNamesTheAction(t *testing.T) {
	f := newFakeAPI()
	f.fail = func(op string, _ int) error { return apiError(op, "NotAuthorizedException", "denied", 400) }
	a, _, _ := newTestAdapter(t, f)
	err := a.Delete(testCtx(t), testPool, "abc")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not authorized to call cognito-idp:DeleteUserPoolClient")
	assert.NotErrorIs(t, err, ErrNotFound, "a denied Delete is never claimed as gone")
}

func TestAdapterNotFound(t *testing.T) {
	f := newFakeAPI()
	a, _, _ := newTestAdapter(t, f)
	ctx := testCtx(t)
	_, err := a.Update(ctx, "gone", userpoolclient.Properties{UserPoolId: testPool}, "x")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.ErrorIs(t, a.Delete(ctx, testPool, "gone"), ErrNotFound)
	_, err = a.Describe(ctx, testPool, "gone")
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 1, f.count(opUpdate))
	assert.Equal(t, 1, f.count(opDelete))
	assert.Equal(t, 1, f.count(opDescribe))
}

func TestAdapterPropagationRetriedWithinWindow(t *testing.T) {
	tests := map[string]struct {
		code, message string
	}{
		"ScopeDoesNotExist": {code: "ScopeDoesNotExistException", message: "Invalid scope requested: api/read"},
		"provider does not exist": {code: "InvalidParameterException",
			message: "The provider MyOIDC does not exist for User Pool us-east-1_aBcDeFgHi"},
		"identity provider does not exist": {code: "InvalidParameterException",
			message: "Identity provider Corp-SAML does not exist"},
	}
	for name, tt := range tests {
		t.Run(name+"/persisting", func(t *testing.T) {
			f := newFakeAPI()
			f.fail = func(op string, _ int) error {
				if op == opCreate {
					return apiError(op, tt.code, tt.message, 400)
				}
				return nil
			}
			a, s, _ := newTestAdapter(t, f)
			start := a.now()
			_, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.message, "Cognito's message")
			assert.Contains(t, err.Error(), tt.code)
			assert.Greater(t, f.count(opCreate), 5)
			waited := a.now().Sub(start)
			assert.Greater(t, waited, a.retry.PropagationWindow, "retried for the whole window")
			assert.Less(t, waited, a.retry.PropagationWindow+2*a.retry.Max, "and no longer")
			assert.Len(t, s.recorded(), f.count(opCreate)-1)
			assert.Zero(t, f.count(opList), "not ambiguous: nothing to reconcile")
		})
		t.Run(name+"/then visible", func(t *testing.T) {
			f := newFakeAPI()
			f.fail = func(op string, n int) error {
				if op == opCreate && n <= 3 {
					return apiError(op, tt.code, tt.message, 400)
				}
				return nil
			}
			a, _, _ := newTestAdapter(t, f)
			c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.NoError(t, err)
			assert.Equal(t, 4, f.count(opCreate))
			assert.Equal(t, []string{c.ID}, f.ids())
		})
	}
}

func TestAdapterInvalidParameterOtherwiseFatal(t *testing.T) {
	f := newFakeAPI()
	f.fail = func(op string, _ int) error {
		return apiError(op, "InvalidParameterException", "1 validation error detected: Value at 'callbackURLs' failed", 400)
	}
	a, _, _ := newTestAdapter(t, f)
	_, err := a.Create(testCtx(t), adapterProps(t), "web-client")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 validation error detected: Value at 'callbackURLs' failed")
	assert.Equal(t, 1, f.count(opCreate))
}

func TestAdapterAmbiguousCreate(t *testing.T) {
	tests := map[string]struct {
		err func(op string) error
	}{
		"500":              {err: func(op string) error { return apiError(op, "InternalErrorException", "Internal error", 500) }},
		"connection reset": {err: networkError},
		"EOF":              {err: func(op string) error { return &smithy.OperationError{OperationName: op, Err: io.ErrUnexpectedEOF} }},
	}
	for name, tt := range tests {
		t.Run(name+"/took effect", func(t *testing.T) {
			f := newFakeAPI()
			f.seed(testPool, "other-client", time.Now())
			f.failAfter = func(op string, n int) error {
				if op == opCreate && n == 1 {
					return tt.err(op)
				}
				return nil
			}
			a, _, logs := newTestAdapter(t, f)
			c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.NoError(t, err)
			assert.Equal(t, 1, f.count(opCreate), "no second Create")
			require.Len(t, f.ids(), 2, "exactly one new client")
			assert.Equal(t, f.ids()[1], c.ID, "the client the failed call made is adopted")
			assert.Equal(t, "web-client", c.Name)
			assert.Equal(t, "sdksecret0002", c.Secret.Reveal(), "with its secret")
			assert.GreaterOrEqual(t, f.count(opList), 1)
			assert.Equal(t, 1, f.count(opDescribe))
			assert.Contains(t, logs.String(), "call took effect despite its error")
		})
		t.Run(name+"/did not", func(t *testing.T) {
			f := newFakeAPI()
			f.fail = func(op string, n int) error {
				if op == opCreate && n == 1 {
					return tt.err(op)
				}
				return nil
			}
			a, _, _ := newTestAdapter(t, f)
			c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
			require.NoError(t, err)
			assert.Equal(t, 2, f.count(opCreate), "retried")
			assert.Equal(t, []string{c.ID}, f.ids(), "one client")
			assert.Equal(t, 1, f.count(opList))
		})
	}
}

func TestAdapterAmbiguousCreateIgnoresOlderClientOfTheSameName(t *testing.T) {
	f := newFakeAPI()
	old := f.seed(testPool, "web-client", time.Now().Add(-2*time.Hour))
	f.fail = func(op string, n int) error {
		if op == opCreate && n == 1 {
			return apiError(op, "InternalErrorException", "Internal error", 500)
		}
		return nil
	}
	a, _, _ := newTestAdapter(t, f)
	c, err := a.Create(testCtx(t), adapterProps(t), "web-client")
	require.NoError(t, err)
	assert.NotEqual(t, *old.ClientId, c.ID, "a client made before this request is not adopted")
	assert.Equal(t, 2, f.count(opCreate))
	assert.Len(t, f.ids(), 2)
}

func TestAdapterFindByNamePaginates(t *testing.T) {
	f := newFakeAPI()
	var want []string
	for i := range 150 {
		name := fmt.Sprintf("other-%03d", i)
		if i == 7 || i == 61 || i == 149 {
			name = "target"
		}
		c := f.seed(testPool, name, time.Now())
		if name == "target" {
			want = append(want, *c.ClientId)
		}
	}
	f.seed(otherPool, "target", time.Now())
	// A throttle on the second page is retried without losing the page.
	f.fail = func(op string, n int) error {
		if op == opList && n == 2 {
			return apiError(op, "TooManyRequestsException", "slow down", 400)
		}
		return nil
	}
	a, _, _ := newTestAdapter(t, f)
	ids, err := a.FindByName(testCtx(t), testPool, "target")
	require.NoError(t, err)
	assert.Equal(t, want, ids)
	assert.Equal(t, 4, f.count(opList), "three pages and one retry")
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Equal(t, []*string{nil, aws.String("60"), aws.String("120")}, f.tokens, "the throttled call is retried with its token")
}

func TestAdapterStopsWhenContextEnds(t *testing.T) {
	f := newFakeAPI()
	a, _, _ := newTestAdapter(t, f)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := a.Delete(ctx, testPool, "abc")
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "did not finish before the deadline")
	assert.Equal(t, 1, f.count(opDelete))
}
