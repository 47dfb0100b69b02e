package bench

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// The metrics are medians over the iterations (robust on a shared machine); ns/op, which
// would include setup and teardown, is suppressed. A metric unit ending in "-floor" is the
// same measurement of the do-nothing floor bootstrap, taken in the same iterations.

// BenchmarkColdStart measures a cold start as CloudFormation sees it: from starting the
// emulator (a fresh bootstrap process, started by the emulator on the first invoke) to the
// response of the first request, a Create, at the catcher. ms/cold-invoke is the part from
// sending the request. The real bootstrap and the floor alternate, so both see the same
// machine load.
func BenchmarkColdStart(b *testing.B) {
	e := setup(b)
	create := e.events["create.json"]
	// coldStart returns emulator start -> response and invoke -> response.
	coldStart := func(bootstrap string) (time.Duration, time.Duration) {
		t0 := time.Now()
		emu := e.emulator(b, bootstrap, e.moto.URL())
		a := e.request(b, emu, create)
		stop(b, emu)
		if bootstrap == e.bootstrap {
			e.deleteClient(b, a.response.PhysicalResourceID)
		}
		return a.received.Sub(t0), a.latency()
	}
	// Untimed: load both binaries into the page cache.
	coldStart(e.bootstrap)
	coldStart(e.floor)

	var real, floor, realInvoke, floorInvoke []time.Duration
	b.ResetTimer()
	for i := range b.N {
		order := []string{e.bootstrap, e.floor}
		if i%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for _, bs := range order {
			start, invoke := coldStart(bs)
			if bs == e.bootstrap {
				real, realInvoke = append(real, start), append(realInvoke, invoke)
			} else {
				floor, floorInvoke = append(floor, start), append(floorInvoke, invoke)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(median(real)), "ms/cold-start")
	b.ReportMetric(ms(median(floor)), "ms/cold-start-floor")
	b.ReportMetric(ms(median(realInvoke)), "ms/cold-invoke")
	b.ReportMetric(ms(median(floorInvoke)), "ms/cold-invoke-floor")
}

// BenchmarkWarm measures requests to a warm bootstrap, from the request to the response at
// the catcher: a Create followed by the Delete of the client it made (one Cognito call each;
// the pair leaves moto as it found it, where a loop of Creates would grow one pool without
// bound and slow moto's listing down), and the Delete of a failed Create's marker (no
// Cognito call: the handler's own cost). The floor answers the same marker Delete. After
// the iterations it reads the peak RSS (VmHWM) of both bootstrap processes, which have
// then served every request of the run.
func BenchmarkWarm(b *testing.B) {
	e := setup(b)
	real := e.emulator(b, e.bootstrap, e.moto.URL())
	defer stop(b, real)
	floor := e.emulator(b, e.floor, e.moto.URL())
	defer stop(b, floor)
	create, del, marker := e.events["create.json"], e.events["delete.json"], e.events["delete-failed-create.json"]

	// Untimed: start both processes and load the SDK configuration.
	id := e.request(b, real, create).response.PhysicalResourceID
	e.request(b, real, del, localrun.WithPhysicalResourceID(id))
	e.request(b, floor, marker)

	var creates, deletes, noops, floors []time.Duration
	b.ResetTimer()
	for range b.N {
		c := e.request(b, real, create)
		d := e.request(b, real, del, localrun.WithPhysicalResourceID(c.response.PhysicalResourceID))
		n := e.request(b, real, marker)
		f := e.request(b, floor, marker)
		creates, deletes = append(creates, c.latency()), append(deletes, d.latency())
		noops, floors = append(noops, n.latency()), append(floors, f.latency())
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(median(creates)), "ms/warm-create")
	b.ReportMetric(ms(median(deletes)), "ms/warm-delete")
	b.ReportMetric(ms(median(noops)), "ms/warm-noop")
	b.ReportMetric(ms(median(floors)), "ms/warm-noop-floor")

	for _, s := range []struct {
		emu       *localrun.Emulator
		bootstrap string
		unit      string
	}{{real, e.bootstrap, "MB/peak-rss"}, {floor, e.floor, "MB/peak-rss-floor"}} {
		pid, err := bootstrapPID(s.emu.PID(), s.bootstrap)
		if err != nil {
			b.Fatal(err)
		}
		rss, err := peakRSS(pid)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rss)/1e6, s.unit)
	}
}

// BenchmarkCognitoCalls counts the Cognito calls of Create, in-place Update (update.json
// chained to the Create, as CloudFormation chains them) and Delete, at a counting proxy in
// front of moto. The target is exactly one call each.
func BenchmarkCognitoCalls(b *testing.B) {
	e := setup(b)
	proxy := newCountingProxy(b, e.moto.URL())
	emu := e.emulator(b, e.bootstrap, proxy.URL())
	defer stop(b, emu)
	create, update, del := e.events["create.json"], e.events["update.json"], e.events["delete.json"]
	e.request(b, emu, e.events["delete-failed-create.json"]) // untimed: start the process
	proxy.take()

	var creates, updates, deletes int
	var updateLatency []time.Duration
	b.ResetTimer()
	for i := range b.N {
		c := e.request(b, emu, create)
		cc := proxy.take()
		id := c.response.PhysicalResourceID
		createProps, _ := localrun.EventField(c.event, "ResourceProperties")
		u := e.request(b, emu, update, localrun.WithPhysicalResourceID(id), localrun.WithOldResourceProperties(createProps))
		uc := proxy.take()
		if u.response.PhysicalResourceID != id {
			b.Fatalf("update.json replaced the client (%s -> %s); it should update in place", id, u.response.PhysicalResourceID)
		}
		updateProps, _ := localrun.EventField(u.event, "ResourceProperties")
		e.request(b, emu, del, localrun.WithPhysicalResourceID(id), localrun.WithResourceProperties(updateProps))
		dc := proxy.take()
		if i == 0 {
			b.Logf("Cognito calls: create %v, update %v, delete %v", cc, uc, dc)
		}
		creates, updates, deletes = creates+total(cc), updates+total(uc), deletes+total(dc)
		updateLatency = append(updateLatency, u.latency())
	}
	b.StopTimer()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(creates)/float64(b.N), "calls/create")
	b.ReportMetric(float64(updates)/float64(b.N), "calls/update")
	b.ReportMetric(float64(deletes)/float64(b.N), "calls/delete")
	b.ReportMetric(ms(median(updateLatency)), "ms/warm-update")
}

// deleteClient removes a client the benchmark made, straight in moto.
func (e *env) deleteClient(b *testing.B, id string) {
	b.Helper()
	_, err := e.moto.Cognito().DeleteUserPoolClient(context.Background(),
		&cip.DeleteUserPoolClientInput{UserPoolId: aws.String(e.pool), ClientId: aws.String(id)})
	if err != nil {
		b.Fatal(err)
	}
}
