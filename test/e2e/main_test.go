package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
)

// functionTimeout is the emulated function timeout: well above the handler's 4 s margin, so
// that every request here is decided by the handler, not by its deadline timer.
const functionTimeout = 30 * time.Second

// Started once for the package by TestMain; tests run one at a time (no t.Parallel): the
// emulator serves one invoke at a time and each test reads its own slice of the logs.
var (
	moto    *localrun.Moto
	catcher *localrun.Catcher
	emu     *localrun.Emulator
)

func TestMain(m *testing.M) {
	os.Exit(testrig.Run(m, testrig.Suite{Name: "test/e2e", Needs: []testrig.Tool{testrig.Moto}, Setup: setup}))
}

// setup starts moto while the bootstrap (and, the first time, the emulator) builds, then the
// catcher and the emulator.
func setup(ctx context.Context) (func() error, error) {
	type started struct {
		m   *localrun.Moto
		err error
	}
	motoc := make(chan started, 1)
	go func() {
		m, err := localrun.StartMoto(ctx)
		motoc <- started{m, err}
	}()
	bootstrap, buildErr := testrig.Lambda(ctx)
	s := <-motoc
	if s.err != nil {
		testrig.RemoveLambda()
		return nil, s.err
	}
	moto = s.m
	stop := func() {
		if emu != nil {
			_ = emu.Stop()
		}
		if catcher != nil {
			_ = catcher.Close()
		}
		_ = moto.Stop()
		testrig.RemoveLambda()
	}
	if buildErr != nil {
		stop()
		return nil, buildErr
	}
	catcher = localrun.StartCatcher()
	var err error
	emu, err = localrun.StartEmulator(ctx, localrun.EmulatorConfig{
		Bootstrap: bootstrap,
		Env:       moto.Env(),
		Timeout:   functionTimeout,
	})
	if err != nil {
		emu = nil
		stop()
		return nil, err
	}
	return func() error {
		unexpected := len(catcher.Unexpected())
		stop()
		if unexpected > 0 {
			return fmt.Errorf("the catcher received %d request(s) to URLs it never issued", unexpected)
		}
		return nil
	}, nil
}

// newPool creates a fresh user pool in moto for one test or one event.
func newPool(t *testing.T) string {
	t.Helper()
	return testrig.NewPool(t, moto, "e2e-")
}

// invocation is one request sent through the emulator and what came of it.
type invocation struct {
	event       []byte // as sent
	responseURL string
	result      []byte // the function's result, as the emulator returned it
	got         localrun.Captured
	logs        string // the emulator's output for this invocation
}

// response is the CloudFormation response delivered at the catcher.
func (iv invocation) response() localrun.Response { return iv.got.Response }

// field returns a top-level string of the event as sent.
func (iv invocation) field(key string) string { return localrun.EventString(iv.event, key) }

// invoke prepares raw for pool (a fresh RequestId first, so the warm instance never takes it
// for a duplicate delivery, then opts), sends it through the emulator and waits for the
// response. It requires that the function reported no error and that exactly one valid
// response arrived; see checkWire.
func invoke(t *testing.T, raw []byte, pool string, opts ...localrun.EventOption) invocation {
	t.Helper()
	iv := send(t, raw, pool, opts...)
	msg, failed := localrun.FunctionError(iv.result)
	require.False(t, failed, "function error %q (the handler returns nil once it answered); logs:\n%s", msg, iv.logs)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := catcher.Wait(ctx, iv.responseURL)
	require.NoError(t, err, "logs:\n%s", iv.logs)
	// The handler answers before it returns: nothing more can arrive once Invoke returned.
	iv.got = catcher.Snapshot(iv.responseURL)
	checkWire(t, iv)
	checkLogs(t, iv.logs, iv.responseURL, true)
	return iv
}

// send is invoke without expectations on the outcome.
func send(t *testing.T, raw []byte, pool string, opts ...localrun.EventOption) invocation {
	t.Helper()
	iv := invocation{responseURL: catcher.NewURL()}
	opts = append([]localrun.EventOption{localrun.WithRequestID(localrun.NewRequestID())}, opts...)
	var err error
	iv.event, err = localrun.PrepareEvent(raw, iv.responseURL, pool, opts...)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), functionTimeout+30*time.Second)
	defer cancel()
	from := len(emu.Logs())
	iv.result, err = emu.Invoke(ctx, iv.event)
	iv.logs = emu.Logs()[from:]
	require.NoError(t, err, "logs:\n%s", iv.logs)
	return iv
}

// checkWire asserts the response guarantees CloudFormation and S3 rely on: exactly one PUT,
// no Content-Type (the URL is signed without one), a byte-exact Content-Length, a body of at
// most 4096 bytes that is valid JSON CloudFormation knows, the request's IDs echoed, a
// PhysicalResourceId always, a Reason on FAILED, NoEcho exactly when a secret is returned.
func checkWire(t *testing.T, iv invocation) {
	t.Helper()
	got := iv.got
	require.True(t, got.Delivered, "a response was delivered")
	require.Len(t, got.Requests, 1, "exactly one request to the ResponseURL")
	require.Equal(t, 1, got.PUTs, "exactly one PUT")
	require.Equal(t, "PUT", got.Method)
	_, hasContentType := got.Header["Content-Type"]
	assert.False(t, hasContentType, "no Content-Type header (got %q)", got.Header.Get("Content-Type"))
	assert.False(t, got.Chunked, "not chunked: S3 refuses chunked uploads to a pre-signed URL")
	assert.Equal(t, int64(len(got.Body)), got.ContentLength, "Content-Length is byte-exact")
	assert.LessOrEqual(t, len(got.Body), cfnresponse.MaxBodyBytes)
	assert.True(t, utf8.Valid(got.Body), "body is UTF-8")
	require.NoError(t, got.DecodeErr, "body: %s", got.Body)

	r := got.Response
	assert.Contains(t, []string{"SUCCESS", "FAILED"}, r.Status)
	assert.Equal(t, iv.field("StackId"), r.StackID, "StackId echoed")
	assert.Equal(t, iv.field("RequestId"), r.RequestID, "RequestId echoed")
	assert.Equal(t, iv.field("LogicalResourceId"), r.LogicalResourceID, "LogicalResourceId echoed")
	assert.NotEmpty(t, r.PhysicalResourceID)
	if r.Status == "FAILED" {
		assert.NotEmpty(t, r.Reason, "a FAILED response has a Reason")
		assert.Empty(t, r.Data, "a FAILED response carries no Data")
	}
	_, hasSecret := r.Data["ClientSecret"]
	assert.Equal(t, hasSecret, r.NoEcho, "NoEcho is set exactly when Data carries ClientSecret")
	if hasSecret {
		assert.NotContains(t, iv.logs, r.Data["ClientSecret"], "the client secret reached the logs")
	}
}

// checkLogs asserts that the function's own output is JSON lines (AWS_LAMBDA_LOG_FORMAT=JSON,
// set by localrun for the function) with Lambda's keys, and that no line carries the
// ResponseURL's signature or query string. Lines that carry a requestId carry the
// invocation's; with everyRequestID, every line must carry it (the handler logs with the
// invocation's context; only the runtime library's own lines have none).
func checkLogs(t *testing.T, logs, responseURL string, everyRequestID bool) {
	t.Helper()
	u, err := url.Parse(responseURL)
	require.NoError(t, err)
	sig := u.Query().Get("X-Amz-Signature")
	require.NotEmpty(t, sig)
	assert.NotContains(t, logs, sig, "the ResponseURL's signature reached the logs")
	assert.NotContains(t, logs, u.RawQuery, "the ResponseURL's query string reached the logs")
	assert.NotContains(t, logs, "X-Amz-Signature=")

	fn := functionLines(logs)
	require.NotEmpty(t, fn, "the function logged nothing; logs:\n%s", logs)
	// The emulator's REPORT line names the invocation; every function line carries it.
	report := reportLine.FindStringSubmatch(logs)
	require.NotNil(t, report, "no REPORT line; logs:\n%s", logs)
	for _, line := range fn {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			hint := ""
			if stdLogLine.MatchString(line) {
				hint = " (written by the standard log package, e.g. aws-lambda-go's invoke loop reporting a " +
					"handler error; slog.SetDefault(logger) in lambda/main.go routes it through the JSON handler)"
			}
			t.Errorf("a function log line that is not JSON%s: %s", hint, line)
			continue
		}
		for _, k := range []string{"timestamp", "level", "message"} {
			assert.Contains(t, rec, k, "log line without %q: %s", k, line)
		}
		if id, ok := rec["requestId"]; ok || everyRequestID {
			assert.Equal(t, report[1], id, "log line without the invocation's requestId: %s", line)
		}
	}
}

// functionLines returns the lines of the emulator's output that the function wrote: all but
// the emulator's own START/END/REPORT lines and its logrus lines.
func functionLines(logs string) []string {
	var out []string
	for _, line := range strings.Split(logs, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "",
			strings.HasPrefix(line, "START RequestId:"),
			strings.HasPrefix(line, "END RequestId:"),
			strings.HasPrefix(line, "REPORT RequestId:"),
			isEmulatorLine(line):
			continue
		}
		out = append(out, line)
	}
	return out
}

// reportLine is the emulator's summary of one invocation. Its "Max Memory Used" is not a
// measurement: this emulator prints the configured Memory Size there.
var reportLine = regexp.MustCompile(`(?m)^REPORT RequestId: ([0-9a-f-]+)\t`)

// stdLogLine matches a line of the standard log package's default logger.
var stdLogLine = regexp.MustCompile(`^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} `)

// emulatorLine matches a line of the emulator's own logger:
// `26 Nov 2026 04:47:00,611 [INFO] (rapid) INIT START(type: on-demand, phase: init)`.
var emulatorLine = regexp.MustCompile(`^\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2},\d{3} \[[A-Z]+\] `)

// isEmulatorLine reports a line the emulator wrote about itself, not the function.
func isEmulatorLine(line string) bool {
	return emulatorLine.MatchString(line)
}

// props decodes a properties object as CloudFormation sends it (scalars as strings).
func props(t *testing.T, raw []byte, key string) map[string]any {
	t.Helper()
	v, ok := localrun.EventField(raw, key)
	if !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
		return nil
	}
	var m map[string]any
	require.NoError(t, json.Unmarshal(v, &m), "%s", key)
	return m
}
