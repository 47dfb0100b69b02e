package bench

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
)

const (
	lambdaPkg = "github.com/cognito-cfn/userpoolclient/lambda"
	floorPkg  = "github.com/cognito-cfn/userpoolclient/test/floor"
)

// functionTimeout is the emulated function timeout (the handler keeps 4 s of it to answer).
const functionTimeout = 30 * time.Second

// env is what every benchmark shares: both host bootstraps, moto with one pool, a catcher.
// It is set up on first use, so that a plain `go test ./...` starts nothing here.
type env struct {
	dir       string
	bootstrap string // the real one, ./lambda
	floor     string // test/floor
	moto      *localrun.Moto
	catcher   *localrun.Catcher
	pool      string
	events    map[string][]byte // events/*.json by file name
}

var (
	shared    *env
	sharedErr error
	setupOnce sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.close()
	}
	os.Exit(code)
}

// setup returns the shared environment, starting it the first time.
func setup(b *testing.B) *env {
	b.Helper()
	testrig.Need(b, testrig.Moto)
	setupOnce.Do(func() { shared, sharedErr = start() })
	if sharedErr != nil {
		b.Fatal(sharedErr)
	}
	return shared
}

func start() (*env, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "bench-*")
	if err != nil {
		return nil, err
	}
	e := &env{
		dir:       dir,
		bootstrap: filepath.Join(dir, "real", "bootstrap"),
		floor:     filepath.Join(dir, "floor", "bootstrap"),
		events:    map[string][]byte{},
	}
	fail := func(err error) (*env, error) {
		e.close()
		return nil, err
	}
	for pkg, out := range map[string]string{lambdaPkg: e.bootstrap, floorPkg: e.floor} {
		if err := localrun.BuildBootstrap(ctx, pkg, out); err != nil {
			return fail(err)
		}
	}
	if _, err := localrun.RIEPath(ctx); err != nil {
		return fail(err)
	}
	if e.moto, err = localrun.StartMoto(ctx); err != nil {
		return fail(err)
	}
	// The first cognito-idp call costs moto a few hundred milliseconds: pay it here.
	if e.pool, err = e.moto.CreateUserPool(ctx, "bench"); err != nil {
		return fail(err)
	}
	e.catcher = localrun.StartCatcher()
	for _, name := range []string{"create.json", "update.json", "delete.json", "delete-failed-create.json"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "events", name))
		if err != nil {
			return fail(err)
		}
		e.events[name] = raw
	}
	return e, nil
}

func (e *env) close() {
	if e.catcher != nil {
		_ = e.catcher.Close()
	}
	if e.moto != nil {
		_ = e.moto.Stop()
	}
	_ = os.RemoveAll(e.dir)
}

// emulator starts an emulator on bootstrap with the function pointed at endpoint (moto, or
// the counting proxy in front of it).
func (e *env) emulator(b *testing.B, bootstrap, endpoint string) *localrun.Emulator {
	b.Helper()
	emu, err := localrun.StartEmulator(context.Background(), localrun.EmulatorConfig{
		Bootstrap: bootstrap,
		Env:       map[string]string{localrun.EndpointEnv: endpoint},
		Timeout:   functionTimeout,
	})
	if err != nil {
		b.Fatal(err)
	}
	return emu
}

// answer is one request sent and the response it got.
type answer struct {
	event    []byte    // as sent
	sent     time.Time // just before the invoke was sent
	received time.Time // when the catcher received the response
	response localrun.Response
}

// latency is what CloudFormation observes: from the request to the response at the catcher.
func (a answer) latency() time.Duration { return a.received.Sub(a.sent) }

// request sends event (prepared for the pool and a fresh RequestId, then opts) through emu
// and returns the delivered response. A function error, a missing response or a FAILED one
// ends the benchmark.
func (e *env) request(b *testing.B, emu *localrun.Emulator, raw []byte, opts ...localrun.EventOption) answer {
	b.Helper()
	url := e.catcher.NewURL()
	opts = append([]localrun.EventOption{localrun.WithRequestID(localrun.NewRequestID())}, opts...)
	event, err := localrun.PrepareEvent(raw, url, e.pool, opts...)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), functionTimeout+30*time.Second)
	defer cancel()
	a := answer{event: event, sent: time.Now()}
	result, err := emu.Invoke(ctx, event)
	if err != nil {
		b.Fatalf("invoke: %v\nlogs:\n%s", err, emu.Logs())
	}
	if msg, failed := localrun.FunctionError(result); failed {
		b.Fatalf("function error %q\nlogs:\n%s", msg, emu.Logs())
	}
	got, err := e.catcher.Wait(ctx, url)
	if err != nil {
		b.Fatalf("%v\nlogs:\n%s", err, emu.Logs())
	}
	if got.Response.Status != "SUCCESS" {
		b.Fatalf("%s: %s", got.Response.Status, got.Response.Reason)
	}
	a.received, a.response = got.Received, got.Response
	return a
}

// stop stops emu, ending the benchmark if it cannot.
func stop(b *testing.B, emu *localrun.Emulator) {
	b.Helper()
	if err := emu.Stop(); err != nil {
		b.Fatal(err)
	}
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// median of the samples (0 without any).
func median(samples []time.Duration) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
