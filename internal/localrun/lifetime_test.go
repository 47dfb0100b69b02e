package localrun

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// helperEnv makes TestSuiteHelper play a test suite that is killed mid-run.
const helperEnv = "LOCALRUN_SUITE_HELPER_BOOTSTRAP"

// TestSuiteHelper is not a test on its own: run by TestNothingOutlivesAKilledSuite, it starts
// what a suite starts (moto, and the emulator with a bootstrap in the middle of an
// invocation), prints "ready", and waits to be killed.
func TestSuiteHelper(t *testing.T) {
	bootstrap := os.Getenv(helperEnv)
	if bootstrap == "" {
		t.Skip("run by TestNothingOutlivesAKilledSuite")
	}
	ctx := context.Background()
	moto, err := StartMoto(ctx)
	require.NoError(t, err)
	emu, err := StartEmulator(ctx, EmulatorConfig{Bootstrap: bootstrap, Timeout: time.Hour})
	require.NoError(t, err)
	go func() { _, _ = emu.Invoke(ctx, []byte(`{}`)) }() // the bootstrap hangs in it
	for !strings.Contains(emu.Logs(), "hanging") {
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Printf("ready moto=%d emulator=%d\n", moto.PID(), emu.PID())
	select {}
}

// TestNothingOutlivesAKilledSuite kills a running suite as Ctrl-C, a CI timeout or the OOM
// killer would, and finds none of moto, the emulator or the bootstrap left.
func TestNothingOutlivesAKilledSuite(t *testing.T) {
	requireMoto(t)
	if testing.Short() {
		t.Skip("starts three suites")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel) // after the parallel subtests
	bootstrap := filepath.Join(t.TempDir(), "bootstrap")
	require.NoError(t, BuildBootstrap(ctx, "./testdata/hang", bootstrap))
	_, err := RIEPath(ctx)
	require.NoError(t, err)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			suite := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestSuiteHelper$", "-test.v")
			suite.Env = append(os.Environ(), helperEnv+"="+bootstrap)
			suite.Stderr = os.Stderr
			out, err := suite.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, suite.Start())
			t.Cleanup(func() { _ = suite.Process.Kill(); _ = suite.Wait() })
			lines := bufio.NewScanner(out)
			ready := false
			for !ready && lines.Scan() {
				ready = strings.HasPrefix(lines.Text(), "ready ")
			}
			require.True(t, ready, "the suite did not start")
			go func() {
				for lines.Scan() { // drain, so that the suite never blocks on its output
				}
			}()

			running := descendants(suite.Process.Pid)
			var names []string
			for _, p := range running {
				names = append(names, cmdline(p.pid))
			}
			all := strings.Join(names, "\n")
			for _, want := range []string{"moto_server", "aws-lambda-rie", bootstrap} {
				require.Contains(t, all, want, "the suite runs %s", want)
			}

			require.NoError(t, suite.Process.Signal(sig))
			_ = suite.Wait()
			// The kernel signals the keepers at once; give them the time a loaded machine needs.
			var left []string
			for end := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
				left = left[:0]
				for _, p := range running {
					if p.alive() {
						left = append(left, strconv.Itoa(p.pid)+" "+cmdline(p.pid))
					}
				}
				if len(left) == 0 || time.Now().After(end) {
					break
				}
			}
			require.Empty(t, left, "processes that outlived the suite killed by %s", sig)
		})
	}
}

// cmdline is a process's command line, with spaces between the arguments.
func cmdline(pid int) string {
	b, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	return strings.TrimSpace(strings.ReplaceAll(string(b), "\x00", " "))
}
