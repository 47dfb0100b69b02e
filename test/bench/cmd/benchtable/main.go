// Command benchtable turns the output of `go test -bench` for test/bench (and test/faults,
// when present) into a markdown table, prints it, and with -o writes BENCHMARKS.md: the
// machine it ran on, its load before and after, the targets and whether they are met, and
// the raw output.
//
// Usage (what `make bench` runs):
//
//	go run ./test/bench/cmd/benchtable -in build/bench.out -o BENCHMARKS.md \
//		-load-before "$(cat /proc/loadavg)" -load-after "$(cat /proc/loadavg)"
//
// It exits 1, writing nothing, when the benchmark output holds no result or reports a
// failure.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// result is one benchmark's metrics, by unit; repeated runs (-count) keep every value.
type result struct {
	name    string // without the -GOMAXPROCS suffix
	pkg     string
	metrics map[string][]float64
}

// parsed is what the benchmark output holds.
type parsed struct {
	results []*result
	cpu     string // the "cpu:" header
	failed  []string
}

// parse reads `go test -bench` output.
func parse(r io.Reader) (parsed, error) {
	var p parsed
	byName := map[string]*result{}
	pkg := ""
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		line := s.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimPrefix(line, "pkg: ")
		case strings.HasPrefix(line, "cpu: "):
			p.cpu = strings.TrimPrefix(line, "cpu: ")
		case strings.HasPrefix(line, "--- FAIL"), strings.HasPrefix(line, "FAIL"), strings.HasPrefix(line, "panic:"):
			p.failed = append(p.failed, line)
		case strings.HasPrefix(line, "Benchmark"):
			f := strings.Fields(line)
			// BenchmarkX-2  <N>  <value> <unit> ...
			if len(f) < 4 || len(f)%2 != 0 {
				continue
			}
			if _, err := strconv.Atoi(f[1]); err != nil {
				continue
			}
			name := f[0]
			if i := strings.LastIndexByte(name, '-'); i > 0 {
				if _, err := strconv.Atoi(name[i+1:]); err == nil {
					name = name[:i]
				}
			}
			key := pkg + "\x00" + name
			res := byName[key]
			if res == nil {
				res = &result{name: name, pkg: pkg, metrics: map[string][]float64{}}
				byName[key] = res
				p.results = append(p.results, res)
			}
			for i := 2; i+1 < len(f); i += 2 {
				v, err := strconv.ParseFloat(f[i], 64)
				if err != nil {
					return p, fmt.Errorf("bad value %q in %q", f[i], line)
				}
				res.metrics[f[i+1]] = append(res.metrics[f[i+1]], v)
			}
		}
	}
	return p, s.Err()
}

// value returns the median of unit over every benchmark that reports it.
func (p parsed) value(unit string) (float64, bool) {
	var vs []float64
	for _, r := range p.results {
		vs = append(vs, r.metrics[unit]...)
	}
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2], true
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2, true
}

// row is one line of the results table: a metric of the bootstrap and, when measured, the
// same metric of the floor.
type row struct {
	label string
	unit  string
	floor string // unit of the floor's measurement, "" when none
	bytes string // unit of the exact size in bytes, "" when none
}

var rows = []row{
	{"Cold start: emulator start → first response at the catcher (ms)", "ms/cold-start", "ms/cold-start-floor", ""},
	{"Cold invoke: request sent → first response (ms)", "ms/cold-invoke", "ms/cold-invoke-floor", ""},
	{"Warm Create, 1 Cognito call (ms)", "ms/warm-create", "", ""},
	{"Warm in-place Update, 1 Cognito call (ms)", "ms/warm-update", "", ""},
	{"Warm Delete, 1 Cognito call (ms)", "ms/warm-delete", "", ""},
	{"Warm Delete of a failed Create's marker, no Cognito call (ms)", "ms/warm-noop", "ms/warm-noop-floor", ""},
	{"Peak RSS of the bootstrap process, VmHWM (MB)", "MB/peak-rss", "MB/peak-rss-floor", ""},
	{"linux/arm64 bootstrap (MB)", "MB/arm64-bootstrap", "MB/arm64-bootstrap-floor", "bytes/arm64-bootstrap"},
	{"linux/arm64 bootstrap.zip (MB)", "MB/arm64-zip", "MB/arm64-zip-floor", "bytes/arm64-zip"},
	{"Cognito calls per Create", "calls/create", "", ""},
	{"Cognito calls per in-place Update", "calls/update", "", ""},
	{"Cognito calls per Delete", "calls/delete", "", ""},
	{"Cognito calls per rotation, two secrets held (Update, List, Delete, Add)", "cognito-calls/rotation", "", ""},
	{"Secrets Manager calls per rotation (Describe, reads, one Put)", "secretsmanager-calls/rotation", "", ""},
	{"Cognito calls per roll back (Update, List)", "cognito-calls/rollback", "", ""},
	{"Secrets Manager calls per roll back (Describe, reads, one stage move)", "secretsmanager-calls/rollback", "", ""},
	{"Warm rotation (ms)", "ms/warm-rotation", "", ""},
}

// target is one goal with its check.
type target struct {
	goal  string
	check func(p parsed) (measured string, ok, known bool)
}

var targets = []target{
	{"Cold start within 1.5× the floor", func(p parsed) (string, bool, bool) {
		real, ok1 := p.value("ms/cold-start")
		floor, ok2 := p.value("ms/cold-start-floor")
		if !ok1 || !ok2 || floor == 0 {
			return "", false, false
		}
		return fmt.Sprintf("%.2f× (%.1f ms vs %.1f ms)", real/floor, real, floor), real <= 1.5*floor, true
	}},
	{"Exactly one Cognito call per Create, in-place Update and Delete", func(p parsed) (string, bool, bool) {
		var got []string
		ok := true
		for _, u := range []string{"calls/create", "calls/update", "calls/delete"} {
			v, known := p.value(u)
			if !known {
				return "", false, false
			}
			got = append(got, num(v))
			ok = ok && v == 1
		}
		return strings.Join(got, " / "), ok, true
	}},
	{"linux/arm64 bootstrap ≤ 10 MB", func(p parsed) (string, bool, bool) {
		v, ok := p.value("MB/arm64-bootstrap")
		if !ok {
			return "", false, false
		}
		return fmt.Sprintf("%.2f MB", v), v <= 10, true
	}},
}

// consumed reports whether unit is shown in the results table.
func consumed(unit string) bool {
	for _, r := range rows {
		if unit == r.unit || unit == r.floor || unit == r.bytes {
			return true
		}
	}
	return false
}

func num(v float64) string {
	switch {
	case v == float64(int64(v)):
		return strconv.FormatInt(int64(v), 10)
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

// machine describes where the benchmarks ran.
type machine struct {
	nproc, arch, cpu, goVersion, date string
	loadBefore, loadAfter             string
}

func (m machine) loaded() (float64, bool) {
	n, _ := strconv.Atoi(m.nproc)
	f := strings.Fields(m.loadBefore)
	if n == 0 || len(f) == 0 {
		return 0, false
	}
	l, err := strconv.ParseFloat(f[0], 64)
	return l, err == nil && l > 0.5*float64(n)
}

// recentlyLoaded reports a 5-minute load average before the run above half the cores.
func (m machine) recentlyLoaded() bool {
	n, _ := strconv.Atoi(m.nproc)
	f := strings.Fields(m.loadBefore)
	if n == 0 || len(f) < 2 {
		return false
	}
	l, err := strconv.ParseFloat(f[1], 64)
	return err == nil && l > 0.5*float64(n)
}

func probeMachine(cpuHeader, before, after string) machine {
	m := machine{
		nproc:      strconv.Itoa(runtime.NumCPU()),
		arch:       runtime.GOARCH,
		cpu:        cpuHeader,
		goVersion:  runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
		date:       time.Now().UTC().Format(time.RFC3339),
		loadBefore: loadFields(before),
		loadAfter:  loadFields(after),
	}
	if out, err := exec.Command("nproc").Output(); err == nil {
		m.nproc = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("uname", "-m").Output(); err == nil {
		m.arch = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if m.loadAfter == "" {
		if b, err := os.ReadFile("/proc/loadavg"); err == nil {
			m.loadAfter = loadFields(string(b))
		}
	}
	return m
}

// loadFields keeps the three load averages of a /proc/loadavg line.
func loadFields(s string) string {
	f := strings.Fields(s)
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.Join(f, " ")
}

// render writes the report: the table alone (for the terminal) or the whole document.
func render(w io.Writer, p parsed, m machine, raw string, benchtime string, doc bool) {
	if doc {
		fmt.Fprintf(w, "# Benchmarks\n\n")
		fmt.Fprintf(w, "Written by `make bench` (the benchmarks are in `test/bench`, this page by `test/bench/cmd/benchtable`); "+
			"run it again to refresh. Every latency is the median over the iterations; the floor is `test/floor`, "+
			"a do-nothing bootstrap that answers SUCCESS without calling Cognito, measured in the same iterations.\n\n")
		fmt.Fprintf(w, "## Machine\n\n| | |\n|---|---|\n")
		fmt.Fprintf(w, "| `nproc` | %s |\n| `uname -m` | %s |\n| CPU | %s |\n| Go | %s |\n| Date (UTC) | %s |\n",
			m.nproc, m.arch, m.cpu, m.goVersion, m.date)
		fmt.Fprintf(w, "| Load average before (1, 5, 15 min) | %s |\n| Load average after | %s |\n", m.loadBefore, m.loadAfter)
		if benchtime != "" {
			fmt.Fprintf(w, "| `-benchtime` | %s |\n", benchtime)
		}
		fmt.Fprintln(w)
		if l, loaded := m.loaded(); loaded {
			fmt.Fprintf(w, "**Taken on a loaded machine**: the 1-minute load average was %s on %s cores when the run started, "+
				"so other work (builds and tests running beside it) shared the CPUs. Absolute latencies are inflated and noisy; "+
				"the ratios to the floor, measured in alternating iterations of the same run, are the figures to compare.\n\n",
				num(l), m.nproc)
		} else {
			fmt.Fprintf(w, "The machine was quiet when the run started (1-minute load below half the cores); the benchmark's "+
				"own processes (moto, the emulator, the bootstraps) account for most of the load after.")
			if m.recentlyLoaded() {
				fmt.Fprintf(w, " The higher 5- and 15-minute averages are work that had ended before the run.")
			}
			fmt.Fprintf(w, "\n\n")
		}
		fmt.Fprintf(w, "## Targets\n\n")
	}
	fmt.Fprintf(w, "| Target | Measured | Verdict |\n|---|---|---|\n")
	for _, t := range targets {
		measured, ok, known := t.check(p)
		verdict := "meets"
		switch {
		case !known:
			measured, verdict = "not measured", "—"
		case !ok:
			verdict = "**MISSES**"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.goal, measured, verdict)
	}
	fmt.Fprintln(w)
	if doc {
		fmt.Fprintf(w, "## Results\n\n")
	}
	fmt.Fprintf(w, "| Measure | bootstrap | floor | bootstrap ÷ floor |\n|---|---:|---:|---:|\n")
	for _, r := range rows {
		v, ok := p.value(r.unit)
		if !ok {
			continue
		}
		cell := num(v)
		if b, ok := p.value(r.bytes); ok {
			cell += fmt.Sprintf(" (%s bytes)", strconv.FormatInt(int64(b), 10))
		}
		floor, ratio := "—", "—"
		if f, ok := p.value(r.floor); ok {
			floor = num(f)
			if b, ok := p.value(r.bytes + "-floor"); ok && r.bytes != "" {
				floor += fmt.Sprintf(" (%s bytes)", strconv.FormatInt(int64(b), 10))
			}
			if f != 0 {
				ratio = fmt.Sprintf("%.2f×", v/f)
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.label, cell, floor, ratio)
	}
	var other [][3]string
	for _, res := range p.results {
		units := make([]string, 0, len(res.metrics))
		for u := range res.metrics {
			units = append(units, u)
		}
		slices.Sort(units)
		for _, u := range units {
			if consumed(u) || strings.HasSuffix(u, "-floor") && consumed(strings.TrimSuffix(u, "-floor")) {
				continue
			}
			v := res.metrics[u]
			if u == "ns/op" && slices.Max(v) == 0 {
				continue
			}
			other = append(other, [3]string{res.name + " (" + shortPkg(res.pkg) + ")", u, num(v[len(v)-1])})
		}
	}
	if len(other) > 0 {
		fmt.Fprintln(w)
		if doc {
			fmt.Fprintf(w, "## Other benchmarks\n\n")
		}
		fmt.Fprintf(w, "| Benchmark | Metric | Value |\n|---|---|---:|\n")
		for _, o := range other {
			fmt.Fprintf(w, "| %s | %s | %s |\n", o[0], o[1], o[2])
		}
	}
	if !doc {
		return
	}
	fmt.Fprintf(w, "\n## How it is measured\n\n%s\n", method)
	fmt.Fprintf(w, "## Raw output\n\n```\n%s\n```\n", strings.TrimRight(raw, "\n"))
}

func shortPkg(pkg string) string {
	return strings.TrimPrefix(pkg, "github.com/cognito-cfn/userpoolclient/")
}

const method = `- Everything runs on this machine: the bootstrap built for the host with the release flags
  (` + "`-trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc`" + `, CGO off) under the AWS Lambda Runtime
  Interface Emulator, Cognito and Secrets Manager served by moto on loopback behind the local
  Cognito (` + "`internal/localcognito`" + `), the ResponseURL a local catcher. Latencies include the
  emulator's, the local Cognito's and moto's own costs, which real Lambda and Cognito do not share; the floor
  pays the emulator's part too, which is why the ratio is the figure to compare.
- **Cold start** (BenchmarkColdStart): a new emulator per iteration, which starts a new bootstrap
  process on the first request, a Create (one Cognito call, plus the SDK configuration load). Timed
  from starting the emulator (it includes polling its port every 25 ms) to the response at the
  catcher. The real bootstrap and the floor alternate, one after the other in every iteration.
  About 25–30 ms of it is the emulator starting, the same for both; **cold invoke**, from sending
  the request to the response, is the bootstrap's own cold path (process start, SDK configuration,
  the first Cognito call against moto), where the ratio to the floor is larger.
- **Warm** (BenchmarkWarm): one warm process each. Every iteration sends a Create and then the Delete
  of the client it made, so moto ends as it started (a loop of Creates alone would grow one pool
  without bound and slow moto's listing down), and a Delete of a failed Create's marker, which
  makes no Cognito call: the handler's own cost, against the floor answering the same request.
- **Peak RSS**: VmHWM of ` + "`/proc/<pid>/status`" + ` of the bootstrap process (the emulator's child running
  the bootstrap executable), read after every warm request of the run. The emulator's REPORT line
  has a "Max Memory Used" field, but this emulator prints the configured memory size there
  (3008 MB), not a measurement.
- **Cognito calls** (BenchmarkCognitoCalls): counted by X-Amz-Target at a reverse proxy between the
  function and the local Cognito, for create.json, update.json chained to it (in place), and
  delete.json; **rotation calls** (BenchmarkRotationCalls) the same way, Cognito's and Secrets
  Manager's, for a rotation with two secrets held and for its roll back.
- **Sizes** (BenchmarkArtifactSize): ` + "`CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc`" + `,
  then the file dated SOURCE_DATE and ` + "`zip -X`" + `, as ` + "`make build`" + ` does. MB is 10^6 bytes.
`

func main() {
	in := flag.String("in", "", "benchmark output `file` (default stdin)")
	out := flag.String("o", "", "write the markdown document to `file` (BENCHMARKS.md)")
	before := flag.String("load-before", "", "contents of /proc/loadavg before the run")
	after := flag.String("load-after", "", "contents of /proc/loadavg after the run (default: now)")
	benchtime := flag.String("benchtime", "", "the -benchtime the benchmarks ran with")
	flag.Parse()

	if err := run(*in, *out, *before, *after, *benchtime); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(in, out, before, after, benchtime string) error {
	var raw []byte
	var err error
	if in == "" {
		raw, err = io.ReadAll(os.Stdin)
	} else {
		raw, err = os.ReadFile(in)
	}
	if err != nil {
		return err
	}
	p, err := parse(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	if len(p.results) == 0 {
		return errors.New("no benchmark results in the input")
	}
	m := probeMachine(p.cpu, before, after)
	render(os.Stdout, p, m, string(raw), benchtime, false)
	if len(p.failed) > 0 {
		// Keep the last complete BENCHMARKS.md rather than write a partial one.
		return fmt.Errorf("the benchmarks failed (%s not written): %s", out, strings.Join(p.failed, "; "))
	}
	if out != "" {
		var doc bytes.Buffer
		render(&doc, p, m, string(raw), benchtime, true)
		if err := os.WriteFile(out, doc.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Printf("\nwrote %s\n", out)
	}
	return nil
}
