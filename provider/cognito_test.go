package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// fakeCognito is an in-memory Cognito for unit tests: pools of clients, a count of calls per
// method, an error per method, and a hook run at the start of every call that may block,
// panic or fail it. It behaves as the adapter does: a missing client or pool is ErrNotFound.
type fakeCognito struct {
	mu      sync.Mutex
	pools   map[string]map[string]*fakeClient
	calls   map[string]int
	errs    map[string]error
	hook    func(ctx context.Context, method string) error
	nextID  int
	secrets []string
	updates []fakeUpdate
}

// fakeClient is one client and the configuration it was last given.
type fakeClient struct {
	Client
	props userpoolclient.Properties
}

// fakeUpdate is the arguments of one Update call.
type fakeUpdate struct {
	id    string
	props userpoolclient.Properties
	name  string
}

// Cognito methods, as counted by fakeCognito.
const (
	mCreate     = "Create"
	mUpdate     = "Update"
	mDelete     = "Delete"
	mDescribe   = "Describe"
	mFindByName = "FindByName"
)

func newFakeCognito(pools ...string) *fakeCognito {
	f := &fakeCognito{pools: map[string]map[string]*fakeClient{}, calls: map[string]int{}, errs: map[string]error{}}
	for _, p := range pools {
		f.pools[p] = map[string]*fakeClient{}
	}
	return f
}

// begin counts a call and runs the hook; a non-nil error ends the call with it.
func (f *fakeCognito) begin(ctx context.Context, method string) error {
	f.mu.Lock()
	f.calls[method]++
	hook, err := f.hook, f.errs[method]
	f.mu.Unlock()
	if hook != nil {
		if herr := hook(ctx, method); herr != nil {
			return herr
		}
	}
	return err
}

func (f *fakeCognito) setHook(h func(ctx context.Context, method string) error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = h
}

func (f *fakeCognito) setErr(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[method] = err
}

// newClient stores a new client; f.mu must be held.
func (f *fakeCognito) newClient(p userpoolclient.Properties, name string) Client {
	f.nextID++
	c := Client{ID: fmt.Sprintf("client%04dabcdefghijklmno", f.nextID), Name: name, UserPoolID: p.UserPoolId}
	if p.GenerateSecret {
		c.Secret = Secret(fmt.Sprintf("TopSecret%04dqwertyuiopasdfghjklzxcvbnm", f.nextID))
		f.secrets = append(f.secrets, c.Secret.Reveal())
	}
	f.pools[p.UserPoolId][c.ID] = &fakeClient{Client: c, props: p}
	return c
}

// seed adds a client without counting a call.
func (f *fakeCognito) seed(p userpoolclient.Properties, name string) Client {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pools[p.UserPoolId] == nil {
		f.pools[p.UserPoolId] = map[string]*fakeClient{}
	}
	return f.newClient(p, name)
}

func (f *fakeCognito) Create(ctx context.Context, p userpoolclient.Properties, name string) (Client, error) {
	if err := f.begin(ctx, mCreate); err != nil {
		return Client{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pools[p.UserPoolId] == nil {
		return Client{}, fmt.Errorf("cognito-idp:CreateUserPoolClient: %w: user pool %s does not exist", ErrNotFound, p.UserPoolId)
	}
	return f.newClient(p, name), nil
}

func (f *fakeCognito) Update(ctx context.Context, clientID string, p userpoolclient.Properties, name string) (Client, error) {
	if err := f.begin(ctx, mUpdate); err != nil {
		return Client{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, fakeUpdate{id: clientID, props: p, name: name})
	c, ok := f.pools[p.UserPoolId][clientID]
	if !ok {
		return Client{}, fmt.Errorf("cognito-idp:UpdateUserPoolClient: %w: client %s does not exist", ErrNotFound, clientID)
	}
	c.props, c.Name = p, name
	return c.Client, nil
}

func (f *fakeCognito) Delete(ctx context.Context, userPoolID, clientID string) error {
	if err := f.begin(ctx, mDelete); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.pools[userPoolID][clientID]; !ok {
		return fmt.Errorf("cognito-idp:DeleteUserPoolClient: %w: client %s does not exist", ErrNotFound, clientID)
	}
	delete(f.pools[userPoolID], clientID)
	return nil
}

func (f *fakeCognito) Describe(ctx context.Context, userPoolID, clientID string) (Client, error) {
	if err := f.begin(ctx, mDescribe); err != nil {
		return Client{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.pools[userPoolID][clientID]
	if !ok {
		return Client{}, fmt.Errorf("cognito-idp:DescribeUserPoolClient: %w: client %s does not exist", ErrNotFound, clientID)
	}
	return c.Client, nil
}

func (f *fakeCognito) FindByName(ctx context.Context, userPoolID, name string) ([]string, error) {
	if err := f.begin(ctx, mFindByName); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for id, c := range f.pools[userPoolID] {
		if c.Name == name {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// count is the number of calls of method.
func (f *fakeCognito) count(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// counts is the number of calls of every method.
func (f *fakeCognito) counts() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for m, n := range f.calls {
		if n > 0 {
			out[m] = n
		}
	}
	return out
}

// client returns the stored client id of pool.
func (f *fakeCognito) client(pool, id string) (fakeClient, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.pools[pool][id]
	if !ok {
		return fakeClient{}, false
	}
	return *c, true
}

// clientIDs lists the IDs of every client, in every pool.
func (f *fakeCognito) clientIDs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for _, p := range f.pools {
		for id := range p {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func (f *fakeCognito) allSecrets() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.secrets)
}

func (f *fakeCognito) lastUpdate() (fakeUpdate, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.updates) == 0 {
		return fakeUpdate{}, false
	}
	return f.updates[len(f.updates)-1], true
}

func TestSecretNeverPrints(t *testing.T) {
	const value = "s3cr3t-value-0123456789"
	s := Secret(value)
	c := Client{ID: "abc", Name: "n", UserPoolID: "us-east-1_x", Secret: s}

	var buf strings.Builder
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("client", "secret", s, "clientId", c.ID)
	log.Info("text", "secret", s.String())

	tests := map[string]string{
		"fmt %v": fmt.Sprintf("%v", s),
		//lint:ignore S1025 what fmt's %s prints is under test
		"fmt %s":         fmt.Sprintf("%s", s),
		"fmt %+v client": fmt.Sprintf("%+v", c),
		"slog json":      buf.String(),
	}
	for name, out := range tests {
		t.Run(name, func(t *testing.T) {
			assert.NotContains(t, out, value)
			assert.Contains(t, out, "REDACTED")
		})
	}
	assert.Equal(t, value, s.Reveal())
}

func TestSecretNeverPrintsInJSONOrGoSyntax(t *testing.T) {
	c := Client{ID: "abc", Secret: Secret("s3cr3t-value")}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{string(b), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", c)} {
		if strings.Contains(out, "s3cr3t-value") {
			t.Fatalf("secret printed: %s", out)
		}
	}
	if c.Secret.Reveal() != "s3cr3t-value" {
		t.Fatal("Reveal must give the secret")
	}
}
