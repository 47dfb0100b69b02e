package setup

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/internal/testrig"
)

const root = "../.."

func TestMain(m *testing.M) {
	os.Exit(testrig.Run(m, testrig.Suite{
		Name: "test/setup",
		// The wheels are made from the installed moto and cfn-lint.
		Needs: []testrig.Tool{testrig.Python3, testrig.Make, testrig.Moto, testrig.CfnLint},
	}))
}

// TestToolsFromWheels runs `make tools` with moto_server and cfn-lint off PATH and pip
// pointed at a local wheel directory only, then starts moto from the virtual environment.
func TestToolsFromWheels(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a virtual environment")
	}
	python := run(t, "", nil, "python3", "-c", "import sys; print(sys.executable)")
	// Their Python must have them installed: the wheels are rebuilt from the installation.
	run(t, "", nil, python, "-c", "import moto, cfnlint")

	tmp := t.TempDir()
	wheels := filepath.Join(tmp, "wheels")
	reqs, err := filepath.Abs(filepath.Join(root, "requirements.txt"))
	require.NoError(t, err)
	run(t, "", nil, python, "testdata/wheelhouse.py", reqs, wheels)

	// A PATH with go, make and this Python, and the system directories, which hold neither
	// moto_server nor cfn-lint.
	bin := filepath.Join(tmp, "bin")
	require.NoError(t, os.Mkdir(bin, 0o755))
	for name, target := range map[string]string{"python3": python, "go": lookPath(t, "go"), "make": lookPath(t, "make")} {
		require.NoError(t, os.Symlink(target, filepath.Join(bin, name)))
	}
	path := bin + ":/usr/bin:/bin"
	for _, tool := range []string{"moto_server", "cfn-lint"} {
		for _, dir := range filepath.SplitList(path) {
			_, err := os.Stat(filepath.Join(dir, tool))
			require.Error(t, err, "%s is in %s: the test cannot hide it", tool, dir)
		}
	}
	venv := filepath.Join(tmp, "venv")
	env := []string{"PATH=" + path, "HOME=" + tmp, "PIP_NO_INDEX=1", "PIP_FIND_LINKS=" + wheels, "PIP_CONFIG_FILE=" + os.DevNull}
	out := run(t, root, env, "make", "--no-print-directory", "tools", "VENV="+venv)
	require.Contains(t, out, "creating the virtual environment")
	require.Contains(t, out, "installing requirements.txt")

	pinned := regexp.MustCompile(`(?m)^cfn-lint==(\S+)`).FindStringSubmatch(string(readFile(t, reqs)))
	require.NotNil(t, pinned)
	require.Contains(t, run(t, "", env, filepath.Join(venv, "bin", "cfn-lint"), "--version"), pinned[1])

	// Once the environment is there, make finds the tools in it.
	again := run(t, root, env, "make", "--no-print-directory", "tools", "VENV="+venv)
	require.Contains(t, again, filepath.Join(venv, "bin", "moto_server"))
	require.NotContains(t, again, "installing")

	// And the moto it installed serves the local Cognito.
	t.Setenv("PATH", filepath.Join(venv, "bin")+":"+path)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	moto, err := localrun.StartMoto(ctx)
	require.NoError(t, err)
	defer moto.Stop()
	pool, err := moto.CreateUserPool(ctx, "setup")
	require.NoError(t, err)
	require.Regexp(t, `^us-east-1_\w+$`, pool)
}

// run runs name with args in dir (env replaces the environment when given) and returns its
// combined output, failing the test when it fails.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Run(), "%s %s:\n%s", name, strings.Join(args, " "), out.String())
	return strings.TrimSpace(out.String())
}

func lookPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	require.NoError(t, err)
	p, err = filepath.EvalSymlinks(p)
	require.NoError(t, err)
	return p
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
