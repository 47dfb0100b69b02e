package testrig

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// helperEnv makes this test binary a suite whose tool is missing: "whole" or "partial".
const helperEnv = "TESTRIG_HELPER_SUITE"

var absent = Tool{Name: "testrig-no-such-tool", Get: "`make nothing` brings it"}

func TestMain(m *testing.M) {
	switch os.Getenv(helperEnv) {
	case "whole":
		os.Exit(Run(m, Suite{Name: "test/demo", Needs: []Tool{absent}}))
	case "partial":
		os.Exit(Run(m, Suite{Name: "test/demo", Needs: []Tool{absent}, Partial: true}))
	}
	os.Exit(m.Run())
}

// TestHelperNeedsTheTool is the helper suite's one test; it says whether it ran.
func TestHelperNeedsTheTool(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("run by TestRunSkipsOrFails")
	}
	fmt.Println("helper test ran")
	Need(t, absent)
	fmt.Println("helper test passed Need")
}

func TestRunSkipsOrFails(t *testing.T) {
	tests := map[string]struct {
		mode, require string
		code          int
		want, not     []string
	}{
		"skipped": {mode: "whole", code: 0,
			want: []string{"skip test/demo: testrig-no-such-tool is not on PATH (`make nothing` brings it); `make test` runs it"},
			not:  []string{"helper test ran"}},
		"failed under make test": {mode: "whole", require: "1", code: 1,
			want: []string{"FAIL test/demo: testrig-no-such-tool is not on PATH"},
			not:  []string{"helper test ran"}},
		"partial: the tests run, the one needing the tool skips": {mode: "partial", code: 0,
			want: []string{"skip part of test/demo", "helper test ran", "--- SKIP: TestHelperNeedsTheTool"},
			not:  []string{"passed Need"}},
		"partial, under make test: fails as a whole": {mode: "partial", require: "1", code: 1,
			want: []string{"FAIL test/demo: testrig-no-such-tool is not on PATH"},
			not:  []string{"helper test ran"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperNeedsTheTool$", "-test.v")
			cmd.Env = append(os.Environ(), helperEnv+"="+tt.mode, RequireEnv+"="+tt.require)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			code := ExitCode(t, cmd.Run())
			if code != tt.code {
				t.Errorf("exit status %d, want %d; output:\n%s", code, tt.code, out.String())
			}
			for _, w := range tt.want {
				if !bytes.Contains(out.Bytes(), []byte(w)) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, n := range tt.not {
				if bytes.Contains(out.Bytes(), []byte(n)) {
					t.Errorf("output has %q:\n%s", n, out.String())
				}
			}
		})
	}
}
