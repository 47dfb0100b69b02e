package localrun

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// invokePath is the emulator's invoke endpoint (the Lambda Invoke API path).
const invokePath = "/2015-03-31/functions/function/invocations"

// emulatorStartTimeout bounds the emulator's startup (it listens within
// milliseconds on a quiet machine; it starts the bootstrap only on the first
// invoke). The bound only matters when it cannot start at all.
const emulatorStartTimeout = time.Minute

// EmulatorConfig says what the emulator runs and how.
type EmulatorConfig struct {
	// Bootstrap is the path of a host-architecture Lambda bootstrap.
	Bootstrap string
	// Env is added to the function's environment and overrides the defaults
	// (AWS_REGION, fake static credentials, AWS_LAMBDA_LOG_FORMAT=JSON, ...).
	// Nothing else is inherited from this process but PATH and the locale.
	// Point the function at moto with Moto.Env.
	Env map[string]string
	// Timeout is the function timeout, rounded up to whole seconds
	// (AWS_LAMBDA_FUNCTION_TIMEOUT). Zero means the emulator's default of
	// 300 s. At the deadline the emulator kills the bootstrap and still
	// answers the invoke with HTTP 200.
	Timeout time.Duration
	// RIE is the path of the aws-lambda-rie binary. Empty means the one the
	// tools module pins (see RIEPath).
	RIE string
}

// Emulator is an aws-lambda-rie process serving one function on loopback.
type Emulator struct {
	proc    *child
	url     string
	dir     string     // HOME and TMPDIR of the function, removed by Stop
	mu      sync.Mutex // the emulator serves one invoke at a time
	client  *http.Client
	stopErr error
	once    sync.Once
}

// StartEmulator starts the Runtime Interface Emulator on two free loopback
// ports with cfg.Bootstrap as the function and waits until it accepts
// connections. ctx bounds the startup only; the emulator runs until Stop.
//
// The emulator takes the bootstrap path as its argument and needs no special
// layout; the bootstrap runs in the bootstrap's directory (like /var/task).
// The first Invoke starts the bootstrap (the cold start).
func StartEmulator(ctx context.Context, cfg EmulatorConfig) (*Emulator, error) {
	if cfg.Bootstrap == "" {
		return nil, errors.New("start emulator: no bootstrap given")
	}
	bootstrap, err := filepath.Abs(cfg.Bootstrap)
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	fi, err := os.Stat(bootstrap)
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return nil, fmt.Errorf("start emulator: %s is not an executable file", bootstrap)
	}
	rie := cfg.RIE
	if rie == "" {
		if rie, err = RIEPath(ctx); err != nil {
			return nil, fmt.Errorf("start emulator: %w", err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, emulatorStartTimeout)
	defer cancel()
	for attempt := 1; ; attempt++ {
		e, err := startEmulatorOnce(ctx, rie, bootstrap, cfg)
		if err == nil {
			return e, nil
		}
		if attempt == startAttempts || ctx.Err() != nil {
			return nil, err
		}
	}
}

func startEmulatorOnce(ctx context.Context, rie, bootstrap string, cfg EmulatorConfig) (*Emulator, error) {
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	runtimeAPI := "127.0.0.1:" + strconv.Itoa(ports[1])

	dir, err := os.MkdirTemp("", "localrun-emulator-*")
	if err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	cmd := exec.Command(rie,
		"--runtime-interface-emulator-address", addr,
		"--runtime-api-address", runtimeAPI,
		bootstrap)
	cmd.Dir = filepath.Dir(bootstrap)
	cmd.Env = envList(functionEnv(dir, filepath.Dir(bootstrap), cfg))
	p, err := startChild(cmd)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	e := &Emulator{
		proc:   p,
		url:    "http://" + addr + invokePath,
		dir:    dir,
		client: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}},
	}
	if err := p.waitReady(ctx, "emulator", func(ctx context.Context) bool { return tcpAccepts(ctx, addr) }); err != nil {
		_ = e.Stop()
		return nil, err
	}
	return e, nil
}

// functionEnv is the complete environment of the emulator, which passes all
// of it on to the function.
func functionEnv(home, taskRoot string, cfg EmulatorConfig) map[string]string {
	env := minimalEnv()
	for k, v := range map[string]string{
		"HOME":                        home,
		"TMPDIR":                      home,
		"AWS_REGION":                  Region,
		"AWS_DEFAULT_REGION":          Region,
		"AWS_ACCESS_KEY_ID":           fakeAccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       fakeSecretAccessKey,
		"AWS_CONFIG_FILE":             filepath.Join(home, "aws-config-absent"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "aws-credentials-absent"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_LAMBDA_LOG_FORMAT":       "JSON",
		"AWS_LAMBDA_FUNCTION_NAME":    "localrun",
		"LAMBDA_TASK_ROOT":            taskRoot,
		// The emulator's own logs ("(rapid) INIT START ...").
		"LOG_LEVEL": "info",
	} {
		env[k] = v
	}
	for k, v := range cfg.Env {
		env[k] = v
	}
	if cfg.Timeout > 0 {
		env["AWS_LAMBDA_FUNCTION_TIMEOUT"] = strconv.Itoa(int(math.Ceil(cfg.Timeout.Seconds())))
	}
	return env
}

// URL is the emulator's invoke endpoint.
func (e *Emulator) URL() string { return e.url }

// PID is the emulator's process ID. The bootstrap runs as its child, in a
// process group of its own.
func (e *Emulator) PID() int { return e.proc.pid() }

// Logs returns the emulator's combined stdout and stderr so far: the
// function's own log lines (JSON with AWS_LAMBDA_LOG_FORMAT=JSON) among the
// emulator's START, END, REPORT and "(rapid)" lines. It only grows, so
// Logs()[n:] with n an earlier len(Logs()) is what came since.
func (e *Emulator) Logs() string { return e.proc.logs.String() }

// Invoke sends event to the function, as the Lambda Invoke API would, and
// returns the function's result. A handler error is not an error here: the
// emulator answers it with HTTP 200 and {"errorMessage": ...}, and a timeout
// with HTTP 200 and "Task timed out after N.00 seconds"; see FunctionError.
// Any other status is an error carrying the body. Invokes are serialized.
// When Invoke returns, Logs holds the invocation's output up to the
// emulator's REPORT line.
func (e *Emulator) Invoke(ctx context.Context, event []byte) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url, bytes.NewReader(event))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	// The emulator uses this as the invocation's request ID and prints
	// "REPORT RequestId: <id>" after the function's own output.
	requestID := NewRequestID()
	req.Header.Set("X-Amzn-RequestId", requestID)
	resp, err := e.client.Do(req)
	if err != nil {
		if e.proc.hasExited() {
			return nil, fmt.Errorf("invoke: emulator exited (%v): %w", e.proc.err, err)
		}
		return nil, fmt.Errorf("invoke: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return body, fmt.Errorf("invoke: read result: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("invoke: HTTP %d: %s", resp.StatusCode, tail(string(body), 2000))
	}
	e.awaitLog(ctx, "REPORT RequestId: "+requestID)
	return body, nil
}

// awaitLog waits until line is in the logs: the emulator writes the
// function's output and its REPORT line before it answers the invoke, but
// they reach Logs through a pipe, a little later (milliseconds; the bound is
// for a loaded machine, and only a missing line waits it out).
func (e *Emulator) awaitLog(ctx context.Context, line string) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for !strings.Contains(e.Logs(), line) {
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// NewRequestID returns a random (version 4) UUID, the form of Lambda request IDs.
func NewRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// FunctionError returns the failure an invoke result reports, if any: the
// errorMessage of a handler error or panic, or the emulator's timeout notice.
func FunctionError(result []byte) (string, bool) {
	trimmed := bytes.TrimSpace(result)
	if bytes.HasPrefix(trimmed, []byte("Task timed out")) {
		return string(trimmed), true
	}
	var fe struct {
		ErrorMessage *string `json:"errorMessage"`
		ErrorType    string  `json:"errorType"`
	}
	if json.Unmarshal(trimmed, &fe) != nil || fe.ErrorMessage == nil {
		return "", false
	}
	if fe.ErrorType != "" {
		return fe.ErrorType + ": " + *fe.ErrorMessage, true
	}
	return *fe.ErrorMessage, true
}

// Stop ends the emulator and the bootstrap it started, waits for both, and
// removes the function's temporary HOME. It is safe to call more than once.
func (e *Emulator) Stop() error {
	e.once.Do(func() {
		// The bootstrap is in a process group of its own, so record it before
		// the emulator goes: on SIGTERM the emulator SIGKILLs it and waits,
		// but a SIGKILLed emulator would leave it behind.
		kids := descendants(e.PID())
		err := e.proc.stop(syscall.SIGTERM, 3*time.Second)
		for _, k := range kids {
			k.kill()
		}
		deadline := time.Now().Add(3 * time.Second)
		for _, k := range kids {
			for k.alive() && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if k.alive() && err == nil {
				err = fmt.Errorf("process %d outlived the emulator", k.pid)
			}
		}
		if rmErr := os.RemoveAll(e.dir); rmErr != nil && err == nil {
			err = rmErr
		}
		if err != nil {
			e.stopErr = fmt.Errorf("stop emulator: %w", err)
		}
	})
	return e.stopErr
}

var rieCache struct {
	sync.Mutex
	path string
}

// RIEPath returns the path of the aws-lambda-rie binary that the tools module (tools/go.mod,
// beside the main module's go.mod) pins, building it if needed (`go tool -n`, about 40 s on 2
// cores the first time). It must run inside the main module. The tools have a module of
// their own so that nobody who requires this one inherits them.
func RIEPath(ctx context.Context) (string, error) {
	rieCache.Lock()
	defer rieCache.Unlock()
	if rieCache.path != "" {
		return rieCache.path, nil
	}
	dir, err := ToolsDir(ctx)
	if err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, goBinary(), "tool", "-n", "aws-lambda-rie")
	cmd.Dir = dir
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n aws-lambda-rie (in %s): %w: %s", dir, err, strings.TrimSpace(stderr.String()))
	}
	path := strings.TrimSpace(string(out))
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("go tool -n aws-lambda-rie: %w", err)
	}
	rieCache.path = path
	return path, nil
}

// ToolsDir returns the directory of the tools module: tools/ beside the main module's go.mod.
func ToolsDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, goBinary(), "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("find the tools module: not inside the main module (go env GOMOD is empty)")
	}
	dir := filepath.Join(filepath.Dir(gomod), "tools")
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return "", fmt.Errorf("find the tools module: %w", err)
	}
	return dir, nil
}
