package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/cognito-cfn/userpoolclient/test/bench
cpu: AMD EPYC
BenchmarkColdStart-2      	       3	        19.94 ms/cold-invoke	         8.712 ms/cold-invoke-floor	        47.45 ms/cold-start	        37.84 ms/cold-start-floor
BenchmarkCognitoCalls-2   	       3	         1.000 calls/create	         2.000 calls/delete	         1.000 calls/update	        11.25 ms/warm-update
--- BENCH: BenchmarkCognitoCalls-2
    bench_test.go:148: Cognito calls: create map[CreateUserPoolClient:1]
BenchmarkArtifactSize-2   	       3	         9.372 MB/arm64-bootstrap	         5.898 MB/arm64-bootstrap-floor	   9371774 bytes/arm64-bootstrap	   5898366 bytes/arm64-bootstrap-floor
PASS
ok  	github.com/cognito-cfn/userpoolclient/test/bench	12.620s
pkg: github.com/cognito-cfn/userpoolclient/test/faults
BenchmarkThrottledFleet-2 	       1	 1234 ns/op	        3.000 retries/request
PASS
`

func TestParseAndRender(t *testing.T) {
	p, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	require.Len(t, p.results, 4)
	assert.Equal(t, "AMD EPYC", p.cpu)
	assert.Empty(t, p.failed)
	v, ok := p.value("ms/cold-start")
	require.True(t, ok)
	assert.Equal(t, 47.45, v)
	assert.Equal(t, "BenchmarkThrottledFleet", p.results[3].name)
	assert.Equal(t, "github.com/cognito-cfn/userpoolclient/test/faults", p.results[3].pkg)

	var b bytes.Buffer
	m := machine{nproc: "2", arch: "x86_64", cpu: "AMD EPYC", goVersion: "go1.26", date: "d", loadBefore: "3.10 2.00 1.00", loadAfter: "4 3 2"}
	render(&b, p, m, sample, "3x", true)
	doc := b.String()
	for _, want := range []string{
		"| Cold start within 1.5× the floor | 1.25× (47.5 ms vs 37.8 ms) | meets |",
		"| Exactly one Cognito call per Create, in-place Update and Delete | 1 / 1 / 2 | **MISSES** |",
		"| linux/arm64 bootstrap ≤ 10 MB | 9.37 MB | meets |",
		"| linux/arm64 bootstrap (MB) | 9.37 (9371774 bytes) | 5.90 (5898366 bytes) | 1.59× |",
		"| BenchmarkThrottledFleet (test/faults) | retries/request | 3 |",
		"| BenchmarkThrottledFleet (test/faults) | ns/op | 1234 |",
		"**Taken on a loaded machine**: the 1-minute load average was 3.10 on 2 cores",
		"| Load average before (1, 5, 15 min) | 3.10 2.00 1.00 |",
	} {
		assert.Contains(t, doc, want)
	}
	assert.NotContains(t, doc, "| BenchmarkColdStart (test/bench) |", "shown in the results table, not among the others")
}

func TestQuietMachine(t *testing.T) {
	p, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	var b bytes.Buffer
	render(&b, p, machine{nproc: "2", loadBefore: "0.84 2.54 3.77"}, sample, "", true)
	assert.Contains(t, b.String(), "The machine was quiet when the run started")
	assert.Contains(t, b.String(), "work that had ended before the run")
	assert.NotContains(t, b.String(), "loaded machine")
}

func TestParseReportsFailures(t *testing.T) {
	p, err := parse(strings.NewReader("--- FAIL: BenchmarkWarm\nFAIL\tgithub.com/x\t1s\n"))
	require.NoError(t, err)
	assert.Len(t, p.failed, 2)
	assert.Empty(t, p.results)
}
