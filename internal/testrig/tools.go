package testrig

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// RequireEnv, when set to 1 (make test and .ci/run set it), turns a missing tool from a skip
// into a failure: the full run must not pass by running less.
const RequireEnv = "USERPOOLCLIENT_REQUIRE_TOOLS"

// Tool is an external program a suite needs on PATH.
type Tool struct {
	Name string // the executable
	Get  string // how to get it, starting with the make target that brings it
}

var (
	// Moto is moto's server, the local Cognito.
	Moto = Tool{Name: "moto_server", Get: "`make tools` installs it"}
	// CfnLint is the CloudFormation linter, whose decoder the template suite also uses.
	CfnLint = Tool{Name: "cfn-lint", Get: "`make tools` installs it"}
	// Make runs the Makefile's targets (the template suite checks the one SAM calls).
	Make = Tool{Name: "make", Get: "Debian: apt-get install make"}
	// Python3 runs cfn-lint's decoder for the template suite.
	Python3 = Tool{Name: "python3", Get: "install Python 3.10 or later (Debian: apt-get install python3 python3-venv)"}
)

// Suite is one tool-bound test package.
type Suite struct {
	// Name is the package's directory, as the skip line shows it: "test/integration".
	Name string
	// Needs lists the tools that must be on PATH.
	Needs []Tool
	// Partial runs the suite without the missing tools all the same (after the one line):
	// its tests that need one call Need, and the others run.
	Partial bool
	// Setup, when set, starts what the tests share; the func it returns stops it, after the
	// tests, and an error it returns fails the suite. ctx ends when setup has taken
	// setupTimeout.
	Setup func(ctx context.Context) (stop func() error, err error)
}

// setupTimeout bounds a suite's setup: a cold build of the bootstrap and the emulator on a
// loaded 2-core machine takes minutes.
const setupTimeout = 15 * time.Minute

// Run is a suite's TestMain: os.Exit(testrig.Run(m, suite)). It skips the suite (status 0)
// with one line when a tool is missing, or fails it (status 1) under RequireEnv.
func Run(m *testing.M, s Suite) int {
	if missing := Missing(s.Needs...); len(missing) > 0 {
		var what []string
		for _, t := range missing {
			what = append(what, t.Name+" is not on PATH ("+t.Get+")")
		}
		if os.Getenv(RequireEnv) == "1" {
			fmt.Fprintf(os.Stderr, "FAIL %s: %s\n", s.Name, strings.Join(what, "; "))
			return 1
		}
		if !s.Partial {
			say(fmt.Sprintf("skip %s: %s; `make test` runs it", s.Name, strings.Join(what, "; ")))
			return 0
		}
		say(fmt.Sprintf("skip part of %s: %s; `make test` runs it", s.Name, strings.Join(what, "; ")))
	}
	if s.Setup != nil {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		stop, err := s.Setup(ctx)
		cancel()
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: set-up: %v\n", s.Name, err)
			return 1
		}
		code := m.Run()
		if stop != nil {
			if err := stop(); err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", s.Name, err)
				code = 1
			}
		}
		return code
	}
	return m.Run()
}

// Missing returns the tools that are not on PATH.
func Missing(tools ...Tool) []Tool {
	var out []Tool
	for _, t := range tools {
		if _, err := exec.LookPath(t.Name); err != nil {
			out = append(out, t)
		}
	}
	return out
}

// say prints line where a person sees it: `go test ./...` shows a passing package's output
// only with -v, so the line also goes to the terminal, when there is one.
func say(line string) {
	fmt.Fprintln(os.Stderr, line)
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprintln(tty, line)
		tty.Close()
	}
}

// Need skips t when a tool is missing (Suite.Partial), or fails it under RequireEnv.
func Need(t testing.TB, tools ...Tool) {
	t.Helper()
	for _, tool := range Missing(tools...) {
		msg := tool.Name + " is not on PATH (" + tool.Get + ")"
		if os.Getenv(RequireEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// CfnLintPython returns the Python that runs cfn-lint, where its modules (cfnlint, regex)
// can be imported: the python3 beside it (a virtual environment's bin, pyenv's shims), else
// the interpreter its #! line names, else python3 from PATH. make appends .venv/bin to PATH,
// so the python3 found first need not be cfn-lint's.
func CfnLintPython() string {
	lint, err := exec.LookPath(CfnLint.Name)
	if err != nil {
		return "python3"
	}
	if py := filepath.Join(filepath.Dir(lint), "python3"); isExecutable(py) {
		return py
	}
	if f, err := os.Open(lint); err == nil {
		defer f.Close()
		line, _ := bufio.NewReader(f).ReadString('\n')
		if py, ok := strings.CutPrefix(strings.TrimSpace(line), "#!"); ok && strings.Contains(py, "python") && !strings.Contains(py, " ") && isExecutable(py) {
			return py
		}
	}
	return "python3"
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode().Perm()&0o111 != 0
}

// ExitCode is the exit code of a command that ran with err as its result: 0 when err is nil,
// the code when it is an *exec.ExitError; any other error (the command did not start) fails t.
func ExitCode(t testing.TB, err error) int {
	t.Helper()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}
