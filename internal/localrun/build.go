package localrun

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// buildFlags are the release build flags of the Makefile (GOFLAGS_BUILD):
// reproducible, stripped, without the legacy RPC mode of aws-lambda-go.
var buildFlags = []string{"-trimpath", "-ldflags=-s -w -buildid=", "-tags", "lambda.norpc"}

// BuildBootstrap builds pkg (anything `go build` accepts, resolved from the
// current directory: an import path such as
// github.com/cognito-cfn/userpoolclient/test/floor works from anywhere in the
// module) into the executable out, for this machine's OS and architecture
// (what the emulator can run), with buildFlags and CGO disabled, like
// `make build-host`.
func BuildBootstrap(ctx context.Context, pkg, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("build %s: %w", pkg, err)
	}
	args := append([]string{"build"}, buildFlags...)
	args = append(args, "-o", out, pkg)
	cmd := exec.CommandContext(ctx, goBinary(), args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	var output bytes.Buffer
	cmd.Stdout = &output
	cmd.Stderr = &output
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, output.String())
	}
	return nil
}

// goBinary is the go command on PATH; go test and go run put the running
// toolchain's first.
func goBinary() string { return "go" }
