package faults

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/provider"
)

const (
	fleetSize = 50
	// fleetRate is the proxy's per-pool limit, standing in for Cognito's request quota.
	fleetRate = 5
)

// instance is a cold Lambda instance as lambda/main.go wires it: its own SDK client (its own
// warm cache), DefaultRetryPolicy's real backoff, DefaultMargin.
func instance(log *slog.Logger) *provider.Handler {
	return provider.New(provider.Config{
		Cognito: provider.SDKCognito(log, provider.DefaultRetryPolicy, provider.SDKConfig()),
		Sender:  &cfnresponse.Sender{Logger: log, AttemptTimeout: 2 * time.Second},
		Logger:  log,
	})
}

// fleet invokes each event on its own instance, all at once, with a 60 s Lambda deadline, and
// returns how long it took until every instance had answered.
func fleet(log *slog.Logger, events [][]byte) (time.Duration, []error) {
	handlers := make([]*provider.Handler, len(events))
	for i := range handlers {
		handlers[i] = instance(log)
	}
	errs := make([]error, len(events))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range events {
		wg.Go(func() {
			<-start
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			_, errs[i] = handlers[i].Invoke(ctx, events[i])
		})
	}
	began := time.Now()
	close(start)
	wg.Wait()
	return time.Since(began), errs
}

// TestRuntime_ThrottledFleet: 50 stacks create a client in one pool at once, each on a cold
// instance, against a pool limited to 5 requests a second. Every one must succeed through
// jittered backoff; the time is logged (performance is measured by BenchmarkThrottledFleet,
// not asserted).
func TestRuntime_ThrottledFleet(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	proxy.SetRateLimit(f.pool, fleetRate, fleetRate)
	t.Cleanup(func() { proxy.SetRateLimit(f.pool, 0, 0) })

	reqs := make([]request, fleetSize)
	events := make([][]byte, fleetSize)
	for i := range reqs {
		props := webProps(f.pool)
		props["ClientName"] = fmt.Sprintf("fleet-%02d", i)
		reqs[i] = request{RequestType: provider.Create, Props: props, LogicalID: fmt.Sprintf("Client%02d", i),
			StackID: fmt.Sprintf("%s-%02d", f.stack, i)}
		events[i] = f.event(&reqs[i])
	}
	took, errs := fleet(f.log, events)
	for i, err := range errs {
		require.NoError(t, err, "instance %d", i)
	}
	urls := make([]string, len(reqs))
	for i, r := range reqs {
		urls[i] = r.ResponseURL
	}
	got := settleAll(t, urls, true)
	ids := map[string]bool{}
	for i, r := range reqs {
		resp := f.checkResponse(r, got[i], expectation{puts: [2]int{1, 1}, delivered: 1})
		require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
		ids[resp.PhysicalResourceID] = true
	}
	assert.Len(t, ids, fleetSize, "50 distinct clients")
	assert.Len(t, clientIDs(t, f.pool), fleetSize, "50 clients in the pool")
	c := calls(f.pool)[opCreate]
	assert.Equal(t, fleetSize, c.Forwarded, "one Create reached Cognito per stack")
	bound := time.Duration(float64(fleetSize-fleetRate)/fleetRate*float64(time.Second)) + time.Second
	t.Logf("throttled fleet: %d creates at %d/s took %s (quota bound ~%s); %d requests throttled",
		fleetSize, fleetRate, took.Round(10*time.Millisecond), bound, c.Throttled)
}

// BenchmarkThrottledFleet reports the wall time of the throttled fleet in s/fleet.
func BenchmarkThrottledFleet(b *testing.B) {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		pool, err := moto.CreateUserPool(context.Background(), fmt.Sprintf("bench-fleet-%d", i))
		require.NoError(b, err)
		proxy.SetRateLimit(pool, fleetRate, fleetRate)
		urls := make([]string, fleetSize)
		events := make([][]byte, fleetSize)
		for j := range events {
			urls[j] = catcher.NewURL()
			events[j] = []byte(fmt.Sprintf(`{"RequestType":"Create","ResponseURL":%q,"StackId":"arn:aws:cloudformation:us-east-1:123456789012:stack/bench-%d/x",`+
				`"RequestId":"r%d","LogicalResourceId":"Client","ResourceType":"Custom::UserPoolClient",`+
				`"ResourceProperties":{"UserPoolId":%q,"ClientName":"fleet-%02d"}}`, urls[j], j, j, pool, j))
		}
		b.StartTimer()
		took, errs := fleet(log, events)
		b.StopTimer()
		total += took
		for j, u := range urls {
			require.NoError(b, errs[j])
			got := catcher.Snapshot(u)
			require.True(b, got.Delivered, "instance %d answered", j)
			require.Equal(b, "SUCCESS", got.Response.Status, got.Response.Reason)
		}
		proxy.SetRateLimit(pool, 0, 0)
		b.StartTimer()
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "s/fleet")
}

// TestRuntime_SameEventOnTwoInstancesAtOnce measures the documented limit: two instances
// handed the same Create at the same moment each make a client, since Cognito clients carry
// no idempotency token and neither instance knows of the other. Both answer the same
// ResponseURL; CloudFormation keeps one ID, the other client is owned by no stack.
func TestRuntime_SameEventOnTwoInstancesAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := request{RequestType: provider.Create, Props: webProps(f.pool)}
	payload := f.event(&r)
	handlers := []*provider.Handler{instance(f.log), instance(f.log)}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, h := range handlers {
		wg.Go(func() {
			<-start
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, err := h.Invoke(ctx, payload)
			assert.NoError(t, err)
		})
	}
	close(start)
	wg.Wait()
	got := settle(t, r.ResponseURL, true)
	resp := f.checkResponse(r, got, expectation{puts: [2]int{2, 2}, delivered: 2, differentBodies: true})
	require.Equal(t, "SUCCESS", resp.Status, resp.Reason)
	for _, req := range got.Requests {
		assert.Equal(t, "SUCCESS", req.Response.Status)
	}
	clients := clientIDs(t, f.pool)
	assert.Len(t, clients, 2, "measured: two clients for one logical resource")
	assert.Equal(t, 2, calls(f.pool)[opCreate].Received)
	t.Logf("same Create on two instances at once: %d clients, %d answers to one ResponseURL", len(clients), got.PUTs)
	f.expectOrphans(len(clients)-1, "the same Create on two instances at once makes two clients (no idempotency token); CloudFormation keeps one")
}
