package localrun

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/stretchr/testify/require"
)

const floorPkg = "github.com/cognito-cfn/userpoolclient/test/floor"

// gone reports whether pid no longer exists (Stop reaps what it started).
func gone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

func requireMoto(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("moto_server"); err != nil {
		t.Skip("moto_server is not on PATH (pip install 'moto[server]'); skipping the local-run harness test")
	}
}

// TestHarness runs the floor bootstrap under the emulator against moto, as
// the end-to-end tests run the real one.
func TestHarness(t *testing.T) {
	requireMoto(t)
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	// Start moto while the bootstrap and the emulator build (both cached
	// after the first run).
	type started struct {
		moto *Moto
		err  error
	}
	motoc := make(chan started, 1)
	go func() {
		m, err := StartMoto(ctx)
		motoc <- started{m, err}
	}()
	bootstrap := filepath.Join(t.TempDir(), "bootstrap")
	buildErr := BuildBootstrap(ctx, floorPkg, bootstrap)
	_, rieErr := RIEPath(ctx)
	s := <-motoc
	if s.err == nil {
		t.Cleanup(func() { _ = s.moto.Stop() })
	}
	require.NoError(t, s.err)
	require.NoError(t, buildErr)
	require.NoError(t, rieErr)
	moto := s.moto

	poolID, err := moto.CreateUserPool(ctx, "harness")
	require.NoError(t, err)
	require.Regexp(t, `^us-east-1_\w+$`, poolID)

	catcher := StartCatcher()
	t.Cleanup(func() { _ = catcher.Close() })

	emu, err := StartEmulator(ctx, EmulatorConfig{Bootstrap: bootstrap, Env: moto.Env(), Timeout: 10 * time.Second})
	require.NoError(t, err)
	t.Cleanup(func() { _ = emu.Stop() })

	raw, err := os.ReadFile(filepath.Join("..", "..", "events", "create.json"))
	require.NoError(t, err)
	responseURL := catcher.NewURL()
	event, err := PrepareEvent(raw, responseURL, poolID)
	require.NoError(t, err)

	result, err := emu.Invoke(ctx, event)
	require.NoError(t, err, "logs:\n%s", emu.Logs())
	msg, failed := FunctionError(result)
	require.False(t, failed, "function error %q; logs:\n%s", msg, emu.Logs())

	waitCtx, waitCancel := context.WithTimeout(ctx, 5*time.Second)
	defer waitCancel()
	got, err := catcher.Wait(waitCtx, responseURL)
	require.NoError(t, err)
	require.Equal(t, 1, got.PUTs, "exactly one response")
	require.Equal(t, "SUCCESS", got.Response.Status)
	require.Equal(t, "floor", got.Response.PhysicalResourceID)
	require.Equal(t, "arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/5b2d4e60-8c1f-11ef-9a3b-0e6f7c2d4a11", got.Response.StackID)
	require.Equal(t, "0f2c6a1e-3b7d-4c9a-8e5f-6d1b2a3c4e5f", got.Response.RequestID)
	require.Equal(t, "WebClient", got.Response.LogicalResourceID)
	require.NoError(t, got.DecodeErr)
	require.Empty(t, catcher.Unexpected())

	// The function logs JSON (AWS_LAMBDA_LOG_FORMAT=JSON) into Logs.
	require.Contains(t, emu.Logs(), `"message":"responded"`)

	// A handler error comes back as HTTP 200 with an errorMessage.
	noURL, err := PrepareEvent(raw, "", "", WithoutKey("ResponseURL"))
	require.NoError(t, err)
	result, err = emu.Invoke(ctx, noURL)
	require.NoError(t, err)
	msg, failed = FunctionError(result)
	require.True(t, failed, "result %s", result)
	require.Contains(t, msg, "no ResponseURL")

	// Stop ends the emulator and the bootstrap it ran.
	bootstraps := descendants(emu.PID())
	require.NotEmpty(t, bootstraps, "the warm bootstrap runs under the emulator")
	pid := emu.PID()
	require.NoError(t, emu.Stop())
	require.True(t, gone(pid), "emulator %d still exists", pid)
	for _, p := range bootstraps {
		require.False(t, p.alive(), "bootstrap %d outlived the emulator", p.pid)
	}
	require.NoError(t, emu.Stop(), "Stop twice")

	// Reset wipes moto.
	require.NoError(t, moto.Reset(ctx))
	pools, err := moto.Cognito().ListUserPools(ctx, &cognitoidentityprovider.ListUserPoolsInput{MaxResults: aws.Int32(10)})
	require.NoError(t, err)
	require.Empty(t, pools.UserPools)

	motoPID := moto.PID()
	require.NoError(t, moto.Stop())
	require.True(t, gone(motoPID), "moto %d still exists", motoPID)
}

func TestFunctionEnvIsolated(t *testing.T) {
	t.Setenv("AWS_PROFILE", "production")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIAREALREALREAL")
	t.Setenv("AWS_SESSION_TOKEN", "real")
	env := functionEnv("/tmp/h", "/task", EmulatorConfig{Env: map[string]string{EndpointEnv: "http://127.0.0.1:1"}, Timeout: 1500 * time.Millisecond})
	require.NotContains(t, env, "AWS_PROFILE")
	require.NotContains(t, env, "AWS_SESSION_TOKEN")
	require.Equal(t, fakeAccessKeyID, env["AWS_ACCESS_KEY_ID"])
	require.Equal(t, "us-east-1", env["AWS_REGION"])
	require.Equal(t, "JSON", env["AWS_LAMBDA_LOG_FORMAT"])
	require.Equal(t, "2", env["AWS_LAMBDA_FUNCTION_TIMEOUT"])
	require.Equal(t, "http://127.0.0.1:1", env[EndpointEnv])
	for k := range env {
		require.False(t, strings.HasPrefix(k, "AWS_") && !strings.HasPrefix(k, "AWS_LAMBDA_") &&
			!map[string]bool{"AWS_REGION": true, "AWS_DEFAULT_REGION": true, "AWS_ACCESS_KEY_ID": true,
				"AWS_SECRET_ACCESS_KEY": true, "AWS_CONFIG_FILE": true, "AWS_SHARED_CREDENTIALS_FILE": true,
				"AWS_EC2_METADATA_DISABLED": true, EndpointEnv: true}[k], "unexpected %s", k)
	}
}

func TestFunctionError(t *testing.T) {
	tests := map[string]struct {
		result string
		want   string
		failed bool
	}{
		"null":          {result: "null"},
		"object":        {result: `{"ok":true}`},
		"handler error": {result: `{"errorMessage":"boom","errorType":"errorString"}`, want: "errorString: boom", failed: true},
		"timeout":       {result: "Task timed out after 3.00 seconds", want: "Task timed out after 3.00 seconds", failed: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, failed := FunctionError([]byte(tc.result))
			require.Equal(t, tc.failed, failed)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestEmulatorTimeout covers what fault tests rely on: a function past its
// deadline is reported as a timeout, and Stop ends a bootstrap that is still
// inside an invocation.
func TestEmulatorTimeout(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bootstrap := filepath.Join(t.TempDir(), "bootstrap")
	require.NoError(t, BuildBootstrap(ctx, "./testdata/hang", bootstrap))
	emu, err := StartEmulator(ctx, EmulatorConfig{Bootstrap: bootstrap, Timeout: 900 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = emu.Stop() })

	// 900 ms is rounded up to the emulator's whole seconds.
	result, err := emu.Invoke(ctx, []byte(`{}`))
	require.NoError(t, err, "a timeout is still HTTP 200")
	msg, failed := FunctionError(result)
	require.True(t, failed)
	require.Equal(t, "Task timed out after 1.00 seconds", msg)

	// Leave an invocation running, as an interrupted run does.
	short, cancelShort := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancelShort()
	_, err = emu.Invoke(short, []byte(`{}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	bootstraps := descendants(emu.PID())
	require.NotEmpty(t, bootstraps)
	pid := emu.PID()
	require.NoError(t, emu.Stop())
	require.True(t, gone(pid))
	for _, p := range bootstraps {
		require.False(t, p.alive(), "bootstrap %d outlived the emulator", p.pid)
	}
}
