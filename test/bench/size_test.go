package bench

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// releaseFlags are the Makefile's GOFLAGS_BUILD, exactly:
// -trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc.
var releaseFlags = []string{"-trimpath", "-ldflags=-s -w -buildid=", "-tags", "lambda.norpc"}

// sourceDate is the Makefile's SOURCE_DATE, the mtime stored in the reproducible zip.
var sourceDate = time.Date(2020, 1, 1, 0, 0, 0, 0, time.Local)

type artifact struct {
	binary, zipped int64
	err            error
}

var (
	artifacts     map[string]artifact
	artifactsOnce sync.Once
)

// BenchmarkArtifactSize reports the size of the linux/arm64 bootstrap that `make build`
// ships, built with the Makefile's flags (CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build
// -trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc), and of its zip (mtime
// SOURCE_DATE, `zip -X`), beside the floor built the same way. The target is a bootstrap of
// at most 10 MB. MB here is 10^6 bytes.
func BenchmarkArtifactSize(b *testing.B) {
	artifactsOnce.Do(func() {
		artifacts = map[string]artifact{}
		dir := b.TempDir()
		for name, pkg := range map[string]string{"bootstrap": lambdaPkg, "floor": floorPkg} {
			bin, zipped, err := buildArm64(filepath.Join(dir, name), pkg)
			artifacts[name] = artifact{bin, zipped, err}
		}
	})
	for range b.N {
	}
	b.ReportMetric(0, "ns/op")
	for name, suffix := range map[string]string{"bootstrap": "", "floor": "-floor"} {
		a := artifacts[name]
		if a.err != nil {
			b.Fatal(a.err)
		}
		b.ReportMetric(float64(a.binary)/1e6, "MB/arm64-bootstrap"+suffix)
		b.ReportMetric(float64(a.zipped)/1e6, "MB/arm64-zip"+suffix)
		b.ReportMetric(float64(a.binary), "bytes/arm64-bootstrap"+suffix)
		b.ReportMetric(float64(a.zipped), "bytes/arm64-zip"+suffix)
	}
}

// buildArm64 builds pkg into dir/bootstrap and zips it into dir/bootstrap.zip as the
// Makefile does, and returns both sizes.
func buildArm64(dir, pkg string) (int64, int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	out := filepath.Join(dir, "bootstrap")
	args := append([]string{"build"}, releaseFlags...)
	args = append(args, "-o", out, pkg)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, msg)
	}
	if err := os.Chtimes(out, sourceDate, sourceDate); err != nil {
		return 0, 0, err
	}
	zipped := filepath.Join(dir, "bootstrap.zip")
	if _, err := exec.LookPath("zip"); err == nil {
		cmd := exec.CommandContext(ctx, "zip", "-X", "-q", "bootstrap.zip", "bootstrap")
		cmd.Dir = dir
		if msg, err := cmd.CombinedOutput(); err != nil {
			return 0, 0, fmt.Errorf("zip: %w\n%s", err, msg)
		}
	} else if err := zipFile(zipped, out); err != nil {
		return 0, 0, err
	}
	bin, err := os.Stat(out)
	if err != nil {
		return 0, 0, err
	}
	z, err := os.Stat(zipped)
	if err != nil {
		return 0, 0, err
	}
	return bin.Size(), z.Size(), nil
}

// zipFile is `zip -X` in Go (deflate, no extra fields), for machines without zip.
func zipFile(dst, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: filepath.Base(src), Method: zip.Deflate, Modified: sourceDate}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, bytes.NewReader(data)); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}
