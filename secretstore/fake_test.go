package secretstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
	"github.com/cognito-cfn/userpoolclient/internal/fixture/fakecognito"
)

// fakeSecrets is an in-memory Secrets Manager that keeps staging labels as the service does:
// a Put stages AWSCURRENT on the new version and AWSPREVIOUS on the one that held AWSCURRENT;
// moving AWSCURRENT with UpdateSecretVersionStage moves AWSPREVIOUS to the version it left; a
// version that loses every label is kept (readable by ID) but no longer described; a Put
// repeating a ClientRequestToken with the same value is ignored, with another value refused.
type fakeSecrets struct {
	secrets map[string]*fakeSecret // by name and by ARN
	calls   []string
	fail    map[string]error // by method: returned once
}

type fakeSecret struct {
	arn, name       string
	deleted, rotate bool
	values          map[string]Secret
	labels          fixture.Stages
}

func newFakeSecrets() *fakeSecrets {
	return &fakeSecrets{secrets: map[string]*fakeSecret{}, fail: map[string]error{}}
}

// add makes an empty secret in region.
func (f *fakeSecrets) add(name, region string) *fakeSecret {
	s := &fakeSecret{arn: fmt.Sprintf("arn:aws:secretsmanager:%s:123456789012:secret:%s-AbCdEf", region, name), name: name,
		values: map[string]Secret{}, labels: fixture.Stages{}}
	f.secrets[name], f.secrets[s.arn] = s, s
	return s
}

func (f *fakeSecrets) call(method, id string) (*fakeSecret, error) {
	f.calls = append(f.calls, method)
	if err, ok := f.fail[method]; ok {
		delete(f.fail, method)
		return nil, err
	}
	s, ok := f.secrets[id]
	if !ok {
		return nil, fmt.Errorf("%w: secret %s", ErrNotFound, id)
	}
	return s, nil
}

func (f *fakeSecrets) DescribeSecret(_ context.Context, id string) (Description, error) {
	s, err := f.call("DescribeSecret", id)
	if err != nil {
		return Description{}, err
	}
	return Description{ARN: s.arn, Name: s.name, Deleted: s.deleted, RotationEnabled: s.rotate, Versions: s.labels.Described()}, nil
}

func (f *fakeSecrets) GetSecretValue(_ context.Context, id, version string) (Secret, error) {
	s, err := f.call("GetSecretValue", id)
	if err != nil {
		return "", err
	}
	v, ok := s.values[version]
	if !ok {
		return "", fmt.Errorf("%w: version %s", ErrNotFound, version)
	}
	return v, nil
}

func (f *fakeSecrets) PutSecretValue(_ context.Context, id, token string, value Secret) error {
	s, err := f.call("PutSecretValue", id)
	if err != nil {
		return err
	}
	return fixture.PutVersion(s.values, s.labels, token, value, ErrTokenConflict)
}

func (f *fakeSecrets) UpdateSecretVersionStage(_ context.Context, id, stage, moveTo, removeFrom string) error {
	s, err := f.call("UpdateSecretVersionStage", id)
	if err != nil {
		return err
	}
	return fixture.MoveStage(s.values, s.labels, stage, moveTo, removeFrom, ErrNotFound)
}

// staged decodes the version carrying label; ok is false when none does.
func (s *fakeSecret) staged(label string) (Credentials, bool) {
	v := s.labels.Holder(label)
	if v == "" {
		return Credentials{}, false
	}
	c, err := decode(s.values[v])
	if err != nil {
		panic(err)
	}
	return c, true
}

// writes are the calls that change something.
func (f *fakeSecrets) writes() []string {
	return slices.DeleteFunc(slices.Clone(f.calls), func(c string) bool {
		return c != "PutSecretValue" && c != "UpdateSecretVersionStage"
	})
}

// fakeCognito holds clients' secrets as Cognito does: at most two, the last one cannot be
// deleted, an ID per secret made of the client ID and a counter, the value only from Add.
type fakeCognito struct {
	clients map[string][]ClientSecret // "pool/client" → secrets
	values  map[string]Secret         // secret ID → value, for the tests' eyes only
	calls   []string
	fail    map[string]error
	n       int
	clock   time.Time
}

func newFakeCognito() *fakeCognito {
	return &fakeCognito{clients: map[string][]ClientSecret{}, values: map[string]Secret{}, fail: map[string]error{},
		clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// create makes a client with one secret, as CreateUserPoolClient with GenerateSecret does.
func (f *fakeCognito) create(pool, client string) ClientSecret {
	f.clients[pool+"/"+client] = nil
	s := f.newSecret(client)
	f.clients[pool+"/"+client] = []ClientSecret{s}
	return s
}

func (f *fakeCognito) newSecret(client string) ClientSecret {
	f.n++
	f.clock = f.clock.Add(time.Minute)
	s := ClientSecret{ID: fmt.Sprintf("%s--%d", client, f.n), Created: f.clock, Value: Secret(fmt.Sprintf("value-%d-%s", f.n, strings.Repeat("x", 40)))}
	f.values[s.ID] = s.Value
	return s
}

func (f *fakeCognito) call(method, pool, client string) ([]ClientSecret, error) {
	f.calls = append(f.calls, method)
	if err, ok := f.fail[method]; ok {
		delete(f.fail, method)
		return nil, err
	}
	s, ok := f.clients[pool+"/"+client]
	if !ok {
		return nil, fmt.Errorf("%w: client %s", ErrNotFound, client)
	}
	return s, nil
}

func (f *fakeCognito) AddClientSecret(_ context.Context, pool, client string) (ClientSecret, error) {
	s, err := f.call("AddUserPoolClientSecret", pool, client)
	if err != nil {
		return ClientSecret{}, err
	}
	if err := fakecognito.CheckAdd(s, client); err != nil {
		return ClientSecret{}, err
	}
	n := f.newSecret(client)
	f.clients[pool+"/"+client] = append(s, n)
	return n, nil
}

func (f *fakeCognito) ListClientSecrets(_ context.Context, pool, client string) ([]ClientSecret, error) {
	s, err := f.call("ListUserPoolClientSecrets", pool, client)
	return fakecognito.Listed(s), err
}

func (f *fakeCognito) DeleteClientSecret(_ context.Context, pool, client, id string) error {
	s, err := f.call("DeleteUserPoolClientSecret", pool, client)
	if err != nil {
		return err
	}
	rest, err := fakecognito.DeleteSecret(s, client, id)
	if err != nil {
		return err
	}
	f.clients[pool+"/"+client] = rest
	return nil
}

func (f *fakeCognito) live(pool, client string) []string {
	var ids []string
	for _, s := range f.clients[pool+"/"+client] {
		ids = append(ids, s.ID)
	}
	return ids
}

func (f *fakeCognito) writes() []string {
	return slices.DeleteFunc(slices.Clone(f.calls), func(c string) bool { return c == "ListUserPoolClientSecrets" })
}
