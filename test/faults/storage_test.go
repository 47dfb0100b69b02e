package faults

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/faultproxy"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
	"github.com/cognito-cfn/userpoolclient/provider"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// The rows of docs/faults.md, "Secrets and adoption": the storage (SecretsManagerSecretId,
// SecretSerial) and adoption (ExistingClientId) against moto's Secrets Manager and the local
// Cognito's secret APIs, every call of both services through the fault proxy. The tests' own
// reads and setup go to moto directly (moto.SecretsManager, moto.Cognito), past the proxy.

// newStorage makes an empty storage secret and returns its ARN, which the properties use (the
// proxy keys Secrets Manager requests by the SecretId they name).
func newStorage(t *testing.T) string {
	t.Helper()
	return testrig.NewStorage(t, moto.SecretsManager(), "userpoolclient/faults-")
}

func storedProps(pool, arn string, serial int) map[string]any {
	p := webProps(pool)
	p["GenerateSecret"] = true
	p["SecretsManagerSecretId"] = arn
	p["SecretSerial"] = serial
	return p
}

// stage reads the version carrying stage (testrig.Staged); nil when no version carries it.
// Values it reads join the secrets no log line may show.
func (f *fixture) stage(arn, stage string) *testrig.StoredVersion {
	f.t.Helper()
	v := testrig.Staged(f.t, moto.SecretsManager(), arn, stage)
	if v != nil {
		f.mu.Lock()
		f.secrets = append(f.secrets, v.ClientSecret)
		f.mu.Unlock()
	}
	return v
}

func live(t *testing.T, pool, id string) []string {
	t.Helper()
	return testrig.LiveSecrets(t, moto.Cognito(), pool, id)
}

// madeClient makes a client named name in pool straight in moto, as another stack or a
// console would, and returns its ID.
func madeClient(t *testing.T, pool, name string) string {
	t.Helper()
	made, err := moto.Cognito().CreateUserPoolClient(context.Background(), &cip.CreateUserPoolClientInput{UserPoolId: &pool, ClientName: aws.String(name)})
	require.NoError(t, err)
	return aws.ToString(made.UserPoolClient.ClientId)
}

// storedClient creates a client with storage at serial and returns its ID.
func (f *fixture) storedClient(arn string, serial int) string {
	f.t.Helper()
	res := f.send(request{RequestType: provider.Create, Props: storedProps(f.pool, arn, serial)})
	require.Equal(f.t, "SUCCESS", res.Status, res.Reason)
	require.Equal(f.t, arn, res.Data["SecretArn"])
	f.stage(arn, "AWSCURRENT")
	return res.PhysicalResourceID
}

// rotate sends the Update of client id from serial from to to.
func (f *fixture) rotate(id, arn string, from, to int, opts ...expect) result {
	f.t.Helper()
	return f.send(request{RequestType: provider.Update, PhysicalID: id, Props: storedProps(f.pool, arn, to), OldProps: storedProps(f.pool, arn, from)}, opts...)
}

// cognitoWrites are the Cognito writes that reached the proxy for pool.
func cognitoWrites(pool string) int {
	n := 0
	for _, op := range []string{"CreateUserPoolClient", "UpdateUserPoolClient", "DeleteUserPoolClient", "AddUserPoolClientSecret", "DeleteUserPoolClientSecret"} {
		n += calls(pool)[op].Received
	}
	return n
}

// A storage secret with rotation of its own is the third case of this row; moto's
// RotateSecret needs a Lambda function to exist in moto, so that case is proven by the unit
// test (provider's TestStorageRefusedBeforeAnyCognitoWrite), over the same check.
func TestStorage_SecretThatCannotTakeTheCredentials(t *testing.T) {
	cases := map[string]struct {
		setup func(t *testing.T, f *fixture, arn string)
		want  string
	}{
		"scheduled for deletion": {func(t *testing.T, _ *fixture, arn string) {
			_, err := moto.SecretsManager().DeleteSecret(context.Background(), &sm.DeleteSecretInput{SecretId: &arn, RecoveryWindowInDays: aws.Int64(7)})
			require.NoError(t, err)
		}, "scheduled for deletion"},
		"holding another client's credentials": {func(t *testing.T, f *fixture, arn string) {
			other := f.newPool()
			id := madeClient(t, other, "other-stack")
			f.mu.Lock()
			f.owned[id] = true // another stack's client, not this case's orphan
			f.mu.Unlock()
			_, err := moto.SecretsManager().PutSecretValue(context.Background(), &sm.PutSecretValueInput{SecretId: &arn,
				SecretString: aws.String(`{"UserPoolId":"` + other + `","ClientId":"` + id + `","ClientSecret":"not-ours","ClientSecretId":"` + id + `--1"}`)})
			require.NoError(t, err)
		}, "holds the credentials of client "},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			arn := newStorage(t)
			// A rotation meets the same checks as a Create: set it up before the secret goes bad.
			id := f.storedClient(arn, 0)
			tc.setup(t, f, arn)
			before := live(t, f.pool, id)
			writes := cognitoWrites(f.pool)

			res := f.send(request{RequestType: provider.Create, LogicalID: "Second", Props: storedProps(f.pool, arn, 0)})
			assert.Equal(t, "FAILED", res.Status)
			assert.Contains(t, res.Reason, "SecretsManagerSecretId")
			assert.Contains(t, res.Reason, tc.want)
			assert.False(t, userpoolclient.IsClientID(res.PhysicalResourceID), "the rollback Delete touches nothing")

			res = f.rotate(id, arn, 0, 1)
			assert.Equal(t, "FAILED", res.Status)
			assert.Contains(t, res.Reason, tc.want)
			assert.Equal(t, id, res.PhysicalResourceID)
			assert.Equal(t, writes, cognitoWrites(f.pool), "FAILED before any Cognito write")
			assert.Equal(t, before, live(t, f.pool, id))
		})
	}
}

func TestStorage_PutRefusedAfterAddUserPoolClientSecret(t *testing.T) {
	f := newFixture(t)
	arn := newStorage(t)
	id := f.storedClient(arn, 0)
	liveBefore, current := live(t, f.pool, id), f.stage(arn, "AWSCURRENT")

	remove := proxy.Add(faultproxy.Rule{Op: "PutSecretValue", Pool: arn, Times: -1, Fault: faultproxy.AccessDenied})
	res := f.rotate(id, arn, 0, 1)
	remove()
	assert.Equal(t, "FAILED", res.Status)
	assert.Contains(t, res.Reason, "SecretsManagerSecretId")
	assert.Contains(t, res.Reason, "secretsmanager:PutSecretValue")
	assert.Contains(t, res.Reason, "was deleted again")
	assert.Equal(t, 1, calls(f.pool)["AddUserPoolClientSecret"].Forwarded, "the Add reached Cognito")
	assert.Equal(t, liveBefore, live(t, f.pool, id), "the added secret is deleted again")
	assert.Equal(t, current, f.stage(arn, "AWSCURRENT"), "the storage is as it was")

	// CloudFormation's rollback (the serial lowered back): Cognito and the storage still agree.
	res = f.rotate(id, arn, 1, 0)
	assert.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, liveBefore, live(t, f.pool, id))
	assert.Equal(t, current, f.stage(arn, "AWSCURRENT"))
}

// Throttling on each call the storage adds: retried within the deadline, then SUCCESS.
func TestStorage_ThrottlingOnEachNewCall(t *testing.T) {
	for _, op := range []string{"AddUserPoolClientSecret", "ListUserPoolClientSecrets", "DeleteUserPoolClientSecret",
		"DescribeSecret", "GetSecretValue", "PutSecretValue", "UpdateSecretVersionStage"} {
		t.Run(op, func(t *testing.T) {
			f := newFixture(t)
			arn := newStorage(t)
			id := f.storedClient(arn, 0)
			require.Equal(t, "SUCCESS", f.rotate(id, arn, 0, 1).Status) // two secrets: the next rotation deletes one

			rule := faultproxy.Rule{Op: op, Pool: f.pool, Times: 2, Fault: faultproxy.Throttle}
			if !strings.Contains(op, "UserPool") {
				rule.Pool, rule.Fault = arn, faultproxy.Throttling
			}
			remove := proxy.Add(rule)
			defer remove()
			before := f.stage(arn, "AWSCURRENT")
			var res result
			if op == "UpdateSecretVersionStage" {
				res = f.rotate(id, arn, 1, 0) // a roll back moves AWSCURRENT
			} else {
				res = f.rotate(id, arn, 1, 2)
			}
			require.Equal(t, "SUCCESS", res.Status, res.Reason)
			assert.Equal(t, 2, proxy.Calls(rule.Pool, op).Injected, "throttled twice, then retried")
			assert.Equal(t, id, res.PhysicalResourceID)
			after := f.stage(arn, "AWSCURRENT")
			assert.NotEqual(t, before.ClientSecretId, after.ClientSecretId)
			assert.Contains(t, live(t, f.pool, id), after.ClientSecretId)
		})
	}
}

func TestStorage_RotationDeliveredTwiceToAWarmInstance(t *testing.T) {
	f := newFixture(t)
	arn := newStorage(t)
	id := f.storedClient(arn, 0)
	r := request{RequestType: provider.Update, PhysicalID: id, Props: storedProps(f.pool, arn, 1), OldProps: storedProps(f.pool, arn, 0), RequestID: "rotate-once"}
	first := f.send(r)
	r.ResponseURL = ""
	second := f.send(r)
	assert.Equal(t, "SUCCESS", first.Status, first.Reason)
	assert.Equal(t, first.Response, second.Response, "the first answer again")
	assert.Equal(t, 1, calls(f.pool)["AddUserPoolClientSecret"].Received, "one new secret")
	assert.Len(t, live(t, f.pool, id), 2)

	// The same rotation on a cold instance (the warm one's memory lost): answered from what the
	// first delivery stored, still one new secret.
	cold := newFixture(t)
	cold.pool, cold.stack = f.pool, f.stack
	r.ResponseURL = ""
	third := cold.sendTo(cold.h, r)
	assert.Equal(t, "SUCCESS", third.Status, third.Reason)
	assert.Equal(t, first.Data, third.Data)
	assert.Equal(t, 1, calls(f.pool)["AddUserPoolClientSecret"].Received)
	cold.own(r, third.Response)
}

func TestStorage_LoweredSerialWithOneSecret(t *testing.T) {
	f := newFixture(t)
	arn := newStorage(t)
	id := f.storedClient(arn, 3)
	current := f.stage(arn, "AWSCURRENT")
	res := f.rotate(id, arn, 3, 2)
	assert.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Equal(t, arn, res.Data["SecretArn"])
	assert.Equal(t, current, f.stage(arn, "AWSCURRENT"), "storage untouched")
	assert.Zero(t, proxy.Calls(arn, "PutSecretValue").Received+proxy.Calls(arn, "UpdateSecretVersionStage").Received-1, "only the Create's Put")
	assert.Len(t, live(t, f.pool, id), 1, "nothing deleted")
}

func TestAdoption_DeleteOfAnAdoptedClientWhosePoolIsGone(t *testing.T) {
	f := newFixture(t)
	gone := f.newPool()
	id := madeClient(t, gone, "legacy")
	props := map[string]any{"UserPoolId": gone, "ClientName": "legacy", "ExistingClientId": id}
	res := f.send(request{RequestType: provider.Create, Props: props})
	require.Equal(t, "SUCCESS", res.Status, res.Reason)
	_, err := moto.Cognito().DeleteUserPool(context.Background(), &cip.DeleteUserPoolInput{UserPoolId: &gone})
	require.NoError(t, err)

	res = f.send(request{RequestType: provider.Delete, PhysicalID: id, Props: props})
	assert.Equal(t, "SUCCESS", res.Status, res.Reason)
	assert.Zero(t, calls(gone)["DeleteUserPoolClient"].Received, "released, not deleted")
}

func TestAdoption_ExistingClientIdOfAnotherPool(t *testing.T) {
	f := newFixture(t)
	other := f.newPool()
	id := madeClient(t, other, "web")
	props := webProps(f.pool)
	props["ExistingClientId"] = id
	res := f.send(request{RequestType: provider.Create, Props: props})
	assert.Equal(t, "FAILED", res.Status)
	assert.Contains(t, res.Reason, "ExistingClientId: client "+id+" does not exist in user pool "+f.pool)
	assert.False(t, userpoolclient.IsClientID(res.PhysicalResourceID))
	assert.Empty(t, clientIDs(t, f.pool), "nothing made")
	assert.Zero(t, cognitoWrites(f.pool)+cognitoWrites(other))
	f.mu.Lock()
	f.owned[id] = true // the other pool's client is not this case's orphan
	f.mu.Unlock()
}
