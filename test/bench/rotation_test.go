package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// secretsManagerOps are the Secrets Manager operations the counting proxy sees; every other
// operation it counts is Cognito's.
var secretsManagerOps = []string{"DescribeSecret", "GetSecretValue", "PutSecretValue", "UpdateSecretVersionStage"}

// split divides calls counted by operation into Cognito's and Secrets Manager's.
func split(calls map[string]int) (cognito, secrets int) {
	for op, n := range calls {
		if slices.Contains(secretsManagerOps, op) {
			secrets += n
		} else {
			cognito += n
		}
	}
	return cognito, secrets
}

// BenchmarkRotationCalls counts the Cognito and Secrets Manager calls of one rotation
// (SecretSerial raised, rotate.json) of a client with storage that already holds two secrets
// (the steady state: List, Delete of the secret AWSCURRENT does not name, Add, beside
// UpdateUserPoolClient; the storage lookup and one Put), and of a roll back (SecretSerial
// lowered), at the counting proxy, which the function reaches for both services.
func BenchmarkRotationCalls(b *testing.B) {
	e := setup(b)
	proxy := newCountingProxy(b, e.moto.URL())
	emu, err := localrun.StartEmulator(context.Background(), localrun.EmulatorConfig{
		Bootstrap: e.bootstrap,
		Env:       map[string]string{localrun.EndpointEnv: proxy.URL(), localrun.GeneralEndpointEnv: proxy.URL()},
		Timeout:   functionTimeout,
	})
	if err != nil {
		b.Fatal(err)
	}
	defer stop(b, emu)

	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("..", "..", "events", name))
		if err != nil {
			b.Fatal(err)
		}
		return raw
	}
	create, rotate := read("create-with-storage.json"), read("rotate.json")
	secrets := sm.New(sm.Options{Region: localrun.Region, BaseEndpoint: aws.String(e.moto.URL()),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDBENCH", "local", "")})
	out, err := secrets.CreateSecret(context.Background(), &sm.CreateSecretInput{Name: aws.String(fmt.Sprintf("userpoolclient/bench-%d", time.Now().UnixNano()))})
	if err != nil {
		b.Fatal(err)
	}
	arn := aws.ToString(out.ARN)
	raw, _ := localrun.EventField(create, "ResourceProperties")
	props := func(serial int) json.RawMessage {
		var p map[string]any
		if err := json.Unmarshal(raw, &p); err != nil {
			b.Fatal(err)
		}
		p["SecretsManagerSecretId"], p["SecretSerial"] = arn, strconv.Itoa(serial)
		out, err := json.Marshal(p)
		if err != nil {
			b.Fatal(err)
		}
		return out
	}
	c := e.request(b, emu, create, localrun.WithResourceProperties(props(0)))
	id := c.response.PhysicalResourceID
	serial := 0
	step := func(to int) (answer, map[string]int) {
		a := e.request(b, emu, rotate, localrun.WithPhysicalResourceID(id),
			localrun.WithOldResourceProperties(props(serial)), localrun.WithResourceProperties(props(to)))
		if a.response.PhysicalResourceID != id {
			b.Fatalf("the rotation changed the client (%s -> %s)", id, a.response.PhysicalResourceID)
		}
		serial = to
		return a, proxy.take()
	}
	proxy.take()
	_, first := step(1) // the first rotation: one secret held, nothing to delete
	b.Logf("calls of the first rotation (one secret held): %v", first)

	var cognito, storage, backCognito, backStorage int
	var latency []time.Duration
	b.ResetTimer()
	for i := range b.N {
		a, calls := step(serial + 1)
		cc, sc := split(calls)
		cognito, storage = cognito+cc, storage+sc
		latency = append(latency, a.latency())
		if i == 0 {
			b.Logf("calls of a rotation (two secrets held): %v", calls)
		}
		b.StopTimer()
		_, back := step(serial - 1) // CloudFormation's roll back of it
		bc, bs := split(back)
		backCognito, backStorage = backCognito+bc, backStorage+bs
		if i == 0 {
			b.Logf("calls of a roll back: %v", back)
		}
		_, _ = step(serial + 1) // raise again, untimed, so that the next rotation is a fresh raise
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(cognito)/float64(b.N), "cognito-calls/rotation")
	b.ReportMetric(float64(storage)/float64(b.N), "secretsmanager-calls/rotation")
	b.ReportMetric(float64(backCognito)/float64(b.N), "cognito-calls/rollback")
	b.ReportMetric(float64(backStorage)/float64(b.N), "secretsmanager-calls/rollback")
	b.ReportMetric(ms(median(latency)), "ms/warm-rotation")
}
