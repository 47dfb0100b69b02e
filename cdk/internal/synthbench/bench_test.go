package synthbench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// app is one CDK app to synthesize, by its directory and the stack it writes.
type app struct {
	name, dir string
}

var (
	dropIn = app{"dropin", "../../example"}
	native = app{"native", "../../example/native"}
)

const stackName = "UserPoolClientExample"

// run runs a command in dir with extra environment and returns how long it took (wall clock).
func run(b *testing.B, dir string, env []string, name string, args ...string) time.Duration {
	wall, _ := runCPU(b, dir, env, name, args...)
	return wall
}

// runCPU is run that also returns the CPU time (user and system) of the command and of the
// processes it waited for (the compiler, node): unlike wall time, it hardly depends on what
// else the machine is doing.
func runCPU(b *testing.B, dir string, env []string, name string, args ...string) (wall, cpu time.Duration) {
	b.Helper()
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, append(os.Environ(), env...), &out, &out
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		b.Fatalf("%s %v in %s: %v\n%s", name, args, dir, err, out.String())
	}
	return d, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// synth is `go run .` of the app, as cdk.json runs it, into a fresh output directory; it checks
// that the template was written.
func synth(b *testing.B, a app, env ...string) time.Duration {
	b.Helper()
	out := b.TempDir()
	d := run(b, a.dir, append(env, "CDK_OUTDIR="+out), "go", "run", ".")
	if _, err := os.Stat(filepath.Join(out, stackName+".template.json")); err != nil {
		b.Fatalf("%s wrote no template: %v", a.name, err)
	}
	return d
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// BenchmarkSynthWarm: `go run .` of each app with the build cache, the executable cache and
// jsii's package cache warm (one untimed run each first), alternating, b.N times each.
func BenchmarkSynthWarm(b *testing.B) {
	synth(b, dropIn)
	synth(b, native)
	var ours, theirs []time.Duration
	b.ResetTimer()
	for range b.N {
		ours = append(ours, synth(b, dropIn))
		theirs = append(theirs, synth(b, native))
	}
	b.StopTimer()
	mo, mn := median(ours), median(theirs)
	b.ReportMetric(mo.Seconds(), "s/warm-synth-dropin")
	b.ReportMetric(mn.Seconds(), "s/warm-synth-native")
	b.ReportMetric(mo.Seconds()/mn.Seconds(), "x/warm-synth-dropin-vs-native")
	b.ReportMetric(0, "ns/op")
}

var (
	coldOnce    sync.Once
	coldMetrics map[string]float64
	coldLog     []string
)

// BenchmarkSynthCold: each app built and synthesized with an empty Go build cache and an empty
// jsii package cache, as on a fresh CI machine (the module cache stays: downloads are not
// measured). Split into `go build` of the app and the run of the binary (synth, which for the
// drop-in includes the provider function's go build in that same empty cache); the function's
// build is also timed on its own in another empty cache. Measured once per process, whatever
// b.N: each cold step costs minutes on two cores.
func BenchmarkSynthCold(b *testing.B) {
	coldOnce.Do(func() {
		coldMetrics = map[string]float64{}
		for _, a := range []app{dropIn, native} {
			gocache, jsiicache, bin := b.TempDir(), b.TempDir(), filepath.Join(b.TempDir(), "app")
			env := []string{"GOCACHE=" + gocache, "JSII_RUNTIME_PACKAGE_CACHE_ROOT=" + jsiicache}
			build, buildCPU := runCPU(b, a.dir, env, "go", "build", "-o", bin, ".")
			out := b.TempDir()
			synth, synthCPU := runCPU(b, a.dir, append(env, "CDK_OUTDIR="+out), bin)
			coldMetrics["s/cold-build-"+a.name] = build.Seconds()
			coldMetrics["s/cold-run-"+a.name] = synth.Seconds()
			coldMetrics["s/cold-synth-"+a.name] = (build + synth).Seconds()
			coldMetrics["cpu-s/cold-build-"+a.name] = buildCPU.Seconds()
			coldMetrics["cpu-s/cold-run-"+a.name] = synthCPU.Seconds()
			coldLog = append(coldLog, fmt.Sprintf("%s: cold go build %.1f s (%.1f s CPU), then synth %.1f s (%.1f s CPU)",
				a.name, build.Seconds(), buildCPU.Seconds(), synth.Seconds(), synthCPU.Seconds()))
		}
		// The function's own cold build (what the drop-in's synth runs in its empty cache).
		fn, fnCPU := runCPU(b, "../../..", []string{"GOCACHE=" + b.TempDir(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0"},
			"go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-tags=lambda.norpc", "-o", filepath.Join(b.TempDir(), "bootstrap"), "./lambda")
		coldMetrics["s/cold-function-build"] = fn.Seconds()
		coldMetrics["cpu-s/cold-function-build"] = fnCPU.Seconds()
		coldLog = append(coldLog, fmt.Sprintf("provider function alone: cold go build %.1f s (%.1f s CPU)", fn.Seconds(), fnCPU.Seconds()))
	})
	for range b.N {
	}
	for unit, v := range coldMetrics {
		b.ReportMetric(v, unit)
	}
	b.ReportMetric(0, "ns/op")
	for _, l := range coldLog {
		b.Log(l)
	}
}
